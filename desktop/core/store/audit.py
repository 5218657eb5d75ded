"""The append-only audit log. Writers call :func:`write` inside their own transaction, so a
change and its log entry are committed together or not at all."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

import orjson
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


def received(db: Database, case_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    """The 操作记录 each of ``case_ids`` brought when it was received as a new case (table
    ``received_audit``, migration m0017), each entry as an audit_log row holds a received one
    (columns at, actor, entity, entity_id, action, detail; no id or case_id): ``{case_id:
    [entry, …]}`` in the order received; a case that brought none is absent. Entries received
    before m0017 are audit_log rows and not here."""
    out: dict[int, list[dict[str, Any]]] = {}
    if not case_ids or not has_received(db):
        return out
    for start in range(0, len(case_ids), 500):
        some = list(case_ids[start : start + 500])
        marks = ",".join("?" * len(some))
        for case_id, text in db.execute(
            f"SELECT case_id, entries FROM received_audit WHERE case_id IN ({marks})"
            " ORDER BY case_id, id",
            some,
        ):
            out.setdefault(case_id, []).extend(map(_as_row, orjson.loads(text)))
    return out


def has_received(db: Database) -> bool:
    """Whether the file has the table ``received_audit`` (m0017)."""
    # A file of an older release opened read-only is not upgraded: it has no received_audit
    # (its received entries are all in audit_log).
    return (
        db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'received_audit'"
        ).fetchone()
        is not None
    )


def _as_row(entry: dict[str, Any]) -> dict[str, Any]:
    # What the import wrote into audit_log for a received entry before m0017 (history.py):
    # the sender's own entity_id means nothing here; the text defaults as the column's do.
    return {
        "at": entry.get("at"),
        "actor": entry.get("actor") or "",
        "entity": entry.get("entity"),
        "entity_id": None,
        "action": entry.get("action"),
        "detail": entry.get("detail") or "{}",
    }


def history(db: Database, case_id: int) -> list[AuditEntry]:
    """The case's 操作记录, oldest first: what it brought when received (:func:`received`; id
    0, as those entries have no row of their own), then audit_log's rows in the order written.
    Each entry's detail is a dict (see :func:`detail_of`)."""
    first = [
        AuditEntry(
            0, e["at"], e["actor"], case_id, e["entity"], None, e["action"], detail_of(e["detail"])
        )
        for e in received(db, [case_id]).get(case_id, [])
    ]
    rows = db.execute(
        "SELECT id, at, actor, case_id, entity, entity_id, action, detail FROM audit_log"
        " WHERE case_id = ? ORDER BY id",
        [case_id],
    ).fetchall()
    return first + [
        AuditEntry(r[0], r[1], r[2], r[3], r[4], r[5], r[6], detail_of(r[7])) for r in rows
    ]


#: The key a detail that is not a JSON object is shown under (see :func:`detail_of`).
OTHER_DETAIL = "详情"


def detail_of(text: str) -> dict[str, Any]:
    """An entry's detail text as the dict every reader of the history expects. This program
    writes a JSON object, but the package format lets a received entry's detail be any text
    (case-line.schema.json, "detail": string): another text — not JSON, or JSON that is not an
    object (a number, a list, null) — is kept whole under ``OTHER_DETAIL``, so the case's
    timeline and its documents still show, never a crash. (What is sent on is the text as
    received: the export reads the rows, not this.)"""
    try:
        value = json.loads(text)
    except (TypeError, ValueError, RecursionError):  # not text, not JSON, nested too deep
        return {OTHER_DETAIL: text}
    return value if isinstance(value, dict) else {OTHER_DETAIL: value}


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
    "import": "导入",
    "import_register": "导入台账",
    "sign_in": "登录",
    "password_set": "设置密码",
    "password_change": "修改密码",
    "password_remove": "取消密码",
}
