"""Deadlines computed from cases: the 30-day mediation limit (plus recorded extensions), the
30-day 司法确认 window, each performance term, the return visit, and the month-end report.
One pure function decides per case; :func:`due_on` feeds it in batches from the store."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from desktop.core.models import DONE, CaseStatus
from desktop.core.performance import open_terms
from desktop.core.term_naming import distinct, shortened
from desktop.core.validation.dates import format_cn_date
from desktop.core.validation.money import format_yuan
from desktop.core.validation.names import tidy_name
from desktop.core.workflow.spec import WorkflowSpec

if TYPE_CHECKING:
    from desktop.core.store.store import Store

MEDIATION = "mediation_limit"
CONFIRMATION = "judicial_confirmation"
PERFORMANCE = "performance"
RETURN_VISIT = "return_visit"
MONTHLY_REPORT = "monthly_report"
#: Days before the month's end from which its 月报 and 平台录入 are reminded.
MONTH_END_NOTICE_DAYS = 7
PLATFORM = "platform"

KIND_NAMES = {
    MEDIATION: "调解期限",
    CONFIRMATION: "司法确认申请期限",
    PERFORMANCE: "履行期限",
    RETURN_VISIT: "回访",
    MONTHLY_REPORT: "月报",
    PLATFORM: "录入省平台",
}


@dataclass(frozen=True, slots=True)
class DeadlineInputs:
    """The few facts of a case that deadlines depend on."""

    case_id: int
    case_no: str
    title: str
    status: CaseStatus
    step_now: str
    accepted_on: date
    agreement_form: str = ""
    agreement_on: date | None = None
    judicial_confirmation: str = ""
    extension_days: int = 0
    terms: tuple[tuple[int, date | None, str], ...] = ()  # (seq, deadline, content)
    #: Per term seq: (履行人, amount in fen or None), and the case's parties as (role, name).
    payments: dict[int, tuple[str, int | None]] = field(default_factory=dict)
    parties: tuple[tuple[str, str], ...] = ()
    #: The 法定代表人 of parties that are units, as (role, name): a 履行人 may name one.
    representatives: tuple[tuple[str, str], ...] = ()
    visits: tuple[tuple[date | None, str], ...] = ()  # (visited_on, performance)
    #: Terms still to be performed (performance.open_terms); None: every term until a visit
    #: records 已履行 (what older callers mean).
    open_seqs: frozenset[int] | None = None
    #: Why the case was archived with terms open (e.g. 申请强制执行): their reminders stay.
    open_terms_reason: str = ""
    closed_on: date | None = None

    def quiet_after(self, spec: WorkflowSpec) -> date | None:
        """For an archived case, the last day its reminders are listed in 今日: its archive
        date or latest return visit, whichever is later, plus the workflow's
        ``archived_reminder_days``; None for a case still being handled."""
        if self.step_now != DONE or self.closed_on is None:
            return None
        since = max([self.closed_on, *(v for v, _ in self.visits if v is not None)])
        return since + timedelta(days=spec.archived_reminder_days)


@dataclass(frozen=True, slots=True)
class Deadline:
    kind: str
    case_id: int | None
    case_no: str
    title: str
    due: date
    label: str
    done: bool = False

    def days_left(self, today: date) -> int:
        return (self.due - today).days

    def describe(self, today: date) -> str:
        left = self.days_left(today)
        when = (
            "今天到期" if left == 0 else (f"还有 {left} 天" if left > 0 else f"已超过 {-left} 天")
        )
        return f"{self.label}：{format_cn_date(self.due)}（{when}）"


def case_deadlines(c: DeadlineInputs, spec: WorkflowSpec) -> list[Deadline]:
    """Every deadline of one case, done or not."""
    out: list[Deadline] = []

    def add(kind: str, due: date, label: str, done: bool) -> None:
        out.append(Deadline(kind, c.case_id, c.case_no, c.title, due, label, done))

    limit = c.accepted_on + timedelta(days=spec.mediation_days + c.extension_days)
    still_mediating = c.status is CaseStatus.OPEN and c.step_now != DONE
    extra = f"（含延长 {c.extension_days} 天）" if c.extension_days else ""
    add(MEDIATION, limit, f"调解期限 {spec.mediation_days} 天{extra}届满", not still_mediating)

    settled = c.status is CaseStatus.SUCCEEDED and c.agreement_on is not None
    if settled and c.agreement_form == "书面协议":
        assert c.agreement_on is not None
        add(
            CONFIRMATION,
            c.agreement_on + timedelta(days=spec.confirmation_days),
            "可共同申请司法确认的 30 日期限届满",
            c.judicial_confirmation in ("已申请", "已确认") or c.step_now == DONE,
        )
    performed = any(p == "已履行" for _, p in c.visits)
    open_seqs = (
        c.open_seqs
        if c.open_seqs is not None
        else frozenset()
        if performed
        else frozenset(seq for seq, _, _ in c.terms)
    )
    # An archived case keeps the reminders of terms it was archived with open (a reason is
    # recorded); otherwise archiving ends them as before.
    kept_open = c.step_now != DONE or bool(c.open_terms_reason.strip())
    # Each term named by what it says (who pays whom how much, or its text shortened), not
    # by its number: contents that start with their own "第3项" made every line read alike.
    lines = distinct(
        [(seq, f"应履行：{term_line(c, seq, content)}") for seq, _, content in c.terms]
    )
    for seq, deadline, _content in c.terms:
        if deadline is not None:  # a continuing duty has none
            add(PERFORMANCE, deadline, lines[seq], seq not in open_seqs or not kept_open)
    if settled:
        assert c.agreement_on is not None
        visited_days = [v for v, _ in c.visits if v is not None and v >= c.agreement_on]
        open_deadlines = [d for seq, d, _ in c.terms if d is not None and seq in open_seqs]
        if open_deadlines and kept_open:
            # The visit follows the last open term's deadline; after a visit that found terms
            # still open it comes again, a month later (it no longer disappears from 今日).
            last_visit = max(visited_days, default=None)
            upcoming = [d for d in open_deadlines if last_visit is None or d > last_visit]
            if upcoming:
                due = max(upcoming) + timedelta(days=spec.return_visit_after_deadline_days)
            else:
                assert last_visit is not None
                due = last_visit + timedelta(days=spec.return_visit_after_agreement_days)
            add(RETURN_VISIT, due, "应进行回访（尚有条款未履行）", False)
        else:
            deadlines = [d for _, d, _ in c.terms if d is not None]
            due = (
                max(deadlines) + timedelta(days=spec.return_visit_after_deadline_days)
                if deadlines
                else c.agreement_on + timedelta(days=spec.return_visit_after_agreement_days)
            )
            add(RETURN_VISIT, due, "应进行回访", bool(visited_days) or c.step_now == DONE)
    return out


def term_line(c: DeadlineInputs, seq: int, content: str) -> str:
    """Who pays whom how much: "平湖市某建材有限公司付给张建国等 12,000.00元"; without an
    amount, who does what ("李秀英：当场把车挪走"), the text without the number it starts
    with and shortened to 16 characters (desktop/core/term_naming.py). The payee is the other
    side of the dispute from the 履行人 (申请人 <-> 被申请人), "对方" when the 履行人 is not
    a party by name."""
    obligor, fen = c.payments.get(seq, ("", None))
    short = shortened(content)
    if fen:
        # As the 履行人 was accepted: 张三。 names the party 张三 (validation/names.tidy_name).
        said = tidy_name(obligor)
        role = next((r for r, n in c.parties if tidy_name(n) == said), "") or next(
            (r for r, n in c.representatives if tidy_name(n) == said), ""
        )
        other = {"申请人": "被申请人", "被申请人": "申请人"}.get(role, "")
        names = [n for r, n in c.parties if r == other]
        payee = (names[0] + ("等" if len(names) > 1 else "")) if names else "对方"
        return f"{obligor or '履行人'}付给{payee} {format_yuan(fen)}元"
    # "李秀英：李秀英在围墙底部开排水口" said the name twice.
    return f"{obligor}：{short}" if obligor and not short.startswith(obligor) else short


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def report_deadline(day: date, done: bool = False) -> Deadline:
    end = month_end(day)
    return Deadline(
        MONTHLY_REPORT,
        None,
        "",
        f"{day.year}年{day.month}月月报",
        end,
        f"{day.year}年{day.month}月月报应于月底前报送",
        done,
    )


def platform_deadline(store: Store, day: date) -> Deadline | None:
    """The month-end reminder to enter this month's cases into the provincial platform (they
    are entered in the same month), or None when every case of the month has its 平台案号."""
    from desktop.core.reports.platform import count_not_entered

    missing = count_not_entered(store, day)
    if not missing:
        return None
    return Deadline(
        PLATFORM,
        None,
        "",
        f"{day.month}月有 {missing} 件案件未录入省平台",
        month_end(day),
        f"本月受理的 {missing} 件案件还没有平台案号，请在月底前录入省人民调解平台",
    )


def _load_inputs(store: Store, case_ids: list[int]) -> list[DeadlineInputs]:
    if not case_ids:
        return []
    db = store.db
    marks = ",".join("?" * len(case_ids))
    ext = dict(
        db.execute(
            "SELECT case_id, sum(days) FROM extensions"
            f" WHERE case_id IN ({marks}) GROUP BY case_id",
            case_ids,
        )
    )
    terms: dict[int, list[tuple[int, date | None, str]]] = {}
    payments: dict[int, dict[int, tuple[str, int | None]]] = {}
    term_rows: dict[int, list[dict[str, object]]] = {}
    for cid, seq, deadline, content, obligor, fen, kind in db.execute(
        "SELECT case_id, seq, deadline, content, obligor, amount_fen, kind"
        f" FROM terms WHERE case_id IN ({marks}) ORDER BY seq",
        case_ids,
    ):
        terms.setdefault(cid, []).append(
            (seq, date.fromisoformat(deadline) if deadline else None, content)
        )
        payments.setdefault(cid, {})[seq] = (obligor or "", fen)
        term_rows.setdefault(cid, []).append({"seq": seq, "kind": kind, "amount": fen})
    parties: dict[int, list[tuple[str, str]]] = {}
    representatives: dict[int, list[tuple[str, str]]] = {}
    for cid, role, name, kind, rep in db.execute(
        "SELECT case_id, role, name, kind, legal_rep FROM parties"
        f" WHERE case_id IN ({marks}) ORDER BY seq",
        case_ids,
    ):
        parties.setdefault(cid, []).append((role, name))
        if kind == "单位" and rep:
            representatives.setdefault(cid, []).append((role, rep))
    receipts: dict[int, list[dict[str, object]]] = {}
    for cid, term_seq, amount in db.execute(
        f"SELECT case_id, term_seq, amount_fen FROM receipts WHERE case_id IN ({marks})",
        case_ids,
    ):
        receipts.setdefault(cid, []).append({"term_seq": term_seq, "amount": amount})
    visits: dict[int, list[tuple[date | None, str]]] = {}
    visit_rows: dict[int, list[dict[str, object]]] = {}
    for cid, on, perf, done_terms in db.execute(
        "SELECT case_id, visited_on, performance, performed_terms FROM return_visits"
        f" WHERE case_id IN ({marks})",
        case_ids,
    ):
        visits.setdefault(cid, []).append((date.fromisoformat(on) if on else None, perf))
        visit_rows.setdefault(cid, []).append({"performance": perf, "performed_terms": done_terms})
    out = []
    for r in db.execute(
        "SELECT id, case_no, title, status, step_now, accepted_on, agreement_form, agreement_on,"
        " judicial_confirmation, json_extract(step_values, '$.open_terms_reason'), closed_on"
        f" FROM cases WHERE id IN ({marks})",
        case_ids,
    ):
        out.append(
            DeadlineInputs(
                case_id=r[0],
                case_no=r[1],
                title=r[2],
                status=CaseStatus(r[3]),
                step_now=r[4],
                accepted_on=date.fromisoformat(r[5]),
                agreement_form=r[6],
                agreement_on=date.fromisoformat(r[7]) if r[7] else None,
                judicial_confirmation=r[8],
                extension_days=ext.get(r[0], 0) or 0,
                terms=tuple(terms.get(r[0], ())),
                payments=payments.get(r[0], {}),
                parties=tuple(parties.get(r[0], ())),
                representatives=tuple(representatives.get(r[0], ())),
                visits=tuple(visits.get(r[0], ())),
                open_seqs=frozenset(
                    open_terms(
                        term_rows.get(r[0], ()), receipts.get(r[0], ()), visit_rows.get(r[0], ())
                    )
                ),
                open_terms_reason=str(r[9] or ""),
                closed_on=date.fromisoformat(r[10]) if r[10] else None,
            )
        )
    return out


def inputs_for(store: Store, case_id: int) -> DeadlineInputs:
    return _load_inputs(store, [case_id])[0]


#: Committee-wide duties with a fixed date (the month's 月报, 录入省平台): listed first.
MONTH_END_KINDS = (MONTHLY_REPORT, PLATFORM)


def today_order(item: Deadline) -> tuple[int, date, str]:
    """The order of 今日: the committee's month-end duties first (shown only in the month's
    last week, MONTH_END_NOTICE_DAYS), then every case item by due day, overdue first, then
    by 案号. A month-end duty sorted by its day came after every overdue item — behind a
    backlog of hundreds of them it was never seen, and its date cannot be extended; a case
    item already late stays where lateness puts it."""
    return (0 if item.kind in MONTH_END_KINDS else 1, item.due, item.case_no)


def due_on(store: Store, day: date, *, horizon_days: int = 30) -> list[Deadline]:
    """What is overdue on ``day`` or falls due within ``horizon_days`` after it, in the order
    of 今日 (``today_order``: month-end duties first, then most urgent first). Only cases not
    yet archived can have open deadlines, so only those are read, and the cases archived with
    a term open (its reason recorded) for ``archived_reminder_days`` after archiving or their
    latest return visit (wubu.toml): a case closed years ago does not fill 今日 with reminders
    overdue by a thousand days."""
    longest = max((s.archived_reminder_days for s in store.catalog.specs.values()), default=0)
    # A visit after archiving restarts the period, so the SQL cut uses the latest visit too.
    ids = [
        r[0]
        for r in store.db.execute(
            "SELECT id FROM cases WHERE step_now != ? OR (step_values LIKE '%open_terms_reason%'"
            " AND coalesce(json_extract(step_values, '$.open_terms_reason'), '') != ''"
            " AND max(coalesce(closed_on, ''), coalesce((SELECT max(visited_on)"
            " FROM return_visits v WHERE v.case_id = cases.id), '')) >= ?)",
            [DONE, (day - timedelta(days=longest)).isoformat()],
        )
    ]
    limit = day + timedelta(days=horizon_days)
    # Month-end duties (月报, 平台录入) are reminded in the month's last week whatever the
    # horizon: with 今日 looking 30 days ahead they would otherwise be listed all month.
    month_limit = day + timedelta(days=min(horizon_days, MONTH_END_NOTICE_DAYS))
    items: list[Deadline] = []
    for start in range(0, len(ids), 500):
        for inputs in _load_inputs(store, ids[start : start + 500]):
            spec = store.cases.spec_for(inputs.case_id)
            quiet = inputs.quiet_after(spec)
            if quiet is not None and day > quiet:
                continue  # archived long enough ago: its own 期限 column still lists them
            for d in case_deadlines(inputs, spec):
                if d.done or d.due > limit:
                    continue
                # A 司法确认 window that has closed cannot be acted on any more.
                if d.kind == CONFIRMATION and d.due < day:
                    continue
                items.append(d)
    month_key = f"{MONTHLY_REPORT}:{day.year}-{day.month:02d}"
    reported = store.db.execute("SELECT 1 FROM documents WHERE form = ?", [month_key]).fetchone()
    report = report_deadline(day, done=reported is not None)
    if not report.done and report.due <= month_limit:
        items.append(report)
    platform = platform_deadline(store, day)
    if platform is not None and platform.due <= month_limit:
        items.append(platform)
    return sorted(items, key=today_order)
