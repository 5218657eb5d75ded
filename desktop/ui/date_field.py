"""The date field of every form: a date typed in any common spelling, a 今天 button and a
month calendar that closes when a day is clicked."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import ValidationError
from desktop.core.validation.dates import format_cn_weekday, parse_date
from desktop.core.workflow.spec import FieldSpec
from desktop.core.workflow.values import check_happened
from desktop.ui.field_base import VALUE_SAMPLES, FieldWidget, ValueLine


class CalendarPopup(QFrame):
    """A month calendar that closes when a day is clicked (or on a click elsewhere / Esc)."""

    picked = Signal(object)  # a datetime.date

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget()
        self.calendar.setLocale(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.clicked.connect(self._clicked)
        self.calendar.activated.connect(self._clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.calendar)

    def _clicked(self, day: QDate) -> None:
        self.picked.emit(date(day.year(), day.month(), day.day()))
        self.close()


class DateField(FieldWidget):
    """A date typed in any common spelling (read by the core's ``parse_date``), a 今天 button
    and a calendar that opens at the date shown, else at the case's acceptance date (the
    anchor), else today. Text that cannot be read stays in the box with the reason under it;
    ``value()`` then hands the text itself to the core, which refuses it at this field."""

    def __init__(self, field: FieldSpec, today: Callable[[], date] = date.today) -> None:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.line = ValueLine(VALUE_SAMPLES["date"])
        self.line.setPlaceholderText("例如 20260312 或 2026年3月12日")
        self.today_button = QPushButton("今天")
        self.calendar_button = QPushButton("日历…")
        for b in (self.today_button, self.calendar_button):
            b.setAutoDefault(False)  # Enter in the date box must not press them
        row.addWidget(self.line, 1)
        row.addWidget(self.today_button)
        row.addWidget(self.calendar_button)
        super().__init__(field, box)
        self.today = today
        self.anchor: date | None = None
        self.popup: CalendarPopup | None = None
        self.line.textChanged.connect(self._typed)
        self.line.editingFinished.connect(self._finished)
        self.today_button.clicked.connect(lambda: self.set_value(self.today()))
        self.calendar_button.clicked.connect(self.open_calendar)

    def parsed(self) -> date | None:
        """The date the box holds, or None when it is empty or unreadable."""
        text = self.line.text().strip()
        if not text:
            return None
        try:
            return parse_date(text, field=self.field.id, today=self.today())
        except ValidationError:
            return None

    def _typed(self, text: str) -> None:
        # Said while typing only when it reads; an unreadable date is explained when the
        # mediator leaves the box, not at every keystroke.
        d = self.parsed()
        self.set_note(f"即 {format_cn_weekday(d)}" if d else "")
        if d is not None or not text.strip():
            self.set_error(None)
        self.changed.emit()

    def _finished(self) -> None:
        text = self.line.text().strip()
        if not text:
            return
        try:
            d = parse_date(text, field=self.field.id, today=self.today())
            # A day of something that has happened, after today or in 1900, is refused here
            # at once (the core refuses it again on saving).
            check_happened(self.field, d, self.today())
        except ValidationError as exc:
            self.set_error(exc.message)
            return
        if text != d.isoformat():
            self.line.setText(d.isoformat())  # 10月12日 becomes 2026-10-12: the year is seen

    def open_calendar(self) -> None:
        if self.popup is None:
            self.popup = CalendarPopup(self)
            self.popup.picked.connect(self.set_value)
        start = self.parsed() or self.anchor or self.today()
        self.popup.calendar.setSelectedDate(QDate(start.year, start.month, start.day))
        self.popup.adjustSize()
        below = self.calendar_button.mapToGlobal(self.calendar_button.rect().bottomRight())
        self.popup.move(below.x() - self.popup.width(), below.y())
        self.popup.show()

    def value(self) -> Any:
        text = self.line.text().strip()
        if not text:
            return None
        return self.parsed() or text

    def set_value(self, value: Any) -> None:
        if isinstance(value, str) and value:
            try:
                value = parse_date(value, today=self.today())
            except ValidationError:
                self.line.setText(value)  # kept as it was, explained by _finished
                self._finished()
                return
        self.line.setText(value.isoformat() if isinstance(value, date) else "")
        self.set_error(None)
