"""The window's last line of defence: an exception no action caught (an SQLite error raised by
a read in a slot — a damaged page of a file too big for the check at open —, a bug) becomes ONE
Chinese sentence in a message box, naming the case file, instead of a traceback on a console
the mediator never sees and an action that silently did nothing. Damage also puts the banner's
"从备份恢复…" button in sight. The traceback goes to the log (desktop/core/unexpected.py)."""

from __future__ import annotations

import sys
from types import TracebackType
from typing import TYPE_CHECKING

from desktop.core.errors import DamagedError
from desktop.core.paths import APP_TITLE
from desktop.core.store.casedb import as_store_error
from desktop.ui import prompts
from desktop.ui.errors import explain

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


def sentence(exc: BaseException, file_name: str, action: str = "刚才的操作") -> str:
    """The one sentence for any exception; SQLite's errors about the file name ``file_name``;
    anything unforeseen says ``action`` did not get done. The detail goes to the log only."""
    from desktop.core.errors import MediationError
    from desktop.core.unexpected import is_file_fault, record, unexpected

    if isinstance(exc, MediationError | OSError):
        return explain(exc)
    found = as_store_error(exc, file_name) if is_file_fault(exc) else None
    if found is not None:
        record(exc, f"{action}（{file_name}）")
        return found.message
    return unexpected(action, exc, unchanged="已保存的内容不受影响").message


class LastResort:
    """Installed as ``sys.excepthook`` while the main window runs (``install``/``uninstall``)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.previous = sys.excepthook

    def install(self) -> None:
        self.previous = sys.excepthook
        sys.excepthook = self.hook

    def uninstall(self) -> None:
        if sys.excepthook == self.hook:
            sys.excepthook = self.previous

    def hook(self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if not isinstance(exc, Exception):  # Ctrl+C and the like: as Python does
            self.previous(kind, exc, tb)
            return
        path = self.window.store.path
        name = path.name if path else "案件库"
        if isinstance(as_store_error(exc, name), DamagedError):
            self.window.show_damage()
        prompts.tell(self.window, APP_TITLE, sentence(exc, name), tone=prompts.Tone.FAILURE)
