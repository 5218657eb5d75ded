"""A case received as new keeps its 操作记录 as received: one ``received_audit`` row (m0017)
instead of an audit_log row per entry (issue 10's import speed). Kind: the history of a
received case as the file tells it — the case's timeline and documents (audit.history), the
package the receiver sends on (case_line), the next package's entries counted as held — must be
what the old storage told, whatever the entries hold (repeats, missing actor or detail, an
entity id, extra fields, masked text) and whichever way the package is read (inline or in the
reading process). Generated histories go through the real export, signature and import."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from builders import FixedClock, applicant, intake, respondent
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from one_case_package import NOW, Sent, one_case_sent, township

from desktop.core.exchange import export_handoff, export_period, import_packages, reading
from desktop.core.exchange.export import case_line
from desktop.core.store import audit, open_store, upgrade


@pytest.fixture(scope="module")
def sent(tmp_path_factory: pytest.TempPathFactory) -> Sent:
    return one_case_sent(tmp_path_factory.mktemp("received"))


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=12)
_DETAIL = st.one_of(
    st.just(""),
    st.dictionaries(st.sampled_from(["facts", "phone", "名称", "x"]), _TEXT, max_size=3).map(
        lambda d: json.dumps(d, ensure_ascii=False)
    ),
    st.just('{"phone": "139****1111"}'),
)
_ENTRY = st.fixed_dictionaries(
    {
        "at": st.datetimes(datetime(1990, 1, 1), datetime(2100, 12, 31)).map(
            lambda d: d.isoformat(timespec="seconds")
        ),
        "actor": st.sampled_from(["", "王调解", "李四"]),
        "entity": st.sampled_from(["case", "party", "term", "session"]),
        "action": st.sampled_from(["create", "update", "complete_step"]),
    },
    optional={
        "entity_id": st.none() | st.integers(0, 10**9),
        "detail": _DETAIL,
        "来源": _TEXT,
        "n": st.integers(-5, 5),
    },
)


def histories() -> st.SearchStrategy[list[dict[str, Any]]]:
    """Entry lists, with exact repeats drawn from the list itself now and then."""
    return st.lists(_ENTRY, max_size=12).flatmap(
        lambda entries: (
            st.lists(st.sampled_from(entries), max_size=4).map(lambda again: entries + again)
            if entries
            else st.just(entries)
        )
    )


def as_kept(history: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What the import before m0017 wrote as audit_log rows: exact repeats (time, entity,
    action, detail) left out; actor and detail defaulted as the columns are; the sender's
    entity id and any other field not kept."""
    seen, out = set(), []
    for e in history:
        key = (e["at"], e["entity"], e["action"], e.get("detail") or "{}")
        if key not in seen:
            seen.add(key)
            out.append(
                {
                    "at": e["at"],
                    "actor": e.get("actor") or "",
                    "entity": e["entity"],
                    "entity_id": None,
                    "action": e["action"],
                    "detail": e.get("detail") or "{}",
                }
            )
    return out


@pytest.fixture(params=["inline", "child"])
def reading_in(request: pytest.FixtureRequest) -> Iterator[str]:
    with pytest.MonkeyPatch.context() as mp:
        if request.param == "child":
            mp.setattr(reading, "INLINE_BELOW", 0)
        yield request.param


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(history=histories())
def test_a_received_history_reads_back_as_the_rows_it_used_to_be(
    sent: Sent, reading_in: str, tmp_path_factory: pytest.TempPathFactory, history: list
) -> None:
    folder = tmp_path_factory.mktemp("t")
    kept = as_kept(history)
    with township(folder) as t:
        (report,) = import_packages(t, [sent.with_history(history, folder / "p.zip")])
        assert len(report.added) == 1
        tid = t.db.execute("SELECT id FROM cases").fetchone()[0]
        told = audit.history(t.db, tid)
        assert [(e.at, e.actor, e.entity, e.entity_id, e.action, e.detail) for e in told[:-1]] == [
            (k["at"], k["actor"], k["entity"], None, k["action"], json.loads(k["detail"]))
            for k in kept
        ]
        assert told[-1].action == "import"  # this file's own entry comes after
        # Sent on (to the county) exactly as the rows were: received entries, then the import.
        onward = case_line(t, tid)["audit"]
        assert onward[:-1] == kept and onward[-1]["action"] == "import"
        rows = t.db.execute("SELECT count(*) FROM received_audit").fetchone()[0]
        assert rows == (1 if kept else 0)
        # None of the received entries became audit_log rows.
        assert t.db.execute("SELECT count(*) FROM audit_log WHERE case_id = ?", [tid]).fetchone()[
            0
        ] == len([e for e in told if e.id])


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(first=histories(), more=st.lists(_ENTRY, max_size=5))
def test_a_later_package_adds_only_entries_not_held(
    sent: Sent, tmp_path_factory: pytest.TempPathFactory, first: list, more: list
) -> None:
    """The same case again with more history (a later package): the entries received first
    count as held (they are in received_audit, not audit_log), only the new ones are added."""
    folder = tmp_path_factory.mktemp("t2")
    line = sent.line()
    with township(folder) as t:
        import_packages(t, [sent.with_history(first, folder / "p1.zip")])
        line["audit"] = first + more
        line["revision"] = line["revision"] + 1
        line["lineage"] = {k: v + 1 for k, v in line["lineage"].items()}
        import_packages(t, [sent.with_line(line, folder / "p2.zip")])
        tid = t.db.execute("SELECT id FROM cases").fetchone()[0]
        received = [
            (e.at, e.entity, e.action, json.dumps(e.detail, ensure_ascii=False))
            for e in audit.history(t.db, tid)
            if e.action != "import"
        ]
        expected = [
            (
                k["at"],
                k["entity"],
                k["action"],
                json.dumps(json.loads(k["detail"]), ensure_ascii=False),
            )
            for k in as_kept(first + more)
        ]
        assert sorted(received) == sorted(expected)


