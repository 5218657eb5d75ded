"""Reading the data files under ``resources/`` (TOML): every loader goes through here, so a
broken file is refused at once with its name, the key at fault and what is wrong, in one
Chinese sentence, never a bare ``KeyError`` or a half-used file.

``load_toml(path)`` gives a ``Node``: a table that knows its file and key path. Its typed
getters (``text``, ``integer``, ``flag``, ``texts``, ``table``, ``tables``) raise
``ResourceError`` naming ``file`` and ``key``. The workflow loader (``workflow/spec_reader.py``) set
this standard; its ``WorkflowSpecError`` is a ``ResourceError`` too."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from string import Formatter
from typing import Any, Final

from desktop.core.errors import ResourceError, os_reason

__all__ = ["Node", "ResourceError", "load_toml", "placeholders", "unique"]


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Final = _Missing()


def load_toml(path: Path, error: type[ResourceError] = ResourceError) -> Node:
    """The file's top-level table. Raises ``error`` (a ResourceError: one Chinese sentence
    naming the file) when the file is missing, unreadable, not UTF-8 or not TOML (naming the
    line and column); the parser's English detail goes to the log only."""
    name = path.name
    whole = "整个文件"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error.at(name, whole, "文件不见了") from None
    except UnicodeDecodeError:
        raise error.at(name, whole, "不是 UTF-8 编码的文本") from None
    except OSError as exc:
        logged(exc, name)
        raise error.at(name, whole, f"读不出来（{os_reason(exc)}）") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        logged(exc, name)
        raise error.at(name, whole, f"{parser_place(str(exc))}的写法不对") from exc
    return Node(data, name, error=error)


_AT = re.compile(r"line (\d+), column (\d+)|line (\d+) column (\d+)")


def parser_place(detail: str) -> str:
    """Where a parser's English ``detail`` says the fault is, in Chinese: “第 3 行第 5 列”
    (tomllib: "at line 3, column 5"; json: "line 3 column 5"), “文件末尾” (tomllib: "at end
    of document"), “文件中” when it says neither."""
    found = _AT.search(detail)
    if not found:
        return "文件末尾" if "end of document" in detail else "文件中"
    line, column = (g for g in found.groups() if g is not None)
    return f"第 {line} 行第 {column} 列"


def logged(exc: BaseException, name: str) -> None:
    """The parser's (or system's) English detail of a broken data file goes to the log for
    the technician (desktop/core/unexpected.py), never into the sentence."""
    from desktop.core.unexpected import record

    record(exc, f"读取程序的数据文件 {name}")


def placeholders(template: str) -> set[str]:
    """The ``{name}`` placeholders of a ``str.format`` template. Raises ValueError for a stray
    brace."""
    return {field for _, field, _, _ in Formatter().parse(template) if field is not None}


class Node:
    """One TOML table of a resource file, with its file name and key path ("categories[3]")."""

    def __init__(
        self,
        data: Mapping[str, Any],
        file: str,
        where: str = "",
        *,
        error: type[ResourceError] = ResourceError,
    ) -> None:
        self.data, self.file, self.where, self.error = data, file, where, error

    def child(self, data: Mapping[str, Any], where: str) -> Node:
        return Node(data, self.file, where, error=self.error)

    def key(self, key: str) -> str:
        """The full key path of ``key`` in this table, as a refusal names it."""
        return f"{self.where}.{key}" if self.where else key

    def fail(self, key: str, problem: str) -> ResourceError:
        return self.error.at(self.file, self.key(key) if key else self.where or "顶层", problem)

    def __contains__(self, key: str) -> bool:
        return key in self.data

    def __iter__(self) -> Iterator[str]:
        return iter(self.data)

    def _get(self, key: str, default: object) -> Any:
        if key in self.data:
            return self.data[key]
        if default is MISSING:
            raise self.fail(key, "缺少这一项")
        return default

    def text(self, key: str, default: str | _Missing = MISSING, *, empty: bool = False) -> str:
        """A string; an empty one only when ``empty`` (a blank name would print nothing)."""
        value = self._get(key, default)
        if not isinstance(value, str):
            raise self.fail(key, "应当是一段文字（用引号括起来）")
        if not value.strip() and not empty and key in self.data:
            raise self.fail(key, "不能是空的")
        return value

    def integer(
        self, key: str, default: int | _Missing = MISSING, *, minimum: int | None = None
    ) -> int:
        value = self._get(key, default)
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.fail(key, "应当是一个整数")
        if minimum is not None and value < minimum:
            raise self.fail(key, f"不能小于 {minimum}")
        return value

    def flag(self, key: str, default: bool | _Missing = MISSING) -> bool:
        value = self._get(key, default)
        if not isinstance(value, bool):
            raise self.fail(key, "应当是 true 或 false")
        return value

    def texts(
        self, key: str, default: tuple[str, ...] | _Missing = MISSING, *, length: int | None = None
    ) -> tuple[str, ...]:
        """A list of non-empty strings; ``length`` fixes how many (table columns, say)."""
        value = self._get(key, default)
        if isinstance(value, tuple):
            return value  # the default
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(key, '应当是一组不为空的文字，例如 ["甲", "乙"]')
        if length is not None and len(value) != length:
            raise self.fail(key, f"应当正好有 {length} 项，现在有 {len(value)} 项")
        return tuple(value)

    def table(self, key: str, default: Mapping[str, Any] | _Missing = MISSING) -> Node:
        value = self._get(key, default)
        if not isinstance(value, Mapping):
            raise self.fail(key, f"应当是一个表（[{self.key(key)}]）")
        return self.child(value, self.key(key))

    def tables(self, key: str, *, required: bool = True) -> list[Node]:
        """An array of tables (``[[key]]``), each named ``key[n]`` (from 1) in refusals; an
        empty array is refused when ``required``."""
        value = self._get(key, MISSING if required else [])
        if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
            raise self.fail(key, f"应当写成一组 [[{self.key(key)}]]")
        if required and not value:
            raise self.fail(key, "一项也没有")
        return [self.child(v, f"{self.key(key)}[{i}]") for i, v in enumerate(value, 1)]

    def text_map(self, key: str) -> dict[str, str]:
        """A table whose every value is a non-empty string (key -> text)."""
        node = self.table(key)
        return {k: node.text(k) for k in node}


def unique(nodes: list[Node], field: str) -> None:
    """Refuse two entries with the same ``field`` (codes, ids, keys)."""
    seen: set[str] = set()
    for node in nodes:
        value = node.text(field)
        if value in seen:
            raise node.fail(field, f"“{value}”重复了")
        seen.add(value)
