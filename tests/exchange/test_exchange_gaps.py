"""A missed incremental package is noticed (issue 10): a village exports packages 1..k by change
sequence; whatever subset the county imports, in whatever order, however often, the county is
told exactly which packages are missing between which two, and what the village should do —
and nothing when none is missing. The village sends everything since a package again (or every
case) and the gap closes. Through the real export and import, the CLI and the window."""

from __future__ import annotations

import json
import tempfile
from datetime import date, datetime
from pathlib import Path

import pytest
from builders import FixedClock, on_day
from click.testing import CliRunner
from forge import committee_key, members, reseal, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.cli.main import cli
from desktop.core.demo import generate
from desktop.core.exchange import PackageError, export_period, import_packages
from desktop.core.exchange.coverage import open_gaps
from desktop.core.store import Store, open_store

REGION = "浙江省平湖市新埭镇"


def village(folder: Path, clock: FixedClock, n: int = 5) -> Store:
    s = open_store(folder / "v.sqlite", now=clock)
    s.settings.save_committee(name="星光村人民调解委员会", level=2, abbr="星调", region=REGION)
    generate(s, n, seed=7, until=date(2026, 10, 31))
    return s


def county(folder: Path, clock: FixedClock) -> Store:
    s = open_store(folder / "c.sqlite", now=clock)
    s.settings.save_committee(name="平湖市人民调解委员会", level=4, abbr="平调")
    return s


def receipt(store: Store, n: int) -> None:
    """One 收条 on a case of the village: a change that only a package carries."""
    case_id = store.cases.list(limit=50)[n % 5].id
    on_day(store, "2026-11-02")  # the receipt is entered on its day
    store.records.add(
        case_id,
        "receipt",
        {"received_on": "2026-11-02", "description": f"收条 {n}", "amount": "100"},
    )


def packages(folder: Path, store: Store, k: int) -> list[Path]:
    """Packages 1..k, each with one change after the one before."""
    made = []
    for n in range(1, k + 1):
        if n > 1:
            receipt(store, n)
        made.append(export_period(store, folder / f"a{n}.zip", include_reports=False).path)
    return made


def receipts(store: Store) -> int:
    return int(store.db.execute("SELECT count(*) FROM receipts").fetchone()[0])


def held(store: Store) -> tuple[int, int]:
    """(cases, 收条) of the village's committee this file holds."""
    cases = store.db.execute("SELECT count(*) FROM cases WHERE case_no LIKE '%星调%'")
    return int(cases.fetchone()[0]), receipts(store)


