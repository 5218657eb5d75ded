"""Reading an old Excel 台账 (issue 14, point 6, step 1): the workbook's first sheet, its header
row found below any title and blank rows (merged and two-row headings read as one), each
column's meaning guessed from its heading (``resources/reports/register_import.toml``) for the
user to confirm or change. Nothing is written here; :mod:`register_import` plans and applies."""

from __future__ import annotations

import errno
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from desktop.core.errors import ValidationError
from desktop.core.paths import resource
from desktop.core.reports.register_import_csv import (
    SEPARATOR_NAMES,
    TEXT_SUFFIXES,
    decode_table,
    read_text_rows,
    row_shape_fault,
)
from desktop.core.reports.register_import_sides import give_unnamed_numbers
from desktop.core.resources import load_toml, unique

MAX_ROWS = 100_000
_HEADER_SCAN = 15  # rows looked at for the header row (titles and blank rows come first)
_BRACKETS = re.compile(r"[（(【\[].*?[)）】\]]")
_TOTALS = frozenset({"合计", "总计", "小计", "共计", "总计数"})


@dataclass(frozen=True, slots=True)
class ImportField:
    field: str
    name: str
    headers: tuple[str, ...]
    required: bool = False


@dataclass(frozen=True, slots=True)
class Sheet:
    """The sheet as read: headers, data rows (with their row numbers in Excel) and the
    guessed mapping column index -> field (None: not imported)."""

    path: Path
    sha256: str
    header_row: int
    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[Any, ...]], ...]
    guess: tuple[str | None, ...]
    #: The workbook sheet read ("" for a CSV) and the other sheets that also hold a 台账 (a
    #: register kept one sheet a year): they are not read, the preview says so.
    name: str = ""
    others: tuple[str, ...] = ()
    #: The separator of a text table ("" for a workbook): its rows are checked for cells
    #: shifted under the wrong headings (``register_import_csv.row_shape_fault``).
    separator: str = ""

    def shape_fault(self, values: tuple[Any, ...]) -> str | None:
        """Why a row's cells do not sit under their headings (None: they do, or a workbook)."""
        if not self.separator:
            return None
        width = max((i + 1 for i, h in enumerate(self.headers) if h), default=0)
        return row_shape_fault(values, width, len(self.headers), self.separator)


@lru_cache(maxsize=2)
def import_fields(path: Path | None = None) -> tuple[ImportField, ...]:
    """How old Excel 台账 headings map to case items (resources/reports/register_import.toml).
    Raises ResourceError naming the file and key."""
    entries = load_toml(path or resource("reports", "register_import.toml")).tables("fields")
    unique(entries, "field")
    return tuple(
        ImportField(f.text("field"), f.text("name"), f.texts("headers"), f.flag("required", False))
        for f in entries
    )


def _norm_header(text: Any) -> str:
    return _BRACKETS.sub("", "".join(str(text or "").split()))


def guess_mapping(headers: tuple[str, ...]) -> tuple[str | None, ...]:
    """Each column's field: an exact heading first, else the longest known heading the column's
    heading contains; each field is given to one column only (the first)."""
    fields = import_fields()
    out: list[str | None] = [None] * len(headers)
    taken: set[str] = set()
    norm = [_norm_header(h) for h in headers]
    for exact in (True, False):
        for i, h in enumerate(norm):
            if out[i] is not None or not h:
                continue
            best: tuple[int, str] | None = None
            for f in fields:
                if f.field in taken:
                    continue
                for alias in f.headers:
                    hit = h == alias if exact else alias in h
                    if hit and (best is None or len(alias) > best[0]):
                        best = (len(alias), f.field)
            if best:
                out[i] = best[1]
                taken.add(best[1])
    give_unnamed_numbers(norm, out, taken)
    return tuple(out)


