"""The window's side of a missed package (issue 10) and of the last resort: the village exports
numbered packages that never overwrite each other; the county's 导入报送包 tells the missing one
and keeps telling it until the village, in 导出报送包, sends again from that package; a job
that fails unforeseen says in the dialog's red line what did not get done, never the class."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from builders import FixedClock

from desktop.core.demo import generate
from desktop.core.store import Store, open_store
from desktop.ui.exchange_dialogs import ExportDialog, ImportDialog

pytestmark = pytest.mark.ui


def _receipt(store: Store, n: int) -> None:
    case_id = store.cases.list(limit=10)[n % 3].id
    store.records.add(
        case_id,
        "receipt",
        {"received_on": "2026-03-02", "description": f"收条 {n}", "amount": "50"},
    )


def test_a_missing_package_is_told_until_the_village_sends_again(
    store: Store, qtbot: Any, tmp_path: Path, clock: FixedClock
) -> None:
    generate(store, 6, seed=5, until=date(2026, 3, 1))
    usb = tmp_path / "U盘"
    usb.mkdir()
    made = []
    for n in (1, 2, 3):
        if n > 1:
            _receipt(store, n)
        dialog = ExportDialog(store)
        qtbot.addWidget(dialog)
        dialog.folder.setText(str(usb))
        assert dialog.run(), dialog.message.text()
        assert f"第 {n} 个报送包" in dialog.result_text.text()
        made.append(Path(dialog.result_text.text().split("\n")[1]))
    assert len(set(made)) == 3 and all(p.is_file() for p in made)  # none overwritten
    with open_store(tmp_path / "county.sqlite", now=clock) as county:
        county.settings.save_committee(name="县中心", level=4, abbr="县")
        importer = ImportDialog(county)
        qtbot.addWidget(importer)
        assert not importer.gaps_text.isVisibleTo(importer)
        importer.set_paths([made[0], made[2]])
        assert "第 2 个包没有导入" in importer.preview_text.toPlainText()  # told before importing
        assert importer.run()
        assert "第 2 个包没有导入" in importer.preview_text.toPlainText()
        assert "第 2 个包没有导入" in importer.gaps_text.text()
        again = ImportDialog(county)  # opened another day: still told
        qtbot.addWidget(again)
        assert (
            again.gaps_text.isVisibleTo(again) and "从第 2 个包起重新导出" in again.gaps_text.text()
        )
        assert "wusong" not in again.gaps_text.text()  # the window names its own choice

        village = ExportDialog(store)
        qtbot.addWidget(village)
        village.folder.setText(str(usb))
        assert "已导出 3 个报送包" in village.sent_text.text()
        village.package_no.setValue(2)
        assert village.again.isChecked()
        assert village.run(), village.message.text()
        resent = Path(village.result_text.text().split("\n")[1])
        again.set_paths([resent])
        assert again.run()
        assert "已经补齐" in again.preview_text.toPlainText()
        assert not again.gaps_text.isVisibleTo(again)
        counted = "SELECT count(*) FROM receipts"
        assert county.db.execute(counted).fetchone() == store.db.execute(counted).fetchone()


@pytest.mark.parametrize(
    "exc",
    [
        TypeError("unsupported operand type(s)"),
        KeyError("x"),
        AttributeError("'NoneType' object has no attribute 'get'"),
        sqlite3.IntegrityError("UNIQUE constraint failed: cases.uuid"),
    ],
)
def test_an_unforeseen_failure_of_a_job_is_one_sentence_in_the_red_line(
    store: Store,
    qtbot: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    exc: BaseException,
) -> None:
    import desktop.core.exchange as exchange

    monkeypatch.setenv("WUSONG_LOG", str(tmp_path / "log.txt"))

    def broken(*_a: Any, **_k: Any) -> Any:
        raise exc

    monkeypatch.setattr(exchange, "export_period", broken)
    dialog = ExportDialog(store)
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(tmp_path))
    assert not dialog.run()
    said = dialog.message.text()
    assert "导出报送包没有完成" in said and "日志" in said, said
    assert type(exc).__name__ not in said and "Error" not in said
    assert type(exc).__name__ in (tmp_path / "log.txt").read_text(encoding="utf-8")


def test_the_last_resort_names_the_file_for_sqlite_and_no_class_otherwise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.ui.last_resort import sentence

    monkeypatch.setenv("WUSONG_LOG", str(tmp_path / "log.txt"))
    full = sentence(sqlite3.OperationalError("database or disk is full"), "县.sqlite")
    assert "县.sqlite" in full and "磁盘已满" in full
    for exc in (TypeError("bad operand"), RuntimeError("boom"), IndexError("list index")):
        said = sentence(exc, "县.sqlite")
        assert "没有完成" in said and type(exc).__name__ not in said and str(exc) not in said


@pytest.mark.parametrize(
    "exc",
    [
        TypeError("unsupported operand type(s)"),
        RuntimeError("boom"),
        sqlite3.OperationalError("database is locked"),
        sqlite3.ProgrammingError("Cannot operate on a closed database."),
    ],
)
def test_the_window_that_cannot_start_says_why_in_one_sentence(
    qapp: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, exc: BaseException
) -> None:
    """Before the window exists there was no last resort: the packaged window (no console)
    closed without a word on anything but the core's own refusals."""
    from prompt_driver import answer_prompts

    import desktop.ui.app as app

    def broken(_path: Path) -> Any:
        raise exc

    monkeypatch.setenv("WUSONG_LOG", str(tmp_path / "log.txt"))
    monkeypatch.setattr(app, "open_or_first_start", broken)
    shown = answer_prompts(monkeypatch, "知道了")
    assert app.main(["--db", str(tmp_path / "东村.sqlite")]) == 1
    (said,) = shown.texts
    assert "东村.sqlite" in said and type(exc).__name__ not in said and "Error" not in said
    assert str(exc) not in said and "\n" not in said
