"""Issue 10 point 2 again, with other inputs: the period a package names never runs backwards.

Exported with `--since 2027-01-01` (a mistyped year, or a computer whose clock is behind the
calendar) the village got an empty package named "2027-01-01 至 2026-11-30 15:41"; a month
after today an empty package of that month; and a default export made after the clock was set
back, with nothing changed since, was named "修改序号 468 至 467".

Kind: a period whose end comes before its start. A month or a date after this computer's today
is refused in one sentence before anything is written (the next default export's start not
moved); every period printed has its start before its end, whatever the clock did."""

from __future__ import annotations

import contextlib
import json
import re
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from builders import FixedClock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.demo import generate
from desktop.core.errors import ValidationError
from desktop.core.exchange import export_period
from desktop.core.store import Store, open_store

NOW = datetime(2026, 11, 30, 15, 41)


def _village(folder: Path, clock: FixedClock) -> Store:
    s = open_store(folder / "v.sqlite", now=clock)
    s.settings.save_committee(name="星光村人民调解委员会", level=2, abbr="星调")
    generate(s, 3, seed=7, until=date(2026, 10, 31))
    return s


def _settings(store: Store) -> list[tuple[str, str]]:
    return store.db.execute(
        "SELECT key, value FROM settings WHERE key LIKE 'exchange.%' ORDER BY key"
    ).fetchall()


@pytest.fixture(scope="module")
def village_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("village")
    with _village(folder, FixedClock(NOW)):
        pass
    return folder / "v.sqlite"


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(days=st.integers(-800, 4000), by_month=st.booleans())
def test_a_month_or_date_after_today_is_refused_and_others_run_forwards(
    village_file: Path, tmp_path_factory: pytest.TempPathFactory, days: int, by_month: bool
) -> None:
    folder = tmp_path_factory.mktemp("period")
    db = folder / "v.sqlite"
    db.write_bytes(village_file.read_bytes())
    start = (NOW + timedelta(days=days)).date()
    month = start.isoformat()[:7] if by_month else None
    since = None if by_month else start.isoformat()
    after_today = (month or "") > NOW.isoformat()[:7] or (since or "") > NOW.date().isoformat()
    with open_store(db, now=FixedClock(NOW)) as v:
        before = _settings(v)
        target = folder / "p.zip"
        if after_today:
            with pytest.raises(ValidationError) as refused:
                export_period(v, target, month=month, since=since, include_reports=False)
            text = str(refused.value)
            assert "之后" in text and "\n" not in text and text.endswith("再导出。"), text
            assert not target.exists() and _settings(v) == before
            return
        period = export_period(v, target, month=month, since=since, include_reports=False).period
    if since:
        first, last = period.split(" 至 ")
        assert first <= last, period


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(st.tuples(st.integers(-400, 400), st.booleans()), min_size=1, max_size=4))
def test_a_default_export_never_names_a_backwards_range(steps: list[tuple[int, bool]]) -> None:
    """Day after day the village exports with its clock ``offset`` days off, changing a case
    before or not: every range of times or change sequences in the period runs forwards."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        clock = FixedClock(NOW)
        with _village(folder, clock) as v:
            export_period(v, folder / "0.zip", include_reports=False)
            case_id = v.cases.list(limit=1)[0].id
            for n, (offset, change) in enumerate(steps, start=1):
                clock.current = NOW + timedelta(days=n + offset)
                if change:  # a 收条 (a closed case takes one too)
                    receipt = {"received_on": "2026-11-01", "description": f"收条 {n}"}
                    # the app refuses a date in its clock's future: then nothing changed
                    with contextlib.suppress(ValidationError):
                        v.records.add(case_id, "receipt", {**receipt, "amount": "100"})
                period = export_period(v, folder / f"{n}.zip", include_reports=False).period
                for a, b in re.findall(r"修改序号 (\d+) 至 (\d+)", period):
                    assert int(a) <= int(b), period
                times = re.findall(r"\d{4}-\d\d-\d\d \d\d:\d\d", period)
                if "电脑时钟有误" not in period:
                    assert times == sorted(times), period
                assert (
                    json.loads(
                        v.db.execute(
                            "SELECT value FROM settings WHERE key = 'exchange.last_export_seq'"
                        ).fetchone()[0]
                    )
                    >= 0
                )
