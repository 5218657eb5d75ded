"""Performance of agreement terms (人民调解法 第31条: the committee supervises performance),
term by term.

A term has a kind: 给付 (pay or hand over; may have an amount), 行为 (do something once) or
持续义务 (a continuing duty such as 不得设置障碍: no deadline, nothing to tick off). A 收条 names
the term it performs; a 回访 records 已履行 (every term done) or, for 部分履行, the numbers of the
terms done. What stays open keeps its reminder, even after archiving with a recorded reason
(e.g. 申请强制执行). Pure functions over plain values, so the deadline list, the window and the
self-check ask the same thing."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

PAYMENT, ACT, DUTY = "给付", "行为", "持续义务"
KINDS = (PAYMENT, ACT, DUTY)

_NUMBER = re.compile(r"\d+")


def needs_deadline(kind: str | None) -> bool:
    """A continuing duty has no deadline; every other term (and one of no recorded kind, as
    made by older versions) needs one."""
    return (kind or "") != DUTY


def performed_numbers(text: str | None) -> set[int]:
    """The term numbers a visit lists as done (``1、3`` / ``第1项，第3项`` / ``1,3``)."""
    return {int(n) for n in _NUMBER.findall(text or "")}


def open_terms(
    terms: Iterable[Mapping[str, Any]],
    receipts: Iterable[Mapping[str, Any]],
    visits: Iterable[Mapping[str, Any]],
) -> list[int]:
    """The ``seq`` of every term still to be performed, in order. ``terms`` need seq, kind and
    amount (fen); ``receipts`` term_seq and amount (fen); ``visits`` performance and
    performed_terms. A continuing duty is never open (it has nothing to finish)."""
    visits = list(visits)
    if any(v.get("performance") == "已履行" for v in visits):
        return []
    done: set[int] = set()
    for v in visits:
        if v.get("performance") == "部分履行":
            done |= performed_numbers(v.get("performed_terms"))
    paid: dict[int, int] = {}
    receipted: set[int] = set()
    for r in receipts:
        seq = r.get("term_seq")
        if seq is None:
            continue
        receipted.add(int(seq))
        paid[int(seq)] = paid.get(int(seq), 0) + int(r.get("amount") or 0)
    out: list[int] = []
    for t in terms:
        seq = int(t["seq"])
        if not needs_deadline(t.get("kind")) or seq in done:
            continue
        amount = t.get("amount")
        if seq in receipted and (amount is None or paid.get(seq, 0) >= int(amount)):
            continue
        out.append(seq)
    return out
