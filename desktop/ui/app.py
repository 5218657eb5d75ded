"""Start the window: load the bundled fonts, open the committee's database (or run the first-
start dialog when there is none), and show the main window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QLocale, QTimer
from PySide6.QtWidgets import QApplication

from desktop.core.errors import DamagedError, DatabaseLockedError, MediationError
from desktop.core.paths import APP_TITLE, default_db_path, user_data_dir
from desktop.core.store import Store, open_store
from desktop.ui import prefs, prompts
from desktop.ui.fonts import load_fonts
from desktop.ui.launch_args import Leave, read
from desktop.ui.qt_translations import install_chinese
from desktop.ui.wheel_guard import install_wheel_guard

logger = logging.getLogger(__name__)


def open_or_first_start(path: Path) -> Store | None:
    """The open database, or None when the mediator closed the first-start dialog."""
    if path.exists():
        opened = open_asking_password(path)
        if opened is None:
            return None
        store = opened
        if store.settings.initialised:
            return store
        store.close()  # a file left half set up: ask again rather than show a nameless app
    from desktop.ui.first_start import FirstStartDialog

    dialog = FirstStartDialog(path)
    if dialog.exec() and dialog.store is not None:
        return dialog.store
    return None


def open_asking_password(path: Path) -> Store | None:
    """Open ``path``; when it has the committee password, ask for it (or the recovery key,
    after which a new password is set). None when the mediator chose 退出."""
    from desktop.core.store.keyfile import PasswordNeededError

    try:
        return open_store(path)
    except PasswordNeededError:
        pass
    from desktop.ui.unlock_dialog import UnlockDialog

    dialog = UnlockDialog(path, lambda pw, rk: open_store(path, password=pw, recovery_key=rk))
    if not dialog.exec():
        return None
    if dialog.damaged is not None:
        return _restore_encrypted(path, *dialog.damaged)
    if dialog.store is None:
        return None
    store = dialog.store
    if store.unlocked_by == "recovery":
        from desktop.core.store.password import change_password
        from desktop.ui.unlock_dialog import NewPasswordDialog

        NewPasswordDialog(
            "请设一个新密码",
            "已用恢复密钥打开。请设一个新密码，以后用新密码打开；恢复单仍然有效，请放回保险柜。",
            apply=lambda _old, new: change_password(store, None, new),
        ).exec()
    return store


def _restore_encrypted(
    path: Path, message: str, password: str | None, recovery: str | None
) -> Store | None:
    """The password (or recovery key) was right but the file is damaged: its backups are
    checked with the key it gave, the newest sound one is offered, and the restored file is
    opened with the same secret. None when the mediator chose 退出."""
    from datetime import datetime

    from desktop.core.store.protection import unlock
    from desktop.ui.restore_prompt import offer_restore

    key = unlock(path, password=password, recovery_key=recovery, now=datetime.now())
    if not offer_restore(path, message, key=key):
        return None
    return open_store(path, password=password, recovery_key=recovery)


def _leave_dialogs() -> None:
    from PySide6.QtWidgets import QDialog

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.reject()


def _leave(app: QApplication, leave: Leave) -> int:
    """Show the help or the refusal where the mediator can read it: on the console when there
    is one, else (the packaged window has no console: a shortcut's wrong argument printed
    nowhere and the app simply did not start) in a box."""
    stream = sys.stdout if leave.code == 0 else sys.stderr
    if stream is not None:
        stream.write(leave.text)
        stream.flush()
        return leave.code
    load_fonts(app, prefs.point_size())
    install_chinese(app)
    tone = prompts.Tone.NOTICE if leave.code == 0 else prompts.Tone.FAILURE
    prompts.tell(None, APP_TITLE, leave.text.strip(), tone=tone)
    return leave.code


def main(argv: list[str] | None = None) -> int:
    got = read(argv)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    if isinstance(got, Leave):
        return _leave(app, got)
    args = got
    load_fonts(app, prefs.point_size())
    from PySide6.QtGui import QIcon

    from desktop.core.paths import resource

    app.setWindowIcon(QIcon(str(resource("icons", "wusong.png"))))  # taskbar and title bar
    install_chinese(app)  # Qt's own dialogs and menus in Chinese
    install_wheel_guard(app)  # the wheel scrolls forms, never a drop-down under the pointer
    # The demo lives in its own file, so trying the app never mixes made-up cases into the
    # committee's real records.
    path = args.db or (user_data_dir() / "wusong-demo.sqlite" if args.demo else default_db_path())
    if args.quit_after:
        # Smoke tests: a dialog still open then (sign-in, password) is left as if by Esc.
        QTimer.singleShot(args.quit_after, _leave_dialogs)
    try:
        if args.demo and not path.exists():
            from desktop.core.demo import generate

            store: Store | None = open_store(path)
            generate(store, 300, seed=1)  # type: ignore[arg-type]
        else:
            store = open_or_first_start(path)
    except DatabaseLockedError as exc:
        prompts.tell(None, APP_TITLE, exc.message, tone=prompts.Tone.FAILURE)
        return 1
    except DamagedError as exc:
        # A damaged file: offer a backup in its place rather than leave the mediator stuck.
        from desktop.ui.restore_prompt import offer_restore

        if not (path.exists() and offer_restore(path, exc.message)):
            return 1
        try:
            store = open_asking_password(path)  # the backup put back may have a password
        except MediationError as again:
            prompts.tell(None, APP_TITLE, again.message, tone=prompts.Tone.FAILURE)
            return 1
    except MediationError as exc:
        prompts.tell(None, APP_TITLE, exc.message, tone=prompts.Tone.FAILURE)
        return 1
    except Exception as exc:  # noqa: BLE001 - before the window exists: its last resort
        # The packaged window has no console: an error here closed it without a word.
        from desktop.ui.last_resort import sentence

        said = sentence(exc, path.name, action=f"打开案件库 {path.name}")
        prompts.tell(None, APP_TITLE, said, tone=prompts.Tone.FAILURE)
        return 1
    if store is None:
        return 0
    from desktop.ui.sign_in import SignInDialog

    # Who is working, before any case is shown: every change from now on carries this name.
    if not SignInDialog(store).exec():
        store.close()
        return 0
    from desktop.ui.main_window import MainWindow

    window = MainWindow(store)
    window.showMaximized()  # the whole screen: no small window to hunt for on a laptop
    if not args.quit_after:
        window.storage_banner.start_check()  # background check + the day's automatic backup
    if args.quit_after:
        QTimer.singleShot(args.quit_after, window.close)
        QTimer.singleShot(args.quit_after + 200, app.quit)
    from desktop.ui.last_resort import LastResort

    last_resort = LastResort(window)  # an uncaught error: one sentence, never a traceback
    last_resort.install()
    try:
        return app.exec()
    finally:
        last_resort.uninstall()
        window.storage_banner.stop()
        store.close()
