"""The window shell driven through real widgets: first start, a new case with two parties
(with a refused ID number shown at its field), the list's search and filters, the home page
opening a case, and settings."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from prompt_driver import answer_prompts

from desktop.core.models import CaseStatus
from desktop.core.store import Store
from desktop.ui.first_start import FirstStartDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.settings_dialog import SettingsDialog

pytestmark = pytest.mark.ui
TODAY = date(2026, 3, 2)


def test_first_start_creates_the_committee(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    dialog = FirstStartDialog(tmp_path / "new.sqlite")
    qtbot.addWidget(dialog)
    dialog.create_button.click()
    assert "调委会名称" in dialog.message.text() and dialog.store is None
    dialog.name.setText("星光村人民调解委员会")
    dialog.abbr.setText("星调")
    dialog.create_button.click()
    assert "调解员" in dialog.message.text()
    dialog.mediators.setText("王建平、沈美琴")
    dialog.create_button.click()
    store = dialog.store
    assert store is not None and store.settings.committee().abbr == "星调"
    assert [m.name for m in store.settings.mediators()] == ["王建平", "沈美琴"]
    store.close()


def test_first_start_demo_in_one_click(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    dialog = FirstStartDialog(tmp_path / "demo.sqlite")
    qtbot.addWidget(dialog)
    dialog.demo_button.click()
    assert dialog.store is not None and dialog.store.cases.count() == 300
    dialog.store.close()


def fill_new_case(window: MainWindow, id_number: str) -> None:
    page = window.new_case
    form = page.form.widgets
    form["category"].set_value("02")
    form["title"].editor.setText("张建国与李秀英相邻排水纠纷")
    form["facts"].editor.setPlainText("李家新砌围墙挡住张家排水沟，雨天积水。")
    form["requests"].editor.setPlainText("请求拆除挡水部分围墙。")
    form["people_count"].editor.setText("2")
    for key in ("not_reserved", "not_pending", "no_refusal", "rights_notified"):
        form[key].editor.setChecked(True)
    first, second = page.parties
    first.form.widgets["name"].editor.setText("张建国")
    first.form.widgets["id_number"].editor.setText(id_number)
    second.form.widgets["name"].editor.setText("李秀英")
    second.form.widgets["phone"].editor.setText("13900002222")


def test_new_case_with_two_parties_and_a_refused_id(store: Store, qtbot, monkeypatch) -> None:  # noqa: ANN001
    window = MainWindow(store, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.nav_buttons["new"].click()
    assert window.pages.currentWidget() is window.new_case
    fill_new_case(window, "330482199001011233")
    id_widget = window.new_case.parties[0].form.widgets["id_number"]
    assert "校验码不对" in id_widget.error_text()  # checked as typed
    window.new_case.save_button.click()
    assert "当事人 1" in window.new_case.message.text()
    assert store.cases.count() == 0
    id_widget.editor.setText("330482199001011232")
    window.new_case.save_button.click()
    assert store.cases.count() == 1
    case = store.cases.list()[0]
    assert case.parties == "张建国、李秀英" and case.case_no == "（2026）星调调字第1号"
    assert window.pages.currentWidget() is window.workspace  # the new case is open
    detail = store.cases.detail(case.id)
    assert detail.parties[0].gender == "男" and detail.parties[1].role == "被申请人"


def test_unsaved_new_case_asks_before_leaving(store: Store, qtbot, monkeypatch) -> None:  # noqa: ANN001
    window = MainWindow(store, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.nav_buttons["new"].click()
    window.new_case.form.widgets["title"].editor.setText("半截内容")
    asked = answer_prompts(monkeypatch, "取消", None, "不保存")
    window.nav_buttons["cases"].click()
    assert "没有保存" in asked.texts[0] and asked.asked[0].buttons == ("保存", "不保存", "取消")
    assert window.pages.currentWidget() is window.new_case  # cancelled: nothing lost
    window.nav_buttons["cases"].click()  # closed with Esc: the same as 取消
    assert window.pages.currentWidget() is window.new_case
    window.nav_buttons["cases"].click()  # 不保存: the page is left and emptied
    assert window.pages.currentWidget() is not window.new_case
    assert window.new_case.form.widgets["title"].value() in ("", None)


def test_search_filters_and_opening_from_the_list(store: Store, qtbot) -> None:  # noqa: ANN001
    from builders import applicant, intake, on_day, respondent

    a = store.cases.create(intake(), [applicant(), respondent()])
    store.cases.create(
        intake(title="王强与赵丽宅基地纠纷", category="03"),
        [applicant(name="王强", id_number=""), respondent(name="赵丽", id_number="")],
    )
    on_day(store, "2026-03-03")
    store.flow.terminate(a.id, "申请人撤回", ["向人民法院提起诉讼"], "2026-03-03")
    window = MainWindow(store, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.nav_buttons["cases"].click()
    page = window.cases
    assert page.model.rowCount() == 2
    page.search_box.setText("赵丽")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=2000)
    assert "找到 1 件" in page.count_label.text()
    page.search_box.setText("")
    page.apply()
    page.status.setCurrentIndex(page.status.findData(CaseStatus.TERMINATED))
    assert page.model.rowCount() == 1 and page.model.rows[0].id == a.id
    page.month.setText("2026-13")
    page.apply()
    assert "月份" in page.filter_error.text()
    page.month.setText("")
    page.apply()
    page.table.doubleClicked.emit(page.model.index(0, 0))
    assert window.workspace is not None and window.pages.currentWidget() is window.workspace
    # The case stays under 案件 in the navigation, so the mediator knows where they are.
    assert [k for k, b in window.nav_buttons.items() if b.property("current")] == ["cases"]
    window.nav_buttons["home"].click()
    assert [k for k, b in window.nav_buttons.items() if b.property("current")] == ["home"]


def test_home_lists_due_items_and_opens_the_case(store: Store, qtbot) -> None:  # noqa: ANN001
    from builders import applicant, intake, respondent

    case = store.cases.create(intake(accepted_on="2026-01-05"), [applicant(), respondent()])
    window = MainWindow(store, today=lambda: date(2026, 2, 10))
    qtbot.addWidget(window)
    window.home.refresh()
    items = window.home.items
    assert (
        items.count() >= 1
        and "调解期限" in items.item(0).text()
        and "已超过" in items.item(0).text()
    )
    window.home.items.itemActivated.emit(items.item(0))
    assert window.workspace is not None and window.workspace.case_id == case.id


def test_settings_change_committee_and_mediators(
    store: Store, qtbot, tmp_path: Path, monkeypatch
) -> None:  # noqa: ANN001
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr("desktop.ui.prefs.user_data_dir", lambda: tmp_path)
    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    dialog.new_mediator.setText("沈美琴")
    dialog.new_phone.setText("123")
    dialog.add_mediator()
    assert "电话号码" in dialog.message.text()
    dialog.new_phone.setText("13911112222")
    dialog.add_mediator()
    assert dialog.mediators.count() == 2
    dialog.case_no_format.setText("{name}")
    assert "写得不对" in dialog.case_no_preview.text()
    dialog.save()
    assert "占位符" in dialog.message.text() and not dialog.result()
    dialog.case_no_format.setText("（{year}）{abbr}调字第{seq}号")
    assert "（2026）星调调字第1号" in dialog.case_no_preview.text()
    dialog.extras["21"].setChecked(True)
    dialog.large_text.setChecked(True)
    dialog.backup_dir.setText(str(tmp_path / "usb"))
    dialog.backup_now()
    assert "已备份到" in dialog.info.text() and list((tmp_path / "usb").glob("*.sqlite"))
    dialog.save()
    assert store.settings.committee().extra_categories == ("21",)
    from desktop.ui import prefs

    assert prefs.large_text() and prefs.point_size() == 16
