"""The committee password: with it the file and every backup are unreadable without the key
(plain sqlite3 refuses them, no name or ID number in their bytes); a wrong password is refused
with a growing wait and changes nothing; the recovery key opens the file and sets a new
password; removing it makes the file and the backups plain again."""

from __future__ import annotations

import sqlite3
import unicodedata
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

import pytest
from builders import ID_LI, ID_ZHANG, FixedClock, applicant, intake, respondent
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.errors import StoreError, ValidationError
from desktop.core.store import Store, open_store
from desktop.core.store.keyfile import (
    PasswordNeededError,
    WrongPasswordError,
    clean_password,
    db_key_from_recovery,
    key_path,
    new_recovery_key,
    parse_recovery_key,
    read_key_file,
    seal,
    unseal,
    wait_after,
)
from desktop.core.store.password import change_password, remove_password, set_password
from desktop.core.store.protection import is_encrypted

PASSWORD = "星光村调委会2026"
SECRETS = ("张建国".encode(), "李秀英".encode(), ID_ZHANG.encode(), ID_LI.encode(), b"13900001111")


def _fill(store: Store) -> None:
    for _ in range(3):
        store.cases.create(intake(), [applicant(), respondent()])
    store.backup()


def _all_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and not p.name.endswith(".lock")]


def _assert_unreadable(path: Path) -> None:
    assert is_encrypted(path)
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(path).execute("SELECT count(*) FROM sqlite_master").fetchone()
    data = path.read_bytes()
    for secret in SECRETS:
        assert secret not in data, (path, secret)


def test_with_a_password_no_file_or_backup_reveals_a_name_or_id_number(
    store: Store, db_path: Path, clock: FixedClock
) -> None:
    _fill(store)
    clock.current += timedelta(minutes=1)
    done = set_password(store, PASSWORD)
    store.cases.create(intake(), [applicant(), respondent()])  # written encrypted (WAL too)
    clock.current += timedelta(minutes=1)
    store.backup()
    folder = db_path.parent
    backups = sorted((folder / "committee-backups").glob("*.sqlite"))
    assert len(backups) == 3  # the one before, the one taken first, the one after
    for path in [db_path, *backups]:
        _assert_unreadable(path)
    for path in _all_files(folder):
        data = path.read_bytes()
        assert all(secret not in data for secret in SECRETS), path
    store.close()
    with pytest.raises(PasswordNeededError, match="设了密码"):
        open_store(db_path)
    again = open_store(db_path, password=PASSWORD)
    try:
        assert again.cases.count() == 4 and again.cases.search("张建国")
    finally:
        again.close()
    # Each backup opens with the recovery key alone (and the password, by its key file).
    for backup in backups:
        for open_it in (
            partial(open_store, backup, readonly=True, recovery_key=done.recovery_key),
            partial(open_store, backup, readonly=True, password=PASSWORD),
        ):
            b = open_it()
            try:
                assert b.cases.count() >= 3
            finally:
                b.close()


def test_a_wrong_password_waits_longer_each_time_and_changes_nothing(
    store: Store, db_path: Path, clock: FixedClock
) -> None:
    _fill(store)
    set_password(store, PASSWORD)
    store.close()
    before = {p: p.read_bytes() for p in _all_files(db_path.parent) if "attempts" not in p.name}
    waits = []
    for _ in range(5):
        with pytest.raises(WrongPasswordError) as wrong:
            open_store(db_path, password="不是这个密码", now=clock)
        assert "密码不对" in wrong.value.message and "恢复密钥" in wrong.value.message
        waits.append(wrong.value.wait)
        # Trying again before the wait is over is refused without trying.
        if wrong.value.wait:
            with pytest.raises(WrongPasswordError, match="请等"):
                open_store(db_path, password=PASSWORD, now=clock)
        clock.current += timedelta(seconds=wrong.value.wait)
    assert waits == [wait_after(n) for n in range(1, 6)] == [0, 1, 2, 4, 8]
    after = {p: p.read_bytes() for p in _all_files(db_path.parent) if "attempts" not in p.name}
    assert after == before
    s = open_store(db_path, password=PASSWORD, now=clock)
    s.close()
    with pytest.raises(WrongPasswordError) as fresh:  # success clears the count
        open_store(db_path, password="又错了又错了", now=clock)
    assert fresh.value.wait == 0


def test_the_recovery_key_opens_and_sets_a_new_password(
    store: Store, db_path: Path, clock: FixedClock
) -> None:
    _fill(store)
    done = set_password(store, PASSWORD)
    store.close()
    typed = " ".join(done.recovery_key.split("-")).translate(
        str.maketrans("0123456789", "０１２３４５６７８９")
    )  # spaces and full-width digits, as an input method may give them
    s = open_store(db_path, recovery_key=typed, now=clock)
    assert s.unlocked_by == "recovery" and s.cases.count() == 3
    change_password(s, None, "新的密码654321")
    s.close()
    with pytest.raises(WrongPasswordError):
        open_store(db_path, password=PASSWORD, now=clock)
    clock.current += timedelta(minutes=5)
    s = open_store(db_path, password="新的密码654321", now=clock)
    assert s.unlocked_by == "password"
    with pytest.raises(WrongPasswordError, match="原密码不对"):
        change_password(s, PASSWORD, "另一个密码abc")  # the old one is needed now
    s.close()
    # Even with the key file gone, the recovery key opens the file.
    key_path(db_path).unlink()
    clock.current += timedelta(minutes=5)
    with pytest.raises(StoreError, match="钥匙文件"):
        open_store(db_path, password="新的密码654321", now=clock)
    s = open_store(db_path, recovery_key=done.recovery_key, now=clock)
    change_password(s, None, "重新设的密码1")
    s.close()
    open_store(db_path, password="重新设的密码1", now=clock).close()


