"""The weak points the issue-10 tester found, each as a kind, through the real export/import:
a missing field is named at every level; a Mac re-zip is read; one package made with a wrong
clock is reported once, and the export period never runs backwards; the exporter refuses what
the importer would refuse, without moving its position; understated sizes are named as a
malicious package; monthly figures merge by revision; masked and full packages in any order
leave each history line once."""

from __future__ import annotations

import io
import json
import re
import tempfile
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from builders import FixedClock, applicant, intake, respondent
from forge import committee_key, members, patch_sizes, reseal, write
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from desktop.core.demo import generate
from desktop.core.errors import ValidationError
from desktop.core.exchange import PackageError, export_period, import_packages
from desktop.core.exchange.period import LAST_SEQ_KEY
from desktop.core.exchange.schema import validator
from desktop.core.paths import resource
from desktop.core.reports.entries import get_entry, save_entry
from desktop.core.store import Store, audit, open_store

QUICK = settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def village(folder: Path, clock: FixedClock, cases: int = 0) -> Store:
    s = open_store(folder / "v.sqlite", now=clock)
    s.settings.save_committee(name="星光村人民调解委员会", level=2, abbr="星调")
    s.settings.add_mediator("王调解")
    if cases:
        generate(s, cases, seed=7, until=date(2026, 10, 31))
    return s


def town(folder: Path, clock: FixedClock) -> Store:
    s = open_store(folder / "t.sqlite", now=clock)
    s.settings.save_committee(name="新埭镇人民调解委员会", level=3, abbr="新调")
    return s


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A village package with every kind of record, and the village's file (its key)."""
    tmp = tmp_path_factory.mktemp("kinds")
    clock = FixedClock(datetime(2026, 11, 1, 9, 0))
    with village(tmp, clock, cases=12) as v:
        path = export_period(v, tmp / "a.zip", include_reports=False).path
    return {"zip": path, "db": tmp / "v.sqlite"}


def _required() -> list[tuple[tuple[str, ...], str]]:
    """(container path, field) of every required field at every level of a case line; ``*``
    is any element of a list."""
    schema = json.loads(resource("exchange", "case-line.schema.json").read_text(encoding="utf-8"))
    out: list[tuple[tuple[str, ...], str]] = []

    def walk(node: dict[str, Any], path: tuple[str, ...]) -> None:
        out.extend((path, name) for name in node.get("required", []))
        for name, sub in node.get("properties", {}).items():
            walk(sub, (*path, name))
        if isinstance(node.get("items"), dict):
            walk(node["items"], (*path, "*"))

    walk(schema, ())
    return out


REQUIRED = _required()


def _containers(line: dict[str, Any], path: tuple[str, ...]) -> list[tuple[Any, str]]:
    """Every dict at ``path`` in the line, with its dotted location."""
    found: list[tuple[Any, str]] = [(line, "")]
    for step in path:
        nxt: list[tuple[Any, str]] = []
        for node, where in found:
            if step == "*":
                nxt += [(x, f"{where}.{i}".lstrip(".")) for i, x in enumerate(node)]
            elif isinstance(node, dict) and step in node:
                nxt.append((node[step], f"{where}.{step}".lstrip(".")))
        found = nxt
    return [(n, w) for n, w in found if isinstance(n, dict)]


