"""Pinyin initials of party names, so a mediator who finds Chinese input slow can type ``zs``
for 张三 or ``wjp`` for 王建平 in the search box.

Names are read with pypinyin (a maintained library, offline dictionary). A character with
several readings gives every reading's initial, because surnames are often read differently
from the same character elsewhere (单 shàn, 曾 zēng, 解 xiè, 区 ōu, 仇 qiú, 查 zhā, 乐 yuè):
pypinyin has no surname-aware mode for single names, but each of those surname readings is
among the character's heteronyms, so indexing every combination finds the surname whichever
way the mediator says it. Combinations are capped so a long company name cannot explode."""

from __future__ import annotations

import itertools
import re
from functools import cache, lru_cache
from typing import Any

#: Characters of a name that are indexed (a prefix search needs no more).
MAX_CHARS = 8
#: At most this many spellings per name; beyond it, further characters use their usual reading.
MAX_SPELLINGS = 16
_TERM = re.compile(r"^[a-z]{2,8}$")


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


@cache
def _pypinyin() -> Any:
    # Imported on first use: its dictionaries take about 58 MB, which a process that never
    # indexes a name (the command line importing packages, whose reading process builds the
    # names' initials) need not carry.
    import pypinyin

    return pypinyin


@cache
def _readings(ch: str) -> tuple[str, ...]:
    # Cached per character (a few thousand in names): pypinyin's lookup was most of the time
    # of indexing 1,000 imported cases.
    p = _pypinyin()
    return tuple(r[:1].lower() for r in p.pinyin(ch, style=p.Style.FIRST_LETTER, heteronym=True)[0])


def name_initials(name: str) -> list[str]:
    """Every initials spelling of ``name``, usual reading first: "王建平" -> ["wjp", "wjb",
    "yjp", "yjb"]. Latin letters in a name are kept (lower case); digits and symbols are
    dropped. Returns [] when fewer than two letters are left to index."""
    return list(_name_initials(name))


@lru_cache(maxsize=65536)
def _name_initials(name: str) -> tuple[str, ...]:
    chars = [ch for ch in name if _is_han(ch) or ("a" <= ch.lower() <= "z")][:MAX_CHARS]
    han = "".join(ch for ch in chars if _is_han(ch))
    # The usual reading of each character in context (phrases such as 长孙 read correctly).
    py = _pypinyin()
    usual = iter(p[:1].lower() for p in py.lazy_pinyin(han, style=py.Style.FIRST_LETTER))
    options: list[list[str]] = []
    count = 1
    for ch in chars:
        if not _is_han(ch):
            options.append([ch.lower()])
            continue
        first = next(usual, "")
        letters = [x for x in dict.fromkeys([first, *_readings(ch)]) if "a" <= x <= "z"]
        if not letters:
            continue
        if count * len(letters) > MAX_SPELLINGS:
            letters = letters[:1]
        count *= len(letters)
        options.append(letters)
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
