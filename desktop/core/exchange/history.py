"""A received case's history (its audit entries) joining this file's audit log: what the
package holds that this file does not, a masked copy of an entry counted as the entry."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import orjson

from desktop.core.store import audit

if TYPE_CHECKING:
    from desktop.core.exchange.rows import Writer
    from desktop.core.store.store import Store


def _same_but_masked(a: str, b: str) -> bool:
    """The same text, one of them (or both) with characters hidden by ``*``: a history entry
    received once from a masked package and once from a full one."""
    if len(a) != len(b) or ("*" not in a and "*" not in b):
        return False
    return all(x == y or x == "*" or y == "*" for x, y in zip(a, b, strict=True))


def append_audit(
    store: Store,
    writer: Writer,
    case_id: int,
    entries: list[dict[str, Any]] | None,
    fresh: bool,
    *,
    distinct: bool = False,
    text: bytes | None = None,
) -> None:
    """Add the package's history entries (the line's "audit") this database does not hold yet.

    A new case (``fresh``) keeps them as received, one ``received_audit`` row (m0017) with the
    list's JSON text, leaving out only exact repeats inside the package (same time, entity,
    action and detail). ``text``: the list as the reader serialised it (``entries`` is then
    None; the writer does not parse it), taken as it is when ``distinct`` (the reader found no
    repeats). Any other case gets audit_log rows for the entries it does not hold: an entry
    counts as held when one at the same time, of the same entity and action, has the same
    detail text or the same text with masked characters (masked and full packages alternate)."""
    if fresh:
        if text is None or not distinct:
            if entries is None:
                entries = orjson.loads(text or b"[]")
            seen: set[tuple[Any, ...]] = set()
            kept = []
            for e in entries:
                key = (e.get("at"), e.get("entity"), e.get("action"), e.get("detail") or "{}")
                if key not in seen:
                    seen.add(key)
                    kept.append(e)
            text = orjson.dumps(kept) if kept else None
        if text is not None and text != b"[]":
            writer.pending.setdefault("received_audit", []).append((case_id, text))
        return
    if entries is None:
        entries = orjson.loads(text or b"[]")
    have: dict[tuple[Any, ...], list[str]] = {}
    for at, entity, action, detail in store.db.execute(
        "SELECT at, entity, action, detail FROM audit_log WHERE case_id = ?", [case_id]
    ):
        have.setdefault((at, entity, action), []).append(detail or "{}")
    for e in audit.received(store.db, [case_id]).get(case_id, []):
        have.setdefault((e["at"], e["entity"], e["action"]), []).append(e["detail"])
    for e in entries:
        detail = e.get("detail") or "{}"
        held = have.setdefault((e.get("at"), e.get("entity"), e.get("action")), [])
        if any(detail == h or _same_but_masked(detail, h) for h in held):
            continue
        held.append(detail)
        writer.add("audit_log", _audit_row(case_id, e))


def _audit_row(case_id: int, e: dict[str, Any]) -> dict[str, Any]:
    return {
        "at": e.get("at"),
        "actor": e.get("actor") or "",
        "case_id": case_id,
        "entity": e.get("entity"),
        "entity_id": None,
        "action": e.get("action"),
        "detail": e.get("detail") or "{}",
    }
