"""The yellow line above the pages: why the case file is read-only (a read-only folder, a full
disk), a stray journal set aside, a wrong clock, the background check's findings, and a
reminder when no backup has gone to another drive (a USB stick) for a month. The check runs
on a worker thread after start (desktop.core.store.health) so the window opens at once."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from desktop.core.store import Store
from desktop.core.store.backups import last_offsite
from desktop.core.store.health import Health, check_and_back_up

BANNER_CSS = "background: #fff3c4; color: #5d4000; padding: 8px; font-weight: bold;"
OFFSITE_DAYS = 30


def storage_lines(store: Store) -> list[str]:
    """What the banner says for a freshly opened store (empty: no banner)."""
    lines = []
    if store.readonly_reason:
        lines.append(store.readonly_reason)
    lines += store.notices
    if store.path is not None and store.readonly_reason is None:
        last = last_offsite(store.path)
        now = store.now()
        since = last or _first_use(store)
        if since is not None and now - since > timedelta(days=OFFSITE_DAYS):
            lines.append(
                "已经一个多月没有把案件库备份到U盘或别的磁盘了：请插上U盘，在“设置”里把备份文件夹选到U盘，点“立即备份”。"
            )
    return lines


def _first_use(store: Store) -> datetime | None:
    """When the file got its first change (the first audit entry, by rowid: O(1))."""
    row = store.db.execute("SELECT at FROM audit_log ORDER BY id LIMIT 1").fetchone()
    try:
        return datetime.fromisoformat(row[0]) if row else None
    except ValueError:
        return None


class _Relay(QObject):
    done = Signal(object)


class StorageBanner(QLabel):
    """Shows :func:`storage_lines`; ``damaged`` fires with the problems the check found."""

    damaged = Signal(list)
    checked = Signal(object)  # the Health of every finished background check

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWordWrap(True)
        self.setStyleSheet(BANNER_CSS)
        self._lines = storage_lines(store)
        self._relay = _Relay(self)  # owned by the banner: deleted with it, never twice
        self._relay.done.connect(self._checked)
        self._stop = False
        self._show()

    def _show(self) -> None:
        self.setText("\n".join(self._lines))
        self.setVisible(bool(self._lines))

    def start_check(self, delay_ms: int = 3000) -> None:
        """Run the background check (and the day's backup) shortly after the window shows."""
        if self.store.path is None:
            return
        QTimer.singleShot(delay_ms, self._launch)

    def _launch(self) -> None:
        path, now = self.store.path, self.store.now()
        assert path is not None

        def work() -> None:
            result = check_and_back_up(path, now, stop=lambda: self._stop, key=self.store.db_key)
            if not self._stop:
                self._relay.done.emit(result)

        threading.Thread(target=work, name="wusong-health", daemon=True).start()

    def stop(self) -> None:
        self._stop = True

    def _checked(self, result: Health) -> None:
        self.checked.emit(result)
        if result.note:
            self._lines.append(result.note)
            self._show()
        if result.problems:
            self._lines.insert(0, damaged_line(self.store))
            self._show()
            self.damaged.emit(list(result.problems))

    def mark_damaged(self) -> None:
        """Damage found outside the background check (a read that failed): say so once."""
        if damaged_line(self.store) not in self._lines:
            self._lines.insert(0, damaged_line(self.store))
            self._show()

    def restored(self) -> None:
        """The file was restored from a backup in the running window: the damage is gone."""
        self._lines = [line for line in self._lines if line != damaged_line(self.store)]
        self._show()


def damaged_line(store: Store) -> str:
    name = store.path.name if store.path else "案件库"
    return f"检查发现 {name} 已经损坏，请尽快点下面的“从备份恢复…”（不用关窗口）。"
