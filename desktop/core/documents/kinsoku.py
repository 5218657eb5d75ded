"""Chinese line breaking for the PDF (GB/T 15834-2011 标点符号用法; W3C clreq §3.1.7):
no line starts with closing punctuation (，。；：、）」” …), none ends with opening
punctuation (（「“ …), and a run of Latin letters or digits (an ID number, an amount) is not cut
in two when it fits on a line.

reportlab's own CJK splitter knows only the Japanese list (it lacks ，；：！？”) and lets at most
one closing mark hang into the margin, so lines began with ``，`` after an ID number and with
``。`` after ``”``. :func:`cjk_frag_split` replaces it: the break point moves back (the last
characters are pushed down to the next line) until both rules hold.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib import textsplit as _rl_textsplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import paragraph as _rl_paragraph
from reportlab.rl_config import _FUZZ

#: May not begin a line: closing brackets and quotes, stops, pauses, separators.
CANNOT_START = frozenset(
    "，。、；：？！）」』】〕〉》”’…—～·．,.;:?!)]}%‰℃"
    "\u3001\u3002\uff0c\uff1b\uff1a\uff1f\uff01\uff09\uff3d\uff5d\u300d\u300f\u3011\u3015"
)
#: May not end a line: opening brackets and quotes.
CANNOT_END = frozenset("（「『【〔〈《“‘([{￥$#\uff08\uff3b\uff5b")


def _is_word_char(ch: str) -> bool:
    """Latin letters and digits that read as one word (ID numbers, amounts, dates in figures)."""
    return ch.isascii() and (ch.isalnum() or ch in ".,-/:")


def _allowed(chars: str, b: int, words: bool) -> bool:
    if b < len(chars) and chars[b] in CANNOT_START:
        return False
    if chars[b - 1] in CANNOT_END:
        return False
    inside_word = b < len(chars) and _is_word_char(chars[b]) and _is_word_char(chars[b - 1])
    return not (words and inside_word)


def break_before(chars: str, start: int, overflow: int) -> int:
    """Where the line that begins at ``start`` should end, given that the character at
    ``overflow`` no longer fits. Returns ``b`` with ``start < b``: the line is
    ``chars[start:b]``. The break moves back (characters are pushed down to the next line)
    until no closing mark starts the next line, no opening mark ends this one and no ASCII
    word is cut; a word longer than the line is cut; a line of nothing but punctuation lets
    its closing marks hang in the margin. Pure, so the rules are tested without a PDF."""
    for words in (True, False):
        for b in range(overflow, start, -1):
            if _allowed(chars, b, words):
                return b
    b = overflow
    while b < len(chars) and chars[b] in CANNOT_START:
        b += 1
    return max(b, start + 1)


def cjk_frag_split(
    frags: list[Any], max_widths: list[float], calc_bounds: bool, encoding: str = "utf8"
) -> Any:
    """reportlab's ``cjkFragSplit`` with the break point chosen by :func:`break_before`."""
    cjk_u, make_line = _rl_paragraph.cjkU, _rl_paragraph.makeCJKParaLine
    units: list[Any] = []
    for f in frags:
        text = f.text.decode(encoding) if isinstance(f.text, bytes) else f.text
        if text:
            units.extend(cjk_u(t, f, encoding) for t in text)
        else:
            units.append(cjk_u(text, f, encoding))
    chars = "".join(u if len(u) == 1 else "\0" for u in units)
    lines: list[Any] = []
    i = width = start = 0
    max_width = max_widths[0]
    while i < len(units):
        u = units[i]
        w = u.width
        if hasattr(w, "normalizedValue"):
            w._normalizer = max_width
            w = w.normalizedValue(max_width)
        line_break = hasattr(u.frag, "lineBreak")
        if line_break:
            lines.append(
                make_line(
                    units[start : i + 1],
                    max_width,
                    width + w,
                    max_width - width - w,
                    True,
                    calc_bounds,
                )
            )
            i += 1
        elif width + w > max_width + _FUZZ and i > start:
            b = break_before(chars, start, i)
            used = sum(x.width for x in units[start:b])
            lines.append(
                make_line(units[start:b], max_width, used, max_width - used, False, calc_bounds)
            )
            i = b
        else:
            width += w
            i += 1
            continue
        start, width = i, 0
        max_width = max_widths[min(len(lines), len(max_widths) - 1)]
    if start < len(units):
        used = sum(x.width for x in units[start:])
        lines.append(
            make_line(units[start:], max_width, used, max_width - used, False, calc_bounds)
        )
    return _rl_paragraph.ParaLines(kind=1, lines=lines)


def dumb_split(word: str, widths: list[float], max_widths: list[float]) -> list[list[Any]]:
    """reportlab's ``dumbSplit`` (the path of a paragraph in one font) with the same rules:
    ``[[extra_space, line_text], ...]``."""
    lines: list[list[Any]] = []
    start, used, i = 0, 0.0, 0
    max_width = max_widths[0]
    while i < len(word):
        w = widths[i]
        if used + w > max_width + _FUZZ and i > start:
            b = break_before(word, start, i)
            line_w = sum(widths[start:b])
            lines.append([max_width - line_w, word[start:b]])
            start, used, i = b, 0.0, b
            max_width = max_widths[min(len(lines), len(max_widths) - 1)]
        else:
            used += w
            i += 1
    if start < len(word):
        lines.append([max_width - sum(widths[start:]), word[start:]])
    return lines


_WIDTHS: dict[tuple[str, float], dict[str, float]] = {}


def char_widths(word: str, font_name: str, font_size: float, encoding: str = "utf8") -> list[float]:
    """reportlab's ``getCharWidths`` with a per-font table: it measured every character of
    every paragraph anew (70,000 ``stringWidth`` calls for one 20-term agreement, half the
    PDF's time)."""
    table = _WIDTHS.setdefault((font_name, font_size), {})
    out: list[float] = []
    for ch in word:
        w = table.get(ch)
        if w is None:
            w = table[ch] = stringWidth(ch, font_name, font_size)
        out.append(w)
    return out


def install() -> None:
    """Make reportlab's paragraphs (wordWrap='CJK') break lines by these rules, in both of its
    paths: text in one font (``dumbSplit``) and mixed fonts or line breaks (``cjkFragSplit``)."""
    _rl_paragraph.cjkFragSplit = cjk_frag_split
    _rl_textsplit.dumbSplit = dumb_split
    _rl_textsplit.getCharWidths = char_widths
