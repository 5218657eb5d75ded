"""The command line says what an empty answer would hide: a month or year not yet begun is
refused in one sentence instead of printing an empty 月报 / 以案定补 list / 台账, and a CSV
台账 comes with the note on opening it in LibreOffice (which ignores the UTF-8 BOM)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from builders import FixedClock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.cli import main
from desktop.core.reports.output import CSV_NOTE
from desktop.core.reports.period import Month
from desktop.core.store import Store

# The command line runs on the computer's clock (the store fixture's clock is for the core).
TODAY = date.today()
LATER = st.integers(1, 200).map(lambda ahead: Month.parse(TODAY).shift(ahead))


@given(later=LATER, which=st.sampled_from(["monthly", "claims", "register"]))
@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_a_month_not_yet_begun_is_refused_by_every_command(
    store: Store,
    clock: FixedClock,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    later: Month,
    which: str,
) -> None:
    month = later.key
    out = tmp_path / ("x.xlsx" if which == "register" else "x.pdf")
    argv = {
        "monthly": ["report", "monthly", "--month", month, "-o", str(out)],
        "claims": ["report", "claims", "--month", month, "-o", str(out)],
        "register": ["register", "--month", month, "-o", str(out)],
    }[which]
    store.close()
    assert main(["--db", str(store.path), *argv]) != 0
    err = capsys.readouterr().err
    assert (
        "还没有到" in err
        and f"今天是 {TODAY.year}年{TODAY.month}月{TODAY.day}日" in err
        and not out.exists()
    )


def test_a_year_not_yet_begun_is_refused_and_this_year_kept(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store.close()
    db = str(store.path)
    next_year, this_year = str(TODAY.year + 1), str(TODAY.year)
    assert main(["--db", db, "register", "--year", next_year, "-o", str(tmp_path / "a.xlsx")]) == 2
    assert f"{next_year} 年还没有到" in capsys.readouterr().err
    assert main(["--db", db, "register", "--year", this_year, "-o", str(tmp_path / "b.xlsx")]) == 0


def test_a_csv_register_says_how_to_open_it_in_libreoffice(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store.close()
    db = str(store.path)
    assert main(["--db", db, "register", "-o", str(tmp_path / "台账.csv")]) == 0
    assert CSV_NOTE in capsys.readouterr().out
    assert main(["--db", db, "register", "-o", str(tmp_path / "台账.xlsx")]) == 0
    assert CSV_NOTE not in capsys.readouterr().out


@given(
    ahead=st.integers(-30, 200),
    full_width=st.booleans(),
    figure=st.sampled_from(["--screenings", "--found", "--prevented"]),
)
@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_figures_of_a_month_not_yet_begun_are_refused_and_nothing_changes(
    store: Store,
    capsys: pytest.CaptureFixture[str],
    ahead: int,
    full_width: bool,
    figure: str,
) -> None:
    """``report entry --month 2099-10`` saved screenings for a month nobody has worked yet."""
    import hashlib

    store.close()
    path = store.path
    assert path is not None
    month = Month.parse(TODAY).shift(ahead).key
    if full_width:
        month = month.translate(str.maketrans("0123456789-", "０１２３４５６７８９－"))
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    code = main(["--db", str(path), "report", "entry", "--month", month, figure, "3"])
    out, err = capsys.readouterr()
    changed = hashlib.sha256(path.read_bytes()).hexdigest() != before
    if ahead > 0:
        assert code == 1 and "还没有到" in err and "还不能填报" in err and not changed
        assert len(err.strip().splitlines()) == 1
    else:  # saved (the file may already hold the same figure from an earlier example)
        assert code == 0 and "已保存" in out and " 3 " in out
