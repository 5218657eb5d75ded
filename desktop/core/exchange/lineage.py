"""Ordering versions of a case by lineage, never by a clock.

A version vector maps committee_id -> that committee's revision of the case (a per-case
counter every change advances, see migration m0006). Vector A contains B when every entry of
B is <= A's: then A saw everything B saw. Neither containing the other means both sides
changed since what they share: a real conflict."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

Order = Literal["same", "newer", "older", "concurrent"]


def compare(incoming: Mapping[str, int], local: Mapping[str, int]) -> Order:
    """How ``incoming`` relates to ``local``: "newer" (contains it and more), "older"
    (contained in it), "same", or "concurrent"."""
    keys = set(incoming) | set(local)
    ahead = any(incoming.get(k, 0) > local.get(k, 0) for k in keys)
    behind = any(incoming.get(k, 0) < local.get(k, 0) for k in keys)
    if ahead and behind:
        return "concurrent"
    if ahead:
        return "newer"
    if behind:
        return "older"
    return "same"
