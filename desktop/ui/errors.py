"""One way to tell the mediator that something failed, the window's twin of the CLI's
``friendly``: any refusal of the core (MediationError) or file failure (OSError) becomes its one
Chinese sentence, shown in the red line of the page or dialog, and, when the refusal names a
field of the form on screen, also on the line beside that field.

Every action catches ``FAILURES`` and hands the exception to ``show_failure``; nothing else
words a failure."""

from __future__ import annotations

import re
from typing import Protocol

from PySide6.QtWidgets import QLabel, QWidget

from desktop.core.errors import MediationError, ValidationError, os_error_message
from desktop.ui import prompts

#: What an action may fail with: the core's refusals and the disk's.
FAILURES = (MediationError, OSError)

ERROR_CSS = "color: #b00020; font-weight: bold;"


#: The core's sentences serve the CLI too and name its command in brackets, e.g.
#: "（命令行 wusong export --since-package 2）" beside the window's own choice; a mediator at
#: the window reads only Chinese, so the bracket is left out on screen.
_CLI_HINT = re.compile(r"（命令行[^（）]*）")


def for_window(text: str) -> str:
    """``text`` without the command-line hints in brackets (the window names its own choices)."""
    return _CLI_HINT.sub("", text)


class FieldLines(Protocol):
    """A form that can show a message on the line beside one of its fields (FieldForm)."""

    def set_error(self, field_id: str | None, message: str) -> bool: ...


def explain(exc: BaseException) -> str:
    """The sentence for ``exc``: the core's own for a MediationError, the shared one for an
    OSError (see ``os_error_message``)."""
    if isinstance(exc, MediationError):
        return for_window(exc.message)
    if isinstance(exc, OSError):
        return os_error_message(exc)
    from desktop.core.unexpected import unexpected

    # Anything else: one sentence, the class and traceback written to the log only.
    return unexpected("刚才的操作", exc, unchanged="已保存的内容不受影响").message


def error_label() -> QLabel:
    """A hidden red label that appears under a field, list or dialog when the core refuses."""
    label = QLabel()
    label.setStyleSheet(ERROR_CSS)
    label.setWordWrap(True)
    label.setVisible(False)
    return label


def show_error(label: QLabel, message: str) -> None:
    """Show ``message`` in the red ``label`` ("" hides it), without command-line hints."""
    message = for_window(message)
    label.setText(message)
    label.setVisible(bool(message))


def show_failure(
    label: QLabel, exc: BaseException, form: FieldLines | None = None, *, prefix: str = ""
) -> None:
    """Tell the mediator why the action failed: the sentence in ``label`` (after ``prefix``,
    e.g. "当事人 2："), and, for a ValidationError naming a field of ``form``, on the line
    beside that field too."""
    message = explain(exc)
    if form is not None and isinstance(exc, ValidationError):
        form.set_error(exc.field, message)
    show_error(label, prefix + message)


def tell_failure(parent: QWidget | None, title: str, exc: BaseException) -> None:
    """The same sentence in a message box, for a window without a red line of its own."""
    prompts.tell(parent, title, explain(exc), tone=prompts.Tone.WARNING)
