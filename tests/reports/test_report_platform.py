"""Provincial platform tracking (issue 14, point 5): the 平台案号 per case (also on a closed
case), the list of cases not yet entered, and the month-end reminder in 今日."""

from __future__ import annotations

from datetime import date

import pytest
from builders import FixedClock
from report_builders import build_october

from desktop.core.deadlines import PLATFORM, due_on
from desktop.core.errors import ValidationError
from desktop.core.reports.platform import count_not_entered, not_entered, set_platform_no
from desktop.core.store import Store


def test_list_reminder_and_entry(store: Store, clock: FixedClock) -> None:
    clock.set(date(2026, 11, 5))
    ids = build_october(store)
    october = [c.case_id for c in not_entered(store, "2026-10")]
    assert october == [ids["A"], ids["G"], ids["C"], ids["D"]]  # accepted 1, 5, 15, 31 Oct
    assert len(not_entered(store)) == 9 and count_not_entered(store, "2026-10") == 4
    reminder = [d for d in due_on(store, date(2026, 10, 28)) if d.kind == PLATFORM]
    assert len(reminder) == 1 and "4 件" in reminder[0].label
    assert reminder[0].due == date(2026, 10, 31)
    assert not [d for d in due_on(store, date(2026, 10, 10)) if d.kind == PLATFORM]  # not yet
    # C ended in 调解不成 and can no longer be edited; its platform number still can be.
    assert set_platform_no(store, ids["C"], "  ZJ 2026 0001 ") == "ZJ 2026 0001"
    assert store.cases.get(ids["C"]).platform_no == "ZJ 2026 0001"
    with pytest.raises(ValidationError, match="已经登记在案件"):
        set_platform_no(store, ids["A"], "ZJ 2026 0001")
    for i, key in enumerate(("A", "G", "D"), start=2):
        set_platform_no(store, ids[key], f"ZJ-{i}")
    assert not_entered(store, "2026-10") == []
    assert not [d for d in due_on(store, date(2026, 10, 28)) if d.kind == PLATFORM]
    logged = store.db.execute(
        "SELECT count(*) FROM audit_log WHERE detail LIKE '%platform_no%'"
    ).fetchone()[0]
    assert logged == 4
