"""``wusong``: the Qt-free command line. Every core capability is reachable from here, which
keeps the core honest. Errors print one Chinese sentence on stderr and exit non-zero."""

from __future__ import annotations

import sys

from desktop.cli.main import cli


def main(argv: list[str] | None = None) -> int:
    try:
        cli.main(args=argv, prog_name="wusong", standalone_mode=True)
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
