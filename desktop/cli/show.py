"""Plain-text rendering of cases for a Chinese terminal."""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from desktop.core.models import DONE, CaseDetail, CaseSummary
from desktop.core.plaintext import clause
from desktop.core.store import Store
from desktop.core.store.codec import field_values
from desktop.core.validation.dates import format_cn_date
from desktop.core.validation.money import capital_amount, format_yuan
from desktop.core.workflow.spec import FieldSpec


def step_name(store: Store, step_id: str) -> str:
    if step_id == DONE:
        return "已办结"
    try:
        return store.catalog.latest().step(step_id).name
    except KeyError:
        return step_id


def print_summaries(rows: list[CaseSummary], *, total: int) -> None:
    for r in rows:
        click.echo(
            f"{r.case_no}  {r.accepted_on.isoformat()}  {r.status}  {r.category_name}  "
            f"{r.parties}  {r.title}"
        )
    shown = f"，显示前 {len(rows)} 件" if total > len(rows) else ""
    click.echo(f"共 {total} 件{shown}。")


#: Step fields the heading lines of ``case show`` already give.
_IN_HEADING = frozenset(
    {"accepted_on", "source", "category", "title", "facts", "requests", "mediator"}
    | {"agreement_on", "agreement_form", "closed_on"}
)
#: Party fields its first line gives (身份 姓名 证件号 电话 住址).
_PARTY_LINE = frozenset({"role", "kind", "name", "id_number", "credit_code", "phone", "address"})
_RECORDS = (
    ("investigation", "调查记录"),
    ("session", "调解记录"),
    ("term", "协议条款"),
    ("return_visit", "回访记录"),
    ("receipt", "履行凭证"),
)


def print_case(store: Store, d: CaseDetail) -> None:
    """Everything recorded of one case, each item under the label the window's forms give it
    (the workflow file's): the heading lines, then every other step field filled in (备注, 涉及
    金额, 查明的事实 …) under its step, every party's further particulars, every record with
    each of its items, extensions, escalations, terminations and attachments.
    A yes/no item the workflow requires ticked (已告知权利义务) is left out: a completed step
    has it."""
    c = d.case
    spec = store.cases.spec_of(c)
    lines = [
        f"案号：{c.case_no}",
        f"纠纷名称：{c.title}",
        f"纠纷类型：{c.category_name}    案件来源：{c.source}",
        f"状态：{c.status}    当前步骤：{step_name(store, c.step_now)}",
        f"当前层级：第{c.level_now}级 {spec.level(c.level_now).name}",
    ]
    if c.level_start != c.level_now:
        lines.append(f"受理层级：{spec.level_label(c.level_start)}")
    if c.level_resolved is not None:
        lines.append(f"化解层级：{spec.level_label(c.level_resolved)}")
    lines.append(f"受理日期：{format_cn_date(c.accepted_on)}")
    agreed = [f"协议日期：{format_cn_date(c.agreement_on)}"] if c.agreement_on else []
    if c.agreement_form:  # none for an old 台账's case
        agreed.append(f"协议形式：{c.agreement_form}")
    if agreed:
        lines.append("    ".join(agreed))
    if c.closed_on:
        lines.append(f"归档日期：{format_cn_date(c.closed_on)}")
    if d.mediator:
        lines.append(f"承办调解员：{d.mediator.name}")
    lines.append("当事人：")
    party_fields = spec.record_kinds["party"].fields
    for p in d.parties:
        ident = p.credit_code if p.is_organisation else p.id_number
        lines.append(f"  {p.role} {p.name} {ident} {p.phone} {p.address}".rstrip())
        values = {f.id: getattr(p, f.id, None) for f in party_fields}
        more = _items(party_fields, values, skip=_PARTY_LINE)
        if p.is_organisation:
            more.insert(0, "单位")
        if more:
            lines.append("    " + "；".join(more))
    lines += [f"纠纷简要情况：{_block(c.facts)}", f"当事人申请事项：{_block(c.requests)}"]
    values = field_values(spec, c)
    for step in spec.steps:
        filled = _items(step.fields, values, skip=_IN_HEADING)
        if filled:
            lines.append(f"{step.name}：")
            lines += ["  " + item for item in filled]
    for kind, title in _RECORDS:
        records = d.of(kind)
        if records:
            fields = spec.record_kinds[kind].fields
            lines.append(f"{title}（{len(records)}）：")
            for n, r in enumerate(records, start=1):
                first, *rest = _items(fields, r.values) or [""]
                lines.append(f"  {n}. {first}")
                lines += ["     " + item for item in rest]
    for x in d.extensions:
        lines.append(f"延长期限：{format_cn_date(x.granted_on)} 延长 {x.days} 天，理由：{x.reason}")
    for e in d.escalations:
        lines.append(
            f"上报：{format_cn_date(e.escalated_on)} "
            f"{spec.level_label(e.from_level)}→{spec.level_label(e.to_level)}，"
            f"理由：{e.reason}"
        )
    for t in d.terminations:
        lines.append(
            f"终止：{format_cn_date(t.terminated_on)} {t.outcome}，"
            f"理由：{clause(t.reason)}；已告知：{'、'.join(t.routes)}"
        )
    for a in d.attachments:
        note = f"（{a.note}）" if a.note else ""
        lines.append(f"附件：{a.filename}{note}")
    click.echo("\n".join(lines))


def _items(
    fields: tuple[FieldSpec, ...], values: dict[str, Any], skip: frozenset[str] = frozenset()
) -> list[str]:
    """“label：value” of each of ``fields`` that holds something, in the workflow's order."""
    out = []
    for f in fields:
        if f.id in skip or (f.kind == "bool" and f.must_be is not None):
            continue
        shown = _shown(f, values.get(f.id))
        if shown:
            out.append(f"{f.label}：{shown}")
    return out


def _shown(f: FieldSpec, value: Any) -> str:
    """A field's value as the window shows it: dates in Chinese, money in yuan with its
    capital amount, yes/no as 是/否, several choices joined by 、."""
    if value is None or value == "" or value == ():
        return ""
    if f.kind == "bool":
        return "是" if value else "否"
    if isinstance(value, date):
        return format_cn_date(value)
    if f.kind == "money" and isinstance(value, int):
        return f"{format_yuan(value)}元（{capital_amount(value)}）"
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    return _block(str(value))


def _block(text: str) -> str:
    """Text of several lines, its later lines indented under the first."""
    return text.strip().replace("\n", "\n      ")
