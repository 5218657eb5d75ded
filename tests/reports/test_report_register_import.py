"""Bringing in an old Excel 台账 (issue 14, point 6): a 1,000-row register with 20 bad rows, each
refusal naming its row and reason, duplicates skipped, nothing written before confirmation,
all written in one transaction; the column guess confirmed or changed; the CLI."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from pathlib import Path

import pytest
import xlsxwriter
from builders import FixedClock

from desktop.core.errors import ValidationError
from desktop.core.models import CaseFilter
from desktop.core.reports.register_import import apply_import, plan_import, read_sheet
from desktop.core.store import Store
from desktop.core.validation.idcard import id_check_digit

HEADERS = [
    "序号",
    "受理时间",
    "纠纷类别",
    "案由",
    "申请人姓名",
    "申请人身份证号",
    "联系电话",
    "被申请人姓名",
    "被申请人身份证号",
    "涉案金额（元）",
    "调解结果",
    "承办人",
    "备注",
]
GOOD = 980


def _id(i: int, born: date) -> str:
    first17 = f"330482{born:%Y%m%d}{i % 1000:03d}"
    return first17 + id_check_digit(first17)


def _good_row(i: int) -> list[object]:
    day = date(2024, 1, 1).toordinal() + i % 700
    accepted = date.fromordinal(day)
    return [
        i,
        datetime(accepted.year, accepted.month, accepted.day) if i % 2 else accepted.isoformat(),
        ["邻里纠纷", "婚姻家庭", "劳动争议", "民间借贷纠纷", "土地纠纷"][i % 5],
        f"第{i}号纠纷",
        f"张{i}",
        _id(i, date(1960 + i % 40, 1 + i % 12, 1 + i % 28)),
        f"139{i:08d}",
        f"李{i}",
        _id(i + 1, date(1970 + i % 30, 1 + i % 12, 1 + i % 28)),
        f"{(i % 50) * 100}",
        ["调解成功", "成功", "调解不成", "终止"][i % 4],
        "王调解",
        "",
    ]


def _bad(column: int, text: object, says: str, times: int) -> list[tuple[dict[int, object], str]]:
    """``times`` rows whose ``column`` holds ``text``; the refusal must say ``says``."""
    return [({column: text}, says) for _ in range(times)]


# Twenty bad rows, each of a kind the refusal must name.
BAD: list[tuple[dict[int, object], str]] = [
    *_bad(5, "330482199001011233", "校验码", 4),
    *_bad(1, "去年三月", "看不懂", 3),
    *_bad(1, "2023-02-30", "没有“2023-02-30”这一天", 3),
    *_bad(4, "", "没有申请人姓名", 3),
    *_bad(6, "12345", "申请人电话：电话号码“12345”不对", 2),
    *_bad(9, "三千元", "涉及金额：金额“三千元”不是数字", 2),
    *_bad(10, "不知道", "调解结果“不知道”看不懂", 2),
    ({1: None}, "没有受理日期"),
]


def _workbook(path: Path) -> dict[int, str]:
    """The register: a title row, the header row, 1,000 data rows (20 bad). Returns the Excel
    row number -> the expected reason of every bad row."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("2024年台账")
    ws.write_string(0, 0, "星光村人民调解委员会 2024 年矛盾纠纷调解台账")
    for col, text in enumerate(HEADERS):
        ws.write_string(1, col, text)
    expected: dict[int, str] = {}
    bad_at = {i * 50 + 7: BAD[i] for i in range(len(BAD))}  # spread through the sheet
    for i in range(1000):
        row = _good_row(i)
        if i in bad_at:
            changes, reason = bad_at[i]
            for col, value in changes.items():
                row[col] = value
            expected[i + 3] = reason
        for col, value in enumerate(row):
            if isinstance(value, datetime):
                ws.write_datetime(i + 2, col, value, wb.add_format({"num_format": "yyyy-mm-dd"}))
            elif value is not None:
                ws.write(i + 2, col, value) if not isinstance(value, str) else ws.write_string(
                    i + 2, col, value
                )
    wb.close()
    return expected


