"""Writing the case lines of a package into its zip as they are made, compressed in a second
thread. zlib and hashlib give the GIL back while they work on a chunk, so deflating one chunk
runs while the next lines are read from the database, built and checked (a tenth of an
export's time was compressing the whole member at the end). Chunks are large (about 1 MB),
so the two threads pass the GIL between them a few hundred times per export, not per line."""

from __future__ import annotations

import hashlib
import queue
import threading
import zipfile
from collections.abc import Iterable
from typing import Any

#: Bytes of lines gathered before they are handed to the compressing thread.
_CHUNK = 1 << 20
#: Chunks waiting to be compressed at most (memory stays bounded).
_WAITING = 4


def write_lines(
    zf: zipfile.ZipFile, name: str, lines: Iterable[bytes]
) -> tuple[int, dict[str, Any]]:
    """Write ``lines`` (each without its newline) as member ``name`` of ``zf``, each followed by
    ``\\n``, and return how many there were and the member's {"sha256", "size"} for the
    manifest. An exception from ``lines`` (a line the receiver would refuse) stops the writing
    and is raised here once the compressing thread has stopped; the caller then discards the
    archive (nothing has been written to disk)."""
    digest = hashlib.sha256()
    size = count = 0
    chunks: queue.Queue[bytes | None] = queue.Queue(maxsize=_WAITING)
    failed: list[BaseException] = []
    # zip64 from the start: the size is not known before the last line (a member above 4 GB
    # could not be written otherwise; the receiver reads both forms).
    with zf.open(name, "w", force_zip64=True) as member:

        def compress() -> None:
            while (chunk := chunks.get()) is not None:
                if not failed:
                    try:
                        member.write(chunk)
                    except BaseException as exc:  # raised in the caller's thread
                        failed.append(exc)

        worker = threading.Thread(target=compress, name="导出包压缩", daemon=True)
        worker.start()
        try:
            pending: list[bytes] = []
            gathered = 0
            for line in lines:
                pending.append(line)
                gathered += len(line) + 1
                count += 1
                if gathered >= _CHUNK:
                    size += _hand_over(chunks, digest, pending)
                    pending, gathered = [], 0
                    if failed:
                        break
            if pending:
                size += _hand_over(chunks, digest, pending)
        finally:
            chunks.put(None)
            worker.join()
        if failed:
            raise failed[0]
    return count, {"sha256": digest.hexdigest(), "size": size}


def _hand_over(chunks: queue.Queue[bytes | None], digest: Any, lines: list[bytes]) -> int:
    data = b"\n".join(lines) + b"\n"
    digest.update(data)
    chunks.put(data)
    return len(data)
