"""A village whose laptop was put back to an old backup numbers its 报送包 again from there:
the county receives the same committee's package number a second time, with other content
(kind: a package number reused with different content, taken in silence; found by the
testers of issue 10). Through the real export and import: the import report says in one
sentence which packages came twice, that the laptop was probably restored from a backup, and
to ask for 全部案件（完整包）; it says so again on every import until that package arrives,
then says it is settled, and the old laptop's numbers met again later are not told again."""

from __future__ import annotations

import random
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from builders import FixedClock, on_day
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.demo import generate
from desktop.core.exchange import export_period, import_packages
from desktop.core.store import Store, open_store

CLOCK = datetime(2026, 11, 3, 9, 0, 0)
TWICE = "个报送包收到了两个内容不同的"


def _receipt(store: Store, text: str) -> None:
    case_id = store.cases.list(limit=1)[0].id
    on_day(store, date(2026, 11, 2))
    store.records.add(
        case_id, "receipt", {"received_on": "2026-11-02", "description": text, "amount": "100"}
    )


def _exports(store: Store, folder: Path, tag: str, n: int) -> list[Path]:
    """``n`` default exports, a receipt added before each: one package each."""
    out = []
    for i in range(n):
        _receipt(store, f"{tag}{i}")
        out.append(export_period(store, folder / f"{tag}{i}.zip", include_reports=False).path)
    return out


def _notes(store: Store, package: Path) -> str:
    return "".join(import_packages(store, [package])[0].notes)


@settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    sent=st.integers(2, 4),
    backup_after=st.integers(1, 3),
    again=st.integers(1, 3),
    order=st.randoms(use_true_random=False),
)
def test_a_package_number_received_twice_is_told_until_a_full_package_comes(
    tmp_path_factory: pytest.TempPathFactory,
    sent: int,
    backup_after: int,
    again: int,
    order: random.Random,
) -> None:
    backup_after = min(backup_after, sent - 1)
    folder = tmp_path_factory.mktemp("reused")
    clock = FixedClock(CLOCK)
    with open_store(folder / "v.sqlite", now=clock) as v:
        v.settings.save_committee(name="星光村人民调解委员会", level=2, abbr="星调")
        generate(v, 3, seed=4, until=date(2026, 10, 31))
        lost = _exports(v, folder, "lost", backup_after)
        shutil.copy(folder / "v.sqlite", folder / "backup.sqlite")
        lost += _exports(v, folder, "late", sent - backup_after)
    # The laptop dies; the backup is put back and work goes on: its packages are numbered
    # again from backup_after + 1.
    with open_store(folder / "backup.sqlite", now=clock) as b:
        restored = _exports(b, folder, "redo", again)
    twice = list(range(backup_after + 1, min(sent, backup_after + again) + 1))
    with open_store(folder / "c.sqlite", now=clock) as c:
        c.settings.save_committee(name="平湖市人民调解委员会", level=4, abbr="平调")
        arrivals = lost + restored
        order.shuffle(arrivals)
        notes = [_notes(c, p) for p in arrivals]
        numbers = "、".join(str(n) for n in twice)
        told = f"“星光村人民调解委员会”的第 {numbers} {TWICE}"
        assert told in notes[-1], notes[-1]
        assert "从旧备份恢复过" in notes[-1] and "全部案件（完整包）" in notes[-1]
        assert "wusong export --all" in notes[-1]
        assert notes[-1].count(TWICE) == 1  # one sentence, every number in it
        # Told again on the next import of anything, until the full package comes.
        with open_store(folder / "backup.sqlite", now=clock) as b:
            full = export_period(b, folder / "full.zip", include_reports=False, everything=True)
            more = _exports(b, folder, "after", 2)
        settled = _notes(c, full.path)
        assert TWICE not in settled and "已由完整包补齐" in settled, settled
        # The restored laptop numbers on: meeting the old laptop's numbers is no new alarm.
        for p in more:
            assert TWICE not in _notes(c, p)


def test_packages_numbered_once_each_say_nothing(tmp_path: Path) -> None:
    clock = FixedClock(CLOCK)
    with open_store(tmp_path / "v.sqlite", now=clock) as v:
        v.settings.save_committee(name="星光村人民调解委员会", level=2, abbr="星调")
        generate(v, 3, seed=4, until=date(2026, 10, 31))
        packages = _exports(v, tmp_path, "p", 3)
        full = export_period(v, tmp_path / "full.zip", include_reports=False, everything=True)
    with open_store(tmp_path / "c.sqlite", now=clock) as c:
        c.settings.save_committee(name="平湖市人民调解委员会", level=4, abbr="平调")
        for p in [*reversed(packages), full.path, packages[0]]:
            said = _notes(c, p)
            assert TWICE not in said and "已由完整包补齐" not in said, said
