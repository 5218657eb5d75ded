"""Documents written to files: the renderers keyed by format (one contract, see
``desktop.core.renderers``), generation that writes atomically and records the file on the case
with its SHA-256, and the 卷宗评查 self-check."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.documents.catalog import DOSSIER, NOT_YET, applies, resolve_form
from desktop.core.documents.checks import Finding, check
from desktop.core.documents.context import make_context
from desktop.core.documents.dossier import build
from desktop.core.documents.model import DocumentModel
from desktop.core.errors import ValidationError
from desktop.core.fonts import missing_glyphs, shown
from desktop.core.models import GeneratedDocument
from desktop.core.renderers import Renderer, Writer, registry

if TYPE_CHECKING:
    from desktop.core.store.store import Store


def _pdf() -> Writer[DocumentModel]:
    from desktop.core.documents.pdf import write_pdf

    return write_pdf


def _docx() -> Writer[DocumentModel]:
    from desktop.core.documents.docx import write_docx

    return write_docx


RENDERERS: dict[str, Renderer[DocumentModel]] = registry(
    Renderer("pdf", "PDF", _pdf),
    Renderer("docx", "Word", _docx),
)
FORMATS = tuple(RENDERERS)


def unprintable(model: DocumentModel) -> list[str]:
    """Characters of the document that no bundled font (body or fallback) can print, each once:
    the PDF would show a box and leave them out of its text layer."""
    return missing_glyphs(model.text())


def generate(
    store: Store,
    case_id: int,
    form_id: str,
    fmt: str,
    path: Path,
    *,
    refuse_unprintable: bool = False,
) -> GeneratedDocument:
    """Build form ``form_id`` (id or Chinese name, or 卷宗) of case ``case_id``, write it as
    ``fmt`` ("pdf" or "docx") atomically to ``path`` and record it on the case.

    Raises ValidationError for an unknown format or form, or a form the case has no material
    for yet (the sentence says what to do first), and — with ``refuse_unprintable`` (the CLI
    without --force; the window shows the self-check instead) — when a character cannot be
    printed, before anything is written; OSError when the file cannot be written (full USB
    stick, read-only folder: the window and the CLI word it the same way,
    ``errors.os_error_message``)."""
    if fmt not in RENDERERS:
        raise ValidationError(f"文书格式只能是 pdf 或 docx，不能是“{fmt}”。", field="format")
    form_id = resolve_form(form_id)
    if form_id != DOSSIER and not applies(form_id, store.cases.detail(case_id)):
        raise ValidationError(NOT_YET[form_id], field="form")
    model = build(store, case_id, form_id)
    missing = unprintable(model) if refuse_unprintable else []
    if missing:
        raise ValidationError(
            f"这些字打印不出来（字库中没有）：{'、'.join(map(shown, missing))}。请改用常用字，"
            "或加 --force 照样生成（打印后手写补上）。",
            field="text",
        )
    RENDERERS[fmt].save(model, Path(path))
    return store.files.record_document(case_id, form_id, fmt, Path(path))


def generate_dossier(store: Store, case_id: int, path: Path) -> GeneratedDocument:
    """The whole bound 卷宗 as one PDF at ``path`` (see ``generate``)."""
    return generate(store, case_id, DOSSIER, "pdf", path)


def self_check(store: Store, case_id: int) -> list[Finding]:
    """The 卷宗评查 findings for the case, errors first (see ``checks.check``)."""
    return check(make_context(store, case_id))
