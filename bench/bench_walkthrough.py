"""Walkthrough: the real window driven through three disputes as a mediator would, counting
every operation (issue 13). No call into the core behind the window's back: cases are
registered, filled, printed and closed only through clicks, key presses and text entered
into the real widgets; modal dialogs are answered inside their own event loop, as a user does.

    python bench/bench_walkthrough.py            (offscreen)

What counts as one operation: a mouse click (a button, a tick box, a list entry, a field to
put the cursor in), a key press (Enter, Tab), and one text entered into the field that has
the cursor (typed or pasted). Choosing in a drop-down is two (open it, pick). A field the
window already fills correctly (today's date, the signed-in mediator) costs nothing.

The disputes (issue 13):
  A  a wage dispute of three workers against a company (4 parties), settled in writing with
     three instalments, the agreement printed, a return visit, archived;
  B  a parking quarrel taken up by a grid worker (第1级) and settled orally on the spot (one
     当场调解 record from the case's first page), the 口头协议登记表 printed, archived after a
     return visit;
  C  a neighbour dispute the respondent refuses to mediate: terminated, the notice printed.
The last line is ``operations: A B C``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QInputMethodEvent  # noqa: E402
from PySide6.QtPrintSupport import QPrintDialog  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

import desktop.ui  # noqa: E402,F401 - applies the PySide6 reference guard first
from desktop.core.store import Store, open_store  # noqa: E402
from desktop.ui.fonts import load_fonts  # noqa: E402
from desktop.ui.qt_translations import install_chinese  # noqa: E402

NOW = datetime(2026, 3, 2, 9, 0)


class User:
    """The mediator's hands: every gesture goes to a real widget and is counted."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.ops = 0
        self.pending: list[Callable[[QWidget], None]] = []

    def settle(self) -> None:
        self.app.processEvents()

    # -------------------------------------------------------------- gestures
    def click(self, widget: QWidget) -> None:
        self.ops += 1
        # A tick box is hit on its box, at the left; anything else in its middle.
        pos = (
            QPoint(8, widget.height() // 2)
            if isinstance(widget, QCheckBox)
            else widget.rect().center()
        )
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)
        self.settle()

    def key(self, widget: QWidget, key: Qt.Key) -> None:
        self.ops += 1
        QTest.keyClick(widget, key)
        self.settle()

    def enter_text(self, editor: QWidget, text: str) -> None:
        """Put the cursor in the field (one click) and type or paste the text (one more)."""
        self.click(editor)
        self.ops += 1
        if isinstance(editor, QLineEdit | QPlainTextEdit):
            editor.selectAll()
        event = QInputMethodEvent()
        event.setCommitString(text)  # as a Chinese input method commits a phrase
        QApplication.sendEvent(editor, event)
        self.settle()
        if isinstance(editor, QLineEdit):
            editor.editingFinished.emit()  # the field is left for the next one

    def choose(self, combo: QComboBox, text: str) -> None:
        """Open the list and click the entry."""
        index = next(i for i in range(combo.count()) if combo.itemText(i).startswith(text))
        self.click(combo)
        self.ops += 1
        combo.setCurrentIndex(index)
        combo.hidePopup()
        self.settle()

    def button(self, parent: QWidget, text: str) -> QAbstractButton:
        return next(
            b
            for b in parent.findChildren(QAbstractButton)
            if b.text().replace("&", "").startswith(text) and b.isVisible()
        )

    # -------------------------------------------------------------- dialogs
    def then(self, answer: Callable[[QWidget], None]) -> None:
        """The next modal dialog that opens is answered by ``answer`` (inside its loop)."""
        self.pending.append(answer)

        def poll() -> None:
            dialog = QApplication.activeModalWidget()
            if dialog is None or not self.pending:
                QTimer.singleShot(20, poll)
                return
            self.pending.pop(0)(dialog)

        QTimer.singleShot(20, poll)


# ------------------------------------------------------------------ field helpers
def field(form: Any, fid: str) -> QWidget:
    widget = form.widgets[fid]
    return getattr(widget, "line", None) or widget.editor


