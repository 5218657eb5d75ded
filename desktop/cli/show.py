"""Plain-text rendering of cases for a Chinese terminal."""

from __future__ import annotations

import click

from desktop.core.models import DONE, CaseDetail, CaseSummary
from desktop.core.plaintext import clause
from desktop.core.store import Store
from desktop.core.validation.dates import format_cn_date
from desktop.core.validation.money import capital_amount, format_yuan


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


def print_case(store: Store, d: CaseDetail) -> None:
    c = d.case
    spec = store.cases.spec_of(c)
    lines = [
        f"案号：{c.case_no}",
        f"纠纷名称：{c.title}",
        f"纠纷类型：{c.category_name}    案件来源：{c.source}",
        f"状态：{c.status}    当前步骤：{step_name(store, c.step_now)}",
        f"当前层级：第{c.level_now}级 {spec.level(c.level_now).name}",
        f"受理日期：{format_cn_date(c.accepted_on)}",
    ]
    if c.agreement_on:
        form = f"（{c.agreement_form}）" if c.agreement_form else ""  # none for an old 台账's
        lines.append(f"协议日期：{format_cn_date(c.agreement_on)}{form}")
    if c.closed_on:
        lines.append(f"办结日期：{format_cn_date(c.closed_on)}")
    if d.mediator:
        lines.append(f"承办调解员：{d.mediator.name}")
    lines.append("当事人：")
    for p in d.parties:
        ident = p.credit_code if p.is_organisation else p.id_number
        lines.append(f"  {p.role} {p.name} {ident} {p.phone} {p.address}".rstrip())
    lines += [f"纠纷简要情况：{c.facts}", f"申请事项：{c.requests}"]
    for kind, title in (
        ("investigation", "调查记录"),
        ("session", "调解记录"),
        ("term", "协议条款"),
        ("return_visit", "回访记录"),
        ("receipt", "履行凭证"),
    ):
        records = d.of(kind)
        if records:
            lines.append(f"{title}（{len(records)}）：")
            for r in records:
                lines.append("  " + _record_line(kind, r.values))
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
    click.echo("\n".join(lines))


def _record_line(kind: str, v: dict[str, object]) -> str:
    if kind == "term":
        amount = v.get("amount")
        money = (
            f" {format_yuan(amount)}元（{capital_amount(amount)}）"
            if isinstance(amount, int)
            else ""
        )
        return (
            f"{v.get('content')}{money}；履行人 {v.get('obligor')}，{v.get('manner')}，"
            f"期限 {v.get('deadline')}"
        )
    first_date = next((x for x in v.values() if hasattr(x, "isoformat")), None)
    text = v.get("content") or v.get("result") or v.get("notes") or v.get("description") or ""
    return f"{first_date or ''} {text}".strip()
