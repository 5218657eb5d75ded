"""Rows to value objects and back. Kept apart so the repositories read as rules, not
plumbing."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from desktop.core.categories import load_categories
from desktop.core.models import Case, CaseStatus, Party, Record
from desktop.core.workflow.spec import FieldSpec, WorkflowSpec
from desktop.core.workflow.values import decode

#: Record kind -> table. Money fields are stored in fen in ``<id>_fen`` columns.
RECORD_TABLES = {
    "investigation": "investigations",
    "session": "sessions",
    "term": "terms",
    "return_visit": "return_visits",
    "receipt": "receipts",
}


def column_of(field: FieldSpec) -> str:
    return f"{field.id}_fen" if field.kind == "money" else field.id


def to_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def must_date(value: str) -> date:
    """A date from a NOT NULL column (escalated_on, terminated_on …)."""
    return date.fromisoformat(value)


def case_from_row(row: dict[str, Any]) -> Case:
    try:
        category_name = load_categories().by_code(row["category_code"]).name
    except Exception:  # noqa: BLE001 - an edited category list must not hide old cases
        category_name = row["category_code"]
    return Case(
        id=row["id"],
        uuid=row["uuid"],
        case_no=row["case_no"],
        workflow_id=row["workflow_id"],
        workflow_version=row["workflow_version"],
        category_code=row["category_code"],
        category_name=category_name,
        source=row["source"],
        title=row["title"],
        status=CaseStatus(row["status"]),
        step_now=row["step_now"],
        completed_steps=tuple(json.loads(row["completed_steps"])),
        level_now=row["level_now"],
        level_start=row["level_start"],
        level_resolved=row["level_resolved"],
        accepted_on=date.fromisoformat(row["accepted_on"]),
        agreement_on=to_date(row["agreement_on"]),
        closed_on=to_date(row["closed_on"]),
        agreement_form=row["agreement_form"],
        judicial_confirmation=row["judicial_confirmation"],
        amount_fen=row["amount_fen"],
        people_count=row["people_count"],
        risk_flags=tuple(json.loads(row["risk_flags"])),
        facts=row["facts"],
        requests=row["requests"],
        mediator_id=row["mediator_id"],
        step_values=json.loads(row["step_values"]),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        difficulty=row.get("difficulty") or "",
        platform_no=row.get("platform_no") or "",
        occurred_on=to_date(row.get("occurred_on")),
        occurred_place=row.get("occurred_place") or "",
        special_groups=tuple(json.loads(row.get("special_groups") or "[]")),
        risk_level=row.get("risk_level") or "",
        remarks=row.get("remarks") or "",
    )


def field_values(spec: WorkflowSpec, case: Case) -> dict[str, Any]:
    """Every step field's canonical value, from its column or from ``step_values``."""
    values: dict[str, Any] = {}
    for f in spec.all_fields().values():
        if f.column:
            values[f.id] = column_value(case, f)
        else:
            values[f.id] = decode(f, case.step_values.get(f.id))
    return values


def column_value(case: Case, f: FieldSpec) -> Any:
    raw = getattr(case, f.column or f.id)
    if f.kind == "multichoice":
        return tuple(raw)
    if isinstance(raw, str) and raw == "" and f.kind in ("choice", "text", "multiline"):
        return None
    return raw


def column_encode(f: FieldSpec, value: Any) -> Any:
    """Value for a ``cases`` column (NOT NULL text columns take '' for empty)."""
    if f.kind == "multichoice":
        return json.dumps(list(value or ()), ensure_ascii=False)
    if isinstance(value, date):
        return value.isoformat()
    if value is None and f.kind in ("text", "multiline", "choice", "category"):
        return ""
    return value


def party_from_row(row: dict[str, Any]) -> Party:
    return Party(
        id=row["id"],
        case_id=row["case_id"],
        seq=row["seq"],
        role=row["role"],
        kind=row["kind"],
        name=row["name"],
        gender=row["gender"],
        ethnicity=row["ethnicity"],
        birth_date=to_date(row["birth_date"]),
        age=row["age"],
        id_number=row["id_number"],
        occupation=row["occupation"],
        phone=row["phone"],
        address=row["address"],
        credit_code=row["credit_code"],
        legal_rep=row["legal_rep"],
        agent_name=row["agent_name"],
        agent_phone=row["agent_phone"],
        agent_authority=row["agent_authority"],
        id_type=row.get("id_type") or "",
    )


def record_from_row(kind: str, fields: tuple[FieldSpec, ...], row: dict[str, Any]) -> Record:
    values: dict[str, Any] = {}
    for f in fields:
        raw = row.get(column_of(f))
        if f.kind == "bool":
            values[f.id] = bool(raw)
        else:
            values[f.id] = to_date(raw) if f.kind == "date" else raw
    return Record(id=row["id"], case_id=row["case_id"], kind=kind, seq=row["seq"], values=values)


def row_encode(f: FieldSpec, value: Any) -> Any:
    """Value for a record or party column."""
    if isinstance(value, date):
        return value.isoformat()
    if f.kind == "bool":
        return 1 if value else 0  # INTEGER NOT NULL DEFAULT 0 (sessions.onsite)
    if value is None and f.kind not in ("date", "int", "money"):
        return ""
    return value
