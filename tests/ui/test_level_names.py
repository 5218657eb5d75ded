"""Every place a level is shown says its name (网格, 村（社区）, 镇（街道）, 县（市）及法院, from
resources/workflows), never a bare "第3级" (kind: a level shown by its number alone; found as
the done-note's "已移交第3级" and the case list's "第2级")."""

from __future__ import annotations

import io
import re
from contextlib import redirect_stdout

import pytest
from builders import applicant, intake, respondent
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QApplication
from view_cells import visible_texts

from desktop.cli.show import print_case
from desktop.core.errors import ValidationError
from desktop.core.store import Store
from desktop.ui.case_table_model import COLUMNS
from desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.ui

NUMBERED = re.compile(r"第\s*(\d+)\s*级")


def bare_levels(text: str, store: Store) -> list[str]:
    """Each "第N级" in ``text`` not followed by that level's name or short name."""
    spec = store.catalog.latest()
    bare = []
    for m in NUMBERED.finditer(text):
        after = text[m.end() :].lstrip(" “")
        level = spec.level(int(m.group(1)))
        if not after.startswith((level.name, level.label)):
            bare.append(text[max(0, m.start() - 10) : m.end() + 10])
    return bare


def shown_texts(window: MainWindow) -> list[str]:
    texts = list(visible_texts(window))
    model = window.cases.model
    for row in range(model.rowCount()):
        texts += [str(model.data(model.index(row, c))) for c in range(len(COLUMNS))]
    return texts


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(start=st.integers(1, 2), climbs=st.integers(0, 3))
def test_a_level_is_shown_by_its_name(qtbot, store: Store, start: int, climbs: int) -> None:  # noqa: ANN001
    """A case registered at ``start`` and escalated ``climbs`` times (past the committee's own
    level it is handed over): the case list, the case's heading and done-note, the command
    line's 案件 page and the refusals all name the level."""
    spec = store.catalog.latest()
    committee = store.settings.committee().level
    case = store.cases.create(intake(), [applicant(), respondent()], level=start)
    level = start
    for _ in range(climbs):
        if level >= spec.top_level or store.cases.get(case.id).status != "在办":
            break
        level += 1
        store.flow.escalate(case.id, level, "双方分歧较大，需上级协调")  # today
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    window.show_cases()
    QApplication.processEvents()
    row = next(
        r for r in range(window.cases.model.rowCount()) if window.cases.model.case_id(r) == case.id
    )
    level_column = [key for key, _ in COLUMNS].index("level")
    assert (
        window.cases.model.data(window.cases.model.index(row, level_column))
        == spec.level(level).label
    )
    texts = shown_texts(window)
    window.open_case(case.id)
    QApplication.processEvents()
    assert window.workspace is not None
    texts += shown_texts(window)
    printed = io.StringIO()
    with redirect_stdout(printed):
        print_case(store, store.cases.detail(case.id))
    texts.append(printed.getvalue())
    if level > committee:
        assert f"已移交{spec.level(level).label}" in window.workspace.done_note.text()
    bare = [b for t in texts for b in bare_levels(t, store)]
    assert not bare, bare
    window.close()


def test_the_refusals_and_the_settings_name_the_levels(store: Store) -> None:
    from desktop.ui.settings_dialog import level_choices

    spec = store.catalog.latest()
    with pytest.raises(ValidationError) as refused:
        store.cases.create(intake(), [applicant(), respondent()], level=3)
    assert not bare_levels(refused.value.message, store)
    assert spec.level(2).label in refused.value.message
    assert [text for _n, text in level_choices()] == [lv.label for lv in spec.levels]
