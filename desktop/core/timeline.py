"""The case's audit history told in plain Chinese, one sentence per entry, for the timeline
of the case workspace (and anything else that shows what happened to a case)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from desktop.core.documents.catalog import form_names
from desktop.core.models import AuditEntry
from desktop.core.store.audit import ACTION_NAMES
from desktop.core.validation.dates import format_cn_date
from desktop.core.validation.money import format_yuan
from desktop.core.workflow.spec import FieldSpec, WorkflowSpec

if TYPE_CHECKING:
    from desktop.core.store.store import Store

_SHOWN_CHANGES = 4


@dataclass(frozen=True, slots=True)
class TimelineItem:
    at: str  # "2026-03-02 09:00"
    actor: str
    action: str  # the Chinese action word of ACTION_NAMES
    text: str


def _show(f: FieldSpec | None, value: Any) -> str:
    """A stored (JSON) value as the mediator would write it."""
    if value is None or value == "" or value == []:
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if f is not None and f.kind == "money" and isinstance(value, int):
        return f"{format_yuan(value)}元"
    if f is not None and f.kind == "date" and isinstance(value, str):
        try:
            return format_cn_date(date.fromisoformat(value))
        except ValueError:
            return value
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    text = str(value)
    return text if len(text) <= 20 else text[:20] + "…"


def _changes(fields: Mapping[str, FieldSpec], detail: Mapping[str, Any]) -> str:
    parts = []
    for key, pair in detail.items():
        f = fields.get(key)
        label = f.label if f else key
        if isinstance(pair, list) and len(pair) == 2:
            parts.append(f"{label}：{_show(f, pair[0])} → {_show(f, pair[1])}")
        else:
            parts.append(f"{label}：{_show(f, pair)}")
    if len(parts) > _SHOWN_CHANGES:
        parts = parts[:_SHOWN_CHANGES] + [f"等 {len(parts)} 项"]
    return "；".join(parts)


def _gist(fields: tuple[FieldSpec, ...], detail: Mapping[str, Any], named: bool) -> str:
    """The first two filled-in values of a record, so the mediator can tell records apart."""
    if named:
        return ""
    shown = [_show(f, detail[f.id]) for f in fields if detail.get(f.id) not in (None, "", [])][:2]
    return f"：{'，'.join(shown)}" if shown else ""


def _listed(value: Any) -> str:
    """A list of words joined as written ("法院、信访"); a received entry may hold anything."""
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return "" if value is None else str(value)


def _level(spec: WorkflowSpec, number: Any) -> str:
    try:
        return f"第{number}级“{spec.level(int(number)).name}”"
    except (KeyError, TypeError, ValueError):
        return f"第{number}级"


def describe(
    entry: AuditEntry, spec: WorkflowSpec, form_names: Mapping[str, str] | None = None
) -> TimelineItem:
    d = entry.detail
    action = ACTION_NAMES.get(entry.action, entry.action)
    kind = spec.record_kinds.get(entry.entity)
    if entry.action == "complete_step":
        text = f"完成{_step_label(spec, d.get('step'))}"
    elif entry.action == "escalate":
        text = (
            f"从{_level(spec, d.get('from'))}上报到{_level(spec, d.get('to'))}，"
            f"理由：{d.get('reason', '')}"
        )
        if d.get("status") == "已移交":
            text += "（已移交上级，本级办结）"
    elif entry.action == "terminate":
        routes = _listed(d.get("routes", ()))
        text = f"终止调解（{d.get('outcome', '')}），理由：{d.get('reason', '')}；已告知：{routes}"
    elif entry.action == "extend":
        text = f"延长调解期限 {d.get('days')} 天，理由：{d.get('reason', '')}"
    elif entry.action == "import":
        text = _imported(spec, d)
    elif entry.action == "import_register":
        text = f"从旧台账“{d.get('file', '')}”第 {d.get('row', '')} 行导入"
    elif entry.action == "attach":
        text = f"添加附件“{d.get('filename', '')}”"
    elif entry.action == "document":
        form = str(d.get("form", ""))
        name = (form_names or {}).get(form, form)
        text = f"生成文书“{name}”（{str(d.get('format', '')).upper()}）"
    elif entry.entity == "case":
        fields = spec.all_fields()
        if entry.action == "create":
            text = f"登记案件 {d.get('case_no', '')}"
        else:
            text = f"修改案件：{_changes(fields, d)}"
    elif kind is not None:
        fields = {f.id: f for f in kind.fields}
        name = f"{kind.name}“{d['name']}”" if entry.entity == "party" and "name" in d else kind.name
        if entry.action == "create":
            text = f"添加{name}" + _gist(kind.fields, d, entry.entity == "party")
        elif entry.action == "delete":
            text = f"删除{name}" + _gist(kind.fields, d, entry.entity == "party")
        else:
            text = f"修改{kind.name}：{_changes(fields, d)}"
    else:
        text = action
    return TimelineItem(entry.at.replace("T", " ")[:16], entry.actor, action, text)


def _imported(spec: WorkflowSpec, d: Mapping[str, Any]) -> str:
    """A received package's entry (exchange/rows.py log_import): the case added, updated, or
    handed over to this committee, in words (the package's SHA-256 means nothing to a
    mediator)."""
    source = str(d.get("from") or "其他调委会")
    if d.get("original_case_no"):
        text = f"接收{source}移交的案件，原案号{d['original_case_no']}"
        return text + (f"，在{_level(spec, d['level'])}继续办理" if d.get("level") else "")
    if d.get("update"):
        return f"收到{source}的报送包，更新了本案"
    return f"从{source}的报送包导入本案"


def _step_label(spec: WorkflowSpec, step_id: Any) -> str:
    try:
        step = spec.step(str(step_id))
    except KeyError:
        return f"步骤 {step_id}"
    return f"第{step.number}步“{step.name}”"


def case_timeline(
    store: Store, case_id: int, names: Mapping[str, str] | None = None
) -> list[TimelineItem]:
    """Newest first: the mediator wants to see what happened last."""
    from desktop.core.store.audit import history

    spec = store.cases.spec_for(case_id)
    names = form_names() if names is None else names
    return [describe(e, spec, names) for e in reversed(history(store.db, case_id))]
