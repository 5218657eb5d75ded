"""Notices to the parties and applications they sign: 终止人民调解告知书 (人民调解法 第26条),
不予受理告知书 (若干规定 第22条; 人民调解法 第17条), and the parties' joint 司法确认申请书
(人民调解法 第33条; 最高人民法院法释〔2011〕5号; 民事诉讼法 第205条), prefilled from the case.
Each notice ends with a 送达回执 the parties sign: the file proves they were told."""

from __future__ import annotations

from desktop.core.documents.context import CaseContext, cn, describe_party, person, text
from desktop.core.documents.model import (
    Block,
    DocumentModel,
    Heading,
    Meta,
    Para,
    Seal,
    Signatures,
    Signer,
    Title,
)
from desktop.core.documents.parts import doc as _doc

#: The acceptability questions of step 1 and what a 不予受理 notice says when one is answered 否.
REFUSALS = {
    "not_reserved": (
        "该纠纷属于法律、法规规定只能由专门机关管辖处理，或者禁止采用民间调解方式解决的纠纷"
    ),
    "not_pending": "该纠纷已经被人民法院、公安机关或者其他行政机关受理或者解决",
    "no_refusal": "一方当事人明确拒绝调解",
}


def refusal_reasons(ctx: CaseContext) -> list[str]:
    """Why the case may not be accepted: the questions explicitly answered 否."""
    return [why for key, why in REFUSALS.items() if ctx.values.get(key) is False]


def _receipt(ctx: CaseContext) -> list[Block]:
    return [
        Heading("送达回执"),
        Para(text("termination_receipt"), indent=False),
        Signatures(
            tuple(Signer(p.role, p.name) for p in ctx.detail.parties),
            date_text="签收日期：    年  月  日",
        ),
    ]


def termination_notice(ctx: CaseContext) -> DocumentModel:
    term = ctx.detail.terminations[0] if ctx.detail.terminations else None
    reason = term.reason if term else "（未记录终止理由）"
    routes = "、".join(term.routes) if term else "申请仲裁、请求行政机关处理、向人民法院提起诉讼"
    # "进行了调解" only when a session was held: a case ended before any session was not mediated.
    body = "termination_body" if ctx.records("session") else "termination_body_unmediated"
    blocks: list[Block] = [
        Title("终止人民调解告知书"),
        Meta(f"编号：{ctx.case.case_no}"),
        Para(f"{ctx.parties_named()}："),
        Para(
            text(
                body,
                parties=ctx.parties_named(),
                title=ctx.case.title,
                accepted=cn(ctx.received_on),
                reason=reason,
            )
        ),
        Para(text("termination_routes", routes=routes)),
        Signatures((Signer("人民调解员", person(term.actor) if term else "", fingerprint=False),)),
        Seal(ctx.committee_name, cn(term.terminated_on if term else None)),
        # The parties sign that they received the notice (送达): the file proves they were told.
        *_receipt(ctx),
    ]
    return _doc(ctx, "termination_notice", "终止人民调解告知书", blocks)


def non_acceptance(ctx: CaseContext) -> DocumentModel:
    """不予受理告知书: the reasons (acceptability questions answered 否) and where else to go."""
    reasons = "；".join(refusal_reasons(ctx)) or "（未记录不予受理的理由）"
    routes = "、".join(ctx.spec.termination_routes)
    blocks: list[Block] = [
        Title("人民调解不予受理告知书"),
        Meta(f"编号：{ctx.case.case_no}"),
        Para(f"{ctx.parties_named()}："),
        Para(
            text(
                "non_acceptance_body",
                applied=cn(ctx.case.accepted_on),
                title=ctx.case.title,
                reasons=reasons,
            )
        ),
        Para(text("termination_routes", routes=routes)),
        Signatures((Signer("人民调解员", ctx.mediator_name, fingerprint=False),)),
        Seal(ctx.committee_name, cn(ctx.case.accepted_on)),
        *_receipt(ctx),
    ]
    return _doc(ctx, "non_acceptance", "人民调解不予受理告知书", blocks)


def judicial_application(ctx: CaseContext) -> DocumentModel:
    """司法确认申请书: every party applies jointly, prefilled with the agreement; the court and
    the date are left for the parties (they apply within 30 days of the agreement)."""
    c = ctx.case
    blocks: list[Block] = [Title("司法确认申请书")]
    for p in ctx.detail.parties:
        blocks.append(
            Para(f"申请人（{p.role}）：{describe_party(p)}。", indent=False, align="left")
        )
    blocks += [
        Heading("请求事项"),
        Para(
            text(
                "judicial_request",
                agreed=cn(c.agreement_on),
                committee=ctx.committee_name,
                number=c.case_no,
            )
        ),
        Heading("事实和理由"),
        Para(
            text(
                "judicial_reasons",
                title=c.title,
                committee=ctx.committee_name,
                agreed=cn(c.agreement_on),
            )
        ),
        Para(text("judicial_pledge")),
        Para("此致", indent=True),
        Para("__________人民法院", indent=False),
        Para(text("judicial_attachments"), indent=False),
        Signatures(
            tuple(
                Signer(
                    "申请人",
                    p.name,
                    organisation=p.is_organisation,
                    representative=p.legal_rep or "",
                )
                for p in ctx.detail.parties
            ),
            date_text="    年  月  日",
        ),
    ]
    return _doc(ctx, "judicial_application", "司法确认申请书", blocks)
