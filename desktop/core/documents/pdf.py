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
from reportlab.platypus import (
    Flowable,
    Paragraph,
    SimpleDocTemplate,
    TableStyle,
)
from reportlab.platypus import (
    PageBreak as RLPageBreak,
)
from reportlab.platypus import Spacer as RLSpacer
from reportlab.platypus import Table as RLTable

from desktop.core.documents import kinsoku
from desktop.core.documents import model as m
from desktop.core.documents.pdf_keep import close_with_text, keep_headings
from desktop.core.documents.pdf_page import (
    BOTTOM,
    LEFT,
    RIGHT,
    TOP,
    WIDTH,
    PlainPage,
    numbered_canvas,
)
from desktop.core.fonts import (
    BODY_FONT,
    SANS_FONT,
    TITLE_FONT,
    fallback_font,
    glyphs,
    register_fallback,
    register_pdf_fonts,
)
from desktop.core.plaintext import printable

# Empty cells are drawn in the table's font: without this it is reportlab's Helvetica, which
# would then be referenced (unembedded) in the file.
_CELL_FONT = ("FONT", (0, 0), (-1, -1), SANS_FONT)
ALIGN = {"justify": TA_JUSTIFY, "center": TA_CENTER, "right": TA_RIGHT, "left": TA_LEFT}


def _styles() -> dict[str, ParagraphStyle]:
    register_pdf_fonts()
    kinsoku.install()
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
            "meta",
            fontName=BODY_FONT,
            fontSize=11,
            leading=18,
            alignment=TA_RIGHT,
            spaceAfter=6,
            wordWrap="CJK",
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
        "right": ParagraphStyle("right", parent=body, firstLineIndent=0, alignment=TA_RIGHT),
        "signer": ParagraphStyle(
            "signer", fontName=BODY_FONT, fontSize=m.SIGNER_FONT_PT, leading=14, wordWrap="CJK"
        ),
        "box": ParagraphStyle(
            "box",
            fontName=SANS_FONT,
            fontSize=8,
            leading=11,
            wordWrap="CJK",
            alignment=TA_CENTER,
            textColor=colors.HexColor("#555555"),
        ),
        "label": ParagraphStyle(
            "label",
            fontName=SANS_FONT,
            fontSize=10.5,
            leading=16,
            wordWrap="CJK",
            alignment=TA_CENTER,
        ),
    }


def _markup(text: str, font: str) -> str:
    """User text as reportlab markup: controls made safe, ``<&>`` escaped, newlines as
    ``<br/>``, and each character the style's font lacks switched to the bundled fallback
    font that has it (王𠮷 prints, and is in the text layer)."""
    text = printable(text)
    cmap = glyphs(font)
    if all(ord(ch) in cmap or ch == "\n" for ch in text):
        return escape(text).replace("\n", "<br/>")
    out: list[str] = []
    for ch in text:
        fb = fallback_font(ch, font) if ch != "\n" else None
        if fb:
            out.append(f'<font face="{register_fallback(fb)}">{escape(ch)}</font>')
        else:
            out.append("<br/>" if ch == "\n" else escape(ch))
    return "".join(out)


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(_markup(text, style.fontName), style)


LONG_CELL = m.LONG_CELL


