"""A table of text rows that never needs a sideways scroll bar: its columns fitted to its width
at every window width and text size (desktop/ui/column_fit.py), its rows as tall as their
wrapped text, and every cell and heading that may be cut short readable whole on hover."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem, QWidget

from desktop.ui.column_fit import FLOOR_CHARS, ColumnFit


def set_headings(table: QTableWidget, headings: Sequence[str]) -> None:
    """``table``'s column headings, each whole on hover (a narrow column cuts its heading)."""
    table.setColumnCount(len(headings))
    table.setHorizontalHeaderLabels(list(headings))
    table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)  # not clipped
    for column, text in enumerate(headings):
        item = table.horizontalHeaderItem(column)
        if item is not None:
            item.setToolTip(text)


class WidthWatchedTable(QTableWidget):
    """A table that calls ``on_width`` (when set) as soon as its own width changes: a fit
    made when its panel was resized came before the table's last resize and left the old,
    wider columns in a narrowed table."""

    on_width: Callable[[], None] | None = None

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self.on_width is not None and event.size().width() != event.oldSize().width():
            self.on_width()


class FittedTable(QTableWidget):
    """Read-only rows of text; ``fill`` is the column that takes the room left (and wraps),
    the others as ColumnFit has them (``give_way``, ``keep``, ``fill_chars``). With ``wrap``
    a cut cell goes onto more lines, the row at most ``most_row_height`` pixels tall."""

    def __init__(
        self,
        headings: Sequence[str],
        *,
        fill: int,
        give_way: Sequence[int] | None = None,
        keep: Sequence[int] = (),
        fill_chars: float = FLOOR_CHARS,
        wrap: bool = True,
        most_row_height: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(0, len(headings), parent)
        set_headings(self, headings)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        self.setWordWrap(wrap)
        if most_row_height is not None:
            self.verticalHeader().setMaximumSectionSize(most_row_height)
        self.column_fit = ColumnFit(
            self, fill=fill, give_way=give_way, keep=keep, fill_chars=fill_chars
        )

    def set_rows(self, rows: Sequence[Sequence[str]]) -> None:
        """Replace every row; each cell whole on hover."""
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.setItem(r, c, item)
        self.refit()

    def refit(self) -> None:
        """Columns to the table's width, then rows to their wrapped text."""
        self.column_fit.fit()
        if self.wordWrap():
            self.resizeRowsToContents()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.refit()  # the font (and so every width) is final once shown

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.refit()