def test_received_history_is_append_only(sent: Sent, tmp_path: Path) -> None:
    with township(tmp_path) as t:
        import_packages(
            t,
            [
                sent.with_history(
                    [dict(at="2026-10-30T09:00:00", actor="王", entity="case", action="create")],
                    tmp_path / "p.zip",
                )
            ],
        )
        for sql in ("UPDATE received_audit SET entries = X'5B5D'", "DELETE FROM received_audit"):
            with pytest.raises(sqlite3.IntegrityError, match="审计日志只能追加"):
                t.db.execute(sql)


@pytest.mark.parametrize(("month", "included"), [("2026-09", 1), ("2026-10", 0)])
def test_a_continued_handoff_counts_in_the_months_of_its_received_history(
    tmp_path: Path, month: str, included: int
) -> None:
    """A case the township continues from a hand-off is its own; its month packages hold it
    for a month in which its received history has an entry (as when those entries were
    audit_log rows), and not for a month with none."""
    clock = FixedClock(datetime(2026, 9, 10, 9, 0))
    with open_store(tmp_path / "v.sqlite", now=clock) as v:
        v.settings.save_committee(name="星光村人民调解委员会", level=2, abbr="星调")
        v.settings.add_mediator("王调解")
        # Accepted in August, entered (its history) in September, handed over in November.
        case = v.cases.create(intake(accepted_on="2026-08-20"), [applicant(), respondent()])
        clock.current = datetime(2026, 11, 1, 9, 0)
        handoff = export_handoff(v, tmp_path / "h.zip", case.case_no, "需镇里协调").path
    clock.current = datetime(2026, 11, 2, 9, 0)
    with open_store(tmp_path / "t.sqlite", now=clock) as t:
        t.settings.save_committee(name="新埭镇人民调解委员会", level=3, abbr="新调")
        assert len(import_packages(t, [handoff])[0].added) == 1
        result = export_period(t, tmp_path / "t.zip", month=month, include_reports=False)
        assert result.cases == included


def test_a_file_before_m0017_viewed_read_only_tells_its_history(tmp_path: Path) -> None:
    """A file of the release before opened read-only is not upgraded (it has no
    received_audit): its history, all in audit_log, is told as before, not a missing table."""
    old = tmp_path / "old.sqlite"
    with open_store(old, now=FixedClock(NOW)) as s:
        s.settings.save_committee(name="星光村人民调解委员会", level=2, abbr="星调")
        s.settings.add_mediator("王调解")
        case = s.cases.create(intake(accepted_on="2026-10-30"), [applicant(), respondent()])
        before = audit.history(s.db, case.id)
    with sqlite3.connect(old) as con:  # as the release before m0017 left it
        con.execute("DROP TABLE received_audit")
        con.execute("DELETE FROM _sqlite_migrations WHERE name = 'm0017_received_audit'")
        con.execute(f"PRAGMA user_version = {upgrade.schema_version() - 1}")
    con.close()
    with open_store(old, readonly=True) as store:
        assert not audit.has_received(store.db)
        assert audit.history(store.db, case.id) == before and before
