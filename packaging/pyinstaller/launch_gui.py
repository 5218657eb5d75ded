"""Frozen entry point of the window (无讼调解助手)."""

from __future__ import annotations

import sys

from desktop.ui.app import main

if __name__ == "__main__":
    sys.exit(main())
