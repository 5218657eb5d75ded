"""Table columns fitted to the room the table has, so a list never needs a sideways scroll bar
on a 1366-pixel laptop screen, at normal or large text.

Each column is first given what its widest shown cell and its heading need. When that is more
than the table's width, the columns named to give way (a title, the parties' names: long free
text) shrink, down to a few characters, and the rest of their text is drawn as "…" and shown
whole on hover (the model's ToolTipRole). The fill column takes whatever room is left.
Widths follow the text size, so large text is fitted as normal text is."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QStyle, QTableView

#: Rows measured at most: widths come from what is loaded, never from the whole file.
MEASURED_ROWS = 400
#: Narrowest a giving-way column gets, in characters of the table's font.
FLOOR_CHARS = 4


class ColumnFit:
    """How ``table``'s columns share its width; :meth:`fit` applies it. The owner calls fit
    when the rows change and when the table is resized (no signal or event filter of ours on
    the table: Qt tears a table down while its model still signals)."""

    def __init__(
        self,
        table: QTableView,
        *,
        fill: int,
        give_way: Sequence[int] | None = None,
        floor_chars: float = FLOOR_CHARS,
        fill_chars: float = FLOOR_CHARS,
    ) -> None:
        """``give_way``: the columns that shrink when room runs short, the first as far as it
        can before the next; None: every other column, the widest first (evened down
        together, for a table whose cells wrap onto more lines). ``fill_chars``: the fill
        column's least width in characters."""
        self.table, self.fill = table, fill
        self.give_way = None if give_way is None else tuple(give_way)
        self.floor_chars, self.fill_chars = floor_chars, fill_chars
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(False)

    def room(self) -> int:
        """The width the columns may take: inside the frame, less a vertical scroll bar
        whether shown or not (so rows arriving later never make the columns jump)."""
        table = self.table
        return table.contentsRect().width() - table.verticalScrollBar().sizeHint().width()

    def wanted(self) -> list[int]:
        """Pixels each column needs for its heading and its widest measured cell."""
        table, model = self.table, self.table.model()
        metrics = table.fontMetrics()
        style = table.style()
        margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1)
        header = table.horizontalHeader()
        # The heading also holds the sort arrow.
        arrow = style.pixelMetric(
            QStyle.PixelMetric.PM_HeaderMarkSize, None, header
        ) + 2 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        rows = min(model.rowCount(), MEASURED_ROWS)
        need = []
        for column in range(model.columnCount()):
            heading = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            widest = header.fontMetrics().horizontalAdvance(heading) + arrow
            for row in range(rows):
                text = model.data(model.index(row, column))
                if isinstance(text, str) and text:
                    widest = max(widest, metrics.horizontalAdvance(text) + margin)
            need.append(widest + 2)
        return need

    def fit(self) -> None:
        table = self.table
        count = table.model().columnCount()
        if not count:
            return
        room = self.room()
        em = table.fontMetrics().horizontalAdvance("调")
        floor = int(em * self.floor_chars)
        need = self.wanted()
        widths = list(need)
        widths[self.fill] = int(em * self.fill_chars)
        over = sum(widths) - room
        if self.give_way is None:
            over = _even_down(widths, [c for c in range(count) if c != self.fill], floor, over)
        for column in self.give_way or ():  # in the order given: the first gives way first
            if over <= 0:
                break
            give = min(over, max(0, widths[column] - floor))
            widths[column] -= give
            over -= give
        if over < 0:
            widths[self.fill] += -over
        # A column that gave way is not left wider than a cut-off fill column: the two share
        # their room (the case list's 当事人 of a many-party case kept 300 pixels while the
        # 纠纷名称 beside it showed six characters).
        for column in self.give_way or ():
            short = need[self.fill] - widths[self.fill]
            if widths[column] < need[column] and widths[column] > widths[self.fill] and short > 0:
                move = min(short, (widths[column] - widths[self.fill]) // 2)
                widths[column] -= move
                widths[self.fill] += move
        header = table.horizontalHeader()
        for column, width in enumerate(widths):
            if header.sectionSize(column) != width:
                table.setColumnWidth(column, width)


def _even_down(widths: list[int], columns: list[int], floor: int, over: int) -> int:
    """Lower the widest of ``columns`` to a common cap (never below ``floor``) until ``over``
    pixels are given up or none can give more; returns what is still over."""
    while over > 0:
        wide = [c for c in columns if widths[c] > floor]
        if not wide:
            break
        top = max(widths[c] for c in wide)
        at_top = [c for c in wide if widths[c] == top]
        below = max([widths[c] for c in wide if widths[c] < top] + [floor])
        step = min(top - below, -(-over // len(at_top)))
        for c in at_top:
            widths[c] -= step
        over -= step * len(at_top)
    return over
