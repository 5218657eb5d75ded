"""Names with a middle dot (间隔号): minority and foreign names such as 阿不都热合曼·买买提 are
written with U+00B7 "·" (GB/T 15834-2011 标点符号用法 4.15), but input methods and copied text
give ・ • ． ‧ . and several look-alikes. Every spelling is stored and searched as the one dot,
so a person is found however the name was typed."""

from __future__ import annotations

import re
import unicodedata

MIDDLE_DOT = "\u00b7"
#: Characters typed in place of the middle dot: katakana middle dot (full and half width),
#: bullet, full-width full stop, hyphenation point, ASCII full stop, bullet operator, dot
#: operator, word separator middle dot, Greek ano teleia, runic single punctuation, small full
#: stop, one dot leader; and further look-alikes offered by input methods' symbol tables and
#: copied from other systems: Latin letter sinological dot, Canadian syllabics final middle dot,
#: Hangul letter araea (and the jamo NFKC turns it into: search text is NFKC-normalised first),
#: raised dot, Z notation spot, black circle, white bullet; and the Chinese full stop 。 (with
#: its half-width form), which a Chinese input method types for the "." key: between two parts
#: of a name it is the dot (阿不都热合曼。买买提), at the end of a name or sentence it is left.
DOT_VARIANTS = (
    "\u00b7\u30fb\uff65\u2022\uff0e\u2027.\u2219\u22c5\u2e31\u0387\u16eb\ufe52\u2024"
    "\ua78f\u1427\u318d\u119e\u2e33\u2981\u25cf\u25e6\u3002\uff61"
)
# Spaces around the dot are taken in, never a line break: text searched is its parts joined by
# line breaks, and a sentence ending in 。 must not be joined to the next part.
_DOT_RUN = re.compile(
    r"(?<=[^\W\d_])[^\S\n]*[" + re.escape(DOT_VARIANTS) + r"]+[^\S\n]*(?=[^\W\d_])"
)


def normalise_name_dots(text: str) -> str:
    """Every run of dot-like characters (with any spaces around it) between two letters, one of
    them not ASCII, becomes one "·": 阿不都热合曼 • 买买提 -> 阿不都热合曼·买买提, and
    阿不都热合曼。买买提 the same. Dots in numbers (12.5), between Latin letters (J.K.) and at
    the end of a name (张三。) are left alone."""

    def one_dot(m: re.Match[str]) -> str:
        before, after = text[m.start() - 1], text[m.end()]
        return m.group(0) if before.isascii() and after.isascii() else MIDDLE_DOT

    return _DOT_RUN.sub(one_dot, text)


# Dots (and spaces) at a name's start or end beside a letter that is not ASCII: 张三。 typed
# with the full stop of a Chinese input method, ·买买提 or 买买提· with half of a name missing
# its dot. Beside ASCII they stay: a foreign name may end so (Martin King Jr.).
_EDGE_DOTS = re.compile(
    r"^[\s" + re.escape(DOT_VARIANTS) + r"]+(?=[^\x00-\x7f])"
    r"|(?<=[^\x00-\x7f])[\s" + re.escape(DOT_VARIANTS) + r"]+$"
)


#: Characters no one sees that a copied name may carry: every format character (Unicode
#: category Cf — the zero width space, joiners and non-joiner, word joiner, zero width no-break
#: space / BOM, Mongolian vowel separator, soft hyphen, left-to-right and right-to-left marks
#: and the bidirectional embeddings, overrides and isolates WeChat and web pages wrap text in,
#: invisible operators, tags); the combining grapheme joiner and the variation selectors
#: (standard, Mongolian, and the ideographic ones a name's glyph variant is written with);
#: the Hangul fillers, letters drawn as nothing; and the Khmer inherent vowels. Each of them
#: splits a name for search and makes two equal names differ.
INVISIBLE_BMP = (
    "\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160"
    "\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"
    "\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb"
)
INVISIBLE = INVISIBLE_BMP + (
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f\U000e0100-\U000e01ef"
)
#: One or more of the characters of :data:`INVISIBLE` (a regular expression's class).
INVISIBLE_RUN = re.compile(f"[{INVISIBLE}]+")
# The check every case's search text passes (an import indexes thousands): a class of
# characters beyond the BMP makes the regular expression engine test ranges one by one
# (20 us for a case's text against 2.5 us before), so the first check takes the BMP ones as a
# bitmap and any character beyond the BMP (rare: 𠮷) at once; only a hit is checked exactly.
_MAYBE_INVISIBLE = re.compile(f"[{INVISIBLE_BMP}\U00010000-\U0010ffff]")
#: Chinese characters (CJK unified ideographs with extensions A to H, compatibility
#: ideographs, radicals, 〇 and 々).
HAN = "\u2e80-\u2fdf\u3005\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# Any space (\s is every Unicode space: the full-width U+3000, no-break U+00A0, U+2000-U+200A,
# U+202F, U+205F, tabs, line breaks) beside a Chinese character.
_HAN_GAP = re.compile(rf"(?<=[{HAN}])\s+|\s+(?=[{HAN}])")
_SPACES = re.compile(r"\s+")