def test_another_files_recovery_key_is_a_wrong_try(
    store: Store, db_path: Path, clock: FixedClock
) -> None:
    set_password(store, PASSWORD)
    store.close()
    with pytest.raises(WrongPasswordError, match="恢复密钥不对"):
        open_store(db_path, recovery_key=new_recovery_key(), now=clock)


def test_removing_the_password_makes_file_and_backups_plain(
    store: Store, db_path: Path, clock: FixedClock
) -> None:
    _fill(store)
    set_password(store, PASSWORD)
    with pytest.raises(WrongPasswordError, match="密码没有取消"):
        remove_password(store, "猜一个密码")
    assert is_encrypted(db_path)
    remove_password(store, PASSWORD)
    assert store.db_key is None and store.cases.count() == 3
    store.cases.create(intake(), [applicant(), respondent()])
    store.close()
    assert not is_encrypted(db_path) and not key_path(db_path).exists()
    for backup in (db_path.parent / "committee-backups").glob("*.sqlite"):
        assert sqlite3.connect(backup).execute("SELECT count(*) FROM cases").fetchone()[0] >= 3
    s = open_store(db_path)
    assert s.cases.count() == 4
    s.close()


def test_a_key_file_left_beside_a_plain_file_is_set_aside(store: Store, db_path: Path) -> None:
    other = seal(db_key_from_recovery(new_recovery_key()), PASSWORD)
    key_path(db_path).write_bytes(other.to_bytes())  # a conversion killed before the swap
    store.close()
    s = open_store(db_path)
    try:
        assert s.db_key is None and not key_path(db_path).exists()
        assert list(db_path.parent.glob("committee.sqlite.key.未使用-*"))
    finally:
        s.close()


# ---------------------------------------------------------------------------- kinds of input
_PASSWORDS = st.text(
    alphabet=st.characters(categories=("L", "N", "P", "S", "Zs")), min_size=6, max_size=20
).filter(lambda t: t.strip() and len(unicodedata.normalize("NFKC", t)) in range(6, 65))


@settings(max_examples=12, deadline=None)
@given(_PASSWORDS, _PASSWORDS)
def test_a_password_opens_its_seal_and_another_does_not(pw: str, other: str) -> None:
    key = db_key_from_recovery(new_recovery_key())
    try:
        kf = seal(key, pw)
    except ValidationError:
        return  # a refused password (e.g. NFKC made it a control character) seals nothing
    assert unseal(kf, pw) == key
    # The same password typed in full-width mode is the same password.
    assert unseal(kf, unicodedata.normalize("NFKC", pw)) == key
    if unicodedata.normalize("NFKC", other) != unicodedata.normalize("NFKC", pw):
        assert unseal(kf, other) is None


def test_full_width_password_is_the_half_width_one() -> None:
    assert clean_password("１２３４５６ａｂ") == "123456ab"
    for bad in ("", "     ", "12345", "abc\x00def", "a" * 65):
        with pytest.raises(ValidationError):
            clean_password(bad)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 39), st.integers(1, 9))
def test_any_single_wrong_digit_of_a_recovery_key_names_its_group(pos: int, delta: int) -> None:
    key = new_recovery_key()
    digits = key.replace("-", "")
    wrong = digits[:pos] + str((int(digits[pos]) + delta) % 10) + digits[pos + 1 :]
    with pytest.raises(ValidationError, match=f"第 {pos // 5 + 1} 组"):
        parse_recovery_key(wrong)
    assert parse_recovery_key(digits) == "".join(g[:4] for g in key.split("-"))


@pytest.mark.parametrize("typed", ["", "1234", "abcde-" * 8, "12345" * 9])
def test_a_recovery_key_of_the_wrong_shape_is_refused(typed: str) -> None:
    with pytest.raises(ValidationError, match="恢复密钥"):
        parse_recovery_key(typed)


def test_the_first_open_of_a_missing_file_needs_no_password(tmp_path: Path) -> None:
    s = open_store(tmp_path / "new.sqlite", now=lambda: datetime(2026, 3, 2))
    assert s.db_key is None
    s.close()


