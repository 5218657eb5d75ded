"""履行人 names parties of the case (kind: a free-text field that must name the case's parties
accepting anyone — a typo, a non-party, a neighbour — who then appears on the 协议书 as bound).
Checked by the core for a term added or changed and for 当场调解 (so for the window and every
other caller); the window offers the parties' names as buttons under the field."""

from __future__ import annotations

from typing import Any

import pytest
from builders import applicant, intake, on_day, respondent, run_to_agreement
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.errors import ValidationError
from desktop.core.store import Store

TERM = {"content": "支付补偿款", "manner": "现金", "deadline": "2026-04-01"}
PARTIES = ["张建国", "李秀英"]
JOINERS = st.sampled_from(["、", "，", ",", " ", "和", "及", "与", "；"])
STRANGER = st.text(alphabet="王赵钱孙周吴郑冯陈某甲乙丙", min_size=1, max_size=4).filter(
    lambda n: n not in PARTIES
)


def terms(store: Store, case_id: int) -> int:
    return len(store.records.list(case_id, "term"))


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    named=st.lists(
        st.sampled_from([*PARTIES, "被申请人", "申请人", "双方"]), min_size=1, max_size=3
    ),
    joiner=JOINERS,
)
def test_names_of_the_parties_are_accepted(store: Store, named: list[str], joiner: str) -> None:
    case_id = run_to_agreement(store)
    before = terms(store, case_id)
    store.records.add(case_id, "term", {**TERM, "obligor": joiner.join(named)})
    assert terms(store, case_id) == before + 1


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    stranger=STRANGER,
    with_party=st.booleans(),
    joiner=JOINERS,
    how=st.sampled_from(["add", "update", "onsite"]),
)
def test_anyone_else_is_refused_in_one_sentence_naming_the_parties(
    store: Store, stranger: str, with_party: bool, joiner: str, how: str
) -> None:
    said = joiner.join(["李秀英", stranger]) if with_party else stranger
    if how == "onsite":
        case_id = store.cases.create(intake(), [applicant(), respondent()]).id
        call: Any = lambda: store.onsite.settle(  # noqa: E731
            case_id,
            {
                **store.onsite.prefill(case_id),
                "place": "村口",
                "findings": "属实。",
                "result": "当场挪车。",
                "obligor": said,
                "manner": "当场履行",
                "risk_flags": ("无明显激化风险",),
            },
        )
    else:
        case_id = run_to_agreement(store)
        if how == "add":
            call = lambda: store.records.add(case_id, "term", {**TERM, "obligor": said})  # noqa: E731
        else:
            first = store.records.list(case_id, "term")[0]
            call = lambda: store.records.update("term", first.id, {"obligor": said})  # noqa: E731
    before = [t.values for t in store.records.list(case_id, "term")]
    with pytest.raises(ValidationError) as refused:
        call()
    message = refused.value.message
    assert refused.value.field == "obligor"
    assert message.startswith("履行人“") and "不是本案当事人" in message, message
    assert "张建国、李秀英" in message and message.count("。") == 1
    assert [t.values for t in store.records.list(case_id, "term")] == before


def test_a_name_with_a_joining_word_in_it_is_one_name(store: Store) -> None:
    """和 is a surname and 与 is in firms' names: a name is split at them only when every piece
    is a party's name."""
    case_id = store.cases.create(
        intake(), [applicant(name="和美丽", id_number=""), respondent(name="李秀英")]
    ).id
    on_day(store, "2026-03-02")
    store.records.add_party(
        case_id,
        {
            "role": "第三人",
            "kind": "单位",
            "name": "平湖市建材与装饰有限公司",
            "credit_code": "91350100M000100Y43",
            "legal_rep": "赵六",
        },
    )
    from desktop.core.store.party_names import check_party_names

    spec = store.catalog.latest().record_kinds["term"]
    parties = store.records.parties(case_id)
    for ok in ("和美丽", "平湖市建材与装饰有限公司", "和美丽和李秀英", "李秀英与和美丽"):
        check_party_names(spec.fields, {"obligor": ok}, parties)
    with pytest.raises(ValidationError):
        check_party_names(spec.fields, {"obligor": "美丽"}, parties)


FIRMS = st.sampled_from(["平湖市某建材有限公司", "星光村经济合作社", "新埭镇某某商店"])
REPRESENTATIVES = st.text(alphabet="王赵钱孙周吴郑冯陈五六七", min_size=2, max_size=3)


@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    firm=FIRMS,
    rep=REPRESENTATIVES,
    role=st.sampled_from(["申请人", "被申请人"]),
    with_other=st.booleans(),
    joiner=JOINERS,
    how=st.sampled_from(["add", "update", "onsite"]),
)
def test_a_units_legal_representative_names_the_unit(
    store: Store, firm: str, rep: str, role: str, with_other: bool, joiner: str, how: str
) -> None:
    """A firm acts through its 法定代表人: naming him as 履行人 names the firm, which is the
    party (kind: a unit's representative refused as “不是本案当事人”, found by the testers of
    issue 14); in every way a 履行人 is written, and the 今日 line says whom he pays."""
    unit = {
        "role": role,
        "kind": "单位",
        "name": firm,
        "id_number": "",
        "credit_code": "91350100M000100Y43",
        "legal_rep": rep,
    }
    person = applicant(name="张建国") if role == "被申请人" else respondent(name="张建国")
    case_id = store.cases.create(
        intake(), [unit, person] if role == "申请人" else [person, unit]
    ).id
    said = joiner.join([rep, "张建国"]) if with_other else rep
    if how == "onsite":
        store.onsite.settle(
            case_id,
            {
                **store.onsite.prefill(case_id),
                "place": "村口",
                "findings": "属实。",
                "result": "当场挪车。",
                "obligor": said,
                "manner": "当场履行",
                "risk_flags": ("无明显激化风险",),
            },
        )
    else:
        store.records.add(case_id, "term", {**TERM, "obligor": "张建国"})
        if how == "add":
            store.records.add(case_id, "term", {**TERM, "obligor": said, "amount": "1200"})
        else:
            first = store.records.list(case_id, "term")[0]
            store.records.update("term", first.id, {"obligor": said, "amount": "1200"})
    assert said in [t.values["obligor"] for t in store.records.list(case_id, "term")]
    if how != "onsite" and not with_other:
        from desktop.core.deadlines import inputs_for, term_line

        inputs = inputs_for(store, case_id)
        seq = max(inputs.payments)
        assert term_line(inputs, seq, "支付补偿款") == f"{rep}付给张建国 1,200.00元"


def test_the_representative_of_a_natural_person_names_no_one(store: Store) -> None:
    """Only a unit is represented so: a natural person's 法定代表人 field (filled by mistake)
    is no party."""
    case_id = store.cases.create(intake(), [applicant(legal_rep="王五"), respondent()]).id
    with pytest.raises(ValidationError, match="不是本案当事人"):
        store.records.add(case_id, "term", {**TERM, "obligor": "王五"})
