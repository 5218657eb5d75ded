"""当场调解 (issue 13, the short path): one record for a dispute settled on the spot stands as
the investigation and the mediation record, registers the oral agreement (人民调解法 第28条)
and moves the case to 回访归档; the 卷宗 and its self-check accept it. Refusals name the field
and leave the case as it was (one transaction)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from builders import FixedClock, applicant, intake, respondent, run_to_agreement
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.documents import forms_for_case, self_check
from desktop.core.documents.context import make_context
from desktop.core.documents.forms import BUILDERS
from desktop.core.errors import (
    MissingItemsError,
    StepOrderError,
    ValidationError,
    WorkflowSpecError,
)
from desktop.core.models import DONE, CaseStatus
from desktop.core.paths import resource
from desktop.core.resources import load_toml
from desktop.core.store import Store
from desktop.core.validation.dates import format_cn_date
from desktop.core.workflow import engine
from desktop.core.workflow.spec_reader import parse_workflow

settle = settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

ANSWERS: dict[str, Any] = {
    "place": "村口",
    "findings": "李秀英的车停在张建国家门口，挡住出入，双方当场查看属实。",
    "result": "李秀英当场把车挪走，以后不在张家门口停车。",
    "obligor": "李秀英",
    "manner": "当场履行",
    "risk_flags": ("无明显激化风险",),
}


def walk_in(store: Store, **extra: Any) -> int:
    return store.cases.create(intake(**extra), [applicant(), respondent()]).id


def answers(store: Store, case_id: int, **extra: Any) -> dict[str, Any]:
    return {**store.onsite.prefill(case_id), **ANSWERS, **extra}


def snapshot(store: Store, case_id: int) -> tuple[Any, ...]:
    count = store.db.execute
    return (
        store.cases.get(case_id).step_now,
        store.cases.get(case_id).step_values,
        count("SELECT count(*) FROM sessions").fetchone()[0],
        count("SELECT count(*) FROM terms").fetchone()[0],
        count("SELECT count(*) FROM audit_log").fetchone()[0],
    )


def test_one_record_reaches_the_oral_agreement_and_return_visit(store: Store) -> None:
    case_id = walk_in(store)
    assert store.onsite.prefill(case_id) == {
        "held_on": date(2026, 3, 2),
        "participants": "张建国、李秀英",
        "mediators": "王调解",
        "recorder": "王调解",
    }
    case = store.onsite.settle(case_id, answers(store, case_id))
    assert case.step_now == "archive" and case.status is CaseStatus.SUCCEEDED
    assert case.completed_steps == ("accept", "investigate", "mediate", "agree")
    assert case.agreement_form == "口头协议" and case.agreement_on == date(2026, 3, 2)
    assert case.level_resolved == case.level_now
    (session,) = store.records.list(case_id, "session")
    assert session.get("onsite") is True and session.get("findings") == ANSWERS["findings"]
    assert not store.records.list(case_id, "investigation")
    (term,) = store.records.list(case_id, "term")
    assert term.get("content") == ANSWERS["result"] and term.get("obligor") == "李秀英"
    assert term.get("deadline") == date(2026, 3, 2) and term.get("manner") == "当场履行"
    values = store.cases.state(case).values
    assert values["findings"] == ANSWERS["findings"] and values["evidence_list"] == "无"
    assert values["risk_flags"] == ("无明显激化风险",)
    assert store.onsite.offered(case_id) is None  # once settled, not again


def test_the_file_accepts_the_one_record(store: Store) -> None:
    case_id = walk_in(store)
    store.onsite.settle(case_id, answers(store, case_id))
    detail = store.cases.detail(case_id)
    names = [f.name for f in forms_for_case(detail)]
    assert "人民调解记录" in names and "人民调解口头协议登记表" in names
    assert "人民调解调查记录" not in names and "人民调解协议书" not in names
    assert not [f for f in self_check(store, case_id) if f.severity == "错误"]
    ctx = make_context(store, case_id)
    record = BUILDERS["mediation_record"](ctx).text()
    assert "当场调解" in record and ANSWERS["findings"] in record and "到场当事人" in record
    assert "同时作为调查记录" in record
    oral = BUILDERS["oral_agreement"](ctx).text()
    assert ANSWERS["result"].rstrip("。") in oral and intake()["facts"] in oral
    assert "（未填写）" not in oral  # 各方责任 is not asked of an oral agreement


def test_agreed_deadline_is_the_terms(store: Store) -> None:
    case_id = walk_in(store)
    store.onsite.settle(
        case_id, answers(store, case_id, manner="约定期限内履行", deadline="2026-03-09")
    )
    (term,) = store.records.list(case_id, "term")
    assert term.get("deadline") == date(2026, 3, 9) and term.get("manner") == "约定期限内履行"


REQUIRED = (
    "place",
    "participants",
    "mediators",
    "recorder",
    "findings",
    "result",
    "obligor",
    "manner",
)


@settle
@given(left_out=st.sets(st.sampled_from(REQUIRED + ("risk_flags", "held_on")), min_size=1))
def test_a_missing_answer_is_refused_at_its_field_and_nothing_is_written(
    store: Store, left_out: set[str]
) -> None:
    case_id = walk_in(store)
    before = snapshot(store, case_id)
    values = {k: v for k, v in answers(store, case_id).items() if k not in left_out}
    with pytest.raises(ValidationError) as refused:
        store.onsite.settle(case_id, values)
    assert refused.value.field in left_out and "请" in refused.value.message
    assert snapshot(store, case_id) == before and store.onsite.offered(case_id) is not None


@settle
@given(days=st.integers(min_value=1, max_value=400))
def test_dates_out_of_order_are_refused_at_the_field(store: Store, days: int) -> None:
    case_id = walk_in(store)
    before = snapshot(store, case_id)
    early = date.fromordinal(date(2026, 3, 2).toordinal() - days).isoformat()
    with pytest.raises(ValidationError) as refused:
        store.onsite.settle(case_id, answers(store, case_id, held_on=early))
    assert refused.value.field == "held_on"
    with pytest.raises(ValidationError) as refused:
        store.onsite.settle(
            case_id,
            answers(
                store,
                case_id,
                held_on=date(2026, 3, 2) if days > 1 else "2026-03-02",
                manner="约定期限内履行",
                deadline=early,
            ),
        )
    assert refused.value.field == "deadline"
    assert snapshot(store, case_id) == before


def test_step_one_unanswered_refuses_the_whole_record(store: Store) -> None:
    case_id = walk_in(store, not_reserved=None)
    before = snapshot(store, case_id)
    with pytest.raises(MissingItemsError) as refused:
        store.onsite.settle(case_id, answers(store, case_id))
    assert "第1步" in refused.value.message
    assert snapshot(store, case_id) == before


def test_not_offered_once_mediated_or_past_mediation(store: Store) -> None:
    case_id = run_to_agreement(store)
    assert store.onsite.offered(case_id) is None
    with pytest.raises(StepOrderError):
        store.onsite.settle(case_id, answers(store, case_id))
    case_id = walk_in(store)
    store.flow.complete_step(case_id)
    assert store.onsite.offered(case_id) is not None  # at 调查核实 still
    store.records.add(
        case_id,
        "session",
        {
            "held_on": "2026-03-02",
            "place": "村调解室",
            "participants": "王调解",
            "statements": "各说各的理。",
            "persuasion": "讲邻里互让。",
            "result": "未达成协议。",
        },
    )
    assert store.onsite.offered(case_id) is None
    with pytest.raises(StepOrderError):
        store.onsite.settle(case_id, answers(store, case_id))


def test_a_session_marked_onsite_counts_as_the_investigation(store: Store) -> None:
    """The same rule for a 调解记录 added by hand with 当场调解 ticked: no 各方陈述 needed, the
    facts found are, and step 2's record requirement is met by it."""
    case_id = walk_in(store)
    store.flow.complete_step(case_id)
    base = {"held_on": "2026-03-02", "place": "村口", "participants": "张建国、李秀英"}
    with pytest.raises(ValidationError) as refused:
        store.records.add(case_id, "session", {**base, "onsite": True, "result": "挪车。"})
    assert refused.value.field == "findings"
    with pytest.raises(ValidationError) as refused:
        store.records.add(case_id, "session", {**base, "result": "挪车。"})
    assert refused.value.field == "statements"
    store.records.add(
        case_id, "session", {**base, "onsite": True, "findings": "车挡门属实。", "result": "挪车。"}
    )
    missing = {m.id for m in store.flow.missing(case_id)}
    assert "investigation" not in missing and {"evidence_list", "findings"} <= missing


