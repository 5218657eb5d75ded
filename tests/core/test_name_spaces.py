"""Spaces in names (closing note 4: “张　三”, a full-width space lining up a two-character name,
was stored with the space and 欧阳修文 did not find 欧阳　修文). Kind: any Unicode space —
U+3000, the no-break U+00A0, U+2002-U+200A, the zero width U+200B, tabs, several at once —
inside or around a person's name:

- where a name is typed (a party's 姓名/法定代表人/代理人 in the window's form and the CLI, both
  through ``clean_party``; the Excel/text 台账 import; a mediator's name and the sign-in) it is
  kept without them: no space beside a Chinese character, one ordinary space between Latin
  words (John Smith);
- a 履行人 typed with such a space names that party, and two names split by a space are still two;
- a case received with such a name keeps it as sent, and search finds it by the name without
  spaces — as it does a case indexed before (migration m0016 re-indexes those)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from builders import FixedClock, applicant, intake, respondent
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from received_names import assert_received_and_found

from desktop.core.errors import ValidationError
from desktop.core.reports.register_import import plan_import, read_sheet
from desktop.core.store import Store, open_store
from desktop.core.store.search import spaced
from desktop.core.store.signin import sign_in

_OK = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
SPACES = "\u3000\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\t "
EDGES = st.text(alphabet=SPACES, max_size=2)
SURNAMES = ["张", "李", "王", "欧阳", "司马", "诸葛"]
GIVEN = "三丽建国秀英修文明华"


@st.composite
def spaced_names(draw: st.DrawFn, spaces: str = SPACES) -> tuple[str, str]:
    """(the name as typed, the name it is): ``spaces`` between its characters and at its ends."""
    gaps_of = st.text(alphabet=spaces, min_size=1, max_size=3)
    edges = st.text(alphabet=spaces, max_size=2)
    surname = draw(st.sampled_from(SURNAMES))
    given_name = draw(st.text(alphabet=GIVEN, min_size=1, max_size=2))
    chars = list(surname + given_name)
    gaps = [draw(st.one_of(st.just(""), gaps_of)) for _ in chars[1:]]
    gaps[draw(st.integers(0, len(gaps) - 1))] = draw(gaps_of)  # at least one space inside
    typed = draw(edges) + chars[0] + "".join(g + c for g, c in zip(gaps, chars[1:], strict=True))
    return typed + draw(edges), surname + given_name


def _case(store: Store, name: str, **party: object) -> int:
    return store.cases.create(
        intake(title="相邻排水纠纷"), [applicant(name=name, **party), respondent()]
    ).id


@given(name=spaced_names(), agent=spaced_names())
@_OK
def test_a_typed_party_name_is_kept_without_its_spaces_and_found(
    store: Store, name: tuple[str, str], agent: tuple[str, str]
) -> None:
    case_id = _case(store, name[0], agent_name=agent[0])
    stored = store.db.execute(
        "SELECT name, agent_name FROM parties WHERE case_id = ? ORDER BY seq", [case_id]
    ).fetchone()
    assert tuple(stored) == (name[1], agent[1])
    assert case_id in {c.id for c in store.cases.search(name[1])}
    # A 履行人 typed as it was lined up names the party; two names split by a space are two.
    store.records.add(
        case_id,
        "term",
        {"content": "赔偿损失", "obligor": name[0], "manner": "现金", "deadline": "2026-04-01"},
    )
    both = f"{name[0]} 李秀英"
    store.records.add(
        case_id,
        "term",
        {"content": "共同修沟", "obligor": both, "manner": "出工", "deadline": "2026-04-01"},
    )
    with pytest.raises(ValidationError, match="不是本案当事人"):
        store.records.add(
            case_id,
            "term",
            {"content": "x", "obligor": "王五 赵六", "manner": "现金", "deadline": "2026-04-01"},
        )
    store.db.execute("DELETE FROM terms WHERE case_id = ?", [case_id])


@given(
    first=st.sampled_from(["John", "Anna", "Ivan"]),
    last=st.sampled_from(["Smith", "Müller", "Petrov"]),
    gap=st.text(alphabet=SPACES.replace("\u200b", ""), min_size=1, max_size=3),
    edge=EDGES,
)
@_OK
def test_a_latin_name_keeps_one_ordinary_space(
    store: Store, first: str, last: str, gap: str, edge: str
) -> None:
    case_id = _case(store, f"{edge}{first}{gap}{last}{edge}", id_number="", phone="")
    stored = store.db.execute(
        "SELECT name FROM parties WHERE case_id = ? ORDER BY seq", [case_id]
    ).fetchone()[0]
    assert stored == f"{first} {last}"


@given(names=st.lists(spaced_names(), min_size=1, max_size=5))
@_OK
def test_a_register_import_keeps_names_without_spaces(
    store: Store, tmp_path: Path, names: list[tuple[str, str]]
) -> None:
    path = tmp_path / "台账.csv"
    lines = ["受理日期,申请人,被申请人,调解结果"]
    lines += [
        f"2025-03-{i + 1:02d},{typed},{typed}甲,调解成功" for i, (typed, _) in enumerate(names)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    plan = plan_import(store, read_sheet(path))
    assert [p.parties[0]["name"] for p in plan.add] == [name for _, name in names]
    assert [p.parties[1]["name"] for p in plan.add] == [name + "甲" for _, name in names]


@given(name=spaced_names(SPACES.replace("\u200b", "").replace("\t", "")))
@_OK
def test_a_mediator_typed_with_spaces_is_one_name(store: Store, name: tuple[str, str]) -> None:
    """(A tab or zero-width space in a mediator's name is refused in one sentence, as issue 12
    decided: tests/core/test_signin.py.)"""
    existing = {m.name for m in store.settings.mediators(active_only=False)}
    if name[1] in existing:
        with pytest.raises(ValidationError, match="已经有"):
            store.settings.add_mediator(name[0])
    else:
        assert store.settings.add_mediator(name[0]).name == name[1]
    assert sign_in(store, name[0]) == name[1]


def test_a_mediator_listed_with_a_space_long_ago_signs_in_by_either_spelling(
    store: Store,
) -> None:
    store.db.execute(
        "INSERT INTO mediators (name, phone, full_time, active, created_at)"
        " VALUES ('张 三', '', 0, 1, '2026-01-01T00:00:00')"
    )
    assert sign_in(store, "张三") == "张 三"
    assert sign_in(store, "张　三") == "张 三"
    with pytest.raises(ValidationError, match="已经有"):
        store.settings.add_mediator("张三")


def test_received_names_are_kept_as_sent_and_found_without_spaces(tmp_path: Path) -> None:
    """An older village program stored 张　三 with its space; the county keeps the name as sent
    (it is the village's record) and finds the case by the name without spaces."""
    sent = {
        "欧阳\u3000修文": "欧阳修文",
        "张\u00a0\u00a0三丰": "张三丰",
        "司马\u200b相如": "司马相如",
    }
    sent["诸葛\t明华"] = "诸葛明华"
    assert_received_and_found(tmp_path, sent)


def test_cases_indexed_before_are_found_after_the_upgrade(tmp_path: Path) -> None:
    """A file whose cases were indexed by the program before this change (their search text
    kept 欧阳 修文): migration m0016 indexes them again, so 欧阳修文 finds them."""
    path = tmp_path / "old.sqlite"
    clock = datetime(2026, 3, 2, 9)
    names = {"欧阳\u3000修文": "欧阳修文", "张\u00a0三丰": "张三丰", "司马 相如": "司马相如"}
    with open_store(path, now=FixedClock(clock)) as s:
        s.settings.save_committee(name="星光村人民调解委员会", level=2, abbr="星调")
        s.settings.add_mediator("王调解")
        ids = [_case(s, n, id_number="", phone="") for n in names.values()]
    # As the program before m0016 left it: the names as typed then, their text with spaces.
    con = sqlite3.connect(path)
    for case_id, name in zip(ids, names, strict=True):
        old_text = name.replace("\u3000", " ").replace("\u00a0", " ")
        con.execute(
            "UPDATE parties SET name = ? WHERE case_id = ? AND seq = 1", [old_text, case_id]
        )
        body = con.execute("SELECT body FROM case_search WHERE case_id = ?", [case_id]).fetchone()[
            0
        ]
        new_body = body.replace(names[name], old_text)
        con.execute(
            "INSERT INTO case_chars (case_chars, rowid, body) VALUES ('delete', ?, ?)",
            [case_id, spaced(body)],
        )
        con.execute("UPDATE case_search SET body = ? WHERE case_id = ?", [new_body, case_id])
        con.execute(
            "INSERT INTO case_chars (rowid, body) VALUES (?, ?)", [case_id, spaced(new_body)]
        )
    con.execute("DELETE FROM _sqlite_migrations WHERE name = 'm0016_name_spaces'")
    con.commit()
    con.close()
    with open_store(path, now=FixedClock(clock)) as s:
        for case_id, name in zip(ids, names, strict=True):
            assert [c.id for c in s.cases.search(names[name])] == [case_id]
        # both indexes agree with the text built now
        assert (
            s.db.execute(
                "SELECT count(*) FROM case_chars WHERE case_chars MATCH '\"相 如\"'"
            ).fetchone()[0]
            == 1
        )
