"""Telling a zip bomb from a damaged copy when a member fails its CRC check. zipfile stops
reading a member at the size its header declares, so a bomb whose headers understate the size
surfaces as a CRC error, like a damaged copy; inflating the raw stream again (bounded) shows
whether it holds more than the header says."""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

_CHUNK = 1 << 16
_LOCAL_HEADER = struct.Struct("<4s22xHH")


def inflates_beyond(path: Path, info: zipfile.ZipInfo) -> bool:
    """Whether the deflated member holds more bytes than its header's ``file_size``. Reads at
    most the rest of the file and inflates at most ``file_size + 1`` bytes (bounded memory and
    time); any error reading it means no (the copy is damaged, not malicious)."""
    if info.compress_type != zipfile.ZIP_DEFLATED:
        return False
    try:
        with Path(path).open("rb") as fh:
            fh.seek(info.header_offset)
            magic, name_len, extra_len = _LOCAL_HEADER.unpack(fh.read(_LOCAL_HEADER.size))
            if magic != b"PK\x03\x04":
                return False
            fh.seek(name_len + extra_len, 1)
            inflater = zlib.decompressobj(-zlib.MAX_WBITS)
            produced = 0
            while not inflater.eof:
                data = inflater.unconsumed_tail or fh.read(_CHUNK)
                if not data:
                    return False
                # Output is drawn a chunk at a time: a bomb never expands in memory.
                produced += len(inflater.decompress(data, _CHUNK))
                if produced > info.file_size:
                    return True
    except (OSError, zlib.error, struct.error):
        return False
    return False