@settle
@given(
    form=st.sampled_from(["书面协议", "口头协议"]),
    disputed=st.sampled_from(["", "停车挡门"]),
    responsibility=st.sampled_from(["", "互谅互让。"]),
)
def test_written_agreements_need_matters_and_responsibility_oral_ones_do_not(
    store: Store, form: str, disputed: str, responsibility: str
) -> None:
    spec = store.catalog.latest()
    state = engine.CaseState(
        status=CaseStatus.OPEN,
        step_now="agree",
        completed_steps=("accept", "investigate", "mediate"),
        level_now=2,
        values={
            "agreement_form": form,
            "agreement_on": date(2026, 3, 2),
            "disputed_matters": disputed or None,
            "responsibility": responsibility or None,
            "confirmation_advised": True,
        },
        record_counts={"term": 1},
    )
    missing = {m.id for m in engine.missing_items(spec, "agree", state)}
    expected = set()
    if form == "书面协议":
        expected = {
            k
            for k, v in (("disputed_matters", disputed), ("responsibility", responsibility))
            if not v
        }
    assert missing == expected


@pytest.mark.parametrize(
    ("where", "bad"),
    [("fields", "session.nowhere"), ("fields", "case.place"), ("offered_at", None)],
)
def test_a_broken_onsite_table_is_refused_at_load(where: str, bad: str | None) -> None:
    data = load_toml(resource("workflows") / "wubu.toml", WorkflowSpecError).data
    onsite = dict(data["onsite"])
    if where == "fields":
        first = {**onsite["fields"][0], "to": [bad]}
        onsite["fields"] = [first, *onsite["fields"][1:]]
    else:
        onsite["offered_at"] = ["no_such_step"]
    with pytest.raises(WorkflowSpecError):
        parse_workflow({**data, "onsite": onsite}, "wubu.toml")


