"""The 人民调解卷宗 documents: one intermediate model (``model``) built from a case
(``forms``, ``agreement``) and drawn by two renderers (``pdf``, ``docx``); the whole 卷宗 in
binding order; and the 卷宗评查 self-check. Files are written atomically and recorded on the
case with their SHA-256."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from desktop.core.documents.agreement import agreement_copies
from desktop.core.documents.checks import Finding, check
from desktop.core.documents.context import CaseContext, FormInfo, make_context, templates
from desktop.core.documents.docx import render_docx
from desktop.core.documents.forms import BUILDERS, back_cover, cover
from desktop.core.documents.model import DocumentModel, PageBreak, Table, Title
from desktop.core.documents.pdf import render_pdf, write_pdf
from desktop.core.errors import MediationError, ValidationError
from desktop.core.models import DONE, CaseDetail, GeneratedDocument

FORMS: dict[str, FormInfo] = {
    f["id"]: FormInfo(f["id"], f["name"], bool(f["mandatory"])) for f in templates()["forms"]
}
DOSSIER = "dossier"
FORMATS = ("pdf", "docx")

__all__ = [
    "DOSSIER",
    "FORMS",
    "Finding",
    "FormInfo",
    "agreement_copies",
    "build",
    "forms_for_case",
    "generate",
    "generate_dossier",
    "render_docx",
    "render_pdf",
    "resolve_form",
    "self_check",
]


def _applies(form: str, d: CaseDetail) -> bool:
    c = d.case
    return {
        "application": c.source == "当事人申请",
        "investigation": bool(d.of("investigation")),
        "mediation_record": bool(d.of("session")),
        "agreement": c.agreement_form == "书面协议" and c.agreement_on is not None,
        "oral_agreement": c.agreement_form == "口头协议" and c.agreement_on is not None,
        "termination_notice": bool(d.terminations),
        "return_visit": bool(d.of("return_visit")),
        "transfer": bool(d.escalations),
        "file_note": c.step_now == DONE,
    }.get(form, True)


#: Why a form cannot be made yet, said to the mediator.
NOT_YET = {
    "application": "本案不是当事人申请的，不需要申请书（请用受理登记表）。",
    "investigation": "本案还没有调查记录，请先在“调查核实”一步添加。",
    "mediation_record": "本案还没有调解记录，请先在“调解疏导”一步添加。",
    "agreement": "本案还没有达成书面协议（协议形式和协议日期），不能生成协议书。",
    "oral_agreement": "本案没有口头协议，不能生成口头协议登记表。",
    "termination_notice": "本案没有终止调解，不需要终止调解告知书。",
    "return_visit": "本案还没有回访记录，请先添加回访。",
    "transfer": "本案没有上报或移交，不需要移交单。",
    "file_note": "本案还没有办结归档，暂不能写卷宗情况说明。",
}


def forms_for_case(detail: CaseDetail) -> list[FormInfo]:
    """The forms that apply to this case now, in binding order."""
    return [f for f in FORMS.values() if _applies(f.id, detail)]


def resolve_form(name: str) -> str:
    """A form id from its id or Chinese name (卷宗 for the whole file)."""
    name = name.strip()
    if name in ("卷宗", "整本卷宗", DOSSIER):
        return DOSSIER
    for f in FORMS.values():
        if name in (f.id, f.name) or f.name.endswith(name):
            return f.id
    known = "、".join(f.name for f in FORMS.values())
    raise ValidationError(f"没有“{name}”这种文书。可以生成：{known}，或“卷宗”。", field="form")


def _paged_forms(ctx: CaseContext) -> list[tuple[DocumentModel, int]]:
    """Each applicable document (not cover, contents or back cover) with its page count."""
    out = []
    for info in forms_for_case(ctx.detail):
        if info.id in ("cover", "contents", "back_cover"):
            continue
        model = BUILDERS[info.id](ctx)
        out.append((model, write_pdf(model, io.BytesIO())))
    return out


#: In the bound 卷宗 the cover and this contents page come first, so documents start on page 3.
FIRST_PAGE = 3


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


def build(store: Any, case_id: int, form_id: str) -> DocumentModel:
    ctx = make_context(store, case_id)
    form_id = resolve_form(form_id)
    if form_id == DOSSIER:
        return _dossier(ctx)
    if form_id == "contents":
        return _contents(ctx, _paged_forms(ctx))
    if form_id == "back_cover":
        return back_cover(ctx, FIRST_PAGE + sum(p for _, p in _paged_forms(ctx)))
    return BUILDERS[form_id](ctx)


def _dossier(ctx: CaseContext) -> DocumentModel:
    paged = _paged_forms(ctx)
    parts = [
        cover(ctx),
        _contents(ctx, paged),
        *(m for m, _ in paged),
        back_cover(ctx, FIRST_PAGE + sum(p for _, p in paged)),
    ]
    blocks: list[Any] = []
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


def generate(store: Any, case_id: int, form_id: str, fmt: str, path: Path) -> GeneratedDocument:
    """Build, render atomically to ``path`` and record the document on the case."""
    if fmt not in FORMATS:
        raise ValidationError(f"文书格式只能是 pdf 或 docx，不能是“{fmt}”。", field="format")
    form_id = resolve_form(form_id)
    if form_id != DOSSIER and not _applies(form_id, store.cases.detail(case_id)):
        raise ValidationError(NOT_YET[form_id], field="form")
    model = build(store, case_id, form_id)
    try:
        (render_pdf if fmt == "pdf" else render_docx)(model, Path(path))
    except OSError as exc:
        raise MediationError(
            f"文书没能写到 {path}（{exc}）。请换一个文件夹，或检查 U 盘是否已满。"
        ) from exc
    return store.files.record_document(case_id, form_id, fmt, Path(path))


def generate_dossier(store: Any, case_id: int, path: Path) -> GeneratedDocument:
    return generate(store, case_id, DOSSIER, "pdf", path)


def self_check(store: Any, case_id: int) -> list[Finding]:
    return check(make_context(store, case_id))
