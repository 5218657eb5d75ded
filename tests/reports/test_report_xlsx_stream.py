"""The 台账 workbook is compressed by a second thread while its rows are made
(``xlsx_stream``), its size and filter written before the rows (``write_table(count=…)``).
Kinds covered: a failure on either side (making a row, compressing a piece) is raised to the
caller and leaves no thread behind; rows not matching the size written first are refused;
tables of any length, across the pieces handed to the thread, read back whole with the right
size and filter; a case given twice is one row in whichever batch it comes; the memory map of
a register's reads is given back; a CSV field remembered per column by value is the field
``csv_field`` makes for that very value (equal keys of other types never share one)."""

from __future__ import annotations

import io
import threading
import zipfile
from collections.abc import Generator, Iterator, Sequence
from datetime import date, datetime

import pytest
from builders import applicant, intake, respondent
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from desktop.core.reports import register_values as values_module
from desktop.core.reports import xlsx_cells
from desktop.core.reports.cellsafe import csv_field
from desktop.core.reports.register import (
    _CsvFields,
    case_ids_for,
    register_rows,
    register_xlsx_bytes,
)
from desktop.core.reports.xlsx_book import table_bytes, write_table
from desktop.core.store import Store


class Broken(Exception):
    pass


def _rows(n: int, fail_at: int | None = None) -> Iterator[list[object]]:
    for i in range(n):
        if i == fail_at:
            raise Broken(i)
        yield [i + 1, f"案{i % 7}", date(2026, 1, 1 + i % 28), "" if i % 3 else None]


@given(
    n=st.integers(min_value=1, max_value=60),
    fail_at=st.integers(min_value=0, max_value=59),
    piece=st.integers(min_value=1, max_value=7),
    side=st.sampled_from(["rows", "compress"]),
)
@settings(max_examples=40, deadline=None)
def test_a_failure_on_either_side_is_raised_and_no_thread_is_left(
    n: int, fail_at: int, piece: int, side: str
) -> None:
    before = threading.active_count()
    fail_at = fail_at % n
    rows: Sequence[list[object]] | Iterator[list[object]]
    if side == "rows":
        rows, expected = _rows(n, fail_at), Broken
    else:  # a lone surrogate cannot be written as UTF-8: the compressing thread fails
        rows = [list(r) for r in _rows(n)]
        rows[fail_at][1] = "坏\ud800"
        expected = UnicodeEncodeError  # type: ignore[assignment]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(xlsx_cells, "_ROWS_A_PIECE", piece)
        with pytest.raises(expected):
            table_bytes("台账", ["序号", "案号", "日期", "空"], rows, [8] * 4, count=n)
    assert threading.active_count() == before


@given(rows=st.integers(min_value=0, max_value=1_300), piece=st.sampled_from([1, 64, 500]))
@settings(max_examples=12, deadline=None)
def test_any_number_of_rows_reads_back_whole_with_its_size_and_filter(
    rows: int, piece: int
) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(xlsx_cells, "_ROWS_A_PIECE", piece)
        data = table_bytes("台账", ["序号", "案号", "日期", "空"], _rows(rows), [8] * 4, count=rows)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    last = max(rows, 1) + 1
    assert f'<dimension ref="A1:D{rows + 1}"/>' in sheet if rows else '"A1:D1"' in sheet
    assert f'<autoFilter ref="A1:D{last}"/>' in sheet
    ws = load_workbook(io.BytesIO(data), read_only=True).active
    got = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    assert len(got) == rows
    for i, row in enumerate(got):
        assert row[:2] == [i + 1, f"案{i % 7}"] and row[2].day == 1 + i % 28 and row[3] is None


@pytest.mark.parametrize(
    ("table", "count"),
    [
        ([["a", "b"]] * 3, 2),  # more rows than the size written first
        ([["a", "b"]] * 3, 4),  # fewer
        ([["a", "b", "c"]], 1),  # wider than the headers
    ],
)
def test_rows_not_matching_what_was_written_first_are_refused(
    table: list[list[str]], count: int
) -> None:
    with pytest.raises(ValueError):
        write_table(io.BytesIO(), "台账", ["甲", "乙"], iter(table), [8, 8], count=count)


def test_a_list_of_rows_needs_no_count() -> None:
    data = table_bytes("台账", ["甲"], [["一"], ["二"]], [8])
    assert [c.value for c in load_workbook(io.BytesIO(data)).active["A"]] == ["甲", "一", "二"]


@given(repeats=st.lists(st.integers(min_value=0, max_value=4), min_size=1, max_size=12))
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_a_case_given_twice_is_one_row_in_whichever_batch_it_comes(
    store: Store, repeats: list[int]
) -> None:
    if not case_ids_for(store):
        for i in range(5):
            store.cases.create(intake(title=f"纠纷{i}"), [applicant(), respondent()])
    ids = case_ids_for(store)
    given_ids = ids + [ids[i] for i in repeats] + [10**9]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(values_module, "_BATCH", 2)  # the repeats land in other batches
        rows = list(register_rows(store, given_ids))
        sheet = load_workbook(io.BytesIO(register_xlsx_bytes(store, given_ids))).active
    assert [r[0] for r in rows] == [1, 2, 3, 4, 5]  # 序号: one row per case, in order
    assert sheet.max_row == 6


def test_the_memory_map_of_a_register_is_given_back(store: Store) -> None:
    store.cases.create(intake(), [applicant(), respondent()])
    store.db.execute("PRAGMA mmap_size = 4096")
    register_xlsx_bytes(store, case_ids_for(store))
    rows = register_rows(store, case_ids_for(store))
    next(rows)
    assert isinstance(rows, Generator)
    rows.close()  # a register left unfinished (the window closed) gives it back too
    assert store.db.execute("PRAGMA mmap_size").fetchone()[0] == 4096


def test_a_register_left_unfinished_after_its_file_was_closed_ends_quietly(
    store: Store,
) -> None:
    """Ctrl-C during an export: the command closes the file, and the register's rows are
    collected after — their ending printed sqlite3's English “Exception ignored …”."""
    store.cases.create(intake(), [applicant(), respondent()])
    rows = register_rows(store, case_ids_for(store))
    next(rows)
    assert isinstance(rows, Generator)
    store.db.close()
    rows.close()  # raised sqlite3.ProgrammingError (a closed database) before


MIXED = st.one_of(
    st.none(),
    st.sampled_from(["", "1", "=1", "否", "2026-01-01", "1.00"]),
    st.text(max_size=8),
    st.booleans(),
    st.integers(min_value=-2, max_value=2),
    st.decimals(min_value=-2, max_value=2, places=2, allow_nan=False),
    st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 1, 3)),
    st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2026, 1, 3)),
)


@given(column=st.lists(MIXED, max_size=40))
@settings(max_examples=60, deadline=None)
def test_a_csv_field_remembered_by_value_is_what_csv_field_makes(column: list[object]) -> None:
    """1, True, Decimal("1.00") and "1" are equal keys or look alike, a date and a datetime of
    the same day too: each value in a column still gets its own field."""
    fields = _CsvFields()
    assert [fields[v] for v in column] == [csv_field(v) for v in column]
