"""The 卷宗 forms catalogue: which forms exist (resources/templates/forms.toml, in binding
order), which apply to a case now, and why one cannot be made yet. Rules and data only: no
renderer is imported, so the timeline and the window can name forms without loading reportlab
or python-docx."""

from __future__ import annotations

from pathlib import Path

from desktop.core.documents.context import FormInfo, templates
from desktop.core.errors import ResourceError, ValidationError
from desktop.core.models import DONE, CaseDetail


def load_forms(path: Path | None = None) -> dict[str, FormInfo]:
    """The forms of forms.toml (default resources/templates/forms.toml) by id, in binding
    order; a form the program cannot make is refused at start (ResourceError naming the file
    and key), not when the mediator asks for it."""
    from desktop.core.documents.forms import BUILDERS  # builders only: no renderer

    forms = templates(path)
    for i, f in enumerate(forms.forms, start=1):
        if f.id not in BUILDERS and f.id != "contents":
            raise ResourceError.at(forms.file, f"forms[{i}].id", f"程序不会制作“{f.id}”这种文书")
    return {f.id: f for f in forms.forms}


FORMS: dict[str, FormInfo] = load_forms()
#: The whole bound 卷宗 (cover, contents, every applicable form, back cover) as one PDF.
DOSSIER = "dossier"
DOSSIER_NAME = "整本卷宗"

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
    "non_acceptance": "本案的受理审查没有答“否”的项目，不需要不予受理告知书。",
    "judicial_application": "本案没有书面调解协议，不能申请司法确认（口头协议不能申请）。",
}

#: The three acceptability questions of step 1: one answered 否 means 不予受理.
ACCEPTABILITY = ("not_reserved", "not_pending", "no_refusal")


def applies(form: str, d: CaseDetail) -> bool:
    """Whether ``form`` (an id of FORMS) belongs in this case's file now; forms without a rule
    (cover, 受理登记表, 送达回证 …) always do."""
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
        "non_acceptance": any(c.step_values.get(k) is False for k in ACCEPTABILITY),
        "judicial_application": c.agreement_form == "书面协议" and c.agreement_on is not None,
    }.get(form, True)


def forms_for_case(detail: CaseDetail) -> list[FormInfo]:
    """The forms that apply to this case now, in binding order."""
    return [f for f in FORMS.values() if applies(f.id, detail)]


def form_names() -> dict[str, str]:
    """Form id -> Chinese name, the whole 卷宗 included (the timeline names recorded files)."""
    return {f.id: f.name for f in FORMS.values()} | {DOSSIER: DOSSIER_NAME}


def resolve_form(name: str) -> str:
    """A form id from its id or Chinese name (卷宗 for the whole file).

    Raises ValidationError (field ``form``) naming the forms there are."""
    name = name.strip()
    if name in ("卷宗", DOSSIER_NAME, DOSSIER):
        return DOSSIER
    for f in FORMS.values():
        if name in (f.id, f.name) or f.name.endswith(name):
            return f.id
    known = "、".join(f.name for f in FORMS.values())
    raise ValidationError(f"没有“{name}”这种文书。可以生成：{known}，或“卷宗”。", field="form")
