"""Dispute categories (纠纷类型), read from ``resources/categories.toml``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from desktop.core.errors import ValidationError
from desktop.core.paths import resource
from desktop.core.resources import load_toml, unique


@dataclass(frozen=True, slots=True)
class Category:
    code: str
    name: str
    extra: bool = False
    group: str = ""  # the county column this type is part of ("劳动争议纠纷"), or ""


@dataclass(frozen=True, slots=True)
class CategoryList:
    items: tuple[Category, ...]

    def by_code(self, code: str) -> Category:
        for item in self.items:
            if item.code == code:
                return item
        raise ValidationError(f"没有编码为“{code}”的纠纷类型，请从列表中选择。", field="category")

    def by_name(self, name: str) -> Category:
        for item in self.items:
            if item.name == name or item.name.removesuffix("纠纷") == name:
                return item
        # A name of the first release's list (or a county's column) that is now split: the
        # part that keeps its code (劳动争议 -> 其他劳动争议, 消费 -> 其他消费).
        for item in self.items:
            if (
                item.group
                and item.name == "其他" + item.group
                and name
                in (
                    item.group,
                    item.group.removesuffix("纠纷"),
                )
            ):
                return item
        raise ValidationError(f"没有名为“{name}”的纠纷类型，请从列表中选择。", field="category")

    def enabled(self, extra_codes: frozenset[str] = frozenset()) -> tuple[Category, ...]:
        """The standard list plus the optional types this committee switched on."""
        return tuple(c for c in self.items if not c.extra or c.code in extra_codes)


@lru_cache(maxsize=4)
def load_categories(path: Path | None = None) -> CategoryList:
    """The categories of ``path`` (default ``resources/categories.toml``), in file order.

    Raises ResourceError naming the file and key for a missing or mistyped entry, or a code
    or name given twice (codes are stored on cases; names are looked up)."""
    entries = load_toml(path or resource("categories.toml")).tables("categories")
    unique(entries, "code")
    unique(entries, "name")
    return CategoryList(
        tuple(
            Category(
                code=e.text("code"),
                name=e.text("name"),
                extra=e.flag("extra", False),
                group=e.text("group", "", empty=True),
            )
            for e in entries
        )
    )
