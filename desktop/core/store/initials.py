"""Pinyin initials of party names, so a mediator who finds Chinese input slow can type ``zs``
for 张三 or ``wjp`` for 王建平 in the search box.

Names are read with pypinyin (a maintained library, offline dictionary). A character with
several readings gives every reading's initial, because surnames are often read differently
from the same character elsewhere (单 shàn, 曾 zēng, 解 xiè, 区 ōu, 仇 qiú, 查 zhā, 乐 yuè):
pypinyin has no surname-aware mode for single names, but each of those surname readings is
among the character's heteronyms, so indexing every combination finds the surname whichever
way the mediator says it. Combinations are capped so a long company name cannot explode.

A county importing 50 villages' packages meets ~100,000 names it has never seen (issue 10),
so a name is read without a pypinyin call of its own (lazy_pinyin costs ~50 µs a call):
pypinyin's readings are looked up once per character or phrase, and its phrase segmenter runs
only for a name in which a phrase of its dictionary may begin. The spellings are exactly those
of calling lazy_pinyin on the name (tests/core/test_initials_reading.py; bench/bench_initials.py
measures both)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from functools import cache, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pypinyin.seg.mmseg import PrefixSet

#: Characters of a name that are indexed (a prefix search needs no more).
MAX_CHARS = 8
#: At most this many spellings per name; beyond it, further characters use their usual reading.
MAX_SPELLINGS = 16
_TERM = re.compile(r"^[a-z]{2,8}$")
#: A name of nothing but characters ``_is_han`` keeps (most names): nothing to filter out.
_ONLY_HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff]+")
_NOT_HAN = re.compile("[^\u3400-\u9fff\uf900-\ufaff]+")


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


class _Pypinyin:
    """The parts of pypinyin that reading a name uses, looked up once: an import statement
    in the per-name path would cost more than the reading itself."""

    def __init__(self) -> None:
        # Imported on first use: its dictionaries take about 58 MB, which a process that
        # never indexes a name (the command line importing packages, whose reading process
        # builds the names' initials) need not carry.
        import pypinyin
        from pypinyin.constants import RE_HANS
        from pypinyin.converter import UltimateConverter
        from pypinyin.core import Pinyin
        from pypinyin.seg.mmseg import p_set, seg

        self.pinyin = pypinyin.pinyin
        self.first_letter = pypinyin.Style.FIRST_LETTER
        # The very object ``pypinyin.lazy_pinyin`` builds on each call (its defaults: no
        # v->u, no neutral tone 5, no tone sandhi), built once: it keeps no state between calls.
        self.reader = Pinyin(UltimateConverter())
        #: The texts pypinyin reads as Han (the rest it keeps as they are).
        self.hans: re.Pattern[str] = RE_HANS
        #: Every prefix of every phrase of pypinyin's phrase dictionary (its segmenter's own).
        self.phrase_prefixes: PrefixSet = p_set
        #: pypinyin's phrase segmenter (forward maximum matching on the phrase dictionary).
        self.cut: Callable[[str], Iterator[str]] = seg.cut


@cache
def _pypinyin() -> _Pypinyin:
    return _Pypinyin()


@cache
def _readings(ch: str) -> tuple[str, ...]:
    # Cached per character (a few thousand in names): pypinyin's lookup was most of the time
    # of indexing 1,000 imported cases.
    p = _pypinyin()
    return tuple(r[:1].lower() for r in p.pinyin(ch, style=p.first_letter, heteronym=True)[0])


@lru_cache(maxsize=8192)
def _word_usual(word: str) -> tuple[str, ...]:
    # The usual reading of one segment (a phrase of pypinyin's dictionary, one character, or
    # a run without pinyin), as lazy_pinyin reads it: converting a segment does not depend on
    # its neighbours, so names share the few thousand segments they are made of. A list
    # argument is taken as already cut (pypinyin's documented form for a segmented text).
    p = _pypinyin()
    return tuple(x[:1].lower() for x in p.reader.lazy_pinyin([word], style=p.first_letter))


def _words(han: str) -> list[str]:
    """``han`` cut into segments as ``lazy_pinyin`` cuts it.

    pypinyin (seg/simpleseg.py) splits a text into runs of Han (its ``RE_HANS``) and of other
    characters, and cuts each Han run with its phrase segmenter (seg/mmseg.py, forward maximum
    matching), so 长孙 reads zhǎng sūn, not cháng. The segmenter's pieces are single
    characters or phrases of the phrase dictionary, whose first two characters are in its
    prefix set: where the next two characters begin no phrase, the piece is the next
    character alone. So the characters before the first two that may begin a phrase are
    pieces of their own (in most names: all of them) and only the rest need be cut."""
    p = _pypinyin()
    if not p.hans.match(han):
        return p.reader.seg(han)  # not all Han: pypinyin's whole path
    prefixes = p.phrase_prefixes
    start = next((i for i in range(len(han) - 1) if han[i : i + 2] in prefixes), len(han))
    return [*han[:start], *p.cut(han[start:])]


def _usual(han: str) -> list[str]:
    """The first letter of each reading ``lazy_pinyin(han, style=FIRST_LETTER)`` gives, in
    order (lower case), without its cost per call (about 50 µs, most of it converting tone
    marks): the text is cut as pypinyin cuts it and each segment's reading is looked up once."""
    return [x for word in _words(han) for x in _word_usual(word)]


