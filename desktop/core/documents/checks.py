"""卷宗评查 before printing: what a county file inspection would reject, in plain Chinese.
Errors (错误) must be fixed; reminders (提醒) ask the mediator to look again. Printing stays
possible either way: the mediator decides after seeing the list."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.documents.context import CaseContext
from desktop.core.documents.forms import BUILDERS
from desktop.core.documents.term_checks import term_findings
from desktop.core.fonts import missing_glyphs, shown
from desktop.core.models import DONE, CaseStatus
from desktop.core.performance import needs_deadline
from desktop.core.validation.dates import format_cn_date

ERROR, REMINDER = "错误", "提醒"

#: Words often confused in agreements, and what to check (peer-systems 3.28).
CONFUSABLE = {
    "订金": "“订金”与“定金”法律后果不同（定金适用定金罚则），请核对用词。",
    "定金": "“定金”适用定金罚则，请确认不是“订金”。",
    "扶养": "“扶养”指夫妻等平辈之间；子女用“抚养”，父母用“赡养”，请核对。",
    "权力": "协议中通常应为“权利”，“权力”指公权力，请核对。",
    "瞻养": "“瞻养”是错别字，应为“赡养”。",
    "道欠": "“道欠”是错别字，应为“道歉”。",
}


@dataclass(frozen=True, slots=True)
class Finding:
    severity: str
    form: str | None
    message: str


def check(ctx: CaseContext) -> list[Finding]:
    out: list[Finding] = []
    c, d = ctx.case, ctx.detail

    def add(severity: str, form: str | None, message: str) -> None:
        out.append(Finding(severity, form, message))

    if len(d.parties) < 2:
        add(ERROR, "registration", "当事人不足两方，受理登记表和协议书都缺少当事人。")
    written = c.agreement_form == "书面协议" and c.status is CaseStatus.SUCCEEDED
    if not c.facts.strip():
        add(
            ERROR,
            "registration",
            "没有填写纠纷简要情况，受理登记表和协议书的“纠纷事实”一栏会空着。",
        )
    if d.mediator is None:
        add(
            ERROR,
            None,
            "本案没有承办调解员，各文书上调解员签名一栏的姓名会空着。请在案件信息中选择调解员。",
        )
    for p in d.parties:
        if not p.name.strip():
            add(
                ERROR,
                "agreement",
                f"有一位{p.role}没有姓名（名称），文书上他的签名栏不知道是谁的。请补上姓名。",
            )
        if p.is_organisation and not (p.legal_rep or "").strip():
            add(
                ERROR if written else REMINDER,
                "agreement",
                f"单位当事人“{p.name}”没有填写法定代表人，协议书上没有人代表单位签名。",
            )
        if not p.is_organisation and not p.id_number:
            add(REMINDER, "registration", f"当事人“{p.name}”没有身份证号，卷宗需要附身份证明。")
        if p.is_organisation and not p.credit_code:
            add(REMINDER, "registration", f"单位当事人“{p.name}”没有统一社会信用代码。")
    beyond_mediation = "mediate" in c.completed_steps or c.status is CaseStatus.SUCCEEDED
    if beyond_mediation and not d.of("session"):
        add(
            ERROR,
            "mediation_record",
            "案件已过调解步骤，但没有调解记录（调解记录是卷宗必备材料）。",
        )
    if written:
        if c.agreement_on is None:
            add(ERROR, "agreement", "没有填写协议日期，协议书落款处的日期会空着。")
        if not d.of("term"):
            add(ERROR, "agreement", "协议书没有任何协议条款。")
        if not ctx.value("responsibility"):
            add(ERROR, "agreement", "协议书没有写明各方当事人的责任。")
    year = (c.agreement_on or c.accepted_on).year
    for i, t in enumerate(d.of("term"), start=1):
        if not t.get("deadline") and needs_deadline(t.get("kind")):
            add(ERROR, "agreement", f"第{i}项协议条款没有履行期限（持续义务除外）。")
        if not t.get("manner"):
            add(ERROR, "agreement", f"第{i}项协议条款没有履行方式。")
        for severity, message in term_findings(i, t, c.agreement_on, year):
            add(severity, "agreement", message)
    for v in d.of("return_visit"):
        on = v.get("visited_on")
        if on and c.agreement_on and on < c.agreement_on:
            add(
                ERROR,
                "return_visit",
                f"回访日期 {format_cn_date(on)} 早于协议日期 {format_cn_date(c.agreement_on)}，"
                "请核对。",
            )
    for n, r in enumerate(d.of("session"), start=1):
        if not (r.get("recorder") or "").strip():
            add(
                REMINDER,
                "mediation_record",
                f"第{n}次调解记录没有填写记录人（记录须由记录人签名）。",
            )
    performed = any(v.get("performance") == "已履行" for v in d.of("return_visit"))
    paying = any(t.get("amount") is not None for t in d.of("term"))
    if performed and paying and not d.of("receipt"):
        add(
            REMINDER,
            "return_visit",
            "回访记录为已履行，但卷宗里没有收条或汇款单等履行凭证，请补充。",
        )
    people = [p for p in d.parties if not p.is_organisation]
    proofs = [
        a for a in d.attachments if any(w in a.note + a.filename for w in ("身份", "证件", "执照"))
    ]
    if d.parties and not proofs:
        add(
            REMINDER,
            "registration",
            "卷宗须附当事人身份证明（身份证、营业执照复印件）："
            f"本案{len(people)}位自然人当事人，还没有添加身份证明附件。",
        )
    if c.status is CaseStatus.SUCCEEDED and c.step_now == DONE and not d.of("return_visit"):
        add(REMINDER, "return_visit", "已结案但没有回访记录。")
    text = "\n".join(
        [
            c.title,
            c.facts,
            c.requests,
            *(ctx.value(k) for k in ("responsibility", "disputed_matters")),
            *(p.name + p.address for p in d.parties),
            *((t.get("content") or "") for t in d.of("term")),
        ]
    )
    # Every word any form would print (records, reasons, names of the committee and mediator),
    # not only the fields above: reportlab would silently print a box for a missing glyph.
    printed = "\n".join(
        build(ctx).text() for form, build in BUILDERS.items() if form != "back_cover"
    )
    missing = missing_glyphs(text + "\n" + printed)
    if missing:
        add(
            ERROR,
            None,
            f"这些字打印不出来（字库中没有）：{'、'.join(map(shown, missing))}。"
            "请改用常用字或在打印后手写补上。",
        )
    for word, advice in CONFUSABLE.items():
        if word in text:
            add(REMINDER, "agreement", advice)
    return out
