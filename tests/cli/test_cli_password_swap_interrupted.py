"""A Ctrl-C in the last moments of ``wusong password set / remove`` — from the swap of the
converted file into place to the end — is told as the file is. Found by the CI run of the
suite: stopped while the folder was synced after the swap, ``password remove`` said
「星光村.sqlite 已经损坏，里面的案件不能可靠读取。请从备份恢复」 about a sound, plain file, because
the store reopened the file that was now there with the key of the one before. Kind: the
store reopened after an interrupted swap by what it was, not by the file on disk. The lines
of this window are chosen by hypothesis (the window is a few dozen lines of the ~1,500 the
broader test_cli_password_interrupted.py draws from, which met it once in many runs); the
line right after the replace is always tried."""

from __future__ import annotations

import linecache
from types import FrameType

import pytest
from cli_commands import run_interrupted
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from password_conversion import (
    PASSWORD,
    in_conversion,
    password_args,
    plain_file,
    told_as_the_file_is,
)


def run(args: list[str], stop_at: int | None) -> tuple[int, str, dict[str, int]]:
    """``wusong args`` in this process, interrupted at the ``stop_at``-th line run of the
    conversion's code. Returns the exit code, stderr's last line, and where the swap's lines
    fall in that count: ``swap`` (its first line) and ``after_replace`` (its next line after
    ``os.replace``), ``end`` (all lines run)."""
    seen: dict[str, int] = {}

    def noted(frame: FrameType, n: int) -> None:
        if frame.f_code.co_name == "_swap":
            seen.setdefault("swap", n)
            if "replaced" in seen:
                seen.setdefault("after_replace", n)
            if "os.replace(" in linecache.getline(frame.f_code.co_filename, frame.f_lineno):
                seen["replaced"] = 1

    code, seen["end"], said = run_interrupted(args, stop_at, in_conversion, noted)
    return code, said, seen


@pytest.fixture(scope="module")
def windows(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, int]]:
    mp = pytest.MonkeyPatch()
    mp.setenv("WUSONG_PASSWORD", PASSWORD)
    try:
        db = plain_file(tmp_path_factory.mktemp("dry"))
        found = {}
        for what in ("set", "remove"):
            code, said, found[what] = run(password_args(db, what), None)
            assert code == 0 and "after_replace" in found[what], said
    finally:
        mp.undo()
    return found


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@example(what="remove", share=None)
@example(what="set", share=None)
@given(what=st.sampled_from(["set", "remove"]), share=st.floats(0, 1))
def test_interrupted_from_the_swap_on_is_told_as_the_file_is(
    windows: dict[str, dict[str, int]],
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    what: str,
    share: float | None,
) -> None:
    """``share`` None: the line right after the replace; else that share of the window."""
    monkeypatch.setenv("WUSONG_PASSWORD", PASSWORD)
    window = windows[what]
    if share is None:
        stop = window["after_replace"]
    else:
        stop = window["swap"] + int(share * (window["end"] - window["swap"]))
    db = plain_file(tmp_path_factory.mktemp("swap"))
    if what == "remove":
        assert run(password_args(db, "set"), None)[0] == 0
    code, said, _ = run(password_args(db, what), stop)
    assert "损坏" not in said, said
    told_as_the_file_is(db, what, code, said)
