"""The export and import dialogs: a package written to a chosen folder, previewed at the county
before anything is written, imported; a damaged package refused with the reason."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from builders import FixedClock

from desktop.core.demo import generate
from desktop.core.store import Store, open_store
from desktop.ui.exchange_dialogs import ExportDialog, ImportDialog

pytestmark = pytest.mark.ui


def test_export_then_preview_then_import(
    store: Store, qtbot, tmp_path: Path, clock: FixedClock
) -> None:  # noqa: ANN001
    generate(store, 10, seed=2, until=datetime(2026, 3, 1).date())
    usb = tmp_path / "U盘"
    usb.mkdir()
    export = ExportDialog(store)
    qtbot.addWidget(export)
    export.folder.setText(str(tmp_path / "nowhere"))
    assert not export.run() and "找不到文件夹" in export.message.text()
    export.folder.setText(str(usb))
    assert export.run()
    package = next(usb.glob("*.zip"))
    assert (
        "已导出 10 件案件" in export.result_text.text()
        and str(package) in export.result_text.text()
    )

    with open_store(tmp_path / "county.sqlite", now=clock) as county:
        county.settings.save_committee(name="县中心", level=4, abbr="县")
        dialog = ImportDialog(county)
        qtbot.addWidget(dialog)
        dialog.set_paths([package])
        assert "10 件案件" in dialog.preview_text.toPlainText() and county.cases.count() == 0
        assert dialog.import_button.isEnabled()
        assert dialog.run() and county.cases.count() == 10
        assert "新增 10 件" in dialog.preview_text.toPlainText()
        broken = tmp_path / "broken.zip"
        broken.write_bytes(package.read_bytes()[:-300])
        dialog.set_paths([broken])
        assert "不能使用" in dialog.message.text() and not dialog.import_button.isEnabled()


def test_the_preview_runs_off_the_window_thread(
    store: Store, qtbot, tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:  # noqa: ANN001
    """Kind: exchange work as long as an import run on the window's thread. The preview
    rehearses the whole import (a county's month of packages: tens of seconds); on the
    window's thread it froze the window with no 请稍候 — now it runs as the import does."""
    import threading

    import desktop.core.exchange as exchange

    generate(store, 5, seed=2, until=datetime(2026, 3, 1).date())
    package = exchange.export_period(store, tmp_path / "p.zip", include_reports=False).path
    real = exchange.preview
    threads: list[threading.Thread] = []

    def preview(*args: object, **kwargs: object) -> list[str]:
        threads.append(threading.current_thread())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(exchange, "preview", preview)
    with open_store(tmp_path / "county.sqlite", now=clock) as county:
        county.settings.save_committee(name="县中心", level=4, abbr="县")
        dialog = ImportDialog(county)
        qtbot.addWidget(dialog)
        dialog.set_paths([package])
        assert "5 件案件" in dialog.preview_text.toPlainText() and county.cases.count() == 0
        broken = tmp_path / "broken.zip"
        broken.write_bytes(package.read_bytes()[:-300])
        dialog.set_paths([broken])
        assert "不能使用" in dialog.message.text() and not dialog.import_button.isEnabled()
    assert len(threads) == 2
    assert all(t is not threading.main_thread() for t in threads)


def test_nothing_of_the_dialog_can_be_clicked_while_it_works(
    store: Store, qtbot, tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:  # noqa: ANN001
    """Kind: a second preview or import started while one runs. Before 请稍候 shows (0.4 s)
    the dialog's buttons still took clicks: 确认导入 clicked during a preview started an import
    on the same database connection as the preview's rehearsal, which ends by rolling back."""
    import threading

    from PySide6.QtCore import Qt, QTimer

    import desktop.core.exchange as exchange

    generate(store, 5, seed=2, until=datetime(2026, 3, 1).date())
    package = exchange.export_period(store, tmp_path / "p.zip", include_reports=False).path
    real_preview, real_import = exchange.preview, exchange.import_packages
    gate = threading.Event()
    imported: list[bool] = []

    def preview(*args: object, **kwargs: object) -> list[str]:
        gate.wait(20)  # the clerk clicks meanwhile
        return real_preview(*args, **kwargs)  # type: ignore[arg-type]

    def import_packages(*args: object, **kwargs: object) -> object:
        imported.append(not gate.is_set())
        return real_import(*args, **kwargs)  # type: ignore[arg-type]

    with open_store(tmp_path / "county.sqlite", now=clock) as county:
        county.settings.save_committee(name="县中心", level=4, abbr="县")
        dialog = ImportDialog(county)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.set_paths([package])
        assert dialog.import_button.isEnabled()
        monkeypatch.setattr(exchange, "preview", preview)
        monkeypatch.setattr(exchange, "import_packages", import_packages)
        usable: list[bool] = []

        def clerk() -> None:
            usable.extend(b.isEnabled() for b in (dialog.import_button, dialog.choose_button))
            qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
            gate.set()

        QTimer.singleShot(100, clerk)
        dialog.set_paths([package])
        assert gate.is_set() and usable == [False, False]
        assert imported == []  # no import started while the preview ran
        assert dialog.import_button.isEnabled() and dialog.choose_button.isEnabled()
        assert dialog.run() and county.cases.count() == 5 and imported == [False]
