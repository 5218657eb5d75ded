"""What a list or table in the window shows cut off: a cell whose text does not fit the room
it is drawn in (on one line, or wrapped when the view wraps) and whose whole text is not
given on hover either; a view that needs a sideways scroll bar to show its columns; and every
text a window shows (titles, labels, buttons, group boxes, tabs)."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QTextDocumentFragment, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QFormLayout,
    QGroupBox,
    QLabel,
    QListView,
    QStyle,
    QTableView,
    QTabWidget,
    QWidget,
)


def _needs(view: QAbstractItemView, text: str, rect: QRect) -> bool:
    """Whether ``text`` fits ``rect`` as ``view`` draws it (the item delegate keeps the style's
    focus-frame margin + 1 pixel on each side of the text)."""
    metrics = view.fontMetrics()
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    width = rect.width() - 2 * margin
    # wordWrap is a property of QTableView and QListView (and QTreeView), not of the base class.
    if isinstance(view, (QTableView, QListView)) and view.wordWrap():
        lines = metrics.boundingRect(
            QRect(0, 0, max(width, 1), 1_000_000), int(Qt.TextFlag.TextWordWrap), text
        )
        return lines.width() <= width and lines.height() <= rect.height()
    return all(metrics.horizontalAdvance(line) <= width for line in text.split("\n"))


def cut_cells(view: QAbstractItemView) -> Iterator[str]:
    """One line per cell in view that is cut off with no tooltip holding its whole text, and
    per cell button whose label is cut."""
    model = view.model()
    port = view.viewport().rect()
    columns = model.columnCount() if isinstance(view, QTableView) else 1
    for row in range(model.rowCount()):
        for column in range(columns):
            index = model.index(row, column, QModelIndex())
            if isinstance(view, QTableView) and view.isColumnHidden(column):
                continue
            rect = view.visualRect(index)
            if not rect.isValid() or not port.intersects(rect):
                continue
            widget = view.indexWidget(index)
            if isinstance(widget, QAbstractButton):
                if widget.sizeHint().width() > rect.width() + 1:
                    yield f"button “{widget.text()}” {widget.sizeHint().width()} > {rect.width()}"
                continue
            text = model.data(index, Qt.ItemDataRole.DisplayRole)
            if not isinstance(text, str) or not text:
                continue
            if _needs(view, text, rect):
                continue
            if model.data(index, Qt.ItemDataRole.ToolTipRole) == text:
                continue
            yield f"row {row} column {column}: “{text}” in {rect.width()}x{rect.height()}"


def sideways(view: QAbstractItemView) -> str | None:
    """Why ``view`` needs a sideways scroll bar, or None (a list in icon mode flows instead)."""
    if isinstance(view, QListView) and view.viewMode() == QListView.ViewMode.IconMode:
        return None
    if isinstance(view, QTableView):
        header = view.horizontalHeader()
        if header.length() > view.viewport().width():
            return f"columns {header.length()} px in {view.viewport().width()} px"
    if view.horizontalScrollBar().isVisible():
        return "a sideways scroll bar is shown"
    return None


def views_in(top: QWidget) -> list[QAbstractItemView]:
    return [v for v in top.findChildren(QAbstractItemView) if v.isVisibleTo(top)]


def visible_texts(window: QWidget) -> Iterator[str]:
    yield window.windowTitle()
    for w in window.findChildren(QWidget):
        if not w.isVisibleTo(window):
            continue
        if isinstance(w, QLabel | QAbstractButton):
            text = w.text()
            yield QTextDocumentFragment.fromHtml(text).toPlainText() if "<" in text else text
        elif isinstance(w, QGroupBox):
            yield w.title()
        elif isinstance(w, QTabWidget):
            yield from (w.tabText(i) for i in range(w.count()))


def cut_headings(view: QTableView) -> Iterator[str]:
    """One line per column heading drawn cut short with no tooltip holding it whole."""
    header, model = view.horizontalHeader(), view.model()
    style = header.style()
    margin = 2 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    for column in range(model.columnCount()):
        if view.isColumnHidden(column):
            continue
        text = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        room = header.sectionSize(column) - margin
        if header.fontMetrics().horizontalAdvance(text) <= room:
            continue
        if model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) != text:
            yield f"heading “{text}” in {header.sectionSize(column)} px"


def sideways_bars(top: QWidget) -> Iterator[str]:
    """Every scrolled area shown in ``top`` (lists, tables, scrolled forms, text boxes) that
    needs a sideways scroll bar, named by its class and its parent's."""
    for area in top.findChildren(QAbstractScrollArea):
        if not area.isVisibleTo(top):
            continue
        name = f"{type(area).__name__} in {type(area.parentWidget()).__name__}"
        if isinstance(area, QAbstractItemView):
            if why := sideways(area):
                yield f"{name}: {why}"
        elif area.horizontalScrollBar().isVisible():
            yield f"{name}: a sideways scroll bar is shown"


#: Where a line of a label may sensibly end: after punctuation or a space, or before an
#: opening bracket or a word that starts a phrase (never between two characters of a word:
#: 争议事/项).
ENDS_A_LINE = frozenset("，、；：。！？）)》」 /／")
STARTS_A_LINE = ("（", "(", "《", "「", "或", "并", "及", "和", "只能", "可在", "共同")
_INVISIBLE = dict.fromkeys(map(ord, "\u2060\u200b"))


def wrapped_lines(label: QLabel) -> list[str]:
    """The lines ``label`` shows its text on at its present width (the joiners removed)."""
    layout = QTextLayout(label.text(), label.font())
    option = QTextOption()
    option.setWrapMode(
        QTextOption.WrapMode.WordWrap if label.wordWrap() else QTextOption.WrapMode.NoWrap
    )
    layout.setTextOption(option)
    lines = []
    layout.beginLayout()
    while (line := layout.createLine()).isValid():
        line.setLineWidth(label.contentsRect().width())
        start = line.textStart()
        lines.append(label.text()[start : start + line.textLength()].translate(_INVISIBLE))
    layout.endLayout()
    return [text for text in lines if text]


def broken_labels(top: QWidget) -> Iterator[str]:
    """Every label of a form (QFormLayout) shown in ``top`` that breaks a line inside a word,
    or is cut at its right edge."""
    for form in top.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if not isinstance(label, QLabel) or not label.isVisibleTo(top):
                continue
            lines = wrapped_lines(label)
            widest = max((label.fontMetrics().horizontalAdvance(t) for t in lines), default=0)
            if widest > label.contentsRect().width() + 1:
                yield f"label “{'/'.join(lines)}” cut: {widest} > {label.contentsRect().width()}"
            for before, after in zip(lines, lines[1:], strict=False):
                if before[-1] not in ENDS_A_LINE and not after.startswith(STARTS_A_LINE):
                    yield f"label “{'/'.join(lines)}” breaks inside a word"
