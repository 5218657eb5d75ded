"""Blank forms for field use: every form of the 卷宗 with the committee's name and nothing
else filled in, room to write by hand, for a grid worker who fills them on paper (and a
mediator who enters them later). Built by the same builders as the filled forms, from a case
that has no data, so a blank form always matches its printed twin."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from desktop.core.documents.catalog import FORMS
from desktop.core.documents.context import CaseContext
from desktop.core.documents.forms import BUILDERS
from desktop.core.documents.model import DocumentModel, PageBreak
from desktop.core.models import Case, CaseDetail, CaseStatus, Escalation, Party, Record

if TYPE_CHECKING:
    from desktop.core.store.store import Store

#: Forms that make no sense blank: the binding frame and the file note are the file's own.
NOT_BLANK = ("cover", "contents", "back_cover", "file_note", "non_acceptance")
#: Writing room in a blank text field (several empty lines).
ROOM = "\n\n\n"
#: A blank inside a sentence of the template (a reason, a title).
GAP = "＿" * 10


def blank_forms() -> list[str]:
    """The ids of the forms that can be printed blank, in binding order."""
    return [f for f in FORMS if f not in NOT_BLANK]


def _record(kind: str, seq: int, values: Mapping[str, object]) -> Record:
    return Record(0, 0, kind, seq, dict(values))


def blank_context(store: Store, parties: int = 2) -> CaseContext:
    """A context with the committee and workflow of ``store`` and no case data: ``parties``
    unnamed parties (half 申请人), one blank record of each kind, four blank terms."""
    committee = store.settings.committee()
    spec = store.catalog.latest()
    case = Case(
        id=0,
        uuid="",
        case_no="（    ）    调字第    号",
        workflow_id=spec.id,
        workflow_version=spec.version,
        category_code="",
        category_name="",
        source="",
        title=GAP,
        status=CaseStatus.OPEN,
        step_now="accept",
        completed_steps=(),
        level_now=committee.level,
        level_start=committee.level,
        level_resolved=None,
        accepted_on=None,  # type: ignore[arg-type]  # printed as "    年  月  日"
        agreement_on=None,
        closed_on=None,
        agreement_form="",
        judicial_confirmation="",
        amount_fen=None,
        people_count=None,
        risk_flags=(),
        facts=ROOM,
        requests=ROOM,
        mediator_id=None,
        step_values={},
        created_at="",
        updated_at="",
    )
    people = tuple(
        Party(0, 0, i + 1, "申请人" if i < max(1, parties // 2) else "被申请人", "自然人", "")
        for i in range(parties)
    )
    blank = {"content": ROOM, "statements": ROOM, "persuasion": ROOM, "result": ROOM}
    records = {
        "investigation": (_record("investigation", 1, blank),),
        "session": (_record("session", 1, blank),),
        "return_visit": (_record("return_visit", 1, {"notes": ROOM}),),
        "term": tuple(_record("term", i, {"content": "\n"}) for i in range(1, 5)),
    }
    up = min(committee.level + 1, 4)
    detail = CaseDetail(
        case=case,
        parties=people,
        records=records,
        # a blank date prints as "    年  月  日"
        escalations=(Escalation(0, 0, committee.level, up, GAP, None, ""),),  # type: ignore[arg-type]
        terminations=(),
        extensions=(),
    )
    return CaseContext(detail, committee, spec, {})


def build_blank(store: Store, form_id: str, parties: int = 2) -> DocumentModel:
    """One blank form, or every blank form one after another (``form_id`` "all")."""
    ctx = blank_context(store, parties)
    if form_id != "all":
        return _unnumbered(BUILDERS[form_id](ctx))
    models = [BUILDERS[f](ctx) for f in blank_forms()]
    blocks: list = []
    for i, model in enumerate(models):
        if i:
            blocks.append(PageBreak())
        blocks.extend(model.blocks)
    return DocumentModel("blank", "空白文书", tuple(blocks), header=ctx.committee_name)


def _unnumbered(model: DocumentModel) -> DocumentModel:
    return DocumentModel(
        model.form, model.name, model.blocks, header=model.header, footer_note=model.footer_note
    )
