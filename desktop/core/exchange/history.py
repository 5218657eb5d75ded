"""A received case's history (its audit entries) joining this file's audit log: what the
package holds that this file does not, a masked copy of an entry counted as the entry."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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
    entries: list[dict[str, Any]],
    fresh: bool,
    *,
    distinct: bool = False,
) -> None:
    """Add the package's history entries this database does not hold yet. An entry counts as
    held when one at the same time, of the same entity and action, has the same detail text
    or the same text with masked characters (masked and full packages alternate).
    ``distinct``: the reader found no repeats among a new case's entries."""
    if fresh:
        # A new case: only exact repeats inside the package itself to leave out.
        seen: set[tuple[Any, ...]] = set()
        if distinct and writer.cols("audit_log") == _AUDIT_COLUMNS:
            writer.pending.setdefault("audit_log", []).extend(
                [
                    (e.get("at"), e.get("actor") or "", case_id, e.get("entity"), None)
                    + (e.get("action"), e.get("detail") or "{}")
                    for e in entries
                ]
            )
            return
        if writer.cols("audit_log") == _AUDIT_COLUMNS:
            # The row as a tuple in the table's order (16 entries per case: the dict of
            # _audit_row and its lookup were a tenth of an import's Python).
            pending = writer.pending.setdefault("audit_log", [])
            for e in entries:
                at, entity, action = e.get("at"), e.get("entity"), e.get("action")
                detail = e.get("detail") or "{}"
                key = (at, entity, action, detail)
                if key not in seen:
                    seen.add(key)
                    pending.append(
                        (at, e.get("actor") or "", case_id, entity, None, action, detail)
                    )
            return
        for e in entries:
            key = (e.get("at"), e.get("entity"), e.get("action"), e.get("detail") or "{}")
            if key not in seen:
                seen.add(key)
                writer.add("audit_log", _audit_row(case_id, e))
        return
    have: dict[tuple[Any, ...], list[str]] = {}
    for at, entity, action, detail in store.db.execute(
        "SELECT at, entity, action, detail FROM audit_log WHERE case_id = ?", [case_id]
    ):
        have.setdefault((at, entity, action), []).append(detail or "{}")
    for e in entries:
        detail = e.get("detail") or "{}"
        held = have.setdefault((e.get("at"), e.get("entity"), e.get("action")), [])
        if any(detail == h or _same_but_masked(detail, h) for h in held):
            continue
        held.append(detail)
        writer.add("audit_log", _audit_row(case_id, e))


#: audit_log's columns (without id) in the order of _audit_row's values.
_AUDIT_COLUMNS = ["at", "actor", "case_id", "entity", "entity_id", "action", "detail"]


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
