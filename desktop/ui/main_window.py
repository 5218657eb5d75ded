"""The main window: big navigation buttons on the left (今日, 案件, 登记新案件, 设置), the page on
the right. Opening a case shows its workspace; leaving a page with unsaved edits asks first."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.paths import APP_TITLE
from desktop.core.store import Store
from desktop.core.store.idle import idle_minutes
from desktop.ui import prompts
from desktop.ui.case_list_page import CaseListPage
from desktop.ui.home_page import HomePage
from desktop.ui.idle_lock import IdleWatcher
from desktop.ui.new_case_page import NewCasePage
from desktop.ui.storage_banner import StorageBanner

if TYPE_CHECKING:
    # The workspace is imported on first use (its imports are heavy).
    from desktop.ui.workspace.workspace import CaseWorkspace

NAV_HEIGHT = 56
#: The button of the page on screen stays blue, so one always sees where one is.
NAV_CSS = 'QPushButton[current="true"] { background: #1565c0; color: white; font-weight: bold; }'


class MainWindow(QMainWindow):
    def __init__(self, store: Store, today: Callable[[], date] = date.today) -> None:
        super().__init__()
        self.store = store
        self.resize(1280, 800)

        self.home = HomePage(store, today)
        self.cases = CaseListPage(store)
        self.new_case = NewCasePage(store)
        self.workspace: CaseWorkspace | None = None
        self.pages = QStackedWidget()
        for page in (self.home, self.cases, self.new_case):
            self.pages.addWidget(page)

        self.nav_buttons: dict[str, QPushButton] = {}
        nav = QVBoxLayout()
        for key, text, action in (
            ("home", "今日", self.show_home),
            ("cases", "案件", self.show_cases),
            ("new", "登记新案件", self.show_new_case),
            ("report", "月报", self.open_monthly_report),
            ("settings", "设置", self.open_settings),
        ):
            button = QPushButton(text)
            button.setStyleSheet(NAV_CSS)
            button.setMinimumHeight(NAV_HEIGHT)
            button.setMinimumWidth(150)
            button.clicked.connect(action)
            nav.addWidget(button)
            self.nav_buttons[key] = button
        nav.addStretch(1)
        # Who is working is always in sight, with the way to hand the laptop to a colleague.
        self.person = QLabel()
        self.person.setWordWrap(True)
        self.person.setMaximumWidth(170)
        nav.addWidget(self.person)
        switch = QPushButton("换人")
        switch.setMinimumHeight(NAV_HEIGHT - 12)
        switch.clicked.connect(self.switch_person)
        nav.addWidget(switch)
        self.switch_button = switch
        body = QWidget()
        layout = QHBoxLayout(body)
        layout.addLayout(nav)
        # Read-only reason, stray journal, clock, background check and USB reminder (issue 9).
        self.storage_banner = StorageBanner(store)
        # Damage found by the background check is repaired here and now, not at next start.
        self.restore_button = QPushButton("从备份恢复…")
        self.restore_button.setMinimumHeight(NAV_HEIGHT - 12)
        self.restore_button.setVisible(False)
        self.restore_button.clicked.connect(self.restore_now)
        self.storage_banner.damaged.connect(lambda _p: self.restore_button.setVisible(True))
        right = QVBoxLayout()
        right.addWidget(self.storage_banner)
        right.addWidget(self.restore_button, 0, Qt.AlignmentFlag.AlignLeft)
        right.addWidget(self.pages, 1)
        layout.addLayout(right, 1)
        self.setCentralWidget(body)

        self.pages.currentChanged.connect(lambda _i: self._mark_current())
        self._mark_current()
        self.home.open_case.connect(self.open_case)
        self.home.open_report.connect(self.open_monthly_report)
        self.home.open_platform.connect(self.open_platform_this_month)
        self.home.new_case.connect(self.show_new_case)
        self.cases.open_case.connect(self.open_case)
        self.new_case.case_created.connect(self._created)
        reports = self.menuBar().addMenu("报表")
        reports.addAction("月报…", self.open_monthly_report)
        reports.addAction("以案定补申报清单…", self.open_claims)
        reports.addAction("未录入省平台的案件…", self.open_platform)
        reports.addAction("导入旧的台账（Excel 或 CSV）…", self.open_import_register)
        reports.addAction("导出报送包…", self.open_export)
        reports.addAction("导入报送包（镇、县汇总）…", self.open_import)
        people = self.menuBar().addMenu("调解员")
        self.switch_action = people.addAction("换人（切换调解员）…", self.switch_person)
        self.lock_action = people.addAction("锁屏（暂时离开）", self.lock)
        self._show_person()
        # Idle lock: the minutes are read now and after 设置, never from the timer (a password
        # conversion may be swapping the connection at that moment).
        self.idle_minutes = idle_minutes(store)
        self.idle = IdleWatcher(lambda: self.idle_minutes, self)
        self.idle.idle.connect(self.lock)
        self._locked = False

    def lock(self) -> None:
        """Cover everything until the password (or a name) is given; nothing underneath is
        closed, so a half-filled form is there again afterwards."""
        if self._locked:
            return
        from desktop.ui.idle_lock import LockScreen

        self._locked = True
        self.idle.paused = True
        try:
            LockScreen(self.store, self).cover()
        finally:
            self._locked = False
            self.idle.paused = False
            self.idle.last_input = self.idle.clock()
            self._show_person()

    # ------------------------------------------------------------------ who is working
    def _show_person(self) -> None:
        committee = self.store.settings.committee().name
        title = f"{APP_TITLE} — {committee}" if committee else APP_TITLE
        self.setWindowTitle(f"{title} — {self.store.actor}")
        self.person.setText(f"当前调解员：\n{self.store.actor}")

    def switch_person(self) -> bool:
        """Hand over without restarting: what is typed is saved (or dropped) by its author
        first, so it never goes down under the next person's name."""
        if not self._leave_current():
            return False
        from desktop.ui.sign_in import SignInDialog

        if not SignInDialog(self.store, self, switching=True).exec():
            return False
        self._show_person()
        if not self.new_case.has_unsaved_changes():
            self.new_case.reset()  # the new case's 承办调解员 follows the person
        return True

    def show_damage(self) -> None:
        """The banner says the file is damaged and the 从备份恢复… button is in sight."""
        self.storage_banner.mark_damaged()
        self.restore_button.setVisible(True)

    def restore_now(self) -> bool:
        """从备份恢复 in the running window (after the background check found damage): the
        newest sound backup (checked with the key when the file has a password) replaces the
        file, the same Store opens it and the pages show it again."""
        from desktop.core.restore import restore_into
        from desktop.ui.restore_prompt import offer_restore

        if not self._show(self.home) or self.store.path is None:
            return False
        done = offer_restore(
            self.store.path,
            f"检查发现 {self.store.path.name} 已经损坏，里面的案件不能可靠读取。"
            "可以现在用备份把它换回来，窗口不用关。",
            self,
            key=self.store.db_key,
            restore=lambda backup: restore_into(self.store, backup),
            leave="以后再说",
        )
        if done:
            self.restore_button.setVisible(False)
            self.storage_banner.restored()
            if self.workspace is not None:
                self.pages.removeWidget(self.workspace)
                self.workspace.deleteLater()
                self.workspace = None
            self.home.refresh()
            self.cases.refresh()
        return done

    # ------------------------------------------------------------------ pages
    def _leave_current(self) -> bool:
        """True when the current page may be left (saved, discarded, or nothing pending)."""
        page = self.pages.currentWidget()
        unsaved = getattr(page, "has_unsaved_changes", None)
        if unsaved is None or not unsaved():
            return True
        answer = prompts.choose(
            self,
            APP_TITLE,
            "这一页有还没有保存的内容，要保存吗？",
            ("保存", "不保存", "取消"),
            escape=2,
        )
        if answer == 0:
            return bool(page.save())  # type: ignore[union-attr]  # has_unsaved_changes => save
        if answer == 1:
            if page is self.new_case:
                self.new_case.reset()
            return True
        return False

    def _show(self, page: QWidget) -> bool:
        if page is self.pages.currentWidget():
            return True
        if not self._leave_current():
            return False
        self.pages.setCurrentWidget(page)
        return True

    def _mark_current(self) -> None:
        page = self.pages.currentWidget()
        # A case's workspace belongs under 案件: it is where one reaches (and returns to) it.
        pages: dict[QWidget | None, str] = {self.home: "home", self.new_case: "new"}
        current = pages.get(page, "cases")
        for key, button in self.nav_buttons.items():
            button.setProperty("current", key == current)
            button.style().unpolish(button)  # a dynamic property needs a re-polish to restyle
            button.style().polish(button)

    def show_home(self) -> None:
        if self._show(self.home):
            self.home.refresh()

    def show_cases(self) -> None:
        if self._show(self.cases):
            self.cases.refresh()

    def show_new_case(self) -> None:
        self._show(self.new_case)

    def open_case(self, case_id: int) -> None:
        if not self._leave_current():
            return
        from desktop.ui.workspace import CaseWorkspace

        workspace = CaseWorkspace(self.store, case_id)
        workspace.case_changed.connect(lambda _id: self.home.refresh())
        if self.workspace is not None:
            self.pages.removeWidget(self.workspace)
            self.workspace.deleteLater()
        self.workspace = workspace
        self.pages.addWidget(workspace)
        self.pages.setCurrentWidget(workspace)

    def _created(self, case_id: int) -> None:
        self.new_case.reset()
        self.open_case(case_id)

    # ------------------------------------------------------------------ dialogs
    def open_monthly_report(self) -> None:
        from desktop.ui.report_dialog import ReportDialog

        ReportDialog(self.store, self).exec()
        if self.pages.currentWidget() is self.home:
            self.home.refresh()  # a saved report clears the month-end reminder

    def open_claims(self) -> None:
        from desktop.ui.official_dialogs import ClaimsDialog

        ClaimsDialog(self.store, self).exec()

    def open_platform(self) -> None:
        self._platform(this_month=False)

    def open_platform_this_month(self) -> None:
        """From 今日's month-end reminder: the month's cases it counted."""
        self._platform(this_month=True)

    def _platform(self, *, this_month: bool) -> None:
        from desktop.core.reports.period import Month
        from desktop.ui.official_dialogs import PlatformDialog

        month = Month.parse(self.home.today())  # the month 今日 reminded of
        PlatformDialog(self.store, self, month=month, this_month=this_month).exec()
        if self.pages.currentWidget() is self.home:
            self.home.refresh()  # entered cases clear the month-end reminder

    def open_import_register(self) -> None:
        from desktop.ui.official_dialogs import ImportRegisterDialog

        ImportRegisterDialog(self.store, self).exec()
        self.cases.refresh()

    def open_export(self) -> None:
        from desktop.ui.exchange_dialogs import ExportDialog

        ExportDialog(self.store, self).exec()

    def open_import(self) -> None:
        from desktop.ui.exchange_dialogs import ImportDialog

        ImportDialog(self.store, self).exec()
        self.cases.refresh()

    def open_settings(self) -> None:
        from desktop.ui.settings_dialog import SettingsDialog

        if SettingsDialog(self.store, self).exec():
            self.idle_minutes = idle_minutes(self.store)
            self._show_person()
            self.cases.refresh()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self._leave_current():
            self.cases.stop()
            self.idle.stop()
            event.accept()
        else:
            event.ignore()
