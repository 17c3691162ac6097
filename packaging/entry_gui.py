"""The bundle's ``genstudio``: the window (PyInstaller entry point)."""

import sys

from genstudio.app import main

sys.exit(main())
