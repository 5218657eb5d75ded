"""The bundled fonts for documents (reportlab), registered once from ``resources/fonts``, and
a coverage check: reportlab has no glyph fallback, so a character the font lacks would print
as a box or vanish. Documents ask :func:`missing_glyphs` first and warn the mediator."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from desktop.core.paths import resource

#: reportlab font name -> file in resources/fonts.
FONT_FILES = {
    "NotoSerifSC": "NotoSerifSC-Regular.ttf",  # body text of formal documents (宋体-like)
    "NotoSansSC": "NotoSansSC-Regular.ttf",  # tables, labels
    "NotoSansSC-Bold": "NotoSansSC-Bold.ttf",  # titles (reportlab does no synthetic bold)
}
BODY_FONT = "NotoSerifSC"
SANS_FONT = "NotoSansSC"
TITLE_FONT = "NotoSansSC-Bold"

#: What .docx files name, so they open right in Word and WPS on Chinese Windows.
DOCX_BODY_FONT = "宋体"
DOCX_TITLE_FONT = "黑体"


def font_path(name: str) -> Path:
    return resource("fonts", FONT_FILES[name])


@lru_cache(maxsize=1)
def register_pdf_fonts() -> tuple[str, ...]:
    """Register the bundled TTFs with reportlab (embedded and subset when used)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name in FONT_FILES:
        pdfmetrics.registerFont(TTFont(name, str(font_path(name))))
    pdfmetrics.registerFontFamily(BODY_FONT, normal=BODY_FONT, bold=TITLE_FONT)
    pdfmetrics.registerFontFamily(SANS_FONT, normal=SANS_FONT, bold=TITLE_FONT)
    return tuple(FONT_FILES)


@lru_cache(maxsize=4)
def _cmap(name: str) -> frozenset[int]:
    from reportlab.pdfbase.ttfonts import TTFontFile

    return frozenset(TTFontFile(str(font_path(name))).charToGlyph)


def missing_glyphs(text: str, font: str = BODY_FONT) -> list[str]:
    """Characters of ``text`` the font cannot print (whitespace and controls ignored)."""
    have = _cmap(font)
    seen: dict[str, None] = {}
    for ch in text:
        if ch.isspace() or ord(ch) < 32:
            continue
        if ord(ch) not in have:
            seen.setdefault(ch, None)
    return list(seen)
