"""Field-by-field validation of received packages against the format's JSON Schemas
(resources/exchange/*.schema.json, draft-07), compiled once with ``fastjsonschema`` (a
maintained validator that compiles a schema to Python: 50,000 case lines are checked in
seconds, where an interpreting validator would take minutes).

Formats beyond the standard regexes are real checks: ``date`` is a real calendar date
(2026-02-30 is refused), ``local-datetime`` a real ISO time, ``id-number`` a GB 11643 number
with its check digit (or a masked one), ``json-list``/``json-object`` the JSON text the cases
table stores. A refusal names the case line, the case number and the field in Chinese."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import fastjsonschema

from desktop.core.errors import ResourceError
from desktop.core.paths import resource

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?$")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_MASKED_ID = re.compile(r"^[0-9]{6}\*+[0-9Xx]{4}$|^\*+$")
_PHONE = re.compile(r"^[0-9*+\- ()转]*$")


def _real_date(text: str) -> bool:
    if not _DATE.match(text):
        return False
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return False
    return 1900 <= day.year <= 2200


def _real_datetime(text: str) -> bool:
    if not _DATETIME.match(text):
        return False
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return False
    return 1900 <= moment.year <= 2200


def _id_number(text: str) -> bool:
    if text == "":
        return True
    if "*" in text:
        return bool(_MASKED_ID.match(text))
    from desktop.core.errors import ValidationError
    from desktop.core.validation.idcard import check_id_number

    try:
        check_id_number(text)
    except ValidationError:
        return False
    return True


def _json_of(kind: type) -> Callable[[str], bool]:
    def check(text: str) -> bool:
        try:
            value = json.loads(text)
        except (ValueError, RecursionError):
            return False
        if kind is list:
            return isinstance(value, list) and all(isinstance(v, str) for v in value)
        return isinstance(value, dict)

    return check


def _month(text: str) -> bool:
    return bool(re.match(r"^\d{4}-(0[1-9]|1[0-2])$", text))


FORMATS: dict[str, Callable[[str], bool]] = {
    "date": _real_date,
    "local-datetime": _real_datetime,
    "uuid": lambda t: bool(_UUID.match(t)),
    "uuid-or-empty": lambda t: t == "" or bool(_UUID.match(t)),
    "id-number": _id_number,
    "phone-or-masked": lambda t: bool(_PHONE.match(t)),
    "json-list": _json_of(list),
    "json-object": _json_of(dict),
    "month": _month,
}

_REASONS = {
    "format": "不是有效的值（日期须是真实存在的日期，身份证号须能通过校验）",
    "enum": "不是允许的取值",
    "const": "不是允许的取值",
    "type": "类型不对",
    "minimum": "太小",
    "maximum": "太大",
    "minLength": "不能为空",
    "maxLength": "太长",
    "pattern": "格式不对",
    "required": "缺少必填项",
    "additionalProperties": "含有不认识的项目",
    "maxItems": "条数太多",
    "maxProperties": "项目太多",
    "propertyNames": "项目名称不对",
}


def load_schema(path: Path) -> Callable[[Any], Any]:
    """The compiled validator of the JSON Schema at ``path``. Raises ResourceError naming the
    file when it is missing, not JSON or not a schema fastjsonschema can compile."""
    whole = "整个文件"
    try:
        schema = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ResourceError.at(path.name, whole, "文件不见了") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ResourceError.at(path.name, whole, f"不是有效的 JSON（{exc}）") from None
    try:
        compiled: Callable[[Any], Any] = fastjsonschema.compile(schema, formats=FORMATS)
        return compiled
    except Exception as exc:  # fastjsonschema raises many kinds for a malformed schema
        raise ResourceError.at(path.name, whole, f"不是有效的 JSON Schema（{exc}）") from None


@cache
def validator(name: str) -> Callable[[Any], Any]:
    """The compiled validator of ``resources/exchange/<name>.schema.json``."""
    return load_schema(resource("exchange", f"{name}.schema.json"))


def problem(name: str, value: Any) -> str | None:
    """None when ``value`` satisfies the schema ``name``; otherwise a Chinese phrase naming the
    field (its title and path) and what is wrong with it, e.g.
    ``“受理日期”（case.accepted_on）不是有效的值…：2026-02-30``."""
    try:
        validator(name)(value)
    except fastjsonschema.JsonSchemaValueException as exc:
        return describe(exc)
    return None


def describe(exc: fastjsonschema.JsonSchemaValueException) -> str:
    path = [str(p) for p in (exc.path or [])[1:]]
    definition = exc.definition if isinstance(exc.definition, dict) else {}
    title = definition.get("title", "")
    where = ".".join(path) or "整行"
    label = f"“{title}”（{where}）" if title else f"“{where}”"
    reason = _REASONS.get(exc.rule or "", "不符合格式要求")
    shown = exc.value
    if isinstance(shown, str | int | float) and not isinstance(shown, bool):
        text = str(shown)
        return f"{label}{reason}：{text[:40]}{'…' if len(text) > 40 else ''}"
    return f"{label}{reason}"
