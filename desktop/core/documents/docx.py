"""DocumentModel -> Word (.docx) with python-docx: A4 set explicitly (the default template is
Letter), 宋体 body and 黑体 titles named on every run and style with ``w:eastAsia`` (Word and
WPS on Chinese Windows have both; fonts cannot be embedded), page numbers as fields.

The layout rules are the PDF's, said in Word's terms: headings and the last lines before the
signatures ``keep_with_next``, every table row ``cantSplit``, the signature grid and the seal
lines kept with what follows them to the date; party lines left-aligned (a justified line with
a long ID number on the next showed wide gaps). Text passes :func:`printable` (Word's ``\x0b``
broke every document) and characters beyond the BMP are runs in the font Windows has for them."""

from __future__ import annotations

from typing import TYPE_CHECKING, BinaryIO, assert_never

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from desktop.core.documents import model as m
from desktop.core.fonts import DOCX_BODY_FONT, DOCX_TITLE_FONT, docx_font_for
from desktop.core.fsutil import zip_dates_clamped
from desktop.core.plaintext import printable

if TYPE_CHECKING:
    # docx.Document is python-docx's factory function; the object it returns is this class.
    from docx.document import Document as DocxDocument

ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
}
TEXT_WIDTH_MM = m.TEXT_WIDTH_MM


def _font(run_or_style: object, name: str, size: float | None = None, bold: bool = False) -> None:
    font = run_or_style.font  # type: ignore[attr-defined]
    font.name = name
    if size:
        font.size = Pt(size)
    font.bold = bold
    element = run_or_style.element if hasattr(run_or_style, "element") else run_or_style._element  # type: ignore[attr-defined]
    rpr = element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)  # a theme attribute would override the named font
    fonts.set(qn("w:eastAsia"), name)
    fonts.set(qn("w:ascii"), name)
    fonts.set(qn("w:hAnsi"), name)


def _runs(p: object, text: str, font: str, size: float, bold: bool = False) -> None:
    """Add ``text`` to paragraph ``p``: newlines as breaks, characters beyond the BMP as runs
    naming SimSun-ExtB/ExtG (宋体 lacks them; Word would show a box or substitute unseen)."""
    lines = printable(text).split("\n")
    for i, line in enumerate(lines):
        pieces: list[tuple[str, str]] = []
        for ch in line:
            name = docx_font_for(ch) if ord(ch) > 0xFFFF else None
            want = name or font
            if pieces and pieces[-1][1] == want:
                pieces[-1] = (pieces[-1][0] + ch, want)
            else:
                pieces.append((ch, want))
        if not pieces:
            pieces = [("", font)]
        for chunk, name in pieces:
            run = p.add_run(chunk)  # type: ignore[attr-defined]
            _font(run, name, size, bold)
        if i < len(lines) - 1:
            run.add_break()


def _para(
    doc: DocxDocument,
    text: str,
    *,
    size: float = 12,
    font: str = DOCX_BODY_FONT,
    bold: bool = False,
    align: str = "justify",
    indent: bool = False,
    cell: object = None,
) -> object:
    p = cell.add_paragraph() if cell is not None else doc.add_paragraph()  # type: ignore[attr-defined]
    p.alignment = ALIGN[align]
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    p.paragraph_format.space_after = Pt(3)
    _runs(p, text, font, size, bold)
    return p


def _cell_text(
    cell: object,
    text: str,
    *,
    font: str = DOCX_BODY_FONT,
    size: float = 11,
    align: str = "left",
    shade: bool = False,
) -> None:
    cell.text = ""  # type: ignore[attr-defined]
    p = cell.paragraphs[0]  # type: ignore[attr-defined]
    p.alignment = ALIGN[align]
    _runs(p, text, font, size)
    if shade:
        tc_pr = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:fill"), "F2F2F2")
        tc_pr.append(shd)


def _widths(table: object, widths_mm: list[float]) -> None:
    table.autofit = False  # type: ignore[attr-defined]
    for row in table.rows:  # type: ignore[attr-defined]
        for cell, w in zip(row.cells, widths_mm, strict=False):
            cell.width = Mm(w)
        _cant_split(row)


def _cant_split(row: object) -> None:
    """A table row never breaks across pages (Word's 允许跨页断行 off)."""
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    if tr_pr.find(qn("w:cantSplit")) is None:
        tr_pr.append(OxmlElement("w:cantSplit"))


