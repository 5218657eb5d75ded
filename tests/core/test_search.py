"""Search: 1-2 character Chinese terms, 3+ character terms, numbers, and whatever a user
might type (quotes, brackets, FTS operators, emoji, very long text) never raises."""

from __future__ import annotations

import pytest
from builders import ID_LI, ID_ZHANG, applicant, intake, respondent
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.store import Store
from desktop.core.store.search import rebuild_indexes


@pytest.fixture
def cases(store: Store) -> dict[str, int]:
    a = store.cases.create(intake(), [applicant(), respondent()])
    b = store.cases.create(
        intake(
            title="王强与赵丽宅基地边界纠纷",
            category="03",
            facts="翻建房屋越过界址三十厘米。",
            requests="请求拆除越界部分。",
        ),
        [
            applicant(name="王强", id_number="", phone="13811112222"),
            respondent(name="赵丽", id_number="", phone=""),
        ],
    )
    c = store.cases.create(
        intake(
            title="欧阳娜娜劳务报酬纠纷",
            category="10",
            facts="拖欠工资八千元。",
            requests="支付工资。",
        ),
        [applicant(name="欧阳娜娜", id_number=""), respondent(name="平湖市某厂", id_number="")],
    )
    return {"drain": a.id, "land": b.id, "wage": c.id}


def found(store: Store, text: str) -> set[int]:
    return {r.id for r in store.cases.search(text)}


def test_one_character_surname(store: Store, cases: dict[str, int]) -> None:
    assert found(store, "王") == {cases["land"]}
    assert found(store, "李") == {cases["drain"]}


def test_two_character_names_and_words(store: Store, cases: dict[str, int]) -> None:
    assert found(store, "赵丽") == {cases["land"]}
    assert found(store, "秀英") == {cases["drain"]}
    assert found(store, "工资") == {cases["wage"]}
    assert found(store, "丽赵") == set()  # order matters: a phrase, not two loose characters


def test_three_and_more_characters(store: Store, cases: dict[str, int]) -> None:
    assert found(store, "宅基地") == {cases["land"]}
    assert found(store, "欧阳娜娜") == {cases["wage"]}
    assert found(store, "排水纠纷") == {cases["drain"]}


def test_numbers_case_no_id_and_phone(store: Store, cases: dict[str, int]) -> None:
    no = store.cases.get(cases["land"]).case_no
    assert found(store, no) == {cases["land"]}
    assert found(store, ID_LI) == {cases["drain"]}
    assert found(store, ID_ZHANG[-6:]) == {cases["drain"]}
    assert found(store, "13811112222") == {cases["land"]}
    assert found(store, "第2号") == {cases["land"]}
    # A whole ID number goes to the parties' index, alone or with other words.
    assert found(store, ID_LI.lower()) == {cases["drain"]}
    assert found(store, f"{ID_LI} 排水") == {cases["drain"]}
    assert found(store, f"{ID_LI} 工资") == set()


def test_several_terms_are_all_required(store: Store, cases: dict[str, int]) -> None:
    assert found(store, "王 宅基地") == {cases["land"]}
    assert found(store, "王 工资") == set()


def test_edits_and_party_changes_reach_the_index(store: Store, cases: dict[str, int]) -> None:
    store.cases.update(cases["wage"], {"facts": "拖欠工资八千元，另有加班费。"})
    assert found(store, "加班费") == {cases["wage"]}
    party = store.records.parties(cases["land"])[1]
    store.records.update_party(party.id, {"name": "赵丽华"})
    assert found(store, "丽华") == {cases["land"]}
    store.records.remove_party(party.id)
    assert found(store, "丽华") == set()


@pytest.mark.parametrize(
    "text",
    [
        '"',
        '""',
        "'",
        "(",
        ")",
        "()",
        "王 (",
        "AND",
        "OR",
        "NOT",
        "NEAR(",
        "*",
        "^",
        "-",
        ":",
        "宅基地 OR",
        '"宅基地',
        "王*",
        "%",
        "_",
        "\\",
        "%王%",
        "😀",
        "王😀",
        "😀😀😀",
        "《》",
        "x" * 5000,
        "宅" * 300,
        " ",
        "　",
        "\x00",
    ],
)
def test_odd_input_never_raises(store: Store, cases: dict[str, int], text: str) -> None:
    store.cases.search(text)


def test_punctuation_and_emoji_searched_as_text(store: Store) -> None:
    case = store.cases.create(intake(facts="双方签了《协议》😀，后来反悔。"))
    assert found(store, "《协议》") == {case.id}
    assert found(store, "😀") == {case.id}
    assert found(store, "%") == set()


def test_rebuild_gives_same_answers(store: Store, cases: dict[str, int]) -> None:
    before = {t: found(store, t) for t in ("王", "赵丽", "宅基地", ID_LI)}
    rebuild_indexes(store.db)
    assert {t: found(store, t) for t in before} == before


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(min_size=1, max_size=40))
def test_any_text_is_safe(store: Store, text: str) -> None:
    store.cases.search(text)


def test_dense_terms_are_driven_newest_first(
    store: Store, cases: dict[str, int], monkeypatch
) -> None:  # noqa: ANN001
    """A term matching most cases takes the streaming plan; results and counts agree with the
    ordinary plan (here "most" is forced down to 1 so a small archive exercises it)."""
    import desktop.core.store.search as search
    from desktop.core.models import CaseFilter

    normal = {t: found(store, t) for t in ("纠纷", "纠纷 王", "请求", "第 号")}
    monkeypatch.setattr(search, "DENSE", 1)
    assert search.plan_text(store.db, "纠纷").driver is not None
    for text, expected in normal.items():
        rows = store.cases.search(text)
        assert {r.id for r in rows} == expected
        assert [r.id for r in rows] == sorted((r.id for r in rows), reverse=True)
        assert store.cases.count(CaseFilter(text=text)) == len(expected)
        assert store.cases.count(CaseFilter(text=text), cap=2) == min(2, len(expected))
    assert store.cases.search("纠纷", limit=1)[0].id == max(normal["纠纷"])
