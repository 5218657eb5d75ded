"""The 以案定补 申报清单 for the committee to sign, as an A4 PDF (reportlab, fonts embedded) and as
an Excel workbook (XlsxWriter, safe text cells, print setup): the qualifying cases with
difficulty, amount band, people involved and the subsidy, a total and signature lines; then
the cases left out, each with the rules it fails."""

from __future__ import annotations

import io
from typing import BinaryIO
from xml.sax.saxutils import escape

from desktop.core.fonts import SANS_FONT, TITLE_FONT, register_pdf_fonts
from desktop.core.reports.claims import ClaimLine, ClaimList, yuan_text
from desktop.core.reports.pdf_cells import bounded_cell, identifier_cell, identifier_width
from desktop.core.reports.xlsx_book import Formats, new_workbook, print_setup, write_value

HEAD = [
    "序号",
    "案号",
    "纠纷名称",
    "当事人",
    "协议日期",
    "案件难度",
    "涉案金额",
    "涉及人数",
    "补贴（元）",
]
REFUSED_HEAD = ["序号", "案号", "纠纷名称", "协议日期", "不满足的条件"]
SIGNATURES = "调委会主任（签字）：                经办人（签字）：                （盖章）"


def title(listing: ClaimList) -> str:
    return f"以案定补申报清单（{listing.month.label}）"


def _rows(lines: tuple[ClaimLine, ...]) -> list[list[str]]:
    return [
        [
            str(i),
            c.case_no,
            c.title,
            c.parties,
            c.agreement_on,
            c.difficulty,
            c.amount_band,
            str(c.people),
            yuan_text(c.subsidy_fen),
        ]
        for i, c in enumerate(lines, start=1)
    ]


def _refused_rows(lines: tuple[ClaimLine, ...]) -> list[list[str]]:
    return [
        [str(i), c.case_no, c.title, c.agreement_on, c.why or "、".join(c.failed)]
        for i, c in enumerate(lines, start=1)
    ]


def write_claims_pdf(listing: ClaimList, out: BinaryIO) -> None:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    register_pdf_fonts()
    big = ParagraphStyle("t", fontName=TITLE_FONT, fontSize=17, leading=24, alignment=TA_CENTER)
    sub = ParagraphStyle("s", fontName=SANS_FONT, fontSize=10.5, leading=16, alignment=TA_CENTER)
    h2 = ParagraphStyle("h", fontName=TITLE_FONT, fontSize=12, leading=18, spaceBefore=10)
    cell = ParagraphStyle("c", fontName=SANS_FONT, fontSize=9, leading=12, wordWrap="CJK")
    page = landscape(A4)
    width = page[0] - 30 * mm
    # A row must fit on one page (reportlab cannot break it): half the printable height.
    tallest = (page[1] - 30 * mm) / 2

    def para(text: str, style: ParagraphStyle = cell) -> Paragraph:
        return Paragraph(escape(text), style)

    def grid(rows: list[list[str]], widths: list[float]) -> Table:
        """A table whose second column holds 案号: each on one line (``pdf_cells``)."""
        data = [
            [
                identifier_cell(v, cell, widths[1])
                if c == 1 and i
                else bounded_cell(v, cell, widths[c], tallest)
                for c, v in enumerate(r)
            ]
            for i, r in enumerate(rows)
        ]
        t = Table(data, colWidths=widths, repeatRows=1)
        t.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef6")),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ]
            )
        )
        return t

    rules = "、".join(r.name for r in listing.rules)
    story: list = [
        para(title(listing), big),
        para(f"{listing.committee}　　申报条件：{rules}", sub),
        Spacer(1, 6),
    ]
    rows = [HEAD, *_rows(listing.qualifying)]
    rows.append(
        [
            "",
            "合计",
            f"{len(listing.qualifying)} 件",
            "",
            "",
            "",
            "",
            "",
            yuan_text(listing.total_fen),
        ]
    )
    case_nos = [c.case_no for c in (*listing.qualifying, *listing.refused)]
    no_width = identifier_width(case_nos, cell, least=24 * mm, most=0.34 * width)
    fixed = [10 * mm, no_width, 0, 45 * mm, 22 * mm, 18 * mm, 24 * mm, 15 * mm, 22 * mm]
    fixed[2] = width - sum(fixed)
    story += [grid(rows, fixed), Spacer(1, 14), para(SIGNATURES, sub)]
    if listing.refused:
        story.append(para("未列入申报的案件（逐件写明不满足的条件）", h2))
        widths = [10 * mm, no_width, 0, 22 * mm, 80 * mm]
        widths[2] = width - sum(widths)
        story.append(grid([REFUSED_HEAD, *_refused_rows(listing.refused)], widths))

    def footer(canvas, doc) -> None:  # noqa: ANN001 - reportlab's callback signature
        canvas.setFont(SANS_FONT, 8.5)
        canvas.drawCentredString(page[0] / 2, 10 * mm, f"{title(listing)}  第 {doc.page} 页")

    doc = SimpleDocTemplate(
        out,
        pagesize=page,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=14 * mm,
        bottomMargin=16 * mm,
        title=title(listing),
        author=listing.committee,
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer)


