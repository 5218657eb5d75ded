"""Failure 9: 上报/移交 to the committee above, in the window, writes the one-case package to
the chosen folder (a USB stick), says where with a button to open it, and 导入报送包 at the
township continues the case. A folder that cannot be written leaves the case as it was. A
committee's changed key is accepted only by ticking the confirmation. Real widgets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from builders import FixedClock, applicant, intake, on_day, respondent
from PySide6.QtGui import QDesktopServices
from workspace_driver import answer

from desktop.core.models import CaseStatus
from desktop.core.store import Store, open_store
from desktop.ui.exchange_dialogs import ImportDialog
from desktop.ui.workspace import CaseWorkspace
from desktop.ui.workspace.flow_dialogs import EscalateDialog

pytestmark = pytest.mark.ui


def hand_over_in_window(
    qtbot,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    folder: Path,  # noqa: ANN001
) -> tuple[CaseWorkspace, list[EscalateDialog]]:
    case = store.cases.create(intake(), [applicant(), respondent()])
    on_day(store, "2026-03-03")  # handed over the next day, entered that day
    ws = CaseWorkspace(store, case.id)
    qtbot.addWidget(ws)

    def fill(d: EscalateDialog) -> None:
        d.reason.setPlainText("涉及宅基地权属，需镇无讼工作室协调")
        d.on.line.setText("2026年3月3日")
        d.folder.setText(str(folder))
        d.ok_button.click()

    opened = answer(monkeypatch, EscalateDialog, fill)
    ws.escalate_button.click()
    return ws, opened


def test_handoff_written_to_the_folder_and_continued_upstream(
    qtbot,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    clock: FixedClock,  # noqa: ANN001
) -> None:
    usb = tmp_path / "U盘"
    ws, opened = hand_over_in_window(qtbot, store, monkeypatch, usb)
    package = opened[0].package_path
    assert package is not None and package.parent == usb and package.is_file()
    case = store.cases.get(ws.case_id)
    assert case.status is CaseStatus.TRANSFERRED and case.level_now == 3
    assert str(package) in ws.notice.text() and ws.notice.isVisibleTo(ws)
    assert ws.open_handoff_folder.isVisibleTo(ws)
    urls: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url.toLocalFile()))
    ws.open_handoff_folder.click()
    assert urls == [str(usb)]

    with open_store(tmp_path / "town.sqlite", now=clock, actor="钱镇") as town:
        town.settings.save_committee(name="新埭镇人民调解委员会", level=3, abbr="新调")
        dialog = ImportDialog(town)
        qtbot.addWidget(dialog)
        dialog.set_paths([package])
        assert "将新增 1 件" in dialog.preview_text.toPlainText()
        assert dialog.run()
        continued = town.db.execute(
            "SELECT id FROM cases WHERE origin_uuid = ? AND committee_id = ''", [case.uuid]
        ).fetchone()[0]
        here = town.cases.get(continued)
        assert here.status is CaseStatus.OPEN and here.level_now == 3
        assert here.case_no.startswith("（2026）新调")
        assert [p.name for p in town.records.parties(continued)] == ["张建国", "李秀英"]
        # The township carries on in its own window.
        ws_town = CaseWorkspace(town, continued)
        qtbot.addWidget(ws_town)
        assert ws_town.escalate_button.isEnabled()


def test_unwritable_folder_leaves_the_case_as_it_was(
    qtbot,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,  # noqa: ANN001
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("x")
    ws, opened = hand_over_in_window(qtbot, store, monkeypatch, blocked)
    assert "没能写到" in opened[0].error.text()
    case = store.cases.get(ws.case_id)
    assert case.status is CaseStatus.OPEN and case.level_now == 2
    assert not store.cases.detail(case.id).escalations


def test_changed_key_needs_the_ticked_confirmation(
    qtbot,
    store: Store,
    tmp_path: Path,
    clock: FixedClock,  # noqa: ANN001
) -> None:
    from desktop.core.exchange import export_period
    from desktop.core.exchange.keys import SIGNING_KEY, new_private_key_text

    store.cases.create(intake(), [applicant(), respondent()])
    first = export_period(store, tmp_path / "a.zip").path
    # The village's laptop is reinstalled: same committee, a new key.
    store.db.execute(
        "UPDATE settings SET value = ? WHERE key = ?",
        [json.dumps(new_private_key_text()), SIGNING_KEY],
    )
    store.cases.create(intake(accepted_on="2026-03-01"), [applicant(name="赵六"), respondent()])
    second = export_period(store, tmp_path / "b.zip").path
    with open_store(tmp_path / "town.sqlite", now=clock) as town:
        town.settings.save_committee(name="新埭镇人民调解委员会", level=3, abbr="新调")
        dialog = ImportDialog(town)
        qtbot.addWidget(dialog)
        dialog.set_paths([first])
        assert dialog.run()
        dialog.set_paths([second])
        assert "签名密钥" in dialog.message.text() and not dialog.import_button.isEnabled()
        assert dialog.accept_key.isVisibleTo(dialog)
        dialog.accept_key.setChecked(True)
        assert dialog.import_button.isEnabled()
        assert dialog.run()
        assert town.cases.count() == 2


def test_case_list_names_the_committee_of_repeated_numbers(
    qtbot,
    tmp_path: Path,
    clock: FixedClock,  # noqa: ANN001
) -> None:
    """Failure 6 in the window: the same number from two villages is shown with each
    village's name, so the clerk opens the right one (rows open by identity, never by number)."""
    from datetime import date

    from desktop.core.demo import generate
    from desktop.core.exchange import export_period, import_packages
    from desktop.ui.case_table_model import CaseTableModel

    packages = []
    for key, name in (("a", "星光村人民调解委员会"), ("b", "泖口村人民调解委员会")):
        with open_store(tmp_path / f"{key}.sqlite", now=clock) as v:
            v.settings.save_committee(name=name, abbr="星调")
            generate(v, 2, seed=7, until=date(2026, 2, 28))
            packages.append(export_period(v, tmp_path / f"{key}.zip").path)
    with open_store(tmp_path / "town.sqlite", now=clock) as town:
        town.settings.save_committee(name="新埭镇人民调解委员会", level=3, abbr="新调")
        import_packages(town, packages)
        model = CaseTableModel(town)
        shown = [model.data(model.index(row, 0)) for row in range(model.rowCount())]
        assert len(shown) == 4 and len(set(shown)) == 4
        assert sum("（泖口村人民调解委员会）" in s for s in shown) == 2
