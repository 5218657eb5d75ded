"""Old Excel 台账s as committees really keep them (issue 14, point 6; found by the tester of
issue 14). Kinds: ID numbers Excel holds as numbers (their last digits lost); dates typed as
Excel date serials in a number cell, with a time after them, without a year, in the future or
before 2000; a heading of two rows (申请人 merged over 姓名 / 身份证号 / 电话); a file that is
missing or a folder; dotted names in the title made from them. Every file goes through
``read_sheet`` and ``plan_import`` (the CLI and the dialog use the same two)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.errors import ValidationError
from desktop.core.reports.register_import import apply_import, plan_import, read_sheet
from desktop.core.store import Store
from desktop.core.validation.idcard import id_check_digit
from desktop.core.validation.names import DOT_VARIANTS

_OK = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
TODAY = date(2026, 3, 2)  # the store fixture's clock
HEAD = ["受理日期", "申请人", "申请人身份证号", "被申请人", "调解结果"]
_EPOCH = date(1899, 12, 30)


def _id(born: date, serial: int) -> str:
    first17 = f"330482{born:%Y%m%d}{serial:03d}"
    return first17 + id_check_digit(first17)


def _book(path: Path, rows: Sequence[Sequence[Any]], head: list[str] = HEAD) -> Path:
    """A register as Excel writes it: numbers as number cells, text as text cells."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.write_row(0, 0, head)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if isinstance(value, int | float):
                ws.write_number(r, c, value)
            elif value is not None:
                ws.write_string(r, c, str(value))
    wb.close()
    return path


def _one_row(store: Store, path: Path) -> tuple[list[Any], list[str]]:
    plan = plan_import(store, read_sheet(path))
    return plan.add, [str(r) for r in plan.refused]


ids = st.builds(_id, st.dates(date(1940, 1, 1), date(2005, 12, 31)), st.integers(0, 999))
past_days = st.dates(date(2000, 1, 1), TODAY)


@given(number=ids.filter(lambda n: n[-1] != "X"))  # an X-ending number cannot be a number
@_OK
def test_an_id_number_excel_holds_as_a_number_is_refused_for_its_lost_digits(
    store: Store, tmp_path: Path, number: str
) -> None:
    path = _book(tmp_path / "台账.xlsx", [["2025-03-02", "张三", float(number), "李四", "成功"]])
    add, refused = _one_row(store, path)
    assert add == [] and len(refused) == 1
    assert "存成了数字" in refused[0] and "后几位已经丢失" in refused[0], refused
    assert "校验码" not in refused[0]
    # The same number as text (the column formatted as 文本) is read.
    text = _book(tmp_path / "文本.xlsx", [["2025-03-02", "张三", number, "李四", "成功"]])
    add, refused = _one_row(store, text)
    assert refused == [] and add[0].parties[0]["id_number"] == number


@given(day=past_days, hour=st.integers(0, 23), minute=st.integers(0, 59))
@_OK
def test_dates_as_excel_serials_and_with_a_time_are_read(
    store: Store, tmp_path: Path, day: date, hour: int, minute: int
) -> None:
    serial = (day - _EPOCH).days
    rows: list[list[Any]] = [
        [serial, "张一", None, "李一", "成功"],
        [serial + (hour * 60 + minute) / 1440, "张二", None, "李二", "成功"],
        [f"{day.year}/{day.month}/{day.day} {hour}:{minute:02d}", "张三", None, "李三", "成功"],
        [f"{day.isoformat()} {hour:02d}:{minute:02d}:00", "张四", None, "李四", "成功"],
    ]
    add, refused = _one_row(store, _book(tmp_path / "台账.xlsx", rows))
    assert refused == []
    assert [p.values["accepted_on"] for p in add] == [day.isoformat()] * 4


@given(
    day=st.one_of(
        st.dates(TODAY + timedelta(days=1), date(2100, 12, 31)),
        st.dates(date(1900, 1, 1), date(1999, 12, 31)),
    )
)
@_OK
def test_a_date_after_today_or_before_2000_is_refused_as_a_mistyped_year(
    store: Store, tmp_path: Path, day: date
) -> None:
    rows = [
        [day.isoformat(), "张三", None, "李四", "成功"],
        [f"{day.month}月{day.day}日", "王五", None, "赵六", "成功"],
    ]
    add, refused = _one_row(store, _book(tmp_path / "台账.xlsx", rows))
    assert add == [] and len(refused) == 2
    assert "请核对年份" in refused[0] and day.isoformat() in refused[0]
    assert "没有写年份" in refused[1]


def test_a_heading_of_two_rows_maps_the_columns_under_each_party(
    store: Store, tmp_path: Path
) -> None:
    a, b = _id(date(1990, 1, 1), 123), _id(date(1985, 5, 20), 342)
    path = tmp_path / "台账.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.merge_range(0, 0, 0, 6, "星光村人民调解委员会台账")
    ws.merge_range(1, 0, 2, 0, "受理日期")
    ws.merge_range(1, 1, 1, 3, "申请人")
    ws.merge_range(1, 4, 1, 6, "被申请人")
    ws.write_row(2, 1, ["姓名", "身份证号", "电话", "姓名", "身份证号码", "联系电话"])
    ws.write_row(3, 0, ["2025-03-02", "张三", a, "13900001111", "李四", b, "13900002222"])
    wb.close()
    sheet = read_sheet(path)
    assert sheet.guess == (
        "accepted_on",
        "applicant",
        "applicant_id",
        "applicant_phone",
        "respondent",
        "respondent_id",
        "respondent_phone",
    )
    plan = plan_import(store, sheet)
    assert plan.refused == [] and len(plan.add) == 1  # the second heading row is no data row
    parties = plan.add[0].parties
    assert [(p["name"], p["id_number"], p["phone"]) for p in parties] == [
        ("张三", a, "13900001111"),
        ("李四", b, "13900002222"),
    ]