def write_claims_xlsx(listing: ClaimList, out: BinaryIO) -> None:
    wb = new_workbook(out)
    formats = Formats(wb)
    head = {"bold": True, "bg_color": "#E8EEF6", "border": 1, "align": "center", "text_wrap": True}
    ws = wb.add_worksheet("申报清单")
    write_value(ws, 0, 0, title(listing), formats, bold=True, font_size=14)
    write_value(
        ws,
        1,
        0,
        f"{listing.committee}　申报条件：" + "、".join(r.name for r in listing.rules),
        formats,
    )
    for col, text in enumerate(HEAD):
        write_value(ws, 3, col, text, formats, **head)
    for r, line in enumerate(listing.qualifying, start=4):
        values: list[object] = [
            r - 3,
            line.case_no,
            line.title,
            line.parties,
            line.agreement_on,
            line.difficulty,
            line.amount_band,
            line.people,
            line.subsidy_fen / 100,
        ]
        for col, value in enumerate(values):
            props: dict[str, object] = {"border": 1, "text_wrap": True}
            if col == 8:
                props["num_format"] = "#,##0.00"
            write_value(ws, r, col, value, formats, **props)
    total_row = 4 + len(listing.qualifying)
    write_value(ws, total_row, 1, "合计", formats, bold=True, border=1)
    write_value(ws, total_row, 2, f"{len(listing.qualifying)} 件", formats, border=1)
    write_value(
        ws,
        total_row,
        8,
        listing.total_fen / 100,
        formats,
        bold=True,
        border=1,
        num_format="#,##0.00",
    )
    write_value(ws, total_row + 2, 0, SIGNATURES, formats)
    for col, width in enumerate([6, 22, 28, 22, 12, 10, 14, 9, 12]):
        ws.set_column(col, col, width)
    print_setup(ws, landscape=True, header_rows=(3, 3), title=title(listing))

    left = wb.add_worksheet("未列入的案件")
    for col, text in enumerate(REFUSED_HEAD):
        write_value(left, 0, col, text, formats, **head)
    for r, row in enumerate(_refused_rows(listing.refused), start=1):
        for col, text in enumerate(row):
            write_value(
                left, r, col, int(text) if col == 0 else text, formats, border=1, text_wrap=True
            )
    for col, width in enumerate([6, 22, 30, 12, 50]):
        left.set_column(col, col, width)
    print_setup(left, landscape=True, header_rows=(0, 0), title=title(listing))
    wb.close()


def claims_bytes(listing: ClaimList, fmt: str) -> bytes:
    out = io.BytesIO()
    (write_claims_pdf if fmt == "pdf" else write_claims_xlsx)(listing, out)
    return out.getvalue()
