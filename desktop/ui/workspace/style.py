"""Small shared look-and-feel helpers of the workspace: red refusal labels, headings, and a
yes/no question in plain Chinese."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

ERROR_CSS = "color: #b00020; font-weight: bold;"
HINT_CSS = "color: #555555;"
DONE_COLOUR = "#2e7d32"
CURRENT_COLOUR = "#1565c0"
LOCKED_COLOUR = "#9e9e9e"


def error_label() -> QLabel:
    """A hidden red label that appears under a field or list when the core refuses."""
    label = QLabel()
    label.setStyleSheet(ERROR_CSS)
    label.setWordWrap(True)
    label.setVisible(False)
    return label


def show_error(label: QLabel, message: str) -> None:
    label.setText(message)
    label.setVisible(bool(message))


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


def ask(parent: QWidget, title: str, question: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, question, parent=parent)
    yes = box.addButton("是", QMessageBox.ButtonRole.YesRole)
    box.addButton("否", QMessageBox.ButtonRole.NoRole)
    box.exec()
    return box.clickedButton() is yes


def tell(parent: QWidget, title: str, message: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, title, message, parent=parent)
    box.addButton("知道了", QMessageBox.ButtonRole.AcceptRole)
    box.exec()
