"""Table columns fitted to the room the table has, so a list never needs a sideways scroll bar
on a 1366-pixel laptop screen, at normal or large text.

Each column is first given what its widest shown cell and its heading need. When that is more
than the table's width, the columns named to give way (a title, the parties' names: long free
text) shrink, down to a few characters, and the rest of their text is drawn as "…" and shown
whole on hover (the model's ToolTipRole). The fill column takes whatever room is left.
Widths follow the text size, so large text is fitted as normal text is."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

#: Rows measured at most: widths come from what is loaded, never from the whole file.
MEASURED_ROWS = 400
#: Narrowest a giving-way column gets, in characters of the table's font.
FLOOR_CHARS = 4
#: Narrowest any column but a kept one gets when the room is shorter still: two characters
#: and the "…".
LEAST_CHARS = 3
#: Narrowest the fill column gets (a title, a term's content): a few words still read.
FILL_LEAST_CHARS = 6


class ColumnFit:
    """How ``table``'s columns share its width; :meth:`fit` applies it. The owner calls fit
    when the rows change and when the table is resized (no signal or event filter of ours on
    the table: Qt tears a table down while its model still signals).

    The columns never need a sideways scroll bar: when even the narrowest widths below do not
    fit, the table asks its layout for that much room (its minimum width), so the window
    cannot be made narrower than the columns at their narrowest."""

    def __init__(
        self,
        table: QTableView,
        *,
        fill: int,
        give_way: Sequence[int] | None = None,
        keep: Sequence[int] = (),
        floor_chars: float = FLOOR_CHARS,
        fill_chars: float = FLOOR_CHARS,
        least_chars: float = LEAST_CHARS,
    ) -> None:
        """``give_way``: the columns that shrink first when room runs short, the first as far
        as it can before the next, down to ``floor_chars``; None: every other column, the
        widest first (evened down together, for a table whose cells wrap onto more lines).
        ``fill_chars``: the fill column's least width in characters while others can still
        give way. When the room is shorter still, every column but those in ``keep`` (held
        whole: a date) evens down to ``least_chars`` (then the fill column too): a few
        characters and "…", the whole text on hover."""
        self.table, self.fill = table, fill
        self.give_way = None if give_way is None else tuple(give_way)
        self.keep = frozenset(keep)
        self.floor_chars, self.fill_chars = floor_chars, fill_chars
        self.least_chars = min(least_chars, floor_chars)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(False)
        # Qt's least section (about four characters) would hold a column wider than its fit.
        header.setMinimumSectionSize(table.fontMetrics().horizontalAdvance("调"))
        # A heading cut short ends in "…" (Qt's headers clip mid-character by default).
        header.setTextElideMode(Qt.TextElideMode.ElideRight)

    def room(self) -> int:
        """The width the columns may take: inside the frame, less a vertical scroll bar
        whether shown or not (so rows arriving later never make the columns jump)."""
        table = self.table
        return table.contentsRect().width() - table.verticalScrollBar().sizeHint().width()

    def _margin(self) -> int:
        """Pixels the item delegate keeps beside a cell's text (both sides together)."""
        table = self.table
        return 2 * (
            table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
        )

    def wanted(self) -> list[int]:
        """Pixels each column needs for its heading and its widest measured cell (a button in
        a cell: its own width)."""
        table, model = self.table, self.table.model()
        metrics = table.fontMetrics()
        style = table.style()
        margin = self._margin()
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
                index = model.index(row, column)
                text = model.data(index)
                if isinstance(text, str) and text:
                    widest = max(widest, metrics.horizontalAdvance(text) + margin)
                if (widget := table.indexWidget(index)) is not None:
                    widest = max(widest, widget.sizeHint().width())
            need.append(widest + 2)
        return need

    def _least(self, need: list[int]) -> list[int]:
        """The narrowest each column gets: a kept column (and a cell's button, which cannot
        be cut) its whole need, the fill column ``fill_chars`` characters (at most
        FILL_LEAST_CHARS), the others
        ``least_chars`` (or less if that is all they need)."""
        em = self.table.fontMetrics().horizontalAdvance("调")
        # Half a character spare: Qt's eliding rounds against us.
        least = int(em * (self.least_chars + 0.5)) + self._margin()
        fill = max(least, int(em * min(self.fill_chars, FILL_LEAST_CHARS)))
        return [
            n
            if c in self.keep or self._holds_widgets(c)
            else min(n, fill if c == self.fill else least)
            for c, n in enumerate(need)
        ]

    def _holds_widgets(self, column: int) -> bool:
        model = self.table.model()
        return model.rowCount() > 0 and self.table.indexWidget(model.index(0, column)) is not None

    def widths(self, room: int) -> list[int]:
        """Each column's width for ``room`` pixels; their sum is at most ``room`` unless the
        columns at their narrowest (:meth:`_least`) need more."""
        count = self.table.model().columnCount()
        em = self.table.fontMetrics().horizontalAdvance("调")
        floor = int(em * self.floor_chars)
        need = self.wanted()
        least = self._least(need)
        widths = list(need)
        widths[self.fill] = max(least[self.fill], min(need[self.fill], int(em * self.fill_chars)))
        over = sum(widths) - room
        others = [c for c in range(count) if c != self.fill]
        if self.give_way is None:
            over = _even_down(widths, others, [max(floor, least[c]) for c in range(count)], over)
        for column in self.give_way or ():  # in the order given: the first gives way first
            if over <= 0:
                break
            give = min(over, max(0, widths[column] - max(floor, least[column])))
            widths[column] -= give
            over -= give
        # Shorter still (a narrow window, large text): every column but the kept ones evens
        # down to its least, then the fill column gives way as well.
        over = _even_down(widths, others, least, over)
        over = _even_down(widths, [self.fill], least, over)
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
        return widths

    def least_width(self) -> int:
        """The table's width with every column at its narrowest: frame and vertical scroll
        bar included."""
        table = self.table
        frame = table.width() - table.contentsRect().width()
        chrome = frame + table.verticalScrollBar().sizeHint().width()
        return sum(self._least(self.wanted())) + chrome

    def fit(self) -> None:
        table = self.table
        if not table.model().columnCount():
            return
        least = self.least_width()
        if table.minimumWidth() != least:
            # The layout then never gives the table less than its columns at their narrowest.
            table.setMinimumWidth(least)
        header = table.horizontalHeader()
        for column, width in enumerate(self.widths(self.room())):
            if header.sectionSize(column) != width:
                table.setColumnWidth(column, width)


