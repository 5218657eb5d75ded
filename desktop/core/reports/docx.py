"""The monthly report as a Word document (python-docx): A4 set explicitly, ``w:eastAsia`` fonts
on every run (Word ignores ``font.name`` for Chinese), the same tables as the PDF and the two
charts as PNG images."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, BinaryIO

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from desktop.core.fonts import DOCX_BODY_FONT, DOCX_TITLE_FONT
from desktop.core.fsutil import zip_dates_clamped
from desktop.core.reports.charts import report_charts
from desktop.core.reports.charts_png import render_png
from desktop.core.reports.definitions import load_layout
from desktop.core.reports.model import MonthlyReport
from desktop.core.reports.tables import category_table, header_pairs, indicator_table, level_table

if TYPE_CHECKING:
    # docx.Document is python-docx's factory function; the object it returns is this class.
    from docx.document import Document as DocxDocument

_TEXT_WIDTH_MM = 170


def _run(
    p: Paragraph,
    text: str,
    *,
    font: str = DOCX_BODY_FONT,
    size: float = 11,
    bold: bool = False,
    grey: bool = False,
) -> None:
    """Append ``<w:r>`` with its fonts (w:eastAsia too: Word takes Chinese glyphs from it
    only), size and weight. Built as XML directly: python-docx's run properties cost about
    1 ms per run, and a report has hundreds."""
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    fonts = OxmlElement("w:rFonts")
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(attr), font)
    props.append(fonts)
    if bold:
        props.append(OxmlElement("w:b"))
    if grey:
        colour = OxmlElement("w:color")
        colour.set(qn("w:val"), "606060")
        props.append(colour)
    for tag in ("w:sz", "w:szCs"):  # half-points, in schema order after colour
        half = OxmlElement(tag)
        half.set(qn("w:val"), str(round(size * 2)))
        props.append(half)
    run.append(props)
    body = OxmlElement("w:t")
    body.set(qn("xml:space"), "preserve")
    body.text = text
    run.append(body)
    p._p.append(run)


def _para(
    doc: DocxDocument,
    text: str = "",
    *,
    size: float = 11,
    font: str = DOCX_BODY_FONT,
    bold: bool = False,
    center: bool = False,
    indent: bool = False,
) -> Paragraph:
    p = doc.add_paragraph()
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    if text:
        _run(p, text, font=font, size=size, bold=bold)
    return p


def _table(
    doc: DocxDocument,
    rows: list[list[str]],
    widths_mm: list[float],
    numeric_from: int,
    spans: list[tuple[int, int]] | None = None,
    heading: bool = True,
) -> Table:
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)  # the grid: LibreOffice and WPS size columns by it
    # table.cell() rebuilds the whole cell grid on every call: take each row's cells once.
    for r, (row_obj, row) in enumerate(zip(table.rows, rows, strict=True)):
        cells = row_obj.cells
        for c, text in enumerate(row):
            cell = cells[c]
            cell.width = Mm(widths_mm[c])
            p = cell.paragraphs[0]
            if r > 0 and c >= numeric_from:
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _run(p, text, font=DOCX_TITLE_FONT if heading and r == 0 else DOCX_BODY_FONT, size=9.5)
    for row_obj in table.rows:
        # A row is never split across two pages; the heading row repeats on every page the
        # table runs onto (w:tblHeader), so a printed page is readable on its own.
        props = row_obj._tr.get_or_add_trPr()
        props.append(OxmlElement("w:cantSplit"))
    if heading:
        header = OxmlElement("w:tblHeader")
        header.set(qn("w:val"), "true")
        table.rows[0]._tr.get_or_add_trPr().append(header)
    for start, end in spans or ():
        merged = table.cell(start, 0).merge(table.cell(end, 0))
        # Merging concatenates the (empty) paragraphs below the first: keep only the name.
        for extra in merged.paragraphs[1:]:
            extra._element.getparent().remove(extra._element)
    return table


def write_docx(report: MonthlyReport, out: BinaryIO) -> None:
    """The month's report as a Word file on ``out`` (the renderer contract, see
    desktop.core.renderers)."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)  # the template is US Letter
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(18), Mm(18)
    normal = doc.styles["Normal"]
    normal.font.name = DOCX_BODY_FONT
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), DOCX_BODY_FONT)

    words = load_layout()
    sections, sign = words.sections, words.signatures
    _para(doc, words.title, size=18, font=DOCX_TITLE_FONT, bold=True, center=True)
    _para(doc, report.month.label, size=12, center=True)
    pairs = header_pairs(report)
    head = [[k, v, k2, v2] for (k, v), (k2, v2) in zip(pairs[0::2], pairs[1::2], strict=True)]
    _table(doc, head, [22, 63, 22, 63], numeric_from=9, heading=False)
    if report.is_zero:
        _para(doc, words.zero_report, indent=True)

    _para(doc, sections.indicators, size=13, font=DOCX_TITLE_FONT, bold=True)
    rows, spans = indicator_table(report)
    _table(doc, rows, [22, 84, 12, 26, 26], numeric_from=3, spans=spans)

    category, trend = report_charts(report)
    _para(doc, sections.categories, size=13, font=DOCX_TITLE_FONT, bold=True)
    _table(doc, category_table(report), [28, 14, 14, 14, 14, 14, 24, 16, 16, 16], numeric_from=1)
    chart_h = max(120.0, 40 + 16 * len(category.labels))
    width_pt = _TEXT_WIDTH_MM / 25.4 * 72
    doc.add_picture(io.BytesIO(render_png(category, width_pt, chart_h)), width=Mm(_TEXT_WIDTH_MM))

    _para(doc, sections.levels, size=13, font=DOCX_TITLE_FONT, bold=True)
    _table(doc, level_table(report), [66, 24, 24, 28, 28], numeric_from=1)
    doc.add_picture(io.BytesIO(render_png(trend, width_pt, 190)), width=Mm(_TEXT_WIDTH_MM))

    _para(doc, sections.narrative, size=13, font=DOCX_TITLE_FONT, bold=True)
    text = report.narrative.strip() or words.no_narrative
    for line in (x.strip() for x in text.splitlines()):
        if line:
            _para(doc, line, indent=True)

    _para(doc, sections.notes, size=13, font=DOCX_TITLE_FONT, bold=True)
    for i, note in enumerate(report.notes, start=1):
        p = doc.add_paragraph()
        _run(p, f"{i}. {note}", size=9, grey=True)
    p = _para(doc)
    gap = " " * 8
    _run(p, f"{sign[0]}{report.filler}{gap}{sign[1]}{report.reviewer}{gap}{sign[2]}")
    doc.core_properties.title = report.title
    doc.core_properties.author = report.committee_name
    with zip_dates_clamped():  # a wrong clock (1970) must not stop the report
        doc.save(out)
