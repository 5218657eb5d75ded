"""Clock sanity at start: a computer clock before 2011 (a dead CMOS battery resets it to 1970 or
2000), behind the newest change recorded in the file, or already in a later year than the
newest change (new cases would be numbered in that year) gets a warning. The file is never
changed to "fix" anything: the mediator corrects the clock."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlite_utils import Database

EARLIEST = datetime(2011, 1, 1)
#: How long after the newest change a new year's date counts as a clock set ahead.
YEAR_AHEAD_AFTER = timedelta(days=45)


def newest_change(db: Database) -> datetime | None:
    """The time of the newest change in the file: the last audit entry (rowid order, O(1))
    and the newest case update (indexed), whichever is later."""
    stamps = []
    for sql in (
        "SELECT at FROM audit_log ORDER BY id DESC LIMIT 1",
        "SELECT max(updated_at) FROM cases",
    ):
        try:
            row = db.execute(sql).fetchone()
        except Exception:  # a table missing in a damaged or very old file: no evidence
            continue
        if row and row[0]:
            try:
                stamps.append(datetime.fromisoformat(str(row[0])))
            except ValueError:
                continue
    return max(stamps) if stamps else None


def _when(t: datetime) -> str:
    return f"{t.year}年{t.month}月{t.day}日 {t:%H:%M}"


def clock_warnings(db: Database, now: datetime) -> list[str]:
    """Sentences to show at start (window banner, CLI stderr); empty when the clock is sane."""
    if now < EARLIEST:
        return [
            f"电脑时钟是 {_when(now)}，早于 2011 年，可能是主板电池没电了；"
            "请先在电脑右下角把日期时间改对，再登记或修改案件（已有的案件没有改动）。"
        ]
    newest = newest_change(db)
    if newest is None:
        return []
    if now < newest:
        return [
            f"电脑时钟（{_when(now)}）比案件库里最近一次修改的时间（{_when(newest)}）还早；"
            "请先在电脑右下角把日期时间改对，再登记或修改案件（已有的案件没有改动）。"
        ]
    # A new year after a few quiet weeks is normal (January's first case); a clock a whole
    # season ahead of the file is not.
    if now.year > newest.year and now - newest > YEAR_AHEAD_AFTER:
        return [
            f"电脑日期已是 {now.year} 年，案件库最近一次修改在 {newest.year} 年；"
            f"如果日期不对，请先改正，否则新登记的案件会编成 {now.year} 年的案号。"
        ]
    return []
