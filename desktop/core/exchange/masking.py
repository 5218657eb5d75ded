"""Masked packages (issue 12 point 5): ID numbers, phones and addresses hidden, in the
parties and wherever else the full values occur in a line."""

from __future__ import annotations

from typing import Any

from desktop.core.validation.idcard import mask_id_number
from desktop.core.validation.phone import mask_phone


def mask_line(line: dict[str, Any]) -> dict[str, Any]:
    """The line with its parties masked and every other occurrence of their full ID numbers,
    phones and addresses (the audit trail's details, step texts, facts) replaced by the
    masked form, so no full value leaves in a masked package."""
    swaps: dict[str, str] = {}
    for party in line["parties"]:
        masked = mask_party(party)
        for key in ("id_number", "phone", "agent_phone", "address"):
            full = str(party.get(key) or "")
            if len(full) >= 4 and masked.get(key) != full:
                swaps[full] = str(masked[key])
    ordered = sorted(swaps, key=len, reverse=True)  # an address may contain a shorter value
    out: dict[str, Any] = _scrub({k: v for k, v in line.items() if k != "parties"}, ordered, swaps)
    out["parties"] = [mask_party(p) for p in line["parties"]]
    return out


def _scrub(value: Any, ordered: list[str], swaps: dict[str, str]) -> Any:
    """``value`` with every full value of ``ordered`` replaced by its masked form (``swaps``),
    in every text of it, however nested."""
    # A module function, not a closure calling itself: that closure was a reference cycle
    # left by every call, kept until the cyclic collector ran — and an import pauses it
    # (collector.py) while comparing every line of a masked package with a full one here.
    if isinstance(value, str):
        for full in ordered:
            if full in value:
                value = value.replace(full, swaps[full])
        return value
    if isinstance(value, dict):
        return {k: _scrub(v, ordered, swaps) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub(v, ordered, swaps) for v in value]
    return value


def mask_party(party: dict[str, Any]) -> dict[str, Any]:
    """A party as a masked package carries it: ID number (region and last 4), phones (first 3
    and last 4) and address (the first 6 characters) hidden; issue 12 point 5."""
    out = dict(party)
    if out.get("id_number"):
        out["id_number"] = mask_id_number(str(out["id_number"]))
    for key in ("phone", "agent_phone"):
        if out.get(key):
            out[key] = mask_phone(str(out[key]))
    if out.get("address"):
        out["address"] = mask_address(str(out["address"]))
    return out


def mask_address(address: str) -> str:
    """Keep the first 6 characters (township and village), hide the rest."""
    return address[:6] + "*" * max(len(address) - 6, 0)
