"""``python -m desktop`` starts the window."""

from __future__ import annotations

import sys

from desktop.ui.app import main

sys.exit(main())
