"""An old 台账 kept as a text table (.csv, .txt) is read like an Excel one: the rows of cells,
as text, handed to the same header search, column guess, preview and refusals
(``register_import_sheet.read_sheet``).

Encodings are those such files come in: UTF-8 with or without a BOM (our own 台账 .csv, WPS,
Excel's “CSV UTF-8”), GBK / GB18030 (what Excel on Chinese Windows writes for plain “CSV”),
UTF-16 (Excel's “Unicode 文本”, tab-separated; Notepad's “UTF-16 LE/BE”) and UTF-32, with or
without their BOM. The separator is whichever of
the common ones — comma, full-width comma （，）, tab, semicolon (either width) or 顿号 （、）,
as a table typed with a Chinese input method has them — the first lines use consistently and
that gives a header row. Our own 台账 .csv marks cells a
spreadsheet must not turn into numbers with a leading tab and formula-like text with a
leading ``'`` (``cellsafe.csv_text``): both marks are taken off again."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from itertools import islice
from typing import Any

from desktop.core.errors import ValidationError
from desktop.core.reports.cellsafe import formula_like

TEXT_SUFFIXES = frozenset((".csv", ".txt", ".tsv"))
#: In order of preference when two are used equally regularly: a 顿号 or full-width comma is
#: more often inside a cell (张三、李四) than between cells.
SEPARATORS = ",\t;，；、"
#: How each is named in a sentence to the user.
SEPARATOR_NAMES = {
    ",": "逗号",
    "\t": "制表符",
    ";": "分号",
    "，": "中文逗号",
    "；": "中文分号",
    "、": "顿号",
}
_SAMPLE_RECORDS = 30


_BOMS = (
    # UTF-32 first: its little-endian BOM begins with UTF-16's.
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def decode_table(data: bytes, name: str) -> str:
    """The file's text, in whichever encoding a Chinese Windows office saves a text table:
    UTF-8 with or without its BOM, GBK / GB18030, UTF-16 (little or big endian: Excel's and
    WPS's “Unicode 文本”, Notepad's “UTF-16 LE/BE”) and UTF-32, each with or without its BOM.
    Raises ValidationError (one Chinese sentence: save it as “CSV UTF-8”) when it is in none
    of them."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom) :], encoding)
            if text is not None:
                return text
            break
    else:
        # Text in UTF-8 or GBK never holds a NUL byte; UTF-16 and UTF-32 without a BOM do (in
        # every ASCII character: digits, separators, line ends).
        if b"\x00" in data:
            text = _wide_without_bom(data)
            if text is not None:
                return text
        else:
            for encoding in ("utf-8", "gb18030"):
                text = _strict(data, encoding)
                if text is not None:
                    return text
    raise ValidationError(
        f"“{name}”的文字编码看不懂：请用 Excel 或 WPS 打开它，另存为“CSV UTF-8”格式后再导入。"
    )


