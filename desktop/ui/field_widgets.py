"""One widget per workflow field kind, so every form (new case, step forms, record dialogs) is
generated from the workflow file. Each widget shows its own error line under the editor; ID,
phone and credit-code numbers are checked as they are typed, with the reason shown there."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QPlainTextEdit,
    QPushButton,
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
from desktop.ui.date_field import DateField
from desktop.ui.field_base import VALUE_SAMPLES, FieldWidget, ValueLine

PLEASE_CHOOSE = "（请选择）"

_LIVE_CHECKS: dict[str, Callable[[str], object]] = {
    "id_number": lambda text: check_id_number(text),
    "phone": lambda text: check_phone(text),
    "credit_code": lambda text: check_credit_code(text),
}


class LineField(FieldWidget):
    def __init__(self, field: FieldSpec) -> None:
        self.line = ValueLine(VALUE_SAMPLES.get(field.kind, ""))
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
