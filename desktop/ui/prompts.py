"""Every modal question the window asks, in one place: message boxes (a choice of buttons, a
yes/no question, a notice) and the file and folder choosers.

Each builds a ``Prompt`` and hands it to ``show``, the only function here that touches a Qt
dialog. ``show`` is the seam: a test replaces it (``monkeypatch.setattr(prompts, "show", …)``,
see tests/ui/prompt_driver.py) and answers each prompt as the mediator would, without
patching Qt."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


class Kind(Enum):
    CHOICE = "choice"  # answer: index of the button clicked, None when closed without one
    OPEN_FILE = "open_file"  # answer: Path or None
    OPEN_FILES = "open_files"  # answer: list[Path] (empty when cancelled)
    SAVE_FILE = "save_file"  # answer: Path or None
    FOLDER = "folder"  # answer: Path or None


class Tone(Enum):
    QUESTION = QMessageBox.Icon.Question
    NOTICE = QMessageBox.Icon.Information
    WARNING = QMessageBox.Icon.Warning
    FAILURE = QMessageBox.Icon.Critical


@dataclass(frozen=True, slots=True)
class Prompt:
    """What the mediator is asked. ``buttons`` for a choice (the first is the default, the
    ``escape`` one answers Esc and the window's ×); ``suggested`` and ``filter`` for a file."""

    kind: Kind
    title: str
    text: str = ""
    buttons: tuple[str, ...] = ()
    escape: int | None = None
    tone: Tone = Tone.QUESTION
    suggested: str = ""
    filter: str = ""


def show(parent: QWidget | None, prompt: Prompt) -> object:
    """Put the prompt on screen and wait for the answer (see ``Kind`` for its type)."""
    if prompt.kind is Kind.CHOICE:
        return _message_box(parent, prompt)
    if prompt.kind is Kind.OPEN_FILE:
        name, _ = QFileDialog.getOpenFileName(parent, prompt.title, prompt.suggested, prompt.filter)
        return Path(name) if name else None
    if prompt.kind is Kind.OPEN_FILES:
        names, _ = QFileDialog.getOpenFileNames(
            parent, prompt.title, prompt.suggested, prompt.filter
        )
        return [Path(n) for n in names]
    if prompt.kind is Kind.SAVE_FILE:
        name, _ = QFileDialog.getSaveFileName(parent, prompt.title, prompt.suggested, prompt.filter)
        return Path(name) if name else None
    folder = QFileDialog.getExistingDirectory(parent, prompt.title, prompt.suggested)
    return Path(folder) if folder else None


def _message_box(parent: QWidget | None, prompt: Prompt) -> int | None:
    box = QMessageBox(prompt.tone.value, prompt.title, prompt.text, parent=parent)
    # Roles only place the buttons as the platform expects (accept first, reject last).
    roles = [
        QMessageBox.ButtonRole.AcceptRole
        if i == 0
        else QMessageBox.ButtonRole.RejectRole
        if i == prompt.escape
        else QMessageBox.ButtonRole.ActionRole
        for i in range(len(prompt.buttons))
    ]
    buttons = [
        box.addButton(label, role) for label, role in zip(prompt.buttons, roles, strict=True)
    ]
    if buttons:
        box.setDefaultButton(buttons[0])
    if prompt.escape is not None:
        box.setEscapeButton(buttons[prompt.escape])
    box.exec()
    clicked = box.clickedButton()
    for i, button in enumerate(buttons):
        if clicked is button:
            return i
    return prompt.escape


def choose(
    parent: QWidget | None,
    title: str,
    text: str,
    buttons: Sequence[str],
    *,
    escape: int | None = None,
    tone: Tone = Tone.QUESTION,
) -> int | None:
    """Which of ``buttons`` the mediator clicked (its index); ``escape`` (or None) when the box
    was closed with Esc or the window's ×."""
    answer = show(parent, Prompt(Kind.CHOICE, title, text, tuple(buttons), escape, tone))
    return answer if isinstance(answer, int) else None


def ask(parent: QWidget | None, title: str, question: str) -> bool:
    """A yes/no question (是/否); closing the box means 否."""
    return choose(parent, title, question, ("是", "否"), escape=1) == 0


def tell(parent: QWidget | None, title: str, message: str, *, tone: Tone = Tone.NOTICE) -> None:
    """A notice the mediator acknowledges (知道了)."""
    choose(parent, title, message, ("知道了",), escape=0, tone=tone)


def open_file(
    parent: QWidget | None, title: str, file_filter: str = "", start: str | Path = ""
) -> Path | None:
    """One file to read (the chooser opens at ``start``, else the home folder); None when
    cancelled."""
    prompt = Prompt(Kind.OPEN_FILE, title, suggested=str(start or Path.home()), filter=file_filter)
    answer = show(parent, prompt)
    return answer if isinstance(answer, Path) else None


def open_files(parent: QWidget | None, title: str, file_filter: str = "") -> list[Path]:
    prompt = Prompt(Kind.OPEN_FILES, title, suggested=str(Path.home()), filter=file_filter)
    answer = show(parent, prompt)
    return [p for p in answer if isinstance(p, Path)] if isinstance(answer, list) else []


def save_file(
    parent: QWidget | None, title: str, suggested: str | Path, file_filter: str = ""
) -> Path | None:
    """Where to save (``suggested`` is the proposed path); None when cancelled."""
    prompt = Prompt(Kind.SAVE_FILE, title, suggested=str(suggested), filter=file_filter)
    answer = show(parent, prompt)
    return answer if isinstance(answer, Path) else None


def folder(parent: QWidget | None, title: str, start: str | Path = "") -> Path | None:
    """A folder to write into (``start`` is where the chooser opens); None when cancelled."""
    answer = show(parent, Prompt(Kind.FOLDER, title, suggested=str(start)))
    return answer if isinstance(answer, Path) else None
