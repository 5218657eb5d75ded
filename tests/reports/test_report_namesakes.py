"""Two committees of the same name in one file (a village that set up a new case file after a
reinstall, accepted under its old name) are told apart wherever a report names a committee:
the 台账's 调解组织 column, the 月报 of one committee and the command line's list of the
committees a file holds print “名称（第 2 个案件库）” for the later one, as the case list
does (kind: two committees printing the same name in a report; found by the testers of issue
14). Whatever order the two files' packages arrive in."""

from __future__ import annotations

import io
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from builders import FixedClock
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from desktop.cli.main import cli
from desktop.core.demo import generate
from desktop.core.exchange import export_period, import_packages
from desktop.core.reports.model import build_report
from desktop.core.reports.register import register_csv_bytes, register_xlsx_bytes
from desktop.core.reports.scope import committee_ids
from desktop.core.store import open_store

NAME = "星光村人民调解委员会"
CLOCK = datetime(2026, 11, 3, 9, 0, 0)


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("namesakes")
    found: dict[str, Path] = {}
    for tag in ("old", "new"):
        with open_store(folder / f"{tag}.sqlite", now=FixedClock(CLOCK)) as v:
            v.settings.save_committee(name=NAME, level=2, abbr="星调")
            generate(v, 3, seed=5, until=date(2026, 10, 31))
            found[tag] = export_period(v, folder / f"{tag}.zip", include_reports=False).path
    with open_store(folder / "town.sqlite", now=FixedClock(CLOCK)) as town:
        town.settings.save_committee(name="新埭镇人民调解委员会", level=3, abbr="新调")
    found["town"] = folder / "town.sqlite"
    return found


@settings(
    max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(order=st.permutations(["old", "new"]))
def test_namesakes_are_told_apart_in_every_report(
    made: dict[str, Path], tmp_path_factory: pytest.TempPathFactory, order: list[str]
) -> None:
    town = tmp_path_factory.mktemp("town") / "town.sqlite"
    shutil.copy(made["town"], town)
    with open_store(town, now=FixedClock(CLOCK)) as t:
        for tag in order:
            import_packages(t, [made[tag]], accept_new_key=True)
        labels = {k: v for k, v in t.cases.committee_names().items() if k}
        assert sorted(labels.values()) == [NAME, f"{NAME}（第 2 个案件库）"]
        # 台账: the 调解组织 column, in the workbook and in the CSV.
        sheet = load_workbook(io.BytesIO(register_xlsx_bytes(t)), read_only=True).active
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        at = rows[0].index("调解组织")
        assert {r[at] for r in rows[1:]} == set(labels.values())
        text = register_csv_bytes(t).decode("utf-8-sig")
        assert f"{NAME}（第 2 个案件库）" in text
        # 月报 of each committee: its own header.
        headers = {build_report(t, "2026-10", committee_id=k).committee_name for k in labels}
        assert headers == set(labels.values())
        assert set(labels) <= set(committee_ids(t.db))
    # The command line's list of the committees in the file.
    said = CliRunner().invoke(
        cli,
        [
            "--db",
            str(town),
            "report",
            "monthly",
            "--month",
            "2026-10",
            "--committee-id",
            "x",
            "-o",
            str(town.with_suffix(".pdf")),
        ],
    )
    assert said.exit_code == 2
    assert f"{NAME}（第 2 个案件库）" in said.output, said.output
