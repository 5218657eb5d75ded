"""A form generated from a record kind's field list (the workflow file): each field's label and
widget, a money field's amount in capitals as it is typed, and every refusal of the core shown
beside the field it names; with the helpers that turn stored values into cells and back."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields as dc_fields
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QSizePolicy,
    QWidget,
)

from desktop.core.errors import ValidationError
from desktop.core.models import Party, Record
from desktop.core.store import Store
from desktop.core.validation.money import capital_amount, format_yuan, parse_yuan
from desktop.core.workflow.spec import FieldSpec, RecordKindSpec
from desktop.ui.date_field import DateField
from desktop.ui.field_widgets import make_field_widget
from desktop.ui.form_label import FormLabel

LABEL_WIDTH = 300


def display_value(f: FieldSpec, value: Any) -> str:
    """A typed value as one line of a list cell."""
    if value is None or value == "" or value == ():
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if f.kind == "money" and isinstance(value, int):
        return f"{format_yuan(value)}元"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return "、".join(str(v) for v in value)
    text = str(value).replace("\n", " ")
    return text if len(text) <= 40 else text[:40] + "…"


def form_value(f: FieldSpec, value: Any) -> Any:
    """What a field widget hands back, in the shape the store accepts (money as yuan text)."""
    if f.kind == "money" and isinstance(value, int) and not isinstance(value, bool):
        return format_yuan(value).replace(",", "")
    return value


def values_of(item: Record | Party, kind: RecordKindSpec) -> dict[str, Any]:
    if isinstance(item, Party):
        names = {f.name for f in dc_fields(Party)}
        return {f.id: getattr(item, f.id) for f in kind.fields if f.id in names}
    return dict(item.values)


def capital_text(raw: Any) -> str:
    """The amount in Chinese capitals for the note under a money field ("" when empty)."""
    if raw is None or raw == "":
        return ""
    try:
        fen = raw if isinstance(raw, int) and not isinstance(raw, bool) else parse_yuan(str(raw))
    except ValidationError as exc:
        return exc.message
    return f"大写：{capital_amount(fen)}"


class FieldForm(QWidget):
    """Field widgets in a form layout; a money field's note line shows the amount in capitals
    as it is typed (in the line every field reserves, so nothing below moves)."""

    changed = Signal()

    def __init__(
        self, store: Store, specs: tuple[FieldSpec, ...], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.specs = specs
        self.widgets: dict[str, Any] = {}
        self.capitals: dict[str, QLabel] = {}  # money field id -> its note line
        self.errors: dict[str, str] = {}  # what is shown at each field now
        self.context: dict[str, Any] = {}  # the case's values from other steps
        self.labels: dict[str, FormLabel] = {}
        self.layout_ = QFormLayout(self)
        self.layout_.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.layout_.setVerticalSpacing(2)
        for f in specs:
            widget = make_field_widget(f, store)
            self.widgets[f.id] = widget
            if f.kind == "multiline":
                # A fixed height (four lines, scrolling inside): a text box that could stretch
                # would be squeezed or grown whenever any line elsewhere on the form appears.
                widget.editor.setFixedHeight(widget.fontMetrics().lineSpacing() * 4 + 14)
                widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            # Long questions wrap at a fixed width instead of pushing the field away, only
            # after their punctuation; a label never breaks inside a word (争议事/项 did at
            # large text once its ＊ was added).
            label = FormLabel(("＊" if f.is_required({}) else "") + f.label, LABEL_WIDTH)
            self.labels[f.id] = label
            self.layout_.addRow(label, widget)
            widget.changed.connect(self.changed.emit)
            if any(
                c is not None and c.field == f.id for g in specs for c in (g.when, g.required_when)
            ):
                widget.changed.connect(lambda: self.apply_conditions(self.context))
            if f.kind == "money":
                self.capitals[f.id] = widget.note
                widget.changed.connect(lambda *_a, fid=f.id: self._capital(fid))

    def apply_conditions(self, context: Mapping[str, Any] | None = None) -> None:
        """Show only the fields that apply (the workflow's ``when``): an organisation is not
        asked sex or birth date, an oral agreement no 司法确认. ``context`` adds the case's
        values from other steps."""
        values = {**(context or {}), **self._raw_values()}
        for f in self.specs:
            if f.when is not None:
                self.layout_.setRowVisible(self.widgets[f.id], f.applies(values))
            if f.required_when is not None:
                # ＊ only where the core will ask for it (争议事项 of a written agreement).
                self.labels[f.id].set_words(("＊" if f.is_required(values) else "") + f.label)

    def _raw_values(self) -> dict[str, Any]:
        return {f.id: self.widgets[f.id].value() for f in self.specs}

    def applies(self, field_id: str) -> bool:
        return self.layout_.isRowVisible(self.widgets[field_id])

    def _capital(self, field_id: str) -> None:
        self.widgets[field_id].set_note(capital_text(self.widgets[field_id].value()))

    def set_date_anchor(self, anchor: date | None) -> None:
        """Where the calendars of this form open when their field is empty (the acceptance
        date of the case)."""
        for w in self.widgets.values():
            if isinstance(w, DateField):
                w.anchor = anchor

    def set_values(self, values: Mapping[str, Any]) -> None:
        for f in self.specs:
            if f.id in values:
                self.widgets[f.id].set_value(values[f.id])
                if f.id in self.capitals:
                    self._capital(f.id)
        self.apply_conditions(self.context)

    def values(self) -> dict[str, Any]:
        """What the form holds in the store's shapes; a field that does not apply is None."""
        return {
            f.id: form_value(f, self.widgets[f.id].value()) if self.applies(f.id) else None
            for f in self.specs
        }

    def clear_errors(self) -> None:
        for w in self.widgets.values():
            w.set_error("")
        self.errors.clear()

    def set_error(self, field_id: str | None, message: str) -> bool:
        """Show ``message`` at the field; False when no such field is on this form."""
        if field_id and field_id in self.widgets:
            self.widgets[field_id].set_error(message)
            self.errors[field_id] = message
            return True
        return False

    def set_read_only(self, read_only: bool) -> None:
        for w in self.widgets.values():
            w.setEnabled(not read_only)