def _strict(data: bytes, encoding: str) -> str | None:
    """``data`` decoded, or None when it is not in ``encoding`` or holds a NUL, which no
    table has (UTF-32 read as UTF-16, or a binary file such as a .doc renamed .csv)."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return None if "\x00" in text else text


def _wide_without_bom(data: bytes) -> str | None:
    """UTF-32 or UTF-16 text saved without a BOM: the byte order whose zero bytes fall where
    an ASCII character's high bytes are (a line end or separator is in every table), checked
    by decoding it."""
    quads = [data[i::4].count(0) for i in range(4)]
    pairs = [data[i::2].count(0) for i in range(2)]
    candidates = []
    if len(data) % 4 == 0:
        # UTF-32: the two high bytes of every character are zero.
        candidates.append("utf-32-le" if quads[3] >= quads[0] else "utf-32-be")
    if len(data) % 2 == 0:
        candidates.append("utf-16-le" if pairs[1] >= pairs[0] else "utf-16-be")
    for encoding in candidates:
        text = _strict(data, encoding)
        if text is not None:
            return text
    return None


HeaderCheck = Callable[[Sequence[tuple[Any, ...]]], bool]


def read_text_rows(
    data: bytes, name: str, has_header: HeaderCheck | None = None
) -> tuple[list[tuple[Any, ...]], str]:
    """(The table's rows, each a tuple of cell texts (empty cells ""), in file order; the
    separator they were split at): the separator used most regularly among those that make
    ``has_header`` true of the first records (given the first records' rows; when none does,
    the most regular one). A cell
    may be as long as the file (csv's own limit, 131,072 characters, is lifted while reading).
    Raises ValidationError (one Chinese sentence naming the line) for a cell's opening double
    quote that is closed on a later line by text that is not a cell's end, or never (made by
    hand in Notepad): read on, the lines between would become one cell and their cases would
    silently go missing. A quote within one line (王"小"明, "王"小明) is read as Excel reads it;
    a quoted cell holding line breaks (Alt+Enter in Excel) is one cell, as it should be."""
    text = decode_table(data, name)
    limit = csv.field_size_limit()
    try:
        csv.field_size_limit(max(limit, len(text) + 1))
        separator = _separator(text, has_header)
        _check_quotes(text, separator, name)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
        return [tuple(_unmark(cell) for cell in row) for row in reader], separator
    finally:
        csv.field_size_limit(limit)


def row_shape_fault(values: Sequence[Any], width: int, cells: int, separator: str) -> str | None:
    """Why a row of a text table cannot be read as its cells say (None when it can): its cells
    sit under the wrong headings. Two ways, both of a table typed by hand (no quotes around a
    cell, as Excel would write): a cell holding the separator itself (纠纷简要情况
    “树枝伸到院内，双方争执” in a table split at full-width commas) is two cells, every cell
    after it one column to the right — the last one dropped, or, when the last columns are
    empty, one cell more than the header; a row split by another separator than the header
    (tabs under a comma header) lands whole in its first cells. ``width``: the columns up to
    the last heading; ``cells``: the cells of the header row (a writer that ends each line
    with a separator ends the header so too). Either way the row
    is refused, never read shifted (its 纠纷简要情况 would silently lose its second half to
    the 备注)."""
    texts = ["" if v is None else str(v) for v in values]
    name = SEPARATOR_NAMES.get(separator, separator)
    if len(texts) < width:
        line = separator.join(texts)
        for other in SEPARATORS:
            if other == separator:
                continue
            split = next(csv.reader([line], delimiter=other), [])
            if len(split) > len(texts) + 1 and len(split) >= width - 1:
                return (
                    f"这一行的各格是用{SEPARATOR_NAMES[other]}隔开的，表头用的却是{name}，"
                    f"各格对不上表头：请在原台账中把这一行改成用{name}隔开，或用 Excel 或 WPS "
                    "另存为 .xlsx 后再导入。"
                )
    extra = [t.strip() for t in texts[width:] if t.strip()]
    if not extra and len(texts) <= max(width, cells):
        return None
    shown = ""
    if extra:
        shown = extra[-1] if len(extra[-1]) <= 20 else extra[-1][:20] + "…"
        shown = f"（多出的有“{shown}”）"
    mark = "" if separator == "\t" else f"“{separator}”"
    return (
        f"这一行的格数比表头多{shown}：多半是某一格里写了{name}{mark}，把这一格分成了两格，"
        f"后面的各格都错了位；请在原台账中把这一行格里的{name}改成别的标点，或用 Excel 或 WPS "
        "另存为 .xlsx 后再导入。"
    )


def _check_quotes(text: str, separator: str, name: str) -> None:
    """Read strictly: a record that breaks the quoting rules after running over several lines,
    or runs to the end of the file inside a quote, is refused naming the line it starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    start = 1  # the line the record being read starts on
    while True:
        try:
            for _ in reader:
                start = reader.line_num + 1
            return
        except csv.Error as exc:
            if reader.line_num > start or "end of data" in str(exc):
                raise ValidationError(
                    f'“{name}”第 {start} 行有一个双引号（"）没有配对，从这一行起的几行会连成'
                    "一格：请用 Excel 或 WPS 打开它检查这一行，另存为 .xlsx 后再导入。"
                ) from None
            start = reader.line_num + 1  # a quote within one line: read as Excel does


def _separator(text: str, has_header: HeaderCheck | None = None) -> str:
    """The separator most of the first lines hold the same number of times (at least once):
    a comma inside a 纠纷简要情况 is counted, but it is not on every line as often. Counted
    both over lines and over records (a cell holding line breaks, Alt+Enter in Excel, is one
    record of several lines; a stray quote makes one record of many lines): the better
    count of the two decides. Of those, the first whose split gives a header row
    (``has_header``) is taken: a register whose 当事人 cells all hold 张三、李四 is split at its
    commas, not at its 顿号."""
    lines = text.splitlines()[:_SAMPLE_RECORDS]
    scored = []
    for order, sep in enumerate(SEPARATORS):
        records = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
        by_record = [len(r) - 1 for r in islice(records, _SAMPLE_RECORDS) if "".join(r).strip()]
        by_line = [line.count(sep) for line in lines if line.strip()]
        scored.append((max(_regularity(by_record), _regularity(by_line)), -order, sep))
    ranked = [sep for score, _, sep in sorted(scored, reverse=True) if score >= 0]
    if has_header is not None:
        for sep in ranked:
            records = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
            if has_header([tuple(r) for r in islice(records, _SAMPLE_RECORDS)]):
                return sep
    return ranked[0] if ranked else ","


def _regularity(counts: list[int]) -> int:
    """How regularly a separator occurs: the number of lines holding it the most common
    number of times (x1000) plus that number; 0 when it does not occur."""
    if not counts or max(counts) == 0:
        return -1
    common = max(set(counts), key=lambda c: (counts.count(c), c))
    return counts.count(common) * 1000 + common if common else 0


def _unmark(cell: str) -> str:
    """A cell without the marks our own .csv puts on for spreadsheets."""
    if cell.startswith("\t"):
        return cell[1:]
    if cell.startswith("'") and formula_like(cell[1:]):
        return cell[1:]
    return cell
