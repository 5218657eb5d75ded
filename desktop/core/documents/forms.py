"""Builders of the other forms of the 卷宗 (司法部 2010 formats): cover, application,
registration, rights notice, investigation and mediation records, termination notice, return
visit, transfer slip, file note and back cover. Each returns a DocumentModel."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from desktop.core.documents.agreement import build_agreement, build_oral_agreement
from desktop.core.documents.context import (
    CaseContext,
    cn,
    describe_party,
    money,
    person,
    templates,
    text,
)
from desktop.core.documents.model import (
    Block,
    DocumentModel,
    Grid,
    Heading,
    Meta,
    PageBreak,
    Para,
    PlainPage,
    Seal,
    Signatures,
    Signer,
    Spacer,
    Title,
)
from desktop.core.documents.notices import (
    judicial_application,
    non_acceptance,
    termination_notice,
)
from desktop.core.documents.parts import doc as _doc
from desktop.core.documents.parts import party_rows
from desktop.core.documents.parts import party_signers as _party_signers
from desktop.core.models import Record
from desktop.core.plaintext import sentence


def cover(ctx: CaseContext) -> DocumentModel:
    c = ctx.case
    period = f"{cn(c.accepted_on)} 至 {cn(c.closed_on) if c.closed_on else '    年  月  日'}"
    blocks: list[Block] = [
        PlainPage(),
        Spacer(30),
        Title(ctx.committee_name),
        Title("调 解 卷 宗"),
        Spacer(20),
        Grid(
            (
                (("卷名", c.title),),
                (("卷号", c.case_no),),
                (("纠纷类型", c.category_name),),
                (("人民调解员", ctx.mediator_name),),
                (("调解日期", period),),
                (("立卷人", ctx.mediator_name),),
                (("立卷日期", cn(c.closed_on)),),
                (("保管期限", "长期" if c.amount_fen and c.amount_fen >= 10_000_000 else "定期"),),
                (("备注", ""),),
            ),
            label_width=0.22,
        ),
    ]
    return DocumentModel(form="cover", name="卷宗封面", blocks=tuple(blocks), number_pages=False)


def application(ctx: CaseContext) -> DocumentModel:
    blocks: list[Block] = [Title("人民调解申请书")]
    for p in ctx.detail.parties:
        blocks.append(Para(f"{p.role}：{describe_party(p)}。", indent=False, align="left"))
    applicants = [s for s in _party_signers(ctx) if s.role == "申请人"]
    blocks += [
        Heading("纠纷简要情况"),
        Para(ctx.case.facts),
        Heading("申请事项"),
        Para(ctx.case.requests),
        Para(
            text(
                "application_declaration",
                committee=ctx.committee_name,
                we="我们" if len(applicants) > 1 else "我",
            )
        ),
        Signatures(tuple(applicants), date_text=cn(ctx.case.accepted_on)),
    ]
    return _doc(ctx, "application", "人民调解申请书", blocks)


def registration(ctx: CaseContext) -> DocumentModel:
    c = ctx.case
    h = ctx.handoff
    origin: tuple[tuple[tuple[str, str], ...], ...] = (
        ((("移交来源", f"{h.from_committee}，原案号 {h.original_case_no}"),),) if h else ()
    )
    blocks: list[Block] = [
        Title("人民调解受理登记表"),
        Meta(f"编号：{c.case_no}"),
        Para(text("registration_intro", parties=ctx.parties_named())),
        Grid(
            (
                (("受理日期", cn(ctx.received_on)), ("案件来源", c.source)),
                *origin,
                (("纠纷类型", c.category_name), ("涉及金额", money(c.amount_fen) or "无")),
                (("涉及人数", str(c.people_count or "")), ("承办调解员", ctx.mediator_name)),
                *party_rows(ctx),
                (("纠纷简要情况", c.facts),),
                (("申请事项", c.requests),),
            )
        ),
        Signatures(_party_signers(ctx) + (Signer("登记人", ctx.registrar, fingerprint=False),)),
        Seal(ctx.committee_name, cn(ctx.received_on)),
    ]
    return _doc(ctx, "registration", "人民调解受理登记表", blocks)


def rights_notice(ctx: CaseContext) -> DocumentModel:
    t = templates()
    blocks: list[Block] = [
        Title("人民调解当事人权利义务告知书"),
        Para(f"{ctx.parties_named()}："),
        Para(text("rights_intro")),
        Heading("根据《中华人民共和国人民调解法》第二十三条，当事人在人民调解活动中享有下列权利："),
        *[Para(f"（{i}）{r}", indent=False) for i, r in enumerate(t.items("rights"), start=1)],
        Heading("根据《中华人民共和国人民调解法》第二十四条，当事人在人民调解活动中履行下列义务："),
        *[Para(f"（{i}）{d}", indent=False) for i, d in enumerate(t.items("duties"), start=1)],
        Para(text("rights_ack")),
        Signatures(_party_signers(ctx)),
        Seal(ctx.committee_name, cn(ctx.received_on)),
    ]
    return _doc(ctx, "rights_notice", "人民调解当事人权利义务告知书", blocks)


def _origin(ctx: CaseContext, day: object) -> list[Block]:
    """A record made at the committee the case came from stays theirs: it names them and
    their case number (the receiving committee's header is on every page)."""
    h = ctx.made_at(day) if isinstance(day, date) else None
    if h:
        return [Meta(f"{h.from_committee}制作　原案号：{h.original_case_no}")]
    return []


def investigation(ctx: CaseContext) -> DocumentModel:
    blocks: list[Block] = []
    for i, r in enumerate(ctx.records("investigation")):
        if i:
            blocks.append(PageBreak())
        blocks += [
            Title("人民调解调查记录"),
            *_origin(ctx, r.get("held_on")),
            Grid(
                (
                    (("时间", cn(r.get("held_on"))), ("地点", r.get("place") or "")),
                    (("调查人", r.get("investigator") or ""), ("被调查人", r.get("subject") or "")),
                    (("事由", ctx.case.title),),
                )
            ),
            Heading("调查情况"),
            Para(r.get("content") or ""),
            Signatures(
                (
                    Signer("被调查人", r.get("subject") or ""),
                    Signer("调查人", r.get("investigator") or "", fingerprint=False),
                    Signer("记录人", "", fingerprint=False),
                )
            ),
        ]
    if ctx.value("evidence_list"):
        blocks += [Heading("证据材料清单"), Para(ctx.value("evidence_list"), indent=False)]
    if ctx.value("findings"):  # step 2's conclusion: 查明事实、分清责任 (若干规定 第31条)
        blocks += [Heading("查明的事实和责任"), Para(ctx.value("findings"))]
    return _doc(ctx, "investigation", "人民调解调查记录", blocks)


def mediation_record(ctx: CaseContext) -> DocumentModel:
    blocks: list[Block] = []
    for i, r in enumerate(ctx.records("session")):
        if i:
            blocks.append(PageBreak())
        # A 当场调解 record names the parties who were there (its 参加人 is 到场当事人).
        people = (
            ((("到场当事人", r.get("participants") or ""),),)
            if r.get("onsite")
            else (
                (("参加人", r.get("participants") or ""),),
                (("当事人", ctx.parties_named()),),
            )
        )
        blocks += [
            Title("人民调解记录（当场调解）" if r.get("onsite") else "人民调解记录"),
            *_origin(ctx, r.get("held_on")),
            Grid(
                (
                    (("时间", cn(r.get("held_on"))), ("地点", r.get("place") or "")),
                    (("事由", ctx.case.title),),
                    *people,
                )
            ),
            Para(
                "人民调解员已告知当事人人民调解的性质、原则、效力和当事人的权利义务，并告知了人民调解员身份。"
            ),
            *(_onsite_body(r) if r.get("onsite") else _session_body(r)),
        ]
        if i == len(ctx.records("session")) - 1 and ctx.case.risk_flags:
            # 人民调解法 第25条: the escalation risk is assessed and what was done is recorded.
            blocks += [Heading("激化风险评估"), Para("、".join(ctx.case.risk_flags) + "。")]
        blocks += [
            Para("以上记录当事人已阅（已向当事人宣读），确认无误。"),
            Signatures(
                _party_signers(ctx)
                + (
                    Signer("人民调解员", session_mediators(ctx, r), fingerprint=False),
                    Signer("记录人", person(r.get("recorder")), fingerprint=False),
                )
            ),
        ]
    return _doc(ctx, "mediation_record", "人民调解记录", blocks)


def _session_body(r: Record) -> list[Block]:
    return [
        Heading("当事人陈述"),
        Para(r.get("statements") or ""),
        Heading("调解员疏导情况"),
        Para(r.get("persuasion") or ""),
        Heading("调解结果"),
        Para(r.get("result") or ""),
    ]


def _onsite_body(r: Record) -> list[Block]:
    """A 当场调解 record: the facts found on the spot stand as the investigation (it is the
    case's only investigation record), and what the parties agreed orally (人民调解法 第28条)."""
    return [
        Para("本纠纷在现场当场调解，本记录同时作为调查记录。"),
        Heading("纠纷情况和查明的事实"),
        Para(r.get("findings") or ""),
        Heading("调解结果"),
        Para(r.get("result") or ""),
    ]


def session_mediators(ctx: CaseContext, r: Record) -> str:
    """Who held this session: the mediators the record names; else the person who entered
    it; else, for a session of this committee, the mediator in charge. A session held at the
    committee a case came from is never signed with this committee's mediator."""
    named = person(r.get("mediators"))
    if named:
        return named
    entered = ctx.recorded_by("session", r, "held_on", "place")
    if entered:
        return entered
    return "" if ctx.before_handoff(r.get("held_on")) else ctx.mediator_name


def return_visit(ctx: CaseContext) -> DocumentModel:
    blocks: list[Block] = []
    for i, r in enumerate(ctx.records("return_visit")):
        if i:
            blocks.append(PageBreak())
        blocks += [
            Title("人民调解回访记录"),
            Grid(
                (
                    (
                        ("被回访当事人", r.get("visited_party") or ""),
                        ("调解协议编号", ctx.case.case_no),
                    ),
                    (("回访事由", ctx.case.title),),
                    (
                        ("履行情况", r.get("performance") or ""),
                        ("满意程度", r.get("satisfaction") or ""),
                    ),
                    (("回访情况", r.get("notes") or ""),),
                    (("履行凭证", receipts_text(ctx, r.get("visited_on")) or "无"),),
                )
            ),
            Signatures((Signer("回访人", r.get("visitor") or "", fingerprint=False),)),
            Para(f"回访时间：{cn(r.get('visited_on'))}", indent=False, align="right"),
        ]
    return _doc(ctx, "return_visit", "人民调解回访记录", blocks)


def receipts_text(ctx: CaseContext, until: object = None) -> str:
    """The 履行凭证 recorded (up to ``until``), one per line: date, what, amount."""
    lines = []
    for r in ctx.records("receipt"):
        on = r.get("received_on")
        if until is not None and on is not None and on > until:
            continue
        amount = f"，{money(r.get('amount'))}" if r.get("amount") is not None else ""
        term = f"（第{r.get('term_seq')}项）" if r.get("term_seq") else ""
        lines.append(f"{cn(on)} {r.get('description') or ''}{term}{amount}")
    return "\n".join(lines)


def transfer(ctx: CaseContext) -> DocumentModel:
    blocks: list[Block] = []
    for i, e in enumerate(ctx.detail.escalations):
        if i:
            blocks.append(PageBreak())
        blocks += [
            Title("矛盾纠纷移交（转办）单"),
            Meta(f"编号：{ctx.case.case_no}"),
            Grid(
                (
                    *party_rows(ctx),
                    (("纠纷简要情况", ctx.case.facts),),
                    (("移交日期", cn(e.escalated_on)), ("经办人", person(e.actor))),
                )
            ),
            Para(
                text(
                    "transfer_body",
                    title=ctx.case.title,
                    from_level=e.from_level,
                    from_name=ctx.spec.level(e.from_level).name,
                    to_level=e.to_level,
                    to_name=ctx.spec.level(e.to_level).name,
                    reason=e.reason,
                )
            ),
            Signatures(
                (
                    Signer("移交人", person(e.actor), fingerprint=False),
                    Signer("接收人", "", fingerprint=False),
                )
            ),
            Seal(ctx.committee_name, cn(e.escalated_on)),
        ]
    return _doc(ctx, "transfer", "矛盾纠纷移交（转办）单", blocks)


def _counts_line(ctx: CaseContext) -> str:
    onsite = sum(1 for r in ctx.records("session") if r.get("onsite"))
    line = f"调查 {len(ctx.records('investigation'))} 次，调解 {len(ctx.records('session'))} 次，"
    if onsite:
        line += f"其中当场调解 {onsite} 次（同时作调查记录），"
    return line + f"回访 {len(ctx.records('return_visit'))} 次。"


def file_note(ctx: CaseContext) -> DocumentModel:
    c = ctx.case
    lines = [
        f"本案于{cn(c.accepted_on)}受理，案件来源：{c.source}。",
        _counts_line(ctx),
        f"办理结果：{c.status}"
        + (f"（{c.agreement_form}，{cn(c.agreement_on)}）" if c.agreement_on else "")
        + "。",
    ]
    h = ctx.handoff
    if h:
        lines.insert(
            1,
            f"本案由{h.from_committee}移交（原案号 {h.original_case_no}），"
            f"{cn(h.received_on)}收到。",
        )
    if ctx.value("judicial_confirmation") and c.agreement_form == "书面协议":
        # 司法确认 is of a written agreement only (人民调解法 第33条): an oral case has none.
        lines.append(f"司法确认：{ctx.value('judicial_confirmation')}。")
    if ctx.records("receipt"):
        lines.append("履行凭证：" + receipts_text(ctx).replace("\n", "；") + "。")
    if ctx.value("closing_note"):
        lines.append(sentence(ctx.value("closing_note")))
    blocks: list[Block] = [
        Title("卷宗情况说明"),
        Meta(f"卷号：{c.case_no}"),
        *[Para(x) for x in lines],
        Signatures((Signer("立卷人", ctx.mediator_name, fingerprint=False),)),
        Seal(ctx.committee_name, cn(c.closed_on)),
    ]
    return _doc(ctx, "file_note", "卷宗情况说明", blocks)


def exhibit_count(ctx: CaseContext) -> int:
    """附证物 on the 封底: the performance receipts and the attached files (ID proofs, photos)."""
    return len(ctx.records("receipt")) + len(ctx.detail.attachments)


def back_cover(ctx: CaseContext, pages: int = 0) -> DocumentModel:
    blocks: list[Block] = [
        PlainPage(),
        Spacer(120),
        Para(
            text("back_cover_note", pages=pages or "    ", attachments=exhibit_count(ctx)),
            indent=False,
            align="center",
        ),
        Spacer(10),
        Para(
            "立卷人：__________　　检查人：__________　　立卷日期：    年  月  日",
            indent=False,
            align="center",
        ),
    ]
    return DocumentModel(form="back_cover", name="封底", blocks=tuple(blocks), number_pages=False)


BUILDERS: dict[str, Callable[[CaseContext], DocumentModel]] = {
    "cover": cover,
    "application": application,
    "registration": registration,
    "rights_notice": rights_notice,
    "investigation": investigation,
    "mediation_record": mediation_record,
    "agreement": build_agreement,
    "oral_agreement": build_oral_agreement,
    "termination_notice": termination_notice,
    "non_acceptance": non_acceptance,
    "judicial_application": judicial_application,
    "return_visit": return_visit,
    "transfer": transfer,
    "file_note": file_note,
    "back_cover": back_cover,
}
