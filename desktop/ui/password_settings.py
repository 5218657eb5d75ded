"""设置 → 密码与锁屏: set, change or remove the committee password (what it means is said
plainly before it is set), print the recovery sheet, and choose after how many idle minutes
the window locks. The work is the core's (desktop/core/store/password.py)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.paths import APP_TITLE
from desktop.core.recovery_sheet import SheetFacts, write_sheet
from desktop.core.store import Store
from desktop.core.store.filecrypt import private_folder
from desktop.core.store.idle import MAX_MINUTES, MIN_MINUTES, idle_minutes, set_idle_minutes
from desktop.core.store.keyfile import db_key_from_recovery, key_id
from desktop.core.store.password import (
    WARNING,
    PendingPassword,
    begin_set_password,
    change_password,
    recovery_key_for,
    remove_password,
)
from desktop.ui import prompts
from desktop.ui.errors import FAILURES, error_label, show_error, show_failure
from desktop.ui.unlock_dialog import NewPasswordDialog
from desktop.ui.workspace.style import hint


class PasswordBox(QGroupBox):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__("密码与锁屏", parent)
        self.store = store
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.set_button = QPushButton("设置密码…")
        self.change_button = QPushButton("修改密码…")
        self.remove_button = QPushButton("取消密码…")
        self.reprint_button = QPushButton("重印恢复单…")
        self.reprint_button.clicked.connect(self.reprint_sheet)
        self.set_button.clicked.connect(self.set_password)
        self.change_button.clicked.connect(self.change_password)
        self.remove_button.clicked.connect(self.remove_password)
        self.idle = QSpinBox()
        self.idle.setRange(MIN_MINUTES, MAX_MINUTES)
        self.idle.setSuffix(" 分钟")
        self.idle.setValue(idle_minutes(store))
        self.message = error_label()
        buttons = QHBoxLayout()
        for b in (self.set_button, self.change_button, self.remove_button, self.reprint_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        idle_row = QHBoxLayout()
        idle_row.addWidget(QLabel("多久不操作就锁屏："))
        idle_row.addWidget(self.idle)
        idle_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        layout.addLayout(idle_row)
        layout.addWidget(
            hint(
                "锁屏时窗口里的案件会遮住，正在填写的内容不会丢；输入密码（没设密码的点姓名）回来。"
            )
        )
        layout.addWidget(self.message)
        self._refresh()

    def _refresh(self) -> None:
        on = self.store.db_key is not None
        self.status.setText(
            "已设密码：案件库和备份都已加密，打开时要输入密码。"
            if on
            else "未设密码：案件库没有加密，任何人拿到这台电脑或备份都能读出案件。"
        )
        self.set_button.setEnabled(not on)
        self.change_button.setEnabled(on)
        self.remove_button.setEnabled(on)
        self.reprint_button.setEnabled(on)

    def save(self) -> None:
        """Called by 设置's 保存."""
        set_idle_minutes(self.store, self.idle.value())

    # ------------------------------------------------------------------ set / change / remove
    def set_password(self) -> bool:
        """Warning → new password twice → the encrypted copy is made (the file untouched) →
        the recovery sheet is shown and the mediator says it is printed → only then the
        file is swapped. Closing the window (or a crash) before that leaves it plain."""
        buttons = ("我明白了，设置密码", "取消")
        tone = prompts.Tone.WARNING
        if prompts.choose(self, "设置密码", WARNING, buttons, escape=1, tone=tone) != 0:
            return False
        from desktop.ui.workspace.jobs import run_off_thread

        pending: list[PendingPassword] = []

        def begin(_old: str | None, new: str) -> None:
            pending.append(
                run_off_thread(
                    self,
                    "正在准备加密：先备份，再做一份加密的副本并核对，请稍候……",
                    lambda: begin_set_password(self.store, new),
                )
            )

        dialog = NewPasswordDialog("设置密码", WARNING, self, apply=begin)
        if not dialog.exec() or not pending:
            return False
        job = pending[0]
        try:
            printed = self.sheet_printed(job.recovery_key)
        except FAILURES as exc:  # the sheet could not be made: nothing is encrypted
            job.abandon()
            show_failure(self.message, exc)
            return False
        if not printed:
            job.abandon()
            prompts.tell(self, APP_TITLE, "没有设置密码，案件库和以前一样，没有加密。")
            return False
        try:
            done = run_off_thread(
                self, "正在加密案件库和备份（核对无误后才替换），请稍候……", job.finish
            )
        except FAILURES as exc:
            show_failure(self.message, exc)
            return False
        self._refresh()
        prompts.tell(
            self,
            APP_TITLE,
            "密码已设好，案件库和备份都已加密。请把打印好的恢复单锁进保险柜。"
            + ("\n" + "\n".join(done.notices) if done.notices else ""),
        )
        return True

    def sheet_printed(self, recovery_key: str) -> bool:
        """Show the sheet until the mediator says it is printed (True) or gives up (False)."""
        while True:
            self.print_sheet(recovery_key)
            clicked = prompts.choose(
                self,
                "恢复单打印好了吗？",
                "加密之前，请先把恢复单打印出来：忘了密码时，只有它能打开案件库。"
                "点“已经打印好了”才开始加密。",
                ("已经打印好了，开始加密", "再显示一次恢复单", "不设密码了"),
                escape=2,
                tone=prompts.Tone.WARNING,
            )
            if clicked == 0:
                return True
            if clicked != 1:
                return False

    def reprint_sheet(self) -> bool:
        """重印恢复单: the current password, then the same sheet again."""
        from desktop.ui.unlock_dialog import PasswordCheckDialog

        dialog = PasswordCheckDialog(
            "重印恢复单",
            "恢复单丢了或要换一张：输入现在的密码，就能再打印一张（恢复密钥和原来的一样）。",
            self,
        )
        if not dialog.exec():
            return False
        try:
            self.print_sheet(recovery_key_for(self.store, dialog.password))
        except FAILURES as exc:
            show_failure(self.message, exc)
            return False
        show_error(self.message, "")
        return True

    def print_sheet(self, recovery_key: str) -> Path:
        """The recovery sheet, written to a private temporary folder and shown with 打印; the
        file is deleted when the preview closes (it is as good as the password)."""
        # In the private folder: a crash while it is shown leaves no recovery key behind.
        folder = Path(tempfile.mkdtemp(prefix="sheet-", dir=private_folder()))
        path = write_sheet(
            folder / "案件库恢复单.pdf",
            SheetFacts(
                committee=self.store.settings.committee().name,
                db_name=self.store.path.name if self.store.path else "",
                key_id=key_id(db_key_from_recovery(recovery_key)),
                recovery_key=recovery_key,
                made_by=self.store.actor,
                made_at=self.store.now(),
            ),
        )
        self.show_sheet(path)
        return path

    def show_sheet(self, path: Path) -> None:
        from desktop.ui.workspace.pdf_print import HAVE_QTPDF, PdfPreview, preview

        if HAVE_QTPDF:
            PdfPreview(path, "案件库恢复单", 1, self).exec()
            shutil.rmtree(path.parent, ignore_errors=True)
        else:
            preview(path, "案件库恢复单", 1, self)

    def change_password(self) -> bool:
        dialog = NewPasswordDialog(
            "修改密码",
            "换成新密码后，旧密码就不能再打开案件库；恢复单不变，仍然有效。",
            self,
            ask_old=True,
            apply=lambda old, new: change_password(self.store, old, new),
        )
        if not dialog.exec():
            return False
        show_error(self.message, "")
        prompts.tell(self, APP_TITLE, "密码已修改。")
        return True

    def remove_password(self) -> bool:
        from desktop.ui.unlock_dialog import PasswordCheckDialog

        dialog = PasswordCheckDialog(
            "取消密码",
            "取消后，案件库和备份都不再加密，任何人拿到这台电脑或备份都能读出案件。请输入现在的密码确认。",
            self,
        )
        if not dialog.exec():
            return False
        from desktop.ui.workspace.jobs import run_off_thread

        try:
            notices = run_off_thread(
                self,
                "正在把案件库和备份恢复为不加密，请稍候……",
                lambda: remove_password(self.store, dialog.password),
            )
        except FAILURES as exc:
            show_failure(self.message, exc)
            return False
        self._refresh()
        prompts.tell(self, APP_TITLE, "已取消密码。恢复单作废，可以销毁。" + "\n".join(notices))
        return True
