"""以案定补: the cases of a month that qualify for the per-case subsidy, under rules kept as data
(``resources/reports/claims.toml``), the refusals naming the rule a case fails, and marking
the qualifying cases claimed so that no case is ever claimed twice (``subsidy_claims`` has one
row per case: UNIQUE). Sources of the default rules: 上海新桥镇 2024 “一案一卷、调解成功、
协议履行、一案一补”; 厚街镇 2024 grades by 难易程度, 涉及人数, 涉案金额; 砚山县 2023."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.errors import ValidationError
from desktop.core.paths import resource
from desktop.core.reports.claims_reasons import file_errors, refusal_sentence
from desktop.core.reports.period import Month
from desktop.core.resources import Node, load_toml
from desktop.core.store import audit
from desktop.core.validation.money import parse_yuan

if TYPE_CHECKING:
    from desktop.core.store.store import Store

CHECKS = ("succeeded", "file_complete", "performed", "not_claimed", "difficulty", "platform")
UNGRADED = "未登记"


@dataclass(frozen=True, slots=True)
class ClaimRule:
    check: str  # one of CHECKS
    name: str  # as printed, e.g. "协议已履行"


@dataclass(frozen=True, slots=True)
class ClaimRules:
    rules: tuple[ClaimRule, ...]
    amounts: dict[str, int]  # difficulty (or UNGRADED) -> fen per case
    bands: tuple[tuple[str, int | None], ...]  # (name, upper bound in fen, exclusive)

    def band(self, fen: int | None) -> str:
        for name, below in self.bands:
            if below is None or (fen or 0) < below:
                return name
        return ""


@dataclass(frozen=True, slots=True)
class ClaimLine:
    """One case of the month's list: qualifying when ``failed`` is empty."""

    case_id: int
    case_no: str
    title: str
    parties: str
    agreement_on: str
    difficulty: str
    amount_band: str
    people: int
    subsidy_fen: int
    failed: tuple[str, ...]  # names of the rules the case fails, in rule order
    claimed_month: str = ""  # the month it was claimed in, if it was
    why: str = ""  # what is wrong with this case, one sentence (claims_reasons)


@dataclass(frozen=True, slots=True)
class ClaimList:
    month: Month
    committee: str
    qualifying: tuple[ClaimLine, ...]
    refused: tuple[ClaimLine, ...]
    rules: tuple[ClaimRule, ...]

    @property
    def total_fen(self) -> int:
        return sum(c.subsidy_fen for c in self.qualifying)


@lru_cache(maxsize=4)
def load_rules(path: Path | None = None) -> ClaimRules:
    """The subsidy rules; ValidationError names an unknown check."""
    root = load_toml(path or resource("reports", "claims.toml"))
    rules = []
    for raw in root.tables("rules", required=False):
        check = raw.text("check")
        if check not in CHECKS:
            raise raw.fail("check", f"以案定补规则“{check}”不认识，可用的有：{'、'.join(CHECKS)}")
        rules.append(ClaimRule(check, raw.text("name", check)))

    def yuan(node: Node, key: str) -> int:
        try:
            return parse_yuan(node.text(key))
        except ValidationError:
            raise node.fail(key, '应当是一个金额（元），例如 "200"') from None

    table = root.table("amounts", {})
    amounts = {k: yuan(table, k) for k in table}
    bands = tuple(
        (b.text("name"), yuan(b, "below") if "below" in b else None)
        for b in root.tables("amount_bands", required=False)
    )
    return ClaimRules(tuple(rules), amounts, bands)


def _performed(store: Store, case_id: int) -> bool:
    row = store.db.execute(
        "SELECT performance FROM return_visits WHERE case_id = ? AND performance != '不适用'"
        " ORDER BY visited_on DESC, seq DESC LIMIT 1",
        [case_id],
    ).fetchone()
    return bool(row) and row[0] == "已履行"


def _file_complete(store: Store, case_id: int, memo: dict[int, list[str]] | None = None) -> bool:
    errors = file_errors(store, case_id)
    if memo is not None:
        memo[case_id] = errors  # the refusal's sentence names the first (no second self-check)
    return not errors


