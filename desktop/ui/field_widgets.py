"""One widget per workflow field kind, so every form (new case, step forms, record dialogs) is
generated from the workflow file. Each widget shows its own error line under the editor; ID,
phone and credit-code numbers are checked as they are typed, with the reason shown there."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.categories import load_categories
from desktop.core.errors import ValidationError
from desktop.core.store import Store
from desktop.core.validation.idcard import check_id_number
from desktop.core.validation.money import format_yuan
from desktop.core.validation.phone import check_phone
from desktop.core.validation.uscc import check_credit_code
from desktop.core.workflow.spec import FieldSpec

#: The date a QDateEdit shows when nothing has been chosen ("未填").
NO_DATE = QDate(1900, 1, 1)
PLEASE_CHOOSE = "（请选择）"
ERROR_STYLE = "color: #b00020;"

_LIVE_CHECKS: dict[str, Callable[[str], object]] = {
    "id_number": lambda text: check_id_number(text),
    "phone": lambda text: check_phone(text),
    "credit_code": lambda text: check_credit_code(text),
}


class FieldWidget(QWidget):
    """An editor plus a red error line. ``value()`` gives what the core's coercion accepts:
    text, ``date``, ``bool``, a tuple of choices, a category code or a mediator id; None when
    left empty."""

    changed = Signal()

    def __init__(self, field: FieldSpec, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.editor = editor
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        layout.addWidget(self.error)
        if field.hint:
            editor.setToolTip(field.hint)

    def set_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))

    def error_text(self) -> str:
        return self.error.text()

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError


class LineField(FieldWidget):
    def __init__(self, field: FieldSpec) -> None:
        self.line = QLineEdit()
        super().__init__(field, self.line)
        if field.hint:
            self.line.setPlaceholderText(field.hint)
        if field.kind == "int":
            self.line.setValidator(QIntValidator(0, 10_000_000))
        if field.kind == "money":
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


class DateField(FieldWidget):
    def __init__(self, field: FieldSpec) -> None:
        self.date = QDateEdit()
        super().__init__(field, self.date)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setMinimumDate(NO_DATE)
        self.date.setSpecialValueText("未填")
        self.date.setDate(NO_DATE)
        self.date.dateChanged.connect(lambda _d: self.changed.emit())

    def value(self) -> Any:
        d = self.date.date()
        return None if d == NO_DATE else date(d.year(), d.month(), d.day())

    def set_value(self, value: Any) -> None:
        if isinstance(value, str) and value:
            value = date.fromisoformat(value)
        self.date.setDate(QDate(value.year, value.month, value.day) if value else NO_DATE)


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
            cb.toggled.connect(lambda _c: self.changed.emit())

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
        return DateField(field)
    if kind == "choice":
        return ChoiceField(field, [(c, c) for c in field.choices])
    if kind == "category":
        return ChoiceField(field, _category_options(store))
    if kind == "mediator":
        return ChoiceField(field, _mediator_options(store))
    if kind == "multichoice":
        return MultiChoiceField(field)
    if kind == "bool":
        return BoolField(field)
    raise ValueError(f"no widget for field kind {kind}")
