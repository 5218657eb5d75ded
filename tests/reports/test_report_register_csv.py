"""An old 台账 kept as CSV (or tab-separated text) is imported as the same register saved as
.xlsx (reports/register_import_csv.py): for any register — good and bad rows, cells holding
commas, quotes and line breaks, empty cells — written in any encoding such files come in
(UTF-8 with and without BOM, GBK and GB18030 as Excel on Chinese Windows saves “CSV”, UTF-16
as its “Unicode 文本”) with any separator (comma, tab, semicolon) and CRLF or LF lines, the
column guess, the rows planned, the duplicates and each refusal with its row number equal
those of the .xlsx. Also through ``wusong import-register 台账.csv`` and the window dialog;
our own 台账 .csv (marks for spreadsheets included) imports back."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.reports.register_import import plan_import, read_sheet
from desktop.core.store import Store
from desktop.core.validation.idcard import id_check_digit

HEADS = ["受理日期", "纠纷类型", "申请人", "申请人身份证号", "被申请人", "调解结果", "备注"]
NAMES = "张王李赵钱孙周吴郑冯陈卫蒋沈韩杨朱秦许何吕施孔曹严华金魏陶姜建国秀英美琴"
SUPPRESS = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


def _id(i: int, good: bool = True) -> str:
    first17 = f"3304821980{1 + i % 12:02d}{1 + i % 28:02d}{i % 1000:03d}"
    digit = id_check_digit(first17)
    return first17 + (digit if good else ("0" if digit != "0" else "1"))


@st.composite
def registers(draw: st.DrawFn) -> list[list[str]]:
    rows = []
    for i in range(draw(st.integers(1, 8))):
        bad = draw(st.sampled_from(["", "", "", "id", "date"]))
        day = "2025-13-01" if bad == "date" else f"2025-{1 + i % 12:02d}-{1 + i % 27:02d}"
        name = draw(st.text(alphabet=NAMES, min_size=2, max_size=3))
        remark = draw(
            st.sampled_from(
                ["", "双方和好", "赔偿1,000元，分两次付清", '称"已还清"', "第一行\n第二行"]
            )
        )
        rows.append(
            [
                day,
                draw(st.sampled_from(["邻里纠纷", "婚姻家庭纠纷", "合同纠纷"])),
                name,
                _id(i, good=bad != "id"),
                draw(st.text(alphabet=NAMES, min_size=2, max_size=3)),
                draw(st.sampled_from(["调解成功", "调解不成"])),
                remark,
            ]
        )
    return rows


def _xlsx(path: Path, rows: list[list[str]]) -> None:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    for r, row in enumerate([HEADS, *rows]):
        for c, text in enumerate(row):
            if text:
                ws.write_string(r, c, text)
    wb.close()


def _csv(rows: list[list[str]], encoding: str, sep: str, newline: str) -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=sep, lineterminator=newline).writerows([HEADS, *rows])
    return out.getvalue().encode(encoding)


def _plan_facts(store: Store, path: Path) -> tuple[object, ...]:
    sheet = read_sheet(path)
    plan = plan_import(store, sheet)
    return (
        sheet.headers,
        sheet.guess,
        [(p.row, sorted(p.values.items()), p.parties) for p in plan.add],
        plan.duplicates,
        [str(r) for r in plan.refused],
    )


@given(
    rows=registers(),
    encoding=st.sampled_from(["utf-8-sig", "utf-8", "gbk", "gb18030", "utf-16"]),
    sep=st.sampled_from([",", "\t", ";"]),
    newline=st.sampled_from(["\r\n", "\n"]),
    suffix=st.sampled_from([".csv", ".txt", ".CSV"]),
)
@settings(max_examples=30, deadline=None, suppress_health_check=SUPPRESS)
def test_a_csv_register_is_read_as_the_same_xlsx(
    store: Store,
    tmp_path: Path,
    rows: list[list[str]],
    encoding: str,
    sep: str,
    newline: str,
    suffix: str,
) -> None:
    xlsx = tmp_path / "台账.xlsx"
    _xlsx(xlsx, rows)
    text = tmp_path / f"台账{suffix}"
    text.write_bytes(_csv(rows, encoding, sep, newline))
    assert _plan_facts(store, text) == _plan_facts(store, xlsx)


def test_an_unreadable_encoding_is_refused_in_one_sentence(tmp_path: Path) -> None:
    from desktop.core.errors import ValidationError

    path = tmp_path / "台账.csv"
    path.write_bytes(b"\xff\xff\x80\x80,\x81\n" * 5)
    with pytest.raises(ValidationError, match="文字编码看不懂") as caught:
        read_sheet(path)
    assert caught.value.message.count("。") == 1


def test_cli_imports_a_gbk_csv(tmp_path: Path) -> None:
    from desktop.cli import main

    db = tmp_path / "x.sqlite"
    assert main(["--db", str(db), "init", "--committee", "星光村人民调解委员会"]) == 0
    rows = [["2025-03-01", "邻里纠纷", "张建国", _id(1), "李秀英", "调解成功", ""]]
    path = tmp_path / "旧台账.csv"
    path.write_bytes(_csv(rows, "gbk", ",", "\r\n"))
    assert main(["--db", str(db), "import-register", str(path), "--yes"]) == 0
    from desktop.core.store import open_store

    with open_store(db) as store:
        assert store.db.execute("SELECT count(*) FROM cases").fetchone()[0] == 1


def test_our_own_csv_register_imports_back(store: Store, tmp_path: Path) -> None:
    from builders import applicant, intake, respondent

    from desktop.core.reports.register import register_csv_bytes

    store.cases.create(
        intake(accepted_on="2026-03-02", facts='=HYPERLINK("x")'), [applicant(), respondent()]
    )
    path = tmp_path / "台账.csv"
    path.write_bytes(register_csv_bytes(store))
    sheet = read_sheet(path)
    row = dict(zip(sheet.headers, sheet.rows[0][1], strict=False))
    assert row["申请人证件号码"] == applicant()["id_number"]  # the tab mark taken off
    assert row["纠纷简要情况"] == '=HYPERLINK("x")'  # the quote mark taken off
    plan = plan_import(store, sheet)
    # read whole: the only objection is the one to any case still being handled
    assert [r.row for r in plan.refused] == [sheet.rows[0][0]] and not plan.add
    assert "在办" in plan.refused[0].reason
