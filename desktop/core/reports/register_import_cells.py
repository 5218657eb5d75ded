"""Reading one cell of an old 台账 (issue 14, point 6): dates (an Excel serial, text with or
without a time), ID numbers Excel may have kept as numbers, amounts in yuan or 万, counts of
people and the 调解结果 — each refused in one Chinese sentence naming what is wrong. The rows
are put together in :mod:`register_import`."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from desktop.core.errors import ValidationError
from desktop.core.reports.register_import_sides import NOTHING
from desktop.core.validation.dates import normalise_date_text, parse_date
from desktop.core.validation.money import parse_yuan

_RESULTS = {
    "调解成功": ("调解成功", "成功", "已调解", "达成协议", "是", "调处成功", "化解"),
    "调解不成": ("调解不成", "不成", "失败", "调解失败", "未达成", "否", "未化解"),
    "已终止": ("终止", "已终止", "终止调解", "撤回", "撤诉", "撤销"),
    "已移交": ("移交", "已移交", "上报"),
}
# Excel counts days from 1899-12-30; serials of 2000-01-01 to 2100-12-31 are read as dates.
_EXCEL_EPOCH = date(1899, 12, 30)
_SERIAL_FIRST = (date(2000, 1, 1) - _EXCEL_EPOCH).days
_SERIAL_END = (date(2101, 1, 1) - _EXCEL_EPOCH).days
# A time typed or exported after the date: "2025/3/2 10:00", "2025-03-02 10:00:00".
_TIME_AFTER = re.compile(r"\s+\d{1,2}[:：]\d{2}([:：]\d{2}(\.\d+)?)?$")
_WAN = re.compile(r"\s*([0-9.,，]+)\s*万元?\s*")
_PERSONS = re.compile(r"\s*[人名个]\s*$")
_IN_PROGRESS = ("调解中", "在办", "未结", "进行中", "正在调解", "办理中", "待调解", "受理中")


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a number typed into a text column (an ID read as 3.3e17 is lost)
    return " ".join(str(value).split())


def cell_date(value: Any, label: str, today: date) -> date | None:
    """A date cell of an old register: a date, an Excel date serial in a cell formatted as a
    number (46083 = 2026-03-01), or text, with or without a time after it. Refused: text with
    no year (3月2日: the register is of past years), days after ``today`` or before 2000
    (a mistyped year; reports cover 2000 to 2100)."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime | date):
        day = value.date() if isinstance(value, datetime) else value
    elif (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and (_SERIAL_FIRST <= value < _SERIAL_END)
    ):
        day = _EXCEL_EPOCH + timedelta(days=int(value))
    else:
        text = _TIME_AFTER.sub("", cell_text(value))
        try:
            day = parse_date(text, today=today)
        except ValidationError as exc:
            raise ValidationError(f"{label}：{exc.message}") from None
        if not re.search(r"\d{4}", normalise_date_text(text)):
            raise ValidationError(f"{label}“{text}”没有写年份，请在原台账中补上年份。")
    if day > today:
        raise ValidationError(f"{label} {day.isoformat()} 晚于今天，请核对年份。")
    if day.year < 2000:
        raise ValidationError(f"{label} {day.isoformat()} 早于 2000 年，请核对年份。")
    return day


def id_text(value: Any, label: str) -> str:
    """An ID-number cell as text. A cell Excel holds as a number keeps only 15 significant
    digits (330482199001011232 becomes 3.30482199001011E+17): its last digits are lost, so it
    is refused with that reason instead of a wrong check digit."""
    if isinstance(value, float) and not isinstance(value, bool) and abs(value) >= 1e15:
        raise ValidationError(
            f"{label}证件号码在 Excel 中存成了数字（{value:.14E}），超过 15 位的数字 Excel "
            "只保留前 15 位，后几位已经丢失：请在原台账中把这一列设为“文本”格式，"
            "照证件重新输入号码后再导入。"
        )
    return cell_text(value)


def checked_value(check: Any, value: str, label: str) -> Any:
    try:
        return check(value)
    except ValidationError as exc:
        if f"“{value}”" in exc.message:  # the check names the value already: said once
            raise ValidationError(f"{label}：{exc.message}") from None
        raise ValidationError(f"{label}“{value}”不对：{exc.message}") from None


def blank_if_none(text: str) -> str:
    """Registers write 无, /, — or - in a cell that has nothing: read as empty."""
    return "" if text in NOTHING else text


def amount_fen(text: str) -> int:
    """An amount in fen: yuan as ``parse_yuan`` reads them, or in 万 (1.5万, 2万元) as
    registers often write large sums."""
    m = _WAN.fullmatch(unicodedata.normalize("NFKC", text))
    if not m:
        return parse_yuan(text)
    try:
        yuan = Decimal(m[1].replace(",", "").replace("，", "")) * 10_000
    except InvalidOperation:
        raise ValidationError(f"金额“{text}”不是数字，请只填数字，例如 1.5万 或 15000。") from None
    if yuan != yuan.quantize(Decimal("0.01")):
        raise ValidationError(f"金额“{text}”最多只能到分，请核对。")
    return parse_yuan(f"{yuan:.2f}")


def people_count(text: str, default: int) -> int:
    """涉及人数: a whole number, with or without 人/名 after it (3人, ３ 人)."""
    if not text:
        return default
    number = _PERSONS.sub("", unicodedata.normalize("NFKC", text))
    try:
        as_float = float(number)
    except ValueError:
        raise ValidationError(f"涉及人数“{text}”不是整数。") from None
    if not as_float.is_integer():
        raise ValidationError(f"涉及人数“{text}”不是整数。")
    value = int(as_float)
    if value < 0:
        raise ValidationError(f"涉及人数“{text}”不能是负数。")
    return value


def result_status(text: str) -> str:
    if not text:
        return "调解成功"  # a register lists settled disputes unless it says otherwise
    if any(w in text for w in _IN_PROGRESS):
        raise ValidationError(
            f"调解结果“{text}”表示还在调解：旧台账只导入已办结的案件，"
            "在办的案件请在本软件中登记后继续办理。"
        )
    for status, words in _RESULTS.items():
        if text in words or any(w in text for w in words if len(w) > 1):
            return status
    raise ValidationError(f"调解结果“{text}”看不懂，应为调解成功、调解不成、终止或移交。")
