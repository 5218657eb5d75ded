"""A 台账 kept one sheet a year (a 说明 sheet, then 2023, 2024, 2025) lost every sheet but the
first with a header row without a word: the preview counted one year's rows and the rest were
never offered. ``read_sheet`` now names the other 台账 sheets (``Sheet.others``), reads the sheet
asked for by name, and refuses a name the workbook lacks in one sentence listing its sheets;
the CLI (``--sheet``) and the window (导入哪张表) say so before anything is written."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from desktop.cli.entry import main
from desktop.core.errors import ValidationError
from desktop.core.reports.register_import import read_sheet
from desktop.core.validation.idcard import id_check_digit

HEAD = ["受理日期", "申请人", "身份证号码", "被申请人", "调解结果"]


def _id(n: int) -> str:
    first17 = f"330482198005{1 + n % 28:02d}{n % 1000:03d}"
    return first17 + id_check_digit(first17)


def _book(path: Path, layout: list[tuple[str, int]]) -> Path:
    """Sheets in order: (name, rows); rows < 0 makes a cover sheet without a header row."""
    wb = Workbook()
    wb.remove(wb.active)
    n = 0
    for name, count in layout:
        ws = wb.create_sheet(name)
        if count < 0:
            ws["A1"] = "本台账按年分表，每年一张。"
            continue
        ws.append(HEAD)
        for _ in range(count):
            n += 1
            ws.append([f"2025-03-{1 + n % 28:02d}", f"赵{n}", _id(n), f"钱{n}", "调解成功"])
    wb.save(path)
    return path


@given(
    years=st.lists(st.integers(2015, 2026), min_size=1, max_size=4, unique=True),
    counts=st.lists(st.integers(1, 6), min_size=4, max_size=4),
    cover=st.sampled_from([None, 0, 1, 9]),
)
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_every_register_sheet_is_offered_and_each_reads_its_own_rows(
    tmp_path: Path, years: list[int], counts: list[int], cover: int | None
) -> None:
    layout: list[tuple[str, int]] = [(str(y), c) for y, c in zip(years, counts, strict=False)]
    if cover is not None:
        layout.insert(min(cover, len(layout)), ("说明", -1))
    path = _book(tmp_path / f"{uuid.uuid4()}.xlsx", layout)
    registers = [name for name, count in layout if count >= 0]
    first = read_sheet(path)
    assert first.name == registers[0]
    assert first.others == tuple(registers[1:])
    total = 0
    for name, count in layout:
        if count < 0:
            continue
        sheet = read_sheet(path, name)
        assert sheet.name == name and len(sheet.rows) == count
        assert sheet.others == tuple(r for r in registers if r != name)
        total += len(sheet.rows)
    assert total == sum(c for _, c in layout if c >= 0)  # nothing left unoffered


def test_a_sheet_the_workbook_lacks_is_refused_naming_its_sheets(tmp_path: Path) -> None:
    path = _book(tmp_path / "台账.xlsx", [("说明", -1), ("2024", 2), ("2025", 3)])
    with pytest.raises(ValidationError) as caught:
        read_sheet(path, "2026")
    message = str(caught.value)
    assert "“2026”" in message and "“2024”、“2025”" in message and message.count("。") == 1


def test_the_cli_says_which_sheets_it_did_not_read_and_imports_the_one_asked_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "案件库.sqlite"
    assert main(["--db", str(db), "init", "--committee", "星光村人民调解委员会"]) == 0
    path = _book(tmp_path / "台账.xlsx", [("说明", -1), ("2024", 2), ("2025", 3)])
    capsys.readouterr()
    assert main(["--db", str(db), "import-register", str(path), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "“2024”表的表头在第 1 行" in out
    assert "还有 1 张表也是台账（“2025”）" in out and "--sheet 2025" in out
    assert main(["--db", str(db), "import-register", str(path), "--sheet", "2025", "--yes"]) == 0
    assert "已导入 3 件" in capsys.readouterr().out
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    assert main(["--db", str(db), "import-register", str(path), "--sheet", "2026", "--yes"]) == 1
    err = capsys.readouterr().err
    assert "没有叫“2026”的表" in err and len(err.strip().splitlines()) == 1
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
