"""What several rows show in one 台账 cell: the parties of a side and the agreement's terms,
read for a batch of cases by one query each (register_values makes the rows).

Several parties on one side (two 申请人) are written in one cell each, in the parties' order,
joined by "、" — the names, the ID numbers and the phones alike, so the n-th number belongs to
the n-th name; a party without a number shows “无” in that cell when the side has several
parties (so the positions still match). ``register_import`` reads such cells back the same way.
The terms are numbered in one cell (协议内容), their manner and deadline in another."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from desktop.core.reports.register_documents import document_cell
from desktop.core.validation.idcard import CHECKED_ID_TYPES, mask_id_number
from desktop.core.validation.phone import mask_phone

if TYPE_CHECKING:
    from desktop.core.store.store import Store

#: Separator of several parties' names / numbers in one cell, and the mark of a missing number.
PARTY_SEPARATOR = "、"
NO_NUMBER = "无"
#: The sides, in the order their (names, numbers, phones) follow one another.
ROLES = ("申请人", "被申请人", "第三人")
NO_PARTIES: tuple[str, ...] = ("",) * 9
NO_TERMS: tuple[str, str, Decimal | None] = ("", "", None)


def party_cells(
    store: Store, marks: str, chunk: list[int], *, mask: bool
) -> dict[int, tuple[str, ...]]:
    """case id -> (names, numbers, phones) of 申请人, 被申请人 and 第三人, one after another."""
    sides: dict[tuple[int, str], list[tuple[str, str, str]]] = {}
    for case_id, role, name, id_number, id_type, credit, phone in store.db.execute(
        "SELECT case_id, role, name, id_number, id_type, credit_code, phone FROM parties"
        f" WHERE case_id IN ({marks}) ORDER BY case_id, seq",
        chunk,
    ):
        number = id_number or credit  # organisations carry a credit code, not an ID number
        if mask and id_number:
            number = mask_id_number(id_number)
        if id_number and id_type and id_type not in CHECKED_ID_TYPES:
            number = document_cell(number, id_type)  # a passport's type is not in its number
        if mask and phone:
            phone = mask_phone(phone)
        sides.setdefault((case_id, role), []).append((name, number or "", phone or ""))
    out: dict[int, tuple[str, ...]] = {}
    for (case_id, role), people in sides.items():
        if role in ROLES:
            at = ROLES.index(role) * 3
            cells = out.get(case_id, NO_PARTIES)
            out[case_id] = cells[:at] + side_cells(people) + cells[at + 3 :]
    return out


def side_cells(people: list[tuple[str, str, str]]) -> tuple[str, str, str]:
    """(names, numbers, phones) of one side, each joined by 、 in the parties' order; with
    several parties a missing number is “无” so the n-th number stays the n-th person's."""
    if len(people) == 1:
        return people[0]
    names = PARTY_SEPARATOR.join(p[0] for p in people)
    numbers = [p[1] for p in people]
    phones = [p[2] for p in people]
    return (
        names,
        PARTY_SEPARATOR.join(n or NO_NUMBER for n in numbers) if any(numbers) else "",
        PARTY_SEPARATOR.join(n or NO_NUMBER for n in phones) if any(phones) else "",
    )


def term_cells(
    store: Store, marks: str, chunk: list[int]
) -> dict[int, tuple[str, str, Decimal | None]]:
    """case id -> (协议内容, 履行方式/期限, 协议金额 in yuan) of its terms."""
    terms: dict[int, list[tuple[str, str, int | None, str, str | None]]] = {}
    for case_id, *term in store.db.execute(
        "SELECT case_id, content, obligor, amount_fen, manner, deadline FROM terms"
        f" WHERE case_id IN ({marks}) ORDER BY case_id, seq",
        chunk,
    ):
        terms.setdefault(case_id, []).append(tuple(term))
    out: dict[int, tuple[str, str, Decimal | None]] = {}
    for case_id, items in terms.items():
        content, manner = terms_text(items)
        out[case_id] = (content, manner, yuan(sum(t[2] or 0 for t in items)))
    return out


def terms_text(terms: list[tuple[str, str, int | None, str, str | None]]) -> tuple[str, str]:
    """(协议内容, 履行方式/期限) of a case's terms (content, obligor, amount in fen, manner,
    deadline), each numbered in one cell: “1. 内容（履行人X，75.00元）” and “1. 转账，2026-10-20前”,
    a part left out when it was not recorded."""
    content, manner = [], []
    for i, (text, obligor, amount, how, deadline) in enumerate(terms, start=1):
        money = _yuan_text(amount) if amount else ""
        if obligor and money:
            extra = f"（履行人{obligor}，{money}元）"
        elif obligor:
            extra = f"（履行人{obligor}）"
        else:
            extra = f"（{money}元）" if money else ""
        content.append(f"{i}. {text}{extra}")
        if how and deadline:
            manner.append(f"{i}. {how}，{deadline}前")
        elif how or deadline:
            manner.append(f"{i}. {how}" if how else f"{i}. {deadline}前")
        else:
            manner.append(f"{i}. ")
    return "\n".join(content), "\n".join(manner)


def _yuan_text(fen: int) -> str:
    """Fen as yuan with two decimals (“7500.00”), exactly."""
    if type(fen) is int and fen >= 0:
        whole, cents = divmod(fen, 100)
        return f"{whole}.{cents:02d}"
    return f"{Decimal(fen) / 100:.2f}"


def yuan(fen: int | None) -> Decimal | None:
    return None if fen is None else Decimal(fen) / 100
