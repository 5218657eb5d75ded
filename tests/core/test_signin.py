"""Sign-in: the signed-in person is the one every change records (audit log, escalation's
经办人, new records), a name must be on the committee's list (or added there), and role words
or invisible characters are never recorded as a person."""

from __future__ import annotations

import subprocess
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from builders import applicant, intake, on_day, respondent
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.errors import ValidationError
from desktop.core.store import Store, open_store
from desktop.core.store.signin import (
    CLI_ACTOR,
    NOBODY,
    ROLE_WORDS,
    act_as,
    clean_name,
    last_signed_in,
    sign_in,
    signed_in_person,
)


def test_a_store_nobody_signed_into_is_not_called_mediator() -> None:
    s = open_store(":memory:")
    try:
        assert s.actor == NOBODY and s.actor != "调解员"
        assert signed_in_person(s) == ""
    finally:
        s.close()


def test_signed_in_person_is_recorded_on_every_change(store: Store) -> None:
    store.settings.add_mediator("沈美琴")
    assert sign_in(store, "沈美琴") == "沈美琴"
    assert store.actor == "沈美琴" and signed_in_person(store) == "沈美琴"
    case = store.cases.create(intake(), [applicant(), respondent()], level=1)
    on_day(store, "2026-03-03")
    store.records.add(
        case.id,
        "investigation",
        {
            "held_on": "2026-03-03",
            "place": "村委会",
            "investigator": "沈美琴",
            "subject": "张建国",
            "content": "看了现场。",
        },
    )
    on_day(store, "2026-03-04")
    store.flow.escalate(case.id, 2, "网格化解未果", date(2026, 3, 4))
    rows = store.db.execute(
        "SELECT action, actor FROM audit_log WHERE case_id = ? ORDER BY id", [case.id]
    ).fetchall()
    assert rows and {actor for _a, actor in rows} == {"沈美琴"}
    assert store.cases.detail(case.id).escalations[0].actor == "沈美琴"
    signed = store.db.execute(
        "SELECT actor, detail FROM audit_log WHERE action = 'sign_in'"
    ).fetchall()
    assert signed == [("沈美琴", '{"before": "王调解"}')]


def test_the_last_person_is_remembered_across_opening(db_path, clock) -> None:  # noqa: ANN001
    s = open_store(db_path, now=clock)
    s.settings.save_committee(name="星光村人民调解委员会", level=2, region="", abbr="星调")
    for name in ("王建平", "沈美琴", "陆国良"):
        s.settings.add_mediator(name)
    assert last_signed_in(s) is None
    sign_in(s, "陆国良")
    s.close()
    again = open_store(db_path, now=clock)
    try:
        assert last_signed_in(again) == "陆国良"
        assert again.actor == NOBODY  # opening alone signs nobody in
    finally:
        again.close()


def test_a_name_off_the_list_is_refused_unless_added(store: Store) -> None:
    with pytest.raises(ValidationError) as refused:
        sign_in(store, "陌生人")
    assert (
        "不在本调委会的调解员名单里" in refused.value.message and "王调解" in refused.value.message
    )
    assert store.actor == "王调解"
    assert sign_in(store, "  新来的 ", add=True) == "新来的"
    assert "新来的" in [m.name for m in store.settings.mediators()]
    created = store.db.execute(
        "SELECT actor FROM audit_log WHERE entity = 'mediator' ORDER BY id DESC LIMIT 1"
    ).fetchone()
    assert created == ("新来的",)  # the person added themselves
    with pytest.raises(ValidationError, match="已经有"):
        store.settings.add_mediator("新来的")


@pytest.mark.parametrize("word", sorted(ROLE_WORDS))
def test_role_words_are_never_a_person(store: Store, word: str) -> None:
    for attempt in (word, f" {word} ", unicodedata.normalize("NFKD", word)):
        with pytest.raises(ValidationError):
            sign_in(store, attempt, add=True)
        with pytest.raises(ValidationError):
            store.settings.add_mediator(attempt)
        with pytest.raises(ValidationError):
            act_as(store, attempt)
    assert store.actor == "王调解"


def test_the_command_line_records_itself_or_the_named_person(store: Store) -> None:
    assert act_as(store, None) == CLI_ACTOR and store.actor == CLI_ACTOR
    for blank in ("", "  ", "\u3000", "\t "):  # a name given empty is refused, not 命令行
        with pytest.raises(ValidationError, match="--as 后面的姓名是空的"):
            act_as(store, blank)
    assert store.actor == CLI_ACTOR
    assert act_as(store, "王调解") == "王调解"
    with pytest.raises(ValidationError, match="名单"):
        act_as(store, "李四")


def test_an_empty_list_accepts_the_first_name_given() -> None:
    s = open_store(":memory:")
    try:
        assert act_as(s, "王建平") == "王建平"  # `wusong --as 王建平 init ...`
    finally:
        s.close()


_INVISIBLE = st.sampled_from(["\x00", "\x07", "\n", "\r", "\t", "\u200b", "\u202e", "\ufeff"])


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet=st.characters(categories=("Lo", "Lu", "Ll")), min_size=1, max_size=8),
    _INVISIBLE,
    st.integers(0, 8),
)
def test_invisible_characters_in_a_name_are_refused(name: str, bad: str, at: int) -> None:
    with pytest.raises(ValidationError, match="控制字符"):
        clean_name(name[:at] + bad + name[at:])


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=30))
def test_a_cleaned_name_is_stable_and_printable(raw: str) -> None:
    try:
        name = clean_name(raw)
    except ValidationError as exc:
        assert exc.message and exc.message.endswith("。")
        return
    assert clean_name(name) == name
    assert name == name.strip() and 0 < len(name) <= 20
    assert name not in ROLE_WORDS
    assert all(unicodedata.category(ch)[0] != "C" for ch in name)


def test_the_printed_transfer_form_names_the_signed_in_person(store: Store, tmp_path: Path) -> None:
    from desktop.core import documents as docs

    store.settings.add_mediator("沈美琴")
    sign_in(store, "沈美琴")
    case = store.cases.create(intake(), [applicant(), respondent()], level=1)
    on_day(store, "2026-03-04")
    store.flow.escalate(case.id, 2, "网格化解未果", date(2026, 3, 4))
    pdf = tmp_path / "移交单.pdf"
    docs.generate(store, case.id, "transfer", "pdf", pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "移交人：沈美琴" in text
    assert "沈美琴" in next(line for line in text.splitlines() if "经办人" in line)
