"""The recovery sheet (恢复单): one A4 page printed when the committee password is set, to be
locked in the committee's safe. It carries the recovery key in large digits, which file it
opens, and what to do with it, in plain words. Bundled fonts, written atomically."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from pathlib import Path

from desktop.core.fonts import BODY_FONT, SANS_FONT, TITLE_FONT, register_pdf_fonts
from desktop.core.fsutil import atomic_write_bytes


@dataclass(frozen=True)
class SheetFacts:
    committee: str
    db_name: str
    key_id: str
    recovery_key: str
    made_by: str
    made_at: datetime


STEPS = (
    "忘了密码时：打开“无讼调解助手”，在要求输入密码的窗口点“用恢复密钥打开”。",
    "照下面的数字输入恢复密钥（每组 5 位，共 8 组；输错哪一组，程序会指出是第几组）。",
    "打开后，程序会请您设一个新密码。新密码设好后，这张恢复单仍然有效，请放回保险柜。",
    "用命令行的技术人员：wusong password reset（按提示输入恢复密钥和新密码）。",
)
WARNINGS = (
    "凡拿到这张恢复单的人都能打开案件库，读出当事人的身份证号、住址和纠纷情况。",
    "请锁进调委会的保险柜，不要拍照、复印，不要和电脑放在一起。",
    "没有密码、也没有这张恢复单，任何人（包括技术人员）都无法读出案件库里的案件。",
)


def write_sheet(path: Path, facts: SheetFacts) -> Path:
    """Write the sheet as PDF to ``path`` (whole or not at all). Returns ``path``."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    register_pdf_fonts()
    buf = BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, pageCompression=1)
    c.setTitle("案件库恢复单")
    width, height = A4
    left, y = 22 * mm, height - 28 * mm
    c.setFont(TITLE_FONT, 22)
    c.drawCentredString(width / 2, y, "无讼调解助手　案件库恢复单")
    y -= 14 * mm
    c.setFont(BODY_FONT, 12)
    for label, value in (
        ("调委会", facts.committee),
        ("案件库文件", facts.db_name),
        ("密钥编号", facts.key_id),
        ("设置人", facts.made_by),
        ("设置时间", facts.made_at.strftime("%Y年%m月%d日 %H:%M")),
    ):
        c.drawString(left, y, f"{label}：{value}")
        y -= 8 * mm
    y -= 4 * mm
    c.setFont(TITLE_FONT, 14)
    c.drawString(left, y, "恢复密钥")
    y -= 16 * mm
    groups = facts.recovery_key.split("-")
    c.setFont("Courier-Bold", 26)
    for row in (groups[:4], groups[4:]):
        c.drawCentredString(width / 2, y, "  ".join(row))
        y -= 13 * mm
    c.setFont(SANS_FONT, 10)
    c.drawCentredString(width / 2, y + 4 * mm, "（共 8 组，每组 5 位数字；从左到右、从上到下抄写）")
    y -= 8 * mm
    for title, lines in (("怎么用", STEPS), ("请注意", WARNINGS)):
        c.setFont(TITLE_FONT, 13)
        c.drawString(left, y, title)
        y -= 8 * mm
        c.setFont(BODY_FONT, 11)
        for i, line in enumerate(lines, start=1):
            for j, part in enumerate(
                _wrap(f"{i}. {line}", BODY_FONT, 11, width - 2 * left - 4 * mm)
            ):
                c.drawString(left + (4 * mm if j else 0), y, part)
                y -= 6.5 * mm
        y -= 4 * mm
    c.setFont(BODY_FONT, 12)
    c.drawString(left, 30 * mm, "保管人签名：____________　　　日期：____年____月____日")
    c.showPage()
    c.save()
    return atomic_write_bytes(Path(path), buf.getvalue())


def _wrap(text: str, font: str, size: float, max_width: float) -> list[str]:
    """Lines no wider than ``max_width`` points; no line starts with a closing mark."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    while text:
        cut = 1
        while cut < len(text) and stringWidth(text[: cut + 1], font, size) <= max_width:
            cut += 1
        while cut < len(text) and text[cut] in "，。；：、）”":
            cut += 1
        lines.append(text[:cut])
        text = text[cut:]
    return lines
