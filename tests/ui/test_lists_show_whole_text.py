"""Every list and table of the window shows each cell's text whole, or whole on hover, and
needs no sideways scroll bar, on a 1366x768 laptop at normal and at large text (kind: a
column or list cut off at the right; found as the case list's last columns hidden behind a
sideways scroll bar at large text and the self-check's sentences cut in 文书打印)."""

from __future__ import annotations

import pytest
import text_sizes
from builders import applicant, intake, respondent, run_to_agreement
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QApplication, QWidget
from view_cells import cut_cells, sideways, views_in

from desktop.core.store import Store
from desktop.ui.main_window import MainWindow
from desktop.ui.screen_fit import usable_area

pytestmark = pytest.mark.ui


#: Normal and large text (tests/ui/text_sizes.py).
text_size = text_sizes.text_size


def faults(top: QWidget, where: str) -> list[str]:
    QApplication.processEvents()
    found = []
    for view in views_in(top):
        name = f"{where} {type(view).__name__}"
        if why := sideways(view):
            found.append(f"{name}: {why}")
        found += [f"{name}: {cut}" for cut in cut_cells(view)]
    return found


def laptop_window(qtbot, store: Store) -> MainWindow:  # noqa: ANN001
    window = MainWindow(store)
    qtbot.addWidget(window)
    area = usable_area(window)
    window.resize(area.width(), area.height())
    window.show()
    return window


NAMES = st.text(alphabet="欧阳上官司马建国秀英某有限公司张王", min_size=2, max_size=12)


@settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    first=NAMES,
    second=NAMES,
    title=st.text(alphabet="与及拖欠工资相邻排水纠纷某建筑工程有限公司", min_size=4, max_size=40),
    category=st.sampled_from(["10", "01", "06"]),
)
def test_every_list_of_the_window_shows_whole_text(
    qtbot, store: Store, text_size: int, first: str, second: str, title: str, category: str
) -> None:  # noqa: ANN001
    """The case list, 今日 and every list and table of a case (each step, 文书打印, 照片和附件,
    办理经过) with names, titles and types of any length."""
    case_id = run_to_agreement(store)
    store.cases.create(
        intake(title=title, category=category),
        [applicant(name=first), respondent(name=second)],
    )
    window = laptop_window(qtbot, store)
    found = faults(window, "今日")
    window.show_cases()
    found += faults(window, "案件")
    window.open_case(case_id)
    ws = window.workspace
    assert ws is not None
    for step in ws.spec.steps:
        ws.show_step(step.id)
        found += faults(window, f"第{step.number}步")
    for tab in range(ws.tabs.count()):
        ws.tabs.setCurrentIndex(tab)
        found += faults(window, ws.tabs.tabText(tab))
    assert not found, "\n".join(found)
    window.close()


def test_the_first_self_check_findings_are_shown_whole(qtbot, store: Store, text_size: int) -> None:  # noqa: ANN001
    """文书打印's 卷宗自查: the first findings (one at large text, up to four at normal; the
    heading counts them all and the list scrolls) are wholly inside the list, wrapped; they
    were measured one line each and a finding's second line was cut off (at the right edge at
    large text), while three documents stay in view below
    (test_every_screen_fits.py::test_the_documents_tab_shows_three_documents_at_once)."""
    window = laptop_window(qtbot, store)
    window.open_case(run_to_agreement(store))
    ws = window.workspace
    assert ws is not None
    ws.tabs.setCurrentWidget(ws.documents)
    QApplication.processEvents()
    checks = ws.documents.check_list
    assert checks.count() >= 2
    assert ws.documents.check_heading.text() == f"卷宗自查（{checks.count()} 条）"
    port = checks.viewport().rect()
    for row in range(min(checks.count(), 1 if text_size == 16 else 4)):
        rect = checks.visualItemRect(checks.item(row))
        assert port.contains(rect), (text_size, row, rect, port, checks.item(row).text())
        assert not list(cut_cells(checks))
