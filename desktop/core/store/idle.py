"""After how many minutes without input the window locks (设置 → 密码与锁屏). Kept in the
committee's database (``settings`` key ``lock.idle_minutes``), so an encrypted file keeps it
encrypted and every window on the file uses the same."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from desktop.core.errors import ValidationError
from desktop.core.store import audit

if TYPE_CHECKING:
    from desktop.core.store.store import Store

KEY = "lock.idle_minutes"
DEFAULT_MINUTES = 10
MIN_MINUTES, MAX_MINUTES = 1, 120


def idle_minutes(store: Store) -> int:
    """Minutes without input before the window locks (default 10)."""
    row = store.db.execute("SELECT value FROM settings WHERE key = ?", [KEY]).fetchone()
    try:
        value = int(json.loads(row[0])) if row else DEFAULT_MINUTES
    except (TypeError, ValueError):
        return DEFAULT_MINUTES
    return min(max(value, MIN_MINUTES), MAX_MINUTES)


def set_idle_minutes(store: Store, minutes: int) -> int:
    """Store the lock time (1 to 120 minutes; audit-logged when it changes). Raises
    ValidationError outside that range."""
    if not MIN_MINUTES <= int(minutes) <= MAX_MINUTES:
        raise ValidationError(
            f"锁屏时间只能是 {MIN_MINUTES} 到 {MAX_MINUTES} 分钟。", field="idle_minutes"
        )
    old = idle_minutes(store)
    if old == int(minutes):
        return old
    with store.db.atomic():
        store.db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [KEY, json.dumps(int(minutes))],
        )
        audit.write(
            store.db,
            at=store.timestamp(),
            actor=store.actor,
            case_id=None,
            entity="settings",
            entity_id=None,
            action="update",
            detail={"idle_minutes": [old, int(minutes)]},
        )
    return int(minutes)
