"""A CSV 台账 made or touched by hand never loses rows in silence (``register_import_csv``): a
cell's opening double quote left open (typed in Notepad: ``"赵六,…``) made the csv module read
the following lines — other cases — into that one cell, and the preview simply counted fewer
rows; in a long file it gave up (csv's 131,072-character cell limit) and the command ended in
its last-resort sentence. Any register written correctly (cells with commas, quotes and line
breaks) is read whole; with a stray quote put at the start of any cell of any row, the file is
either read whole or refused in one sentence naming that row's line."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.errors import ValidationError
from desktop.core.reports.register_import import read_sheet

HEAD = ["序号", "受理日期", "申请人", "被申请人", "调解结果", "备注"]
CELL = st.text(alphabet=st.sampled_from('王李赵六小明, "\n“”。ab1'), max_size=12)


def _csv(rows: list[list[str]], sep: str) -> str:
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep, lineterminator="\r\n").writerows([HEAD, *rows])
    return buf.getvalue()


def _rows(n: int, notes: list[str]) -> list[list[str]]:
    return [
        [str(i), f"2025-03-{1 + i % 28:02d}", f"王{i}", "李四", "调解成功", notes[i % len(notes)]]
        for i in range(1, n + 1)
    ]


@given(
    n=st.integers(1, 60),
    notes=st.lists(CELL, min_size=1, max_size=5),
    sep=st.sampled_from(",\t;"),
    stray_row=st.integers(0, 59),
    stray_col=st.integers(1, 5),
    encoding=st.sampled_from(["utf-8-sig", "gb18030"]),
)
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_a_stray_quote_never_loses_rows_in_silence(
    tmp_path: Path,
    n: int,
    notes: list[str],
    sep: str,
    stray_row: int,
    stray_col: int,
    encoding: str,
) -> None:
    rows = _rows(n, notes)
    good = tmp_path / "台账.csv"
    good.write_bytes(_csv(rows, sep).encode(encoding))
    assert [values[0] for _, values in read_sheet(good).rows] == [str(i) for i in range(1, n + 1)]

    k = stray_row % n
    rows[k][stray_col] = '"' + rows[k][stray_col].replace('"', "")  # unquoted: a bare quote
    # Written as by hand: no quoting at all, the one stray quote opening a cell.
    lines = [sep.join(HEAD)] + [
        sep.join(
            c.replace("\n", " ").replace(sep, " ")
            if (i, j) == (k, stray_col)
            else c.replace("\n", " ").replace(sep, " ").replace('"', "")
            for j, c in enumerate(r)
        )
        for i, r in enumerate(rows)
    ]
    bad = tmp_path / "手写.csv"
    bad.write_bytes("\r\n".join(lines).encode(encoding))
    try:
        sheet = read_sheet(bad)
    except ValidationError as exc:
        message = str(exc)
        assert f"第 {k + 2} 行" in message and "双引号" in message, message
        assert message.count("。") == 1
    else:
        assert len(sheet.rows) == n, "rows went missing without a word"


def test_a_cell_longer_than_csvs_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "长备注.csv"
    long_note = "案情" * 80_000
    path.write_text(_csv(_rows(2, [long_note]), ","), encoding="utf-8")
    sheet = read_sheet(path)
    assert [values[5] for _, values in sheet.rows] == [long_note, long_note]


@pytest.mark.parametrize("cell", ['王"小"明', '"王"小明'])
def test_a_quote_within_one_line_is_read_as_excel_reads_it(tmp_path: Path, cell: str) -> None:
    path = tmp_path / "引号.csv"
    lines = [
        ",".join(HEAD),
        f"1,2025-03-02,{cell},李四,调解成功,",
        "2,2025-03-03,王二,李四,调解成功,",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    assert len(read_sheet(path).rows) == 2
