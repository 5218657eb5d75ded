"""以案定补 (issue 14, point 4): the month's list under the rules in claims.toml, worked out by
hand on the October cases, refusals naming the rule a case fails, the list as PDF and Excel,
and a case claimed once only."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from builders import FixedClock
from openpyxl import load_workbook
from report_builders import accept, build_october, to_agreement_step, visit

from desktop.core.errors import ValidationError
from desktop.core.reports.claims import claim_list, mark_claimed
from desktop.core.reports.claims_output import claims_bytes
from desktop.core.store import Store


def _with_bad_term(store: Store, clock: FixedClock) -> dict[str, int]:
    clock.set(date(2026, 11, 5))
    ids = build_october(store)
    x = accept(store, "2026-10-08", source="当事人申请", category="15", people_count=2)
    to_agreement_step(store, x, "2026-10-09")
    store.cases.update(
        x,
        {
            "agreement_form": "书面协议",
            "agreement_on": "2026-10-12",
            "disputed_matters": "借款",
            "responsibility": "李方",
            "confirmation_advised": True,
        },
    )
    store.records.add(
        x,
        "term",
        {
            "content": "归还借款1000元",
            "obligor": "李秀英",
            "amount": "800",
            "manner": "转账",
            "deadline": "2026-10-20",
        },
    )
    store.flow.complete_step(x)
    visit(store, x, "2026-10-25", "已履行")
    ids["X"] = x
    return ids


def test_the_october_list_by_hand(store: Store, clock: FixedClock) -> None:
    ids = _with_bad_term(store, clock)
    listing = claim_list(store, "2026-10")
    # Candidates: settled this year (A B H X). A and H were performed (last visit 已履行);
    # B only partly; X's file fails its self-check.
    assert [c.case_id for c in listing.qualifying] == [ids["H"], ids["A"]]  # by agreement date
    a = listing.qualifying[1]
    assert (a.difficulty, a.amount_band, a.people, a.subsidy_fen) == (
        "疑难复杂",
        "1万元以下",
        3,
        50000,
    )
    h = listing.qualifying[0]
    assert (h.difficulty, h.subsidy_fen) == ("未登记", 10000)  # no difficulty: the 未登记 rate
    assert listing.total_fen == 60000  # 500 + 100 元
    refused = {c.case_id: c.failed for c in listing.refused}
    assert refused == {ids["B"]: ("协议已履行",), ids["X"]: ("卷宗齐全（自查无错误）",)}


def test_a_case_is_claimed_once_only(store: Store, clock: FixedClock) -> None:
    ids = _with_bad_term(store, clock)
    with pytest.raises(ValidationError, match="最近一次回访.*还没有履行"):
        mark_claimed(store, "2026-10", [ids["B"]])
    assert store.db.execute("SELECT count(*) FROM subsidy_claims").fetchone()[0] == 0
    assert mark_claimed(store, "2026-10") == [ids["H"], ids["A"]]
    assert mark_claimed(store, "2026-10") == []  # marking again adds nothing
    again = claim_list(store, "2026-10")
    assert [c.claimed_month for c in again.qualifying] == ["2026-10", "2026-10"]
    # A performed again by a November visit: a November candidate, refused as claimed before.
    visit(store, ids["A"], "2026-11-02", "已履行")
    november = claim_list(store, "2026-11")
    assert ids["A"] not in [c.case_id for c in november.qualifying]
    assert dict((c.case_id, c.failed) for c in november.refused)[ids["A"]] == ("以前未申报过",)
    with pytest.raises(ValidationError, match="已在 2026-10 申报过"):
        mark_claimed(store, "2026-11", [ids["A"]])
    rows = store.db.execute("SELECT case_id, month, amount_fen FROM subsidy_claims").fetchall()
    assert sorted(rows) == sorted([(ids["H"], "2026-10", 10000), (ids["A"], "2026-10", 50000)])
    audit = store.db.execute(
        "SELECT count(*) FROM audit_log WHERE entity = 'subsidy_claim'"
    ).fetchone()[0]
    assert audit == 2


def test_list_as_excel_and_pdf(store: Store, clock: FixedClock) -> None:
    _with_bad_term(store, clock)
    listing = claim_list(store, "2026-10")
    wb = load_workbook(io.BytesIO(claims_bytes(listing, "xlsx")))
    rows = [[c.value for c in r] for r in wb["申报清单"].iter_rows(min_row=5, max_row=7)]
    assert rows[0][5:9] == ["未登记", "1万元以下", 2, 100.0]
    assert rows[1][5:9] == ["疑难复杂", "1万元以下", 3, 500.0]
    assert rows[2][1:3] == ["合计", "2 件"] and rows[2][8] == 600.0
    left = [[c.value for c in r] for r in wb["未列入的案件"].iter_rows(min_row=2)]
    assert sorted(r[4] for r in left) == [  # what is wrong with each case, not the rule
        "卷宗自查：第1项条款文字中的金额 1000 元与所填金额不一致，请核对。",
        "最近一次回访（2026-10-31）记的是“部分履行”，第1项（第1项）还没有履行。",
    ]
    assert wb["申报清单"].print_title_rows == "$4:$4"
    if shutil.which("pdftotext"):
        pdf = claims_bytes(listing, "pdf")
        text = subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        for phrase in (
            "以案定补申报清单（2026年10月）",
            "疑难复杂",
            "600.00",
            "协议已履行",
            "调委会主任",
        ):
            assert phrase in text, phrase


def test_cli_writes_and_marks(store: Store, clock: FixedClock, tmp_path: Path) -> None:
    from desktop.cli import main

    _with_bad_term(store, clock)
    db = str(store.path)
    store.close()
    out = tmp_path / "以案定补.xlsx"
    assert (
        main(["--db", db, "report", "claims", "--month", "2026-10", "-o", str(out), "--mark"]) == 0
    )
    assert out.exists()
    assert main(["--db", db, "report", "claims", "--month", "1999-01", "-o", str(out)]) == 1
