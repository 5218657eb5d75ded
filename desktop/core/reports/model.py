"""The monthly report as one document model (header, tables, trend, narrative, notes) that the
PDF, Word and Excel writers and the window's preview all render, so they always agree."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from desktop.core.categories import load_categories
from desktop.core.reports.definitions import Definitions, load_definitions
from desktop.core.reports.entries import get_entry
from desktop.core.reports.period import Month
from desktop.core.reports.scope import own_committee_id
from desktop.core.reports.statistics import CATEGORY_COLUMNS, Figures, compute
from desktop.core.validation.money import format_yuan

if TYPE_CHECKING:
    from desktop.core.store.store import Store

COUNT, MONEY, RATE = "count", "money", "rate"
#: Money shown in 万元 (ten thousand yuan, two decimals); the value is still kept in fen.
MONEY_WAN = "money_wan"

#: Shown instead of a rate whose denominator is zero, and for a time-point figure's year column.
NOT_APPLICABLE = "—"

ALL_COMMITTEES = "全部调委会合计"


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    key: str
    group: str
    label: str
    unit: str
    kind: str  # COUNT, MONEY (fen) or RATE (percent)
    month: int | float | None
    year: int | float | None  # None: a time-point figure, or a rate with nothing to divide
    definition: str


@dataclass(frozen=True, slots=True)
class CategoryRow:
    """One 纠纷类型 of the categories x figures matrix (columns: statistics.CATEGORY_COLUMNS)."""

    name: str
    accepted_m: int
    succeeded_m: int
    unresolved_m: int  # accepted this month, not settled by its end (未化解)
    difficult_m: int  # accepted this month as 疑难复杂
    people_m: int
    amount_m: int  # fen
    accepted_y: int
    succeeded_y: int
    unresolved_y: int


@dataclass(frozen=True, slots=True)
class LevelRow:
    number: int
    name: str
    resolved_m: int
    resolved_y: int
    escalated_in_m: int
    escalated_in_y: int


@dataclass(frozen=True, slots=True)
class MonthlyReport:
    committee_name: str
    region: str
    month: Month
    filler: str
    reviewer: str
    filled_on: date
    narrative: str
    indicators: tuple[IndicatorRow, ...]
    categories: tuple[CategoryRow, ...]
    category_total: CategoryRow
    levels: tuple[LevelRow, ...]
    trend: tuple[tuple[Month, int, int], ...]
    notes: tuple[str, ...]

    @property
    def title(self) -> str:
        return f"人民调解工作月报（{self.month.label}）"

    @property
    def is_zero(self) -> bool:
        """Nothing happened this month: still reported (零上报)."""
        return all(not r.month for r in self.indicators if r.kind != RATE)

    def value(self, key: str, period: str = "month") -> int | float | None:
        for row in self.indicators:
            if row.key == key:
                return row.month if period == "month" else row.year
        raise KeyError(key)


def display(value: int | float | None, kind: str) -> str:
    """A figure as printed: money in yuan with two decimals, rates with one and a %."""
    if value is None:
        return NOT_APPLICABLE
    if kind == MONEY:
        return format_yuan(int(value))
    if kind == MONEY_WAN:
        return f"{wan_yuan(int(value)):,.2f}"
    if kind == RATE:
        return f"{value:.1f}%"
    return str(value)


def wan_yuan(fen: int) -> Decimal:
    """Fen to 万元, rounded half up to two decimals (1,000,000 fen = 1 万元)."""
    return (Decimal(fen) / 1_000_000).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _rate(numerator: int, denominator: int) -> float | None:
    return round(numerator * 100 / denominator, 1) if denominator else None


def _indicators(f: Figures, defs: Definitions, sources: tuple[str, ...]) -> list[IndicatorRow]:
    """The rows of the 司法行政 人民调解 statistics as county tables use them (names, units and
    written definitions from indicators.toml), in their printed order."""
    rows: list[IndicatorRow] = []

    def add(
        key: str,
        m: int | float | None,
        y: int | float | None,
        kind: str = COUNT,
        def_key: str | None = None,
        **fmt: str,
    ) -> None:
        d = defs[def_key or key]
        rows.append(
            IndicatorRow(
                key,
                d.group,
                d.label.format(**fmt),
                d.unit.format(**fmt),
                kind,
                m,
                y,
                d.definition.format(**fmt),
            )
        )

    fm, fy = f.flow["m"], f.flow["y"]
    add("accepted", fm["accepted"], fy["accepted"])
    add("people", fm["people"], fy["people"])
    for key in ("succeeded", "failed", "terminated", "transferred"):
        add(key, fm[key], fy[key])
    add("open_at_end", f.snapshot["open_at_end"], None)
    add("overdue_at_end", f.snapshot["overdue_at_end"], None)
    add("difficult", fm["difficult"], fy["difficult"])
    add(
        "success_rate_accepted",
        _rate(fm["succeeded"], fm["accepted"]),
        _rate(fy["succeeded"], fy["accepted"]),
        kind=RATE,
    )
    settled_m = fm["succeeded"] + fm["failed"] + fm["terminated"]
    settled_y = fy["succeeded"] + fy["failed"] + fy["terminated"]
    add(
        "success_rate",
        _rate(fm["succeeded"], settled_m),
        _rate(fy["succeeded"], settled_y),
        kind=RATE,
    )
    _source_rows(f, defs, sources, add)
    for key in ("written", "oral"):
        add(key, fm[key], fy[key])
    add("agreement_amount", fm["agreement_amount"], fy["agreement_amount"], kind=MONEY)
    add("agreement_amount_wan", fm["agreement_amount"], fy["agreement_amount"], kind=MONEY_WAN)
    add("accepted_amount", fm["accepted_amount"], fy["accepted_amount"], kind=MONEY)
    for key in ("confirmation_applied", "confirmed", "visits", "performance_checked", "performed"):
        add(key, fm[key], fy[key])
    add(
        "performance_rate",
        _rate(fm["performed"], fm["performance_checked"]),
        _rate(fy["performed"], fy["performance_checked"]),
        kind=RATE,
    )
    for key in ("screenings", "disputes_found", "prevented"):
        add(key, f.entries["m"][key], f.entries["y"][key])
    for risk in defs.risks:
        (mc, mp), (yc, yp) = f.risks["m"][risk.flag], f.risks["y"][risk.flag]
        for suffix, unit, m, y in (("cases", "件", mc, yc), ("people", "人", mp, yp)):
            add(
                f"risk:{risk.flag}:{suffix}",
                m,
                y,
                def_key="risk",
                name=f"{risk.name}（{unit}）",
                unit=unit,
                flag=risk.flag,
            )
    add("escalations", fm["escalations"], fy["escalations"])
    return rows


def _source_rows(f: Figures, defs: Definitions, sources: tuple[str, ...], add: Any) -> None:
    """案件来源 as the official list (indicators.toml [[sources]]); a source the list does not
    place (an older workflow's, or an imported case's) gets its own "其他来源" row, so the rows
    without "其中" always add up to 调解案件总数."""
    placed: set[str] = set()
    for src in defs.sources:
        placed.update(src.values)
        add(
            f"source:{src.key}",
            sum(f.sources["m"].get(v, 0) for v in src.values),
            sum(f.sources["y"].get(v, 0) for v in src.values),
            def_key="source",
            source=src.name,
        )
    extra = sorted((set(f.sources["y"]) | set(sources)) - placed)
    for value in extra:
        add(
            f"source:other:{value}",
            f.sources["m"].get(value, 0),
            f.sources["y"].get(value, 0),
            def_key="source",
            source=f"其他来源：{value or '未填来源'}",
        )


def _source_members(defs: Definitions) -> str:
    """Which 案件来源 each official row counts, in words for the printed notes (the notes
    pointed the reader to a program file, indicators.toml, before)."""
    parts = [
        f"“{src.name.removeprefix('其中：')}”含{'、'.join(f'“{v}”' for v in src.values)}"
        for src in defs.sources
        if tuple(src.values) != (src.name.removeprefix("其中："),)
    ]
    return f"各项包括的案件来源：{'；'.join(parts)}。" if parts else ""


def _categories(store: Store, f: Figures) -> tuple[tuple[CategoryRow, ...], CategoryRow]:
    cats = load_categories()
    enabled = {c.code for c in cats.enabled(frozenset(store.settings.committee().extra_categories))}
    known = {c.code for c in cats.items}
    codes = [c.code for c in cats.items if c.code in enabled or c.code in f.categories]
    codes += sorted(set(f.categories) - known)  # codes no longer in the list still count
    names = {c.code: c.name for c in cats.items}
    rows = []
    for code in codes:
        v = f.categories.get(code, {})
        rows.append(
            CategoryRow(names.get(code, f"类型{code}"), *(v.get(c, 0) for c in CATEGORY_COLUMNS))
        )
    total = CategoryRow("合计", *(sum(getattr(r, c) for r in rows) for c in CATEGORY_COLUMNS))
    return tuple(rows), total


def committee_label(store: Store, committee_id: str | None) -> tuple[str, str]:
    """(name, region) for the header. The whole-file view of a database that holds other
    committees' imported cases names itself as a sum; an imported committee is named, with its
    所属地区, as its latest package described it (store/senders.py), a namesake as
    “名称（第 2 个案件库）”."""
    settings = store.settings.committee()
    if committee_id is None or committee_id == own_committee_id(store.db):
        if committee_id is None and _holds_imported(store):
            return ALL_COMMITTEES, settings.region
        return settings.name, settings.region
    from desktop.core.store.senders import sender

    found = sender(store, committee_id)
    if found is not None and found.name:
        # A namesake (a committee that set up a new case file) is told apart by its file.
        return store.cases.committee_names().get(committee_id, found.name), found.region
    return f"调委会 {committee_id}", ""


def _holds_imported(store: Store) -> bool:
    """Cases of other committees are in this file (imported packages): local ones carry ''."""
    if not any(c.name == "committee_id" for c in store.db["cases"].columns):
        return False
    return (
        store.db.execute("SELECT 1 FROM cases WHERE committee_id > '' LIMIT 1").fetchone()
        is not None
    )


def build_report(
    store: Store,
    month: Month | str,
    *,
    committee_id: str | None = None,
    narrative: str | None = None,
    filler: str | None = None,
    reviewer: str | None = None,
    filled_on: date | None = None,
) -> MonthlyReport:
    """The month's report. Texts not given come from the saved monthly entry."""
    month = Month.parse(month)
    defs = load_definitions()
    spec = store.catalog.latest()
    figures = compute(store.db, month, committee_id, mediation_days=spec.mediation_days)
    entry = get_entry(store.db, month, committee_id)
    sources = next((f.choices for s in spec.steps for f in s.fields if f.id == "source"), ())
    indicators = _indicators(figures, defs, tuple(sources))
    categories, total = _categories(store, figures)
    levels = tuple(
        LevelRow(n, spec.level(n).name, **figures.levels[n])
        for n in (1, 2, 3, 4)
        if any(lv.number == n for lv in spec.levels)
    )
    name, region = committee_label(store, committee_id)
    seen: set[str] = set()
    notes: list[str] = []
    for row in indicators:
        base = row.key.split(":")[0]
        if base in ("source", "risk"):
            if base in seen:
                continue
            seen.add(base)
            label = "按来源分列" if base == "source" else "防止激化各项"
            text = defs[base].definition.format(flag="相应激化")
            notes.append(f"{label}：{text}{_source_members(defs) if base == 'source' else ''}")
            continue
        notes.append(f"{row.label.removeprefix('其中：')}：{row.definition}")
    notes += [defs.notes["category"], defs.notes["level"], defs.notes["trend"]]
    return MonthlyReport(
        committee_name=name,
        region=region,
        month=month,
        filler=filler if filler is not None else entry.filler,
        reviewer=reviewer if reviewer is not None else entry.reviewer,
        filled_on=filled_on or store.today(),
        narrative=narrative if narrative is not None else entry.narrative,
        indicators=tuple(indicators),
        categories=categories,
        category_total=total,
        levels=levels,
        trend=figures.trend,
        notes=tuple(notes),
    )
