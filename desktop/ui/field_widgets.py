"""One widget per workflow field kind, so every form (new case, step forms, record dialogs) is
generated from the workflow file. Each widget shows its own error line under the editor; ID,
phone and credit-code numbers are checked as they are typed, with the reason shown there."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.categories import load_categories
from desktop.core.errors import ValidationError
from desktop.core.store import Store
from desktop.core.validation.dates import format_cn_weekday, parse_date
from desktop.core.validation.idcard import check_id_number
from desktop.core.validation.money import format_yuan
from desktop.core.validation.phone import check_phone
from desktop.core.validation.uscc import check_credit_code
from desktop.core.workflow.spec import FieldSpec
from desktop.core.workflow.values import check_happened, coerce

PLEASE_CHOOSE = "（请选择）"
ERROR_STYLE = "color: #b00020;"
NOTE_STYLE = "color: #555555;"

_LIVE_CHECKS: dict[str, Callable[[str], object]] = {
    "id_number": lambda text: check_id_number(text),
    "phone": lambda text: check_phone(text),
    "credit_code": lambda text: check_credit_code(text),
}


class StatusLine(QWidget):
    """The line under a field. Its height is set by the field (one line, more only for a long
    message), never asked of its wrapping labels: a height-for-width answer here would let
    layouts squeeze or stretch the form whenever a message appears."""

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return False


class FieldWidget(QWidget):
    """An editor plus a status line under it that is always there (so nothing below moves when
    a message appears): a red error, or else a grey note (the amount in capitals, the date as
    read). ``value()`` gives what the core's coercion accepts: text, ``date``, ``bool``, a tuple
    of choices, a category code or a mediator id; None when left empty."""

    changed = Signal()

    def __init__(self, field: FieldSpec, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.editor = editor
        self.status = StatusLine()  # reserves one line, whether or not anything is said
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.note = QLabel()
        self.note.setStyleSheet(NOTE_STYLE)
        self.note.setWordWrap(True)
        self.note.hide()
        status = QVBoxLayout(self.status)
        status.setContentsMargins(0, 0, 0, 0)
        status.setSpacing(0)
        status.addWidget(self.error)
        status.addWidget(self.note)
        self.status.setFixedHeight(self._lines_height(1))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(editor)
        layout.addWidget(self.status)
        if field.hint:
            editor.setToolTip(field.hint)
        self.changed.connect(self._recheck)

    def _lines_height(self, lines: int) -> int:
        return self.fontMetrics().lineSpacing() * lines + 4

    def _fit_status(self) -> None:
        """One line is always reserved; only a message longer than one line takes more."""
        shown = self.error.text() or (self.note.text() if self.note.isVisibleTo(self) else "")
        width = max(self.status.width(), self.editor.width(), 200)
        lines = -(-self.fontMetrics().horizontalAdvance(shown) // width) if shown else 1
        self.status.setFixedHeight(self._lines_height(max(1, lines)))

    def set_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        self.note.setVisible(not message and bool(self.note.text()))
        self._fit_status()

    def set_note(self, text: str) -> None:
        """A grey line under the field (shown while there is no error)."""
        self.note.setText(text)
        self.note.setVisible(bool(text) and not self.error.text())
        self._fit_status()

    def error_text(self) -> str:
        return self.error.text()

    def _recheck(self) -> None:
        """An error goes as soon as the field is right: filled (when required) and accepted
        by the core's own coercion for its kind."""
        if not self.error.text():
            return
        value = self.value()
        if self.field.required and value in (None, "", ()):
            return
        if self.field.must_be is not None and value != self.field.must_be:
            return
        try:
            coerce(self.field, value)
        except ValidationError:
            return
        self.set_error(None)

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError


class LineField(FieldWidget):
    def __init__(self, field: FieldSpec) -> None:
        self.line = QLineEdit()
        super().__init__(field, self.line)
        #: Buttons that put a party's name in (name_picker.offer_names), for 履行人.
        self.name_buttons: list[QPushButton] = []
        if field.hint:
            self.line.setPlaceholderText(field.hint)
        if field.kind == "int":
            self.line.setValidator(QIntValidator(0, 10_000_000))
        if field.kind == "money" and not field.hint:
            self.line.setPlaceholderText("以元为单位，例如 12000 或 12000.50")
        self.line.textChanged.connect(self._edited)

    def _edited(self, text: str) -> None:
        check = _LIVE_CHECKS.get(self.field.kind)
        if check is not None:
            # Check only once the number looks complete, so nobody is scolded mid-typing.
            complete = len(text.replace(" ", "")) >= (18 if self.field.kind != "phone" else 11)
            if text.strip() and complete:
                try:
                    check(text)
                    self.set_error(None)
                except ValidationError as exc:
                    self.set_error(exc.message)
            else:
                self.set_error(None)
        self.changed.emit()

    def value(self) -> Any:
        text = self.line.text().strip()
        return text or None

    def set_value(self, value: Any) -> None:
        if value is None:
            text = ""
        elif self.field.kind == "money" and isinstance(value, int):
            text = format_yuan(value).replace(",", "")
        else:
            text = str(value)
        self.line.setText(text)


