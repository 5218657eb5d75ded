"""DocumentModel -> Word (.docx) with python-docx: A4 set explicitly (the default template is
Letter), 宋体 body and 黑体 titles named on every run and style with ``w:eastAsia`` (Word and
WPS on Chinese Windows have both; fonts cannot be embedded), page numbers as fields."""

from __future__ import annotations

from typing import TYPE_CHECKING, BinaryIO, assert_never

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from desktop.core.documents import model as m
from desktop.core.fonts import DOCX_BODY_FONT, DOCX_TITLE_FONT

if TYPE_CHECKING:
    # docx.Document is python-docx's factory function; the object it returns is this class.
    from docx.document import Document as DocxDocument

ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
}
TEXT_WIDTH_MM = 210 - 28 - 20


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
) -> None:
    p = cell.add_paragraph() if cell is not None else doc.add_paragraph()  # type: ignore[attr-defined]
    p.alignment = ALIGN[align]
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    p.paragraph_format.space_after = Pt(3)
    for i, line in enumerate(text.split("\n")):
        run = p.add_run(line)
        _font(run, font, size, bold)
        if i < len(text.split("\n")) - 1:
            run.add_break()


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
    run = p.add_run(text)
    _font(run, font, size)
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


def _grid(doc: DocxDocument, b: m.Grid) -> None:
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


def _signatures(doc: DocxDocument, b: m.Signatures) -> None:
    table = doc.add_table(rows=len(b.signers), cols=3)
    for r, s in enumerate(b.signers):
        cells = table.rows[r].cells
        _cell_text(cells[0], f"{s.role}：{s.name}")
        _cell_text(cells[1], "签名：________________")
        box = (
            f"（单位盖章）\n法定代表人{s.representative}签名："
            if s.organisation
            else ("按指印" if s.fingerprint else "")
        )
        _cell_text(cells[2], box, align="center")
        if box:
            tc_pr = cells[2]._tc.get_or_add_tcPr()
            borders = OxmlElement("w:tcBorders")
            for edge in ("top", "left", "bottom", "right"):
                el = OxmlElement(f"w:{edge}")
                el.set(qn("w:val"), "single")
                el.set(qn("w:sz"), "8")
                borders.append(el)
            tc_pr.append(borders)
        table.rows[r].height = Mm(24 if box else 12)
        # A signature row never splits across pages.
        tr_pr = table.rows[r]._tr.get_or_add_trPr()
        cant = OxmlElement("w:cantSplit")
        tr_pr.append(cant)
    _widths(table, [TEXT_WIDTH_MM * 0.42, TEXT_WIDTH_MM * 0.32, TEXT_WIDTH_MM * 0.26])


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
            _font(hp.add_run(model.header), DOCX_BODY_FONT, 9)
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
            _font(fp.add_run("    " + model.footer_note), DOCX_BODY_FONT, 9)


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
    for b in model.blocks:
        match b:
            case m.Title():
                _para(doc, b.text, size=20, font=DOCX_TITLE_FONT, bold=True, align="center")
                if b.subtitle:
                    _para(doc, b.subtitle, size=13, font=DOCX_TITLE_FONT, align="center")
            case m.Meta():
                _para(doc, b.text, size=11, align="right")
            case m.Heading():
                _para(doc, b.text, size=12.5, font=DOCX_TITLE_FONT, bold=True, align="left")
            case m.TermList():
                for item in b.items:
                    _para(doc, item)
                    fmt = doc.paragraphs[-1].paragraph_format
                    fmt.left_indent, fmt.first_line_indent = Pt(18), Pt(-18)  # hanging number
            case m.Para():
                _para(doc, b.text, indent=b.indent, bold=b.bold, align=b.align)
            case m.Grid():
                _grid(doc, b)
            case m.Table():
                _table(doc, b)
            case m.Signatures():
                if doc.paragraphs:  # the last sentence stays on the page of the first signer
                    doc.paragraphs[-1].paragraph_format.keep_with_next = True
                _para(doc, "")
                doc.paragraphs[-1].paragraph_format.keep_with_next = True
                _signatures(doc, b)
            case m.Seal():
                _para(doc, "")
                for line in (b.committee, "（印章）", b.date_text):
                    _para(doc, line, align="right")
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
    build_docx(model).save(out)