def _keep_rows_with_next(table: object) -> None:
    """Every paragraph of the table keeps with the next: the whole table stays on the page
    of what follows it (the seal, the date)."""
    for row in table.rows:  # type: ignore[attr-defined]
        for cell in row.cells:
            for p in cell.paragraphs:
                p.paragraph_format.keep_with_next = True


def _grid(doc: DocxDocument, b: m.Grid) -> None:
    """As in the PDF: a long single-value row (the facts) flows as a heading and a paragraph
    between tables; every other row stays in a table and never splits."""
    rows: list[tuple[tuple[str, str], ...]] = []
    for row in b.rows:
        if len(row) == 1 and len(row[0][1]) > m.LONG_CELL:
            if rows:
                _grid_table(doc, m.Grid(tuple(rows), b.label_width))
                rows = []
            _keep(_para(doc, row[0][0], size=12.5, font=DOCX_TITLE_FONT, bold=True, align="left"))
            _para(doc, row[0][1], indent=True)
        else:
            rows.append(row)
    if rows:
        _grid_table(doc, m.Grid(tuple(rows), b.label_width))


def _grid_table(doc: DocxDocument, b: m.Grid) -> None:
    cols = max(len(r) for r in b.rows) * 2
    table = doc.add_table(rows=len(b.rows), cols=cols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    label = TEXT_WIDTH_MM * b.label_width
    value = (TEXT_WIDTH_MM - label * cols / 2) / (cols / 2)
    for r, row in enumerate(b.rows):
        cells = table.rows[r].cells
        for i, (lab, val) in enumerate(row):
            _cell_text(
                cells[2 * i], lab, font=DOCX_TITLE_FONT, size=10.5, align="center", shade=True
            )
            _cell_text(cells[2 * i + 1], val)
        if len(row) * 2 < cols:
            cells[len(row) * 2 - 1].merge(cells[cols - 1])
    _widths(table, [label if i % 2 == 0 else value for i in range(cols)])


def _table(doc: DocxDocument, b: m.Table) -> None:
    table = doc.add_table(rows=1 + len(b.rows), cols=len(b.headers))
    table.style = "Table Grid"
    for i, h in enumerate(b.headers):
        _cell_text(table.rows[0].cells[i], h, font=DOCX_TITLE_FONT, align="center", shade=True)
    for r, row in enumerate(b.rows, start=1):
        for i, x in enumerate(row):
            _cell_text(table.rows[r].cells[i], x)
    if b.widths:
        _widths(table, [TEXT_WIDTH_MM * f for f in b.widths])
    for row in table.rows:
        _cant_split(row)


def _borders(cell: object, edges: tuple[str, ...], size: int = 6) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    borders = tc_pr.find(qn("w:tcBorders"))
    if borders is None:
        borders = OxmlElement("w:tcBorders")
        tc_pr.append(borders)
    for edge in edges:
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), str(size))
        borders.append(el)


def _signer_grid(
    doc: DocxDocument, signers: tuple[m.Signer, ...], per_row: int, boxed: bool
) -> None:
    """The PDF's signature grid: signers ``per_row`` to a row, each two rows (``角色：姓名``,
    ``签名：`` over a rule) beside a fingerprint or seal box spanning both, or a gap."""
    slot = TEXT_WIDTH_MM / per_row
    side = m.BOX_MM if boxed else 6.0
    groups = [signers[i : i + per_row] for i in range(0, len(signers), per_row)]
    table = doc.add_table(rows=2 * len(groups), cols=2 * per_row)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for g, group in enumerate(groups):
        top, bottom = table.rows[2 * g], table.rows[2 * g + 1]
        top.height = bottom.height = Mm(11 if boxed else 8.5)
        for c, s in enumerate(group):
            _cell_text(top.cells[2 * c], m.signer_label(s, slot - side - 4), size=m.SIGNER_FONT_PT)
            _cell_text(bottom.cells[2 * c], "签名：", size=m.SIGNER_FONT_PT)
            _borders(bottom.cells[2 * c], ("bottom",))
            for cell in (top.cells[2 * c], bottom.cells[2 * c]):
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
            if boxed:
                box = top.cells[2 * c + 1].merge(bottom.cells[2 * c + 1])
                text = (
                    f"（单位盖章）\n法定代表人{s.representative}签名："
                    if s.organisation
                    else "按指印"
                )
                _cell_text(box, text, size=8, align="center", font=DOCX_TITLE_FONT)
                box.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
                _borders(box, ("top", "left", "bottom", "right"), 8)
    _widths(table, [slot - side, side] * per_row)
    _keep_rows_with_next(table)


