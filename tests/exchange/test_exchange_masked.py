"""Issue 12 point 5: a committee setting makes packages (lines and 台账) carry masked ID
numbers, phones and addresses; the manifest records it; masked values never overwrite the full
ones the receiver holds."""

from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path

from builders import ID_ZHANG, FixedClock, applicant, intake, respondent
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from desktop.cli.main import cli
from desktop.core.exchange import export_period, import_packages
from desktop.core.store import open_store


def test_masked_package_never_overwrites_full_values(tmp_path: Path, clock: FixedClock) -> None:
    clock.set(date(2026, 11, 1))
    v = open_store(tmp_path / "v.sqlite", now=clock)
    v.settings.save_committee(name="星光村人民调解委员会", abbr="星调")
    v.settings.add_mediator("王调解")
    case = v.cases.create(intake(), [applicant(), respondent()])
    t = open_store(tmp_path / "t.sqlite", now=clock)
    t.settings.save_committee(name="新埭镇人民调解委员会", level=3, abbr="新调")
    import_packages(t, [export_period(v, tmp_path / "full.zip").path])

    v.settings.save_committee(exchange_masked=True)
    clock.set(date(2026, 11, 3))
    v.cases.update(case.id, {"facts": "补充的情况。"})
    fresh = v.cases.create(intake(accepted_on="2026-11-02"), [applicant(name="孙七")])
    package = export_period(v, tmp_path / "masked.zip")
    assert package.masked
    with zipfile.ZipFile(package.path) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        lines = zf.read("cases.jsonl").decode()
        register = zf.read("台账.xlsx")
    assert manifest["masked"] is True
    assert ID_ZHANG not in lines and "13900001111" not in lines and "三组12号" not in lines
    assert "330482********1232" in lines and "139****1111" in lines
    (tmp_path / "r.xlsx").write_bytes(register)
    cells = [str(c) for row in load_workbook(tmp_path / "r.xlsx").active.values for c in row]
    assert not any(ID_ZHANG in c for c in cells)

    report = import_packages(t, [package.path])[0]
    assert report.updated == [case.case_no] and report.added == [fresh.case_no]
    tid = t.db.execute("SELECT id FROM cases WHERE uuid = ?", [case.uuid]).fetchone()[0]
    assert t.cases.get(tid).facts == "补充的情况。"
    kept = t.records.parties(tid)[0]
    assert (kept.id_number, kept.phone, kept.address) == (ID_ZHANG, "13900001111", "星光村三组12号")
    new_id = t.db.execute("SELECT id FROM cases WHERE uuid = ?", [fresh.uuid]).fetchone()[0]
    assert "*" in t.records.parties(new_id)[0].id_number  # nothing full to keep: stays masked
    v.close()
    t.close()


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(phone=st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True), masked_first=st.booleans())
def test_cli_masked_switch_and_receiver_keeps_full(
    tmp_path_factory,
    phone: str,
    masked_first: bool,  # noqa: ANN001
) -> None:
    """Whatever the order of masked and full packages, the receiver ends with the full
    phone number once it has seen it, and never loses it again."""
    tmp = tmp_path_factory.mktemp("m")
    runner = CliRunner()
    v, t = tmp / "v.sqlite", tmp / "t.sqlite"
    assert (
        runner.invoke(
            cli, ["--db", str(v), "init", "--committee", "星光村人民调解委员会", "--mediator", "王"]
        ).exit_code
        == 0
    )
    assert (
        runner.invoke(
            cli, ["--db", str(t), "init", "--committee", "新埭镇人民调解委员会", "--level", "3"]
        ).exit_code
        == 0
    )
    with open_store(v) as s:
        case = s.cases.create(
            intake(accepted_on="2026-11-01"), [applicant(phone=phone), respondent()]
        )
    order = ["--masked", "--full", "--masked"] if masked_first else ["--full", "--masked"]
    for n, flag in enumerate(order):
        with open_store(v) as s:
            s.cases.update(case.id, {"facts": f"第 {n} 次补充。"})
        out = tmp / f"{n}.zip"
        result = runner.invoke(cli, ["--db", str(v), "export", flag, "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert ("已遮盖" in result.output) == (flag == "--masked")
        assert runner.invoke(cli, ["--db", str(t), "import", str(out)]).exit_code == 0
    with open_store(t) as s:
        tid = s.db.execute("SELECT id FROM cases WHERE uuid = ?", [case.uuid]).fetchone()[0]
        kept = s.records.parties(tid)[0].phone
        assert s.cases.get(tid).facts == f"第 {len(order) - 1} 次补充。"
    assert kept == phone