def fill(user: User, form: Any, values: dict[str, str]) -> None:
    for fid, value in values.items():
        widget = form.widgets[fid]
        if isinstance(widget.editor, QComboBox):
            user.choose(widget.editor, value)
        elif hasattr(widget, "boxes"):
            box = next(b for b in widget.boxes if b.text() == value)
            user.click(box)
        elif hasattr(widget, "check"):
            user.click(widget.check)
        elif value == "今天" and hasattr(widget, "today_button"):
            user.click(widget.today_button)
        else:
            user.enter_text(field(form, fid), value)


def record(user: User, panel: Any, values: dict[str, str], button: str = "add_button") -> None:
    """添加… (or another button of the list that opens the dialog), fill it, 保存."""

    def answer(dialog: QWidget) -> None:
        fill(user, dialog.form, values)  # type: ignore[attr-defined]
        user.click(dialog.ok_button)  # type: ignore[attr-defined]
        if dialog.isVisible():
            raise SystemExit(f"{dialog.windowTitle()} refused: {dialog.error.text()}")  # type: ignore[attr-defined]

    user.then(answer)
    user.click(getattr(panel, button))


def complete(user: User, ws: Any) -> None:
    form = ws.current_form()
    user.click(form.complete_button)
    if form.banner.text():
        raise SystemExit(f"{form.step.name} refused: {form.banner.text()}")


def print_document(user: User, ws: Any, form_name: str, out: Path) -> None:
    """文书打印 tab, the document's 打印 button, 仍然打印 if the self-check asks, and 打印 in
    the print dialog (to a PDF file, offscreen)."""
    user.click(ws.tabs.tabBar())  # the tab: a click on 文书打印
    ws.tabs.setCurrentWidget(ws.documents)
    user.settle()
    panel = ws.documents
    row = next(
        r
        for r in range(panel.table.rowCount())
        if panel.table.item(r, 0).text().startswith(form_name)
    )
    print_button = panel.table.cellWidget(row, 4)

    def answer(dialog: QWidget) -> None:
        if isinstance(dialog, QMessageBox):  # the self-check's question: print anyway
            user.then(answer)
            accept = [
                b
                for b in dialog.buttons()
                if dialog.buttonRole(b)
                in (QMessageBox.ButtonRole.AcceptRole, QMessageBox.ButtonRole.YesRole)
            ]
            user.click(accept[0])
            return
        if not isinstance(dialog, QPrintDialog):
            raise SystemExit(f"unexpected dialog while printing: {dialog.windowTitle()}")
        # Offscreen there is no printer, only Qt's PDF printer: its file name stands in for
        # the mediator's printer (not counted: on the laptop the printer is already chosen).
        target = str(out / f"{form_name}.pdf")
        for edit in dialog.findChildren(QLineEdit):
            if edit.text().endswith("/"):
                edit.setText(target)
        dialog.printer().setOutputFileName(target)
        user.click(user.button(dialog, "打印"))

    user.then(answer)
    user.click(print_button)
    if not (out / f"{form_name}.pdf").exists():
        raise SystemExit(f"{form_name} was not printed")


# ------------------------------------------------------------------ the window
def start(folder: Path, app: QApplication, committee_level: int) -> tuple[Store, Any, User]:
    from desktop.ui.main_window import MainWindow
    from desktop.ui.sign_in import SignInDialog

    store = open_store(folder / f"walk{committee_level}.sqlite", now=lambda: NOW)
    store.settings.save_committee(
        name="星光村人民调解委员会", level=committee_level, region="浙江省平湖市新埭镇", abbr="星调"
    )
    store.settings.add_mediator("王调解", "13812345678", full_time=True)
    user = User(app)
    sign_in = SignInDialog(store)
    sign_in.show()
    user.settle()
    names = sign_in.names
    if names.currentItem() is None:
        user.click(names.viewport())
        names.setCurrentRow(0)
    user.key(names, Qt.Key.Key_Return)
    window = MainWindow(store, lambda: NOW.date())
    window.resize(1366, 688)
    window.show()
    user.settle()
    return store, window, user


