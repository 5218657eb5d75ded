"""A 台账 cell of several lines (协议内容 and 履行方式/期限 hold one line a term, 第三人 one line a
person) is shown whole, each line below the last (found by tester t14 opening the 台账 in
LibreOffice). Kind: text of several lines in a sheet — its cell did not wrap and its row kept
one line's height, so Excel showed it on one line and LibreOffice drew its lines over the rows
below. Now such a cell wraps at its line breaks and its row is as tall as its lines need (no
spreadsheet program fits a row's height to its text when it opens the file); checked with
openpyxl over generated tables, and in LibreOffice's own PDF of the 台账: no two words overlap."""

from __future__ import annotations

import io
import math
import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from desktop.core.reports.cellsafe import clean_text
from desktop.core.reports.xlsx_book import Formats, new_workbook, table_bytes, write_value

LINE_POINTS = 15  # a line of 宋体 11 (the sheet's own row height)
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
LINES = st.lists(
    st.text(alphabet=st.sampled_from("甲乙丙丁1. ，（）元a"), min_size=0, max_size=40),
    min_size=1,
    max_size=5,
).map("\n".join)
VALUES = st.one_of(st.none(), st.text(alphabet="甲乙 1", max_size=6), LINES, st.integers(0, 99))
TABLES = st.integers(1, 6).flatmap(
    lambda width: st.tuples(
        st.lists(st.lists(VALUES, min_size=width, max_size=width), min_size=1, max_size=5),
        st.lists(st.integers(4, 40), min_size=width, max_size=width),
    )
)


def _lines_needed(text: str, width: float) -> int:
    """How many lines ``text`` takes in a column ``width`` characters wide (Chinese: two)."""
    return sum(
        max(
            1,
            math.ceil(
                sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line) / width
            ),
        )
        for line in text.split("\n")
    )


@given(table=TABLES)
@settings(max_examples=60, deadline=None)
def test_a_cell_of_several_lines_wraps_and_its_row_is_tall_enough(
    table: tuple[list[list[object]], list[int]],
) -> None:
    rows, widths = table
    data = table_bytes("台账", [f"列{i}" for i in range(len(widths))], rows, widths)
    ws = load_workbook(io.BytesIO(data)).active
    for r, row in enumerate(rows, start=2):
        texts = [
            (c, clean_text(v)) for c, v in enumerate(row) if isinstance(v, str) and clean_text(v)
        ]
        several = [(c, t) for c, t in texts if "\n" in t]
        for c, text in texts:
            assert bool(ws.cell(r, c + 1).alignment.wrap_text) == ("\n" in text)
        height = ws.row_dimensions[r].height
        if several:
            need = max(_lines_needed(t, widths[c]) for c, t in several)
            assert height is not None and height >= min(need * LINE_POINTS, 409)
        else:
            assert height is None  # one line: the sheet's own height, nothing written


@given(text=LINES)
@settings(max_examples=30, deadline=None)
def test_the_generic_writer_wraps_text_of_several_lines_too(text: str) -> None:
    out = io.BytesIO()
    wb = new_workbook(out)
    ws = wb.add_worksheet("表")
    write_value(ws, 0, 0, text, Formats(wb))
    wb.close()
    cell = load_workbook(io.BytesIO(out.getvalue())).active["A1"]
    assert bool(cell.alignment.wrap_text) == ("\n" in clean_text(text))


def _word_boxes(pdf: Path) -> list[tuple[float, float, float, float, str]]:
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<'
    return [(*map(float, m[:4]), m[4]) for m in re.findall(pattern, html)]


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None or shutil.which("pdftotext") is None, reason="需要 LibreOffice")
def test_libreoffice_prints_every_line_apart(tmp_path: Path) -> None:
    terms = "\n".join(f"{i}. 张三向李四支付补偿款（履行人张三，{i}00.00元）" for i in range(1, 5))
    rows = [[f"第{n}号", terms, "甲\n乙", f"下一行{n}"] for n in range(1, 4)]
    path = tmp_path / "台账.xlsx"
    path.write_bytes(
        table_bytes("台账", ["案号", "协议内容", "第三人", "备注"], rows, [12, 40, 8, 12])
    )
    env = {**os.environ, "HOME": str(tmp_path / "home")}
    subprocess.run(
        [str(SOFFICE), "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        check=True,
        capture_output=True,
        env=env,
        timeout=120,
    )
    boxes = _word_boxes(tmp_path / "台账.pdf")
    assert sum("支付补偿款" in b[4] for b in boxes) == 12  # every term of every row printed
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            wide = min(a[2], b[2]) - max(a[0], b[0])
            tall = min(a[3], b[3]) - max(a[1], b[1])
            # (a glyph's box is a little taller than its line: lines of one cell touch)
            assert wide <= 0.5 or tall <= 4, (a, b)  # no word printed over another
