"""A Ctrl-C while ``password change`` or ``password reset`` runs is told as the password now is
(found by the fresh tester t10c: interrupted after the key file was sealed with the new
password, the command said 「已取消，什么也没有改动。」 and the old password no longer opened the
file — only the key file changes, so the file's first page could not tell it). Kind: an
interruption at any line the command runs in the password, key-file and file-writing code
(chosen by hypothesis), through the real command line: the sentence names the new password
exactly when only the new password opens the file; the old one opens it otherwise."""

from __future__ import annotations

from pathlib import Path
from types import FrameType

import pytest
from cli_commands import run_interrupted
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from password_conversion import password_args, plain_file

from desktop.core.store import open_store
from desktop.core.store.keyfile import WrongPasswordError
from desktop.core.store.password import recovery_key_for

OLD, NEW = "Mima12345678", "Xin87654321ab"
CODE = "/desktop/"
ENTRY = "/desktop/cli/entry.py"


def run(args: list[str], stop_at: int | None) -> tuple[int, int, str]:
    """``wusong args`` here, a KeyboardInterrupt raised at the ``stop_at``-th line of ours run
    from the start of ``change_password`` on (the password is checked, sealed and written,
    the backups' keys resealed, the command ends): the exit code, the count of such lines run
    and stderr's last line."""
    started = [False]

    def counted(frame: FrameType) -> bool:
        started[0] = started[0] or frame.f_code.co_name == "change_password"
        # Not entry.py's own lines after the command returned: the program ignores Ctrl-C
        # from then on (entry.main, argv None); a test's call has no such end to stop in.
        name = frame.f_code.co_filename
        return started[0] and CODE in name and not name.endswith(ENTRY)

    return run_interrupted(args, stop_at, counted)


def _encrypted_file(folder: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    """An encrypted case file with one case, and its recovery key."""
    db = plain_file(folder)
    monkeypatch.setenv("WUSONG_PASSWORD", OLD)
    assert run(password_args(db, "set"), None)[0] == 0
    with open_store(db, password=OLD, readonly=True) as s:
        return db, recovery_key_for(s, OLD)


def _opens(db: Path, password: str) -> bool:
    try:
        with open_store(db, password=password, readonly=True) as s:
            assert s.cases.search("相邻排水")
    except WrongPasswordError:
        return False
    return True


@pytest.fixture(scope="module")
def lines(tmp_path_factory: pytest.TempPathFactory) -> dict[str, int]:
    """Lines a whole ``change`` and a whole ``reset`` run."""
    mp = pytest.MonkeyPatch()
    try:
        counts = {}
        for what in ("change", "reset"):
            db, recovery = _encrypted_file(tmp_path_factory.mktemp("dry"), mp)
            mp.setenv("WUSONG_NEW_PASSWORD", NEW)
            mp.setenv("WUSONG_RECOVERY_KEY", recovery)
            code, counts[what], said = run(["--db", str(db), "password", what], None)
            assert code == 0, said
    finally:
        mp.undo()
    return counts


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(what=st.sampled_from(["change", "reset"]), at=st.floats(0, 1))
def test_an_interrupted_password_change_is_told_as_the_password_is(
    lines: dict[str, int],
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    what: str,
    at: float,
) -> None:
    db, recovery = _encrypted_file(tmp_path_factory.mktemp("change"), monkeypatch)
    monkeypatch.setenv("WUSONG_NEW_PASSWORD", NEW)
    monkeypatch.setenv("WUSONG_RECOVERY_KEY", recovery)
    code, _, said = run(["--db", str(db), "password", what], 1 + int(at * (lines[what] - 1)))
    event(said[:24] or "done")
    new = _opens(db, NEW)
    assert new != _opens(db, OLD)  # one password opens it, never both or neither
    if code == 0:
        assert new
        return
    assert "Traceback" not in said and "意外" not in said and said.endswith("。"), said
    assert len(said.splitlines()) == 1
    assert new == (f"案件库 {db.name} 的密码已经改成新密码" in said), said
    assert new or said == "已取消，什么也没有改动。" or "密码" not in said, said
