"""The ``wusong`` console script's entry point: runs the click group and turns its exit into a
return code, so tests and the packaged launcher can call it like a function."""

from __future__ import annotations

from desktop.cli.main import cli


def main(argv: list[str] | None = None) -> int:
    """Run ``wusong`` with ``argv`` (sys.argv when None); returns the exit code (0 = done)."""
    try:
        cli.main(args=argv, prog_name="wusong", standalone_mode=True)
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 1
    return 0
