"""A one-sheet workbook whose data rows are compressed while they are being made.

XlsxWriter makes the whole workbook (styles, print setup, frozen header, filter, defined
names, packaging) with the header row only, in memory; its sheet's XML is then taken apart at
``</sheetData>`` and the data rows (``xlsx_cells.SheetRows``) go in between, written into the
zip member by a second thread as they come. zlib lets go of Python's lock while it compresses,
so compressing a year's 台账 (~55 MB of XML) overlaps with making its rows instead of following
them — and the rows are never written to a temporary file, copied and read back (what
XlsxWriter's constant-memory mode does), so the memory used stays a few MB and nothing touches
the disk. The zip is written by the standard library's ``zipfile`` (same deflate as XlsxWriter:
zlib's default level), every other member copied as XlsxWriter made it."""

from __future__ import annotations

import io
import queue
import threading
import zipfile
from collections.abc import Iterable
from typing import IO

_SHEET_DATA_END = "</sheetData>"
# Pieces waiting for the compressing thread at most (each ~1 MB of XML).
_WAITING = 4


def write_workbook(out: IO[bytes], shell: bytes, sheet: str, pieces: Iterable[str]) -> None:
    """Write to ``out`` the workbook ``shell`` (XlsxWriter's .xlsx bytes) with ``pieces`` of
    ``<row>`` XML put at the end of the ``<sheetData>`` of its member ``sheet`` (e.g.
    ``xl/worksheets/sheet1.xml``). Members keep XlsxWriter's order, names and times. An error
    while the pieces are made or compressed is raised here, after the thread has stopped;
    ``out`` then holds an unfinished file (callers write it atomically)."""
    with zipfile.ZipFile(io.BytesIO(shell)) as source:
        infos = source.infolist()
        if sheet not in source.namelist():
            raise ValueError(f"{sheet} is not in the workbook")
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
            for info in infos:
                member = zipfile.ZipInfo(info.filename, info.date_time)
                member.compress_type = zipfile.ZIP_DEFLATED
                member.external_attr = info.external_attr
                data = source.read(info)
                if info.filename != sheet:
                    target.writestr(member, data)
                    continue
                xml = data.decode("utf-8")
                at = xml.rindex(_SHEET_DATA_END)
                with target.open(member, "w") as stream:
                    stream.write(xml[:at].encode("utf-8"))
                    _compress_alongside(stream, pieces)
                    stream.write(xml[at:].encode("utf-8"))


def _compress_alongside(stream: IO[bytes], pieces: Iterable[str]) -> None:
    """Write the pieces (UTF-8) to ``stream`` from a second thread while the next pieces are
    made in this one; returns when all are written; raises the first error of either side."""
    waiting: queue.Queue[str | None] = queue.Queue(maxsize=_WAITING)
    failed: list[BaseException] = []

    def compress() -> None:
        try:
            while (piece := waiting.get()) is not None:
                stream.write(piece.encode("utf-8"))
        except BaseException as error:  # handed to the making thread, raised there
            failed.append(error)
            while waiting.get() is not None:  # keep taking, so the maker never waits forever
                pass

    worker = threading.Thread(target=compress, name="台账压缩", daemon=True)
    worker.start()
    try:
        for piece in pieces:
            if failed:
                break
            waiting.put(piece)
    finally:
        waiting.put(None)
        worker.join()
    if failed:
        raise failed[0]
