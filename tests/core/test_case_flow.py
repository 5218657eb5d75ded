"""A whole case through the five steps, and every refusal the engine makes on the way."""

from __future__ import annotations

from datetime import date

import pytest
from builders import FixedClock, applicant, intake, on_day, respondent, run_to_agreement

from desktop.core.errors import (
    CaseClosedError,
    EscalationError,
    MissingItemsError,
    StepOrderError,
    TerminationError,
    ValidationError,
    WorkflowError,
)
from desktop.core.models import DONE, CaseStatus
from desktop.core.store import Store


def test_whole_case_through_five_steps(store: Store, clock: FixedClock) -> None:
    case_id = run_to_agreement(store)
    case = store.cases.get(case_id)
    assert case.case_no == "（2026）星调调字第1号"
    assert case.status is CaseStatus.SUCCEEDED
    assert case.level_resolved == 2 and case.step_now == "archive"
    clock.set(date(2026, 3, 30))
    store.records.add(
        case_id,
        "return_visit",
        {
            "visited_on": "2026-03-30",
            "visitor": "王调解",
            "visited_party": "张建国",
            "performance": "已履行",
            "satisfaction": "满意",
            "notes": "排水口已开，雨后无积水。",
        },
    )
    store.cases.update(
        case_id,
        {
            "judicial_confirmation": "未申请",
            "closing_note": "协议已履行完毕。",
            "closed_on": "2026-03-30",
        },
    )
    closed = store.flow.complete_step(case_id)
    assert closed.step_now == DONE and closed.is_closed
    assert closed.completed_steps == ("accept", "investigate", "mediate", "agree", "archive")
    detail = store.cases.detail(case_id)
    assert [p.name for p in detail.parties] == ["张建国", "李秀英"]
    assert detail.parties[0].gender == "男" and detail.parties[1].gender == "女"
    assert detail.parties[0].birth_date == date(1990, 1, 1)
    assert [t.get("amount") for t in detail.of("term")] == [120000, 80050, None]
    assert detail.case.workflow_id == "wubu" and detail.case.workflow_version == 1


def test_step_cannot_complete_with_items_missing(store: Store) -> None:
    case = store.cases.create({"accepted_on": "2026-03-02", "category": "邻里纠纷"}, [applicant()])
    with pytest.raises(MissingItemsError) as err:
        store.flow.complete_step(case.id)
    msg = err.value.message
    assert "排查受理" in msg and "案件来源" in msg and "当事人（至少两方）" in msg
    assert {"source", "facts", "party", "rights_notified"} <= set(err.value.missing)
    assert [m.id for m in store.flow.missing(case.id)] == list(err.value.missing)


def test_acceptability_answer_no_blocks_acceptance(store: Store) -> None:
    case = store.cases.create(intake(no_refusal=False), [applicant(), respondent()])
    with pytest.raises(MissingItemsError, match="没有一方当事人明确拒绝调解"):
        store.flow.complete_step(case.id)


def test_steps_complete_in_order_only(store: Store) -> None:
    case = store.cases.create(intake(), [applicant(), respondent()])
    with pytest.raises(StepOrderError, match="应先完成第1步“排查受理”"):
        store.flow.complete_step(case.id, "investigate")
    store.flow.complete_step(case.id)
    with pytest.raises(StepOrderError, match="已经完成"):
        store.flow.complete_step(case.id, "accept")


def test_agreement_date_before_acceptance_is_refused(store: Store) -> None:
    case_id = run_to_agreement(store)
    assert store.cases.get(case_id).agreement_on == date(2026, 3, 6)
    with pytest.raises(ValidationError, match="早于受理日期"):
        store.records.add(
            case_id,
            "return_visit",
            {
                "visited_on": "2026-02-01",
                "visitor": "王",
                "visited_party": "张",
                "performance": "已履行",
                "satisfaction": "满意",
                "notes": "无",
            },
        )


def test_agreement_terms_required_for_written_agreement(store: Store) -> None:
    case = store.cases.create(intake(), [applicant(), respondent()])
    store.flow.complete_step(case.id)
    on_day(store, "2026-03-03")
    store.records.add(
        case.id,
        "investigation",
        {
            "held_on": "2026-03-03",
            "place": "村",
            "investigator": "王",
            "subject": "张",
            "content": "查看",
        },
    )
    store.cases.update(case.id, {"evidence_list": "无", "findings": "属实"})
    store.flow.complete_step(case.id)
    on_day(store, "2026-03-04")
    store.records.add(
        case.id,
        "session",
        {
            "held_on": "2026-03-04",
            "place": "村",
            "participants": "双方",
            "statements": "各自陈述",
            "persuasion": "疏导",
            "result": "达成一致",
        },
    )
    store.cases.update(case.id, {"risk_flags": "无明显激化风险"})
    store.flow.complete_step(case.id)
    on_day(store, "2026-03-05")
    store.cases.update(
        case.id,
        {
            "agreement_form": "书面协议",
            "agreement_on": "2026-03-05",
            "disputed_matters": "排水",
            "responsibility": "各半",
        },
    )
    with pytest.raises(MissingItemsError) as err:
        store.flow.complete_step(case.id)
    assert "协议条款（至少一条）" in err.value.message
    assert "司法确认" in err.value.message


