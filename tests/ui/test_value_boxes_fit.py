"""A box for a value of known length — a date, an ID number, a phone number, a credit code —
is never narrower than such a value at any window width from the window's minimum to the
1366-pixel screen, at normal and large text (found by tester t14 at 1024 x 600: the 协议日期
box of step 4 showed “6-11-30” of the 2026-11-30 typed in it; the form had room only because
each box gave way first). Kind: a value box squeezed below its value by a narrowed window.
Every step of a case, the new-case page with its parties and the party dialog are swept."""

from __future__ import annotations

import pytest
import text_sizes
from builders import run_to_agreement
from PySide6.QtWidgets import QApplication, QWidget

from desktop.core.store import Store
from desktop.ui.field_base import VALUE_SAMPLES, ValueLine
from desktop.ui.main_window import MainWindow
from desktop.ui.screen_fit import usable_area

pytestmark = pytest.mark.ui

text_size = text_sizes.text_size
SCREEN_WIDTH = 1366


def _narrow_boxes(window: QWidget, where: str) -> list[str]:
    """Every shown value box narrower than its longest value, at each of a few widths."""
    QApplication.processEvents()
    least = window.minimumSizeHint().width()
    found = []
    for width in sorted({least, 1024, (least + SCREEN_WIDTH) // 2, SCREEN_WIDTH}):
        if width < least:
            continue
        window.resize(width, window.height())
        QApplication.processEvents()
        QApplication.processEvents()
        for box in window.findChildren(ValueLine):
            if not box.isVisibleTo(window) or not box.sample:
                continue
            need = box.fontMetrics().horizontalAdvance(box.sample)
            if box.contentsRect().width() - 4 < need:
                found.append(f"{where} at {window.width()} px: {box.sample} in {box.width()} px")
    return found


def test_no_value_box_is_narrower_than_its_value(
    qtbot,  # noqa: ANN001
    store: Store,
    text_size: int,
) -> None:
    case_id = run_to_agreement(store)
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.resize(SCREEN_WIDTH, usable_area(window).height())
    window.show()
    window.open_case(case_id)
    ws = window.workspace
    assert ws is not None
    found = []
    seen: set[str] = set()
    for step in ws.spec.steps:
        ws.show_step(step.id)
        found += _narrow_boxes(window, f"第{step.number}步")
        seen |= {b.sample for b in window.findChildren(ValueLine) if b.isVisibleTo(window)}
    window.show_new_case()
    found += _narrow_boxes(window, "登记新案件")
    seen |= {b.sample for b in window.findChildren(ValueLine) if b.isVisibleTo(window)}
    assert VALUE_SAMPLES["date"] in seen and VALUE_SAMPLES["id_number"] in seen  # swept
    assert not found, "\n".join(found)
    window.close()
