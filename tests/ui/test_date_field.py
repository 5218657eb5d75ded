"""The date field an older mediator can use (issue 13, failure 1): every common spelling typed
into the real box is read, 今天 fills today, the calendar opens at the date shown / the case's
acceptance date / today (never January 1900), and unreadable text stays in the box with the
reason under it instead of silently becoming 未填."""

from __future__ import annotations

from datetime import date

import pytest
from builders import spellings_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from desktop.core.store import Store
from desktop.ui.date_field import DateField
from desktop.ui.field_widgets import make_field_widget
from desktop.ui.new_case_page import NewCasePage
from desktop.ui.workspace.field_form import FieldForm

pytestmark = pytest.mark.ui

TODAY = date(2026, 3, 2)  # the test clock's day


def type_text(qtbot, line, text: str) -> None:  # noqa: ANN001
    """Type as the mediator would: ASCII by keys, Chinese as an input method commits it."""
    line.setFocus()
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Delete)
    if text.isascii():
        qtbot.keyClicks(line, text)
    else:
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(line, event)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def date_widget(qtbot, store: Store) -> DateField:  # noqa: ANN001
    field = store.catalog.latest().steps[0].field("accepted_on")
    w = make_field_widget(field, store)
    assert isinstance(w, DateField)
    qtbot.addWidget(w)
    w.show()
    return w


@pytest.fixture
def widget(qtbot, store: Store) -> DateField:  # noqa: ANN001
    return date_widget(qtbot, store)


@pytest.fixture
def deadline(qtbot, store: Store) -> DateField:  # noqa: ANN001
    """A 履行期限 box: a date that looks ahead, so any year may be typed into it."""
    field = next(
        f for f in store.catalog.latest().record_kinds["term"].fields if f.id == "deadline"
    )
    w = make_field_widget(field, store)
    assert isinstance(w, DateField)
    qtbot.addWidget(w)
    w.show()
    return w


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.dates(min_value=date(1920, 1, 1), max_value=date(2099, 12, 31)), st.data())
def test_every_common_spelling_typed_is_read(qtbot, deadline: DateField, d: date, data) -> None:  # noqa: ANN001
    widget = deadline
    text = data.draw(st.sampled_from(spellings_of(d)))
    type_text(qtbot, widget.line, text)
    assert widget.value() == d, text
    assert widget.error_text() == ""
    assert widget.line.text() == d.isoformat()  # shown back plainly, year included
    assert widget.note.text().startswith(f"即 {d.year}年{d.month}月{d.day}日")


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.one_of(
        st.dates(min_value=date(2026, 3, 3), max_value=date(2099, 12, 31)),
        st.dates(min_value=date(1000, 1, 1), max_value=date(1999, 12, 31)),
    ),
    st.data(),
)
def test_a_day_out_of_range_is_refused_at_the_field(
    qtbot, widget: DateField, d: date, data
) -> None:  # noqa: ANN001
    """受理日期 2099 or 1900, in any spelling: the core's one sentence under the box as soon as
    the mediator leaves it (it was taken, and the case numbered in that year)."""
    text = data.draw(st.sampled_from(spellings_of(d)))
    type_text(qtbot, widget.line, text)
    message = widget.error_text()
    assert message.startswith("受理日期（") and message.count("。") == 1, (text, message)
    assert ("晚于今天" in message) == (d > TODAY)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)))
def test_month_and_day_alone_mean_this_year(qtbot, widget: DateField, d: date) -> None:  # noqa: ANN001
    if (d.month, d.day) == (2, 29):
        return
    type_text(qtbot, widget.line, f"{d.month}月{d.day}日")
    assert widget.value() == date(TODAY.year, d.month, d.day)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(alphabet="0123456789-/.年月日abc昨天", min_size=1, max_size=12))
