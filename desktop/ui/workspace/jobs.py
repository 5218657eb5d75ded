"""Run slow work (making PDFs and Word files) off the GUI thread behind a progress dialog, so
the window keeps repainting; the caller gets the result (or the exception) back as if it had
called the function itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, Qt, QThread
from PySide6.QtWidgets import QProgressDialog, QWidget

#: Work this quick never shows the dialog (no flicker for a one-page form).
SHOW_AFTER_MS = 400


class _Worker(QThread):
    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self.fn()
        except BaseException as exc:  # noqa: BLE001 - handed back to the GUI thread as is
            self.error = exc


def run_off_thread(parent: QWidget | None, label: str, fn: Callable[[], Any]) -> Any:
    """The dialog is window-modal: the mediator cannot change the case while its documents are
    being written from it (the store is shared with the worker)."""
    worker = _Worker(fn)
    progress = QProgressDialog(label, "", 0, 0, parent)
    progress.setWindowTitle("请稍候")
    progress.setCancelButton(None)  # writing a file half-way is not worth offering to stop
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(SHOW_AFTER_MS)
    loop = QEventLoop()
    worker.finished.connect(loop.quit)
    worker.start()
    if not worker.isFinished():
        loop.exec()
    worker.wait()
    progress.close()
    progress.deleteLater()
    if worker.error is not None:
        raise worker.error
    return worker.result
