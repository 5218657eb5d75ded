"""The bundled fonts for documents (reportlab), registered once from ``resources/fonts``, the
fallback fonts for rare characters, and a coverage check.

reportlab has no glyph fallback of its own: a character the body font lacks would print as a
box and be missing from the text layer. The Noto fonts cover the BMP ideographs and Extension
A; names use characters of Extension B and beyond (王𠮷, U+20BB7). Those print from the bundled
Hanazono Mincho subsets (GlyphWiki, Hanazono Font License / OFL, see Hanazono-LICENSE.txt):
:func:`fallback_font` names the font for one character and the PDF writer switches font per
character. Word files cannot embed fonts, so a .docx run names the font Windows has for such
characters (:func:`docx_font_for`). :func:`missing_glyphs` lists what no bundled font has."""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from pathlib import Path

from desktop.core.paths import resource

#: reportlab font name -> file in resources/fonts.
FONT_FILES = {
    "NotoSerifSC": "NotoSerifSC-Regular.ttf",  # body text of formal documents (宋体-like)
    "NotoSansSC": "NotoSansSC-Regular.ttf",  # tables, labels
    "NotoSansSC-Bold": "NotoSansSC-Bold.ttf",  # titles (reportlab does no synthetic bold)
}
#: Fallbacks, in order, for characters the fonts above lack (rare and Extension B+ ideographs).
FALLBACK_FILES = {
    "HanaMinA-Rare": "HanaMinA-Rare.ttf",  # BMP ideographs Noto lacks (compatibility, radicals)
    "HanaMinB-ExtB": "HanaMinB-ExtB.ttf",  # CJK Extension B to G, compatibility supplement
}
BODY_FONT = "NotoSerifSC"
SANS_FONT = "NotoSansSC"
TITLE_FONT = "NotoSansSC-Bold"

#: What .docx files name, so they open right in Word and WPS on Chinese Windows.
DOCX_BODY_FONT = "宋体"
DOCX_TITLE_FONT = "黑体"
#: What a .docx names for characters beyond the BMP: Windows ships SimSun-ExtB (Extension B and
#: the compatibility supplement) since Vista and SimSun-ExtG (Extensions C to G) since Windows 11.
DOCX_EXTB_FONT = "SimSun-ExtB"
DOCX_EXTG_FONT = "SimSun-ExtG"


def font_path(name: str) -> Path:
    return resource("fonts", {**FONT_FILES, **FALLBACK_FILES}[name])


def _unicode_text_layer() -> None:
    """reportlab writes each subset's ToUnicode map with 4 hex digits, so a character beyond the
    BMP (𠮷 U+20BB7) came out of the text layer as U+20BB (₻) or not at all: copying, search
    and pdftotext lost it. The PDF reference (§9.10.3) wants UTF-16BE, i.e. a surrogate pair."""
    from reportlab.pdfbase import ttfonts

    def make_to_unicode_cmap(fontname: str, subset: list[int]) -> str:
        head = [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
        ]
        body = [
            f"<{i:02X}> <{chr(v).encode('utf-16-be').hex().upper()}>" for i, v in enumerate(subset)
        ]
        tail = [
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
        return "\n".join(head + body + tail)

    ttfonts.makeToUnicodeCMap = make_to_unicode_cmap


@lru_cache(maxsize=1)
def register_pdf_fonts() -> tuple[str, ...]:
    """Register the bundled TTFs with reportlab (embedded and subset when used)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    _unicode_text_layer()
    for name in FONT_FILES:
        pdfmetrics.registerFont(TTFont(name, str(font_path(name))))
    pdfmetrics.registerFontFamily(BODY_FONT, normal=BODY_FONT, bold=TITLE_FONT)
    pdfmetrics.registerFontFamily(SANS_FONT, normal=SANS_FONT, bold=TITLE_FONT)
    return tuple(FONT_FILES)


@cache
def register_fallback(name: str) -> str:
    """Register one fallback font with reportlab on first use (the Extension B file is 30 MB:
    a document without rare characters never loads it). Returns its name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(name, str(font_path(name))))
    return name


def glyphs(name: str) -> frozenset[int]:
    """The code points the bundled font ``name`` has."""
    return _cmap(name)


@lru_cache(maxsize=8)
def _cmap(name: str) -> frozenset[int]:
    from reportlab.pdfbase.ttfonts import TTFontFile

    return frozenset(TTFontFile(str(font_path(name))).charToGlyph)


def _ignored(ch: str) -> bool:
    # Invisible format characters (BOM, zero-width, bidi marks) are removed by
    # plaintext.printable before any writer sees them: nothing to print.
    return (
        ch.isspace()
        or ord(ch) < 32
        or 0xFE00 <= ord(ch) <= 0xFE0F  # variation selectors
        or unicodedata.category(ch) == "Cf"
    )


def shown(ch: str) -> str:
    """``ch`` as a refusal names it: itself, or ``U+E000`` when it has no visible shape of
    its own (private use), so the mediator learns which character to retype. Characters newer
    than Python's Unicode tables (CJK Ext H) are shown as they are: a newer system draws them."""
    return ch if unicodedata.category(ch) != "Co" else f"U+{ord(ch):04X}"


def fallback_font(ch: str, font: str = BODY_FONT) -> str | None:
    """The font a PDF prints ``ch`` in when ``font`` lacks it: a bundled fallback that has it,
    or None (``font`` has it, or nothing bundled has it)."""
    code = ord(ch)
    if code in _cmap(font):
        return None
    for name in FALLBACK_FILES:
        if code in _cmap(name):
            return name
    return None


def docx_font_for(ch: str) -> str | None:
    """The East Asian font a Word run names for ``ch`` when 宋体 lacks it (beyond the BMP), else
    None. Source: Microsoft's Windows font list (SimSun-ExtB: Extension B; SimSun-ExtG:
    Extensions C-G)."""
    code = ord(ch)
    if 0x20000 <= code <= 0x2A6DF or 0x2F800 <= code <= 0x2FA1F:
        return DOCX_EXTB_FONT
    if 0x2A700 <= code <= 0x3134F:
        return DOCX_EXTG_FONT
    return None


def missing_glyphs(text: str, font: str = BODY_FONT) -> list[str]:
    """Characters of ``text`` that neither ``font`` nor a bundled fallback can print
    (whitespace, controls and variation selectors ignored), each once, in order."""
    # A case's forms print thousands of characters but few different ones, and the 以案定补
    # list runs this self-check for every qualifying case of a month: characters once found
    # printable are remembered per font, so a call costs a set difference at C speed.
    fine = _printable_seen(font)
    new = set(text).difference(fine)
    if not new:
        return []
    have = _cmap(font)
    missing = []
    for ch in dict.fromkeys(ch for ch in text if ch in new):  # first-seen order, each once
        if _ignored(ch) or ord(ch) in have or any(ord(ch) in _cmap(n) for n in FALLBACK_FILES):
            fine.add(ch)
        else:
            missing.append(ch)
    return missing


@lru_cache(maxsize=8)
def _printable_seen(font: str) -> set[str]:
    """Characters ``missing_glyphs`` found printable in ``font`` (or with nothing to print);
    grows to the distinct characters ever checked (a few thousand)."""
    return set()
