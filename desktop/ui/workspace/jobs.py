"""Run slow work (making PDFs and Word files) off the GUI thread behind a progress dialog, so
the window keeps repainting; the caller gets the result (or the exception) back as if it had
called the function itself."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

#: Work this quick never shows the dialog (no flicker for a one-page form).
SHOW_AFTER_MS = 400
#: How often the GUI thread looks whether the work has finished.
POLL_MS = 20


def run_off_thread(parent: QWidget | None, label: str, fn: Callable[[], Any]) -> Any:
    """Run ``fn()`` on a plain Python thread and return its result (or raise its exception).

    The worker is a ``threading.Thread``, not a ``QThread`` subclass: the work is Qt-free core
    code, and a Python ``run`` override called back from a thread Qt created is where PySide6
    6.12 on Python 3.11 was seen to crash while the GUI thread collected garbage. The GUI
    thread waits in an event loop and polls, so nothing of Qt is touched from the worker.
    The dialog is window-modal: the mediator cannot change the case while its documents are
    being written from it (the store is shared with the worker)."""
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["result"] = fn()
        except BaseException as exc:  # noqa: BLE001 - handed back to the GUI thread as is
            outcome["error"] = exc

    worker = threading.Thread(target=work, name="wusong-job", daemon=True)
    progress = QProgressDialog(label, "", 0, 0, parent)
    progress.setWindowTitle("请稍候")
    progress.setCancelButton(None)  # writing a file half-way is not worth offering to stop
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(SHOW_AFTER_MS)
    worker.start()
    worker.join(0.05)  # most forms are done before the event loop would even start
    if worker.is_alive():
        loop = QEventLoop()
        timer = QTimer()
        timer.setInterval(POLL_MS)
        timer.timeout.connect(lambda: None if worker.is_alive() else loop.quit())
        timer.start()
        loop.exec()
        timer.stop()
    worker.join()
    progress.close()
    progress.deleteLater()
    if "error" in outcome:
        raise _told(label, outcome["error"])
    return outcome.get("result")


def _told(label: str, exc: BaseException) -> BaseException:
    """The exception the caller gets: the core's refusals, the disk's and SQLite's as they are
    (the caller's seam or the last resort words them, naming the file); anything unforeseen
    as one sentence naming the job (“导出报送包没有完成…”), its detail in the log only, so
    the caller's red line shows it instead of a generic box."""
    from desktop.core.errors import MediationError
    from desktop.core.unexpected import is_file_fault, unexpected

    if not isinstance(exc, Exception) or isinstance(exc, MediationError | OSError):
        return exc
    if is_file_fault(exc):
        return exc
    action = label.removeprefix("正在").split("，")[0].split("……")[0].strip() or "这一步操作"
    return unexpected(action, exc, unchanged="已保存的内容不受影响")
