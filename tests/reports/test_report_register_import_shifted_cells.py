"""A text 台账 typed by hand has no quotes around its cells: a cell holding the separator
itself (纠纷简要情况 “树枝伸到院内，双方争执” in a table split at full-width commas) is two
cells, and a row split by another separator than its header lands whole in its first cells
(found by tester t14). Kind: cells shifted under the wrong headings — the old code read such a
row as it fell: its 纠纷简要情况 silently lost its second half to the 备注, the 备注 was
dropped, or every row was “没有受理日期”. Now the row is refused in one sentence naming the
separator, and every row that is imported holds exactly what was typed under each heading.
Through ``read_sheet`` and ``plan_import`` (the CLI and the dialog use the same two)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.cli import main
from desktop.core.reports.register_import import plan_import, read_sheet
from desktop.core.reports.register_import_csv import SEPARATOR_NAMES, SEPARATORS
from desktop.core.store import Store

_OK = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
HEAD = ["受理日期", "申请人", "被申请人", "调解结果", "纠纷简要情况", "备注"]
NAMES = ["张三", "李四", "王五", "赵六", "阿不都·买买提"]
WORDS = ["邻里", "宅基地", "漏水", "树枝伸到院内", "双方争执", "已回访", "赔偿", "1"]


@st.composite
def typed_rows(draw: st.DrawFn, sep: str) -> list[tuple[list[str], str]]:
    """Rows as typed: (its cells, the separator it is joined by — sometimes another one)."""
    others = [s for s in SEPARATORS if s != sep]
    rows = []
    for i in range(draw(st.integers(2, 10))):
        pieces = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3))
        inner = draw(st.sampled_from(["，", "、", "；", ",", ";", "。"]))
        facts = inner.join(pieces)
        cells = [
            date(2025, 1 + i % 12, 1 + i).isoformat(),
            draw(st.sampled_from(NAMES)),
            draw(st.sampled_from(NAMES)),
            "调解成功",
            facts,
            draw(st.sampled_from(["", "", "已回访", "双方满意"])),
        ]
        # The first two rows keep the header's separator: a register is mostly typed alike.
        joined_by = draw(st.sampled_from([sep, sep, *others])) if i >= 2 else sep
        rows.append((cells, joined_by))
    return rows


@given(data=st.data(), sep=st.sampled_from(SEPARATORS), trailing=st.booleans())
@_OK
def test_a_row_is_read_as_typed_or_refused_never_shifted(
    store: Store, tmp_path: Path, data: st.DataObject, sep: str, trailing: bool
) -> None:
    rows = data.draw(typed_rows(sep))
    end = sep if trailing else ""  # some writers end every line with a separator
    lines = [sep.join(HEAD) + end] + [by.join(cells) + end for cells, by in rows]
    path = tmp_path / "台账.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    plan = plan_import(store, read_sheet(path))
    added = {p.row: p for p in plan.add}
    refused = {r.row: r.reason for r in plan.refused}
    for row_no, (cells, by) in enumerate(rows, start=2):
        clean = by == sep and not any(sep in c for c in cells)
        if row_no in added:
            case = added[row_no].values
            # Whatever was imported is exactly what was typed under its heading.
            assert case["accepted_on"] == cells[0] and case["facts"] == cells[4]
            assert case["remarks"] == cells[5]
            assert [p["name"] for p in added[row_no].parties] == cells[1:3]
        elif row_no in refused:
            assert not clean, refused[row_no]
            reason = refused[row_no]
            assert reason.count("。") == 1 and reason.endswith("。")
            assert SEPARATOR_NAMES[sep] in reason and "另存为 .xlsx" in reason
            if by != sep:
                assert f"用{SEPARATOR_NAMES[by]}隔开" in reason
        else:
            assert row_no in plan.duplicates
        if not clean:
            assert row_no not in added


def test_a_full_width_comma_in_the_facts_no_longer_moves_them_into_the_remarks(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "台账.csv"
    path.write_text(
        "受理日期，申请人，被申请人，纠纷简要情况，备注\n"
        "2025-03-02，张三，李四，树枝伸到院内，双方争执，\n"
        "2025-03-04，王五，赵六，漏水，已回访\n",
        encoding="utf-8",
    )
    plan = plan_import(store, read_sheet(path))
    assert [p.values["facts"] for p in plan.add] == ["漏水"]
    assert [r.row for r in plan.refused] == [2]
    assert "这一行的格数比表头多" in plan.refused[0].reason
    assert "中文逗号“，”" in plan.refused[0].reason


def test_an_imported_case_is_shown_without_empty_brackets_and_a_long_name_is_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found with the same files (tester t14): ``case show`` of an imported case printed
    “协议日期：2025年3月2日（）” — the 协议形式 an old 台账 has not; and a file name too long
    for the system was “读不到文件…请检查文件是否还在”, where the other commands say
    “文件名太长”."""
    db = str(tmp_path / "x.sqlite")
    assert main(["--db", db, "init", "--committee", "测试村调委会", "--abbr", "测调"]) == 0
    path = tmp_path / "台账.csv"
    path.write_text("受理日期，申请人，被申请人，调解结果\n2025-03-02，张三，李四，调解成功\n")
    assert main(["--db", db, "import-register", str(path), "--yes"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "case", "show", "（2025）测调调字第1号"]) == 0
    out = capsys.readouterr().out
    assert "协议日期：2025年3月2日\n" in out and "（）" not in out
    long = tmp_path / ("台" * 100 + ".csv")
    assert main(["--db", db, "import-register", str(long), "--yes"]) == 1
    err = capsys.readouterr().err
    assert "文件名太长" in err and len(err.strip().splitlines()) == 1
