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
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from desktop.core.errors import ValidationError
from desktop.core.reports.register_documents import read_document_cell
from desktop.core.reports.register_import_cells import (
    amount_fen,
    blank_if_none,
    cell_date,
    cell_text,
    checked_value,
    id_text,
    people_count,
    result_status,
)
from desktop.core.reports.register_import_levels import level_spellings, row_levels
from desktop.core.reports.register_import_sheet import (
    MAX_ROWS,
    ImportField,
    Sheet,
    guess_mapping,
    import_fields,
    others_sentence,
    read_sheet,
)
from desktop.core.reports.register_import_sides import side
from desktop.core.reports.register_import_units import is_unit
from desktop.core.validation.idcard import CHECKED_ID_TYPES, check_id_number
from desktop.core.validation.names import tidy_name
from desktop.core.validation.phone import check_phone

if TYPE_CHECKING:
    from desktop.core.store.store import Store
    from desktop.core.workflow.spec import WorkflowSpec

    #: How level cells are read: (spellings -> number, the workflow).
    Levels = tuple[dict[str, int], WorkflowSpec]

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


def _party(role: str, name: str, number: str, phone: str, label: str) -> dict[str, Any]:
    party: dict[str, Any] = {"role": role, "kind": "自然人", "name": tidy_name(name)}
    if is_unit(party["name"]):
        party["kind"] = "单位"
    number, id_type = read_document_cell(number)
    if number and id_type and id_type not in CHECKED_ID_TYPES:
        # A passport or other document: no national check, kept as written (clean_party).
        party.update(id_type=id_type, id_number=" ".join(number.split()).upper())
    elif number:
        if party["kind"] == "单位" or (len(number) == 18 and not number[:17].isdigit()):
            from desktop.core.validation.uscc import check_credit_code

            party["kind"] = "单位"
            party["credit_code"] = checked_value(check_credit_code, number, f"{label}证件号码")
        else:
            info = checked_value(
                lambda n: check_id_number(n, id_type=id_type), number, f"{label}证件号码"
            )
            party.update(
                id_number=info.number,
                id_type=info.id_type,
                gender=info.gender,
                birth_date=info.birth_date.isoformat(),
            )
    if phone:
        party["phone"] = checked_value(check_phone, phone, f"{label}电话")
    return party


def _row_case(
    get: Any, categories: Any, today: date, levels: Levels | None = None
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """One row -> (case values, parties); ValidationError names the reason. ``levels``: how
    the level columns are read (None: they are not, the committee's level is taken)."""
    accepted = cell_date(get("accepted_on"), "受理日期", today)
    if accepted is None:
        raise ValidationError("没有受理日期。")
    if get("parties") is not None and cell_text(get("parties")):
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
        _party(role, name, id_text(number, role), cell_text(phone), role)
        for role, people in (("申请人", applicants), ("被申请人", respondents))
        for name, number, phone in people
    ]
    status = result_status(cell_text(get("result")))
    agreed = cell_date(get("agreement_on"), "协议日期", today)
    if agreed is not None and agreed < accepted:
        raise ValidationError(
            f"协议日期 {agreed.isoformat()} 早于受理日期 {accepted.isoformat()}。"
        )
    amount = blank_if_none(cell_text(get("amount")))
    category_text = cell_text(get("category"))
    remarks = [cell_text(get("remarks"))]
    try:
        code = categories.by_name(category_text).code if category_text else "99"
    except ValidationError:
        code = "99"  # kept readable: the old register's own word goes into the remarks
        remarks.append(f"原台账纠纷类型：{category_text}")
    mediator = cell_text(get("mediator"))
    if mediator:
        remarks.append(f"原台账承办人：{mediator}")
    people = blank_if_none(cell_text(get("people")))
    difficulty = cell_text(get("difficulty"))
    values = {
        "case_no": cell_text(get("case_no")),
        "accepted_on": accepted.isoformat(),
        "source": cell_text(get("source")),
        "category_code": code,
        # From the stored names, so a dotted name reads the same in the title (one "·").
        "title": cell_text(get("title")) or _title(parties),
        "facts": cell_text(get("facts")),
        "amount_fen": checked_value(amount_fen, amount, "涉及金额") if amount else None,
        "people_count": people_count(people, len(parties)),
        "status": status,
        "agreement_on": (agreed or accepted).isoformat() if status == "调解成功" else None,
        "closed_on": (agreed or accepted).isoformat(),
        "difficulty": difficulty if difficulty in ("简单", "一般", "疑难复杂") else "",
        "platform_no": cell_text(get("platform_no")),
        "remarks": "；".join(r for r in remarks if r),
        "mediator_name": mediator,
        **(
            row_levels(get, *levels, succeeded=status == "调解成功")
            if levels is not None
            else dict.fromkeys(("level_start", "level_now", "level_resolved"))
        ),
    }
    return values, parties


def _title(parties: list[dict[str, Any]]) -> str:
    """张三、王五与李四纠纷: each side's names joined by 、, the sides by 与."""
    sides = [
        "、".join(p["name"] for p in parties if p["role"] == role)
        for role in ("申请人", "被申请人")
    ]
    return "与".join(s for s in sides if s) + "纠纷"


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
    spec = store.catalog.latest()
    levels = (level_spellings(spec), spec)
    seen = _existing_keys(store)
    plan = ImportPlan(sheet, mapping)
    for row_no, values in sheet.rows:

        def get(name: str, values: tuple[Any, ...] = values) -> Any:
            i = index.get(name)
            return values[i] if i is not None and i < len(values) else None

        fault = sheet.shape_fault(values)
        if fault is not None:
            plan.refused.append(Refusal(row_no, fault))
            continue
        try:
            case, parties = _row_case(get, categories, store.today(), levels)
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
