"""Typing pinyin initials into the case list's real search box finds the case (issue 13)."""

from __future__ import annotations

import pytest
from builders import applicant, intake, respondent

from desktop.core.store import Store
from desktop.ui.case_list_page import CaseListPage

pytestmark = pytest.mark.ui


def test_typing_initials_in_the_search_box(qtbot, store: Store) -> None:  # noqa: ANN001
    wang = store.cases.create(
        intake(title="王建平与赵丽纠纷"),
        [applicant(name="王建平", id_number=""), respondent(name="赵丽", id_number="")],
    )
    store.cases.create(intake(), [applicant(name="张三", id_number=""), respondent()])
    page = CaseListPage(store)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    qtbot.keyClicks(page.search_box, "wjp")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.case_id(0) == wang.id
    page.search_box.clear()
    qtbot.keyClicks(page.search_box, "zs")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.model.case_id(0) != wang.id)
