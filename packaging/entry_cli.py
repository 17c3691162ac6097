"""The bundle's ``genstudio-cli``: the command line (PyInstaller entry point)."""

import sys

from genstudio.cli.main import main

sys.exit(main())
