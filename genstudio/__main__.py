"""``python -m genstudio`` opens the window."""

import sys

from genstudio.app import main

sys.exit(main())
