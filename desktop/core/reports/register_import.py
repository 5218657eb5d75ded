"""Bringing in an old Excel 台账 (issue 14, point 6). Three steps, and nothing is written before
the last one:

1. ``read_sheet`` (in :mod:`register_import_sheet`): the workbook's first sheet, its header
   row found, each column's meaning guessed from its heading
   (``resources/reports/register_import.toml``) for the user to confirm or change;
2. ``plan_import``: every row read with the confirmed mapping into a case to add, a duplicate to
   skip (the same parties' ID numbers and the same 受理日期 already in the file, or earlier in
   the sheet), or a refusal naming the row and the reason (bad ID number, unreadable date …);
3. ``apply_import``: the planned cases written in one transaction, as closed historical cases
   (they are past records: no deadline of theirs appears in 今日), with an audit entry each and
   the import recorded in ``register_imports``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from desktop.core.errors import ValidationError
from desktop.core.reports.register_documents import read_document_cell
from desktop.core.reports.register_import_sheet import (
    MAX_ROWS,
    ImportField,
    Sheet,
    guess_mapping,
    import_fields,
    others_sentence,
    read_sheet,
)
from desktop.core.reports.register_import_sides import NOTHING, side
from desktop.core.validation.dates import normalise_date_text, parse_date
from desktop.core.validation.idcard import CHECKED_ID_TYPES, check_id_number
from desktop.core.validation.money import parse_yuan
from desktop.core.validation.names import normalise_name_dots
from desktop.core.validation.phone import check_phone

if TYPE_CHECKING:
    from desktop.core.store.store import Store

# ImportField, Sheet, guess_mapping, import_fields and read_sheet (step 1) live in
# register_import_sheet; they are named here too, as callers know the import by this module.
__all__ = [
    "MAX_ROWS",
    "ImportField",
    "ImportPlan",
    "Planned",
    "Refusal",
    "Sheet",
    "apply_import",
    "check_mapping",
    "guess_mapping",
    "import_fields",
    "mapping_json",
    "others_sentence",
    "plan_import",
    "read_sheet",
    "summary",
]

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
_NOTHING = NOTHING
_WAN = re.compile(r"\s*([0-9.,，]+)\s*万元?\s*")
_PERSONS = re.compile(r"\s*[人名个]\s*$")
_IN_PROGRESS = ("调解中", "在办", "未结", "进行中", "正在调解", "办理中", "待调解", "受理中")
_ORGANISATION = re.compile(r"(公司|厂|店|合作社|委员会|中心|学校|医院|银行|集团|事务所)$")


@dataclass(frozen=True, slots=True)
class Refusal:
    row: int  # Excel row number
    reason: str

    def __str__(self) -> str:
        return f"第 {self.row} 行：{self.reason}"


@dataclass(slots=True)
class Planned:
    row: int
    values: dict[str, Any]
    parties: list[dict[str, Any]]


@dataclass(slots=True)
class ImportPlan:
    sheet: Sheet
    mapping: tuple[str | None, ...]
    add: list[Planned] = field(default_factory=list)
    duplicates: list[int] = field(default_factory=list)  # Excel row numbers skipped
    refused: list[Refusal] = field(default_factory=list)


def check_mapping(mapping: tuple[str | None, ...], headers: tuple[str, ...] | None = None) -> None:
    """Refuse a mapping that leaves out a required field or uses one twice (naming the two
    columns by their headings when ``headers`` are given)."""
    names = {f.field: f.name for f in import_fields()}
    used = [m for m in mapping if m]
    twice = sorted({m for m in used if used.count(m) > 1})
    if twice:
        columns = ""
        if headers is not None:
            cols = [f"“{headers[i] or i + 1}”" for i, m in enumerate(mapping) if m == twice[0]]
            columns = f"（{'和'.join(cols)}两列）"
        raise ValidationError(
            f"“{'、'.join(names[m] for m in twice)}”对应了两列{columns}，请只留一列，"
            "另一列改成别的项目或“不导入”。"
        )
    if "parties" in used and {"applicant", "respondent"} & set(used):
        raise ValidationError(
            "“当事人”一列已经包含双方，就不要再指定“申请人”“被申请人”列；请只选一种。"
        )
    if "parties" in used:
        used.append("applicant")  # the first person of the 当事人 column applies
    missing = [f.name for f in import_fields() if f.required and f.field not in used]
    if missing:
        raise ValidationError(f"没有哪一列对应“{'、'.join(missing)}”，请指定后再导入。")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a number typed into a text column (an ID read as 3.3e17 is lost)
    return " ".join(str(value).split())


def _date(value: Any, label: str, today: date) -> date | None:
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
        text = _TIME_AFTER.sub("", _text(value))
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


def _id_text(value: Any, label: str) -> str:
    """An ID-number cell as text. A cell Excel holds as a number keeps only 15 significant
    digits (330482199001011232 becomes 3.30482199001011E+17): its last digits are lost, so it
    is refused with that reason instead of a wrong check digit."""
    if isinstance(value, float) and not isinstance(value, bool) and abs(value) >= 1e15:
        raise ValidationError(
            f"{label}证件号码在 Excel 中存成了数字（{value:.14E}），超过 15 位的数字 Excel "
            "只保留前 15 位，后几位已经丢失：请在原台账中把这一列设为“文本”格式，"
            "照证件重新输入号码后再导入。"
        )
    return _text(value)


def _party(role: str, name: str, number: str, phone: str, label: str) -> dict[str, Any]:
    party: dict[str, Any] = {"role": role, "kind": "自然人", "name": normalise_name_dots(name)}
    if _ORGANISATION.search(name):
        party["kind"] = "单位"
    number, id_type = read_document_cell(number)
    if number and id_type and id_type not in CHECKED_ID_TYPES:
        # A passport or other document: no national check, kept as written (clean_party).
        party.update(id_type=id_type, id_number=" ".join(number.split()).upper())
    elif number:
        if party["kind"] == "单位" or (len(number) == 18 and not number[:17].isdigit()):
            from desktop.core.validation.uscc import check_credit_code

            party["kind"] = "单位"
            party["credit_code"] = _checked(check_credit_code, number, f"{label}证件号码")
        else:
            info = _checked(
                lambda n: check_id_number(n, id_type=id_type), number, f"{label}证件号码"
            )
            party.update(
                id_number=info.number,
                id_type=info.id_type,
                gender=info.gender,
                birth_date=info.birth_date.isoformat(),
            )
    if phone:
        party["phone"] = _checked(check_phone, phone, f"{label}电话")
    return party


def _checked(check: Any, value: str, label: str) -> Any:
    try:
        return check(value)
    except ValidationError as exc:
        if f"“{value}”" in exc.message:  # the check names the value already: said once
            raise ValidationError(f"{label}：{exc.message}") from None
        raise ValidationError(f"{label}“{value}”不对：{exc.message}") from None


def _row_case(
    get: Any, categories: Any, today: date
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """One row -> (case values, parties); ValidationError names the reason."""
    accepted = _date(get("accepted_on"), "受理日期", today)
    if accepted is None:
        raise ValidationError("没有受理日期。")
    if get("parties") is not None and _text(get("parties")):
        # One 当事人 column for both sides: the first named applies, the others respond.
        everyone = side(get("parties"), get("parties_id"), get("parties_phone"), "当事人")
        applicants, respondents = everyone[:1], everyone[1:]
    else:
        applicants = side(get("applicant"), get("applicant_id"), get("applicant_phone"), "申请人")
        respondents = side(
            get("respondent"), get("respondent_id"), get("respondent_phone"), "被申请人"
        )
    if not applicants:
        raise ValidationError("没有申请人姓名。")
    parties = [
        _party(role, name, _id_text(number, role), _text(phone), role)
        for role, people in (("申请人", applicants), ("被申请人", respondents))
        for name, number, phone in people
    ]
    status = _status(_text(get("result")))
    agreed = _date(get("agreement_on"), "协议日期", today)
    if agreed is not None and agreed < accepted:
        raise ValidationError(
            f"协议日期 {agreed.isoformat()} 早于受理日期 {accepted.isoformat()}。"
        )
    amount = _blank_if_none(_text(get("amount")))
    category_text = _text(get("category"))
    remarks = [_text(get("remarks"))]
    try:
        code = categories.by_name(category_text).code if category_text else "99"
    except ValidationError:
        code = "99"  # kept readable: the old register's own word goes into the remarks
        remarks.append(f"原台账纠纷类型：{category_text}")
    mediator = _text(get("mediator"))
    if mediator:
        remarks.append(f"原台账承办人：{mediator}")
    people = _blank_if_none(_text(get("people")))
    difficulty = _text(get("difficulty"))
    values = {
        "case_no": _text(get("case_no")),
        "accepted_on": accepted.isoformat(),
        "source": _text(get("source")),
        "category_code": code,
        # From the stored names, so a dotted name reads the same in the title (one "·").
        "title": _text(get("title")) or _title(parties),
        "facts": _text(get("facts")),
        "amount_fen": _checked(_yuan, amount, "涉及金额") if amount else None,
        "people_count": _people(people, len(parties)),
        "status": status,
        "agreement_on": (agreed or accepted).isoformat() if status == "调解成功" else None,
        "closed_on": (agreed or accepted).isoformat(),
        "difficulty": difficulty if difficulty in ("简单", "一般", "疑难复杂") else "",
        "platform_no": _text(get("platform_no")),
        "remarks": "；".join(r for r in remarks if r),
        "mediator_name": mediator,
    }
    return values, parties


def _title(parties: list[dict[str, Any]]) -> str:
    """张三、王五与李四纠纷: each side's names joined by 、, the sides by 与."""
    sides = [
        "、".join(p["name"] for p in parties if p["role"] == role)
        for role in ("申请人", "被申请人")
    ]
    return "与".join(s for s in sides if s) + "纠纷"


