"""The window's 从备份恢复 when a file operation of the swap fails (a file held by another
program, as antivirus holds one on Windows): found by the tester t10e — the damaged file was
set aside, putting the backup in place failed, and restore_into reopened the missing file as
a NEW, EMPTY case file: the window said 恢复没有成功 and went on with no cases. Kind: a swap
stopped part-way is told and reopened by what is on disk. Hypothesis picks which rename,
replace or removal of the restore fails: either the restore is whole (the backup's cases, the
damaged file kept aside) or nothing moved (the same file's cases, no file left over)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from builders import applicant, intake, respondent
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.restore import restore_into
from desktop.core.store import open_store


def _files(folder: Path) -> list[str]:
    """The folder's files, but SQLite's own journal (it comes and goes with the connection)."""
    return sorted(p.name for p in folder.iterdir() if p.is_file() and p.suffix != ".sqlite-journal")


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(fail_at=st.integers(1, 12))
def test_a_failed_step_of_the_swap_leaves_the_file_as_it_was_or_restored(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, fail_at: int
) -> None:
    folder = tmp_path_factory.mktemp("restore")
    store = open_store(folder / "星光村.sqlite", actor="王调解")
    try:
        store.settings.save_committee(name="星光村人民调解委员会", level=2, abbr="星调")
        store.settings.add_mediator("王调解")
        store.cases.create(intake(title="相邻排水纠纷"), [applicant(), respondent()])
        backup = store.backup()
        store.cases.create(intake(title="宅基地纠纷"), [applicant(), respondent()])
        before = _files(folder)
        calls = [0]

        def failing(real: Any) -> Any:
            def op(*args: Any, **kwargs: Any) -> Any:
                calls[0] += 1
                if calls[0] == fail_at:
                    raise PermissionError(13, "另一个程序正在使用此文件")
                return real(*args, **kwargs)

            return op

        with monkeypatch.context() as m:
            m.setattr(Path, "replace", failing(Path.replace))
            m.setattr(Path, "unlink", failing(Path.unlink))
            m.setattr(os, "replace", failing(os.replace))
            try:
                aside = restore_into(store, backup)
                failed = False
            except PermissionError:
                failed = True
        if failed:  # nothing moved: the same file, its cases, nothing left beside it
            assert store.cases.count() == 2
            assert _files(folder) == before
        else:
            assert store.cases.count() == 1
            assert aside.exists() and "损坏" in aside.name
            assert not (folder / "星光村.sqlite.restore-part").exists()
    finally:
        store.close()
