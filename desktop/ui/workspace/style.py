"""Small shared look-and-feel helpers of the workspace: colours, headings and hints. Failures
are told through desktop.ui.errors and questions asked through desktop.ui.prompts; their old
names here stay importable for code written before the move."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel

from desktop.ui.errors import ERROR_CSS, error_label, show_error
from desktop.ui.prompts import ask, tell

__all__ = [
    "CURRENT_COLOUR",
    "DONE_COLOUR",
    "ERROR_CSS",
    "HINT_CSS",
    "LOCKED_COLOUR",
    "ask",
    "error_label",
    "heading",
    "hint",
    "show_error",
    "tell",
]

HINT_CSS = "color: #555555;"
DONE_COLOUR = "#2e7d32"
CURRENT_COLOUR = "#1565c0"
LOCKED_COLOUR = "#9e9e9e"


def heading(text: str, grow: int = 4, bold: bool = True) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSize(max(font.pointSize(), 9) + grow)
    font.setBold(bold)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(HINT_CSS)
    label.setWordWrap(True)
    return label
