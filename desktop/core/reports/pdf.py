"""The monthly report as an A4 PDF (reportlab platypus, bundled fonts embedded), with both
charts drawn by reportlab's own graphics."""

from __future__ import annotations

from typing import BinaryIO
from xml.sax.saxutils import escape

from desktop.core.fonts import BODY_FONT, SANS_FONT, TITLE_FONT, register_pdf_fonts
from desktop.core.reports.charts import drawing, report_charts
from desktop.core.reports.definitions import load_layout
from desktop.core.reports.model import MonthlyReport
from desktop.core.reports.pdf_cells import bounded_cell
from desktop.core.reports.tables import category_table, header_pairs, indicator_table, level_table


def write_pdf(report: MonthlyReport, out: BinaryIO) -> None:
    """The month's report as an A4 PDF on ``out`` (the renderer contract, see
    desktop.core.renderers)."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        KeepTogether,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    register_pdf_fonts()
    words = load_layout()
    sections, sign = words.sections, words.signatures
    title = ParagraphStyle("t", fontName=TITLE_FONT, fontSize=18, leading=26, alignment=TA_CENTER)
    sub = ParagraphStyle("s", fontName=SANS_FONT, fontSize=11, leading=16, alignment=TA_CENTER)
    h2 = ParagraphStyle(
        "h", fontName=TITLE_FONT, fontSize=12.5, leading=20, spaceBefore=8, spaceAfter=4
    )
    body = ParagraphStyle(
        "b", fontName=BODY_FONT, fontSize=11, leading=19, wordWrap="CJK", firstLineIndent=22
    )
    cell = ParagraphStyle("c", fontName=SANS_FONT, fontSize=9.5, leading=13, wordWrap="CJK")
    note = ParagraphStyle("n", fontName=SANS_FONT, fontSize=8.5, leading=12.5, wordWrap="CJK")
    width = A4[0] - 36 * mm
    # A row must fit on one page (reportlab cannot break it): half the printable height.
    tallest = A4[1] / 2 - 30 * mm

    def para(text: str, style: ParagraphStyle = cell) -> Paragraph:
        return Paragraph(escape(text), style)

    def grid(
        rows: list[list[str]],
        widths: list[float],
        numeric_from: int,
        total_last: bool = False,
        spans: list[tuple[int, int]] | None = None,
    ) -> Table:
        data = [
            [
                bounded_cell(v, cell, widths[i], tallest) if i < numeric_from or r == 0 else v
                for i, v in enumerate(row)
            ]
            for r, row in enumerate(rows)
        ]
        t = Table(data, colWidths=widths, repeatRows=1)
        style = [
            ("FONT", (0, 0), (-1, -1), SANS_FONT, 9.5),
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef6")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (numeric_from, 1), (-1, -1), "RIGHT"),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ]
        if total_last:
            style.append(("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#f3f3f3")))
        for start, end in spans or ():
            style.append(("SPAN", (0, start), (0, end)))
        t.setStyle(TableStyle(style))
        return t

    story: list = [para(words.title, title), para(report.month.label, sub), Spacer(1, 6)]
    pairs = header_pairs(report)
    head_rows = [
        [para(k), para(v), para(k2), para(v2)]
        for (k, v), (k2, v2) in zip(pairs[0::2], pairs[1::2], strict=True)
    ]
    head = Table(head_rows, colWidths=[22 * mm, width / 2 - 22 * mm] * 2)
    head.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), SANS_FONT, 9.5),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f3f3f3")),
                ("BACKGROUND", (2, 0), (2, -1), colors.HexColor("#f3f3f3")),
            ]
        )
    )
    story += [head, Spacer(1, 4)]
    if report.is_zero:
        story.append(para(words.zero_report, body))

    story.append(para(sections.indicators, h2))
    rows, spans = indicator_table(report)
    story.append(
        grid(
            rows, [22 * mm, width - 82 * mm, 12 * mm, 24 * mm, 24 * mm], numeric_from=3, spans=spans
        )
    )

    category, trend = report_charts(report)
    story.append(para(sections.categories, h2))
    cat_rows = category_table(report)
    cat_w = (width - 28 * mm - 22 * mm) / 8
    widths = [28 * mm] + [cat_w] * 5 + [22 * mm] + [cat_w] * 3
    story.append(grid(cat_rows, widths, numeric_from=1, total_last=True))
    chart_h = max(120.0, 40 + 16 * len(category.labels))
    story.append(KeepTogether([Spacer(1, 6), drawing(category, width, chart_h)]))

    lvl_w = (width - 62 * mm) / 4
    # A short table: keep it on one page with its heading rather than split after one row.
    story.append(
        KeepTogether(
            [
                para(sections.levels, h2),
                grid(level_table(report), [62 * mm] + [lvl_w] * 4, numeric_from=1),
            ]
        )
    )
    story.append(KeepTogether([Spacer(1, 6), drawing(trend, width, 190)]))

    story.append(para(sections.narrative, h2))
    text = report.narrative.strip() or words.no_narrative
    story += [para(p.strip(), body) for p in text.splitlines() if p.strip()]

    story.append(para(sections.notes, h2))
    story += [para(f"{i}. {n}", note) for i, n in enumerate(report.notes, start=1)]
    signatures = Table(
        [[para(sign[0] + report.filler), para(sign[1] + report.reviewer), para(sign[2])]],
        colWidths=[width * 0.38, width * 0.38, width * 0.24],
    )
    signatures.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), SANS_FONT, 9.5)]))
    story += [Spacer(1, 16), signatures]

    def footer(canvas, doc) -> None:  # noqa: ANN001 - reportlab callback
        canvas.saveState()
        canvas.setFont(SANS_FONT, 8.5)
        canvas.drawCentredString(
            A4[0] / 2,
            10 * mm,
            words.footer.format(
                committee=report.committee_name, month=report.month.label, page=doc.page
            ),
        )
        canvas.restoreState()

    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=report.title,
        author=report.committee_name,
        subject=words.title,
        # Otherwise every page names Helvetica, a font nobody embeds.
        initialFontName=SANS_FONT,
        initialFontSize=10,
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
