"""Failures 1, 2 and 8 of issue 10 as kinds: every change reaches the next incremental export
whatever it touched, versions are ordered by lineage whatever the clocks say, real conflicts
keep both sides, and a hand-off continued upstream is not a conflict. Through the real export
and import, with generated sequences of edits and clock offsets."""

from __future__ import annotations

import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

from builders import FixedClock, applicant, intake, respondent
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.demo import generate
from desktop.core.errors import MediationError
from desktop.core.exchange import export_handoff, export_period, import_packages
from desktop.core.store import Store, open_store

DAY = "2026-11-05"
EDITS = ("visit", "receipt", "party", "term", "session", "attachment", "document", "case")


def village(folder: Path, clock: FixedClock, n: int = 4) -> Store:
    s = open_store(folder / "v.sqlite", now=clock)
    s.settings.save_committee(name="星光村人民调解委员会", level=2, abbr="星调")
    generate(s, n, seed=11, until=date(2026, 10, 31))
    return s


def town(folder: Path, clock: FixedClock) -> Store:
    s = open_store(folder / "t.sqlite", now=clock)
    s.settings.save_committee(name="新埭镇人民调解委员会", level=3, abbr="新调")
    return s


def edit(store: Store, case_id: int, kind: str, folder: Path, n: int) -> bool:
    """One change of ``kind`` as the window would make it; False if the app refuses it for
    this case (e.g. a closed case takes no new parties)."""
    try:
        if kind == "visit":
            store.records.add(
                case_id,
                "return_visit",
                {
                    "visited_on": DAY,
                    "visitor": "王",
                    "visited_party": "张建国",
                    "performance": "已履行",
                    "satisfaction": "满意",
                    "notes": f"第 {n} 次回访。",
                },
            )
        elif kind == "receipt":
            store.records.add(
                case_id,
                "receipt",
                {"received_on": DAY, "description": f"收条 {n}", "amount": "100"},
            )
        elif kind == "party":
            store.records.add_party(
                case_id, {"role": "第三人", "kind": "自然人", "name": f"赵{n}", "phone": ""}
            )
        elif kind == "term":
            store.records.add(
                case_id,
                "term",
                {"content": f"条款 {n}", "obligor": "李", "manner": "现金", "deadline": DAY},
            )
        elif kind == "session":
            store.records.add(
                case_id,
                "session",
                {
                    "held_on": DAY,
                    "place": "村委会",
                    "participants": "双方",
                    "statements": "陈述",
                    "persuasion": "疏导",
                    "result": f"结果 {n}",
                },
            )
        elif kind == "attachment":
            source = folder / f"scan-{n}.txt"
            source.write_text(f"扫描件 {n}", encoding="utf-8")
            store.files.add_attachment(case_id, source, note="收条扫描")
        elif kind == "document":
            path = folder / f"doc-{n}.pdf"
            path.write_bytes(b"%PDF-1.4 " + str(n).encode())
            store.files.record_document(case_id, "mediation_agreement", "pdf", path)
        else:
            store.cases.update(case_id, {"facts": f"补充情况 {n}。"})
    except MediationError:
        return False
    return True


