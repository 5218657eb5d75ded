"""The append-only audit log. Writers call :func:`write` inside their own transaction, so a
change and its log entry are committed together or not at all."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlite_utils import Database

from desktop.core.models import AuditEntry


def _json_default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    return str(value)


def write(
    db: Database,
    *,
    at: str,
    actor: str,
    case_id: int | None,
    entity: str,
    entity_id: int | None,
    action: str,
    detail: dict[str, Any] | None = None,
) -> None:
    if not db.conn.in_transaction:
        raise RuntimeError("audit entries must be written inside the change's transaction")
    db.execute(
        "INSERT INTO audit_log (at, actor, case_id, entity, entity_id, action, detail)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            at,
            actor,
            case_id,
            entity,
            entity_id,
            action,
            json.dumps(detail or {}, ensure_ascii=False, default=_json_default),
        ],
    )


def diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for the fields that changed."""
    return {k: [old.get(k), v] for k, v in new.items() if old.get(k) != v}


def history(db: Database, case_id: int) -> list[AuditEntry]:
    rows = db.execute(
        "SELECT id, at, actor, case_id, entity, entity_id, action, detail FROM audit_log"
        " WHERE case_id = ? ORDER BY id",
        [case_id],
    ).fetchall()
    return [AuditEntry(r[0], r[1], r[2], r[3], r[4], r[5], r[6], json.loads(r[7])) for r in rows]


#: Chinese words for the timeline.
ACTION_NAMES = {
    "create": "新建",
    "update": "修改",
    "delete": "删除",
    "complete_step": "完成步骤",
    "escalate": "上报/移交",
    "terminate": "终止调解",
    "extend": "延长期限",
    "attach": "添加附件",
    "document": "生成文书",
    "sign_in": "登录",
    "password_set": "设置密码",
    "password_change": "修改密码",
    "password_remove": "取消密码",
}