def test_a_missing_file_or_a_folder_is_refused_in_chinese(tmp_path: Path) -> None:
    for path in (tmp_path / "没有.xlsx", tmp_path):
        with pytest.raises(ValidationError) as err:
            read_sheet(path)
        assert err.value.message.startswith("读不到文件")
        reason = err.value.message.replace(path.name, "").replace(".xlsx", "")
        assert not any("a" <= ch.lower() <= "z" for ch in reason), reason


def test_the_title_made_from_a_dotted_name_has_the_one_dot(store: Store, tmp_path: Path) -> None:
    # Every look-alike (a finite set, so all of them), each on its own day (not a duplicate).
    rows = [
        [
            (date(2025, 1, 1) + timedelta(days=i)).isoformat(),
            f"阿不都热合曼{dot}买买提",
            None,
            "李四",
        ]
        for i, dot in enumerate(DOT_VARIANTS)
    ]
    plan = plan_import(store, read_sheet(_book(tmp_path / "台账.xlsx", rows)))
    assert plan.refused == [] and len(plan.add) == len(DOT_VARIANTS)
    assert {p.values["title"] for p in plan.add} == {"阿不都热合曼·买买提与李四纠纷"}
    for case_id in apply_import(store, plan):
        assert store.cases.get(case_id).title == "阿不都热合曼·买买提与李四纠纷"


@given(span=st.integers(2, 5), day=past_days)
@_OK
def test_a_date_merged_over_several_rows_is_the_date_of_each(
    store: Store, tmp_path: Path, span: int, day: date
) -> None:
    # Found by the issue-14 tester: the rows under a merged 受理日期 were refused "没有受理日期".
    path = tmp_path / "台账.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.write_row(0, 0, HEAD)
    ws.merge_range(1, 0, span, 0, day.isoformat())
    for r in range(1, span + 1):
        ws.write_row(r, 1, [f"张{r}", None, f"李{r}", "成功"])
    wb.close()
    plan = plan_import(store, read_sheet(path))
    assert plan.refused == []
    assert [p.values["accepted_on"] for p in plan.add] == [day.isoformat()] * span


def test_the_register_is_found_behind_a_cover_sheet(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "台账.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    wb.add_worksheet("填表说明").write_string(0, 0, "本台账由星光村人民调解委员会填写。")
    ws = wb.add_worksheet("2025年")
    ws.write_row(0, 0, HEAD)
    ws.write_row(1, 0, ["2025-03-02", "张三", None, "李四", "成功"])
    wb.close()
    plan = plan_import(store, read_sheet(path))
    assert plan.refused == [] and [p.values["title"] for p in plan.add] == ["张三与李四纠纷"]


@given(
    people=st.integers(1, 500),
    spelling=st.sampled_from(["{}", "{}人", "{} 人", "{}名", "{}个", "{}人"]),
    full_width=st.booleans(),
    wan=st.decimals(min_value=0, max_value=9999, places=4),
    nothing=st.sampled_from(["无", "/", "—", "-", "暂无"]),
)
@_OK
def test_people_written_with_a_unit_and_amounts_in_wan_are_read(
    store: Store,
    tmp_path: Path,
    people: int,
    spelling: str,
    full_width: bool,
    wan: Any,
    nothing: str,
) -> None:
    # Found by the issue-14 tester: "3人" was "不是整数", "1.5万" "不是数字", and "无" in the
    # 金额 column refused the whole row.
    head = [*HEAD, "涉及人数", "涉及金额"]
    typed = spelling.format(people)
    if full_width:
        typed = typed.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    rows: list[list[Any]] = [
        ["2025-03-02", "张一", None, "李一", "成功", typed, f"{wan}万"],
        ["2025-03-03", "张二", None, "李二", "成功", nothing, f"{wan}万元"],
        ["2025-03-04", "张三", None, "李三", "成功", 2, nothing],
    ]
    plan = plan_import(store, read_sheet(_book(tmp_path / "台账.xlsx", rows, head)))
    assert plan.refused == []
    fen = int(wan * 1_000_000)
    assert [(p.values["people_count"], p.values["amount_fen"]) for p in plan.add] == [
        (people, fen),
        (2, fen),  # 人数 left empty: the parties counted
        (2, None),
    ]


def test_a_row_still_being_mediated_is_refused_for_that_reason(
    store: Store, tmp_path: Path
) -> None:
    rows = [
        ["2025-03-02", f"张{i}", None, f"李{i}", word]
        for i, word in enumerate(["调解中", "在办", "正在调解", "未结"])
    ]
    plan = plan_import(store, read_sheet(_book(tmp_path / "台账.xlsx", rows)))
    assert plan.add == [] and len(plan.refused) == 4
    assert all("还在调解" in str(r) and "看不懂" not in str(r) for r in plan.refused)


@given(word=st.sampled_from(["合计", "总计", "小计", "合 计", "共计"]), lead=st.booleans())
@_OK
def test_a_total_row_is_not_read_as_a_case(
    store: Store, tmp_path: Path, word: str, lead: bool
) -> None:
    # Found by the issue-14 tester: a 合计 line under the register was refused "没有受理日期".
    total = [None, word, None, None, None] if lead else [word, None, None, None, None]
    rows = [["2025-03-02", "张三", None, "李四", "成功"], total]
    plan = plan_import(store, read_sheet(_book(tmp_path / "台账.xlsx", rows)))
    assert plan.refused == [] and len(plan.sheet.rows) == 1