def test_closed_case_is_not_offered(store: Store) -> None:
    case_id = walk_in(store)
    store.onsite.settle(case_id, answers(store, case_id))
    store.records.add(
        case_id,
        "return_visit",
        {
            "visited_on": "2026-03-02",
            "visitor": "王调解",
            "visited_party": "张建国",
            "performance": "已履行",
            "satisfaction": "满意",
            "notes": "已挪车。",
        },
    )
    store.cases.update(case_id, {"closing_note": "当场化解。", "closed_on": "2026-03-02"})
    assert store.flow.complete_step(case_id).step_now == DONE
    assert store.onsite.offered(case_id) is None


WORDS = st.text(
    alphabet=st.sampled_from("张李王车门口挪走停放邻里协商同意赔偿一二三元，。、"),
    min_size=1,
    max_size=40,
)


@settle
@given(
    place=WORDS,
    findings=WORDS,
    result=WORDS,
    # 履行人 names parties (tests/core/test_obligor_is_a_party.py refuses anyone else)
    obligor=st.sampled_from(["李秀英", "张建国", "李秀英、张建国", "双方", "被申请人"]),
)
def test_whatever_was_typed_reaches_the_record_and_the_oral_agreement(
    store: Store, place: str, findings: str, result: str, obligor: str
) -> None:
    """The kind: any text typed into the form is what the 人民调解记录 and the 口头协议登记表
    print (through the real store and builders)."""
    typed = {"place": place, "findings": findings, "result": result, "obligor": obligor}
    if any(not v.strip("，。、 ") for v in typed.values()):
        return  # punctuation alone is a line a mediator would not leave: covered by refusals
    case_id = walk_in(store)
    store.onsite.settle(case_id, answers(store, case_id, **typed))
    ctx = make_context(store, case_id)
    record = BUILDERS["mediation_record"](ctx).text()
    oral = BUILDERS["oral_agreement"](ctx).text()
    assert findings.strip() in record and place.strip() in record
    assert result.strip().rstrip("。；;") in oral and obligor.strip() in oral
    assert not [f for f in self_check(store, case_id) if f.severity == "错误"]


