"""What every field editor of a generated form is: an editor with a status line under it that
is always there (its error or note), reading and setting a typed value (desktop/ui/
field_widgets.py has one editor per workflow field kind)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import ValidationError
from desktop.core.workflow.spec import FieldSpec
from desktop.core.workflow.values import coerce

ERROR_STYLE = "color: #b00020;"
NOTE_STYLE = "color: #555555;"
#: The longest value a field of a kind holds: its box is never narrower than that (a date box
#: squeezed by a narrowed window showed “6-11-30” of 2026-11-30, an ID number its last digits).
VALUE_SAMPLES = {
    "date": "2026-12-31",
    "id_number": "33048219800101123X",
    "phone": "0573-85123456",
    "credit_code": "91330482MA2B3C4D5E",
}


class ValueLine(QLineEdit):
    """A one-line box never narrower than ``sample`` written in its current font (normal or
    large text), whatever room a narrowed window leaves it."""

    def __init__(self, sample: str = "") -> None:
        super().__init__()
        self.sample = sample

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        hint = super().minimumSizeHint()
        if self.sample:
            metrics = self.fontMetrics()
            # The text, the cursor's room and the box's frame and padding on both sides.
            need = metrics.horizontalAdvance(self.sample) + metrics.averageCharWidth() + 16
            hint.setWidth(max(hint.width(), need))
        return hint


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
