"""The county's numbers in the window, driven through the real widgets: the 以案定补 list and
marking it claimed, typing 平台案号 for the cases not yet entered, and importing an old Excel
台账 (columns confirmed, preview writes nothing, then one import)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import text_sizes
import xlsxwriter
from builders import FixedClock
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView
from report_builders import build_october
from view_cells import cut_cells, cut_headings, sideways_bars, views_in
from workspace_driver import cell_text

from desktop.core.store import Store
from desktop.core.validation.idcard import id_check_digit
from desktop.ui.official_dialogs import ClaimsDialog, ImportRegisterDialog, PlatformDialog

pytestmark = pytest.mark.ui


def test_claims_list_and_marking(qtbot, store: Store, clock: FixedClock) -> None:  # noqa: ANN001
    clock.set(date(2026, 11, 5))
    build_october(store)
    dialog = ClaimsDialog(store)
    qtbot.addWidget(dialog)
    dialog.month.setCurrentIndex(dialog.month.findData("2026-10"))
    assert dialog.good.rowCount() == 2 and dialog.bad.rowCount() == 1  # A H | B (部分履行)
    assert (
        cell_text(dialog.bad, 0, 3)
        == "最近一次回访（2026-10-31）记的是“部分履行”，第1项（第1项）还没有履行。"
    )
    assert "可申报 2 件，共 600.00 元" in dialog.summary.text()
    qtbot.mouseClick(dialog.mark, Qt.MouseButton.LeftButton)
    assert store.db.execute("SELECT count(*) FROM subsidy_claims").fetchone()[0] == 2
    assert "（已申报）" in cell_text(dialog.good, 0, 6) and not dialog.mark.isEnabled()


def test_platform_numbers_typed_for_each_case(qtbot, store: Store, clock: FixedClock) -> None:  # noqa: ANN001
    clock.set(date(2026, 11, 5))
    build_october(store)
    dialog = PlatformDialog(store)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 9
    first = dialog.cases[0].case_id
    dialog.number.setText("ZJ-2026-001")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert store.cases.get(first).platform_no == "ZJ-2026-001"
    assert dialog.table.rowCount() == 8 and "还有 8 件" in dialog.summary.text()


def _register(path: Path) -> None:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    for col, text in enumerate(
        ["受理日期", "纠纷类型", "申请人", "身份证号", "被申请人", "调解结果"]
    ):
        ws.write_string(0, col, text)
    for i in range(30):
        first17 = f"3304821980{1 + i % 12:02d}{1 + i % 28:02d}{i:03d}"
        number = first17 + id_check_digit(first17)
        if i == 5:
            number = number[:17] + ("0" if number[17] != "0" else "1")  # a wrong check digit
        day = "2025-13-01" if i == 9 else f"2025-03-{1 + i % 28:02d}"
        for col, text in enumerate([day, "邻里纠纷", f"赵{i}", number, f"钱{i}", "调解成功"]):
            ws.write_string(i + 1, col, text)
    wb.close()


def test_import_dialog_previews_then_imports(qtbot, store: Store, tmp_path: Path) -> None:  # noqa: ANN001
    path = tmp_path / "旧台账.xlsx"
    _register(path)
    dialog = ImportRegisterDialog(store)
    qtbot.addWidget(dialog)
    dialog.load(path)
    assert dialog.mapping()[3] == "applicant_id"  # "身份证号" alone: the name on its left
    dialog.set_column("身份证号", "applicant_id")
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    text = dialog.preview_text.toPlainText()
    assert "将导入 28 件" in text and "不能导入 2 行" in text
    assert "第 7 行：申请人证件号码" in text and "第 11 行：受理日期" in text
    assert store.db.execute("SELECT count(*) FROM cases").fetchone()[0] == 0  # nothing yet
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert store.db.execute("SELECT count(*) FROM cases").fetchone()[0] == 28
    assert "已导入 28 件" in dialog.preview_text.toPlainText()
    assert not dialog.import_button.isEnabled()


def test_import_dialog_reads_a_csv_register_as_excel_saves_it(
    qtbot, store: Store, tmp_path: Path
) -> None:  # noqa: ANN001
    """The same register saved by Excel on Chinese Windows as plain CSV (GBK): the dialog
    offers .csv files, guesses the same columns and imports the same cases."""
    from openpyxl import load_workbook

    from desktop.ui.official_dialogs import REGISTER_FILTER

    assert "*.csv" in REGISTER_FILTER
    xlsx = tmp_path / "旧台账.xlsx"
    _register(xlsx)
    rows = [[c or "" for c in r] for r in load_workbook(xlsx).active.iter_rows(values_only=True)]
    path = tmp_path / "旧台账.csv"
    path.write_bytes("\r\n".join(",".join(r) for r in rows).encode("gbk"))
    dialog = ImportRegisterDialog(store)
    qtbot.addWidget(dialog)
    dialog.load(path)
    dialog.set_column("身份证号", "applicant_id")
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    text = dialog.preview_text.toPlainText()
    assert "将导入 28 件" in text and "第 7 行：申请人证件号码" in text
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert store.db.execute("SELECT count(*) FROM cases").fetchone()[0] == 28


def test_import_dialog_offers_each_sheet_of_a_register_kept_a_sheet_a_year(
    qtbot, store: Store, tmp_path: Path
) -> None:  # noqa: ANN001
    """A workbook of a 说明 sheet and one 台账 sheet a year: the dialog reads the first 台账
    sheet, says the others were not read, and choosing one in 导入哪张表 reads its rows."""
    path = tmp_path / "历年台账.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    wb.add_worksheet("说明").write_string(0, 0, "每年一张表")
    for year, count in (("2024", 2), ("2025", 3)):
        ws = wb.add_worksheet(year)
        for col, text in enumerate(["受理日期", "申请人", "被申请人", "调解结果"]):
            ws.write_string(0, col, text)
        for i in range(count):
            row = [f"{year}-03-{1 + i:02d}", f"赵{year}{i}", f"钱{i}", "调解成功"]
            for col, text in enumerate(row):
                ws.write_string(i + 1, col, text)
    wb.close()
    dialog = ImportRegisterDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load(path)
    assert dialog.sheet_box.isVisible()
    assert [dialog.sheet_box.itemText(i) for i in range(dialog.sheet_box.count())] == [
        "2024",
        "2025",
    ]
    assert "还有 1 张表也是台账（“2025”）" in dialog.preview_text.toPlainText()
    assert "2 行数据" in dialog.file_label.text()
    dialog.sheet_box.setCurrentIndex(1)
    assert dialog.sheet is not None and dialog.sheet.name == "2025"
    assert "3 行数据" in dialog.file_label.text()
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    assert "将导入 3 件" in dialog.preview_text.toPlainText()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert store.db.execute("SELECT count(*) FROM cases").fetchone()[0] == 3


def test_a_case_of_many_parties_keeps_every_claims_column_on_screen(
    qtbot, store: Store, clock: FixedClock
) -> None:  # noqa: ANN001
    """A wage-arrears case with 200 workers as applicants: the 当事人 column sized to its
    contents pushed 案件难度, 涉案金额, 人数 and 补贴 off the 1366-pixel screen (reached only by
    scrolling), and a wrapped cell could grow a row taller than the list. Every column now
    starts inside the view, every row fits half of it, the whole list is on hover."""
    from builders import applicant, intake, respondent
    from report_builders import agree, to_agreement_step, visit

    clock.set(date(2026, 11, 5))
    build_october(store)
    workers = [applicant(name=f"欧阳{i}号", id_number="", phone="") for i in range(200)]
    cid = store.cases.create(
        intake(accepted_on="2026-10-02", title="欧阳等二百人追索劳动报酬纠纷"),
        [*workers, respondent()],
    ).id
    to_agreement_step(store, cid, "2026-10-03")
    agree(store, cid, "2026-10-10", "书面协议", ["500"])
    visit(store, cid, "2026-10-20", "已履行")
    dialog = ClaimsDialog(store)
    qtbot.addWidget(dialog)
    dialog.resize(1366, 700)
    dialog.show()
    dialog.month.setCurrentIndex(dialog.month.findData("2026-10"))
    table = dialog.good
    row = next(r for r in range(table.rowCount()) if "欧阳等二百人" in cell_text(table, r, 1))
    assert cell_text(table, row, 2).count("欧阳") == 200  # the whole list, on hover too
    item = table.item(row, 2)
    assert item is not None and item.toolTip() == cell_text(table, row, 2)
    header = table.horizontalHeader()
    view = table.viewport().width()
    for col in range(table.columnCount()):
        assert header.sectionViewportPosition(col) < view, col
    assert header.sectionPosition(table.columnCount() - 1) < view
    assert table.rowHeight(row) <= table.viewport().height() // 2 + 1


#: Normal and large text (tests/ui/text_sizes.py).
text_size = text_sizes.text_size


def test_the_report_tables_fit_every_width(
    qtbot,  # noqa: ANN001
    store: Store,
    clock: FixedClock,
    tmp_path: Path,
    text_size: int,
) -> None:
    """以案定补 (with a case of 200 workers), 未录入省平台 and the 台账 import (a file loaded and
    previewed), at widths from each dialog's minimum to the screen's, normal and large text: no
    table needs a sideways scroll bar, every cut cell and heading is whole on hover (their
    columns were sized to their contents and ran off a narrowed dialog)."""
    from builders import applicant, intake, respondent
    from report_builders import agree, to_agreement_step, visit

    clock.set(date(2026, 11, 5))
    build_october(store)
    workers = [applicant(name=f"欧阳{i}号", id_number="", phone="") for i in range(200)]
    cid = store.cases.create(
        intake(accepted_on="2026-10-02", title="欧阳等二百人追索劳动报酬纠纷"),
        [*workers, respondent()],
    ).id
    to_agreement_step(store, cid, "2026-10-03")
    agree(store, cid, "2026-10-10", "书面协议", ["500"])
    visit(store, cid, "2026-10-20", "已履行")
    claims = ClaimsDialog(store)
    claims.month.setCurrentIndex(claims.month.findData("2026-10"))
    register = ImportRegisterDialog(store)
    _register(tmp_path / "旧台账.xlsx")
    register.load(tmp_path / "旧台账.xlsx")
    register.preview()
    found: list[str] = []
    for dialog in (claims, PlatformDialog(store), register):
        qtbot.addWidget(dialog)
        dialog.show()
        QApplication.processEvents()
        least = dialog.minimumSizeHint().width()
        for width in sorted({least, (least + 1366) // 2, 1366}):
            dialog.resize(width, 700)
            QApplication.processEvents()
            QApplication.processEvents()  # scroll bars follow new columns a turn later
            where = f"{type(dialog).__name__} at {dialog.width()} px"
            found += [f"{where}: {bar}" for bar in sideways_bars(dialog)]
            for view in views_in(dialog):
                found += [f"{where}: {cut}" for cut in cut_cells(view)]
                if isinstance(view, QTableView):
                    found += [f"{where}: {cut}" for cut in cut_headings(view)]
    assert claims.good.rowCount() >= 3 and register.columns.rowCount() == 6
    assert not found, "\n".join(found)
