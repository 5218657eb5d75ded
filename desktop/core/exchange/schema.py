"""Field-by-field validation of received packages against the format's JSON Schemas
(resources/exchange/*.schema.json, draft-07), compiled once with ``jsonschema-rs`` (a
maintained validator in Rust: 50,000 case lines are checked in about a second, where an
interpreting Python validator would take minutes).

Formats beyond the standard regexes are real checks: ``date`` is a real calendar date
(2026-02-30 is refused), ``local-datetime`` a real ISO time, ``id-number`` a GB 11643 number
with its check digit (or a masked one), ``json-list``/``json-object`` the JSON text the cases
table stores. A refusal names the case line, the case number and the field in Chinese: by the
titles the schemas give every field and every group of fields (a table of names that is the
schema itself), never by its path of Latin names."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import jsonschema_rs
import orjson

from desktop.core.errors import ResourceError, ValidationError, os_reason
from desktop.core.paths import resource
from desktop.core.resources import logged, parser_place
from desktop.core.validation.idcard import check_id_number, is_plain_valid_resident

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# The time of day is checked whole by the pattern (hours 00-23, minutes and seconds 00-59),
# the date part by the calendar.
_DATETIME = re.compile(r"(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?", re.ASCII)
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_MASKED_ID = re.compile(r"^[0-9]{6}\*+[0-9Xx]{4}$|^\*+$")
_PHONE = re.compile(r"^[0-9*+\- ()转]*$")


@lru_cache(maxsize=8192)
def _real_date(text: str) -> bool:
    # Cached: a package's 30 times per case fall on a few hundred days.
    if not _DATE.match(text):
        return False
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return False
    return 1900 <= day.year <= 2200


def _real_datetime(text: str) -> bool:
    found = _DATETIME.fullmatch(text)
    return found is not None and _real_date(found.group(1))


_LATEST = date(2200, 12, 31)


def _id_number(text: str) -> bool:
    if text == "":
        return True
    if "*" in text:
        return bool(_MASKED_ID.match(text))
    if is_plain_valid_resident(text, _LATEST):
        # Every number of a real package takes this path; anything else gets the full check.
        return True

    try:
        # Not against this computer's date: a receiver (or sender) with a dead CMOS clock
        # must not refuse real people's numbers; the check digit and birth date still count.
        check_id_number(text, today=_LATEST)
    except ValidationError:
        return False
    return True


def _json_of(kind: type) -> Callable[[str], bool]:
    def check(text: str) -> bool:
        try:
            value = orjson.loads(text)
        except orjson.JSONDecodeError:
            return False
        if kind is list:
            return isinstance(value, list) and all(isinstance(v, str) for v in value)
        return isinstance(value, dict)

    return check


def _month(text: str) -> bool:
    return bool(re.fullmatch(r"[0-9]{4}-(0[1-9]|1[0-2])", text))


#: What each format means, as Python. Dates, times, ids, phones and months are checked by the
#: ``pattern`` the schema gives beside the format (evaluated inside the validator: 30 times a
#: case line, a Python call each was a quarter of the import's validation);
#: tests/exchange/test_exchange_schema_patterns.py proves each pattern equals its function.
REFERENCE: dict[str, Callable[[str], bool]] = {
    "date": _real_date,
    "local-datetime": _real_datetime,
    "uuid": lambda t: bool(_UUID.fullmatch(t)),
    "uuid-or-empty": lambda t: t == "" or bool(_UUID.fullmatch(t)),
    "id-number": _id_number,
    "phone-or-masked": lambda t: bool(_PHONE.fullmatch(t)),
    "json-list": _json_of(list),
    "json-object": _json_of(dict),
    "month": _month,
}
#: Formats no pattern can express, checked by their Python function.
FORMATS = {name: REFERENCE[name] for name in ("id-number", "json-list", "json-object")}

#: What is wrong, by the validator's error kind; one hint per kind of value (a date is never
#: told about ID numbers).
_REASONS = {
    "Enum": "不是允许的取值",
    "Constant": "不是允许的取值",
    "Type": "类型不对",
    "Minimum": "太小",
    "ExclusiveMinimum": "太小",
    "Maximum": "太大",
    "ExclusiveMaximum": "太大",
    "MinLength": "不能为空",
    "MaxLength": "太长",
    "Pattern": "格式不对",
    "AdditionalProperties": "含有不认识的项目",
    "MaxItems": "条数太多",
    "MaxProperties": "项目太多",
    "PropertyNames": "项目名称不对",
}
#: The hint for a value of each format that is not valid.
_FORMAT_HINTS = {
    "date": "不是有效的日期（应为 1900 至 2200 年间真实存在的日期，如 2026-03-01）",
    "local-datetime": "不是有效的时间（应为 1900 至 2200 年间真实存在的 年-月-日T时:分:秒）",
    "id-number": "不是有效的身份证号（校验位不符或位数不对）",
    "uuid": "不是有效的标识",
    "uuid-or-empty": "不是有效的标识",
    "phone-or-masked": "不是有效的电话号码",
    "json-list": "不是有效的列表",
    "json-object": "不是有效的内容",
    "month": "不是有效的月份（应为 年-月，如 2026-03）",
}
#: The patterns of one-line texts (案号, 调委会名称, 所属地区): no line break or other control
#: character, which would break every sentence, list and 台账 row the text is printed in, and
#: no bidirectional override (a name written backwards after U+202E displays as another).
_ONE_LINE = "[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069]*$"
_ONE_LINE_REASON = "是空的，或含有换行等控制字符"
_UNSEEN = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]"
)


def visible(text: str, limit: int = 40) -> str:
    """A received text as a refusal quotes it: at most ``limit`` characters (then …), every
    line break, control or invisible character shown as □, so the sentence stays one line
    and says what is there."""
    cut = text[:limit] + ("…" if len(text) > limit else "")
    return _UNSEEN.sub("□", cut)


class SchemaValidator:
    """One compiled schema (jsonschema-rs: a maintained validator written in Rust, ~3x faster
    than the generated Python of fastjsonschema on our lines) and the schema itself, whose
    titles name a field in a refusal."""

    def __init__(self, schema: dict[str, Any]) -> None:
        self.schema = schema
        self._compiled = jsonschema_rs.validator_for(schema, formats=FORMATS, validate_formats=True)

    def problem(self, value: Any) -> str | None:
        """None when ``value`` fits; otherwise a Chinese phrase naming the field."""
        if self._compiled.is_valid(value):
            return None
        try:
            error = next(iter(self._compiled.iter_errors(value)), None)
        except ValueError:
            # jsonschema-rs reports errors only of values nested less than 255 deep (it raises
            # "Recursion limit reached"; is_valid merely says False): no line we write nests
            # deeper than 5, so such a value is named, not left to look like a damaged zip.
            return "内容嵌套过深（层数太多）"
        return "不符合格式要求" if error is None else self.describe(error)

    def _definition(self, schema_path: list[str | int]) -> dict[str, Any]:
        node: Any = self.schema
        for step in schema_path:
            try:
                node = node[step]
            except (KeyError, IndexError, TypeError):
                return {}
        return node if isinstance(node, dict) else {}

    def describe(self, error: jsonschema_rs.ValidationError) -> str:
        """The refusal in Chinese words only, the field named as the user knows it
        (:meth:`field_name`), the value quoted: ``受理日期“2026-02-30”不是有效的日期…``,
        ``第 2 位当事人的身份证号“330…”不是有效的身份证号…``; a missing field is named itself:
        ``第 1 位当事人缺少必填项“姓名（名称）”``."""
        path: list[str | int] = list(error.instance_path)
        kind = type(error.kind).__name__
        # The schema that holds the failing keyword (its last step is the keyword).
        holder = self._definition(list(error.schema_path)[:-1])
        where = self.field_name(path)
        if kind == "Required":
            missing = str(getattr(error.kind, "property", ""))
            title = holder.get("properties", {}).get(missing, {}).get("title", "")
            named = f"“{title}”" if title else "一项"
            return f"{where}缺少必填项{named}" if path else f"缺少必填项{named}"
        if kind == "AdditionalProperties":
            extra = [str(x) for x in getattr(error.kind, "unexpected", []) or []]
            shown = "、".join(f"“{visible(x)}”" for x in extra[:3])
            return f"{where or '这一行'}含有不认识的项目{shown}"
        if kind == "Format":
            reason = _FORMAT_HINTS.get(str(getattr(error.kind, "format", "")), "格式不对")
        elif kind == "Pattern" and holder.get("format") in _FORMAT_HINTS:
            reason = _FORMAT_HINTS[holder["format"]]
        elif kind == "Pattern" and str(holder.get("pattern", "")).endswith(_ONE_LINE):
            reason = _ONE_LINE_REASON
        else:
            reason = _REASONS.get(kind, "不符合格式要求")
        where = where or "这一行"
        value = error.instance
        if isinstance(value, str | int | float) and not isinstance(value, bool) and value != "":
            return f"{where}“{visible(str(value))}”{reason}"
        return f"{where}{reason}"

    def field_name(self, path: Sequence[str | int]) -> str:
        """The field at the instance ``path`` (["parties", 1, "id_number"]) in Chinese, from the
        schema's titles: ``第 2 位当事人的身份证号``. An object reached by its name (``case``,
        ``records``) is not said on the way to its fields (the refusal already names the case
        line), an array's element is counted (第 2 条调解记录), an entry of an open-ended object
        is named by its key (包内文件“cases.jsonl”的校验值); "" for the whole value."""
        node: dict[str, Any] = self.schema
        pieces: list[str] = []
        for at, step in enumerate(path):
            last = at == len(path) - 1
            items = node.get("items")
            if isinstance(step, int) and isinstance(items, dict):
                title = str(items.get("title") or node.get("title", ""))
                pieces.append(f"第 {step + 1} {_MEASURES.get(title, '条')}{title}")
                node = items
            elif str(step) in node.get("properties", {}):
                node = node["properties"][str(step)]
                if last or not _container(node):
                    pieces.append(str(node.get("title", "")) or "一项")
            elif isinstance(node.get("additionalProperties"), dict):
                node = node["additionalProperties"]
                pieces.append(f"{node.get('title', '')}“{str(step)[:40]}”")
            else:
                pieces.append(f"“{str(step)[:40]}”")
                node = {}
        return "的".join(pieces)


#: Measure words of counted elements (第 2 位当事人); other elements are counted with 条.
_MEASURES = {"当事人": "位", "月度排查填报": "个"}


def _container(node: dict[str, Any]) -> bool:
    """Whether ``node`` is an object or array of fields (said through its fields' names)."""
    kinds = node.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return "object" in kinds or "array" in kinds


def load_schema(path: Path) -> SchemaValidator:
    """The compiled validator of the JSON Schema at ``path``. Raises ResourceError (one Chinese
    sentence naming the file) when it is missing, not JSON or not a schema the validator can
    compile; the English detail goes to the log only."""
    whole = "整个文件"
    try:
        schema = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ResourceError.at(path.name, whole, "文件不见了") from None
    except UnicodeDecodeError:
        raise ResourceError.at(path.name, whole, "不是 UTF-8 编码的文本") from None
    except json.JSONDecodeError as exc:
        logged(exc, path.name)  # the parser's English detail: for the technician only
        raise ResourceError.at(path.name, whole, f"{parser_place(str(exc))}的写法不对") from None
    except OSError as exc:
        logged(exc, path.name)
        raise ResourceError.at(path.name, whole, f"读不出来（{os_reason(exc)}）") from None
    try:
        return SchemaValidator(schema)
    except (ValueError, TypeError) as exc:  # jsonschema-rs: ValidationError is a ValueError
        logged(exc, path.name)
        raise ResourceError.at(path.name, whole, "不是本程序能用的格式说明") from None


@cache
def validator(name: str) -> SchemaValidator:
    """The compiled validator of ``resources/exchange/<name>.schema.json``."""
    return load_schema(resource("exchange", f"{name}.schema.json"))


def problem(name: str, value: Any) -> str | None:
    """None when ``value`` satisfies the schema ``name``; otherwise a Chinese phrase naming the
    field (by the schema's titles, never its path of Latin names) and what is wrong with it,
    e.g. ``受理日期“2026-02-30”不是有效的日期…``."""
    return validator(name).problem(value)