def claim_list(store: Store, month: Month | str, *, rules: ClaimRules | None = None) -> ClaimList:
    """The month's 以案定补 list. Candidates are this file's own cases settled (调解成功) in the
    month, those settled earlier in the year whose performance a return visit of this month
    confirmed, and any case claimed in this month; a case qualifies when it passes every rule.
    Refused lines name the failed rules, so the mediator sees what is missing (a return visit,
    …); the file's self-check is only run for a case that passes the other rules."""
    month = Month.parse(month)
    rules = rules or load_rules()
    claimed = dict(store.db.execute("SELECT case_id, month FROM subsidy_claims").fetchall())
    own = "c.committee_id = ''" if _has(store, "committee_id") else "1"
    rows = store.db.execute(
        "SELECT c.id, c.case_no, c.title, c.status, c.agreement_on, c.difficulty, c.amount_fen,"
        " coalesce(c.people_count, 0), c.platform_no,"
        " (SELECT group_concat(name, '、') FROM (SELECT name FROM parties p"
        "   WHERE p.case_id = c.id ORDER BY p.seq))"
        # Candidates by index first (agreements of the month, visits of the month, claims
        # of the month), so the list costs what the month holds, not the whole file.
        " FROM (SELECT id FROM cases WHERE agreement_on BETWEEN :ms AND :me"
        "   UNION SELECT case_id FROM return_visits WHERE visited_on BETWEEN :ms AND :me"
        "   AND performance = '已履行'"
        "   UNION SELECT case_id FROM subsidy_claims WHERE month = :m) AS candidate"
        f" CROSS JOIN cases c ON c.id = candidate.id WHERE {own} AND ((c.status = '调解成功'"
        " AND (c.agreement_on BETWEEN :ms AND :me OR (c.agreement_on BETWEEN :ys AND :me"
        "   AND c.id IN (SELECT case_id FROM return_visits WHERE visited_on BETWEEN :ms AND :me"
        "   AND performance = '已履行'))))"
        " OR c.id IN (SELECT case_id FROM subsidy_claims WHERE month = :m))"
        " ORDER BY c.agreement_on, c.id",
        {
            "ms": month.first.isoformat(),
            "ys": month.year_start.isoformat(),
            "me": month.last.isoformat(),
            "m": month.key,
        },
    ).fetchall()
    good: list[ClaimLine] = []
    bad: list[ClaimLine] = []
    checked: dict[int, list[str]] = {}  # case id -> its self-check's errors, when run
    for cid, no, title, status, agreed, difficulty, amount, people, platform, names in rows:
        facts = {
            "succeeded": status == "调解成功",
            # Claimed in this very month: still on this month's (re-printed) list.
            "not_claimed": claimed.get(cid, month.key) == month.key,
            "difficulty": bool(difficulty),
            "platform": bool(platform),
        }
        failing = failed_checks(store, rules, cid, facts, memo=checked)
        failed = [r.name for r in rules.rules if r.check in failing]
        grade = difficulty or UNGRADED
        why = (
            refusal_sentence(
                store,
                cid,
                failing,
                status=status or "",
                claimed_month=claimed.get(cid, ""),
                file_errors=checked.get(cid),
            )
            if failed
            else ""
        )
        line = ClaimLine(
            cid,
            no,
            title,
            names or "",
            agreed or "",
            grade,
            rules.band(amount),
            int(people),
            rules.amounts.get(grade, rules.amounts.get(UNGRADED, 0)),
            tuple(failed),
            claimed.get(cid, ""),
            why,
        )
        (bad if failed else good).append(line)
    return ClaimList(month, store.settings.committee().name, tuple(good), tuple(bad), rules.rules)


def failed_checks(
    store: Store,
    rules: ClaimRules,
    case_id: int,
    facts: dict[str, bool],
    *,
    memo: dict[int, list[str]] | None = None,
) -> set[str]:
    """The checks a case fails. The file's self-check is the slow one (it builds every form):
    it is asked only of a case that passes every other rule, so a case already refused for,
    say, performance is not also read through."""
    failed = {
        r.check
        for r in rules.rules
        if r.check != "file_complete" and not _passes(store, r.check, case_id, facts)
    }
    wanted = any(r.check == "file_complete" for r in rules.rules)
    if not failed and wanted and not _file_complete(store, case_id, memo):
        failed.add("file_complete")
    return failed


def _passes(store: Store, check: str, case_id: int, facts: dict[str, bool]) -> bool:
    if check in facts:
        return facts[check]
    if check == "performed":
        return _performed(store, case_id)
    return _file_complete(store, case_id)  # the slowest: asked last, only when in the rules


def _has(store: Store, column: str) -> bool:
    return any(c.name == column for c in store.db["cases"].columns)


def mark_claimed(
    store: Store, month: Month | str, case_ids: list[int] | None = None, *, actor: str | None = None
) -> list[int]:
    """Record the qualifying cases of the month (or the given ones among them) as claimed, in
    one transaction with an audit entry each; returns the case ids newly marked (those already
    claimed in this month are left as they are). A case that does
    not qualify now, or was claimed before, is refused with the rule it fails (ValidationError),
    and nothing is written."""
    month = Month.parse(month)
    rules = load_rules()
    listing = claim_list(store, month, rules=rules)
    qualifying = {c.case_id: c for c in listing.qualifying}
    refused = {c.case_id: c for c in listing.refused}
    wanted = list(qualifying) if case_ids is None else list(dict.fromkeys(case_ids))
    for cid in wanted:
        if cid not in qualifying:
            line = refused.get(cid)
            if line is None:
                raise ValidationError(
                    f"编号为 {cid} 的案件不在{month.label}的申报范围内"
                    "（本年调解成功的本调委会案件）。"
                )
            raise ValidationError(
                f"案件 {line.case_no} 不能申报：{line.why}"
                if line.why
                else f"案件 {line.case_no} 不能申报：{'、'.join(line.failed)}这一条不满足。"
            )
    # Already on this month's claim: nothing to add (a case is claimed once only).
    wanted = [cid for cid in wanted if not qualifying[cid].claimed_month]
    now = store.timestamp()
    who = actor or store.actor
    rule_text = json.dumps([r.name for r in rules.rules], ensure_ascii=False)
    with store.db.atomic():
        for cid in wanted:
            line = qualifying[cid]
            store.db.execute(
                "INSERT INTO subsidy_claims (case_id, month, rules, difficulty, band, amount_fen,"
                " claimed_on, actor, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    cid,
                    month.key,
                    rule_text,
                    line.difficulty,
                    line.amount_band,
                    line.subsidy_fen,
                    store.today().isoformat(),
                    who,
                    now,
                ],
            )
            audit.write(
                store.db,
                at=now,
                actor=who,
                case_id=cid,
                entity="subsidy_claim",
                entity_id=None,
                action="create",
                detail={"month": month.key, "amount_fen": line.subsidy_fen},
            )
    return wanted


def yuan_text(fen: int) -> str:
    return f"{Decimal(fen) / 100:,.2f}"
