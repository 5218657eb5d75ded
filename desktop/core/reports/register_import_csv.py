"""An old 台账 kept as a text table (.csv, .txt) is read like an Excel one: the rows of cells,
as text, handed to the same header search, column guess, preview and refusals
(``register_import_sheet.read_sheet``).

Encodings are those such files come in: UTF-8 with or without a BOM (our own 台账 .csv, WPS,
Excel's “CSV UTF-8”), GBK / GB18030 (what Excel on Chinese Windows writes for plain “CSV”),
and UTF-16 with its BOM (Excel's “Unicode 文本”, tab-separated). The separator is a comma, tab
or semicolon, whichever the first lines use consistently. Our own 台账 .csv marks cells a
spreadsheet must not turn into numbers with a leading tab and formula-like text with a
leading ``'`` (``cellsafe.csv_text``): both marks are taken off again."""

from __future__ import annotations

import csv
import io
from typing import Any

from desktop.core.errors import ValidationError
from desktop.core.reports.cellsafe import formula_like

TEXT_SUFFIXES = frozenset((".csv", ".txt", ".tsv"))
_SEPARATORS = ",\t;"
_SAMPLE_LINES = 30


def decode_table(data: bytes, name: str) -> str:
    """The file's text. Raises ValidationError (one Chinese sentence) when it is in none of
    the encodings above."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    else:
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
    raise ValidationError(
        f"“{name}”的文字编码看不懂：请用 Excel 或 WPS 打开它，另存为 .xlsx（或“CSV UTF-8”）"
        "后再导入。"
    )


def read_text_rows(data: bytes, name: str) -> list[tuple[Any, ...]]:
    """The table's rows, each a tuple of cell texts (empty cells ""), in file order."""
    text = decode_table(data, name)
    sample = text.splitlines()[:_SAMPLE_LINES]
    separator = _separator(sample)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    return [tuple(_unmark(cell) for cell in row) for row in reader]


def _separator(lines: list[str]) -> str:
    """The separator most lines hold the same number of times (at least once): a comma
    inside a 纠纷简要情况 is counted, but it is not on every line as often."""
    best, best_score = ",", -1
    for sep in _SEPARATORS:
        counts = [line.count(sep) for line in lines if line.strip()]
        if not counts or max(counts) == 0:
            continue
        common = max(set(counts), key=counts.count)
        score = counts.count(common) * 1000 + common if common else 0
        if score > best_score:
            best, best_score = sep, score
    return best


def _unmark(cell: str) -> str:
    """A cell without the marks our own .csv puts on for spreadsheets."""
    if cell.startswith("\t"):
        return cell[1:]
    if cell.startswith("'") and formula_like(cell[1:]):
        return cell[1:]
    return cell
