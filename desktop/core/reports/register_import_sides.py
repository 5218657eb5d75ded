"""Several people in one cell of an old 台账: “张三、李四” under 申请人, their ID numbers
“330…、330…” (or “无” for one without) under 申请人身份证号, in the same order — the way the
product's own 台账 writes a side of several parties (``register_values``), and the way clerks
write them by hand. Also a single 当事人 column holding both sides (“张三、李四”): the first named
is taken as 申请人, the others as 被申请人 (registers list the applicant first)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from desktop.core.errors import ValidationError
from desktop.core.paths import resource
from desktop.core.resources import load_toml

# Between names: 、，,；;／/ or a line break (Alt+Enter in Excel). Spaces are not separators:
# "阿不都热合曼 · 买买提" is one name.
_NAME_SEPARATORS = re.compile(r"\s*(?:[、，,；;／/]|\r?\n)+\s*")
# Between numbers: the same but “/”, which registers write for “none” (“330…、/”); spaces inside
# a number ("330482 19900101 1232") stay its own.
_NUMBER_SEPARATORS = re.compile(r"\s*(?:[、，,；;]|\r?\n)+\s*")
#: What an old register writes in a cell (or for one person) that has nothing.
NOTHING = frozenset({"无", "/", "／", "—", "——", "-", "－", "\\", "暂无", "不详"})


def split_names(value: Any) -> list[str]:
    """The names in a cell, in order (empty cell: none)."""
    if value is None:
        return []
    return [n for n in (" ".join(p.split()) for p in _NAME_SEPARATORS.split(str(value))) if n]


def split_numbers(value: Any, names: list[str], label: str, what: str) -> list[Any]:
    """One number (or "" for none) per name, in the names' order. A cell Excel holds as a number
    is one number (its own refusal follows). Refused (ValidationError) when the count of
    numbers matches neither one per person nor none at all."""
    if not names:
        return []  # a number with no name beside it: no person to give it to (as before)
    if value is None or (isinstance(value, str) and value.strip() in NOTHING | {""}):
        return [""] * len(names)  # nothing for anyone
    if not isinstance(value, str):
        parts: list[Any] = [value]
    else:
        parts = [" ".join(p.split()) for p in _NUMBER_SEPARATORS.split(value.strip())]
        parts = [p for p in parts if p] or [""]
    parts = ["" if isinstance(p, str) and p in NOTHING else p for p in parts]
    if len(parts) == len(names):
        return parts
    raise ValidationError(
        f"{label}有 {len(names)} 人（{'、'.join(names)}），{what}却有 {len(parts)} 个："
        f"请按姓名的顺序每人写一个，用“、”隔开，没有的写“无”。"
    )


def side(
    names_value: Any, ids_value: Any, phones_value: Any, label: str
) -> list[tuple[str, Any, Any]]:
    """(name, ID number, phone) of each person named in a side's cells."""
    names = split_names(names_value)
    ids = split_numbers(ids_value, names, label, "证件号码")
    phones = split_numbers(phones_value, names, label, "电话")
    return list(zip(names, ids, phones, strict=True))


_SIDES = ("applicant", "respondent", "parties")


@lru_cache(maxsize=1)
def _unnamed_headers() -> dict[str, str]:
    """Bare number headings (身份证号码, 联系电话) -> "id" / "phone" (register_import.toml)."""
    table = load_toml(resource("reports", "register_import.toml")).table("unnamed")
    return {h: what for what in ("id", "phone") for h in table.texts(what)}


def give_unnamed_numbers(norm: list[str], out: list[str | None], taken: set[str]) -> None:
    """An ID or phone column that does not say whose it is belongs to the nearest party-name
    column on its left (申请人 | 身份证号码 | 联系电话 | 被申请人 | 身份证号码 …): before, such
    columns were left out and the ID numbers of every row silently lost."""
    unnamed = _unnamed_headers()
    side = None
    for i, h in enumerate(norm):
        if out[i] in _SIDES:
            side = out[i]
        elif out[i] is None and side and h in unnamed:
            target = f"{side}_{unnamed[h]}"
            if target not in taken:
                out[i] = target
                taken.add(target)
