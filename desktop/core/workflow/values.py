"""Typed field values: turn what a form or the CLI hands in into the one canonical Python
value for the field's kind (refusing bad input with a Chinese message naming the field), and
encode/decode those values for JSON storage."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from desktop.core.categories import load_categories
from desktop.core.errors import ValidationError
from desktop.core.plaintext import one_line, printable
from desktop.core.validation.dates import check_not_after_today, check_not_before, parse_date
from desktop.core.validation.idcard import check_id_number
from desktop.core.validation.money import parse_yuan
from desktop.core.validation.phone import check_phone
from desktop.core.validation.uscc import check_credit_code
from desktop.core.workflow.spec import FieldSpec

_TRUE = {"是", "true", "1", "yes", "y", "对", "已"}
_FALSE = {"否", "false", "0", "no", "n", "未", ""}


def _blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def coerce(field: FieldSpec, raw: Any) -> Any:
    """The canonical value of ``raw`` for ``field``; None when left empty."""
    kind = field.kind
    if kind == "multichoice":
        return _coerce_multi(field, raw)
    if kind == "bool":
        return _coerce_bool(field, raw)
    if _blank(raw):
        return None
    try:
        return _COERCERS[kind](field, raw)
    except ValidationError as exc:
        if exc.field is None or exc.field != field.id:
            raise ValidationError(_with_label(field, exc.message), field=field.id) from exc
        raise


def check_happened(field: FieldSpec, value: Any, today: date) -> None:
    """Refuse a date ``value`` of ``field`` outside the days it may have (the field's
    ``happened`` in resources/workflows): after ``today`` for a date of something that has
    happened, before the workflow's earliest date for a day of the case's handling. Anything
    not a date passes. Raises ValidationError naming the field."""
    if not isinstance(value, date):
        return
    if field.not_after_today:
        check_not_after_today(value, field.label, today, field=field.id)
    if field.not_before is not None:
        check_not_before(value, field.label, field.not_before, field=field.id)


def check_all_happened(fields: Iterable[FieldSpec], values: Mapping[str, Any], today: date) -> None:
    """:func:`check_happened` for each of ``fields`` that ``values`` holds."""
    for f in fields:
        if f.id in values:
            check_happened(f, values[f.id], today)


def _with_label(field: FieldSpec, message: str) -> str:
    return message if field.label in message else f"{field.label}：{message}"


def _text(field: FieldSpec, raw: Any) -> str:
    # Pasted text brings controls (Word's \x0b) and SQLite/XML cannot hold lone surrogates:
    # the store keeps only what every writer (PDF, Word, Excel, CSV, JSON) can write; a
    # one-line field (a name) keeps no line break either.
    if field.kind == "multiline":
        return printable(str(raw)).strip()
    return one_line(str(raw))


def _date(field: FieldSpec, raw: Any) -> date:
    return parse_date(raw, field=field.id)


def _choice(field: FieldSpec, raw: Any) -> str:
    value = str(raw).strip()
    if value not in field.choices:
        allowed = "、".join(field.choices)
        raise ValidationError(f"“{field.label}”只能选：{allowed}。", field=field.id)
    return value


def _int(field: FieldSpec, raw: Any) -> int:
    try:
        value = int(str(raw).strip())
    except ValueError:
        raise ValidationError(f"“{field.label}”应填整数，例如 3。", field=field.id) from None
    if value < 0:
        raise ValidationError(f"“{field.label}”不能是负数。", field=field.id)
    return value


def _money(field: FieldSpec, raw: Any) -> int:
    if isinstance(raw, int) and not isinstance(raw, bool):
        raise ValidationError(f"“{field.label}”请以元为单位的文字传入。", field=field.id)
    return parse_yuan(raw, field=field.id)


def _category(field: FieldSpec, raw: Any) -> str:
    cats = load_categories()
    text = str(raw).strip()
    try:
        return cats.by_code(text).code
    except ValidationError:
        return cats.by_name(text).code


def _mediator(field: FieldSpec, raw: Any) -> int:
    return _int(field, raw)


def _id_number(field: FieldSpec, raw: Any) -> str:
    return check_id_number(str(raw), field=field.id).number


def _phone(field: FieldSpec, raw: Any) -> str:
    return check_phone(str(raw), field=field.id)


def _credit(field: FieldSpec, raw: Any) -> str:
    return check_credit_code(str(raw), field=field.id)


_COERCERS = {
    "text": _text,
    "multiline": _text,
    "date": _date,
    "choice": _choice,
    "int": _int,
    "money": _money,
    "category": _category,
    "mediator": _mediator,
    "id_number": _id_number,
    "phone": _phone,
    "credit_code": _credit,
}


def _coerce_bool(field: FieldSpec, raw: Any) -> bool | None:
    if raw is None:
        return None
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValidationError(f"“{field.label}”请回答“是”或“否”。", field=field.id)


def _coerce_multi(field: FieldSpec, raw: Any) -> tuple[str, ...]:
    if _blank(raw):
        return ()
    items: Iterable[Any] = raw.replace("，", ",").split(",") if isinstance(raw, str) else raw
    values = tuple(dict.fromkeys(str(x).strip() for x in items if str(x).strip()))
    bad = [v for v in values if v not in field.choices]
    if bad:
        allowed = "、".join(field.choices)
        raise ValidationError(
            f"“{field.label}”中的“{'、'.join(bad)}”不在可选项内（{allowed}）。", field=field.id
        )
    for only in field.exclusive:
        others = [v for v in values if v != only]
        if only in values and others:
            raise ValidationError(
                f"“{field.label}”选了“{only}”，就不能再选“{'、'.join(others)}”，请只保留实际情况。",
                field=field.id,
            )
    return values


def encode(value: Any) -> Any:
    """JSON-safe form of a canonical value."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def decode(field: FieldSpec, stored: Any) -> Any:
    if stored is None:
        return () if field.kind == "multichoice" else None
    if field.kind == "date" and isinstance(stored, str):
        return date.fromisoformat(stored)
    if field.kind == "multichoice":
        return tuple(stored)
    return stored
