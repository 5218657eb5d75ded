"""Member names as clerks' tools leave them. A package unzipped and zipped again on Chinese
Windows stores names in GBK without the UTF-8 flag (zipfile then decodes them as cp437), and
often inside one enclosing folder; a Mac adds ``__MACOSX/`` and ``.DS_Store`` members.
Contents and hashes are unchanged, so such a package is read as the original."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable

_UTF8_FLAG = 0x800


def decoded(info: zipfile.ZipInfo) -> str:
    """The member's name as its packer meant it: UTF-8 if flagged; otherwise the raw bytes
    tried as UTF-8, then GBK (GB18030), falling back to zipfile's cp437 reading. Backslashes
    become folder separators (old Windows zip tools write ``报送包\\cases.jsonl``; no name of
    ours holds one), after decoding, so a GBK character's second byte 0x5C is not split."""
    return _as_packed(info).replace("\\", "/")


def _as_packed(info: zipfile.ZipInfo) -> str:
    name = info.filename
    if info.flag_bits & _UTF8_FLAG:
        return name
    try:
        raw = name.encode("cp437")
    except UnicodeEncodeError:
        return name
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return name


def macos_extra(name: str) -> bool:
    """Whether the member is what the Finder's 压缩 adds to any zip (resource forks under
    ``__MACOSX/``, folder settings ``.DS_Store``): skipped, never part of a package."""
    parts = name.split("/")
    return parts[0] == "__MACOSX" or parts[-1] == ".DS_Store"


def strip_folder(
    files: Iterable[tuple[str, zipfile.ZipInfo]],
) -> list[tuple[str, zipfile.ZipInfo]]:
    """Remove one folder that encloses every member (``星光村报送包/manifest.json``)."""
    items = list(files)
    tops = {name.split("/", 1)[0] for name, _ in items}
    if len(tops) == 1 and all("/" in name for name, _ in items):
        return [(name.split("/", 1)[1], info) for name, info in items]
    return items


def looks_renamed(name: str, members: Iterable[str]) -> bool:
    """Whether a listed member is missing only because its name was mangled (an unreadable
    encoding or deeper folders): some member has the same extension and no listed twin."""
    suffix = name.rsplit(".", 1)[-1]
    return any(m.endswith("." + suffix) and m != name for m in members)
