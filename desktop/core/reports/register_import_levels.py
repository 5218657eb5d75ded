"""The 受理层级 / 当前层级 / 化解层级 cells of an old 台账 read back as level numbers: our own
台账 writes the level's name (网格, 村（社区）, 镇（街道）, 县（市）及法院, resources/workflows),
earlier ones wrote its number (2), others “第2级”, a part of the name (社区, 法院) or a word of
their own for it (镇级, 乡镇, 县（区）, 村调委会: ``[levels]`` of
``resources/reports/register_import.toml``)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from desktop.core.errors import ValidationError
from desktop.core.paths import resource
from desktop.core.reports.register_import_sides import NOTHING
from desktop.core.resources import load_toml

if TYPE_CHECKING:
    from desktop.core.workflow.spec import WorkflowSpec

_CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# 2.0: a number typed in a text cell by a spreadsheet that shows decimals.
_NUMBERED = re.compile(r"第?\s*([0-9]+|[一二三四五六七八九])(?:\.0+)?\s*级?")
# Between the words of a level written several ways (村/社区, 乡镇（街道）, 县级法院).
_JOINS = re.compile(r"[/\\、()及或和与级]")


def _plain(text: str) -> str:
    """``text`` as compared: full-width brackets and digits as ASCII, no spaces."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def level_spellings(spec: WorkflowSpec) -> dict[str, int]:
    """Every way a level is written in a 台账 -> its number: its short name and full name,
    and each part of them that names no other level (村, 社区, 镇, 街道, 法院, 微网格化解)."""
    parts: dict[str, set[int]] = {}
    whole: dict[str, int] = {}
    for lv in spec.levels:
        for name in {lv.label, lv.name}:
            whole[_plain(name)] = lv.number
            pieces = [x for x in re.split(r"[/及、]", _plain(name)) if x]  # 县(市), 法院
            for part in pieces + [y for x in pieces for y in re.split(r"[()]", x) if y]:
                parts.setdefault(part, set()).add(lv.number)
    only = {part: next(iter(ns)) for part, ns in parts.items() if len(ns) == 1}
    return only | whole


@lru_cache(maxsize=1)
def _level_words() -> tuple[dict[str, str], tuple[str, ...]]:
    """(other word -> a word of a level's name, endings that say no level), compared plain.
    Raises ResourceError naming the file and key."""
    table = load_toml(resource("reports", "register_import.toml")).table("levels")
    words = {_plain(k): _plain(v) for k, v in table.text_map("words").items()}
    return words, tuple(_plain(e) for e in table.texts("endings"))


def _by_words(plain: str, spellings: Mapping[str, int]) -> int | None:
    """The level a cell of several words names (镇级, 村/社区, 乡镇（街道）, 县级法院, 村调委会):
    every word, its ending taken off and another word for it replaced, names the same level;
    None when a word is unknown or two levels are named (村/镇)."""
    words, endings = _level_words()
    found: set[int] = set()
    for part in _JOINS.split(plain):
        for end in endings:
            if part.endswith(end):
                part = part[: -len(end)]
                break
        if not part:
            continue
        part = words.get(part, part)
        if part not in spellings:
            return None
        found.add(spellings[part])
    return found.pop() if len(found) == 1 else None


def read_level(
    value: Any, label: str, spellings: Mapping[str, int], spec: WorkflowSpec
) -> int | None:
    """The level number a cell holds (None when it is empty or says 无). Raises
    ValidationError (one sentence naming ``label`` and the levels) for anything else."""
    if value is None or isinstance(value, bool):
        return None
    top = spec.top_level
    if isinstance(value, int | float) and float(value).is_integer() and 1 <= value <= top:
        return int(value)
    text = " ".join(str(value).split())
    if not text or text in NOTHING:
        return None
    plain = _plain(text)
    if plain in spellings:
        return spellings[plain]
    numbered = _NUMBERED.fullmatch(plain)
    if numbered:
        digit = numbered.group(1)
        number = _CHINESE_DIGITS.get(digit) or int(digit)
        if 1 <= number <= top:
            return number
    by_words = _by_words(plain, spellings)
    if by_words is not None:
        return by_words
    names = "、".join(lv.label for lv in spec.levels)
    raise ValidationError(
        f"{label}“{text}”看不懂：应为{names}之一（旧台账写的数字 1 至 {top} 也可以），"
        "请在原台账中改正。"
    )


def row_levels(
    get: Any, spellings: Mapping[str, int], spec: WorkflowSpec, succeeded: bool
) -> dict[str, int | None]:
    """The row's 受理层级, 当前层级 and 化解层级 (None: not in the register; the committee's own
    level is taken when the case is written). A 化解层级 is kept only for a settled dispute,
    and taken as the 当前层级 when a settled row does not say. Raises ValidationError when the
    当前层级 is below the 受理层级 (a dispute only goes up: 人民调解 四级化讼)."""
    start = read_level(get("level_start"), "受理层级", spellings, spec)
    now = read_level(get("level_now"), "当前层级", spellings, spec)
    resolved = read_level(get("level_resolved"), "化解层级", spellings, spec)
    if start is not None and now is not None and now < start:
        raise ValidationError(
            f"当前层级“{spec.level_label(now)}”低于受理层级“{spec.level_label(start)}”："
            "纠纷只会往上移交，请在原台账中核对这两列。"
        )
    if succeeded and resolved is not None and now is not None and resolved > now:
        raise ValidationError(
            f"化解层级“{spec.level_label(resolved)}”高于当前层级“{spec.level_label(now)}”："
            "纠纷在哪一级化解，就停在哪一级，请在原台账中核对这两列。"
        )
    if not succeeded:
        resolved = None
    elif resolved is None:
        resolved = now
    if now is None and resolved is not None:
        now = max(resolved, start or resolved)
    return {"level_start": start, "level_now": now, "level_resolved": resolved}
