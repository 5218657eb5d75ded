"""Spreadsheets that cannot run anything (issue 12 point 6) and print on paper (issue 14 point 8).

Kinds covered: formula-like text (= + - @ after any run of tabs, CRs, LFs or spaces) in every
.xlsx the product writes (台账, 月报) and in the CSV 台账; digit texts (ID numbers, phones)
turned into numbers by a spreadsheet's CSV import; print setup of every Excel sheet; the Word
月报's table headings repeated on each page. Files are read back with openpyxl and with
LibreOffice headless."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from builders import ID_LI, ID_ZHANG, FixedClock, applicant, intake, respondent
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from desktop.core.reports import build_report, render_monthly, write_register_csv
from desktop.core.reports.cellsafe import csv_field, formula_like
from desktop.core.reports.register import HEADERS, register_xlsx_bytes
from desktop.core.reports.xlsx_book import table_bytes
from desktop.core.store import Store

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_lo = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice 未安装（tests/run.sh 会安装）")

_LEAD_SPACE = st.text(alphabet=" \t\r\n", max_size=3)
_BODY = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=30
)
FORMULA_TEXT = st.builds(
    lambda pre, lead, body: pre + lead + body, _LEAD_SPACE, st.sampled_from("=+-@"), _BODY
).filter(lambda t: t.strip() != "")
DIGIT_TEXT = st.from_regex(r"[0-9]{5,20}", fullmatch=True)


def _cells(data: bytes) -> list:
    wb = load_workbook(io.BytesIO(data))
    return [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]


@given(text=FORMULA_TEXT)
@settings(max_examples=60, deadline=None)
def test_formula_like_text_is_a_quoted_text_cell_in_the_register_writer(text: str) -> None:
    data = table_bytes("台账", ["纠纷名称", "金额"], [[text, Decimal("5.00")]], [20, 10])
    ws = load_workbook(io.BytesIO(data)).active
    cell = ws["A2"]
    expected = "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 32)
    expected = expected.replace("\ufffe", "").replace("\uffff", "")
    expected = expected.replace("\r\n", "\n").replace("\r", "\n")
    assert cell.data_type == "s" and cell.value == expected
    assert cell.quotePrefix  # Excel keeps it text even when the cell is edited
    assert ws["B2"].data_type == "n"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert "<f>" not in z.read("xl/worksheets/sheet1.xml").decode()


@given(text=FORMULA_TEXT)
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_formula_like_narrative_is_text_in_the_monthly_workbook(store: Store, text: str) -> None:
    data = render_monthly(build_report(store, "2026-03", narrative=text), "xlsx")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert all("<f>" not in z.read(n).decode() for n in sheets)
    risky = [c for c in _cells(data) if isinstance(c.value, str) and formula_like(c.value)]
    if text.strip():
        assert risky, "the narrative cell is in the workbook"
    for cell in risky:
        assert cell.data_type == "s" and cell.quotePrefix


def _case_with_hostile_text(store: Store) -> None:
    store.cases.create(
        intake(title='=HYPERLINK("http://evil.example","点我")', facts="\t@SUM(1+1)"),
        [applicant(), respondent(phone="057385123456")],
    )


def test_register_and_monthly_xlsx_hold_no_formula(store: Store, tmp_path: Path) -> None:
    _case_with_hostile_text(store)
    reg = load_workbook(io.BytesIO(register_xlsx_bytes(store))).active
    row = dict(zip(HEADERS, [c for c in reg[2]], strict=True))
    assert row["纠纷名称"].data_type == "s" and row["纠纷名称"].value.startswith("=HYPERLINK")
    assert row["纠纷名称"].quotePrefix and row["纠纷简要情况"].quotePrefix
    assert row["申请人证件号码"].data_type == "s" and row["申请人证件号码"].value == ID_ZHANG
    assert row["被申请人电话"].value == "0573-85123456"
    monthly = render_monthly(build_report(store, "2026-03", narrative="=1+1"), "xlsx")
    assert "=1+1" in [c.value for c in _cells(monthly)]


@given(text=FORMULA_TEXT)
@settings(max_examples=60, deadline=None)
def test_csv_field_neutralises_every_formula_like_text(text: str) -> None:
    assert csv_field(text) == "'" + text


@given(digits=DIGIT_TEXT)
@settings(max_examples=40, deadline=None)
def test_csv_field_keeps_digit_text_as_text(digits: str) -> None:
    assert csv_field(digits) == "\t" + digits
    assert csv_field(int(digits[:9])) == str(int(digits[:9]))  # real numbers stay numbers
    assert csv_field(Decimal("12.5")) == "12.50" and csv_field(date(2026, 1, 2)) == "2026-01-02"


def test_every_sheet_prints_fitted_to_width_with_repeated_headings(store: Store) -> None:
    _case_with_hostile_text(store)
    reg = load_workbook(io.BytesIO(register_xlsx_bytes(store))).active
    assert reg.page_setup.orientation == "landscape" and reg.page_setup.paperSize == 9
    assert reg.sheet_properties.pageSetUpPr.fitToPage and reg.page_setup.fitToWidth in (
        None,
        1,
    )  # 1 is the default
    assert reg.page_setup.fitToHeight == 0 and reg.print_title_rows == "$1:$1"
    wb = load_workbook(io.BytesIO(render_monthly(build_report(store, "2026-03"), "xlsx")))
    for ws in wb.worksheets:
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0, ws.title
        assert ws.page_setup.paperSize == 9, ws.title
    first = wb.worksheets[0]
    head = next(r for r in first.iter_rows() if r[0].value == "类别")[0].row
    assert first.print_title_rows == f"${head}:${head}"
    assert all(wb[n].print_title_rows == "$1:$1" for n in wb.sheetnames[1:4])


def test_word_report_repeats_table_headings(store: Store) -> None:
    from docx import Document
    from docx.oxml.ns import qn

    doc = Document(io.BytesIO(render_monthly(build_report(store, "2026-03"), "docx")))
    tables = doc.tables
    assert len(tables) == 4  # header block, indicators, categories, levels
    for table in tables[1:]:
        first = table.rows[0]._tr
        assert first.trPr is not None and first.trPr.find(qn("w:tblHeader")) is not None
        for row in table.rows:
            assert row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None
    head = tables[0].rows[0]._tr.trPr
    assert head is None or head.find(qn("w:tblHeader")) is None


def _soffice(args: list[str], tmp: Path) -> None:
    env = {**os.environ, "HOME": str(tmp / "home")}
    subprocess.run(
        [str(SOFFICE), "--headless", *args], check=True, capture_output=True, env=env, timeout=180
    )


@pytest.mark.slow
@needs_lo
def test_libreoffice_default_csv_import_keeps_ids_phones_and_formulas_as_text(
    store: Store, clock: FixedClock, tmp_path: Path
) -> None:
    _case_with_hostile_text(store)
    path = write_register_csv(store, tmp_path / "台账.csv")
    out = tmp_path / "lo"
    # LibreOffice's default CSV import (comma, quote, detect numbers); only the character set
    # is named, as the import dialog preselects UTF-8 for a file with a BOM.
    _soffice(
        ["--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", str(out), str(path)],
        tmp_path,
    )
    ws = load_workbook(out / "台账.xlsx").active
    head = [c.value for c in ws[1]]
    row = {h: c for h, c in zip(head, ws[2], strict=False)}
    for col, want in (
        ("申请人证件号码", ID_ZHANG),
        ("被申请人证件号码", ID_LI),
        ("申请人电话", "13900001111"),
        ("被申请人电话", "0573-85123456"),
    ):
        cell = row[col]
        assert cell.data_type == "s" and cell.value.strip() == want, (col, cell.value)
    for col in ("纠纷名称", "纠纷简要情况"):
        assert row[col].data_type == "s" and row[col].value.startswith("'"), row[col].value
    assert row["涉及金额（元）"].data_type in ("n", "s")
    assert row["受理日期"].is_date  # real dates still become dates


@pytest.mark.slow
@needs_lo
def test_libreoffice_shows_formula_text_of_our_workbooks_unevaluated(
    store: Store, tmp_path: Path
) -> None:
    _case_with_hostile_text(store)
    reg = tmp_path / "台账.xlsx"
    reg.write_bytes(register_xlsx_bytes(store))
    monthly = tmp_path / "月报.xlsx"
    monthly.write_bytes(render_monthly(build_report(store, "2026-03", narrative="=1+1"), "xlsx"))
    out = tmp_path / "lo"
    for src in (reg, monthly):
        _soffice(["--convert-to", "ods", "--outdir", str(out), str(src)], tmp_path)
    with zipfile.ZipFile(out / "台账.ods") as z:
        content = z.read("content.xml").decode()
    assert "table:formula" not in content and "=HYPERLINK(" in content
    with zipfile.ZipFile(out / "月报.ods") as z:
        content = z.read("content.xml").decode()
    assert "table:formula" not in content and "&gt;=1+1" not in content and ">=1+1<" in content
