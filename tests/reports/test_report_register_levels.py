"""The 台账's 受理层级 / 当前层级 / 化解层级 columns show the level's name (网格, 村（社区）,
镇（街道）, 县（市）及法院, from resources/workflows), never its bare number (kind: a level
reaching a reader as a number, found by the testers of issue 14), in the .xlsx and the .csv;
and the Excel 台账 import reads them back — the names our 台账 writes and the numbers (or
“第2级”, or a part of the name) older registers hold — instead of ignoring the columns."""

from __future__ import annotations

import csv
import io
import itertools
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
from builders import FixedClock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from desktop.core.demo import generate
from desktop.core.reports.register import (
    register_columns,
    register_csv_bytes,
    register_xlsx_bytes,
)
from desktop.core.reports.register_import import apply_import, plan_import, read_sheet
from desktop.core.store import Store, open_store

_BATCHES = itertools.count(1)
LEVEL_HEADERS = ("受理层级", "当前层级", "化解层级")
_OK = settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A committee file whose cases started, stand and were settled at different levels."""
    path = tmp_path_factory.mktemp("levels") / "v.sqlite"
    with open_store(path, now=FixedClock(datetime(2026, 11, 3, 9, 0))) as v:
        v.settings.save_committee(name="星光村人民调解委员会", level=2, abbr="星调")
        generate(v, 40, seed=3, until=date(2026, 10, 31))
        levels = v.db.execute("SELECT DISTINCT level_start, level_now FROM cases").fetchall()
        assert len(levels) > 2  # the story needs several levels
    return path


def _levels_of(store: Store) -> dict[str, tuple[Any, ...]]:
    return {
        no: (start, now, resolved)
        for no, start, now, resolved in store.db.execute(
            "SELECT case_no, level_start, level_now, level_resolved FROM cases"
        )
    }


def test_the_register_shows_level_names(demo: Path, tmp_path: Path) -> None:
    with open_store(demo, now=FixedClock(datetime(2026, 11, 3, 9, 0))) as v:
        labels = {lv.label for lv in v.catalog.latest().levels}
        numbers = _levels_of(v)
        label_of = v.catalog.latest().level_label
        sheet = load_workbook(io.BytesIO(register_xlsx_bytes(v)), read_only=True).active
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        text = register_csv_bytes(v).decode("utf-8-sig")
    head = rows[0]
    at = [head.index(h) for h in LEVEL_HEADERS]
    case_no = head.index("案号")
    for row in rows[1:]:
        for i, number in zip(at, numbers[row[case_no]], strict=True):
            assert row[i] in labels or (row[i] in (None, "") and number is None), row
            assert row[i] in (label_of(number), None)
    lines = list(csv.reader(io.StringIO(text)))
    for line in lines[1:]:
        for i in at:
            assert line[i] in labels | {""} and not line[i].strip().isdigit()


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_our_register_is_read_back_with_its_levels(demo: Path, tmp_path: Path, kind: str) -> None:
    clock = FixedClock(datetime(2026, 11, 3, 9, 0))
    with open_store(demo, now=clock) as v:
        made = register_xlsx_bytes(v) if kind == "xlsx" else register_csv_bytes(v)
        before = _levels_of(v)
    path = tmp_path / f"台账.{kind}"
    path.write_bytes(made)
    # A township's file takes in the village's old register.
    with open_store(tmp_path / "t.sqlite", now=clock) as t:
        t.settings.save_committee(name="新埭镇人民调解委员会", level=3, abbr="新调")
        sheet = read_sheet(path)
        mapped = dict(zip(sheet.headers, sheet.guess, strict=True))
        assert [mapped[h] for h in LEVEL_HEADERS] == ["level_start", "level_now", "level_resolved"]
        plan = plan_import(t, sheet)
        assert plan.add and not [r for r in plan.refused if "层级" in r.reason]
        apply_import(t, plan)
        after = _levels_of(t)
    assert after and all(after[no] == before[no] for no in after), [
        (no, before[no], after[no]) for no in after if after[no] != before[no]
    ]


_SPELLINGS = {
    1: [1, 1.0, "1", "第1级", "一级", "网格", "网格/微网格化解"],
    2: [2, "2", "第二级", "村（社区）", "村(社区)", "社区", "村", "村（社区）无讼站"],
    3: [3, "３", "第3级", "镇（街道）", "街道", "镇"],
    4: [4, "4级", "县（市）及法院", "法院", "县（市）", "市（县）矛调中心/法院诉前调解"],
}


@st.composite
def level_rows(draw: st.DrawFn) -> tuple[list[Any], tuple[int, int, int | None]]:
    start = draw(st.integers(1, 4))
    now = draw(st.integers(start, 4))
    settled = draw(st.booleans())
    cells = [draw(st.sampled_from(_SPELLINGS[n])) for n in (start, now)]
    cells.append(draw(st.sampled_from(_SPELLINGS[now])) if settled else "")
    return cells + ["调解成功" if settled else "调解不成"], (start, now, now if settled else None)


@given(rows=st.lists(level_rows(), min_size=1, max_size=6))
@_OK
def test_an_old_register_holding_numbers_or_names_is_read(
    store: Store, tmp_path: Path, rows: list[tuple[list[Any], tuple[int, int, int | None]]]
) -> None:
    batch = next(_BATCHES)  # the same people on the same day would be one case already there
    path = tmp_path / f"旧台账{batch}.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["受理日期", "申请人", "被申请人", *LEVEL_HEADERS, "调解结果"])
    for r, (cells, _) in enumerate(rows, start=1):
        ws.write_row(r, 0, [f"2025-03-{r:02d}", f"张{batch}号{r}", "李四", *cells])
    wb.close()
    plan = plan_import(store, read_sheet(path))
    assert not plan.refused, [str(x) for x in plan.refused]
    ids = apply_import(store, plan)
    got = [
        store.db.execute(
            "SELECT level_start, level_now, level_resolved FROM cases WHERE id = ?", [i]
        ).fetchone()
        for i in ids
    ]
    assert [tuple(g) for g in got] == [want for _, want in rows][: len(got)]
    assert len(ids) == len(rows)


@pytest.mark.parametrize(
    ("cells", "said"),
    [
        (
            ["省级", "", ""],
            "受理层级“省级”看不懂：应为网格、村（社区）、镇（街道）、县（市）及法院之一",
        ),
        (["7", "", ""], "受理层级“7”看不懂"),
        (["镇（街道）", "村", ""], "当前层级“村（社区）”低于受理层级“镇（街道）”"),
        (["村", "村", "法院"], "化解层级“县（市）及法院”高于当前层级“村（社区）”"),
    ],
)
def test_a_level_that_cannot_be_read_is_refused_in_one_sentence(
    store: Store, tmp_path: Path, cells: list[str], said: str
) -> None:
    path = tmp_path / "台账.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["受理日期", "申请人", "被申请人", *LEVEL_HEADERS, "调解结果"])
    ws.write_row(1, 0, ["2025-03-01", "张三", "李四", *cells, "调解成功"])
    wb.close()
    plan = plan_import(store, read_sheet(path))
    assert [r.reason for r in plan.refused][0].startswith(said)
    assert plan.refused[0].reason.count("。") == 1


def test_without_level_columns_the_committee_level_is_taken(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "台账.csv"
    path.write_text("受理日期,申请人,被申请人,调解结果\n2025-03-01,张三,李四,调解成功\n", "utf-8")
    ids = apply_import(store, plan_import(store, read_sheet(path)))
    row = store.db.execute(
        "SELECT level_start, level_now, level_resolved FROM cases WHERE id = ?", ids
    ).fetchone()
    assert tuple(row) == (2, 2, 2)
    assert [c.field for c in register_columns() if c.field.startswith("level")] == [
        "level_start",
        "level_now",
        "level_resolved",
    ]