def _signatures(doc: DocxDocument, b: m.Signatures) -> None:
    if b.boxed:
        _signer_grid(doc, b.boxed, b.columns(), True)
        _keep(_para(doc, "", size=6))
    if b.staff:
        _signer_grid(doc, b.staff, 2, False)
    if b.date_text:
        _keep(_para(doc, "", size=6))
        _keep(_para(doc, b.date_text, align="right"))


def _keep(p: object) -> object:
    p.paragraph_format.keep_with_next = True  # type: ignore[attr-defined]
    return p


def _field(run: object, code: str) -> None:
    for kind, text in (("begin", None), (None, code), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)  # type: ignore[attr-defined]


def _page_setup(doc: DocxDocument, model: m.DocumentModel) -> None:
    for section in doc.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin, section.right_margin = Mm(28), Mm(20)
        section.top_margin, section.bottom_margin = Mm(25), Mm(22)
        if model.header:
            hp = section.header.paragraphs[0]
            hp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _font(hp.add_run(printable(model.header)), DOCX_BODY_FONT, 9)
        fp = section.footer.paragraphs[0]
        fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if model.number_pages:
            for piece in ("第 ", "PAGE", " 页  共 ", "NUMPAGES", " 页"):
                run = fp.add_run()
                _font(run, DOCX_BODY_FONT, 9)
                if piece in ("PAGE", "NUMPAGES"):
                    _field(run, piece)
                else:
                    run.text = piece
        if model.footer_note:
            _font(fp.add_run("    " + printable(model.footer_note)), DOCX_BODY_FONT, 9)


def build_docx(model: m.DocumentModel) -> DocxDocument:
    doc = Document()
    # The default template names theme fonts (minorEastAsia …) in docDefaults and styles; a
    # theme attribute beats a named font, so they go, and the defaults name 宋体 too.
    for fonts in doc.styles.element.iter(qn("w:rFonts")):
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)
        fonts.set(qn("w:eastAsia"), DOCX_BODY_FONT)
    normal = doc.styles["Normal"]
    _font(normal, DOCX_BODY_FONT, 12)
    _page_setup(doc, model)
    last: object = None  # the last body paragraph, kept with a signature block
    for b in model.blocks:
        match b:
            case m.Title():
                last = _keep(
                    _para(doc, b.text, size=20, font=DOCX_TITLE_FONT, bold=True, align="center")
                )
                if b.subtitle:
                    _keep(_para(doc, b.subtitle, size=13, font=DOCX_TITLE_FONT, align="center"))
            case m.Meta():
                last = _keep(_para(doc, b.text, size=11, align="right"))
            case m.Heading():
                # a heading keeps with what follows it (the first lines of its text)
                last = _keep(
                    _para(doc, b.text, size=12.5, font=DOCX_TITLE_FONT, bold=True, align="left")
                )
            case m.TermList():
                for item in b.items:
                    last = _para(doc, item)
                    fmt = doc.paragraphs[-1].paragraph_format
                    fmt.left_indent, fmt.first_line_indent = Pt(18), Pt(-18)  # hanging number
            case m.Para():
                last = _para(doc, b.text, indent=b.indent, bold=b.bold, align=b.align)
            case m.Grid() | m.Table():
                if isinstance(b, m.Grid):
                    _grid(doc, b)
                else:
                    _table(doc, b)
                last = doc.tables[-1].rows[-1].cells[-1].paragraphs[-1] if doc.tables else None
            case m.Signatures():
                if last is not None:  # the last lines (or row) of the text stay with them
                    _keep(last)
                _keep(_para(doc, "", size=6))
                _signatures(doc, b)
            case m.Seal():
                _keep(_para(doc, "", size=6))
                lines = (b.committee, "（印章）", b.date_text)
                for i, line in enumerate(lines):
                    p = _para(doc, line, align="right")
                    if i < len(lines) - 1:
                        _keep(p)  # the seal block never splits
            case m.Spacer():
                doc.add_paragraph().paragraph_format.space_after = Mm(b.height_mm)
            case m.PageBreak():
                doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            case m.PlainPage():
                pass  # Word files hold one form each; only the bound PDF 卷宗 has plain pages
            case _:
                assert_never(b)
    return doc


def write_docx(model: m.DocumentModel, out: BinaryIO) -> None:
    """The document as a Word file on ``out`` (the renderer contract: desktop.core.renderers)."""
    with zip_dates_clamped():  # a wrong clock (1970) must not stop the printing
        build_docx(model).save(out)
