"""A text 台账 (.csv / .txt) is read whatever common separator it was typed with, and a file
that cannot be read gets its own sentence (found by the testers of issue 14). Kinds:

- the separator: a table typed with a Chinese input method has full-width commas （，）,
  full-width semicolons or 顿号 between its columns, Excel's “Unicode 文本” has tabs, a
  European-set Excel semicolons — each was read, or refused as “没有找到表头行” although the
  headings were there; a separator that cannot be read (|, /, spaces) is named;
- nothing to read: an empty file (0 bytes, a BOM, blank lines, separators only) and a header
  with no data rows under it, in a text table or a workbook, each get their own sentence.

Every file goes through ``read_sheet`` and ``plan_import`` (the CLI and the dialog use the
same two); the CLI's own answer is checked for the empty and header-only files."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.cli import main
from desktop.core.errors import ValidationError
from desktop.core.reports.register_import import plan_import, read_sheet
from desktop.core.reports.register_import_csv import SEPARATORS
from desktop.core.store import Store

_OK = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
HEAD = ["序号", "受理日期", "申请人", "被申请人", "调解结果", "纠纷简要情况"]
NAMES = st.sampled_from(["张三", "李四", "王五", "赵六", "阿不都·买买提", "钱七、孙八"])
# (no leading tab: our own .csv marks cells so and the mark is taken off again)
FACTS = st.text(alphabet=st.sampled_from("邻里宅基地，。、；;, 漏水 1"), max_size=14)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"])


def _text(rows: list[list[str]], sep: str) -> str:
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()


@st.composite
def registers(draw: st.DrawFn) -> list[list[str]]:
    n = draw(st.integers(1, 12))
    return [
        [
            str(i),
            date(2025, 1 + i % 12, 1 + i % 28).isoformat(),
            draw(NAMES),
            draw(NAMES),
            draw(st.sampled_from(["调解成功", "调解不成", ""])),
            draw(FACTS),
        ]
        for i in range(1, n + 1)
    ]


@given(rows=registers(), sep=st.sampled_from(SEPARATORS), encoding=ENCODINGS, title=st.booleans())
@_OK
def test_every_common_separator_is_read(
    store: Store, tmp_path: Path, rows: list[list[str]], sep: str, encoding: str, title: bool
) -> None:
    lines = ([["某某村人民调解委员会矛盾纠纷排查调处台账"]] if title else []) + [HEAD, *rows]
    path = tmp_path / "台账.csv"
    path.write_bytes(_text(lines, sep).encode(encoding))
    sheet = read_sheet(path)
    assert sheet.headers == tuple(HEAD)
    assert [list(values) for _, values in sheet.rows] == rows
    plan = plan_import(store, sheet)
    assert len(plan.add) + len(plan.duplicates) + len(plan.refused) == len(rows)


@given(
    rows=registers(),
    between=st.sampled_from(["|", " | ", "/", "  ", " ", "｜", "\u3000"]),
    encoding=ENCODINGS,
)
@_OK
def test_a_separator_that_cannot_be_read_is_named(
    tmp_path: Path, rows: list[list[str]], between: str, encoding: str
) -> None:
    text = "\r\n".join(between.join(r[:5]) for r in [HEAD, *rows]) + "\r\n"
    path = tmp_path / "台账.csv"
    path.write_bytes(text.encode(encoding))
    with pytest.raises(ValidationError) as caught:
        read_sheet(path)
    message = caught.value.message
    assert "“台账.csv”的各列之间用的是" in message and "没有找到表头行" not in message
    named = "空格" if not between.strip() else f"“{between.strip()}”"
    assert named in message and "另存为 .xlsx" in message
    assert message.count("。") == 1 and message.endswith("。")


_BLANK = st.sampled_from(["", "\r\n", "\n\n  \n", " ", ",,,\r\n,,\r\n", "\t\t\n", "，，\n"])


@given(blank=_BLANK, encoding=ENCODINGS, suffix=st.sampled_from([".csv", ".txt", ".tsv"]))
@_OK
def test_an_empty_text_file_is_said_to_be_empty(
    tmp_path: Path, blank: str, encoding: str, suffix: str
) -> None:
    path = tmp_path / f"台账{suffix}"
    path.write_bytes(blank.encode(encoding))
    with pytest.raises(ValidationError, match=f"^“台账{suffix}”是空的，里面没有任何内容："):
        read_sheet(path)


@given(
    sep=st.sampled_from(SEPARATORS),
    encoding=ENCODINGS,
    title=st.booleans(),
    after=st.sampled_from(["", "\r\n", "\r\n\r\n", "\r\n合计,,,\r\n"]),
)
@_OK
def test_a_header_with_no_rows_is_said_to_have_no_rows(
    tmp_path: Path, sep: str, encoding: str, title: bool, after: str
) -> None:
    lines = ([["台账"]] if title else []) + [HEAD]
    path = tmp_path / "台账.csv"
    path.write_bytes((_text(lines, sep) + after.replace(",", sep)).encode(encoding))
    with pytest.raises(ValidationError, match="^“台账.csv”只有表头，没有数据行："):
        read_sheet(path)


def _book(path: Path, sheets: dict[str, list[list[str]]]) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name)
        for r, row in enumerate(rows):
            ws.write_row(r, 0, row)
    wb.close()
    return path


def test_an_empty_or_header_only_workbook_gets_its_own_sentence(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="^“空.xlsx”是空的，里面没有任何内容："):
        read_sheet(_book(tmp_path / "空.xlsx", {"Sheet1": []}))
    with pytest.raises(ValidationError, match="^“表头.xlsx”只有表头，没有数据行："):
        read_sheet(_book(tmp_path / "表头.xlsx", {"Sheet1": [HEAD]}))
    # A workbook of one 台账 sheet a year: the empty year's sheet names the others.
    book = _book(
        tmp_path / "年.xlsx", {"2026": [HEAD], "2025": [HEAD, ["1", "2025-03-01", "张三"]]}
    )
    with pytest.raises(
        ValidationError, match="“年.xlsx”的“2026”表只有表头.*请选另一张表（“2025”）"
    ):
        read_sheet(book)
    assert len(read_sheet(book, "2025").rows) == 1


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"", "是空的，里面没有任何内容"),
        ("受理日期，申请人，被申请人\r\n".encode(), "只有表头，没有数据行"),
        ("受理日期|申请人|被申请人\r\n2025-01-02|张三|李四\r\n".encode(), "各列之间用的是“|”"),
    ],
)
def test_the_command_says_it_in_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, said: str
) -> None:
    path = tmp_path / "台账.csv"
    path.write_bytes(content)
    code = main(["--db", str(tmp_path / "x.sqlite"), "init", "--committee", "测试村调委会"])
    assert code == 0
    capsys.readouterr()
    code = main(["--db", str(tmp_path / "x.sqlite"), "import-register", str(path), "--yes"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("错误：“台账.csv”") and said in err and len(err.strip().splitlines()) == 1


def test_a_full_width_comma_register_is_imported_by_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "台账.csv"
    path.write_text("受理日期，申请人，被申请人\n2025-01-02，张三，李四\n", encoding="utf-8")
    db = str(tmp_path / "x.sqlite")
    assert main(["--db", db, "init", "--committee", "测试村调委会"]) == 0
    assert main(["--db", db, "import-register", str(path), "--yes"]) == 0
    assert "已导入 1 件案件" in capsys.readouterr().out