@QUICK
@given(which=st.sampled_from(REQUIRED), pick=st.integers(0, 10**6))
def test_a_missing_field_is_named_at_every_level(
    package: dict[str, Path], tmp_path: Path, clock: FixedClock, which: Any, pick: int
) -> None:
    """Any required field left out, at any level (the line, the case, a party, any record,
    escalations, terminations, extensions, history), even in a package signed by the
    committee: refused naming the field, the receiving file unchanged."""
    path, name = which
    files = members(package["zip"])
    lines = [json.loads(x) for x in files["cases.jsonl"].splitlines()]
    places = [(n, line, where) for n, line in enumerate(lines) for where in _containers(line, path)]
    assume(places)
    n, _, (container, where) = places[pick % len(places)]
    del container[name]
    if path == ("case",) and name in ("uuid", "case_no"):
        pass  # the line's own copy stays: the case's field is what is missing
    data = b"\n".join(json.dumps(x, ensure_ascii=False).encode() for x in lines) + b"\n"
    bad = write(
        tmp_path / "missing.zip",
        reseal({**files, "cases.jsonl": data}, committee_key(package["db"])),
    )
    t_path = tmp_path / "t.sqlite"
    if not t_path.exists():
        town(tmp_path, clock).close()
    before = t_path.read_bytes()
    with open_store(t_path, now=clock) as t, pytest.raises(PackageError) as err:
        import_packages(t, [bad])
    message = err.value.message
    assert f"第 {n + 1} 行" in message and "缺少必填项" in message
    # Named in Chinese: where (第 2 位当事人) and which field, never a path of Latin names.
    at: list[str | int] = [int(x) if x.isdigit() else x for x in where.split(".") if x]
    schema = validator("case-line")
    title = schema.schema
    for step in [*path, name]:
        title = title["items"] if step == "*" else title["properties"][step]
    assert f"{schema.field_name(at)}缺少必填项“{title['title']}”" in message, message
    assert f"{where}.{name}".lstrip(".") not in message, message
    assert t_path.read_bytes() == before


MAC_EXTRAS = {
    "__MACOSX/报送包/._manifest.json": b"\x00\x05\x16\x07",
    "__MACOSX/报送包/._cases.jsonl": b"\x00\x05\x16\x07",
    "__MACOSX/._报送包": b"\x00\x05\x16\x07",
    "报送包/.DS_Store": b"Bud1\x00\x00",
    ".DS_Store": b"Bud1\x00\x00",
}


@QUICK
@given(
    extras=st.sets(st.sampled_from(sorted(MAC_EXTRAS)), min_size=1),
    folder=st.booleans(),
    utf8_flag=st.booleans(),
)
def test_a_mac_rezip_is_read(
    package: dict[str, Path],
    tmp_path_factory: pytest.TempPathFactory,
    extras: set[str],
    folder: bool,
    utf8_flag: bool,
) -> None:
    """Finder's 压缩 adds __MACOSX/ resource forks and .DS_Store: those members only are
    skipped and the package imports like the original; any other extra member still refuses."""
    files = members(package["zip"])
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(f"报送包/{name}" if folder else name, data)
        for name in extras:
            if not folder and name.startswith("报送包/"):
                name = name.removeprefix("报送包/")
            info = zipfile.ZipInfo(name)
            zf.writestr(info, MAC_EXTRAS.get(name, MAC_EXTRAS.get(f"报送包/{name}", b"")))
    raw = buf.getvalue()
    if not utf8_flag:  # as a cp437 reader sees UTF-8 bytes: the flag cleared
        raw = raw.replace(b"\x00\x08\x08\x00", b"\x00\x00\x08\x00")
    tmp = tmp_path_factory.mktemp("mac")
    rezipped = tmp / "mac.zip"
    rezipped.write_bytes(raw)
    clock = FixedClock(datetime(2026, 11, 2, 9, 0))
    with town(tmp, clock) as t:
        report = import_packages(t, [rezipped])[0]
        assert len(report.added) == 12
    stray = write(tmp / "stray.zip", {**files, "说明.txt": b"x"})
    with town(tmp, clock) as t, pytest.raises(PackageError, match="清单中没有的文件"):
        import_packages(t, [stray])