def _even_down(widths: list[int], columns: list[int], floors: list[int], over: int) -> int:
    """Lower the widest of ``columns`` to a common cap (each never below its own entry of
    ``floors``) until ``over`` pixels are given up or none can give more; returns what is
    still over."""
    while over > 0:
        wide = [c for c in columns if widths[c] > floors[c]]
        if not wide:
            break
        top = max(widths[c] for c in wide)
        at_top = [c for c in wide if widths[c] == top]
        below = max([widths[c] for c in wide if widths[c] < top] + [floors[c] for c in at_top])
        step = max(1, min(top - below, -(-over // len(at_top))))
        for c in at_top:
            cut = min(step, widths[c] - floors[c])
            widths[c] -= cut
            over -= cut
    return over


class ElideStart(QStyledItemDelegate):
    """Cells cut at their start ("…调字第87号"): a case number's distinguishing end stays in
    sight when its column is narrow (cut at the end every row read "（2026）星调…")."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideLeft


class AsWideAsTheView(QStyledItemDelegate):
    """For a list of one-line (or fixed-line) items: each item as wide as the list, its text
    cut with "…" (the whole text on hover, the item's tooltip) instead of every item as wide
    as its longest line and a sideways scroll bar under the list."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(0, super().sizeHint(option, index).height())
