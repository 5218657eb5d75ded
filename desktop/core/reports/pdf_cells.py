"""Identifiers in printed tables stay on one line. A 案号 such as “（2026）星光村调调字第12345号”
broken after “第1” reads as two numbers on paper (the 以案定补 list printed them so): its
column is made as wide as its widest 案号 (within a share of the page), and a 案号 still too
wide for that is printed smaller, never wrapped. A committee's abbreviation and its 案号 format
are free text (settings), and imported cases keep their own committee's numbers, so no length
can be assumed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

#: reportlab's default left + right cell padding (points).
CELL_PADDING = 12.0
# Measuring is exact, the layout rounds: a little room so a fitting line never wraps.
_ROOM = 0.98


def identifier_width(
    texts: Iterable[str], style: ParagraphStyle, *, least: float, most: float
) -> float:
    """Width (points) of a column of identifiers: the widest text at the style's font and size
    plus the cell padding, at least ``least`` (the heading) and at most ``most``."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    widest = max((stringWidth(t, style.fontName, style.fontSize) for t in texts), default=0.0)
    return max(least, min(most, widest / _ROOM + CELL_PADDING))


def identifier_cell(text: str, style: ParagraphStyle, width: float) -> Paragraph:
    """A one-line cell of ``text`` in a column ``width`` points wide: in ``style`` when it
    fits, otherwise in a smaller size that fits (leading scaled alike)."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph

    room = (width - CELL_PADDING) * _ROOM
    needed = stringWidth(text, style.fontName, style.fontSize)
    if needed <= room or needed == 0:
        return Paragraph(escape(text), style)
    scale = room / needed
    smaller = ParagraphStyle(
        f"{style.name}-fit",
        parent=style,
        fontSize=style.fontSize * scale,
        leading=style.leading * scale,
    )
    return Paragraph(escape(text), smaller)


#: What a cut cell ends with: the paper says the text goes on and where to read the rest.
CUT_MARK = "……（以下从略，全文见案卷）"


def bounded_cell(text: str, style: ParagraphStyle, width: float, most: float) -> Paragraph:
    """A wrapped cell of ``text`` in a column ``width`` points wide, at most ``most`` points
    tall: reportlab cannot break a table row over two pages (LayoutError: the whole report
    is not made), so a longer text — 200 workers' names of a wage-arrears case, a very long
    纠纷名称 or reason — is cut at the last character that fits and ends with ``CUT_MARK``."""
    from reportlab.platypus import Paragraph

    from desktop.core.reports.cellsafe import clean_text

    text = clean_text(text)  # a control character would print as a box
    room = max(width - CELL_PADDING, 1.0)

    def height(t: str) -> float:
        return float(Paragraph(escape(t), style).wrap(room, 1e9)[1])

    if height(text) <= most:
        return Paragraph(escape(text), style)
    fits, over = 0, len(text)  # text[:fits] + CUT_MARK fits; text[:over] + CUT_MARK does not
    while over - fits > 1:
        mid = (fits + over) // 2
        if height(text[:mid] + CUT_MARK) <= most:
            fits = mid
        else:
            over = mid
    return Paragraph(escape(text[:fits].rstrip("、，, ") + CUT_MARK), style)