def test_a_1000_row_register_with_20_bad_rows(
    store: Store, clock: FixedClock, tmp_path: Path
) -> None:
    path = tmp_path / "旧台账.xlsx"
    expected = _workbook(path)
    sheet = read_sheet(path)
    assert sheet.header_row == 2 and len(sheet.rows) == 1000
    guessed = dict(zip(sheet.headers, sheet.guess, strict=True))
    assert guessed == {
        "序号": None,
        "受理时间": "accepted_on",
        "纠纷类别": "category",
        "案由": "title",
        "申请人姓名": "applicant",
        "申请人身份证号": "applicant_id",
        "联系电话": "applicant_phone",  # after the applicant's columns: theirs
        "被申请人姓名": "respondent",
        "被申请人身份证号": "respondent_id",
        "涉案金额（元）": "amount",
        "调解结果": "result",
        "承办人": "mediator",
        "备注": "remarks",
    }
    mapping = tuple("applicant_phone" if h == "联系电话" else g for h, g in guessed.items())
    assert store.path is not None
    before = hashlib.sha256(store.path.read_bytes()).hexdigest()
    count = store.db.execute("SELECT count(*) FROM cases").fetchone()[0]
    plan = plan_import(store, sheet, mapping)
    # Nothing is written by reading and planning.
    assert store.db.execute("SELECT count(*) FROM cases").fetchone()[0] == count
    assert hashlib.sha256(store.path.read_bytes()).hexdigest() == before
    assert len(plan.refused) == 20 and len(plan.add) == GOOD and plan.duplicates == []
    for refusal in plan.refused:
        assert expected[refusal.row] in refusal.reason, (refusal.row, refusal.reason)
        assert str(refusal).startswith(f"第 {refusal.row} 行：")
    assert {r.row for r in plan.refused} == set(expected)

    ids = apply_import(store, plan)
    assert len(ids) == GOOD
    case = store.cases.get(ids[1])  # row 4: i = 1
    assert (case.accepted_on, case.category_name, case.status.value) == (
        date(2024, 1, 2),
        "婚姻家庭纠纷",
        "调解成功",
    )
    assert case.is_closed and case.amount_fen == 10000
    assert "原台账承办人：王调解" in case.remarks
    labour = store.cases.get(ids[2])
    assert labour.category_name == "其他劳动争议纠纷"  # the first release's name maps on
    parties = store.records.parties(ids[1])
    assert parties[0].id_number == _id(1, date(1961, 2, 2)) and parties[0].phone == "13900000001"
    assert store.cases.list(CaseFilter(text="李1"), limit=5)
    assert store.db.execute("SELECT added, refused FROM register_imports").fetchone() == (GOOD, 20)

    # The same file again: every good row is already there.
    again = plan_import(store, read_sheet(path), mapping)
    assert again.add == [] and len(again.duplicates) == GOOD and len(again.refused) == 20


def test_a_failed_write_leaves_nothing(store: Store, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    path = tmp_path / "台账.xlsx"
    _workbook(path)
    sheet = read_sheet(path)
    mapping = tuple(
        "applicant_phone" if h == "联系电话" else g
        for h, g in zip(sheet.headers, sheet.guess, strict=True)
    )
    plan = plan_import(store, sheet, mapping)
    from desktop.core.store import audit

    calls = {"n": 0}
    real = audit.write

    def failing(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        calls["n"] += 1
        if calls["n"] == 500:
            raise OSError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(audit, "write", failing)
    with pytest.raises(OSError):
        apply_import(store, plan)
    assert store.db.execute("SELECT count(*) FROM cases").fetchone()[0] == 0
    assert store.db.execute("SELECT count(*) FROM register_imports").fetchone()[0] == 0


def test_refusals_of_a_file_that_is_not_a_register(store: Store, tmp_path: Path) -> None:
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(ValidationError, match="不是能读的 Excel 文件"):
        read_sheet(bad)
    empty = tmp_path / "空.xlsx"
    wb = xlsxwriter.Workbook(str(empty))
    wb.add_worksheet().write_string(0, 0, "随便写的")
    wb.close()
    with pytest.raises(ValidationError, match="没有找到表头行"):
        read_sheet(empty)
    path = tmp_path / "台账.xlsx"
    _workbook(path)
    sheet = read_sheet(path)
    no_date = tuple(None if g == "accepted_on" else g for g in sheet.guess)
    with pytest.raises(ValidationError, match="没有哪一列对应“受理日期”"):
        plan_import(store, sheet, no_date)


def test_cli_previews_and_writes_only_when_confirmed(store: Store, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from desktop.cli.main import cli

    path = tmp_path / "台账.xlsx"
    _workbook(path)
    db = str(store.path)
    store.close()
    runner = CliRunner()
    args = ["--db", db, "import-register", str(path), "--map", "联系电话=申请人电话"]
    no = runner.invoke(cli, args, input="n\n")
    assert no.exit_code == 0, no.output
    assert "将导入 980 件" in no.output and "第 10 行：申请人证件号码" in no.output
    assert "已取消，什么也没有写入" in no.output
    yes = runner.invoke(cli, [*args, "--yes"])
    assert yes.exit_code == 0 and "已导入 980 件案件" in yes.output
    again = runner.invoke(cli, [*args, "--yes"])
    assert "将导入 0 件" in again.output and "什么也没有写入" in again.output
