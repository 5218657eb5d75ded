"""User text made safe for every writer, and user text joined to template text.

Text reaches the documents, workbooks and packages from typing, pasting and imports: a paste
from Word brings ``\\x0b`` (its soft line break) and ``\\x0c`` (page break), other programs NUL,
escape codes or lone surrogates. XML 1.0 — the inside of every .docx and .xlsx — forbids all C0
controls but tab, newline and carriage return, and also U+FFFE/U+FFFF, so python-docx refused
the whole document (``All strings must be XML compatible``). :func:`printable` is the one seam
every writer passes text through.

Templates append their own clause to a user's reason (``因{reason}，本委员会决定终止调解``): a
reason typed with its own final ``。`` gave ``…接受调解。，本委员会…``. :func:`clause` gives the
text without its final punctuation, so the template's own punctuation is the only one.
"""

from __future__ import annotations

import re
import unicodedata

#: Word's soft line break, form feed, and the Unicode line/paragraph separators become newlines.
_LINE_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
#: Everything else XML 1.0 cannot hold, and the C1 controls no printer shows: removed.
_FORBIDDEN = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")

#: Punctuation a clause may end with that the template's own punctuation replaces.
_FINAL = "。，；：、！？.,;:!?…　 \t\r\n"


def printable(text: str) -> str:
    """``text`` with line-break controls as ``\\n``, ``\\r\\n``/``\\r`` as ``\\n``, other C0/C1
    controls, lone surrogates, non-characters and invisible format characters (BOM,
    zero-width space, bidi marks: Unicode category Cf) removed. Idempotent; ordinary text, tabs and
    newlines are unchanged. Safe for XML 1.0 (docx, xlsx), reportlab, CSV and JSON."""
    if text.isprintable():
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _FORBIDDEN.sub("", _LINE_BREAKS.sub("\n", text))
    # Invisible format characters (category Cf) come with pastes: a BOM from Notepad/Excel,
    # zero-width spaces from web pages and chat, bidi marks. No printed form wants them; a
    # right-to-left override would reverse the name in Word, and the render refusal would
    # name a character the mediator cannot see.
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff"
_BREAK = re.compile(r"[ \t]*\n\s*")
_GAP = re.compile(f"(?<=[{_WIDE}]) (?=[{_WIDE}])")


def one_line(text: str) -> str:
    """:func:`printable` for a one-line field (a name, an address): line breaks become a space,
    or nothing between two Chinese characters (``王\x0b秀英`` -> ``王秀英``)."""
    flat = _BREAK.sub(" ", printable(text).strip())
    return _GAP.sub("", flat) if "\n" in printable(text) else flat


def clause(text: str) -> str:
    """User text as a clause inside a template sentence: surrounding blanks and its final
    punctuation removed (``不再接受调解。`` -> ``不再接受调解``). A closing bracket or quote is
    kept (``（见附件）`` stays whole)."""
    return printable(text).strip().rstrip(_FINAL)


def sentence(text: str, stop: str = "。") -> str:
    """User text as a whole sentence: exactly one final stop (its own ！？ or ） kept)."""
    body = printable(text).strip().rstrip("，；：、,;: \t\n　")
    if not body:
        return ""
    return body if body[-1] in "。！？!?.…）)」”" else body + stop
