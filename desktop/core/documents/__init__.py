"""The 人民调解卷宗 documents: one intermediate model (``model``) built from a case
(``forms``, ``agreement``) and drawn by two renderers (``pdf``, ``docx``) under one contract
(``output.RENDERERS``); the forms catalogue (``catalog``); the whole 卷宗 in binding order
(``dossier``); and the 卷宗评查 self-check (``checks``). Files are written atomically and
recorded on the case with their SHA-256.

This face only re-exports: the renderers (reportlab, python-docx) load on first use."""

from desktop.core.documents.agreement import agreement_copies
from desktop.core.documents.catalog import (
    DOSSIER,
    FORMS,
    NOT_YET,
    applies,
    form_names,
    forms_for_case,
    resolve_form,
)
from desktop.core.documents.checks import Finding
from desktop.core.documents.context import FormInfo
from desktop.core.documents.dossier import build
from desktop.core.documents.output import (
    FORMATS,
    RENDERERS,
    generate,
    generate_dossier,
    self_check,
)

__all__ = [
    "DOSSIER",
    "FORMATS",
    "FORMS",
    "NOT_YET",
    "RENDERERS",
    "Finding",
    "FormInfo",
    "agreement_copies",
    "applies",
    "build",
    "form_names",
    "forms_for_case",
    "generate",
    "generate_dossier",
    "resolve_form",
    "self_check",
]
