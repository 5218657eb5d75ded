"""A village whose laptop was reinstalled without its old case file sets up a new one under the
same committee name: a new committee id, a new key, its change sequence and package numbers
starting again at 1 (issue 10: "a deliberate way to accept a committee's new key (a
reinstalled laptop)"). The township was left with no way to accept it — refused as a forgery
even with --accept-new-key — and, once both were in one file, a case number both files used
could not be chosen by the committee's name (both had the same one).

Whatever order the old file's and the new file's packages arrive in: the newcomer is refused
in one sentence (both fingerprints, the receiving file byte-identical) until the clerk accepts
it; after that every package of either imports without asking again, the cases of both are
kept apart, each has its own package numbers (no false gap), and a number both used is asked
for by names that tell the two apart."""

from __future__ import annotations

import hashlib
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from builders import FixedClock
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.cli.main import cli
from desktop.core.demo import generate
from desktop.core.errors import AmbiguousCaseError
from desktop.core.exchange import KeyChangedError, export_period, import_packages
from desktop.core.exchange.coverage import open_gaps
from desktop.core.store import Store, open_store

NAME = "星光村人民调解委员会"


def _village(path: Path, clock: FixedClock) -> Store:
    s = open_store(path, now=clock)
    s.settings.save_committee(name=NAME, level=2, abbr="星调", region="浙江省平湖市新埭镇")
    # The same seed: the new file numbers its cases as the old one did.
    generate(s, 4, seed=5, until=date(2026, 10, 31))
    return s


def _packages(folder: Path, store: Store, tag: str) -> list[Path]:
    made = [export_period(store, folder / f"{tag}1.zip", include_reports=False).path]
    case_id = store.cases.list(limit=10)[0].id
    store.records.add(
        case_id, "receipt", {"received_on": "2026-11-02", "description": "收条", "amount": "100"}
    )
    made.append(export_period(store, folder / f"{tag}2.zip", include_reports=False).path)
    return made


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("newfile")
    clock = FixedClock(datetime(2026, 11, 3, 9, 0, 0))
    with _village(folder / "old.sqlite", clock) as old:
        o1, o2 = _packages(folder, old, "o")
    with _village(folder / "new.sqlite", clock) as new:
        n1, n2 = _packages(folder, new, "n")
    with open_store(folder / "town.sqlite", now=clock) as town:
        town.settings.save_committee(name="新埭镇人民调解委员会", level=3, abbr="新调")
    return {"o1": o1, "o2": o2, "n1": n1, "n2": n2, "town": folder / "town.sqlite"}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(order=st.permutations(["o1", "o2", "n1", "n2"]), again=st.sampled_from(["o1", "n2"]))
def test_a_new_case_file_under_the_same_name_is_accepted_deliberately(
    made: dict[str, Path], tmp_path_factory: pytest.TempPathFactory, order: list[str], again: str
) -> None:
    town = tmp_path_factory.mktemp("town") / "town.sqlite"
    shutil.copy(made["town"], town)
    clock = FixedClock(datetime(2026, 11, 4, 9, 0, 0))
    accepted: set[str] = set()
    first = order[0][0]
    for name in [*order, again]:
        before = _digest(town)
        with open_store(town, now=clock) as t:
            if name[0] != first and name[0] not in accepted:
                with pytest.raises(KeyChangedError) as err:
                    import_packages(t, [made[name]])
                message = err.value.message
                assert "接受新密钥" in message and "指纹" in message, message
                assert "数据库没有任何改动" in message and "Error" not in message
                accepted.add(name[0])
                assert _digest(town) == before
                reports = import_packages(t, [made[name]], accept_new_key=True)
            else:
                reports = import_packages(t, [made[name]])
            assert reports
    with open_store(town, now=clock) as t:
        assert t.db.execute("SELECT count(*) FROM cases").fetchone()[0] == 8
        assert open_gaps(t) == []
        names = t.cases.committee_names()
        labels = sorted(v for k, v in names.items() if k)
        assert len(set(labels)) == 2 and all(NAME in v for v in labels)
        number = t.cases.list(limit=1)[0].case_no
        with pytest.raises(AmbiguousCaseError) as amb:
            t.cases.find_by_no(number)
        choices = [label for _, label in amb.value.choices]
        assert len(set(choices)) == 2, choices
        found = {t.cases.find_by_no(number, committee=label).uuid for label in choices}
        assert len(found) == 2


def test_cli_names_the_option_and_accepts_with_it(made: dict[str, Path], tmp_path: Path) -> None:
    town = tmp_path / "town.sqlite"
    shutil.copy(made["town"], town)
    run = CliRunner().invoke
    assert run(cli, ["--db", str(town), "import", str(made["o1"])]).exit_code == 0
    before = _digest(town)
    refused = run(cli, ["--db", str(town), "import", str(made["n1"])])
    assert refused.exit_code == 1 and "--accept-new-key" in refused.output, refused.output
    assert "Traceback" not in refused.output and _digest(town) == before
    ok = run(cli, ["--db", str(town), "import", "--accept-new-key", str(made["n1"])])
    assert ok.exit_code == 0 and "同名" in ok.output, ok.output
