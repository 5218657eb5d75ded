"""Characters nobody sees in a name (found by the fresh tester t10b after the spaces-in-names
fix, which dropped only U+200B, U+2060, U+FEFF and U+180E). Kind: any character drawn as
nothing — a format character (Cf: the soft hyphen a web page breaks a name with, the
zero-width joiner and non-joiner, the left-to-right and right-to-left marks and the
bidirectional embeddings and isolates WeChat and copied text carry, invisible operators),
the combining grapheme joiner, a variation selector (the emoji one U+FE0F, an ideographic
one U+E0100), a Hangul filler, or a line separator U+2028 — inside or around a name:

- typed, it is kept without them (``clean_party`` -> ``tidy_name``);
- received in a package, it is kept as sent and the case is found by the name without them
  (``body_of`` -> ``join_han``), as is a case indexed before (migration m0016);
- a committee's name with one reads as the same name (``as_read``: namesakes are refused)."""

from __future__ import annotations

import sqlite3
import sys
import unicodedata
from datetime import datetime
from pathlib import Path

from builders import FixedClock, applicant, intake, respondent
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from received_names import assert_received_and_found

from desktop.core.store import Store, open_store
from desktop.core.store.search import spaced
from desktop.core.validation.names import INVISIBLE_RUN, as_read, has_unseen, tidy_name

_OK = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
#: Characters drawn as nothing, of every sort the kind names.
UNSEEN = [
    "\u00ad", "\u034f", "\u061c", "\u115f", "\u1160", "\u180b", "\u180e", "\u200b", "\u200c",
    "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2060",
    "\u2061", "\u2062", "\u2063", "\u2064", "\u2066", "\u2067", "\u2068", "\u2069", "\u3164",
    "\ufe00", "\ufe0f", "\ufeff", "\uffa0", "\U000e0001", "\U000e0041", "\U000e0100",
    "\U000e01ef",
]  # fmt: skip
NAMES = ["欧阳修文", "张三", "司马相如", "阿依古丽·买买提", "李秀英"]


@st.composite
def hidden_names(draw: st.DrawFn) -> tuple[str, str]:
    """(the name with unseen characters inside and around, the name)."""
    name = draw(st.sampled_from(NAMES))
    hide = st.text(alphabet=UNSEEN, min_size=1, max_size=2)
    at = draw(st.integers(1, len(name) - 1))
    edges = st.text(alphabet=UNSEEN, max_size=1)
    return draw(edges) + name[:at] + draw(hide) + name[at:] + draw(edges), name


def test_every_format_character_is_one_nobody_sees() -> None:
    """Every Unicode format character (Cf) of this Python's Unicode is dropped."""
    cf = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
    assert cf and not [hex(ord(ch)) for ch in cf if not INVISIBLE_RUN.fullmatch(ch)]


@given(name=hidden_names(), agent=hidden_names())
@_OK
def test_a_typed_name_is_kept_without_unseen_characters_and_found(
    store: Store, name: tuple[str, str], agent: tuple[str, str]
) -> None:
    case_id = store.cases.create(
        intake(title="相邻排水纠纷"),
        [applicant(name=name[0], agent_name=agent[0], id_number="", phone=""), respondent()],
    ).id
    stored = store.db.execute(
        "SELECT name, agent_name FROM parties WHERE case_id = ? ORDER BY seq", [case_id]
    ).fetchone()
    assert tuple(stored) == (name[1], agent[1])
    assert case_id in {c.id for c in store.cases.search(name[1])}
    assert tidy_name(name[0]) == name[1]


def test_received_names_with_unseen_characters_are_found(tmp_path: Path) -> None:
    """A village's program kept 欧阳\u00ad修文 as pasted from a web page: the county keeps it as
    sent and finds it by 欧阳修文."""
    sent = {
        "欧阳\u00ad修文": "欧阳修文",
        "\u202a张三丰\u202c": "张三丰",
        "司马\u200c相如": "司马相如",
        "诸葛\u2028明华": "诸葛明华",
        "李\ufe0f秀英": "李秀英",
    }
    assert_received_and_found(tmp_path, sent)


def test_cases_indexed_before_are_found_after_the_upgrade(tmp_path: Path) -> None:
    """A file indexed before (its search text kept 欧阳\u200e修文): m0016 indexes it again."""
    path = tmp_path / "old.sqlite"
    clock = FixedClock(datetime(2026, 3, 2, 9))
    names = {"欧阳\u200e修文": "欧阳修文", "张\u00ad三丰": "张三丰"}
    with open_store(path, now=clock) as s:
        s.settings.save_committee(name="星光村人民调解委员会", level=2, abbr="星调")
        s.settings.add_mediator("王调解")
        ids = [
            s.cases.create(
                intake(title="相邻排水纠纷"), [applicant(name=n, id_number=""), respondent()]
            ).id
            for n in names.values()
        ]
    con = sqlite3.connect(path)
    for case_id, (old, name) in zip(ids, names.items(), strict=True):
        con.execute("UPDATE parties SET name = ? WHERE case_id = ? AND seq = 1", [old, case_id])
        body = con.execute("SELECT body FROM case_search WHERE case_id = ?", [case_id]).fetchone()
        new_body = body[0].replace(name, old)
        con.execute(
            "INSERT INTO case_chars (case_chars, rowid, body) VALUES ('delete', ?, ?)",
            [case_id, spaced(body[0])],
        )
        con.execute("UPDATE case_search SET body = ? WHERE case_id = ?", [new_body, case_id])
        con.execute(
            "INSERT INTO case_chars (rowid, body) VALUES (?, ?)", [case_id, spaced(new_body)]
        )
    con.execute("DELETE FROM _sqlite_migrations WHERE name = 'm0016_name_spaces'")
    con.commit()
    con.close()
    with open_store(path, now=clock) as s:
        assert [s.cases.search("欧阳修文")[0].id, s.cases.search("张三丰")[0].id] == ids


@given(hide=st.text(alphabet=UNSEEN + ["\u3000", "\u2028"], min_size=1, max_size=2))
@_OK
def test_a_committee_name_with_unseen_characters_reads_as_the_name(hide: str) -> None:
    name = "星光村人民调解委员会"
    disguised = name[:3] + hide + name[3:]
    assert as_read(disguised) == name
    assert has_unseen(disguised)