def test_attachments_are_sealed_with_the_file_and_open_again_without(
    store: Store, db_path: Path, tmp_path: Path
) -> None:
    case = store.cases.create(intake(), [applicant(), respondent()])
    photo = tmp_path / "身份证.jpg"
    photo.write_bytes(b"\xff\xd8JPEG " + "张建国".encode() + ID_ZHANG.encode() + b"\xff\xd9")
    before = store.files.add_attachment(case.id, photo)
    printed = store.files.documents_folder(case.uuid) / "登记表.pdf"
    printed.parent.mkdir(parents=True)
    printed.write_bytes(b"%PDF " + "张建国".encode() + ID_ZHANG.encode())
    set_password(store, PASSWORD)
    assert all(secret not in printed.read_bytes() for secret in SECRETS)
    # Documents made from now on go to a private folder removed at exit, not beside the file.
    assert not store.files.documents_folder(case.uuid).is_relative_to(store.data_dir)
    later_photo = tmp_path / "收条.png"
    later_photo.write_bytes(b"\x89PNG " + "李秀英".encode() + ID_LI.encode())
    after = store.files.add_attachment(case.id, later_photo)
    for att, source in ((before, photo), (after, later_photo)):
        stored = store.files.attachment_path(att).read_bytes()
        assert all(secret not in stored for secret in SECRETS)
        readable = store.files.readable_path(att)
        assert readable != store.files.attachment_path(att)
        assert readable.read_bytes() == source.read_bytes()
    remove_password(store, PASSWORD)
    assert printed.read_bytes() == b"%PDF " + "张建国".encode() + ID_ZHANG.encode()
    for att, source in ((before, photo), (after, later_photo)):
        assert store.files.attachment_path(att).read_bytes() == source.read_bytes()
        assert store.files.readable_path(att) == store.files.attachment_path(att)


def test_compressed_automatic_backups_follow_the_file(
    store: Store, db_path: Path, clock: FixedClock
) -> None:
    import gzip

    from desktop.core.store.health import check_and_back_up

    _fill(store)
    health = check_and_back_up(db_path, clock())  # the window's daily compressed backup
    assert health.backup is not None and health.backup.name.endswith(".sqlite.gz")
    auto = health.backup
    set_password(store, PASSWORD)
    data = gzip.decompress(auto.read_bytes())
    assert not data.startswith(b"SQLite format 3") and all(s not in data for s in SECRETS)
    # The background check reads the encrypted file (no false "damaged" banner).
    clock.current += timedelta(days=1)
    later = check_and_back_up(db_path, clock(), key=store.db_key)
    assert later.problems == () and later.backup is not None
    assert all(s not in gzip.decompress(later.backup.read_bytes()) for s in SECRETS)
    remove_password(store, PASSWORD)
    for packed in (auto, later.backup):
        assert gzip.decompress(packed.read_bytes()).startswith(b"SQLite format 3")


def test_changing_the_password_reseals_the_backups_in_the_backups_folder(
    store: Store, db_path: Path, clock: FixedClock
) -> None:
    """Found by the issue-12 tester: after a change the backups still opened with the old
    password only. Every backup's key file in the backups folder follows the new password."""
    _fill(store)
    set_password(store, PASSWORD)
    store.backup()
    change_password(store, PASSWORD, "新的密码654321")
    store.close()
    keys = sorted(db_path.with_name(db_path.stem + "-backups").glob("*.key"))
    assert keys
    for kp in keys:
        kf = read_key_file(kp.with_name(kp.name[: -len(".key")]))
        assert kf is not None
        assert unseal(kf, "新的密码654321") is not None
        assert unseal(kf, PASSWORD) is None


def test_a_change_cut_short_among_the_backups_is_finished_at_the_next_open(
    store: Store, db_path: Path, clock: FixedClock
) -> None:
    """Killed while re-sealing the backups' key files, a change leaves some backups under the
    old password: the next writing open gives them the current one."""
    _fill(store)
    set_password(store, PASSWORD)
    store.backup()
    keys = sorted(db_path.with_name(db_path.stem + "-backups").glob("*.key"))
    old = {kp: kp.read_bytes() for kp in keys}
    change_password(store, PASSWORD, "新的密码654321")
    store.close()
    first = keys[0]
    first.write_bytes(old[first])  # as the kill left it: sealed with the old password
    open_store(db_path, password="新的密码654321").close()
    for kp in keys:
        kf = read_key_file(kp.with_name(kp.name[: -len(".key")]))
        assert kf is not None and unseal(kf, "新的密码654321") is not None
        assert unseal(kf, PASSWORD) is None


@pytest.mark.parametrize("secret", ["password", "recovery"])
def test_a_damaged_first_page_is_damage_not_a_wrong_secret(
    store: Store, db_path: Path, secret: str
) -> None:
    _fill(store)
    recovery = set_password(store, PASSWORD).recovery_key
    store.close()
    with open(db_path, "r+b") as fh:  # a failing disk in the first page (salt and header)
        fh.seek(40)
        fh.write(b"\x00" * 200)
    password, recovery_key = (PASSWORD, None) if secret == "password" else (None, recovery)
    with pytest.raises(StoreError) as refused:
        open_store(db_path, password=password, recovery_key=recovery_key)
    assert not isinstance(refused.value, WrongPasswordError)
    assert "损坏" in refused.value.message and db_path.name in refused.value.message
