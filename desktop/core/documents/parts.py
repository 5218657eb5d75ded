"""Pieces several forms share: the document with its running header, the parties' signature
blocks and the party rows of a form grid (one row per party, labelled with its role)."""

from __future__ import annotations

from desktop.core.documents.context import CaseContext, describe_party
from desktop.core.documents.model import Block, DocumentModel, Signer


def doc(
    ctx: CaseContext, form: str, name: str, blocks: list[Block], footer_note: str = ""
) -> DocumentModel:
    return DocumentModel(
        form=form,
        name=name,
        blocks=tuple(blocks),
        header=f"{ctx.committee_name}　{ctx.case.case_no}",
        footer_note=footer_note,
    )


def party_signers(ctx: CaseContext) -> tuple[Signer, ...]:
    return tuple(
        Signer(p.role, p.name, organisation=p.is_organisation, representative=p.legal_rep or "")
        for p in ctx.detail.parties
    )


def party_rows(ctx: CaseContext, roles: tuple[str, ...] = ()) -> tuple[tuple[tuple[str, str]], ...]:
    """One grid row per party, labelled with the party's role (申请人/被申请人/第三人): a row
    never splits across pages and 13 parties are 13 rows of the table, never a loose
    paragraph under it."""
    return tuple(
        ((p.role, describe_party(p)),) for p in ctx.detail.parties if not roles or p.role in roles
    )
