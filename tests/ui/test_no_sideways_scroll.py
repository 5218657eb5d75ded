"""No list, table or scrolled form of the window needs a sideways scroll bar at any window
width from the window's own minimum up to the 1366-pixel laptop screen, at normal and at large
text (kind: columns or items wider than the room a narrowed window leaves them; found as the
case list's sideways scroll bar below ~1,000 pixels, at the minimum size and at large text).
Cells and headings cut short show their whole text on hover."""

from __future__ import annotations

import pytest
import text_sizes
from builders import applicant, intake, respondent, run_to_agreement
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from view_cells import cut_cells, cut_headings, sideways_bars, views_in

from desktop.core.store import Store
from desktop.ui.main_window import MainWindow
from desktop.ui.screen_fit import usable_area

pytestmark = pytest.mark.ui

#: Normal and large text (tests/ui/text_sizes.py).
text_size = text_sizes.text_size

SCREEN_WIDTH = 1366


def widths_from(least: int, count: int = 5) -> list[int]:
    """``count`` window widths spread from ``least`` to the screen's width, 1,000 among them."""
    step = (SCREEN_WIDTH - least) / (count - 1)
    spread = {round(least + i * step) for i in range(count)}
    return sorted(spread | ({1000} if least <= 1000 else set()))


def faults_at(window: QWidget, width: int, where: str) -> list[str]:
    """What needs a sideways scroll bar, or is cut with no tooltip, at ``width`` pixels."""
    window.resize(width, window.height())
    # Twice: a table's scroll bars follow its new columns one turn of the event loop later.
    QApplication.processEvents()
    QApplication.processEvents()
    name = f"{where} at {window.width()} px"
    found = [f"{name}: {bar}" for bar in sideways_bars(window)]
    for view in views_in(window):
        found += [f"{name}: {cut}" for cut in cut_cells(view)]
        if hasattr(view, "horizontalHeader"):
            found += [f"{name}: {cut}" for cut in cut_headings(view)]  # type: ignore[arg-type]
    return found


def sweep(window: MainWindow, where: str) -> list[str]:
    QApplication.processEvents()
    least = window.minimumSizeHint().width()
    found = []
    for width in widths_from(least):
        found += faults_at(window, width, where)
    return found


def laptop_window(qtbot, store: Store) -> MainWindow:  # noqa: ANN001
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.resize(SCREEN_WIDTH, usable_area(window).height())
    window.show()
    return window


def test_no_page_of_the_window_scrolls_sideways_at_any_width(
    qtbot,  # noqa: ANN001
    store: Store,
    text_size: int,
) -> None:
    """今日, the case list and 登记新案件, at widths from the window's minimum to the screen's."""
    run_to_agreement(store)
    title = "十六名农民工与某建筑劳务有限公司追索劳动报酬纠纷"
    store.cases.create(intake(title=title), [applicant(name="欧阳上官建国"), respondent()])
    window = laptop_window(qtbot, store)
    found = sweep(window, "今日")
    window.show_cases()
    found += sweep(window, "案件")
    window.show_new_case()
    found += sweep(window, "登记新案件")
    assert not found, "\n".join(found)


NAMES = st.text(alphabet="欧阳上官司马建国秀英某有限公司张王", min_size=2, max_size=30)


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    names=st.lists(NAMES, min_size=2, max_size=6),
    title=st.text(alphabet="与及拖欠工资相邻排水纠纷某建筑工程有限公司", min_size=2, max_size=60),
    mediator=st.text(alphabet="欧阳上官司马建国秀英", min_size=2, max_size=8),
    where=st.floats(0, 1),
)
def test_the_case_list_fits_every_width(
    qtbot,  # noqa: ANN001
    store: Store,
    text_size: int,
    names: list[str],
    title: str,
    mediator: str,
    where: float,
) -> None:
    """Cases of any many parties, long titles and mediators' names, at a width anywhere from
    the window's minimum to the screen's: every column in view, each cut cell and heading whole
    on hover, the 受理日期 always whole."""
    known = {m.name: m for m in store.settings.mediators()}  # examples share the store
    person = known.get(mediator) or store.settings.add_mediator(mediator)
    parties = [applicant(name=names[0]), *(respondent(name=n) for n in names[1:])]
    store.cases.create(intake(title=title, mediator=person.id), parties)
    window = laptop_window(qtbot, store)
    window.show_cases()
    QApplication.processEvents()
    least = window.minimumSizeHint().width()
    assert least <= SCREEN_WIDTH
    found = faults_at(window, round(least + where * (SCREEN_WIDTH - least)), "案件")
    assert not found, "\n".join(found)
    table = window.cases.table
    date = table.model().index(0, 1)
    assert table.fontMetrics().horizontalAdvance(date.data()) < table.columnWidth(1)
    assert table.model().data(table.model().index(0, 0), Qt.ItemDataRole.ToolTipRole)
    window.close()


def test_no_tab_of_a_case_scrolls_sideways_at_any_width(
    qtbot,  # noqa: ANN001
    store: Store,
    text_size: int,
) -> None:
    """Every step of a case at its agreement (the terms table) and every other tab (文书打印,
    照片和附件, 办理经过), at widths from the window's minimum to the screen's."""
    case_id = run_to_agreement(store)
    window = laptop_window(qtbot, store)
    window.open_case(case_id)
    ws = window.workspace
    assert ws is not None
    found = []
    for step in ws.spec.steps:
        ws.show_step(step.id)
        found += sweep(window, f"第{step.number}步")
    for tab in range(1, ws.tabs.count()):
        ws.tabs.setCurrentIndex(tab)
        found += sweep(window, ws.tabs.tabText(tab))
    assert not found, "\n".join(found)