def tidy_name(name: str) -> str:
    """A person's or unit's name as it is kept: its dots as :func:`normalise_name_dots` makes
    them, and no dot or full stop at its start or end beside a Chinese (non-ASCII) letter —
    a name never begins or ends with one (GB/T 15834-2011 4.15: the 间隔号 stands between the
    parts of a name): 张三。 -> 张三, 阿不都·买买提· -> 阿不都·买买提, ·买买提 -> 买买提.

    Spaces: a Chinese name has none, but a full-width space lines a two-character name up
    with three-character ones in a typed list (张　三), and copied text brings no-break and
    other spaces, tabs and invisible zero-width characters: every space beside a Chinese
    character is dropped (张　三 -> 张三, 欧阳 修文 -> 欧阳修文), other runs of spaces become one
    ordinary space (John\u00a0\u00a0Smith -> John Smith), and none is kept at either end."""
    name = normalise_name_dots(drop_invisible(name))
    name = _SPACES.sub(" ", _HAN_GAP.sub("", name)).strip()
    return _EDGE_DOTS.sub("", name)


def drop_invisible(text: str) -> str:
    """``text`` without the characters nobody sees of :data:`INVISIBLE`."""
    if _MAYBE_INVISIBLE.search(text) and INVISIBLE_RUN.search(text):  # most texts have none
        return INVISIBLE_RUN.sub("", text)
    return text


# Spaces (never a line break: search text is its parts joined by line breaks) between two
# Chinese characters.
_HAN_SPACE = re.compile(rf"(?<=[{HAN}])[^\S\n]+(?=[{HAN}])")
#: Spaces NFKC leaves as they are (every other one it makes an ordinary space): the vertical
#: tab, form feed, the information separators, the next-line character and the line and
#: paragraph separators (U+2028, U+2029) a copied text may carry between a name's characters.
_RARE_SPACE = re.compile("[\x0b\x0c\x1c-\x1f\x85\u2028\u2029]")
# An invisible character (BMP), any character beyond the BMP, or a rare space: one pass.
_MAYBE_ODD = re.compile(f"[{INVISIBLE_BMP}\x0b\x0c\x1c-\x1f\x85\u2028\u2029\U00010000-\U0010ffff]")


def join_han(text: str) -> str:
    """``text`` (NFKC-normalised: every space an ordinary one or a tab) without spaces between
    two Chinese characters nor invisible zero-width characters — the search text of a case,
    so that a name stored with them as received or typed long ago (张　三 lined up with a
    full-width space, 欧阳 修文, 张\u200b三) is found by 欧阳修文 like one typed without
    (:func:`tidy_name` drops them where names are typed). Checked first with ``in`` (C
    speed): most texts have no space, and this runs for every case an import indexes."""
    odd = _MAYBE_ODD.search(text) is not None  # one pass: most texts have none of these
    if odd and INVISIBLE_RUN.search(text):
        text = INVISIBLE_RUN.sub("", text)
    if " " in text or "\t" in text or (odd and _RARE_SPACE.search(text)):
        text = _HAN_SPACE.sub("", text)
    return text


def without_dots(name: str) -> str:
    """The name with its middle dots dropped (阿不都热合曼买买提), as some people type it."""
    return name.replace(MIDDLE_DOT, "")


#: Unicode categories a reader does not see in a name: controls, format characters (zero-width
#: spaces and joiners, bidirectional overrides), every kind of space and separator, and marks
#: (variation selectors, combining marks a font draws on the character before or not at all).
_UNSEEN = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me"})


def as_read(name: str) -> str:
    """The name as a reader tells it from another: NFKC-folded (so Kangxi radicals such as
    ⼈ and full-width letters read as 人 and the letter) and without the characters nobody
    sees (:data:`_UNSEEN`, and whitespace). Two committee names equal in this form look the
    same on paper and on screen: ``星光村人民调解委员会\\u200b`` (a zero-width space at the
    end) reads as ``星光村人民调解委员会``."""
    # The Hangul fillers are letters (Lo) drawn as nothing: dropped with the other invisibles
    # (after NFKC, which turns the half-width filler into the full-width one).
    folded = drop_invisible(unicodedata.normalize("NFKC", name))
    return "".join(
        ch for ch in folded if not ch.isspace() and unicodedata.category(ch) not in _UNSEEN
    )


def has_unseen(name: str) -> bool:
    """Whether the name holds a space or a character nobody sees (:data:`_UNSEEN`)."""
    return bool(INVISIBLE_RUN.search(name)) or any(
        ch.isspace() or unicodedata.category(ch) in _UNSEEN for ch in name
    )
