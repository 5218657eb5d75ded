"""DocumentModel -> PDF with reportlab platypus: A4, a wider left margin for binding, the
bundled fonts embedded and subset, CJK line breaking, "第 x 页 共 y 页" on every page, and
signature blocks that never break across pages. User text is escaped before it reaches
reportlab's mini-markup, so a name like ``<b>`` or ``&`` prints as typed."""

from __future__ import annotations

import io
from typing import Any, BinaryIO, assert_never
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    TableStyle,
)
from reportlab.platypus import (
    PageBreak as RLPageBreak,
)
from reportlab.platypus import Spacer as RLSpacer
from reportlab.platypus import Table as RLTable

from desktop.core.documents import model as m
from desktop.core.fonts import BODY_FONT, SANS_FONT, TITLE_FONT, register_pdf_fonts

LEFT, RIGHT, TOP, BOTTOM = 28 * mm, 20 * mm, 25 * mm, 22 * mm
WIDTH = A4[0] - LEFT - RIGHT
# Empty cells are drawn in the table's font: without this it is reportlab's Helvetica, which
# would then be referenced (unembedded) in the file.
_CELL_FONT = ("FONT", (0, 0), (-1, -1), SANS_FONT)
ALIGN = {"justify": TA_JUSTIFY, "center": TA_CENTER, "right": TA_RIGHT, "left": TA_LEFT}


