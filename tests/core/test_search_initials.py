"""Search by pinyin initials (issue 13): zs finds 张三, wjp finds 王建平, a polyphonic surname
is found by its surname reading (单 shàn, 曾 zēng, 区 ōu), the index follows renames and
deletions, and letters that are not anyone's initials still search the text."""

from __future__ import annotations

import pytest
from builders import applicant, intake, respondent
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypinyin import Style, lazy_pinyin

from desktop.core.store import Store
from desktop.core.store.initials import name_initials
from desktop.core.store.search import rebuild_indexes


def found(store: Store, text: str) -> set[int]:
    return {r.id for r in store.cases.search(text)}


def make(store: Store, a: str, b: str, **extra: str) -> int:
    case = store.cases.create(
        intake(title=f"{a}与{b}纠纷", **extra),
        [applicant(name=a, id_number=""), respondent(name=b, id_number="")],
    )
    return case.id


def test_initials_find_names(store: Store) -> None:
    zs = make(store, "张三", "李四")
    wjp = make(store, "王建平", "赵丽")
    assert found(store, "zs") == {zs}
    assert found(store, "ZS") == {zs}  # capitals as typed with Caps Lock
    assert found(store, "wjp") == {wjp}
    assert found(store, "wj") == {wjp}  # the start of a name is enough
    assert found(store, "ls") == {zs}
    assert found(store, "wjp zl") == {wjp}  # several terms: all must match
    assert found(store, "wjp ls") == set()
    assert found(store, "qq") == set()


@pytest.mark.parametrize(
    ("name", "typed"),
    [
        ("单雄信", "sxx"),
        ("曾国藩", "zgf"),
        ("区志强", "ozq"),
        ("解缙", "xj"),
        ("仇英", "qy"),
        ("查良镛", "zly"),
        ("乐嘉", "yj"),
        ("长孙无忌", "zswj"),
    ],
)
def test_polyphonic_surnames_by_their_surname_reading(store: Store, name: str, typed: str) -> None:
    case_id = make(store, name, "李四")
    assert case_id in found(store, typed)


def test_index_follows_renames_deletions_and_rebuild(store: Store) -> None:
    case_id = make(store, "张三", "李四")
    party = store.records.parties(case_id)[0]
    store.records.update_party(party.id, {"name": "周五"})
    assert found(store, "zs") == set() and found(store, "zw") == {case_id}
    third = store.records.add_party(case_id, {"role": "第三人", "kind": "自然人", "name": "钱七"})
    assert found(store, "qq") == {case_id}
    store.records.remove_party(third.id)
    assert found(store, "qq") == set()
    store.db.execute("DELETE FROM case_initials")
    rebuild_indexes(store.db)
    assert found(store, "zw") == {case_id}


def test_letters_in_the_text_are_still_found(store: Store) -> None:
    case_id = make(store, "张三", "李四", facts="车牌号 ABC 被刮。")
    assert found(store, "abc") == {case_id}


names = st.text(
    alphabet="张王李赵刘陈杨黄周吴徐孙胡朱高林何郭马罗建平国华英秀明丽", min_size=2, max_size=4
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(names)
def test_any_name_is_found_by_its_usual_initials(store: Store, name: str) -> None:
    usual = "".join(lazy_pinyin(name, style=Style.FIRST_LETTER)).lower()
    assert usual in name_initials(name)
    case_id = make(store, name, "某某")
    assert case_id in found(store, usual)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    names,
    st.lists(st.sampled_from([" ", "  ", "\u3000"]), min_size=3, max_size=3),
    st.booleans(),
)
def test_initials_typed_a_letter_at_a_time_with_spaces(
    store: Store, name: str, gaps: list[str], upper: bool
) -> None:
    """The kind: initials typed with spaces between the letters (``w j p``, ``Z S``, a
    full-width space from a Chinese input method) find the name as ``wjp`` does."""
    usual = "".join(lazy_pinyin(name, style=Style.FIRST_LETTER))
    usual = usual.upper() if upper else usual.lower()
    typed = usual[0] + "".join(gaps[i % 3] + ch for i, ch in enumerate(usual[1:]))
    case_id = make(store, name, "某某")
    assert case_id in found(store, typed)
    assert found(store, typed) == found(store, usual)


def test_spaced_letters_join_only_when_alone(store: Store) -> None:
    wjp = make(store, "王建平", "赵丽")
    zs = make(store, "张三", "李四")
    assert found(store, "wjp z l") == {wjp}  # a name, then the other's initials spaced
    assert found(store, "z s 李四") == {zs}  # a run of letters ends at a word
    assert found(store, "w j p l s") == set()  # one run is one name's initials
