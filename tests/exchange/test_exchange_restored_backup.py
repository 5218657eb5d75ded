"""A village restored from an old backup and edited again (issue 10: "detects real conflicts
(both sides changed since what they share) and keeps both").

The restored file gives the case the same revision the county already holds from the lost
file, with other content. The county said "已有更新版本" (the received one is older) and the
village's new work — a 回访, a 收条 — vanished from every figure without a word. Two versions of
one revision that differ are a conflict: told as such, naming the likely cause, the received one
kept in history. A masked package of the same version as a full one stays no conflict."""

from __future__ import annotations

import shutil
from datetime import date, datetime

import pytest
from builders import FixedClock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.demo import generate
from desktop.core.exchange import export_period, import_packages
from desktop.core.store import Store, open_store

CLOCK = datetime(2026, 11, 3, 9, 0, 0)
_TEXT = st.text(st.characters(codec="utf-8", categories=("L", "N")), min_size=1, max_size=12)


def _add(store: Store, case_id: int, kind: str, text: str) -> None:
    if kind == "receipt":
        values = {"received_on": "2026-11-02", "description": text, "amount": "100"}
    else:
        values = {
            "visited_on": "2026-11-02",
            "visitor": "张三",
            "visited_party": "双方",
            "performance": "已履行",
            "satisfaction": "满意",
            "notes": text,
        }
    store.records.add(case_id, kind, values)


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    lost=st.tuples(st.sampled_from(["receipt", "return_visit"]), _TEXT),
    redone=st.tuples(st.sampled_from(["receipt", "return_visit"]), _TEXT),
    masked=st.booleans(),
)
def test_a_village_restored_from_a_backup_is_a_conflict_not_an_older_version(
    tmp_path_factory: pytest.TempPathFactory,
    lost: tuple[str, str],
    redone: tuple[str, str],
    masked: bool,
) -> None:
    folder = tmp_path_factory.mktemp("restored")
    clock = FixedClock(CLOCK)
    with open_store(folder / "v.sqlite", now=clock) as v:
        v.settings.save_committee(name="星光村人民调解委员会", level=2, abbr="星调")
        generate(v, 3, seed=4, until=date(2026, 10, 31))
        first = export_period(v, folder / "a1.zip", include_reports=False).path
        case_id = v.cases.list(limit=5)[0].id
        number = v.cases.get(case_id).case_no
    shutil.copy(folder / "v.sqlite", folder / "backup.sqlite")
    with open_store(folder / "v.sqlite", now=clock) as v:
        _add(v, case_id, *lost)
        second = export_period(v, folder / "a2.zip", include_reports=False).path
        again = export_period(v, folder / "a2m.zip", include_reports=False, masked=masked)
    # The laptop dies; the backup is restored and the same day's work typed in again, otherwise.
    with open_store(folder / "backup.sqlite", now=clock) as b:
        _add(b, case_id, redone[0], redone[1] + "（重录）")
        forked = export_period(b, folder / "b2.zip", include_reports=False).path
    with open_store(folder / "c.sqlite", now=clock) as c:
        c.settings.save_committee(name="平湖市人民调解委员会", level=4, abbr="平调")
        import_packages(c, [first, second])
        told = import_packages(c, [forked])[0]
        assert len(told.conflicts) == 1 and told.conflicts[0].startswith(number), told.summary()
        assert "恢复过旧的备份" in told.summary() and not told.older, told.summary()
        kept = c.db.execute(
            "SELECT count(*) FROM case_versions v JOIN cases c ON c.id = v.case_id"
            " WHERE c.case_no = ? AND v.applied = 0",
            [number],
        ).fetchone()[0]
        assert kept >= 1
        # The county's case is still the version it had (the lost file's), nothing overwritten.
        notes = c.db.execute("SELECT group_concat(notes) FROM return_visits").fetchone()[0] or ""
        assert "（重录）" not in notes
        # The same version again, masked or not, is no conflict.
        same = import_packages(c, [again.path])[0]
        assert not same.conflicts, same.summary()
