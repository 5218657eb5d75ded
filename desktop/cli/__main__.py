"""``python -m desktop.cli`` runs the command line (same as the ``wusong`` script)."""

from __future__ import annotations

import sys

from desktop.cli import main

sys.exit(main())