def _blank_if_none(text: str) -> str:
    """Registers write 无, /, — or - in a cell that has nothing: read as empty."""
    return "" if text in _NOTHING else text


def _yuan(text: str) -> int:
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


def _people(text: str, default: int) -> int:
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


def _status(text: str) -> str:
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


def _key(values: dict[str, Any], parties: list[dict[str, Any]]) -> tuple[str, ...]:
    """What makes two rows the same dispute: the parties' ID numbers (names when a party has
    none) and the 受理日期."""
    who = sorted(p.get("id_number") or p.get("credit_code") or "名:" + p["name"] for p in parties)
    return (values["accepted_on"], *who)


def _existing_keys(store: Store) -> set[tuple[str, ...]]:
    keys: dict[int, list[str]] = {}
    for case_id, number, credit, name in store.db.execute(
        "SELECT case_id, id_number, credit_code, name FROM parties WHERE role != '第三人'"
    ):
        keys.setdefault(case_id, []).append(number or credit or "名:" + name)
    out = set()
    for case_id, accepted in store.db.execute("SELECT id, accepted_on FROM cases"):
        out.add((accepted, *sorted(keys.get(case_id, []))))
    return out


def plan_import(
    store: Store, sheet: Sheet, mapping: tuple[str | None, ...] | None = None
) -> ImportPlan:
    """Read every row with ``mapping`` (the guess when None). Writes nothing."""
    from desktop.core.categories import load_categories

    mapping = tuple(mapping if mapping is not None else sheet.guess)
    if len(mapping) != len(sheet.headers):
        raise ValidationError("列的对应关系与表头的列数不一致，请重新选择文件。")
    check_mapping(mapping, sheet.headers)
    index = {f: i for i, f in enumerate(mapping) if f}
    categories = load_categories()
    seen = _existing_keys(store)
    plan = ImportPlan(sheet, mapping)
    for row_no, values in sheet.rows:

        def get(name: str, values: tuple[Any, ...] = values) -> Any:
            i = index.get(name)
            return values[i] if i is not None and i < len(values) else None

        try:
            case, parties = _row_case(get, categories, store.today())
        except ValidationError as exc:
            plan.refused.append(Refusal(row_no, exc.message))
            continue
        key = _key(case, parties)
        if key in seen:
            plan.duplicates.append(row_no)
            continue
        seen.add(key)
        plan.add.append(Planned(row_no, case, parties))
    return plan


def apply_import(store: Store, plan: ImportPlan, *, actor: str | None = None) -> list[int]:
    """Write the planned cases in one transaction (all or nothing); returns their ids."""
    from desktop.core.reports.register_write import write_planned

    return write_planned(store, plan, actor=actor)


def summary(plan: ImportPlan) -> str:
    return (
        f"共 {len(plan.sheet.rows)} 行：将导入 {len(plan.add)} 件，"
        f"已有而跳过 {len(plan.duplicates)} 行，不能导入 {len(plan.refused)} 行。"
    )


def mapping_json(plan: ImportPlan) -> str:
    return json.dumps(
        {h: m for h, m in zip(plan.sheet.headers, plan.mapping, strict=True) if m},
        ensure_ascii=False,
    )