def _styles() -> dict[str, ParagraphStyle]:
    register_pdf_fonts()
    body = ParagraphStyle(
        "body",
        fontName=BODY_FONT,
        fontSize=12,
        leading=21,
        wordWrap="CJK",
        alignment=TA_JUSTIFY,
        firstLineIndent=24,
        spaceAfter=3,
    )
    return {
        "body": body,
        "plain": ParagraphStyle("plain", parent=body, firstLineIndent=0),
        "title": ParagraphStyle(
            "title",
            fontName=TITLE_FONT,
            fontSize=20,
            leading=30,
            alignment=TA_CENTER,
            spaceAfter=6,
            wordWrap="CJK",
        ),
        "subtitle": ParagraphStyle(
            "subtitle",
            fontName=SANS_FONT,
            fontSize=13,
            leading=20,
            alignment=TA_CENTER,
            wordWrap="CJK",
        ),
        "meta": ParagraphStyle(
            "meta", fontName=BODY_FONT, fontSize=11, leading=18, alignment=TA_RIGHT, spaceAfter=6
        ),
        "heading": ParagraphStyle(
            "heading",
            fontName=TITLE_FONT,
            fontSize=12.5,
            leading=22,
            spaceBefore=6,
            spaceAfter=2,
            wordWrap="CJK",
        ),
        "cell": ParagraphStyle("cell", fontName=BODY_FONT, fontSize=11, leading=17, wordWrap="CJK"),
        "term": ParagraphStyle("term", parent=body, firstLineIndent=-18, leftIndent=18),
        "label": ParagraphStyle(
            "label",
            fontName=SANS_FONT,
            fontSize=10.5,
            leading=16,
            wordWrap="CJK",
            alignment=TA_CENTER,
        ),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


#: A grid cell longer than this is printed as a paragraph under the grid: a table row cannot
#: break across pages, and 4,000 characters of facts would not fit on one.
LONG_CELL = 300


def _grid(block: m.Grid, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    """The grid as tables, with long single-value rows flowing as paragraphs between them."""
    out: list[Flowable] = []
    rows: list[tuple[tuple[str, str], ...]] = []
    for row in block.rows:
        if len(row) == 1 and len(row[0][1]) > LONG_CELL:
            if rows:
                out.append(_grid_table(block, tuple(rows), st))
                rows = []
            out += [_p(row[0][0], st["heading"]), _p(row[0][1], st["body"])]
        else:
            rows.append(row)
    if rows:
        out.append(_grid_table(block, tuple(rows), st))
    return out


def _grid_table(
    block: m.Grid, rows_in: tuple[tuple[tuple[str, str], ...], ...], st: dict[str, ParagraphStyle]
) -> RLTable:
    block = m.Grid(rows_in, block.label_width) if rows_in != block.rows else block
    cols = max(len(row) for row in block.rows) * 2
    label_w = WIDTH * block.label_width
    value_w = (WIDTH - label_w * cols / 2) / (cols / 2)
    data: list[list[Any]] = []
    spans: list[tuple[str, tuple[int, int], tuple[int, int]]] = []
    for r, row in enumerate(block.rows):
        cells: list[Any] = []
        for label, value in row:
            cells += [_p(label, st["label"]), _p(value, st["cell"])]
        if len(cells) < cols:
            spans.append(("SPAN", (len(cells) - 1, r), (cols - 1, r)))
            cells += [""] * (cols - len(cells))
        data.append(cells)
    widths = [label_w if i % 2 == 0 else value_w for i in range(cols)]
    table = RLTable(data, colWidths=widths, repeatRows=0)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        _CELL_FONT,
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]
    # Shade the label cells only: a whole-column shade would show through a spanned value.
    for r, row in enumerate(block.rows):
        for i in range(len(row)):
            style.append(("BACKGROUND", (2 * i, r), (2 * i, r), colors.HexColor("#f2f2f2")))
    table.setStyle(TableStyle(style + spans))
    return table


def _table(block: m.Table, st: dict[str, ParagraphStyle]) -> RLTable:
    n = len(block.headers)
    widths = [WIDTH * f for f in block.widths] if block.widths else [WIDTH / n] * n
    data = [[_p(h, st["label"]) for h in block.headers]]
    data += [[_p(x, st["cell"]) for x in row] for row in block.rows]
    table = RLTable(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                _CELL_FONT,
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f2f2f2")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return table


def _signer(s: m.Signer, st: dict[str, ParagraphStyle]) -> Flowable:
    who = f"{s.role}：{s.name}" if s.name else f"{s.role}："
    if s.organisation:
        right = f"（单位盖章）\n法定代表人{s.representative}签名："
    elif s.fingerprint:
        right = "按指印"
    else:
        right = ""
    data = [[_p(who, st["plain"]), _p("签名：", st["plain"]), _p(right, st["label"])]]
    table = RLTable(
        data,
        colWidths=[WIDTH * 0.42, WIDTH * 0.32, WIDTH * 0.26],
        rowHeights=[21 * mm if (s.fingerprint or s.organisation) else 12 * mm],
    )
    style = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        _CELL_FONT,
        ("LINEBELOW", (1, 0), (1, 0), 0.6, colors.black),
    ]
    if s.fingerprint or s.organisation:
        style.append(("BOX", (2, 0), (2, 0), 0.8, colors.black))
        style.append(("VALIGN", (2, 0), (2, 0), "BOTTOM"))
    table.setStyle(TableStyle(style))
    return table


def _signatures(block: m.Signatures, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    # Each block stays whole on one page; a page may break only between two signers.
    out: list[Flowable] = []
    for s in block.signers:
        out.append(KeepTogether([_signer(s, st), RLSpacer(1, 2 * mm)]))
    return out


def _seal(block: m.Seal, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    right = ParagraphStyle("seal", parent=st["plain"], alignment=TA_RIGHT)
    return [
        RLSpacer(1, 5 * mm),
        _p(block.committee, right),
        _p("（印章）", right),
        _p(block.date_text, right),
    ]


class _PlainPage(Flowable):
    """Zero-size mark: the page it is drawn on gets no running header or page number."""

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv._plain_page = True  # type: ignore[attr-defined]


def _glue(out: list[Flowable], following: list[Flowable]) -> None:
    """Keep ``following`` on one page with the flowable before it: the first signer stays
    with the last sentence of the text and the seal with the last signer, so no page holds a
    bare signature block or a bare seal that could be stapled to another document."""
    # Nested KeepTogethers measure badly in reportlab (the group jumps a page with room
    # left), so the groups are flattened into one.
    following = [x for f in following for x in (f._content if isinstance(f, KeepTogether) else [f])]
    if out and isinstance(out[-1], Paragraph):
        *head, tail = _last_lines(out.pop())
        out += head
        out.append(KeepTogether([tail, *following]))
    elif out and isinstance(out[-1], KeepTogether):
        out.append(KeepTogether([*out.pop()._content, *following]))
    else:
        out.append(KeepTogether(following))


def _last_lines(par: Paragraph, lines: int = 3) -> list[Flowable]:
    """A long paragraph cut before its last lines, so only those travel with what follows
    (moving 4,000 characters of facts to a new page would leave a page half blank)."""
    _, height = par.wrap(WIDTH, A4[1])
    keep = lines * par.style.leading
    if height <= 2 * keep:
        return [par]
    parts = par.split(WIDTH, height - keep)
    return parts if len(parts) == 2 else [par]


def story(doc: m.DocumentModel, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    out: list[Flowable] = []
    for b in doc.blocks:
        match b:
            case m.Title():
                out.append(_p(b.text, st["title"]))
                if b.subtitle:
                    out.append(_p(b.subtitle, st["subtitle"]))
            case m.Meta():
                out.append(_p(b.text, st["meta"]))
            case m.Heading():
                out.append(_p(b.text, st["heading"]))
            case m.TermList():
                out += [_p(item, st["term"]) for item in b.items]
            case m.Para():
                style = st["body"] if b.indent else st["plain"]
                if b.align != "justify":
                    style = ParagraphStyle(f"p-{b.align}", parent=style, alignment=ALIGN[b.align])
                out.append(_p(b.text, style))
            case m.Grid():
                out += [*_grid(b, st), RLSpacer(1, 3 * mm)]
            case m.Table():
                out += [_table(b, st), RLSpacer(1, 3 * mm)]
            case m.Signatures():
                first, *rest = _signatures(b, st)
                _glue(out, [RLSpacer(1, 4 * mm), first])
                out += rest
            case m.Seal():
                _glue(out, _seal(b, st))
            case m.PlainPage():
                out.append(_PlainPage())
            case m.Spacer():
                out.append(RLSpacer(1, b.height_mm * mm))
            case m.PageBreak():
                out.append(RLPageBreak())
            case _:
                assert_never(b)
    return out


def _numbered_canvas(header: str, footer_note: str, number: bool) -> type[Canvas]:
    class NumberedCanvas(Canvas):
        """Holds every page until the end, so each can say how many pages there are."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()
            self._plain_page = False

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            if getattr(self, "_plain_page", False):
                return
            self.setFont(SANS_FONT, 9)
            if header:
                self.drawRightString(A4[0] - RIGHT, A4[1] - 14 * mm, header)
            if number:
                self.drawCentredString(
                    A4[0] / 2, 12 * mm, f"第 {self._pageNumber} 页  共 {total} 页"
                )
            if footer_note:
                self.drawRightString(A4[0] - RIGHT, 12 * mm, footer_note)

    return NumberedCanvas


def _build(doc: m.DocumentModel, out: BinaryIO) -> int:
    """Lay the document out onto ``out``; returns the page count."""
    st = _styles()
    template = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=LEFT,
        rightMargin=RIGHT,
        topMargin=TOP,
        bottomMargin=BOTTOM,
        title=doc.name,
        author="无讼调解助手",
        subject=doc.header,
        # Pages start in our font: reportlab's default (Helvetica)
        # would sit unembedded in the file though no text uses it.
        initialFontName=SANS_FONT,
    )
    template.build(
        story(doc, st), canvasmaker=_numbered_canvas(doc.header, doc.footer_note, doc.number_pages)
    )
    return template.page


def write_pdf(doc: m.DocumentModel, out: BinaryIO) -> None:
    """The document as an A4 PDF on ``out`` (the renderer contract, see desktop.core.renderers)."""
    _build(doc, out)


def page_count(doc: m.DocumentModel) -> int:
    """How many A4 pages the document takes (the 卷内目录 numbers pages with it)."""
    return _build(doc, io.BytesIO())