def register(user: User, window: Any, case: dict[str, str], parties: list[dict[str, str]]) -> Any:
    user.click(window.nav_buttons["new"])
    page = window.new_case
    if "level" in case:
        user.choose(page.level, case.pop("level"))
    fill(user, page.form, case)
    while len(page.parties) < len(parties):
        role = parties[len(page.parties)]["role"]
        user.click(user.button(page, f"＋ 添加{role}"))
    for box, party in zip(page.parties, parties, strict=True):
        fill(user, box.form, {k: v for k, v in party.items() if k != "role"})
    user.click(page.save_button)
    if window.workspace is None:
        raise SystemExit(f"registration refused: {page.message.text()}")
    return window.workspace


CHECKS = {f: "是" for f in ("not_reserved", "not_pending", "no_refusal", "rights_notified")}


def dispute_a(folder: Path, app: QApplication) -> int:
    store, window, user = start(folder, app, 2)
    ws = register(
        user,
        window,
        {
            "category": "拖欠农民工工资",
            "facts": "三人在公司做工四个月，工资共 36000 元未付。",
            "requests": "请求公司支付拖欠的工资。",
            "amount": "36000",
            **CHECKS,
        },
        [
            {"role": "申请人", "name": "张建国", "id_number": "330482199001011232"},
            {"role": "申请人", "name": "李秀英", "id_number": "330482198505203428"},
            {"role": "申请人", "name": "王建平", "phone": "13900003333"},
            {
                "role": "被申请人",
                "kind": "单位",
                "name": "平湖市某建材有限公司",
                "credit_code": "91350100M000100Y43",
            },
        ],
    )
    complete(user, ws)  # 排查受理
    form = ws.current_form()
    record(
        user,
        form.panels["investigation"],
        {"place": "公司办公室", "subject": "公司负责人", "content": "公司承认欠薪，称资金紧张。"},
    )
    fill(
        user, form.form, {"evidence_list": "1. 考勤表复印件", "findings": "公司拖欠三人工资属实。"}
    )
    complete(user, ws)  # 调查核实
    form = ws.current_form()
    record(
        user,
        form.panels["session"],
        {
            "place": "村调解室",
            "participants": "三名工人、公司负责人",
            "statements": "工人要求一次付清；公司要求分期。",
            "persuasion": "讲明拖欠劳动报酬的法律责任。",
            "result": "同意分三期付清。",
        },
    )
    fill(user, form.form, {"risk_flags": "无明显激化风险"})
    complete(user, ws)  # 调解疏导
    form = ws.current_form()
    fill(
        user,
        form.form,
        {
            "agreement_form": "书面协议",
            "disputed_matters": "拖欠工资 36000 元",
            "responsibility": "公司负全部责任。",
            "confirmation_advised": "是",
        },
    )
    user.click(form.form.widgets["agreement_on"].today_button)
    record(
        user,
        form.panels["term"],
        {
            "content": "第1期支付工资 12000 元",
            "obligor": "平湖市某建材有限公司",
            "amount": "12000",
            "manner": "银行转账",
            "deadline": "2026-03-31",
        },
    )
    for _ in range(2):  # the 2nd and 3rd instalments: 再加一期, check, 保存
        record(user, form.panels["term"], {}, button="instalment_button")
    complete(user, ws)  # 达成协议
    print_document(user, ws, "人民调解协议书", folder)
    ws.tabs.setCurrentIndex(0)
    user.click(ws.tabs.tabBar())
    form = ws.current_form()
    record(
        user,
        form.panels["return_visit"],
        {
            "visited_party": "张建国",
            "performance": "部分履行",
            "satisfaction": "满意",
            "notes": "第一期已付。",
        },
    )
    fill(
        user,
        form.form,
        {
            "judicial_confirmation": "未申请",
            "closing_note": "按期履行中。",
            "open_terms_reason": "第2、3期未到期，按协议继续履行，到期回访。",
        },
    )
    user.click(form.form.widgets["closed_on"].today_button)
    complete(user, ws)  # 回访归档
    assert store.cases.get(ws.case_id).is_closed
    store.close()
    return user.ops


