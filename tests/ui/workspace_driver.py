"""Helpers that drive the workspace's real dialogs in tests: instead of a blocking exec(), the
dialog is filled through its field widgets (Chinese via set_value, never keyClicks) and its
own 保存/确定 button is clicked, so the dialog's real validation path runs."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QTableWidget

from desktop.ui.workspace.record_panel import RecordDialog  # noqa: E402


def answer(
    monkeypatch: pytest.MonkeyPatch, cls: type[QDialog], fill: Callable[[Any], object]
) -> list[Any]:
    """Every ``cls(...).exec()`` runs ``fill(dialog)`` and returns the dialog's own result.
    The opened dialogs are collected so a test can look at a refused one."""
    opened: list[Any] = []

    def fake_exec(self: QDialog) -> int:
        opened.append(self)
        fill(self)
        return self.result()

    monkeypatch.setattr(cls, "exec", fake_exec)
    return opened


def fill_record(values: Mapping[str, Any]) -> Callable[[RecordDialog], None]:
    def fill(dlg: RecordDialog) -> None:
        for key, value in values.items():
            dlg.form.widgets[key].set_value(value)
        dlg.ok_button.click()

    return fill


def answer_records(monkeypatch: pytest.MonkeyPatch, values: Mapping[str, Any]) -> list[Any]:
    return answer(monkeypatch, RecordDialog, fill_record(values))


def set_fields(form: Any, values: Mapping[str, Any]) -> None:
    """Type into a step form's field widgets as the mediator would."""
    for key, value in values.items():
        form.form.widgets[key].set_value(value)
        form.form.widgets[key].changed.emit()


def cell_text(table: QTableWidget, row: int, column: int) -> str:
    """The text of a table cell; a missing cell fails the test here, by name."""
    item = table.item(row, column)
    assert item is not None, f"no cell at row {row}, column {column}"
    return item.text()
