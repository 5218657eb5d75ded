"""A Ctrl-C while a password is being set or removed is told as the file is (found by the
fresh tester t10b: interrupted after the swap, ``wusong password set`` said only
「中断之前已经完成的改动已经保存在案件库里」 — not whether the password was now set — and listed
the file's key ``….sqlite.key`` and the marker ``….转换未完成`` among 「已经写好的文件留在原处」,
inviting the clerk to delete the key of an encrypted file). Kind: an interruption at any line
of the conversion (chosen by hypothesis among the lines the command runs in the password,
protection, key-file and file-writing code), through the real command line, of ``set`` and
of ``remove``: the sentence says the password is set / still not set / still there / removed
exactly as the file on disk is, and never names the key file or the marker as leftovers."""

from __future__ import annotations

import pytest
from cli_commands import run_interrupted
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from password_conversion import (
    PASSWORD,
    in_conversion,
    password_args,
    plain_file,
    told_as_the_file_is,
)


def run(args: list[str], stop_at: int | None) -> tuple[int, int, str]:
    """``wusong args`` interrupted at the ``stop_at``-th line run of the conversion's code."""
    return run_interrupted(args, stop_at, in_conversion)


@pytest.fixture(scope="module")
def lines(tmp_path_factory: pytest.TempPathFactory) -> dict[str, int]:
    """Lines of the conversion's code a whole ``set`` and a whole ``remove`` run."""
    mp = pytest.MonkeyPatch()
    mp.setenv("WUSONG_PASSWORD", PASSWORD)
    try:
        db = plain_file(tmp_path_factory.mktemp("dry"))
        counts = {}
        for what in ("set", "remove"):
            code, counts[what], said = run(password_args(db, what), None)
            assert code == 0, said
    finally:
        mp.undo()
    return counts


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(what=st.sampled_from(["set", "remove"]), at=st.floats(0, 1))
def test_an_interrupted_conversion_is_told_as_the_file_is(
    lines: dict[str, int],
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    what: str,
    at: float,
) -> None:
    monkeypatch.setenv("WUSONG_PASSWORD", PASSWORD)
    db = plain_file(tmp_path_factory.mktemp("conv"))
    if what == "remove":
        assert run(password_args(db, "set"), None)[0] == 0
    stop = 1 + int(at * (lines[what] - 1))
    code, _, said = run(password_args(db, what), stop)
    event(said[:20] or "done")
    told_as_the_file_is(db, what, code, said)