def test_closed_case_is_read_only_except_visits_and_receipts(store: Store) -> None:
    case = store.cases.create(intake(), [applicant(), respondent()])
    on_day(store, "2026-03-04")
    store.flow.terminate(case.id, "被申请人拒绝继续调解", ["向人民法院提起诉讼"], "2026-03-04")
    closed = store.cases.get(case.id)
    assert closed.status is CaseStatus.TERMINATED and closed.is_closed
    with pytest.raises(CaseClosedError, match="只能添加回访记录和履行凭证"):
        store.cases.update(case.id, {"facts": "改写事实"})
    with pytest.raises(CaseClosedError):
        store.records.add_party(case.id, applicant(name="王五", id_number=""))
    on_day(store, "2026-03-20")
    visit = store.records.add(
        case.id,
        "return_visit",
        {
            "visited_on": "2026-03-20",
            "visitor": "王调解",
            "visited_party": "张建国",
            "performance": "不适用",
            "satisfaction": "基本满意",
            "notes": "已起诉",
        },
    )
    assert visit.seq == 1
    on_day(store, "2026-03-21")
    store.records.add(
        case.id, "receipt", {"received_on": "2026-03-21", "description": "诉讼受理通知书"}
    )


def test_termination_needs_reason_and_routes(store: Store) -> None:
    case = store.cases.create(intake(), [applicant(), respondent()])
    with pytest.raises(TerminationError, match="理由"):
        store.flow.terminate(case.id, " ", ["申请仲裁"])
    with pytest.raises(TerminationError, match="其他解决途径"):
        store.flow.terminate(case.id, "双方分歧太大", [])
    with pytest.raises(TerminationError, match="未知的解决途径"):
        store.flow.terminate(case.id, "双方分歧太大", ["上访"])
    on_day(store, "2026-03-04")
    store.records.add(
        case.id,
        "session",
        {
            "held_on": "2026-03-04",
            "place": "村",
            "participants": "双方",
            "statements": "各执一词",
            "persuasion": "疏导",
            "result": "未达成",
        },
    )
    on_day(store, "2026-03-08")
    ended = store.flow.terminate(
        case.id, "双方分歧太大", ["申请仲裁", "向人民法院提起诉讼"], "2026-03-08"
    )
    assert ended.status is CaseStatus.FAILED and ended.closed_on == date(2026, 3, 8)
    term = store.cases.detail(case.id).terminations[0]
    assert term.routes == ("申请仲裁", "向人民法院提起诉讼")


def test_agreed_case_cannot_be_terminated(store: Store) -> None:
    case_id = run_to_agreement(store)
    with pytest.raises(TerminationError, match="已达成协议"):
        store.flow.terminate(case_id, "反悔", ["向人民法院提起诉讼"])


def test_escalation_one_level_at_a_time_with_reason(store: Store) -> None:
    case = store.cases.create(intake(), [applicant(), respondent()], level=1)
    with pytest.raises(EscalationError, match="只能逐级上报"):
        store.flow.escalate(case.id, 3, "矛盾较大")
    with pytest.raises(EscalationError, match="理由"):
        store.flow.escalate(case.id, 2, "")
    on_day(store, "2026-03-03")
    up = store.flow.escalate(case.id, 2, "网格员调解未果", "2026-03-03")
    assert up.level_now == 2 and up.status is CaseStatus.OPEN
    # Above the committee's own level (2), the case is handed over and closed here.
    on_day(store, "2026-03-04")
    out = store.flow.escalate(case.id, 3, "涉及多户，需镇调委会处理", "2026-03-04")
    assert out.level_now == 3 and out.status is CaseStatus.TRANSFERRED and out.is_closed
    steps = [(e.from_level, e.to_level) for e in store.cases.detail(case.id).escalations]
    assert steps == [(1, 2), (2, 3)]


def test_extension_needs_consent(store: Store) -> None:
    case = store.cases.create(intake(), [applicant(), respondent()])
    with pytest.raises(WorkflowError, match="双方当事人同意"):
        store.flow.extend(case.id, 15, "需要等待鉴定结果", consent=False)
    with pytest.raises(WorkflowError, match="1 到 30"):
        store.flow.extend(case.id, 45, "需要等待鉴定结果", consent=True)
    on_day(store, "2026-03-20")
    store.flow.extend(case.id, 15, "需要等待鉴定结果", consent=True, on="2026-03-20")
    assert store.cases.detail(case.id).extensions[0].days == 15


def test_case_numbers_run_per_year(store: Store) -> None:
    on_day(store, "2026-12-30")
    a = store.cases.create(intake(accepted_on="2026-12-30"))
    on_day(store, "2026-12-31")
    b = store.cases.create(intake(accepted_on="2026-12-31"))
    on_day(store, "2027-01-02")
    c = store.cases.create(intake(accepted_on="2027-01-02"))
    assert [a.case_no, b.case_no, c.case_no] == [
        "（2026）星调调字第1号",
        "（2026）星调调字第2号",
        "（2027）星调调字第1号",
    ]


def test_bad_party_values_are_refused_with_field(store: Store) -> None:
    case = store.cases.create(intake())
    with pytest.raises(ValidationError) as err:
        store.records.add_party(case.id, applicant(id_number="330482199001011233"))
    assert err.value.field == "id_number" and "校验" in err.value.message
    with pytest.raises(ValidationError) as err:
        store.records.add_party(case.id, applicant(gender="女"))
    assert err.value.field == "gender"
    with pytest.raises(ValidationError, match="姓名或名称"):
        store.records.add_party(case.id, {"role": "申请人", "kind": "自然人", "name": " "})
    org = store.records.add_party(
        case.id,
        {
            "role": "被申请人",
            "kind": "单位",
            "name": "平湖某某建材有限公司",
            "credit_code": "91350100M000100Y43",
            "legal_rep": "赵六",
        },
    )
    assert org.is_organisation and org.credit_code == "91350100M000100Y43"
