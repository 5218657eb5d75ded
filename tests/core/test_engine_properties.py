"""Property test of the case state machine through the real store: whatever sequence of
actions a mediator tries, steps only move forward in order, levels only rise one at a time,
a closed case never changes except by visits and receipts, and every accepted change leaves
exactly one more audit entry (a no-op edit none) while every refusal leaves none."""

from __future__ import annotations

from datetime import datetime

from builders import applicant, intake, respondent
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from desktop.core.errors import MediationError
from desktop.core.models import DONE, CaseStatus
from desktop.core.store import open_store

RECORD_VALUES = {
    "investigation": {
        "held_on": "2026-03-03",
        "place": "村",
        "investigator": "王",
        "subject": "张",
        "content": "查看",
    },
    "session": {
        "held_on": "2026-03-04",
        "place": "村",
        "participants": "双方",
        "statements": "陈述",
        "persuasion": "疏导",
        "result": "一致",
    },
    "term": {
        "content": "支付",
        "obligor": "李",
        "amount": "100",
        "manner": "现金",
        "deadline": "2026-03-20",
    },
    "return_visit": {
        "visited_on": "2026-03-25",
        "visitor": "王",
        "visited_party": "张",
        "performance": "已履行",
        "satisfaction": "满意",
        "notes": "好",
    },
    "receipt": {"received_on": "2026-03-26", "description": "收条"},
}
FIELD_VALUES = {
    "evidence_list": "无",
    "findings": "属实",
    "risk_flags": "无明显激化风险",
    "agreement_form": "书面协议",
    "agreement_on": "2026-03-05",
    "disputed_matters": "排水",
    "responsibility": "各半",
    "confirmation_advised": True,
    "judicial_confirmation": "未申请",
    "closing_note": "结案",
    "closed_on": "2026-03-28",
}


class CaseMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.store = open_store(":memory:", now=lambda: datetime(2026, 3, 2, 9))
        self.store.settings.save_committee(name="测试调委会", abbr="测", level=2)
        self.store.settings.add_mediator("王")
        self.case_id = self.store.cases.create(intake(), [applicant(), respondent()], level=1).id
        self.prev = self.store.cases.get(self.case_id)
        self.audits = self._audits()

    def _audits(self) -> int:
        return self.store.db.execute("SELECT count(*) FROM audit_log").fetchone()[0]

    def _try(self, action, may_change_closed: bool = False) -> None:  # noqa: ANN001
        before = self.store.cases.get(self.case_id)
        n = self._audits()
        try:
            action()
        except MediationError:
            assert self._audits() == n, "a refusal must write nothing"
            assert self.store.cases.get(self.case_id) == before
            return
        written = self._audits() - n
        assert written in (0, 1)
        if written == 0:  # a no-op edit (same value again) changes nothing at all
            assert self.store.cases.get(self.case_id) == before
            return
        if before.is_closed and not may_change_closed:
            raise AssertionError("a closed case accepted a change")

    @rule()
    def complete(self) -> None:
        self._try(lambda: self.store.flow.complete_step(self.case_id))

    @rule(kind=st.sampled_from(sorted(RECORD_VALUES)))
    def add_record(self, kind: str) -> None:
        self._try(
            lambda: self.store.records.add(self.case_id, kind, RECORD_VALUES[kind]),
            may_change_closed=kind in ("return_visit", "receipt"),
        )

    @rule(field=st.sampled_from(sorted(FIELD_VALUES)))
    def fill(self, field: str) -> None:
        self._try(lambda: self.store.cases.update(self.case_id, {field: FIELD_VALUES[field]}))

    @rule(jump=st.integers(min_value=0, max_value=2), reason=st.sampled_from(["", "需要上级协调"]))
    def escalate(self, jump: int, reason: str) -> None:
        to = self.store.cases.get(self.case_id).level_now + jump
        self._try(lambda: self.store.flow.escalate(self.case_id, to, reason, "2026-03-10"))

    @rule(routes=st.lists(st.sampled_from(["申请仲裁", "向人民法院提起诉讼", "上访"]), max_size=2))
    def terminate(self, routes: list[str]) -> None:
        self._try(lambda: self.store.flow.terminate(self.case_id, "调解不成", routes, "2026-03-10"))

    @rule(days=st.integers(min_value=0, max_value=40), consent=st.booleans())
    def extend(self, days: int, consent: bool) -> None:
        self._try(
            lambda: self.store.flow.extend(
                self.case_id, days, "等待", consent=consent, on="2026-03-10"
            )
        )

    @invariant()
    def moves_only_forward(self) -> None:
        case = self.store.cases.get(self.case_id)
        spec = self.store.cases.spec_of(case)
        order = [s.id for s in spec.steps]
        assert case.completed_steps == tuple(order[: len(case.completed_steps)])
        if case.step_now != DONE and case.status is CaseStatus.OPEN:
            assert case.step_now == order[len(case.completed_steps)]
        assert self.prev.level_now <= case.level_now <= self.prev.level_now + 1
        assert len(case.completed_steps) >= len(self.prev.completed_steps)
        if self.prev.status is not CaseStatus.OPEN:
            assert case.status is self.prev.status
        if case.status is CaseStatus.TRANSFERRED:
            assert case.level_now > 2 and case.is_closed
        if case.status is CaseStatus.SUCCEEDED:
            assert case.level_resolved is not None
        self.prev = case

    def teardown(self) -> None:
        self.store.close()


CaseMachine.TestCase.settings = settings(max_examples=40, stateful_step_count=30, deadline=None)
TestCaseMachine = CaseMachine.TestCase
