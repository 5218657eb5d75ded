"""Issue 10 (export speed): the case lines are compressed into the package in a second thread
while the next lines are built (desktop/core/exchange/packing.py). The kinds checked: the
member holds exactly the lines, one per ``\\n``, with the hash and size the manifest lists,
however the lines fall into chunks; a line the receiver would refuse, in any chunk, stops the
export with nothing written and the export position kept; a failure of the compressing side
reaches the caller; no compressing thread outlives an export."""

from __future__ import annotations

import hashlib
import io
import threading
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from builders import FixedClock
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.demo import generate
from desktop.core.errors import ValidationError
from desktop.core.exchange import export_period, import_packages, packing, verify_package
from desktop.core.exchange.period import LAST_SEQ_KEY
from desktop.core.store import open_store


def compressors() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "导出包压缩"]


@settings(max_examples=60, deadline=None)
@given(
    lines=st.lists(st.binary(max_size=40).filter(lambda b: b"\n" not in b), max_size=30),
    chunk=st.integers(1, 200),
)
def test_the_member_holds_exactly_the_lines(lines: list[bytes], chunk: int) -> None:
    expected = b"".join(line + b"\n" for line in lines)
    buffer = io.BytesIO()
    original = packing._CHUNK
    packing._CHUNK = chunk
    try:
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
            count, listed = packing.write_lines(zf, "cases.jsonl", iter(lines))
    finally:
        packing._CHUNK = original
    with zipfile.ZipFile(buffer) as zf:
        assert zf.read("cases.jsonl") == expected
    assert count == len(lines)
    assert listed == {"sha256": hashlib.sha256(expected).hexdigest(), "size": len(expected)}
    assert not compressors()


class Refused(Exception):
    pass


class BrokenDisk(io.RawIOBase):
    """A file that takes ``room`` bytes and then fails, as a full disk would."""

    def __init__(self, room: int) -> None:
        self.room = room
        self.written = 0

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        if self.written + len(data) > self.room:
            raise OSError(28, "No space left on device")
        self.written += len(data)
        return len(data)


@pytest.mark.parametrize("room", [200, 5_000])
def test_a_failure_while_compressing_reaches_the_caller(room: int) -> None:
    def lines() -> Iterator[bytes]:
        for i in range(2_000):
            yield (f'{{"n": {i}, "text": "' + "调解" * 50 + '"}').encode()

    original = packing._CHUNK
    packing._CHUNK = 1_000
    try:
        with (
            pytest.raises(OSError),
            zipfile.ZipFile(BrokenDisk(room), "w", zipfile.ZIP_STORED) as zf,
        ):
            packing.write_lines(zf, "cases.jsonl", lines())
    finally:
        packing._CHUNK = original
    assert not compressors()


def test_a_refused_line_stops_the_writing_at_once() -> None:
    made: list[int] = []

    def lines() -> Iterator[bytes]:
        for i in range(50):
            if i == 30:
                raise Refused("第 30 行")
            made.append(i)
            yield b"x" * 10

    original = packing._CHUNK
    packing._CHUNK = 25
    try:
        with (
            pytest.raises(Refused),
            zipfile.ZipFile(io.BytesIO(), "w", zipfile.ZIP_DEFLATED) as zf,
        ):
            packing.write_lines(zf, "cases.jsonl", lines())
    finally:
        packing._CHUNK = original
    assert made == list(range(30))
    assert not compressors()


@pytest.mark.parametrize("bad_case", [0, 5, 11])
def test_a_refused_case_in_any_chunk_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bad_case: int
) -> None:
    monkeypatch.setattr(packing, "_CHUNK", 1)  # each line its own chunk
    clock = FixedClock(datetime(2026, 11, 1, 9, 0))
    with open_store(tmp_path / "v.sqlite", now=clock) as village:
        village.settings.save_committee(name="星光村人民调解委员会", level=2, abbr="星调")
        generate(village, 12, seed=9, until=date(2026, 10, 31))
        good = export_period(village, tmp_path / "good.zip", include_reports=False)
        assert good.cases == 12
        seq = village.db.execute("SELECT value FROM settings WHERE key = ?", [LAST_SEQ_KEY])
        before = seq.fetchone()
        case_id, case_no = village.db.execute(
            "SELECT id, case_no FROM cases ORDER BY id LIMIT 1 OFFSET ?", [bad_case]
        ).fetchone()
        with village.db.atomic():
            village.db.execute(
                "UPDATE cases SET accepted_on = '2026-02-30' WHERE id = ?", [case_id]
            )
        with pytest.raises(ValidationError) as err:
            export_period(village, tmp_path / "bad.zip", include_reports=False, since="2000-01-01")
        assert case_no in err.value.message and "没有写出任何文件" in err.value.message
        assert not (tmp_path / "bad.zip").exists()
        seq = village.db.execute("SELECT value FROM settings WHERE key = ?", [LAST_SEQ_KEY])
        assert seq.fetchone() == before
    assert not compressors()
    # The good package, written a line per chunk, verifies and imports whole.
    pkg = verify_package(good.path)
    assert pkg.case_count == 12
    with open_store(tmp_path / "county.sqlite", now=clock) as county:
        county.settings.save_committee(name="平湖市矛调中心", level=4, abbr="平")
        assert len(import_packages(county, [good.path])[0].added) == 12
