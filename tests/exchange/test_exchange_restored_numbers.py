"""A village restored from an old backup registers new cases under the numbers it had already
sent (issue 10: "nothing may be lost"). The county holds （2026）星调调字第2号 of the lost file;
the restored file gives the same number to another dispute with another identity. The county
refused every later package of that village — the default one, --all, whatever it carried —
with "内容与本数据库不相容 … 请联系发送方用新版程序重新导出" (a false reason, and no way out):
nothing the village did afterwards ever reached the county.

Kind: a new case whose number the receiver already holds for another case of the same
committee. Now the rest of the package imports; each such case is told as a conflict naming
the likely cause, the received one kept in history (never overwriting the case already here),
and importing again changes nothing."""

from __future__ import annotations

import shutil
import tempfile
from datetime import datetime
from pathlib import Path

from builders import FixedClock, applicant, intake, respondent
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.exchange import export_period, import_packages
from desktop.core.store import Store, open_store


def _register(store: Store, day: int, title: str) -> str:
    case = store.cases.create(
        intake(accepted_on=f"2026-11-{day:02d}", title=title), [applicant(), respondent()]
    )
    return case.case_no


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lost=st.integers(1, 2),
    redone=st.integers(1, 3),
    everything=st.booleans(),
    lost_sent=st.booleans(),
)
def test_numbers_used_again_after_a_restore_do_not_stop_the_village(
    lost: int, redone: int, everything: bool, lost_sent: bool
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        clock = FixedClock(datetime(2026, 11, 20, 9, 0))
        village = folder / "v.sqlite"
        with open_store(village, now=clock) as v:
            v.settings.save_committee(name="星光村人民调解委员会", level=2, abbr="星调")
            v.settings.add_mediator("王建平")
            _register(v, 1, "张李相邻排水纠纷")
            first = export_period(v, folder / "p1.zip", include_reports=False).path
        shutil.copy(village, folder / "backup.sqlite")
        with open_store(village, now=clock) as v:
            gone = [_register(v, 2 + n, f"恢复前的纠纷{n}") for n in range(lost)]
            sent = export_period(v, folder / "p2.zip", include_reports=False).path
        county_file = folder / "c.sqlite"
        with open_store(county_file, now=clock) as county:
            county.settings.save_committee(name="平湖市矛调中心", level=4, abbr="平")
            import_packages(county, [first, sent] if lost_sent else [first])
        shutil.copy(folder / "backup.sqlite", village)
        with open_store(village, now=clock) as v:
            again = [_register(v, 10 + n, f"恢复后的纠纷{n}") for n in range(redone)]
            later = export_period(
                v, folder / "p3.zip", include_reports=False, everything=everything
            ).path
        clashing = set(again) & set(gone) if lost_sent else set()
        with open_store(county_file, now=clock) as county:
            report = import_packages(county, [later])[0]
            assert set(report.added) == set(again) - clashing, report.summary()
            assert len(report.conflicts) == len(clashing), report.summary()
            for told in report.conflicts:
                assert "旧的备份" in told and "同号" in told, told
            titles = {
                r[0]
                for r in county.db.execute(
                    "SELECT title FROM cases WHERE committee_id != ''"
                ).fetchall()
            }
            # What the county had stays; what the restored file sent is there or kept in history.
            assert {f"恢复前的纠纷{n}" for n in range(lost) if lost_sent} <= titles
            kept = county.db.execute(
                "SELECT count(*) FROM case_versions WHERE note LIKE '%同号%'"
            ).fetchone()[0]
            assert kept == len(clashing)
            assert import_packages(county, [later])[0].already_imported
