"""A text 台账 (.csv / .txt) is read in every encoding a Chinese Windows office saves one in
(closing note 4: a UTF-32 file was told “没有找到表头行”). Kind: the text encoding — UTF-8 with
and without its BOM, GBK and GB18030 (Excel's plain “CSV”), UTF-16 little and big endian
(Excel's and WPS's “Unicode 文本”, Notepad's “UTF-16 LE/BE”) and UTF-32 either way, each
with and without its BOM — gives the same sheet and the same import plan; a file in none of
them gets one sentence saying its encoding could not be read and to save it as “CSV UTF-8”.
Through ``read_sheet`` and ``plan_import`` (what the CLI and the dialog use) and the CLI."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.cli import main
from desktop.core.errors import ValidationError
from desktop.core.reports.register_import import plan_import, read_sheet
from desktop.core.store import Store, open_store

_OK = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
HEAD = ["序号", "受理日期", "申请人", "被申请人", "调解结果", "纠纷简要情况"]
NAMES = "张王李赵钱孙周吴郑冯陈建国秀英美琴阿不都·买"
# The encodings with the BOM each writes (None: that one has none).
ENCODINGS = {
    "utf-8": codecs.BOM_UTF8,
    "gbk": None,
    "gb18030": None,
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE,
    "utf-32-be": codecs.BOM_UTF32_BE,
}


@st.composite
def registers(draw: st.DrawFn) -> list[list[str]]:
    return [
        [
            str(i),
            f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
            draw(st.text(alphabet=NAMES, min_size=2, max_size=4)),
            draw(st.text(alphabet=NAMES, min_size=2, max_size=4)),
            draw(st.sampled_from(["调解成功", "调解不成", ""])),
            draw(st.text(alphabet="邻里宅基地漏水，。、“”一二三 1", max_size=12)),
        ]
        for i in range(1, draw(st.integers(1, 10)) + 1)
    ]


def _bytes(rows: list[list[str]], encoding: str, bom: bool, sep: str) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep, lineterminator="\r\n").writerows([HEAD, *rows])
    mark = ENCODINGS[encoding] if bom else None
    return (mark or b"") + buf.getvalue().encode(encoding)


@given(
    rows=registers(),
    encoding=st.sampled_from(sorted(ENCODINGS)),
    bom=st.booleans(),
    sep=st.sampled_from([",", "\t", "，"]),
    suffix=st.sampled_from([".csv", ".txt"]),
)
@_OK
def test_every_office_encoding_is_read_as_utf8(
    store: Store,
    tmp_path: Path,
    rows: list[list[str]],
    encoding: str,
    bom: bool,
    sep: str,
    suffix: str,
) -> None:
    plain = tmp_path / "plain.csv"
    plain.write_bytes(_bytes(rows, "utf-8", False, sep))
    path = tmp_path / f"台账{suffix}"
    path.write_bytes(_bytes(rows, encoding, bom, sep))
    sheet = read_sheet(path)
    assert sheet.headers == tuple(HEAD)
    assert [list(values) for _, values in sheet.rows] == rows
    expected = plan_import(store, read_sheet(plain))
    plan = plan_import(store, sheet)
    assert [(p.row, sorted(p.values.items()), p.parties) for p in plan.add] == [
        (p.row, sorted(p.values.items()), p.parties) for p in expected.add
    ]
    assert [str(r) for r in plan.refused] == [str(r) for r in expected.refused]


@pytest.mark.parametrize("encoding", ["utf-32-le", "utf-32-be", "utf-16-be"])
def test_cli_imports_a_wide_register(tmp_path: Path, encoding: str) -> None:
    db = tmp_path / "x.sqlite"
    assert main(["--db", str(db), "init", "--committee", "星光村人民调解委员会"]) == 0
    path = tmp_path / "旧台账.csv"
    path.write_bytes(
        _bytes([["1", "2025-03-01", "张建国", "李秀英", "调解成功", "漏水"]], encoding, True, ",")
    )
    assert main(["--db", str(db), "import-register", str(path), "--yes"]) == 0
    with open_store(db) as store:
        assert store.db.execute("SELECT count(*) FROM cases").fetchone()[0] == 1


@st.composite
def unreadable(draw: st.DrawFn) -> bytes:
    """Bytes in none of the encodings: a BOM over text that is not in its encoding, a binary
    file (NUL bytes at no character's place), bytes GB18030 has no character for."""
    kind = draw(st.sampled_from(["bom", "binary", "gb"]))
    if kind == "bom":
        bom = draw(st.sampled_from([codecs.BOM_UTF8, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE]))
        return bom + b"\xff\xfe\xfd\xfc\x80\x00\x00\x81"
    if kind == "binary":
        head = draw(st.binary(min_size=1, max_size=40))
        # a NUL both as a UTF-16 and as a UTF-32 character, on an odd length: none decodes
        return b"\xd0\xcf\x11\xe0" + head + b"\x00\x00\x00\x00\x00" + b"\x00" * (len(head) % 2)
    return b"\xc8\xfd,\xff\xff\x80,\x81\n" * draw(st.integers(1, 5))


@given(data=unreadable(), suffix=st.sampled_from([".csv", ".txt"]))
@_OK
def test_an_unreadable_encoding_is_one_sentence_naming_csv_utf8(
    tmp_path: Path, data: bytes, suffix: str
) -> None:
    path = tmp_path / f"台账{suffix}"
    path.write_bytes(data)
    with pytest.raises(ValidationError) as caught:
        read_sheet(path)
    message = caught.value.message
    assert "文字编码" in message and "CSV UTF-8" in message, message
    assert message.count("。") == 1 and message.endswith("。")
