"""Names of the case's parties offered as buttons under a field that must name them (履行人,
``parties_only`` in resources/workflows): chosen with a click rather than typed, by a mediator
not at ease with typing names; the core still refuses anyone who is no party."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import cast

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from desktop.ui.field_base import FieldWidget
from desktop.ui.field_widgets import LineField


def offer_names(widget: FieldWidget, names: Sequence[str]) -> None:
    """Buttons under the one-line ``widget``, one per name: a click puts the name in, a second
    click takes it out; several are joined by 、."""
    if not isinstance(widget, LineField) or not names:
        return
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(QLabel("点选："))
    for name in names:
        button = QPushButton(name)
        button.setAutoDefault(False)  # Enter in the dialog saves, never picks a name
        button.clicked.connect(lambda _c=False, n=name: _toggle(widget, n))
        row.addWidget(button)
        widget.name_buttons.append(button)
    row.addStretch(1)
    cast(QVBoxLayout, widget.layout()).insertLayout(1, row)


def _toggle(widget: LineField, name: str) -> None:
    said = [n for n in re.split(r"\s*[、，,]\s*", widget.line.text().strip()) if n]
    said = [n for n in said if n != name] if name in said else [*said, name]
    widget.line.setText("、".join(said))