def dispute_b(folder: Path, app: QApplication) -> int:
    store, window, user = start(folder, app, 2)
    ws = register(
        user,
        window,
        {
            "level": "第1级",
            "source": "网格排查",
            "category": "邻里",
            "facts": "李某的车挡住张某家门口。",
            "requests": "请求挪车。",
            **CHECKS,
        },
        [
            {"role": "申请人", "name": "张建国"},
            {"role": "被申请人", "name": "李秀英"},
        ],
    )
    # 当场调解 on the step the case opens at: one record stands as investigation and session
    # and registers the oral agreement; the case goes on at 回访归档.
    form = ws.current_form()

    def answer(dialog: QWidget) -> None:
        fill(
            user,
            dialog.form,  # type: ignore[attr-defined]
            {
                "place": "村口",
                "findings": "李秀英的车停在张建国家门口，挡住出入；双方当场查看属实。",
                "result": "李秀英当场把车挪走，以后不在张家门口停车。",
                "obligor": "李秀英",
                "manner": "当场履行",
                "risk_flags": "无明显激化风险",
            },
        )
        user.click(dialog.ok_button)  # type: ignore[attr-defined]
        if dialog.isVisible():
            raise SystemExit(f"当场调解 refused: {dialog.error.text()}")  # type: ignore[attr-defined]

    user.then(answer)
    user.click(form.onsite_button)
    print_document(user, ws, "人民调解口头协议登记表", folder)
    ws.tabs.setCurrentIndex(0)
    user.click(ws.tabs.tabBar())
    form = ws.current_form()
    record(
        user,
        form.panels["return_visit"],
        {
            "visited_party": "张建国",
            "performance": "已履行",
            "satisfaction": "满意",
            "notes": "已挪车。",
        },
    )
    fill(user, form.form, {"closing_note": "当场化解。"})
    user.click(form.form.widgets["closed_on"].today_button)
    complete(user, ws)
    assert store.cases.get(ws.case_id).is_closed
    store.close()
    return user.ops


def dispute_c(folder: Path, app: QApplication) -> int:
    from desktop.ui.workspace.flow_dialogs import TerminateDialog

    store, window, user = start(folder, app, 2)
    ws = register(
        user,
        window,
        {
            "category": "邻里",
            "facts": "李家围墙挡住张家排水沟。",
            "requests": "请求恢复排水。",
            **CHECKS,
        },
        [{"role": "申请人", "name": "张建国"}, {"role": "被申请人", "name": "李秀英"}],
    )
    complete(user, ws)

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, TerminateDialog)
        user.enter_text(dialog.reason, "被申请人明确拒绝调解。")
        for check in dialog.routes.values():
            user.click(check)
        user.click(dialog.ok_button)

    user.then(answer)
    user.click(ws.terminate_button)
    assert store.cases.get(ws.case_id).is_closed
    print_document(user, ws, "终止人民调解告知书", folder)
    store.close()
    return user.ops


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    load_fonts(app, 12)  # type: ignore[arg-type]
    install_chinese(app)  # type: ignore[arg-type]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, run, target, before in (
            ("A 四方劳务报酬纠纷，分期履行", dispute_a, 120, 225),
            ("B 网格员当场调解停车纠纷，口头协议", dispute_b, 60, 164),
            ("C 相邻排水纠纷，一方拒绝调解而终止", dispute_c, 50, 106),
        ):
            folder = Path(tmp) / name[0]
            folder.mkdir()
            t = time.perf_counter()
            ops = run(folder, app)  # type: ignore[arg-type]
            rows.append((name, ops, target, before, time.perf_counter() - t))
    print(f"\n{'纠纷':<36}{'操作次数':>8}{'目标':>6}{'原先':>6}{'用时 s':>8}")
    for name, ops, target, before, secs in rows:
        print(f"{name:<36}{ops:>8}{'≤' + str(target):>6}{before:>6}{secs:>8.1f}")
    print("operations: " + " ".join(str(r[1]) for r in rows))


if __name__ == "__main__":
    main()