def uuids_in(store: Store, path: Path) -> set[str]:
    from desktop.core.exchange import verify_package

    return {line["uuid"] for line in verify_package(path).cases}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    edits=st.lists(st.tuples(st.integers(0, 3), st.sampled_from(EDITS)), min_size=1, max_size=6),
    offset_days=st.integers(-400, 400),
)
def test_every_change_after_an_export_is_in_the_next_one(
    edits: list[tuple[int, str]], offset_days: int
) -> None:
    """Failure 1 (a 回访 or 收条 after an export never left the village) and failure 2 (a
    clock set wrong): whatever was changed, and whatever the clock said at either export,
    the next default export carries it and the township applies it."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        clock = FixedClock(datetime(2026, 11, 1, 9, 0))
        # The first export happens with the clock off by offset_days.
        clock.current = datetime(2026, 11, 1, 9, 0) + timedelta(days=offset_days)
        v, t = village(folder, clock), town(folder, clock)
        first = export_period(v, folder / "1.zip", include_reports=False)
        import_packages(t, [first.path])
        clock.current = datetime(2026, 11, 5, 9, 0)  # the clock corrected
        ids = [c.id for c in v.cases.list(limit=10)]
        changed = set()
        for n, (which, kind) in enumerate(edits):
            cid = ids[which % len(ids)]
            if edit(v, cid, kind, folder, n):
                changed.add(v.cases.get(cid).uuid)
        second = export_period(v, folder / "2.zip", include_reports=False)
        assert changed <= uuids_in(v, second.path)
        report = import_packages(t, [second.path])[0]
        assert not report.conflicts and not report.older
        for uid in changed:
            mine = v.db.execute("SELECT id FROM cases WHERE uuid = ?", [uid]).fetchone()[0]
            theirs = t.db.execute("SELECT id FROM cases WHERE uuid = ?", [uid]).fetchone()[0]
            for table in ("return_visits", "receipts", "parties", "terms", "sessions"):
                q = f"SELECT count(*) FROM {table} WHERE case_id = ?"
                assert v.db.execute(q, [mine]).fetchone() == t.db.execute(q, [theirs]).fetchone(), (
                    table
                )
        v.close()
        t.close()


def test_month_package_after_a_later_visit_is_newer_not_a_conflict(
    tmp_path: Path, clock: FixedClock
) -> None:
    """The quoted failure 1: a --month package with a 回访 added after the first export was
    refused as 较旧的版本 and the township kept return_visits 0."""
    clock.set(date(2026, 11, 1))
    v, t = village(tmp_path, clock), town(tmp_path, clock)
    import_packages(t, [export_period(v, tmp_path / "a.zip", include_reports=False).path])
    clock.set(date(2026, 11, 5))
    closed = [c for c in v.cases.list(limit=10) if v.cases.get(c.id).is_closed]
    cid = (closed or v.cases.list(limit=1))[0].id
    assert edit(v, cid, "visit", tmp_path, 1)
    monthly = export_period(v, tmp_path / "m.zip", month="2026-11", include_reports=False)
    assert v.cases.get(cid).uuid in uuids_in(v, monthly.path)
    report = import_packages(t, [monthly.path])[0]
    assert not report.conflicts
    uid = v.cases.get(cid).uuid
    tid = t.db.execute("SELECT id FROM cases WHERE uuid = ?", [uid]).fetchone()[0]
    visits = t.db.execute("SELECT count(*) FROM return_visits WHERE case_id = ?", [tid])
    mine = v.db.execute("SELECT count(*) FROM return_visits WHERE case_id = ?", [cid])
    assert visits.fetchone() == mine.fetchone()


def test_clock_set_back_is_reported_and_not_obeyed(tmp_path: Path, clock: FixedClock) -> None:
    """The quoted failure 2: export with the clock a year ahead, correct it, close the case,
    export again: the package has the case, the township applies the newer version, and both
    sides are told about the clock."""
    clock.current = datetime(2027, 3, 10, 9, 0)
    v, t = village(tmp_path, clock), town(tmp_path, clock)
    case = v.cases.create(intake(accepted_on="2026-03-01"), [applicant(), respondent()])
    first = export_period(v, tmp_path / "a.zip", include_reports=False)
    import_packages(t, [first.path])
    clock.current = datetime(2026, 3, 12, 9, 0)
    v.cases.update(case.id, {"facts": "时钟改正后补充的情况。"})
    second = export_period(v, tmp_path / "b.zip", include_reports=False)
    # The period never runs backwards: told by the change sequence, the clock named as wrong.
    assert second.cases == 1 and "修改序号" in second.period and "电脑时钟有误" in second.period
    assert "电脑时钟" in second.clock_warning
    report = import_packages(t, [second.path])[0]
    assert report.updated == [case.case_no] and not report.conflicts
    assert any("时钟" in n for n in report.notes)
    tid = t.db.execute("SELECT id FROM cases WHERE uuid = ?", [case.uuid]).fetchone()[0]
    assert t.cases.get(tid).facts == "时钟改正后补充的情况。"


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(town_edits=st.integers(0, 2), village_edits=st.integers(0, 2))
def test_conflict_only_when_both_sides_changed(town_edits: int, village_edits: int) -> None:
    """Local edits at the receiver and newer versions from the sender: a conflict exactly
    when both changed since what they share; then both are kept."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        clock = FixedClock(datetime(2026, 11, 1, 9, 0))
        v, t = village(folder, clock), town(folder, clock)
        case = v.cases.create(intake(accepted_on="2026-10-30"), [applicant(), respondent()])
        import_packages(t, [export_period(v, folder / "a.zip", include_reports=False).path])
        tid = t.db.execute("SELECT id FROM cases WHERE uuid = ?", [case.uuid]).fetchone()[0]
        for n in range(town_edits):
            t.cases.update(tid, {"facts": f"镇里补充 {n}"})
        for n in range(village_edits):
            v.cases.update(case.id, {"facts": f"村里补充 {n}"})
        report = import_packages(
            t, [export_period(v, folder / "b.zip", include_reports=False).path]
        )[0]
        if town_edits and village_edits:
            assert len(report.conflicts) == 1
            assert t.cases.get(tid).facts == f"镇里补充 {town_edits - 1}"
            kept = t.db.execute(
                "SELECT payload FROM case_versions WHERE case_id = ? AND applied = 0", [tid]
            ).fetchall()
            assert any(f"村里补充 {village_edits - 1}" in p[0] for (p,) in [(k,) for k in kept])
        elif village_edits:
            assert report.updated == [case.case_no]
            assert t.cases.get(tid).facts == f"村里补充 {village_edits - 1}"
        else:
            assert not report.conflicts and not report.updated
        v.close()
        t.close()


def test_handoff_continued_upstream_is_not_a_conflict(tmp_path: Path, clock: FixedClock) -> None:
    """The quoted failure 8: the village hands a case to the township, the township continues
    it, then imports the village's period package: no conflict, the village's own copy stays
    the village's (已移交), the continued case stays the township's."""
    clock.set(date(2026, 11, 1))
    v, t = village(tmp_path, clock), town(tmp_path, clock)
    case = v.cases.create(intake(accepted_on="2026-10-30"), [applicant(), respondent()])
    handoff = export_handoff(v, tmp_path / "h.zip", case.case_no, "需镇里协调")
    added = import_packages(t, [handoff.path])[0].added
    assert len(added) == 1
    continued = t.db.execute(
        "SELECT id FROM cases WHERE origin_uuid = ? AND committee_id = ''", [case.uuid]
    ).fetchone()[0]
    t.cases.update(continued, {"facts": "镇里继续调解。"})
    period = export_period(v, tmp_path / "p.zip", include_reports=False)
    report = import_packages(t, [period.path])[0]
    assert not report.conflicts and not report.refused
    assert t.cases.get(continued).facts == "镇里继续调解。"
    own_copy = t.db.execute(
        "SELECT status FROM cases WHERE uuid = ? AND committee_id != ''", [case.uuid]
    ).fetchone()
    assert own_copy == ("已移交",)
    clock.set(date(2026, 11, 2))  # the clerk exports the hand-off again another day
    again = import_packages(t, [export_handoff(v, tmp_path / "h2.zip", case.case_no).path])[0]
    assert not again.added and "已在本级继续办理" in again.unchanged[0]
