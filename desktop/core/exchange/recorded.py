"""A package written to the USB stick and the record of it in the case file are one unit."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.errors import StoreError
from desktop.core.store.database import DiskFullError

if TYPE_CHECKING:
    from desktop.core.store.store import Store


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns


@contextlib.contextmanager
def package_undone_unless_recorded(store: Store, package: Path) -> Iterator[None]:
    """A package and the record of it (how far this export reached; a hand-off's escalation)
    stand or fall together: when recording fails (a full disk), the package just written is
    deleted, and the sentence says the package was NOT made — never "the change was not
    saved" beside a package that looks finished. A file that was there before and was not
    written in the block is left alone. Raises StoreError."""
    before = _stamp(package)
    try:
        yield
    except BaseException as exc:
        if _stamp(package) != before or before is None:
            package.unlink(missing_ok=True)
        if isinstance(exc, DiskFullError):
            name = store.path.name if store.path else "案件库"
            raise StoreError(
                f"磁盘已满，{name} 记不下这次导出，报送包“{package.name}”没有导出（已删除，"
                "没有留下半个文件）；请删除一些不要的文件或换一个有空间的磁盘后再导出。"
            ) from exc
        raise