def read_sheet(path: Path, sheet: str | None = None) -> Sheet:
    """The 台账 sheet of an .xlsx — the one named ``sheet``, else the first with a header row
    (``Sheet.others`` names the other sheets with one) — or a .csv / .txt 台账
    (``register_import_csv``: any encoding Excel, WPS or we write, any common separator).
    Raises ValidationError (one Chinese sentence) for a file that is not a readable .xlsx or
    text table, a sheet name the workbook does not have, a file with nothing in it, a header
    row with no data rows under it, columns split by a separator that cannot be read, or no
    header row."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(f"读不到文件“{path.name}”：{_os_reason(exc)}。") from None
    if path.suffix.lower() in TEXT_SUFFIXES and not data.startswith(_ZIP):
        if sheet is not None:
            raise ValidationError(
                f"“{path.name}”是文字表格（{path.suffix}），只有一张表：请不要写表名再试。"
            )
        rows, separator = read_text_rows(data, path.name, _has_header)
        if len(rows) > MAX_ROWS + _HEADER_SCAN:
            raise ValidationError(f"台账超过 {MAX_ROWS} 行，请分成几个文件导入。")
        if not _blank(rows) and not _has_header(rows[:_HEADER_SCAN]):
            _refuse_separator(decode_table(data, path.name), path.name)
        return replace(_sheet(path, data, list(enumerate(rows, start=1))), separator=separator)
    raw, name, others, count = _workbook_rows(path, data, sheet)
    where = f"“{path.name}”的“{name}”表" if count > 1 else f"“{path.name}”"
    read = _sheet(path, data, raw, where, others)
    return replace(read, name=name, others=others)


# Every .xlsx is a zip file: an .xlsx saved under the name .csv is still read as a workbook.
_ZIP = b"PK\x03\x04"


def _workbook_rows(
    path: Path, data: bytes, name: str | None
) -> tuple[list[tuple[int, tuple[Any, ...]]], str, tuple[str, ...], int]:
    """(row number, cell values) of the register sheet of an .xlsx, merged cells filled; the
    sheet's name; the names of the other sheets holding a header row; how many sheets the
    workbook has."""
    from openpyxl import load_workbook

    try:
        import io

        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any parser failure is the same refusal to the user
        raise ValidationError(_not_xlsx(path)) from None
    # The register is the first sheet with a header row (a cover or 说明 sheet may come first).
    registers = [
        ws.title
        for ws in wb.worksheets
        if _header_row([tuple(v) for v in ws.iter_rows(max_row=_HEADER_SCAN, values_only=True)])[1]
        >= 2
    ]
    if name is not None and name not in wb.sheetnames:
        names = "、".join(f"“{n}”" for n in wb.sheetnames)
        raise ValidationError(
            f"“{path.name}”中没有叫“{name}”的表，它的表有：{names}，请从中选一个。"
        )
    chosen = name if name is not None else (registers[0] if registers else wb.sheetnames[0])
    ws = wb[chosen]
    raw = []
    for n, values in enumerate(ws.iter_rows(values_only=True), start=1):
        raw.append((n, tuple(values)))
        if len(raw) > MAX_ROWS + _HEADER_SCAN:
            raise ValidationError(f"台账超过 {MAX_ROWS} 行，请分成几个文件导入。")
    merges = _merged_ranges(data, getattr(ws, "_worksheet_path", ""))
    count = len(wb.sheetnames)
    wb.close()
    others = tuple(r for r in registers if r != chosen)
    return _fill_merged(raw, merges), chosen, others, count


def _has_header(rows: Sequence[tuple[Any, ...]]) -> bool:
    """Whether one of the first ``rows`` names at least two known columns."""
    return _header_row(list(rows[:_HEADER_SCAN]))[1] >= 2


def _blank(rows: Sequence[tuple[Any, ...]]) -> bool:
    """Whether no cell of ``rows`` holds anything but spaces."""
    return not any(v not in (None, "") and str(v).strip() for values in rows for v in values)


def _refuse_separator(text: str, name: str) -> None:
    """Raise the sentence for a text table whose first lines name known columns, but with
    something between them that is none of the separators read (a |, spaces, a slash):
    “没有找到表头行” would send the user looking for headings that are there. Returns when no
    line names two known columns (then there is no header row at all)."""
    aliases = sorted(
        {_norm_header(a) for f in import_fields() for a in f.headers}, key=len, reverse=True
    )
    for line in text.splitlines()[:_HEADER_SCAN]:
        found: list[tuple[int, int]] = []
        for alias in aliases:
            at = line.find(alias)
            if at >= 0 and not any(s <= at < e or at <= s < at + len(alias) for s, e in found):
                found.append((at, at + len(alias)))
        if len(found) < 2:
            continue
        found.sort()
        between = line[found[0][1] : found[1][0]]
        shown = "空格" if not between.strip() else f"“{between.strip()}”"
        known = "、".join(SEPARATOR_NAMES.values())
        raise ValidationError(
            f"“{name}”的各列之间用的是{shown}，程序分不开各列（只认{known}）："
            "请用 Excel 或 WPS 打开它，另存为 .xlsx 后再导入。"
        )


def _sheet(
    path: Path,
    data: bytes,
    raw: list[tuple[int, tuple[Any, ...]]],
    where: str = "",
    others: tuple[str, ...] = (),
) -> Sheet:
    """The header row found, two-row headings joined, data rows kept (blank and 合计 rows
    dropped) and each column's meaning guessed. Refuses a sheet with nothing in it and a
    header row with no data rows under it, each in its own sentence naming ``where`` (the
    file, or the file's sheet) and, when the workbook has them, its other 台账 sheets."""
    where = where or f"“{path.name}”"
    elsewhere = (
        "请选另一张表（" + "、".join(f"“{n}”" for n in others) + "）再导入" if others else ""
    )
    if _blank([v for _, v in raw]):
        what = elsewhere or "请检查是否选对了文件"
        raise ValidationError(f"{where}是空的，里面没有任何内容：{what}。")
    header_at, best = _header_row([v for _, v in raw[:_HEADER_SCAN]])
    if header_at is None or best < 2:
        raise ValidationError(
            "没有找到表头行：台账前几行中应有“受理日期”“申请人”这样的列名，请检查是否选对了文件。"
        )
    headers = tuple(str(v or "").strip() for v in raw[header_at - 1][1])
    data_at = header_at
    if header_at < len(raw):
        combined = _two_row_headers(headers, raw[header_at][1])
        if sum(1 for g in guess_mapping(combined) if g) > best:
            headers, data_at = combined, header_at + 1
    rows = tuple(
        (n, values)
        for n, values in raw[data_at:]
        if any(v not in (None, "") and str(v).strip() for v in values) and not _total_row(values)
    )
    if not rows:
        what = elsewhere or "请检查是否选对了文件，或先在表头下面填上案件再导入"
        raise ValidationError(f"{where}只有表头，没有数据行：{what}。")
    return Sheet(
        path, hashlib.sha256(data).hexdigest(), header_at, headers, rows, guess_mapping(headers)
    )


def others_sentence(sheet: Sheet, how: str) -> str:
    """The preview's sentence about the workbook's other 台账 sheets, which were not read
    (``how``: how to import them, in the CLI or the window)."""
    names = "、".join(f"“{n}”" for n in sheet.others)
    return (
        f"注意：这个文件里还有 {len(sheet.others)} 张表也是台账（{names}），"
        f"这次只导入“{sheet.name}”表；要导入它们，请{how}。"
    )


def _not_xlsx(path: Path) -> str:
    """The refusal of a file openpyxl cannot read, saying what to do with its kind."""
    kind = path.suffix.lower()
    if kind in (".xls", ".et", ".ods", ".wps"):
        return f"“{path.name}”是旧格式的表格（{kind}），请先在 Excel 或 WPS 中另存为 .xlsx 再导入。"
    return (
        f"“{path.name}”不是能读的 Excel 文件（.xlsx），可能已损坏或选错了文件："
        "请选择 .xlsx 或 .csv 格式的台账（旧的 .xls 请先另存为 .xlsx）。"
    )


def _total_row(values: tuple[Any, ...]) -> bool:
    """A 合计 / 总计 / 小计 line under the register: a sum, not a case."""
    texts = [str(v).strip() for v in values if v not in (None, "") and str(v).strip()]
    return bool(texts) and "".join(texts[0].split()) in _TOTALS


def _header_row(rows: list[tuple[Any, ...]]) -> tuple[int | None, int]:
    """(1-based number of the row naming the most known columns, how many it names)."""
    header_at, best = None, 0
    for n, values in enumerate(rows, start=1):
        known = sum(1 for g in guess_mapping(tuple(str(v or "") for v in values)) if g)
        if known > best:
            header_at, best = n, known
    return header_at, best


_MERGE = re.compile(r'<mergeCell\b[^>]*\bref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')


def _merged_ranges(data: bytes, sheet_path: str) -> list[tuple[int, int, int, int]]:
    """The sheet's merged cells as (min_col, min_row, max_col, max_row), 1-based. openpyxl's
    read-only mode (needed for speed) does not read them, so they are read from the sheet's
    XML."""
    import io
    import zipfile

    from openpyxl.utils.cell import coordinate_to_tuple

    if not sheet_path:
        return []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            xml = z.read(sheet_path.lstrip("/")).decode("utf-8", "replace")
    except (KeyError, zipfile.BadZipFile):
        return []
    out = []
    for ref in _MERGE.findall(xml):
        (min_row, min_col), (max_row, max_col) = map(coordinate_to_tuple, ref.split(":"))
        out.append((min_col, min_row, max_col, max_row))
    return out


def _fill_merged(
    raw: list[tuple[int, tuple[Any, ...]]], merges: list[tuple[int, int, int, int]]
) -> list[tuple[int, tuple[Any, ...]]]:
    """Every cell of a merged range holds the range's value, as the user sees it in Excel
    (a 受理日期 merged over three rows is the date of all three)."""
    if not merges:
        return raw
    rows = [list(values) for _, values in raw]
    for min_col, min_row, max_col, max_row in merges:
        if min_row > len(rows) or min_col > len(rows[min_row - 1]):
            continue
        value = rows[min_row - 1][min_col - 1]
        for r in range(min_row, min(max_row, len(rows)) + 1):
            row = rows[r - 1]
            row.extend([None] * (max_col - len(row)))
            for c in range(min_col, max_col + 1):
                if (r, c) != (min_row, min_col):
                    row[c - 1] = value
    return [(n, tuple(values)) for (n, _), values in zip(raw, rows, strict=True)]


def _os_reason(exc: OSError) -> str:
    """The operating system's reason in Chinese (its own text is English)."""
    if isinstance(exc, FileNotFoundError):
        return "找不到这个文件，请检查文件名和所在的文件夹"
    if isinstance(exc, IsADirectoryError):
        return "这是一个文件夹，请选择文件夹里的 .xlsx 文件"
    if exc.errno == errno.ENAMETOOLONG:
        return "文件名太长，请把它改短一些，或移到名字短一些的文件夹里再导入"
    if isinstance(exc, PermissionError):
        return "没有读取这个文件的权限，请先在 Excel 或 WPS 中关闭它，或复制一份再导入"
    return "请检查文件是否还在、能否打开"


def _two_row_headers(top: tuple[str, ...], below: tuple[Any, ...]) -> tuple[str, ...]:
    """A heading of two rows (申请人 merged over 姓名 / 身份证号 / 电话): each column named by
    its heading above (carried across the merged cells, which read as empty) and the text
    below it, as 申请人身份证号. Cells below that are not text leave the heading as it is."""
    out: list[str] = []
    parent = ""
    for i, head in enumerate(top):
        parent = head or parent
        sub = below[i] if i < len(below) else None
        sub_text = sub.strip() if isinstance(sub, str) else ""
        if not sub_text or head and _norm_header(sub_text) in _norm_header(head):
            out.append(head)
        else:
            out.append(parent + sub_text)
    return tuple(out)
