"""Upgrading a first-release file (schema m0001) through m0008: the category codes keep their
cases under the counties' names (10 -> 其他劳动争议纠纷, 24 -> 其他消费纠纷, 23 拖欠农民工工资
now standard), parties get their 证件类型 from the number, names typed with a look-alike dot
are stored and found with the one dot, the new case fields are empty, and the old months'
reports still render in every format."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from desktop.core.models import CaseFilter
from desktop.core.reports import build_report, render_monthly
from desktop.core.store import open_store
from desktop.core.validation.idcard import id_check_digit

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "wusong-schema-m0001.sqlite"


def _number(first17: str) -> str:
    return first17 + id_check_digit(first17)


FOREIGN = _number("93384019880715001")
RESIDENT = _number("33048219900101123")


def _first_release_file(tmp_path: Path) -> Path:
    """The fixture, with cases of the categories that changed and parties as an old version
    stored them (edited with plain sqlite3 while the file is still at m0001)."""
    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURE, path)
    con = sqlite3.connect(path)
    ids = [r[0] for r in con.execute("SELECT id FROM cases ORDER BY id")]
    codes = ["10", "10", "23", "24", "25", "26", "02", "02", "02", "02"]
    for case_id, code in zip(ids, codes, strict=True):
        con.execute("UPDATE cases SET category_code = ? WHERE id = ?", [code, case_id])
    first = con.execute(
        "SELECT id FROM parties WHERE case_id = ? ORDER BY seq", [ids[0]]
    ).fetchall()
    con.execute(
        "UPDATE parties SET name = ?, id_number = ? WHERE id = ?",
        ["阿不都热合曼・买买提", FOREIGN, first[0][0]],
    )
    con.execute(
        "UPDATE parties SET name = ?, id_number = ? WHERE id = ?",
        ["古丽 • 吐尔逊", RESIDENT, first[1][0]],
    )
    con.commit()
    con.close()
    return path


def test_first_release_file_upgrades_to_the_county_lists(tmp_path: Path) -> None:
    path = _first_release_file(tmp_path)
    with open_store(path) as store:
        names = {
            r[0]: r[1] for r in store.db.execute("SELECT id, category_code FROM cases ORDER BY id")
        }
        shown = [store.cases.get(i).category_name for i in names]
        assert shown[:6] == [
            "其他劳动争议纠纷",
            "其他劳动争议纠纷",
            "拖欠农民工工资纠纷",
            "其他消费纠纷",
            "电子商务纠纷",
            "旅游纠纷",
        ]
        assert list(names.values())[:2] == ["10", "10"]  # codes are stable: nothing renumbered
        case_id = next(iter(names))
        parties = store.records.parties(case_id)
        assert (parties[0].name, parties[0].id_type) == (
            "阿不都热合曼·买买提",
            "外国人永久居留身份证",
        )
        assert (parties[1].name, parties[1].id_type) == ("古丽·吐尔逊", "居民身份证")
        assert (
            store.db.execute("SELECT count(*) FROM parties WHERE id_type != ''").fetchone()[0] == 2
        )
        for spelling in ("阿不都热合曼.买买提", "阿不都热合曼买买提", "古丽‧吐尔逊", "古丽吐尔逊"):
            found = [s.id for s in store.cases.list(CaseFilter(text=spelling))]
            assert found == [case_id], spelling
        case = store.cases.get(case_id)
        assert (case.difficulty, case.platform_no, case.occurred_on, case.special_groups) == (
            "",
            "",
            None,
            (),
        )
        report = build_report(store, "2026-01")
        rows = {r.name: r for r in report.categories}
        assert rows["其他劳动争议纠纷"].accepted_m == 2 and rows["旅游纠纷"].accepted_m == 1
        assert rows["邻里纠纷"].accepted_m == 4 and report.value("accepted") == 10
        assert report.value("difficult") == 0  # no difficulty recorded before the upgrade
        for fmt in ("pdf", "docx", "xlsx"):
            assert len(render_monthly(report, fmt)) > 1000
