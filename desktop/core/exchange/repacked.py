"""Why a package cannot be read as a zip, in the words a clerk can act on. A package the clerk
packed again — with a password, with a compression this program does not read (7-Zip's
Deflate64 or Zstandard, WinZip's AES), or into a RAR, 7z or gzip archive renamed .zip — was
called "not complete, copy it again from the exporting computer", which no copying mends; the
original package, not a re-packed one, is what to import (issue 10, "tolerant of what clerks
do … otherwise the message says to import the original package")."""

from __future__ import annotations

import zipfile
from pathlib import Path

from desktop.core.exchange.members import DAMAGED

#: What zipfile reads; any other method in a member means the package was packed again.
_READ = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
#: The first bytes of archives a clerk may have made instead of a zip.
_OTHER_ARCHIVES = (
    (b"Rar!\x1a\x07", "RAR"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x1f\x8b", "gzip"),
)
_ORIGINAL = "请导入原来导出的报送包（不要解压后重新压缩）"


def damaged_reason(path: Path) -> str:
    """The reason (no full stop, for PackageError's sentence) a package zipfile could not
    read: packed again with a password, with a compression method zipfile lacks, or as
    another kind of archive; else damaged (an incomplete copy)."""
    try:
        with Path(path).open("rb") as fh:
            head = fh.read(8)
    except OSError:
        return DAMAGED
    for magic, kind in _OTHER_ARCHIVES:
        if head.startswith(magic):
            return f"这是 {kind} 压缩文件，不是导出的报送包，{_ORIGINAL}"
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return DAMAGED
    if any(i.flag_bits & 0x1 for i in infos):
        return f"包被加了密码重新压缩过，本程序打不开，{_ORIGINAL}"
    if any(i.compress_type not in _READ for i in infos):
        return f"包是用本程序读不了的压缩方式重新压缩过的，{_ORIGINAL}"
    return DAMAGED
