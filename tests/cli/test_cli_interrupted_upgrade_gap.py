"""A Ctrl-C between the last migration's COMMIT and the moment the upgrade is recorded as
finished (kind: the sentence told from what the command recorded rather than from the file —
「已经升级了一部分…下次打开时会自动升级完」 for a file that was wholly upgraded; the hypothesis
test of tests/cli/test_cli_interrupted_told.py met it about one run in four). The file's own
header says how many migrations it has; an upgrade stopped part-way is still told as part."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.cli.interrupted import say
from desktop.core import ondisk
from desktop.core.store import casedb, upgrade

OLD = Path(__file__).resolve().parents[2] / "tests" / "data" / "wusong-schema-m0001.sqlite"


@pytest.fixture
def recording() -> Iterator[None]:
    ondisk.begin()
    try:
        yield
    finally:
        ondisk.end()


def upgraded_unrecorded(tmp_path: Path, stop_before: str | None) -> str:
    """An old file upgraded (up to ``stop_before``) with the upgrade's start recorded and its
    end not: what the command line then says."""
    path = tmp_path / "old.sqlite"
    shutil.copy(OLD, path)
    ondisk.watch(path)
    ondisk.upgrading(path)
    db = casedb.connect(path)
    try:
        upgrade.apply_all(db, stop_before=stop_before)
    finally:
        db.conn.close()
    return say(ondisk.since())


def test_a_whole_upgrade_not_yet_recorded_is_told_whole(recording: None, tmp_path: Path) -> None:
    said = upgraded_unrecorded(tmp_path, None)
    assert "已经升级到本程序的版本" in said and "一部分" not in said, said
    assert said.endswith("案件没有改动。"), said


def test_an_upgrade_stopped_part_way_is_told_part(recording: None, tmp_path: Path) -> None:
    said = upgraded_unrecorded(tmp_path, upgrade.registered()[-2])
    assert "已经升级了一部分" in said and "下次打开时会自动升级完" in said, said