def test_unreadable_text_is_kept_and_explained(qtbot, widget: DateField, text: str) -> None:  # noqa: ANN001
    type_text(qtbot, widget.line, text)
    if widget.error_text():
        assert widget.line.text() == text  # never dropped, never turned into 未填
        assert widget.error.isVisibleTo(widget)
        # unreadable, no such day, or a day a 受理日期 cannot have (after today, before 2000)
        assert any(w in widget.error_text() for w in ("看不懂", "这一天", "晚于今天", "早于"))
        # Handed to the core, which refuses it at this field: the text when it cannot be
        # read, the date when it reads but is one a 受理日期 cannot have (3/3 after today).
        assert widget.value() in (text, widget.parsed())
    else:
        assert isinstance(widget.value(), date)


def test_today_button_and_calendar_open_at_the_right_day(qtbot, widget: DateField) -> None:  # noqa: ANN001
    qtbot.mouseClick(widget.today_button, Qt.MouseButton.LeftButton)
    assert widget.value() == TODAY
    widget.set_value(None)
    qtbot.mouseClick(widget.calendar_button, Qt.MouseButton.LeftButton)
    assert widget.popup is not None and widget.popup.isVisible()
    shown = widget.popup.calendar.selectedDate()
    assert (shown.year(), shown.month(), shown.day()) == (2026, 3, 2)  # today, not 1900
    widget.popup.close()
    widget.anchor = date(2025, 12, 20)  # the case's acceptance date
    qtbot.mouseClick(widget.calendar_button, Qt.MouseButton.LeftButton)
    shown = widget.popup.calendar.selectedDate()
    assert (shown.year(), shown.month(), shown.day()) == (2025, 12, 20)
    # Clicking a day in the calendar fills the box and closes it.
    widget.popup.calendar.clicked.emit(shown.addDays(3))
    assert widget.value() == date(2025, 12, 23) and not widget.popup.isVisible()


def test_error_goes_as_soon_as_the_date_is_right_and_nothing_moves(qtbot, store: Store) -> None:  # noqa: ANN001
    form = FieldForm(store, store.catalog.latest().record_kinds["investigation"].fields)
    qtbot.addWidget(form)
    form.resize(900, 600)
    form.show()
    held_on, place = form.widgets["held_on"], form.widgets["place"]
    below = place.mapTo(form, place.rect().topLeft()).y()
    type_text(qtbot, held_on.line, "2026-02-30")
    QApplication.processEvents()
    assert "这一天" in held_on.error_text() and held_on.error.isVisibleTo(form)
    assert place.mapTo(form, place.rect().topLeft()).y() == below  # the red line had room
    held_on.line.setFocus()
    held_on.line.end(False)
    qtbot.keyClick(held_on.line, Qt.Key.Key_Backspace)
    qtbot.keyClick(held_on.line, Qt.Key.Key_Backspace)
    qtbot.keyClicks(held_on.line, "28")
    QApplication.processEvents()
    assert held_on.error_text() == "" and held_on.value() == date(2026, 2, 28)
    assert place.mapTo(form, place.rect().topLeft()).y() == below


def test_new_case_takes_a_typed_chinese_date(qtbot, store: Store) -> None:  # noqa: ANN001
    page = NewCasePage(store)
    qtbot.addWidget(page)
    page.show()
    accepted = page.form.widgets["accepted_on"]
    assert accepted.value() == TODAY  # starts at today, not 未填
    type_text(qtbot, accepted.line, "2026年2月27日")
    assert accepted.value() == date(2026, 2, 27)
    type_text(qtbot, accepted.line, "2099年2月27日")
    page.save_button.click()
    assert "晚于今天" in accepted.error_text() and not store.cases.count()
    type_text(qtbot, accepted.line, "２０２６年２月")
    page.save_button.click()
    assert "看不懂" in accepted.error_text()
    assert accepted.line.text() == "２０２６年２月"
    assert not page.parties[0].form.errors  # refused at the date, before any party check