_TIMES = re.compile(r"上次导出（([^）]+)）以来的变动，截至 (.+)$")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(offsets=st.lists(st.sampled_from([0, 0, 365, -40, 3]), min_size=2, max_size=5))
def test_a_wrong_clock_is_reported_once_and_the_period_never_runs_backwards(
    offsets: list[int],
) -> None:
    """Day by day the village changes a case and exports with its clock ``offsets`` days off;
    the township (right clock) imports each. A package is noted exactly when its own time is
    ahead of the township's or behind the package before it, never because an earlier one
    was; the printed period never runs backwards."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        real = datetime(2026, 11, 1, 9, 0)
        vclock, tclock = FixedClock(real), FixedClock(real)
        with village(folder, vclock) as v, town(folder, tclock) as t:
            case = v.cases.create(intake(accepted_on="2026-10-30"), [applicant(), respondent()])
            made: list[datetime] = []
            for n, offset in enumerate(offsets):
                now = real + timedelta(days=n)
                vclock.current, tclock.current = now + timedelta(days=offset), now
                v.cases.update(case.id, {"facts": f"第 {n} 次补充。"})
                result = export_period(v, folder / f"{n}.zip", include_reports=False)
                shown = _TIMES.search(result.period)
                if shown:
                    assert shown.group(1) <= shown.group(2), result.period
                else:
                    assert "最早的案件" in result.period or "电脑时钟有误" in result.period
                report = import_packages(t, [result.path])[0]
                assert report.updated or report.added
                made.append(vclock.current)
                ahead = vclock.current > now + timedelta(days=1)
                behind = n > 0 and made[n] < made[n - 1]
                notes = [x for x in report.notes if "导出时间" in x]
                assert len(notes) == int(ahead) + int(behind), (offsets, n, report.notes)


CORRUPTIONS = {
    "回访的建立时间用了空格": (
        "return_visits",
        "created_at",
        "2026-11-30 05:32:33",
        "records.return_visit.0.created_at",
    ),
    "受理日期不存在": ("cases", "accepted_on", "2026-02-30", "case.accepted_on"),
    "身份证号校验位错": ("parties", "id_number", "330482199001011233", "parties.0.id_number"),
    "当事人姓名太长": ("parties", "name", "长" * 300, "parties.0.name"),
}


@QUICK
@given(which=st.sampled_from(sorted(CORRUPTIONS)))
def test_the_exporter_refuses_what_the_importer_would(
    tmp_path_factory: pytest.TempPathFactory, which: str
) -> None:
    """A value the receiver's schema refuses (put into the file by hand, or by an old
    version) stops the export at the village, naming the case and the field; nothing is
    written and the next export still carries the change once it is corrected."""
    table, column, value, where = CORRUPTIONS[which]
    tmp = tmp_path_factory.mktemp("exp")
    clock = FixedClock(datetime(2026, 11, 1, 9, 0))
    with village(tmp, clock) as v:
        case = v.cases.create(intake(accepted_on="2026-10-30"), [applicant(), respondent()])
        v.records.add(
            case.id,
            "return_visit",
            {
                "visited_on": "2026-10-31",
                "visitor": "王",
                "visited_party": "张建国",
                "performance": "已履行",
                "satisfaction": "满意",
                "notes": "回访。",
            },
        )
        export_period(v, tmp / "first.zip", include_reports=False)
        seq_before = v.db.execute(
            "SELECT value FROM settings WHERE key = ?", [LAST_SEQ_KEY]
        ).fetchone()
        key = "id" if table == "cases" else "case_id"
        old = v.db.execute(
            f"SELECT {column} FROM {table} WHERE {key} = ? ORDER BY rowid LIMIT 1", [case.id]
        ).fetchone()[0]
        with v.db.atomic():
            v.db.execute(
                f"UPDATE {table} SET {column} = ? WHERE rowid ="
                f" (SELECT rowid FROM {table} WHERE {key} = ? ORDER BY rowid LIMIT 1)",
                [value, case.id],
            )
        with pytest.raises(ValidationError) as err:
            export_period(v, tmp / "bad.zip", include_reports=False)
        # The field by its Chinese name (第 1 条回访记录的建立时间), never its Latin path.
        at: list[str | int] = [int(x) if x.isdigit() else x for x in where.split(".")]
        named = validator("case-line").field_name(at)
        assert case.case_no in err.value.message and named in err.value.message
        assert where not in err.value.message
        assert "没有写出任何文件" in err.value.message
        assert not (tmp / "bad.zip").exists()
        assert (
            v.db.execute("SELECT value FROM settings WHERE key = ?", [LAST_SEQ_KEY]).fetchone()
            == seq_before
        )
        with v.db.atomic():
            v.db.execute(
                f"UPDATE {table} SET {column} = ? WHERE rowid ="
                f" (SELECT rowid FROM {table} WHERE {key} = ? ORDER BY rowid LIMIT 1)",
                [old, case.id],
            )
        assert export_period(v, tmp / "fixed.zip", include_reports=False).cases == 1


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(declared=st.integers(1, 2_000_000), spaces=st.integers(1, 4))
def test_understated_sizes_are_named_as_a_malicious_package(declared: int, spaces: int) -> None:
    """Headers claiming any size below the real one: refused as a malicious package (not as
    a damaged copy), the receiving file unchanged."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        clock = FixedClock(datetime(2026, 11, 1, 9, 0))
        with village(folder, clock) as v:
            v.cases.create(intake(accepted_on="2026-10-30"), [applicant(), respondent()])
            files = members(export_period(v, folder / "a.zip", include_reports=False).path)
        huge = files["cases.jsonl"] + b" " * (spaces * 1024 * 1024)
        real = len(huge)
        sealed = reseal({**files, "cases.jsonl": huge}, committee_key(folder / "v.sqlite"))
        raw = write(folder / "b.zip", sealed).read_bytes()
        bomb = folder / "bomb.zip"
        bomb.write_bytes(patch_sizes(raw, "cases.jsonl", min(declared, real - 1)))
        town(folder, clock).close()
        before = (folder / "t.sqlite").read_bytes()
        with (
            open_store(folder / "t.sqlite", now=clock) as t,
            pytest.raises(PackageError, match="恶意压缩包"),
        ):
            import_packages(t, [bomb])
        assert (folder / "t.sqlite").read_bytes() == before


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(offsets=st.lists(st.sampled_from([0, 365, -200, 1]), min_size=2, max_size=4))
def test_monthly_figures_merge_by_revision_whatever_the_clock(offsets: list[int]) -> None:
    """The village saves its 排查 figures for a month again and again with its clock off by
    ``offsets`` days (a year ahead, then corrected); after each package the township holds
    the figures the village saved last."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        real = datetime(2026, 11, 1, 9, 0)
        vclock, tclock = FixedClock(real), FixedClock(real)
        with village(folder, vclock) as v, town(folder, tclock) as t:
            committee = v.settings.committee().committee_id
            for n, offset in enumerate(offsets):
                now = real + timedelta(days=n)
                vclock.current, tclock.current = now + timedelta(days=offset), now
                save_entry(v, "2026-10", screenings=n + 1, prevented=n)
                import_packages(
                    t, [export_period(v, folder / f"{n}.zip", include_reports=False).path]
                )
                got = get_entry(t.db, "2026-10", committee)
                assert (got.screenings, got.prevented) == (n + 1, n), (offsets, n)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(masked=st.lists(st.booleans(), min_size=2, max_size=4))
def test_masked_and_full_packages_in_any_order_keep_each_history_line_once(
    masked: list[bool],
) -> None:
    """Each package carries the case's whole history; masked ones with the ID numbers and
    phones in it hidden. Whatever the order, the township holds each history line once."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        clock = FixedClock(datetime(2026, 11, 1, 9, 0))
        with village(folder, clock) as v, town(folder, clock) as t:
            case = v.cases.create(intake(accepted_on="2026-10-30"), [applicant(), respondent()])
            for n, flag in enumerate(masked):
                clock.current += timedelta(hours=1)
                # The facts (and so the history's detail) carry the party's phone.
                v.cases.update(case.id, {"facts": f"第 {n} 次：联系电话 13900001111。"})
                path = export_period(v, folder / f"{n}.zip", include_reports=False, masked=flag)
                import_packages(t, [path.path])
            mine = len(audit.history(v.db, case.id))
            tid = t.db.execute("SELECT id FROM cases WHERE uuid = ?", [case.uuid]).fetchone()[0]
            # The first package's history is kept as received (received_audit), later lines as
            # audit_log rows: audit.history reads both.
            theirs = len([e for e in audit.history(t.db, tid) if e.action != "import"])
            assert theirs == mine, masked
