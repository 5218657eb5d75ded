"""The pure state machine of a case: which step is current, what is missing, and whether a
step completion, escalation, termination, extension or edit is allowed. It sees a
:class:`CaseState` snapshot and returns decisions; the store applies them in a transaction.

Every refusal is a typed :class:`~desktop.core.errors.WorkflowError` whose Chinese message
names the missing or wrong item, so a form can show it beside the field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop.core.errors import (
    CaseClosedError,
    EscalationError,
    MissingItemsError,
    StepOrderError,
    TerminationError,
    WorkflowError,
)
from desktop.core.models import DONE, CaseStatus
from desktop.core.validation.dates import format_cn_date
from desktop.core.workflow.spec import FieldSpec, StepSpec, WorkflowSpec

#: Record kinds that may still be added once a case is closed.
AFTER_CLOSE_KINDS = frozenset({"return_visit", "receipt"})


@dataclass(frozen=True, slots=True)
class CaseState:
    """What the engine needs to know of a case."""

    status: CaseStatus
    step_now: str
    completed_steps: tuple[str, ...]
    level_now: int
    values: Mapping[str, Any] = field(default_factory=dict)
    record_counts: Mapping[str, int] = field(default_factory=dict)

    @property
    def closed(self) -> bool:
        return self.step_now == DONE


@dataclass(frozen=True, slots=True)
class MissingItem:
    id: str
    label: str
    message: str


@dataclass(frozen=True, slots=True)
class Transition:
    """What the store must write after an allowed action."""

    step_now: str
    completed_steps: tuple[str, ...]
    status: CaseStatus
    level_now: int
    resolve_level: bool = False


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == () or value == []


def missing_field(f: FieldSpec, values: Mapping[str, Any]) -> MissingItem | None:
    """The problem with one field, or None. A ``must_be`` field must hold exactly that value
    (e.g. the acceptability questions must all be answered 是)."""
    if not f.applies(values):
        return None
    value = values.get(f.id)
    if f.is_required(values) and _empty(value):
        verb = "选择" if f.kind in ("choice", "multichoice", "category", "mediator") else "填写"
        if f.kind == "bool":
            verb = "确认"
        return MissingItem(f.id, f.label, f"请{verb}“{f.label}”")
    if f.must_be is not None and value != f.must_be:
        return MissingItem(f.id, f.label, f"“{f.label}”须为“是”才能继续")
    return None


def missing_items(spec: WorkflowSpec, step_id: str, state: CaseState) -> tuple[MissingItem, ...]:
    """Everything that must still be recorded before ``step_id`` can complete, in form order."""
    step = spec.step(step_id)
    items: list[MissingItem] = []
    for f in step.fields:
        problem = missing_field(f, state.values)
        if problem:
            items.append(problem)
    for req in step.records:
        if not req.applies(state.values):
            continue
        have = state.record_counts.get(req.kind, 0)
        if req.also is not None:  # e.g. a 当场调解 record stands as the investigation
            have += state.record_counts.get(req.also.key, 0)
        if have < req.min:
            need = f"请添加{req.label}" if have == 0 else f"请再添加{req.label}，现有 {have} 条"
            items.append(MissingItem(req.kind, req.label, need))
    items.extend(_date_order_problems(state.values))
    return tuple(items)


def _date_order_problems(values: Mapping[str, Any]) -> list[MissingItem]:
    problems: list[MissingItem] = []
    pairs = (
        ("accepted_on", "受理日期", "agreement_on", "协议日期"),
        ("accepted_on", "受理日期", "closed_on", "归档日期"),
        ("agreement_on", "协议日期", "closed_on", "归档日期"),
    )
    for early_id, early_label, late_id, late_label in pairs:
        early, late = values.get(early_id), values.get(late_id)
        if isinstance(early, date) and isinstance(late, date) and late < early:
            problems.append(
                MissingItem(
                    late_id,
                    late_label,
                    f"{late_label}（{format_cn_date(late)}）早于{early_label}"
                    f"（{format_cn_date(early)}），请核对日期",
                )
            )
    return problems


def _step_position(spec: WorkflowSpec, step_id: str) -> int:
    return [s.id for s in spec.steps].index(step_id)


def _describe(step: StepSpec) -> str:
    return f"第{step.number}步“{step.name}”"


def complete_step(spec: WorkflowSpec, state: CaseState, step_id: str) -> Transition:
    """Allow completing ``step_id`` only if it is the current step and nothing is missing."""
    if state.closed:
        raise CaseClosedError("本案已经办结，不能再完成步骤。")
    step = spec.step(step_id)
    if step_id in state.completed_steps:
        raise StepOrderError(f"{_describe(step)}已经完成，不必再完成一次。")
    if step_id != state.step_now:
        current = spec.step(state.step_now)
        raise StepOrderError(
            f"请按顺序办理：现在应先完成{_describe(current)}，然后才能完成{_describe(step)}。"
        )
    missing = missing_items(spec, step_id, state)
    if missing:
        listed = "；".join(m.message for m in missing)
        raise MissingItemsError(
            f"还不能完成{_describe(step)}：{listed}。", tuple(m.id for m in missing)
        )
    position = _step_position(spec, step_id)
    next_step = spec.steps[position + 1].id if position + 1 < len(spec.steps) else DONE
    status = CaseStatus(step.sets_status) if step.sets_status else state.status
    return Transition(
        step_now=next_step,
        completed_steps=(*state.completed_steps, step_id),
        status=status,
        level_now=state.level_now,
        resolve_level=step.sets_status is not None,
    )


def check_edit(state: CaseState, kind: str) -> None:
    """Refuse changes to a closed case, except adding return visits and receipts."""
    if state.closed and kind not in AFTER_CLOSE_KINDS:
        raise CaseClosedError(
            f"本案已经办结（{state.status}），案件内容不能再修改；只能添加回访记录和履行凭证。"
        )


def escalate(
    spec: WorkflowSpec, state: CaseState, to_level: int, reason: str, committee_level: int
) -> Transition:
    """One level up at a time, with a reason. Going above this committee's own level hands the
    case over (已移交): the next level continues it with the whole history."""
    if state.closed:
        raise CaseClosedError("本案已经办结，不能再上报或移交。")
    if state.status is CaseStatus.SUCCEEDED:
        # Settled: handed over, the village would lose its 调解成功 and the level above count
        # the dispute again as a new one (docs/reports.md, 移交的纠纷), as terminate refuses.
        raise EscalationError(
            "本案已达成协议，不能再上报或移交。协议没有履行的，请在回访记录中写明，"
            "并告知当事人可以申请司法确认或向人民法院起诉。"
        )
    if state.level_now >= spec.top_level:
        raise EscalationError(f"本案已在最高一级“{spec.level(spec.top_level).name}”，不能再上报。")
    if to_level != state.level_now + 1:
        here, nxt = spec.level(state.level_now), spec.level(state.level_now + 1)
        raise EscalationError(
            f"只能逐级上报：本案现在在第{here.number}级“{here.name}”，"
            f"只能上报到第{nxt.number}级“{nxt.name}”。",
            ("to_level",),
        )
    if len(reason.strip()) < 2:
        raise EscalationError("请写明上报（移交）的理由。", ("reason",))
    handed_over = to_level > committee_level
    return Transition(
        step_now=DONE if handed_over else state.step_now,
        completed_steps=state.completed_steps,
        status=CaseStatus.TRANSFERRED if handed_over else state.status,
        level_now=to_level,
    )


def terminate(
    spec: WorkflowSpec, state: CaseState, reason: str, routes: tuple[str, ...]
) -> Transition:
    """Termination needs a reason and the other routes the parties were told of. A case that
    had at least one mediation session ends 调解不成; one that never got that far, 已终止."""
    if state.closed:
        raise CaseClosedError("本案已经办结，不能再终止调解。")
    if state.status is CaseStatus.SUCCEEDED:
        raise TerminationError(
            "本案已达成协议，不能终止调解。协议没有履行的，请在回访记录中写明，并告知当事人可以向人民法院起诉。"
        )
    if len(reason.strip()) < 2:
        raise TerminationError("请写明终止调解的理由。", ("reason",))
    if not routes:
        allowed = "、".join(spec.termination_routes)
        raise TerminationError(f"请勾选已告知当事人的其他解决途径（{allowed}）。", ("routes",))
    unknown = [r for r in routes if r not in spec.termination_routes]
    if unknown:
        raise TerminationError(f"未知的解决途径：{'、'.join(unknown)}。", ("routes",))
    held = state.record_counts.get("session", 0) > 0
    return Transition(
        step_now=DONE,
        completed_steps=state.completed_steps,
        status=CaseStatus.FAILED if held else CaseStatus.TERMINATED,
        level_now=state.level_now,
    )


def check_extension(
    spec: WorkflowSpec, state: CaseState, days: int, consent: bool, reason: str
) -> None:
    """The 30-day mediation period may be extended only with both parties' consent."""
    if state.closed:
        raise CaseClosedError("本案已经办结，不需要延长调解期限。")
    if not consent:
        raise WorkflowError("延长调解期限须经双方当事人同意，请先征得同意并勾选。", ("consent",))
    if not 1 <= days <= spec.max_extension_days:
        raise WorkflowError(f"延长天数应在 1 到 {spec.max_extension_days} 天之间。", ("days",))
    if len(reason.strip()) < 2:
        raise WorkflowError("请写明延长调解期限的理由。", ("reason",))
