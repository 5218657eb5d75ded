"""Whether a party named in an old 台账 is a unit (单位) rather than a natural person: its
name ends with a word units are named by (…有限公司, …村委会, …人民政府, …养殖场, …卫生院),
a remark in brackets at its end set aside (…有限公司（原星光建筑队）). The words are data:
resources/reports/register_import.toml ``[units]``."""

from __future__ import annotations

import re
from functools import lru_cache

from desktop.core.paths import resource
from desktop.core.resources import load_toml

# A remark in brackets (either width) at the end of a name, and spaces around it.
_REMARK = re.compile(r"\s*[（(][^（）()]*[）)]\s*$")
# A one-character ending counts only for names of at least this many characters: 王建院 and
# 李建场 are people, 星光养殖场 and 新埭派出所 units.
_LONG = 4


@lru_cache(maxsize=1)
def _endings() -> tuple[tuple[str, ...], tuple[str, ...]]:
    table = load_toml(resource("reports", "register_import.toml")).table("units")
    return tuple(table.texts("endings")), tuple(table.texts("long_endings"))


def is_unit(name: str) -> bool:
    """Whether ``name`` (as tidied: no spaces beside Chinese characters) names a unit."""
    bare = name
    while (shorter := _REMARK.sub("", bare)) != bare and shorter:
        bare = shorter
    endings, long_endings = _endings()
    return bare.endswith(endings) or (len(bare) >= _LONG and bare.endswith(long_endings))
