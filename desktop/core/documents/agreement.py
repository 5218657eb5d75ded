"""人民调解协议书 and 口头协议登记表: every element of 人民调解法 art. 29 and the form rules —
parties' basic information, facts, disputed matters and responsibilities, numbered terms with
manner, place and deadline, amounts in figures and capitals, the legal effect and the 30-day
司法确认 notice, one signature block per party, mediator, recorder, seal, N = parties + 1."""

from __future__ import annotations

from desktop.core.documents.context import (
    CaseContext,
    cn,
    cn_count,
    describe_party,
    money,
    person,
    text,
)
from desktop.core.documents.model import (
    Block,
    DocumentModel,
    Heading,
    Meta,
    Para,
    Seal,
    Signatures,
    Signer,
    TermList,
    Title,
)
from desktop.core.models import CaseDetail, Record
from desktop.core.performance import DUTY
from desktop.core.workflow.spec import WorkflowSpec


def agreement_copies(detail: CaseDetail) -> int:
    """One copy per party plus one for the committee's file."""
    return len(detail.parties) + 1


def term_line(i: int, t: Record, *, on_the_spot: bool = False) -> str:
    """``"1. 内容，金额 …元。（履行人：…；履行方式：…；履行期限：2026年3月2日前）"``. A term done
    on the spot (``on_the_spot``, see :func:`done_on_the_spot`) has no lapse date: its date is
    printed as the day it was done (履行时间), not as a deadline to meet."""
    parts = [f"{i}. {t.get('content') or ''}".rstrip("。；;")]
    amount = t.get("amount")
    if amount is not None:
        parts.append(f"金额 {money(amount)}")
    detail = []
    if t.get("obligor"):
        detail.append(f"履行人：{t.get('obligor')}")
    if t.get("manner"):
        detail.append(f"履行方式：{t.get('manner')}")
    if t.get("place"):
        detail.append(f"履行地点：{t.get('place')}")
    if t.get("deadline") and on_the_spot:
        detail.append(f"履行时间：{cn(t.get('deadline'))}")
    elif t.get("deadline"):
        detail.append(f"履行期限：{cn(t.get('deadline'))}前")
    elif t.get("kind") == DUTY:
        detail.append("持续履行")  # a continuing duty has no lapse date
    line = "，".join(parts) + "。"
    if detail:
        line += "（" + "；".join(detail) + "）"
    return line


def done_on_the_spot(spec: WorkflowSpec, t: Record) -> bool:
    """Whether term ``t`` was agreed to be done there and then: the 当场调解 form's
    ``performed_when`` (wubu.toml [onsite], e.g. 履行方式 in [当场履行]) holds for the value the
    form sent to this term (its ``to = ["term.…"]`` target)."""
    onsite = spec.onsite
    if onsite is None or onsite.performed_when is None:
        return False
    cond = onsite.performed_when
    for f in onsite.fields:
        if f.id == cond.field:
            return any(
                t.get(target.partition(".")[2]) in cond.values
                for target in f.to
                if target.startswith("term.")
            )
    return False


def _recorder(ctx: CaseContext) -> str:
    """Who recorded the session that reached the agreement (the last one), else a blank line."""
    sessions = ctx.records("session")
    return person(sessions[-1].get("recorder")) if sessions else ""


def _parties(ctx: CaseContext) -> list[Block]:
    blocks: list[Block] = []
    for p in ctx.detail.parties:
        blocks.append(Para(f"{p.role}：{describe_party(p)}。", indent=False, align="left"))
    return blocks


def _signers(ctx: CaseContext) -> list[Signer]:
    return [
        Signer(p.role, p.name, organisation=p.is_organisation, representative=p.legal_rep or "")
        for p in ctx.detail.parties
    ]


def _terms(ctx: CaseContext) -> list[Block]:
    terms = ctx.records("term")
    blocks: list[Block] = [
        TermList(
            tuple(
                term_line(i, t, on_the_spot=done_on_the_spot(ctx.spec, t))
                for i, t in enumerate(terms, start=1)
            )
        )
    ]
    total = sum(t.get("amount") or 0 for t in terms)
    if total and len([t for t in terms if t.get("amount")]) > 1:
        blocks.append(Para(f"以上款项合计 {money(total)}。", indent=False))
    return blocks


def build_agreement(ctx: CaseContext) -> DocumentModel:
    c = ctx.case
    copies = agreement_copies(ctx.detail)
    blocks: list[Block] = [
        Title("人民调解协议书"),
        Meta(f"编号：{c.case_no}"),
        *_parties(ctx),
        Heading("纠纷主要事实、争议事项"),
        Para(c.facts),
    ]
    if ctx.value("disputed_matters"):
        blocks.append(Para(f"争议事项：{ctx.value('disputed_matters')}"))
    blocks += [
        Heading("各方当事人的责任"),
        Para(ctx.value("responsibility") or "（未填写）"),
        Heading("经调解，自愿达成如下协议"),
        *_terms(ctx),
        Heading("履行方式、时限"),
        Para(
            "各方当事人应当按照上列各项约定的方式、地点和期限履行；人民调解委员会对协议的履行情况进行监督。"
        ),
        Para(text("agreement_effect")),
        Para(text("agreement_confirmation")),
        Para(text("agreement_copies", copies=cn_count(copies))),
        Signatures(
            tuple(_signers(ctx))
            + (
                Signer("人民调解员（主持人）", ctx.mediator_name, fingerprint=False),
                Signer("记录人", _recorder(ctx), fingerprint=False),
            )
        ),
        Seal(ctx.committee_name, cn(c.agreement_on)),
    ]
    return DocumentModel(
        form="agreement",
        name="人民调解协议书",
        blocks=tuple(blocks),
        header=f"{ctx.committee_name}　{c.case_no}",
        footer_note=f"本协议一式{cn_count(copies)}份",
        meta={"copies": str(copies)},
    )


def build_oral_agreement(ctx: CaseContext) -> DocumentModel:
    c = ctx.case
    blocks: list[Block] = [
        Title("人民调解口头协议登记表"),
        Meta(f"编号：{c.case_no}"),
        *_parties(ctx),
        Heading("纠纷简要情况"),
        Para(c.facts),
        Heading("口头协议内容"),
        Para(text("oral_note")),
        *_terms(ctx),
    ]
    if ctx.value("responsibility"):
        # Required of a written agreement only (人民调解法 第29条); an oral one may leave it.
        blocks += [Heading("各方当事人的责任"), Para(ctx.value("responsibility"))]
    blocks += [
        Signatures(
            tuple(_signers(ctx))
            + (
                Signer("人民调解员", ctx.mediator_name, fingerprint=False),
                Signer("登记人", "", fingerprint=False),
            )
        ),
        Seal(ctx.committee_name, cn(c.agreement_on)),
    ]
    return DocumentModel(
        form="oral_agreement",
        name="人民调解口头协议登记表",
        blocks=tuple(blocks),
        header=f"{ctx.committee_name}　{c.case_no}",
    )
