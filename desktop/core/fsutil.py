"""Atomic file writes: write to a temp file in the same folder, flush to disk, then rename,
so a crash or a full disk never leaves a half-written document behind under the real name."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from desktop.core import ondisk


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def atomic_write(path: Path, writer: Callable[[BinaryIO], None]) -> Path:
    """Call ``writer`` with a binary file object; the result appears at ``path`` only if it
    returns without raising."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            writer(fh)
            fh.flush()
            os.fsync(fh.fileno())
        ondisk.writing(path)  # a Ctrl-C from here on tells the file made
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def atomic_write_bytes(path: Path, data: bytes) -> Path:
    def write(fh: BinaryIO) -> None:
        fh.write(data)

    return atomic_write(path, write)


def atomic_copy(src: Path, dest: Path) -> Path:
    def copy(fh: BinaryIO) -> None:
        with open(src, "rb") as source:
            shutil.copyfileobj(source, fh, 1 << 20)

    return atomic_write(dest, copy)


class _ClampedTime:
    """``time`` for the zipfile module only: a clock before 1980 or after 2107 (a dead CMOS
    battery, a mistyped year) gives a date ZIP can store instead of a ValueError."""

    def __getattr__(self, name: str) -> object:
        return getattr(time, name)

    @staticmethod
    def localtime(secs: float | None = None) -> time.struct_time:
        t = time.localtime(secs)
        if t.tm_year < 1980:
            return time.struct_time((1980, 1, 1, 0, 0, 0, 1, 1, -1))
        if t.tm_year > 2107:
            return time.struct_time((2107, 12, 31, 23, 59, 58, 0, 365, -1))
        return t


@contextmanager
def zip_dates_clamped() -> Iterator[None]:
    """Within the block, every ZIP member written (.docx, .xlsx, 报送包) gets a storable date
    whatever the computer's clock says (ZIP dates run from 1980 to 2107)."""
    saved = zipfile.time  # type: ignore[attr-defined]
    zipfile.time = _ClampedTime()  # type: ignore[attr-defined]
    try:
        yield
    finally:
        zipfile.time = saved  # type: ignore[attr-defined]
