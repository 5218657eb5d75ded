"""Windows version resource for the frozen executables, filled from ``desktop.__version__`` so
that the file properties never disagree with ``wusong --version``."""

from __future__ import annotations

from pathlib import Path

TEMPLATE = Path(__file__).resolve().parents[1] / "windows" / "version_info.txt"


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """``0.1.0`` -> ``(0, 1, 0, 0)``; Windows wants exactly four 16-bit numbers."""
    numbers = [int(part) for part in version.split(".")[:4]]
    if any(not 0 <= n < 65536 for n in numbers):
        raise ValueError(f"version {version!r} does not fit a Windows version resource")
    return tuple(numbers + [0] * (4 - len(numbers)))  # type: ignore[return-value]


def render(version: str, exe_name: str) -> str:
    """PyInstaller's text form of a VSVersionInfo (it is read back with ``eval``)."""
    return (
        TEMPLATE.read_text(encoding="utf-8")
        .replace("{VERSION_TUPLE}", repr(version_tuple(version)))
        .replace("{VERSION}", version)
        .replace("{EXE}", exe_name)
    )


def write(version: str, exe_name: str, folder: Path) -> Path:
    target = folder / f"version_info-{exe_name}.txt"
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(render(version, exe_name), encoding="utf-8")
    return target
