"""A real spreadsheet program reads our workbooks: LibreOffice (headless) converts the 台账 and
the 月报 workbook to CSV, and every cell it sees equals what we wrote, dates as real dates and
amounts as real numbers (raw values, not the text shown)."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from builders import FixedClock
from openpyxl import load_workbook
from report_builders import build_october

from desktop.core.reports import save_entry, write_monthly, write_register_xlsx
from desktop.core.reports.register import HEADERS
from desktop.core.store import Store

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice 未安装（tests/run.sh 会安装）"),
]

# comma, double quote, UTF-8, from line 1, ..., "save cell contents as shown" = false
_CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false"


def _libreoffice_csv(xlsx: Path, tmp: Path) -> tuple[list[list[str]], str]:
    out = tmp / "lo"
    out.mkdir(exist_ok=True)
    env = {**os.environ, "HOME": str(tmp / "home")}  # a private profile: no first-run clash
    subprocess.run(
        [str(SOFFICE), "--headless", "--convert-to", _CSV_FILTER, "--outdir", str(out), str(xlsx)],
        check=True,
        capture_output=True,
        env=env,
        timeout=120,
    )
    with open(out / (xlsx.stem + ".csv"), encoding="utf-8", newline="") as fh:
        raw = fh.read()
    # A cell may hold line breaks (协议内容): read the quoted fields whole, not line by line.
    return list(csv.reader(io.StringIO(raw))), raw


def _same(ours: object, theirs: str) -> bool:
    if ours is None:
        return theirs == ""
    if isinstance(ours, datetime):
        return theirs == ours.date().isoformat()
    if isinstance(ours, int | float):
        return abs(float(theirs) - float(ours)) < 1e-9
    return str(ours) == theirs


def _compare(xlsx: Path, tmp: Path) -> int:
    ours = [list(r) for r in load_workbook(xlsx).worksheets[0].iter_rows(values_only=True)]
    theirs, raw = _libreoffice_csv(xlsx, tmp)
    assert len(theirs) == len(ours)
    checked = 0
    for r, (a, b) in enumerate(zip(ours, theirs, strict=True)):
        b = b + [""] * (len(a) - len(b))  # LibreOffice drops trailing empty cells
        for c, (x, y) in enumerate(zip(a, b, strict=False)):
            assert _same(x, y), (r + 1, c + 1, x, y)
            if isinstance(x, datetime | int | float):
                # LibreOffice quotes text only: an unquoted field is a real date or number.
                assert f'"{y}"' not in raw, (r + 1, c + 1, y)
            checked += 1
    return checked


def test_register_xlsx_reads_the_same_in_libreoffice(
    store: Store, clock: FixedClock, tmp_path: Path
) -> None:
    clock.set(date(2026, 11, 5))
    build_october(store)
    path = write_register_xlsx(store, tmp_path / "台账.xlsx", mask=True)
    assert _compare(path, tmp_path) == 10 * len(HEADERS)


def test_monthly_xlsx_reads_the_same_in_libreoffice(
    store: Store, clock: FixedClock, tmp_path: Path
) -> None:
    clock.set(date(2026, 11, 5))
    build_october(store)
    save_entry(store, "2026-10", screenings=12, disputes_found=5, prevented=3)
    path = write_monthly(store, "2026-10", "xlsx", tmp_path / "月报.xlsx")
    assert _compare(path, tmp_path) > 150