@lru_cache(maxsize=8192)
def _letters(ch: str, first: str) -> tuple[str, ...]:
    # The initials a character may stand for: its usual reading's first, then every reading's.
    return tuple(x for x in dict.fromkeys([first, *_readings(ch)]) if "a" <= x <= "z")


@cache
def _char_letters(ch: str) -> tuple[str, ...] | None:
    # ``_letters`` of a character that is a segment of its own (its one reading's first), or
    # None when pypinyin gave it not one reading. Kept for every character met, as
    # ``_readings`` is: a few thousand in names, at most the ~28,000 of ``_is_han``'s range.
    usual = _word_usual(ch)
    return _letters(ch, usual[0]) if len(usual) == 1 else None


@lru_cache(maxsize=8192)
def _phrase_letters(word: str) -> tuple[tuple[str, ...], ...] | None:
    # ``_letters`` of each character of a phrase, or None when its reading has not one letter
    # per character (so its neighbours' readings would shift: the name takes the general path).
    usual = _word_usual(word)
    if len(usual) != len(word):
        return None
    return tuple(_letters(ch, first) for ch, first in zip(word, usual, strict=True))


def _han_choices(han: str) -> list[tuple[str, ...]] | None:
    # Each character's letters for a name of nothing but Han characters, segment by segment;
    # None when a segment's reading has not one letter per character.
    choices: list[tuple[str, ...]] = []
    for word in _words(han):
        if len(word) == 1:
            letters = _char_letters(word)
            if letters is None:
                return None
            choices.append(letters)
        else:
            more = _phrase_letters(word)
            if more is None:
                return None
            choices.extend(more)
    return choices


def name_initials(name: str) -> list[str]:
    """Every initials spelling of ``name``, usual reading first: "王建平" -> ["wjp", "wjb",
    "yjp", "yjb"]. Latin letters in a name are kept (lower case); digits and symbols are
    dropped. Returns [] when fewer than two letters are left to index."""
    return list(_name_initials(name))


@lru_cache(maxsize=65536)
def _name_initials(name: str) -> tuple[str, ...]:
    if _ONLY_HAN.fullmatch(name):
        chars = han = name[:MAX_CHARS]
    else:
        chars = "".join([ch for ch in name if _is_han(ch) or "a" <= ch.lower() <= "z"])[:MAX_CHARS]
        han = _NOT_HAN.sub("", chars)
    # Most names: nothing but Han characters (once digits, dots and spaces are dropped).
    choices = _han_choices(han) if chars == han else None
    if choices is None:
        # The usual reading of each character in context (phrases such as 长孙 read correctly).
        usual = iter(_usual(han))
        choices = [_letters(ch, next(usual, "")) if _is_han(ch) else (ch.lower(),) for ch in chars]
    # Each kept character's letters; a run of characters with one letter each as one string
    # (the same spellings, in the same order, from a smaller product).
    options: list[tuple[str, ...]] = []
    count = 1
    for letters in choices:
        if len(letters) > 1:
            if count * len(letters) > MAX_SPELLINGS:
                letters = letters[:1]
            count *= len(letters)
        elif not letters:
            continue
        if len(letters) == 1 and options and len(options[-1]) == 1:
            options[-1] = (options[-1][0] + letters[0],)
        else:
            options.append(letters)
    if count == 1:  # a single spelling: no product to build
        only = options[0][0] if options else ""
        return (only,) if len(only) >= 2 else ()
    spellings = ("".join(combo) for combo in itertools.product(*options))
    return tuple(s for s in dict.fromkeys(spellings) if len(s) >= 2)


def initials_term(term: str) -> str | None:
    """The search term as initials to look up, or None when it is not 2-8 Latin letters."""
    low = term.lower()
    return low if _TERM.match(low) else None


def join_spaced_initials(terms: list[str]) -> list[str]:
    """Initials typed a letter at a time with spaces between (``w j p``, ``Z S``) as one term
    (``wjp``): each run of two or more one-letter Latin terms is joined; other terms are kept
    as they are (``wjp zs`` is two names). A letter alone means nothing to look up by itself."""
    out: list[str] = []
    run: list[str] = []
    for term in [*terms, ""]:
        if len(term) == 1 and term.isascii() and term.isalpha():
            run.append(term)
            continue
        out.extend(["".join(run)] if len(run) > 1 else run)
        run = []
        if term:
            out.append(term)
    return out
