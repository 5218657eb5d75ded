"""How people type secrets. Kinds: a password set with a space at its beginning or end (later
nobody remembers the space: refused at set/change with a sentence saying so); the right
password typed with stray spaces around it (refused with a sentence saying the spaces are the
trouble, not counted as a wrong try) — at open, at the idle lock, at change, at removal and at
reprinting the sheet; the recovery key copied with other separators; the recovery sheet
printed again with the password, also after the password changed or was reset."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from builders import applicant, intake, respondent
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.errors import ValidationError
from desktop.core.store import Store, open_store
from desktop.core.store.keyfile import (
    WrongPasswordError,
    attempts_path,
    clean_password,
    new_recovery_key,
    parse_recovery_key,
)
from desktop.core.store.password import (
    change_password,
    check_password,
    recovery_key_for,
    remove_password,
    set_password,
)

PASSWORD = "星光村 调委会2026"  # an inner space is kept and fine
#: Spaces as they reach a password field: ASCII, no-break, ideographic (full-width mode), en/em.
_SPACE = st.sampled_from([" ", "\u00a0", "\u3000", "\u2002", "\u2003", "\u202f"])
_PAD = st.lists(_SPACE, min_size=1, max_size=3).map("".join)


@pytest.fixture(scope="module")
def locked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    path = tmp_path_factory.mktemp("typing") / "c.sqlite"
    s = open_store(path)
    s.settings.save_committee(name="星光村人民调解委员会", level=2, region="", abbr="星调")
    s.settings.add_mediator("王调解")
    s.cases.create(intake(), [applicant(), respondent()])
    shown: list[str] = []
    set_password(s, PASSWORD, sheet=shown.append)
    s.close()
    yield path, shown[0]


def _failures(path: Path) -> int:
    try:
        return int(json.loads(attempts_path(path).read_text("utf-8"))["failures"])
    except FileNotFoundError:
        return 0


@settings(max_examples=25, deadline=None)
@given(_PAD, _PAD, st.booleans(), st.booleans())
def test_a_password_with_spaces_at_its_ends_is_refused_when_set(
    left: str, right: str, at_left: bool, at_right: bool
) -> None:
    typed = (left if at_left else "") + PASSWORD + (right if at_right or not at_left else "")
    with pytest.raises(ValidationError, match="开头或结尾有空格") as info:
        clean_password(typed)
    assert not any("a" <= ch.lower() <= "z" for ch in info.value.message)
    # Spaces inside are the password's own.
    assert clean_password(PASSWORD) == PASSWORD


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(_PAD, st.sampled_from(["left", "right", "both"]))
def test_the_right_password_with_stray_spaces_is_told_so_everywhere(
    locked: tuple[Path, str], pad: str, where: str
) -> None:
    path, _ = locked
    typed = (pad if where != "right" else "") + PASSWORD + (pad if where != "left" else "")
    before = _failures(path)
    with pytest.raises(WrongPasswordError, match="多打了空格"):
        open_store(path, password=typed)
    s = open_store(path, password=PASSWORD)
    try:
        for attempt in (
            lambda: check_password(s, typed),
            lambda: recovery_key_for(s, typed),
            lambda: change_password(s, typed, "另一个密码123"),
            lambda: remove_password(s, typed),
        ):
            with pytest.raises(WrongPasswordError, match="多打了空格") as info:
                attempt()
            assert not any("a" <= ch.lower() <= "z" for ch in info.value.message)
        assert s.db_key is not None  # nothing was removed or changed
    finally:
        s.close()
    assert _failures(path) == before  # a slip of the finger is not a wrong try
    open_store(path, password=PASSWORD).close()


def test_a_wrong_password_with_spaces_is_still_a_wrong_try(locked: tuple[Path, str]) -> None:
    path, _ = locked
    with pytest.raises(WrongPasswordError, match="密码不对"):
        open_store(path, password=" 完全不对的密码 ")
    assert _failures(path) == 1
    open_store(path, password=PASSWORD).close()  # the right one clears the count
    assert _failures(path) == 0


def test_the_sheet_prints_again_with_the_password_after_change_and_reset(
    tmp_path: Path,
) -> None:
    path = tmp_path / "c.sqlite"
    s = open_store(path)
    s.settings.save_committee(name="星光村人民调解委员会", level=2, region="", abbr="星调")
    shown: list[str] = []
    set_password(s, PASSWORD, sheet=shown.append)
    assert recovery_key_for(s, PASSWORD) == shown[0]
    with pytest.raises(WrongPasswordError, match="恢复单没有打印"):
        recovery_key_for(s, "错的密码abc")
    change_password(s, PASSWORD, "第二个密码abc")
    assert recovery_key_for(s, "第二个密码abc") == shown[0]
    s.close()
    # Forgotten password: the recovery key typed with spaces opens; the new password seals
    # the same recovery key again, so the sheet still prints.
    s = open_store(path, recovery_key=shown[0].replace("-", " "))
    change_password(s, None, "第三个密码xyz")
    s.close()
    s = open_store(path, password="第三个密码xyz")
    try:
        assert recovery_key_for(s, "第三个密码xyz") == shown[0]
    finally:
        s.close()


_SEPARATOR = st.sampled_from([" ", "-", "－", "—", "，", ",", "、", "_", ".", "  ", "\u3000"])


@settings(max_examples=40, deadline=None)
@given(st.lists(_SEPARATOR, min_size=7, max_size=7), st.booleans())
def test_a_recovery_key_copied_with_any_separator_is_read(seps: list[str], wide: bool) -> None:
    key = new_recovery_key()
    groups = key.split("-")
    typed = groups[0] + "".join(sep + g for sep, g in zip(seps, groups[1:], strict=True))
    if wide:  # typed with the input method in full-width mode
        typed = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in typed)
        assert unicodedata.normalize("NFKC", typed) != typed
    assert parse_recovery_key(typed) == "".join(g[:4] for g in groups)


def test_an_unreadable_store_for_reprint_is_refused(store_plain: Store) -> None:
    with pytest.raises(ValidationError, match="没有设密码"):
        recovery_key_for(store_plain, PASSWORD)


@pytest.fixture
def store_plain(tmp_path: Path) -> Iterator[Store]:
    s = open_store(tmp_path / "p.sqlite")
    yield s
    s.close()
