"""``import-register --map`` as clerks write it (desktop/cli/import_register.py): a map without
“=项目” (it silently meant “不导入”, and a column of ID numbers was dropped) or without a heading
is refused in one sentence; a heading two columns share (申请人 | 身份证号码 | 被申请人 |
身份证号码) is refused naming both column letters, and a column letter picks one; a field given
to two columns names both headings. Nothing is written by any refusal."""

from __future__ import annotations

import hashlib
import io
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from desktop.cli import main

HEADERS = ["受理日期", "申请人", "身份证号码", "被申请人", "身份证号码", "调解结果"]
ROW = ["2025-03-01", "张建国", "330482199001011232", "李秀英", "330482198505203428", "调解成功"]
SETTINGS = settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _setup(tmp_path: Path) -> tuple[Path, Path]:
    db = tmp_path / f"{uuid.uuid4()}.sqlite"
    assert main(["--db", str(db), "init", "--committee", "星光村人民调解委员会"]) == 0
    book = tmp_path / "台账.xlsx"
    wb = Workbook()
    wb.active.append(HEADERS)
    wb.active.append(ROW)
    wb.save(book)
    return db, book


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@given(
    item=st.sampled_from(
        ["受理日期", "申请人", "身份证号码", "=申请人", " =不导入", "身份证号码=不导入"]
    )
)
@SETTINGS
def test_a_map_that_cannot_be_read_is_refused_and_nothing_written(
    item: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, book = _setup(tmp_path)
    before = _sha(db)
    capsys.readouterr()
    code = main(["--db", str(db), "import-register", str(book), "--map", item, "--yes"])
    err = capsys.readouterr().err
    assert code == 1 and len(err.strip().splitlines()) == 1, err
    if "=" not in item or item.strip().startswith("="):
        assert "要写成“表头=项目”" in err
    else:
        assert "C 列、E 列" in err and "请写列字母" in err
    assert _sha(db) == before


@given(letter=st.sampled_from(["E", "e"]), target=st.sampled_from(["不导入", "被申请人证件号码"]))
@SETTINGS
def test_a_column_letter_picks_one_of_two_columns_of_one_heading(
    letter: str,
    target: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db, book = _setup(tmp_path)
    monkeypatch.setattr("sys.stdin", io.StringIO("\n"))  # asked, then cancelled
    capsys.readouterr()
    before = _sha(db)
    code = main(["--db", str(db), "import-register", str(book), "--map", f"{letter}={target}"])
    out = capsys.readouterr().out
    assert code == 0
    want = "（不导入）" if target == "不导入" else "被申请人证件号码"
    assert f"  E 身份证号码 → {want}" in out and "  C 身份证号码 → 申请人证件号码" in out
    assert _sha(db) == before


def test_a_field_given_to_two_columns_names_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, book = _setup(tmp_path)
    before = _sha(db)
    capsys.readouterr()
    code = main(["--db", str(db), "import-register", str(book), "--map", "申请人=被申请人"])
    err = capsys.readouterr().err
    assert code == 1 and "（“申请人”和“被申请人”两列）" in err, err
    assert _sha(db) == before
