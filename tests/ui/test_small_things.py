"""Small things an older mediator trips over (issue 13, failure 9): the termination notice
prints one copy per party plus one, the case header never breaks a name in two, and a long
clause shows whole in the terms list."""

from __future__ import annotations

import pytest
from builders import applicant, intake, respondent
from PySide6.QtWidgets import QApplication
from workspace_driver import cell_text

from desktop.core.store import Store
from desktop.ui.form_label import JOINER
from desktop.ui.workspace import CaseWorkspace
from desktop.ui.workspace.documents_panel import DocumentsPanel
from desktop.ui.workspace.terms_panel import TermsPanel

pytestmark = pytest.mark.ui


@pytest.mark.parametrize("extra_parties", [0, 1, 3])
def test_termination_notice_copies_are_parties_plus_one(
    qtbot, store: Store, extra_parties: int
) -> None:  # noqa: ANN001
    parties = [applicant(), respondent()] + [
        applicant(name=f"第三人{i}", role="第三人", id_number="") for i in range(extra_parties)
    ]
    case = store.cases.create(intake(), parties)
    store.flow.terminate(case.id, "被申请人明确拒绝调解。", ["向人民法院提起诉讼"])
    panel = DocumentsPanel(store, case.id)
    qtbot.addWidget(panel)
    panel.reload()
    assert panel.copies("termination_notice") == len(parties) + 1
    rows = [cell_text(panel.table, r, 0) for r in range(panel.table.rowCount())]
    assert any(
        t.startswith("终止人民调解告知书") and f"打印 {len(parties) + 1} 份" in t for t in rows
    )


def test_header_keeps_each_item_on_one_line(qtbot, store: Store) -> None:  # noqa: ANN001
    store.settings.add_mediator("欧阳建国", "13800000000")
    case = store.cases.create(intake(mediator=2), [applicant(), respondent()])
    ws = CaseWorkspace(store, case.id)
    qtbot.addWidget(ws)
    ws.resize(1000, 700)
    ws.show()
    # word joiners hold the characters of each item together (Qt ignores nowrap on a span)
    shown = ws.summary.text()
    assert JOINER.join("欧阳建国") in shown
    assert "<span style='white-space:nowrap'>承办：欧阳建国</span>" in shown.replace(JOINER, "")


def test_a_long_clause_is_shown_whole(qtbot, store: Store) -> None:  # noqa: ANN001
    case = store.cases.create(intake(), [applicant(), respondent()])
    long = "李秀英于2026年3月10日前在围墙底部开设排水口两处，并负责清理排水沟内淤泥，" * 3
    store.records.add(
        case.id,
        "term",
        {"content": long, "obligor": "李秀英", "manner": "自行施工", "deadline": "2026-03-10"},
    )
    spec = store.cases.spec_of(case)
    panel = TermsPanel(store, case.id, spec.record_kinds["term"], "协议条款")
    qtbot.addWidget(panel)
    panel.resize(900, 400)
    panel.show()
    QApplication.processEvents()
    QApplication.processEvents()
    line = panel.fontMetrics().lineSpacing()
    assert panel.table.rowHeight(0) >= 2 * line  # wrapped, not cut to one line
    assert panel.table.height() >= panel.table.rowHeight(0)  # the list shows the whole row