class TextField(FieldWidget):
    def __init__(self, field: FieldSpec) -> None:
        self.text = QPlainTextEdit()
        super().__init__(field, self.text)
        if field.hint:
            self.text.setPlaceholderText(field.hint)
        self.text.setMinimumHeight(self.text.fontMetrics().lineSpacing() * 4 + 12)
        self.text.textChanged.connect(self.changed.emit)

    def value(self) -> Any:
        return self.text.toPlainText().strip() or None

    def set_value(self, value: Any) -> None:
        self.text.setPlainText("" if value is None else str(value))


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
        self.line = QLineEdit()
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


class ChoiceField(FieldWidget):
    """A drop-down; ``options`` are (shown text, value) pairs."""

    def __init__(self, field: FieldSpec, options: list[tuple[str, Any]]) -> None:
        self.combo = QComboBox()
        super().__init__(field, self.combo)
        self.combo.addItem(PLEASE_CHOOSE, None)
        for text, value in options:
            self.combo.addItem(text, value)
        self.combo.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def value(self) -> Any:
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        index = self.combo.findData(value)
        if index < 0 and value is not None:
            # A value no longer offered (an edited list): keep it visible rather than lose it.
            self.combo.addItem(str(value), value)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(max(index, 0))


class FreshCombo(QComboBox):
    """A drop-down that asks for its options again each time it opens, so a mediator added in
    设置 is offered in a case that is already open."""

    def __init__(self, options: Callable[[], list[tuple[str, Any]]]) -> None:
        super().__init__()
        self.options = options

    def refill(self) -> None:
        current = self.currentData()
        self.blockSignals(True)  # the value does not change, only the list
        try:
            self.clear()
            self.addItem(PLEASE_CHOOSE, None)
            for text, value in self.options():
                self.addItem(text, value)
            index = self.findData(current)
            if index < 0 and current is not None:
                self.addItem(str(current), current)
                index = self.count() - 1
            self.setCurrentIndex(max(index, 0))
        finally:
            self.blockSignals(False)

    def showPopup(self) -> None:  # noqa: N802 - Qt override
        self.refill()
        super().showPopup()


class MediatorField(ChoiceField):
    """承办调解员: the committee's mediators, read again whenever the list is opened."""

    def __init__(self, field: FieldSpec, store: Store) -> None:
        self.store = store
        combo = FreshCombo(lambda: _mediator_options(store))
        FieldWidget.__init__(self, field, combo)
        self.combo: FreshCombo = combo
        combo.refill()
        combo.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def set_value(self, value: Any) -> None:
        self.combo.refill()
        super().set_value(value)


class MultiChoiceField(FieldWidget):
    def __init__(self, field: FieldSpec) -> None:
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: list[QCheckBox] = []
        for i, choice in enumerate(field.choices):
            cb = QCheckBox(choice)
            grid.addWidget(cb, i // 2, i % 2)
            self.boxes.append(cb)
        super().__init__(field, box)
        for cb in self.boxes:
            cb.toggled.connect(lambda checked, box=cb: self._toggled(box, checked))

    def _toggled(self, box: QCheckBox, checked: bool) -> None:
        """A choice that excludes the others (无明显激化风险) clears them when ticked, and is
        cleared when another is ticked: the two cannot both be on screen."""
        if checked:
            alone = box.text() in self.field.exclusive
            for other in self.boxes:
                if other is not box and (alone or other.text() in self.field.exclusive):
                    other.setChecked(False)
        self.changed.emit()

    def value(self) -> Any:
        return tuple(cb.text() for cb in self.boxes if cb.isChecked())

    def set_value(self, value: Any) -> None:
        chosen = set(value or ())
        for cb in self.boxes:
            cb.setChecked(cb.text() in chosen)


class BoolField(FieldWidget):
    def __init__(self, field: FieldSpec) -> None:
        self.check = QCheckBox("是")
        super().__init__(field, self.check)
        self.check.toggled.connect(lambda _c: self.changed.emit())

    def value(self) -> Any:
        return self.check.isChecked()

    def set_value(self, value: Any) -> None:
        self.check.setChecked(bool(value))


def _category_options(store: Store) -> list[tuple[str, Any]]:
    extras = frozenset(store.settings.committee().extra_categories)
    return [(c.name, c.code) for c in load_categories().enabled(extras)]


def _mediator_options(store: Store) -> list[tuple[str, Any]]:
    return [
        (m.name + ("（专职）" if m.full_time else ""), m.id) for m in store.settings.mediators()
    ]


def make_field_widget(field: FieldSpec, store: Store) -> FieldWidget:
    """The editor for one workflow field."""
    kind = field.kind
    if kind in ("text", "int", "money", "id_number", "phone", "credit_code"):
        return LineField(field)
    if kind == "multiline":
        return TextField(field)
    if kind == "date":
        return DateField(field, store.today)
    if kind == "choice":
        return ChoiceField(field, [(c, c) for c in field.choices])
    if kind == "category":
        return ChoiceField(field, _category_options(store))
    if kind == "mediator":
        return MediatorField(field, store)
    if kind == "multichoice":
        return MultiChoiceField(field)
    if kind == "bool":
        return BoolField(field)
    raise ValueError(f"no widget for field kind {kind}")
