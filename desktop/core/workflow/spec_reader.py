"""Reading a workflow TOML file into frozen specs (:mod:`spec`), checking everything up front
so a malformed file is refused at start with its name and the key at fault (WorkflowSpecError,
one Chinese sentence), never half-used."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from desktop.core.errors import WorkflowSpecError
from desktop.core.resources import Node, load_toml
from desktop.core.workflow.spec import (
    DEFAULT_ROUTES,
    EARLIEST_DATE,
    FIELD_KINDS,
    HAPPENED,
    ONSITE_TARGETS,
    PREFILLS,
    RECORD_KINDS,
    AlsoCounts,
    Condition,
    FieldSpec,
    LevelSpec,
    OnsiteSpec,
    RecordKindSpec,
    RecordRequirement,
    StepSpec,
    WorkflowSpec,
)


def _condition(node: Node, key: str) -> Condition | None:
    """``when = { field = "x", in = [...] }`` (or ``equals = v``) under ``key``, if any."""
    if key not in node:
        return None
    raw = node.data[key]
    shape = 'when 须写成 { field = "…", in = [...] }'
    if not isinstance(raw, Mapping) or not ("in" in raw or "equals" in raw):
        raise node.fail(key, shape)
    when = node.table(key)
    if "in" in raw and not isinstance(raw["in"], list):
        raise when.fail("in", shape)
    values = tuple(raw["in"]) if "in" in raw else (raw["equals"],)
    return Condition(field=when.text("field"), values=values)


def _also(node: Node, kinds: dict[str, RecordKindSpec]) -> AlsoCounts | None:
    if "also" not in node:
        return None
    also = node.table("also")
    kind, field_id = also.text("kind"), also.text("field")
    fields = {f.id: f for f in kinds[kind].fields} if kind in kinds else {}
    if field_id not in fields or fields[field_id].kind != "bool":
        raise node.fail("also", f"记录种类 {kind} 没有是否项 {field_id}")
    return AlsoCounts(kind, field_id)


def _field(node: Node, earliest: date) -> FieldSpec:
    field_id, label, kind = node.text("id"), node.text("label"), node.text("kind")
    if kind not in FIELD_KINDS:
        raise node.fail("kind", f"未知的字段类型 {kind}")
    happened = node.text("happened", "", empty=True)
    if happened not in HAPPENED or (happened and kind != "date"):
        raise node.fail("happened", "只用于日期字段，只能是 past 或 procedure")
    choices = node.texts("choices", ())
    prefill = node.text("prefill", "", empty=True)
    if prefill not in PREFILLS:
        raise node.fail("prefill", f"未知的 prefill {prefill}（只能是 signed_in 或 today）")
    if kind in ("choice", "multichoice") and not choices:
        raise node.fail("choices", "选择题字段必须列出 choices")
    column = node.text("column") if "column" in node else None
    return FieldSpec(
        id=field_id,
        label=label,
        kind=kind,
        required=node.flag("required", False),
        column=column,
        choices=choices,
        must_be=node.data.get("must_be"),
        when=_condition(node, "when"),
        hint=node.text("hint", "", empty=True),
        prefill=prefill,
        exclusive=node.texts("exclusive", ()),
        required_when=_condition(node, "required_when"),
        to=node.texts("to", ()),
        empty=node.text("empty", "", empty=True),
        not_after_today=bool(happened),
        not_before=earliest if happened == "procedure" else None,
        parties_only=node.flag("parties_only", False),
    )


def _onsite(
    root: Node, steps: list[StepSpec], kinds: dict[str, RecordKindSpec], earliest: date
) -> OnsiteSpec:
    """The ``[onsite]`` table, every target checked: a 当场调解 answer may go to a field of the
    session record, a step field or a field of the term record, and nowhere else."""
    node = root.table("onsite")
    fields = tuple(_field(f, earliest) for f in node.tables("fields"))
    step_ids = [s.id for s in steps]
    step_fields = {f.id for s in steps for f in s.fields}
    known = {
        "session": {f.id for f in kinds["session"].fields} if "session" in kinds else set(),
        "step": step_fields,
        "term": {f.id for f in kinds["term"].fields} if "term" in kinds else set(),
    }
    for f in fields:
        for target in f.to:
            where, _, fid = target.partition(".")
            if where not in ONSITE_TARGETS or fid not in known[where]:
                raise node.fail("fields", f"{f.id} 的去处 {target} 不存在")
    for key in ("offered_at", "completes"):
        for sid in node.texts(key):
            if sid not in step_ids:
                raise node.fail(key, f"没有 id 为 {sid} 的步骤")
    if "performed_when" in node and not node.text("performed_note", "", empty=True):
        raise node.fail("performed_note", "写了 performed_when 就要写履行凭证的说明")
    if "onsite" not in known["session"] or "findings" not in known["session"]:
        raise node.fail("fields", "调解记录须有 onsite 和 findings 两项，当场调解才能记入")
    return OnsiteSpec(
        name=node.text("name"),
        hint=node.text("hint", "", empty=True),
        offered_at=node.texts("offered_at"),
        completes=node.texts("completes"),
        agreement_form=node.text("agreement_form"),
        fields=fields,
        performed_when=_condition(node, "performed_when"),
        performed_note=node.text("performed_note", "", empty=True),
        present_roles=node.texts("present_roles", ()),
    )


def _iso_date(root: Node, key: str, default: date) -> date:
    if key not in root:
        return default
    text = root.text(key)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise root.fail(key, "应当是 2000-01-01 这样的日期") from None


def parse_workflow(data: Mapping[str, Any], path: str = "<内存>") -> WorkflowSpec:
    """Build and check a :class:`WorkflowSpec` from parsed TOML. Raises WorkflowSpecError
    naming the file and the key at fault."""
    root = Node(data, path, error=WorkflowSpecError)
    for key in ("id", "version", "name", "steps", "levels", "records"):
        if key not in root:
            raise root.fail(key, "缺少这一项")
    earliest = _iso_date(root, "earliest_date", EARLIEST_DATE)
    record_kinds: dict[str, RecordKindSpec] = {}
    records_table = root.table("records")
    for kind_id in records_table:
        raw = records_table.table(kind_id)
        if kind_id not in RECORD_KINDS:
            raise records_table.fail(kind_id, "未知的记录种类")
        fields = tuple(_field(f, earliest) for f in raw.tables("fields"))
        record_kinds[kind_id] = RecordKindSpec(kind_id, raw.text("name", kind_id), fields)

    steps: list[StepSpec] = []
    seen_fields: set[str] = set()
    for number, raw in enumerate(root.tables("steps"), start=1):
        fields = tuple(_field(f, earliest) for f in raw.tables("fields", required=False))
        for f in fields:
            if f.id in seen_fields:
                raise raw.fail("fields", f"字段 id {f.id} 重复")
            if f.when and f.when.field not in seen_fields | {x.id for x in fields}:
                raise raw.fail("fields", f"{f.id} 的 when 引用了未定义的字段 {f.when.field}")
        seen_fields.update(f.id for f in fields)
        records = []
        for r in raw.tables("records", required=False):
            kind = r.text("kind")
            if kind not in record_kinds:
                raise r.fail("kind", f"记录种类 {kind} 没有在 [records] 中定义")
            records.append(
                RecordRequirement(
                    kind=kind,
                    min=r.integer("min", 1, minimum=0),
                    label=r.text("label", record_kinds[kind].name),
                    when=_condition(r, "when"),
                    also=_also(r, record_kinds),
                )
            )
        sets_status = raw.text("sets_status") if "sets_status" in raw else None
        steps.append(
            StepSpec(
                id=raw.text("id"),
                number=number,
                name=raw.text("name"),
                hint=raw.text("hint", "", empty=True),
                documents=raw.texts("documents", ()),
                fields=fields,
                records=tuple(records),
                sets_status=sets_status,
            )
        )
    if len({s.id for s in steps}) != len(steps):
        raise root.fail("steps", "步骤 id 重复")
    levels = tuple(
        LevelSpec(
            lv.integer("number"),
            lv.text("name"),
            lv.text("who", "", empty=True),
            lv.text("short", "", empty=True),
        )
        for lv in root.tables("levels")
    )
    if [lv.number for lv in levels] != list(range(1, len(levels) + 1)):
        raise root.fail("levels", "层级编号必须从 1 起连续")
    return WorkflowSpec(
        id=root.text("id"),
        version=root.integer("version", minimum=1),
        name=root.text("name"),
        description=root.text("description", "", empty=True),
        steps=tuple(steps),
        levels=levels,
        record_kinds=record_kinds,
        mediation_days=root.integer("mediation_days", 30, minimum=1),
        confirmation_days=root.integer("confirmation_days", 30, minimum=1),
        return_visit_after_deadline_days=root.integer(
            "return_visit_after_deadline_days", 15, minimum=0
        ),
        return_visit_after_agreement_days=root.integer(
            "return_visit_after_agreement_days", 30, minimum=0
        ),
        termination_routes=root.texts("termination_routes", DEFAULT_ROUTES),
        max_extension_days=root.integer("max_extension_days", 30, minimum=0),
        onsite=_onsite(root, steps, record_kinds, earliest) if "onsite" in root else None,
        archived_reminder_days=root.integer("archived_reminder_days", 90, minimum=0),
    )


def load_workflow(path: Path) -> WorkflowSpec:
    """The workflow of the TOML file at ``path``. Raises WorkflowSpecError naming the file
    and the key at fault (a missing, unreadable or malformed file included)."""
    return parse_workflow(load_toml(path, WorkflowSpecError).data, path.name)
