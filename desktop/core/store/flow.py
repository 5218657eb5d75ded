"""Case transitions: complete a step, escalate, terminate, extend the mediation period. The
engine decides; this module writes the decision, its record and its audit entry together."""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING

from desktop.core.errors import ValidationError
from desktop.core.models import DONE, Case, CaseStatus
from desktop.core.performance import open_terms
from desktop.core.plaintext import printable
from desktop.core.store import audit, sql
from desktop.core.validation.dates import check_date_order, check_not_after_today, parse_date
from desktop.core.workflow import engine

if TYPE_CHECKING:
    from desktop.core.store.store import Store


class CaseFlow:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.db = store.db

    def _load(self, case_id: int) -> tuple[Case, engine.CaseState]:
        case = self.store.cases.get(case_id)
        return case, self.store.cases.state(case)

    def missing(self, case_id: int, step_id: str | None = None) -> tuple[engine.MissingItem, ...]:
        """What still blocks a step (the current one by default); empty when it can complete."""
        case, state = self._load(case_id)
        step = step_id or case.step_now
        if step == DONE:
            return ()
        return engine.missing_items(self.store.cases.spec_of(case), step, state)

    def complete_step(
        self, case_id: int, step_id: str | None = None, *, actor: str | None = None
    ) -> Case:
        case, state = self._load(case_id)
        spec = self.store.cases.spec_of(case)
        step = step_id or case.step_now
        result = engine.complete_step(spec, state, step)
        if result.step_now == DONE:
            self._check_open_terms(case_id)
        now = self.store.timestamp()
        row: dict[str, object] = {
            "step_now": result.step_now,
            "completed_steps": json.dumps(list(result.completed_steps), ensure_ascii=False),
            "status": result.status.value,
            "updated_at": now,
        }
        if result.resolve_level:
            row["level_resolved"] = case.level_now
        with self.db.atomic():
            sql.update(self.db, "cases", case_id, row)
            audit.write(
                self.db,
                at=now,
                actor=actor or self.store.actor,
                case_id=case_id,
                entity="case",
                entity_id=case_id,
                action="complete_step",
                detail={
                    "step": step,
                    "step_name": spec.step(step).name,
                    "next": result.step_now,
                    "status": result.status.value,
                },
            )
        return self.store.cases.get(case_id)

    def escalate(
        self,
        case_id: int,
        to_level: int,
        reason: str,
        on: date | str | None = None,
        *,
        actor: str | None = None,
    ) -> Case:
        case, state = self._load(case_id)
        spec = self.store.cases.spec_of(case)
        committee_level = self.store.settings.committee().level
        result = engine.escalate(spec, state, to_level, reason, committee_level)
        day = self._day(on, case, "上报日期")
        now = self.store.timestamp()
        who = actor or self.store.actor
        row: dict[str, object] = {
            "level_now": result.level_now,
            "status": result.status.value,
            "step_now": result.step_now,
            "updated_at": now,
        }
        if result.status is CaseStatus.TRANSFERRED:
            row["closed_on"] = day.isoformat()
        with self.db.atomic():
            esc_id = sql.insert(
                self.db,
                "escalations",
                {
                    "case_id": case_id,
                    "from_level": case.level_now,
                    "to_level": to_level,
                    "reason": printable(reason).strip(),
                    "escalated_on": day.isoformat(),
                    "actor": who,
                    "created_at": now,
                },
            )
            sql.update(self.db, "cases", case_id, row)
            audit.write(
                self.db,
                at=now,
                actor=who,
                case_id=case_id,
                entity="escalation",
                entity_id=esc_id,
                action="escalate",
                detail={
                    "from": case.level_now,
                    "to": to_level,
                    "reason": printable(reason).strip(),
                    "on": day.isoformat(),
                    "status": result.status.value,
                },
            )
        return self.store.cases.get(case_id)

    def terminate(
        self,
        case_id: int,
        reason: str,
        routes: tuple[str, ...] | list[str],
        on: date | str | None = None,
        *,
        actor: str | None = None,
    ) -> Case:
        case, state = self._load(case_id)
        spec = self.store.cases.spec_of(case)
        result = engine.terminate(spec, state, reason, tuple(routes))
        day = self._day(on, case, "终止日期")
        now = self.store.timestamp()
        who = actor or self.store.actor
        with self.db.atomic():
            term_id = sql.insert(
                self.db,
                "terminations",
                {
                    "case_id": case_id,
                    "outcome": result.status.value,
                    "reason": printable(reason).strip(),
                    "routes": json.dumps(list(routes), ensure_ascii=False),
                    "terminated_on": day.isoformat(),
                    "actor": who,
                    "created_at": now,
                },
            )
            sql.update(
                self.db,
                "cases",
                case_id,
                {
                    "status": result.status.value,
                    "step_now": result.step_now,
                    "closed_on": day.isoformat(),
                    "updated_at": now,
                },
            )
            audit.write(
                self.db,
                at=now,
                actor=who,
                case_id=case_id,
                entity="termination",
                entity_id=term_id,
                action="terminate",
                detail={
                    "outcome": result.status.value,
                    "reason": printable(reason).strip(),
                    "routes": list(routes),
                    "on": day.isoformat(),
                },
            )
        return self.store.cases.get(case_id)

    def extend(
        self,
        case_id: int,
        days: int,
        reason: str,
        *,
        consent: bool,
        on: date | str | None = None,
        actor: str | None = None,
    ) -> Case:
        case, state = self._load(case_id)
        engine.check_extension(self.store.cases.spec_of(case), state, days, consent, reason)
        day = self._day(on, case, "延期日期")
        now = self.store.timestamp()
        who = actor or self.store.actor
        with self.db.atomic():
            ext_id = sql.insert(
                self.db,
                "extensions",
                {
                    "case_id": case_id,
                    "days": days,
                    "reason": printable(reason).strip(),
                    "granted_on": day.isoformat(),
                    "actor": who,
                    "created_at": now,
                },
            )
            self.db.execute("UPDATE cases SET updated_at = ? WHERE id = ?", [now, case_id])
            audit.write(
                self.db,
                at=now,
                actor=who,
                case_id=case_id,
                entity="extension",
                entity_id=ext_id,
                action="extend",
                detail={"days": days, "reason": printable(reason).strip(), "on": day.isoformat()},
            )
        return self.store.cases.get(case_id)

    def _check_open_terms(self, case_id: int) -> None:
        """Archiving with a term still to be performed needs the reason recorded (e.g. 申请强制
        执行): the reminder for it stays after archiving (人民调解法 第31条, supervision)."""
        detail = self.store.cases.detail(case_id)
        still = open_terms(
            [t.values | {"seq": t.seq} for t in detail.of("term")],
            [r.values for r in detail.of("receipt")],
            [v.values for v in detail.of("return_visit")],
        )
        if still and not str(detail.case.step_values.get("open_terms_reason") or "").strip():
            numbers = "、".join(f"第{n}项" for n in still)
            raise ValidationError(
                f"协议{numbers}还没有履行，不能直接归档：请在“尚未履行的条款及原因”中写明原因"
                "（例如已申请强制执行），或先记录履行情况（收条、回访）。",
                field="open_terms_reason",
            )

    def _day(self, on: date | str | None, case: Case, label: str) -> date:
        today = self.store.today()
        day = parse_date(on, today=today) if on is not None else today
        check_date_order(case.accepted_on, day, "受理日期", label)
        check_not_after_today(day, label, today)  # 上报、终止、延期 are recorded once done
        return day
