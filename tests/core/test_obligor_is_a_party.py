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