def test_a_term_done_on_the_spot_is_performed_not_reminded(store: Store) -> None:
    """当场履行: the mediator saw it done, so a 履行凭证 says so and 今日 shows no 履行期限 (only
    the return visit); a term to be done later keeps its reminder."""
    from desktop.core.deadlines import PERFORMANCE, RETURN_VISIT, due_on

    done_id = walk_in(store)
    store.onsite.settle(done_id, answers(store, done_id))
    (receipt,) = store.records.list(done_id, "receipt")
    assert receipt.get("term_seq") == 1 and "当场履行" in receipt.get("description")
    assert receipt.get("received_on") == date(2026, 3, 2)
    later_id = walk_in(store)
    store.onsite.settle(
        later_id, answers(store, later_id, manner="约定期限内履行", deadline="2026-03-09")
    )
    assert not store.records.list(later_id, "receipt")
    items = due_on(store, date(2026, 3, 2), horizon_days=30)
    kinds = {cid: {d.kind for d in items if d.case_id == cid} for cid in (done_id, later_id)}
    assert kinds[done_id] == {RETURN_VISIT}
    assert PERFORMANCE in kinds[later_id]


@settle
@given(days_ago=st.integers(min_value=0, max_value=60), later=st.integers(0, 90))
def test_a_term_done_on_the_spot_prints_its_day_not_a_deadline(
    store: Store, clock: FixedClock, days_ago: int, later: int
) -> None:
    """The kind: a term done 当场履行 has no lapse date, so the 口头协议登记表 prints the day it
    was done (履行时间), never "履行期限：…前"; a term to be done later keeps its deadline."""
    clock.set(date(2026, 5, 1))
    held = date.fromordinal(date(2026, 5, 1).toordinal() - days_ago)
    done_id = walk_in(store)
    store.onsite.settle(done_id, answers(store, done_id, held_on=held.isoformat()))
    oral = BUILDERS["oral_agreement"](make_context(store, done_id)).text()
    assert f"履行时间：{format_cn_date(held)}" in oral and "履行期限" not in oral
    due = date.fromordinal(held.toordinal() + later)
    later_id = walk_in(store)
    store.onsite.settle(
        later_id,
        answers(store, later_id, held_on=held, manner="约定期限内履行", deadline=due.isoformat()),
    )
    oral = BUILDERS["oral_agreement"](make_context(store, later_id)).text()
    assert f"履行期限：{format_cn_date(due)}前" in oral and "履行时间" not in oral


def test_the_one_record_names_its_recorder(store: Store) -> None:
    """On the spot the mediator writes the record himself: 记录人 starts as the signed-in person,
    is printed for signing, and the self-check has nothing to remind about it."""
    case_id = walk_in(store)
    assert store.onsite.prefill(case_id)["recorder"] == "王调解"
    store.onsite.settle(case_id, answers(store, case_id, recorder="李记录"))
    (session,) = store.records.list(case_id, "session")
    assert session.get("recorder") == "李记录"
    record = BUILDERS["mediation_record"](make_context(store, case_id)).text()
    assert "李记录" in record
    assert not [f for f in self_check(store, case_id) if "记录人" in f.message]