def _grid(block: m.Grid, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    """The grid as tables, with long single-value rows flowing as paragraphs between them
    (their label a heading kept with the text's first lines)."""
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


def _box_text(s: m.Signer) -> str:
    if s.organisation:
        return f"（单位盖章）\n法定代表人{s.representative}签名："
    return "按指印"


def _signer_grid(
    signers: tuple[m.Signer, ...], per_row: int, boxed: bool, st: dict[str, ParagraphStyle]
) -> RLTable:
    """Signers ``per_row`` to a row; each is two table rows (``角色：姓名``, then ``签名：`` on a
    ruled line) beside a fingerprint or seal box spanning both, or beside a gap for staff."""
    slot = WIDTH / per_row
    side = m.BOX_MM * mm if boxed else 6 * mm
    text_w = slot - side
    data: list[list[Any]] = []
    style: list[Any] = [_CELL_FONT, ("LEFTPADDING", (0, 0), (-1, -1), 2)]
    for start in range(0, len(signers), per_row):
        r = len(data)
        top: list[Any] = []
        bottom: list[Any] = []
        for c, s in enumerate(signers[start : start + per_row]):
            top += [_p(m.signer_label(s, text_w / mm - 4), st["signer"]), ""]
            bottom += [_p("签名：", st["signer"]), ""]
            style += [
                ("VALIGN", (2 * c, r), (2 * c, r), "BOTTOM"),
                ("VALIGN", (2 * c, r + 1), (2 * c, r + 1), "BOTTOM"),
                ("LINEBELOW", (2 * c, r + 1), (2 * c, r + 1), 0.6, colors.black),
            ]
            if boxed:
                top[-1] = _p(_box_text(s), st["box"])
                style += [
                    ("SPAN", (2 * c + 1, r), (2 * c + 1, r + 1)),
                    ("BOX", (2 * c + 1, r), (2 * c + 1, r + 1), 0.8, colors.black),
                    ("VALIGN", (2 * c + 1, r), (2 * c + 1, r), "BOTTOM"),
                ]
        pad = 2 * per_row - len(top)
        data += [top + [""] * pad, bottom + [""] * pad]
    # The name row grows with a long name (an organisation's on three lines) so no text
    # overlaps the 签名 line; 11 mm at least, so the fingerprint box stays its size.
    per_line = max(1, int((text_w / mm - 4) / (m.SIGNER_FONT_PT * 0.3528)))
    heights: list[float] = []
    for start in range(0, len(signers), per_row):
        lines = max(
            sum(-(-max(1, int(m.text_cells(part))) // per_line) for part in label.split("\n"))
            for label in (
                m.signer_label(s, text_w / mm - 4) for s in signers[start : start + per_row]
            )
        )
        top_h = max((11 if boxed else 8) * mm, lines * 14 + 6)
        heights += [top_h, (11 if boxed else 9) * mm]
    table = RLTable(data, colWidths=[text_w, side] * per_row, rowHeights=heights)
    table.setStyle(TableStyle(style))
    return table


def _signatures(block: m.Signatures, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    out: list[Flowable] = [RLSpacer(1, 4 * mm)]
    if block.boxed:
        out += [_signer_grid(block.boxed, block.columns(), True, st), RLSpacer(1, 3 * mm)]
    if block.staff:
        out.append(_signer_grid(block.staff, 2, False, st))
    if block.date_text:
        out += [RLSpacer(1, 3 * mm), _p(block.date_text, st["right"])]
    return out


def _seal(block: m.Seal, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    return [
        RLSpacer(1, 5 * mm),
        _p(block.committee, st["right"]),
        _p("（印章）", st["right"]),
        _p(block.date_text, st["right"]),
    ]


def story(doc: m.DocumentModel, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    out: list[Flowable] = []
    closing: list[Flowable] | None = None  # the signature group being gathered

    def flush() -> None:
        nonlocal closing
        if closing is not None:
            close_with_text(out, closing)
            closing = None

    for b in doc.blocks:
        # The closing group (signatures, seal, the lines under them) is gathered first.
        if isinstance(b, m.Signatures):
            flush()
            closing = _signatures(b, st)
            continue
        if isinstance(b, m.Seal):
            if closing is None:
                closing = []
            closing += _seal(b, st)
            continue
        if isinstance(b, m.Para) and b.align == "right" and closing is not None:
            closing.append(_p(b.text, st["right"]))  # e.g. 回访时间 under the signature
            continue
        flush()
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
            case m.PlainPage():
                out.append(PlainPage())
            case m.Spacer():
                out.append(RLSpacer(1, b.height_mm * mm))
            case m.PageBreak():
                out.append(RLPageBreak())
            case _:
                assert_never(b)
    flush()
    return keep_headings(out, st)


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
        story(doc, st), canvasmaker=numbered_canvas(doc.header, doc.footer_note, doc.number_pages)
    )
    return template.page


def write_pdf(doc: m.DocumentModel, out: BinaryIO) -> None:
    """The document as an A4 PDF on ``out`` (the renderer contract, see desktop.core.renderers)."""
    _build(doc, out)


def page_count(doc: m.DocumentModel) -> int:
    """How many A4 pages the document takes (the 卷内目录 numbers pages with it)."""
    return _build(doc, io.BytesIO())