def missing_numbers(notes: str) -> set[int]:
    """The package numbers the notes say are missing (第 n 个包 / 第 a 至 b 个包 没有导入)."""
    import re

    found: set[int] = set()
    for a, b in re.findall(r"(?:之间的|此前的)第 (\d+)(?: 至 (\d+))? 个包没有导入", notes):
        found |= set(range(int(a), int(b or a) + 1))
    return found


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    k=st.integers(3, 5),
    data=st.data(),
)
def test_exactly_the_missing_packages_are_told_in_any_order(k: int, data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        clock = FixedClock(datetime(2026, 11, 1, 9, 0))
        v, c = village(folder, clock), county(folder, clock)
        made = packages(folder, v, k)
        # Some packages, in any order, some twice, in one or several imports.
        chosen = data.draw(st.lists(st.sampled_from(range(k)), min_size=1, max_size=k + 2))
        cut = data.draw(st.integers(0, len(chosen)))
        got: set[int] = set()
        for batch in (chosen[:cut], chosen[cut:]):
            if not batch:
                continue
            reports = import_packages(c, [made[i] for i in batch])
            got |= {i + 1 for i in batch}
            told = "".join(r.summary() for r in reports)
            expected = {n for n in range(1, max(got)) if n not in got}
            assert missing_numbers(told) == expected, told
            if expected:
                assert "星光村人民调解委员会" in told
                assert "--since-package" in told or "--all" in told
        gaps = open_gaps(c)
        assert bool(gaps) == (set(range(1, max(got) + 1)) != got)
        if gaps:
            # Short of a 收条 or of whole cases: the gap is real.
            assert held(c) != held(v) or max(got) < k
            first = min(n for n in range(1, max(got)) if n not in got)
            again = export_period(
                v, folder / "again.zip", since_package=first, include_reports=False
            )
            told = import_packages(c, [again.path])[-1].summary()
            assert "已经补齐" in told and "没有导入" not in told, told
            assert open_gaps(c) == []
            assert held(c) == held(v)
        v.close()
        c.close()


def test_a_gap_is_told_again_until_closed_and_a_whole_package_closes_it(
    tmp_path: Path, clock: FixedClock
) -> None:
    clock.set(date(2026, 11, 1))
    v, c = village(tmp_path, clock), county(tmp_path, clock)
    a1, _a2, a3 = packages(tmp_path, v, 3)
    import_packages(c, [a1, a3])
    assert receipts(c) == receipts(v) - 1  # the county is one 收条 short
    (gap,) = open_gaps(c)
    sentence = gap.sentence()
    assert "星光村人民调解委员会" in sentence and "第 2 个包" in sentence
    assert "截至 2026-11-01 09:00 的第 1 个包" in sentence and "第 3 个包之间" in sentence
    # Another package of the village later: still told.
    receipt(v, 9)
    a4 = export_period(v, tmp_path / "a4.zip", include_reports=False)
    assert "第 2 个包" in import_packages(c, [a4.path])[0].summary()
    # The village sends every case: the gap closes, the county has every 收条.
    whole = export_period(v, tmp_path / "all.zip", everything=True, include_reports=False)
    assert whole.cases == len(v.cases.list(limit=100)) and "全部案件" in whole.period
    told = import_packages(c, [whole.path])[0].summary()
    assert "已经补齐" in told and open_gaps(c) == []
    assert receipts(c) == receipts(v)


def test_month_and_date_packages_carry_no_range_and_do_not_move_the_next_export(
    tmp_path: Path, clock: FixedClock
) -> None:
    """A month package is not every change since the last export: it must not move where the
    next default package starts (the changes before the month would never leave), and it is
    no gap at the receiver."""
    clock.set(date(2026, 11, 1))
    v, c = village(tmp_path, clock), county(tmp_path, clock)
    first = export_period(v, tmp_path / "a1.zip", include_reports=False)
    receipt(v, 1)
    clock.set(date(2026, 12, 3))
    receipt(v, 2)
    month = export_period(v, tmp_path / "m.zip", month="2026-12", include_reports=False)
    dated = export_period(v, tmp_path / "d.zip", since="2026-12-01", include_reports=False)
    manifest = json.loads(members(month.path)["manifest.json"])
    assert "since_seq" not in manifest and month.package_no is None and dated.package_no is None
    nxt = export_period(v, tmp_path / "a2.zip", include_reports=False)
    assert nxt.package_no == 2 and nxt.cases == 2  # both 收条's cases, the November one too
    reports = import_packages(c, [first.path, month.path, dated.path, nxt.path])
    assert not any("没有导入" in r.summary() for r in reports)
    assert receipts(c) == receipts(v)


def test_packages_of_format_2_are_not_checked_and_raise_no_alarm(
    tmp_path: Path, clock: FixedClock
) -> None:
    """A county that imported the village's packages of format 2 (no range) before upgrading:
    the village's first ranged package starts where those ended — no false warning."""
    clock.set(date(2026, 11, 1))
    v, c = village(tmp_path, clock), county(tmp_path, clock)
    a1, a2 = packages(tmp_path, v, 2)
    files = _resealed_without(members(a1), "since_seq", "package_no", "committee_region")
    v2 = write(
        tmp_path / "old.zip",
        reseal(files, committee_key(tmp_path / "v.sqlite"), format_version=2),
    )
    fixed = json.loads(members(v2)["manifest.json"])
    assert "since_seq" not in fixed
    reports = import_packages(c, [v2, a2])
    assert not any("没有导入" in r.summary() for r in reports), [r.summary() for r in reports]
    assert open_gaps(c) == []


def _resealed_without(files: dict[str, bytes], *keys: str) -> dict[str, bytes]:
    m = json.loads(files["manifest.json"])
    for key in keys:
        m.pop(key, None)
    return {**files, "manifest.json": json.dumps(m, ensure_ascii=False).encode()}


def test_the_range_is_signed_and_must_make_sense(tmp_path: Path, clock: FixedClock) -> None:
    clock.set(date(2026, 11, 1))
    v, c = village(tmp_path, clock), county(tmp_path, clock)
    (a1,) = packages(tmp_path, v, 1)
    files = members(a1)
    m = json.loads(files["manifest.json"])
    assert m["format_version"] == 3 and m["since_seq"] == 0 and m["package_no"] == 1
    assert m["committee_region"] == REGION
    # Changed without the committee's key: the signature no longer fits.
    m["since_seq"] = 5
    moved = {**files, "manifest.json": json.dumps(m, ensure_ascii=False).encode()}
    with pytest.raises(PackageError, match="签名与清单不符"):
        import_packages(c, [write(tmp_path / "moved.zip", moved)])
    # Signed, but starting after it ends.
    key = committee_key(tmp_path / "v.sqlite")
    backwards = reseal(files, key, since_seq=m["change_seq"] + 1)
    with pytest.raises(PackageError, match="修改序号范围不对（起点在终点之后）") as refused:
        import_packages(c, [write(tmp_path / "back.zip", backwards)])
    assert "seq" not in refused.value.message
    # A package number without its start is named.
    lone = reseal(_resealed_without(files, "since_seq"), key)
    with pytest.raises(PackageError, match="since_seq|本包所含变动的起点"):
        import_packages(c, [write(tmp_path / "lone.zip", lone)])


def test_a_package_number_the_village_never_made_is_refused_in_one_sentence(
    tmp_path: Path, clock: FixedClock
) -> None:
    clock.set(date(2026, 11, 1))
    v = village(tmp_path, clock)
    packages(tmp_path, v, 2)
    from desktop.core.errors import ValidationError

    with pytest.raises(ValidationError, match="没有导出过第 7 个报送包.*--all"):
        export_period(v, tmp_path / "x.zip", since_package=7, include_reports=False)
    assert not (tmp_path / "x.zip").exists()


def run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return r.exit_code, r.stdout, r.stderr


def test_cli_tells_the_gap_and_the_village_sends_again(tmp_path: Path) -> None:
    vdb, cdb = str(tmp_path / "v.sqlite"), str(tmp_path / "c.sqlite")
    run("--db", vdb, "init", "--committee", "星光村人民调解委员会", "--abbr", "星调")
    run("--db", vdb, "demo", "--cases", "6", "--seed", "4")
    run("--db", cdb, "init", "--committee", "平湖市人民调解委员会", "--level", "4")
    paths = []
    for n in (1, 2, 3):
        if n > 1:
            store = open_store(Path(vdb))
            receipt(store, n)
            store.close()
        out = tmp_path / f"a{n}.zip"
        code, text, err = run("--db", vdb, "export", "-o", str(out))
        assert code == 0 and f"第 {n} 个包" in text, err
        paths.append(out)
    code, text, _ = run("--db", cdb, "import", str(paths[0]), str(paths[2]))
    assert code == 0 and "第 2 个包没有导入" in text and "wusong export --since-package 2" in text
    code, text, _ = run(
        "--db", vdb, "export", "--since-package", "2", "-o", str(tmp_path / "r.zip")
    )
    assert code == 0 and "第 4 个包：第 2 个包起的全部变动" in text
    code, text, _ = run("--db", cdb, "import", str(tmp_path / "r.zip"))
    assert code == 0 and "已经补齐" in text and "没有导入" not in text
    code, _, err = run("--db", vdb, "export", "--since-package", "9", "-o", str(tmp_path / "x.zip"))
    assert code == 1 and "没有导出过第 9 个报送包" in err and "Error" not in err
