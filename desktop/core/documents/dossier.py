"""Building a document model for a case: one form, or the bound 卷宗 (cover, 卷内目录 with page
numbers, every applicable form, back cover). Page numbers come from laying each form out as a
PDF, the format the 卷宗 is printed in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.core.documents.catalog import DOSSIER, forms_for_case, resolve_form
from desktop.core.documents.context import CaseContext, make_context
from desktop.core.documents.forms import BUILDERS, back_cover, cover
from desktop.core.documents.model import Block, DocumentModel, PageBreak, Table, Title

if TYPE_CHECKING:
    from desktop.core.store.store import Store

#: In the bound 卷宗 the cover and this contents page come first, so documents start on page 3.
FIRST_PAGE = 3
#: Made by this module from the others, not by a form builder on its own.
_FRAME = ("cover", "contents", "back_cover")


def _paged_forms(ctx: CaseContext) -> list[tuple[DocumentModel, int]]:
    """Each applicable document (not cover, contents or back cover) with its page count."""
    from desktop.core.documents.pdf import page_count  # reportlab: only when counting pages

    out = []
    for info in forms_for_case(ctx.detail):
        if info.id in _FRAME:
            continue
        if info.id == "judicial_application" and ctx.case.judicial_confirmation not in (
            "已申请",
            "已确认",
        ):
            continue  # bound in the 卷宗 only once the parties applied (司法确认有关材料)
        model = BUILDERS[info.id](ctx)
        out.append((model, page_count(model)))
    return out


def _contents(ctx: CaseContext, paged: list[tuple[DocumentModel, int]]) -> DocumentModel:
    rows, page = [], FIRST_PAGE
    for i, (model, pages) in enumerate(paged, start=1):
        span = f"{page}" if pages == 1 else f"{page}-{page + pages - 1}"
        rows.append((str(i), model.name, span, ""))
        page += pages
    return DocumentModel(
        form="contents",
        name="卷内目录",
        number_pages=False,
        blocks=(
            Title("卷 内 目 录"),
            Table(("序号", "文书名称", "页号", "备注"), tuple(rows), widths=(0.1, 0.6, 0.15, 0.15)),
        ),
        header=f"{ctx.committee_name}　{ctx.case.case_no}",
    )


def _dossier(ctx: CaseContext) -> DocumentModel:
    paged = _paged_forms(ctx)
    parts = [
        cover(ctx),
        _contents(ctx, paged),
        *(m for m, _ in paged),
        back_cover(ctx, FIRST_PAGE + sum(p for _, p in paged)),
    ]
    blocks: list[Block] = []
    for i, part in enumerate(parts):
        if i:
            blocks.append(PageBreak())
        blocks.extend(part.blocks)
    return DocumentModel(
        form=DOSSIER,
        name="调解卷宗",
        blocks=tuple(blocks),
        header=f"{ctx.committee_name}　{ctx.case.case_no}",
    )


def build(store: Store, case_id: int, form_id: str) -> DocumentModel:
    """The model of one form (an id or Chinese name, see ``resolve_form``) or of the whole
    卷宗 for case ``case_id``. Raises ValidationError for an unknown form, NotFound for an
    unknown case."""
    ctx = make_context(store, case_id)
    form_id = resolve_form(form_id)
    if form_id == DOSSIER:
        return _dossier(ctx)
    if form_id == "contents":
        return _contents(ctx, _paged_forms(ctx))
    if form_id == "back_cover":
        return back_cover(ctx, FIRST_PAGE + sum(p for _, p in _paged_forms(ctx)))
    return BUILDERS[form_id](ctx)
