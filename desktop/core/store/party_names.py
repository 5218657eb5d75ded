"""Fields that name parties of the case (履行人): each name must be one of theirs."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from desktop.core.errors import ValidationError
from desktop.core.models import Party
from desktop.core.validation.names import DOT_VARIANTS, normalise_name_dots, tidy_name
from desktop.core.workflow.spec import FieldSpec

#: Words for "all the parties" a 履行人 may say instead of their names.
ALL_PARTIES = frozenset({"双方", "各方", "双方当事人", "各方当事人", "全体当事人"})
#: Separators of several names but spaces (see check_party_names).
_MARKS = re.compile(r"[、，,；;/／]+")
#: Words joining two names (张三和李四); also letters of names (和美丽) and firms (建材与装饰):
#: text is read as joined names only when it is wholly names and these words between them.
_JOINING = "和及与"


def _joined_names(text: str, known: set[str] | frozenset[str]) -> bool:
    """Whether ``text`` is one of ``known`` or several joined by 和/及/与 (和美丽和李秀英)."""
    if text in known:
        return True
    return any(
        text.startswith(name)
        and len(text) > len(name) + 1
        and text[len(name)] in _JOINING
        and _joined_names(text[len(name) + 1 :], known)
        for name in known
    )


def _spaced_names(words: list[str], known: set[str] | frozenset[str]) -> list[str] | None:
    """The names ``words`` (text split at its spaces) are, when they can be read as names of
    ``known`` one after another, each of one or more words (张 三 李秀英 -> 张三, 李秀英: a
    name lined up with a space is one name); None when they cannot. Longest names first."""
    if not words:
        return []
    for end in range(len(words), 0, -1):
        name = tidy_name(" ".join(words[:end]))
        if _joined_names(name, known):
            rest = _spaced_names(words[end:], known)
            if rest is not None:
                return [name, *rest]
    return None


def party_names(parties: Sequence[Party]) -> set[str]:
    """Every name a 履行人 may give for ``parties``: each party's name, its role (被申请人, as
    the clause suggestions write it, is that side's parties), and the 法定代表人 of a party
    that is a unit (单位): a firm acts through its legal representative, who signs for it
    (民法典 第61条), so naming the representative names the firm."""
    names = {tidy_name(p.name) for p in parties if p.name} | {p.role for p in parties}
    names |= {tidy_name(p.legal_rep) for p in parties if p.is_organisation and p.legal_rep}
    return names


def check_party_names(
    fields: Iterable[FieldSpec], values: Mapping[str, Any], parties: Sequence[Party]
) -> None:
    """Each field marked ``parties_only`` (履行人) that ``values`` holds must name parties of
    the case: every name (several joined by 、，和 …) one of ``parties``' names or roles
    (被申请人), a unit's 法定代表人 (``party_names``), or 双方/各方 for all of them. Raises
    ValidationError naming the field and listing the parties (the agreement binds its
    parties, 人民调解法 第29、31条: someone who is no party to it cannot be its 履行人)."""
    names = party_names(parties)
    for f in fields:
        value = values.get(f.id)
        if not f.parties_only or not isinstance(value, str) or not value.strip():
            continue
        known = names | ALL_PARTIES
        # Dots first: 阿不都热合曼 。 买买提 is one name, not two split at its spaces; a dot
        # left alone at a name's edge (张三 。) is no name. Spaces may be inside one name (张　三,
        # lined up) or between two (张三 李四, 张　三 李四): see _spaced_names.
        said: list[str] = []
        for piece in _MARKS.split(normalise_name_dots(value.strip())):
            words = piece.split()
            said += _spaced_names(words, known) or [tidy_name(w) for w in words]
        said = [n for n in said if n.strip(DOT_VARIANTS)]
        strangers = [n for n in said if not _joined_names(n, known)]
        if not strangers:
            continue
        listed = "、".join(p.name for p in parties) or "（还没有登记当事人）"
        raise ValidationError(
            f"{f.label}“{'、'.join(strangers)}”不是本案当事人：请写本案当事人（{listed}）"
            "中的一方或几方。",
            field=f.id,
        )