@settle
@given(days=st.integers(min_value=1, max_value=800))
def test_a_mediation_day_after_today_is_refused(store: Store, days: int) -> None:
    """The kind: a 当场调解 records what was settled, so its day cannot be after today (typed
    in any spelling the date field reads); nothing is written."""
    case_id = walk_in(store)
    before = snapshot(store, case_id)
    ahead = date.fromordinal(date(2026, 3, 2).toordinal() + days)
    for typed in (ahead.isoformat(), f"{ahead.year}年{ahead.month}月{ahead.day}日"):
        with pytest.raises(ValidationError) as refused:
            store.onsite.settle(case_id, answers(store, case_id, held_on=typed))
        assert refused.value.field == "held_on" and "晚于今天" in refused.value.message
    assert snapshot(store, case_id) == before


@settle
@given(fen=st.integers(min_value=1, max_value=99_999_999), on_the_spot=st.booleans())
def test_money_agreed_on_the_spot_is_the_terms_amount(
    store: Store, fen: int, on_the_spot: bool
) -> None:
    """The kind: an amount typed on the 当场调解 form (in yuan, with or without 角分 and
    thousands commas) is the term's amount: the 口头协议登记表 prints it in figures and
    capitals, 今日 says who pays whom how much, a payment made there and then is on its 履行凭证."""
    from desktop.core.deadlines import PERFORMANCE, due_on
    from desktop.core.documents.context import money
    from desktop.core.validation.money import format_yuan

    typed = format_yuan(fen) if fen % 3 else f"{fen // 100}.{fen % 100:02d}"
    case_id = walk_in(store)
    manner = (
        {"manner": "当场履行"}
        if on_the_spot
        else {"manner": "约定期限内履行", "deadline": "2026-03-20"}
    )
    store.onsite.settle(
        case_id,
        answers(store, case_id, result="李秀英赔偿张建国修车费。", amount=typed, **manner),
    )
    (term,) = store.records.list(case_id, "term")
    assert term.get("amount") == fen
    oral = BUILDERS["oral_agreement"](make_context(store, case_id)).text()
    assert money(fen) in oral
    assert not [f for f in self_check(store, case_id) if f.severity == "错误"]
    lines = [d.label for d in due_on(store, date(2026, 3, 2), horizon_days=30)]
    if on_the_spot:
        (receipt,) = store.records.list(case_id, "receipt")
        assert receipt.get("amount") == fen
    else:
        assert f"李秀英付给张建国 {format_yuan(fen)}元" in " ".join(lines)
        assert any(d.kind == PERFORMANCE for d in due_on(store, date(2026, 3, 2), horizon_days=30))


@settle
@given(
    kept=st.sets(st.sampled_from(["张建国", "李秀英", "赵刚"])),
    agent=st.booleans(),
    org=st.booleans(),
)
def test_an_agreement_on_the_spot_needs_each_side_there(
    store: Store, kept: set[str], agent: bool, org: bool
) -> None:
    """The kind: 到场当事人 naming nobody of one side (申请人 or 被申请人) is refused at that field
    and nothing is written; a side present through its agent written with its name, or an
    organisation through its 法定代表人, is there. A 第三人 need not be."""
    other = (
        {"kind": "单位", "name": "平湖市某建材有限公司", "legal_rep": "李秀英", "id_number": ""}
        if org
        else {}
    )
    third = respondent(role="第三人", name="赵刚", id_number="", phone="13900003333")
    case_id = store.cases.create(intake(), [applicant(), respondent(**other), third]).id
    before = snapshot(store, case_id)
    names: list[str] = [n for n in ("张建国", "李秀英", "赵刚") if n in kept]
    if agent and "张建国" not in kept:
        names.append("王某（张建国的代理人）")
    typed = "、".join(names) or "王某"
    # 履行人 is a party (the firm's 法定代表人 is not): the side, by its role.
    values = answers(store, case_id, participants=typed, obligor="被申请人")
    if ("张建国" in kept or agent) and "李秀英" in kept:
        assert store.onsite.settle(case_id, values).step_now == "archive"
        return
    with pytest.raises(ValidationError) as refused:
        store.onsite.settle(case_id, values)
    assert refused.value.field == "participants" and "到场当事人" in refused.value.message
    assert snapshot(store, case_id) == before
