"""The written monthly report (PDF, Word, Excel) and the case register (Excel, CSV): what a reader
of each file finds in it, checked with the files' own readers (pdftotext, python-docx, openpyxl)."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from builders import ID_LI, ID_ZHANG, FixedClock
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook
from report_builders import build_october

from desktop.core.deadlines import MONTHLY_REPORT, due_on
from desktop.core.errors import ValidationError
from desktop.core.reports import (
    monthly_form,
    save_entry,
    write_monthly,
    write_register_csv,
    write_register_xlsx,
)
from desktop.core.reports.register import HEADERS, case_ids_for
from desktop.core.store import Store

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils 未安装")


@pytest.fixture
def october_store(store: Store, clock: FixedClock) -> Store:
    clock.set(date(2026, 11, 5))
    build_october(store)
    save_entry(
        store,
        "2026-10",
        screenings=12,
        disputes_found=5,
        prevented=3,
        narrative="本月调处纠纷四件，邻里纠纷为主。",
        filler="王调解",
        reviewer="李主任",
    )
    return store


def _pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


@needs_poppler
def test_pdf_report_reads_right_and_embeds_fonts(october_store: Store, tmp_path: Path) -> None:
    path = write_monthly(october_store, "2026-10", "pdf", tmp_path / "月报.pdf")
    text = _pdf_text(path)
    for expected in (
        "人民调解工作月报",
        "星光村人民调解委员会",
        "2026年10月",
        "王调解",
        "李主任",
        "调解案件总数",
        "调解成功率（成功÷已结）",
        "调解成功率（成功÷受理）",
        "疑难复杂案件",
        "万元",
        "66.7%",
        "1,000.00",
        "邻里纠纷",
        "四级化讼",
        "近12个月受理数和调解成功数",
        "本月调处纠纷四件",
        "指标说明",
    ):
        assert expected in text, expected
    fonts = subprocess.run(
        ["pdffonts", str(path)], check=True, capture_output=True, text=True
    ).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(" yes yes yes " in r for r in rows), fonts


def test_report_is_recorded_and_clears_the_deadline(october_store: Store, tmp_path: Path) -> None:
    day = date(2026, 10, 28)
    assert any(d.kind == MONTHLY_REPORT for d in due_on(october_store, day))
    path = write_monthly(october_store, "2026-10", "docx", tmp_path / "月报.docx")
    docs = october_store.files.documents(None)
    assert [(d.form, d.format) for d in docs] == [(monthly_form("2026-10"), "docx")]
    assert docs[0].path == str(path.resolve())
    assert not any(d.kind == MONTHLY_REPORT for d in due_on(october_store, day))


def test_unknown_format_writes_and_records_nothing(october_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(ValidationError, match="PDF、Word"):
        write_monthly(october_store, "2026-10", "odt", out / "月报.odt")
    assert not out.exists() and october_store.files.documents(None) == ()


def test_docx_is_a4_with_east_asian_fonts_and_two_charts(
    october_store: Store, tmp_path: Path
) -> None:
    path = write_monthly(october_store, "2026-10", "docx", tmp_path / "月报.docx")
    doc = Document(str(path))
    sec = doc.sections[0]
    assert sec.page_width is not None and sec.page_height is not None
    assert (round(sec.page_width.mm), round(sec.page_height.mm)) == (210, 297)
    paragraphs = [
        *doc.paragraphs,
        *(p for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs),
    ]
    runs = [r for p in paragraphs for r in p.runs if r.text]
    assert len(runs) > 100
    # Word takes Chinese glyphs from w:eastAsia only: every run that has text must name one.
    assert all(r._element.rPr.rFonts.get(qn("w:eastAsia")) in ("宋体", "黑体") for r in runs)
    assert "w:eastAsiaTheme" not in zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    assert len(doc.inline_shapes) == 2
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "调解案件总数" in cells and "66.7%" in cells and "50.0%" in cells and "邻里纠纷" in cells
    assert any("本月调处纠纷四件" in p.text for p in doc.paragraphs)


def test_xlsx_holds_numbers_not_text_or_formulas(october_store: Store, tmp_path: Path) -> None:
    path = write_monthly(october_store, "2026-10", "xlsx", tmp_path / "月报.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames[:4] == ["主要指标", "分类统计", "四级化讼", "近12个月"]
    rows = {r[1]: r for r in wb["主要指标"].iter_rows(values_only=True) if r[1]}
    by_unit = {(r[1], r[2]): r for r in wb["主要指标"].iter_rows(values_only=True) if r[1]}
    assert rows["调解案件总数"][3:5] == (4, 7)
    assert by_unit[("协议涉及金额", "元")][3:5] == (1000.0, 1100.0)
    assert by_unit[("协议涉及金额", "万元")][3:5] == (0.1, 0.11)
    assert rows["调解成功率（成功÷已结）"][3:5] == (66.7, 75.0)
    assert rows["调解成功率（成功÷受理）"][3:5] == (50.0, 42.9)
    assert rows["期末在办数"][3:5] == (3, None)
    cats = {r[0]: r for r in wb["分类统计"].iter_rows(min_row=2, values_only=True)}
    assert cats["邻里纠纷"] == ("邻里纠纷", 2, 1, 1, 2, 7, 3000.0, 2, 1, 1)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert not (isinstance(cell.value, str) and cell.value.startswith("=")), (
                    cell.coordinate
                )


@needs_poppler
def test_zero_month_yields_every_format(store: Store, tmp_path: Path) -> None:
    for fmt in ("pdf", "docx", "xlsx"):
        assert write_monthly(store, "2026-06", fmt, tmp_path / f"零.{fmt}").stat().st_size > 1000
    assert "零上报" in _pdf_text(tmp_path / "零.pdf")
    assert "本月没有受理纠纷" in _pdf_text(tmp_path / "零.pdf")


def test_register_xlsx_rows_types_and_masking(october_store: Store, tmp_path: Path) -> None:
    ids = case_ids_for(october_store, month="2026-10")
    assert len(ids) == 4  # A C D G
    path = write_register_xlsx(october_store, tmp_path / "台账.xlsx", cases=ids, mask=True)
    ws = load_workbook(path).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == HEADERS and len(rows) == 5
    first = dict(zip(HEADERS, rows[1], strict=True))
    assert first["受理日期"] == datetime(2026, 10, 1)
    assert first["纠纷类型"] == "邻里纠纷" and first["涉及金额（元）"] == 1000.0
    assert first["协议金额（元）"] == 800.0 and first["协议日期"] == datetime(2026, 10, 10)
    assert first["申请人证件号码"] == ID_ZHANG[:6] + "********" + ID_ZHANG[-4:]
    assert first["申请人电话"] == "139****1111" and first["激化风险"] == "可能民转刑"
    assert first["履行情况"] == "已履行" and first["案件状态"] == "调解成功"
    plain = write_register_xlsx(october_store, tmp_path / "全部.xlsx")
    all_rows = list(load_workbook(plain).active.iter_rows(values_only=True))
    assert len(all_rows) == 1 + 9
    assert ID_LI in [r[HEADERS.index("被申请人证件号码")] for r in all_rows]


def test_register_csv_is_utf8_with_bom(october_store: Store, tmp_path: Path) -> None:
    path = write_register_csv(october_store, tmp_path / "台账.csv", mask=True)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(rows[0]) == HEADERS and len(rows) == 10
    h = rows[0]
    a = next(r for r in rows if r[h.index("受理日期")] == "2026-10-01")
    assert a[h.index("涉及金额（元）")] == "1000.00" and a[h.index("纠纷类型")] == "邻里纠纷"
    assert ID_ZHANG not in raw.decode("utf-8-sig")


def test_cli_entry_monthly_and_register(october_store: Store, tmp_path: Path) -> None:
    from desktop.cli import main

    db = str(october_store.path)
    october_store.close()  # the CLI takes the writer lock itself
    assert (
        main(
            [
                "--db",
                db,
                "report",
                "entry",
                "--month",
                "2026-10",
                "--screenings",
                "20",
                "--found",
                "6",
            ]
        )
        == 0
    )
    out = tmp_path / "月报.xlsx"
    assert (
        main(
            [
                "--db",
                db,
                "report",
                "monthly",
                "--month",
                "2026-10",
                "--format",
                "xlsx",
                "-o",
                str(out),
                "--filler",
                "赵填报",
            ]
        )
        == 0
    )
    rows = {r[1]: r for r in load_workbook(out)["主要指标"].iter_rows(values_only=True) if r[1]}
    assert rows["排查纠纷"][3] == 20 and rows["预防纠纷"][3] == 3  # kept from before
    assert ("填报人", "赵填报") in [
        tuple(r[:2]) for r in load_workbook(out)["主要指标"].iter_rows(max_row=8, values_only=True)
    ]
    reg = tmp_path / "台账.csv"
    assert main(["--db", db, "register", "--format", "csv", "-o", str(reg), "--year", "2026"]) == 0
    with open(reg, encoding="utf-8-sig", newline="") as fh:
        assert len(list(csv.reader(fh))) == 1 + 8  # A-G and I; H is 2025
    assert (
        main(["--db", db, "report", "monthly", "--month", "十月", "-o", str(tmp_path / "x.pdf")])
        == 1
    )


def test_streamed_xlsx_survives_awkward_text(tmp_path: Path) -> None:
    from decimal import Decimal

    from desktop.core.reports.xlsx_book import write_table

    path = tmp_path / "t.xlsx"
    rows = [['<b>&"甲"</b>\x07', Decimal("1234.5"), date(2026, 1, 31), 7, None, "x" * 40000]]
    with open(path, "wb") as fh:
        assert (
            write_table(fh, "台账<1>", ["文字", "金额", "日期", "件数", "空", "长"], rows, [10] * 6)
            == 1
        )
    wb = load_workbook(path)
    ws = wb.active
    assert ws.title == "台账<1>"
    got = [c.value for c in ws[2]]
    assert got[:5] == ['<b>&"甲"</b>', 1234.5, datetime(2026, 1, 31), 7, None]
    assert len(got[5]) == 32767 and ws["B2"].number_format == "#,##0.00"


def test_cli_takes_the_format_from_the_file_name(october_store: Store, tmp_path: Path) -> None:
    from desktop.cli import main

    db = str(october_store.path)
    october_store.close()
    word = tmp_path / "月报.docx"
    assert main(["--db", db, "report", "monthly", "--month", "2026-10", "-o", str(word)]) == 0
    assert Document(str(word)).paragraphs[0].text == "人民调解工作月报"
    clash = tmp_path / "月报.pdf"
    assert (
        main(
            [
                "--db",
                db,
                "report",
                "monthly",
                "--month",
                "2026-10",
                "--format",
                "xlsx",
                "-o",
                str(clash),
            ]
        )
        != 0
    )
    assert not clash.exists()
    csv_path = tmp_path / "台账.csv"
    assert main(["--db", db, "register", "-o", str(csv_path)]) == 0
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbf")
