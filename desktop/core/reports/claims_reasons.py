"""What is wrong with a case left off the 以案定补 list, in one sentence a mediator can act on:
not the rule's name (“协议已履行”) but the case's own facts — its status, the last return
visit and which terms it left open, the self-check's first error (which document, which
field), the month it was claimed in. Rules: resources/reports/claims.toml."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.core.performance import open_terms

if TYPE_CHECKING:
    from desktop.core.store.store import Store

# How much of a term's text names it in the sentence.
_TERM_CHARS = 14


def refusal_sentence(
    store: Store,
    case_id: int,
    failing: set[str],
    *,
    status: str,
    claimed_month: str,
    file_errors: list[str] | None = None,
) -> str:
    """One sentence (ending in 。) saying, for each failed check of ``failing`` (claims.toml
    ``check`` names), what this case lacks. ``file_errors``: the self-check's errors when the
    caller has them already (the self-check is the slow part)."""
    parts = [
        _part(store, case_id, check, status, claimed_month, file_errors)
        for check in _ORDER
        if check in failing
    ]
    return "；".join(parts) + "。" if parts else ""


_ORDER = ("succeeded", "not_claimed", "performed", "difficulty", "platform", "file_complete")


def _part(
    store: Store,
    case_id: int,
    check: str,
    status: str,
    claimed_month: str,
    known: list[str] | None,
) -> str:
    if check == "succeeded":
        return f"案件状态是“{status or '未填'}”，不是调解成功"
    if check == "not_claimed":
        return f"已在 {claimed_month} 申报过，一案只补一次"
    if check == "difficulty":
        return "没有登记案件难度（简单、一般或疑难复杂）"
    if check == "platform":
        return "没有填写平台案号（录入省人民调解平台后填上）"
    if check == "performed":
        return _performance(store, case_id)
    return _file(known if known is not None else file_errors(store, case_id))


def _performance(store: Store, case_id: int) -> str:
    visits = [
        {"visited_on": on, "performance": perf, "performed_terms": done}
        for on, perf, done in store.db.execute(
            "SELECT visited_on, performance, performed_terms FROM return_visits"
            " WHERE case_id = ? AND performance != '不适用' ORDER BY visited_on, seq",
            [case_id],
        )
    ]
    if not visits:
        return "还没有回访记录协议是否履行（请回访后记上履行情况）"
    terms = [
        {"seq": seq, "kind": kind, "amount": amount, "content": content}
        for seq, kind, amount, content in store.db.execute(
            "SELECT seq, kind, amount_fen, content FROM terms WHERE case_id = ? ORDER BY seq",
            [case_id],
        )
    ]
    receipts = [
        {"term_seq": seq, "amount": amount}
        for seq, amount in store.db.execute(
            "SELECT term_seq, amount_fen FROM receipts WHERE case_id = ?", [case_id]
        )
    ]
    last = visits[-1]
    said = (
        f"最近一次回访（{last['visited_on'] or '未写日期'}）记的是“{last['performance'] or '未填'}”"
    )
    left = open_terms(terms, receipts, visits)
    if not left:
        return said
    content = {t["seq"]: str(t["content"] or "") for t in terms}
    named = "、".join(f"第{n}项（{_short(content.get(n, ''))}）" for n in left)
    return f"{said}，{named}还没有履行"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _TERM_CHARS else text[:_TERM_CHARS] + "…"


def file_errors(store: Store, case_id: int) -> list[str]:
    """The case file's self-check errors (documents.self_check, severity 错误), in its order."""
    from desktop.core.documents import self_check
    from desktop.core.documents.checks import ERROR

    return [f.message.rstrip("。") for f in self_check(store, case_id) if f.severity == ERROR]


def _file(errors: list[str]) -> str:
    if not errors:
        return "卷宗自查没有通过"
    more = f"（另有 {len(errors) - 1} 处错误，见卷宗自查）" if len(errors) > 1 else ""
    return f"卷宗自查：{errors[0]}{more}"
