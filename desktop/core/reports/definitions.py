"""Indicator labels, units and written definitions (``resources/reports/indicators.toml``) and
the report's layout wording (``layout.toml``), so a county's own wording can replace ours
without touching code."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from desktop.core.errors import ResourceError
from desktop.core.paths import resource
from desktop.core.resources import Node, load_toml, placeholders, unique


@dataclass(frozen=True, slots=True)
class IndicatorDef:
    key: str
    group: str
    label: str
    unit: str
    definition: str


@dataclass(frozen=True, slots=True)
class RiskDef:
    flag: str  # the case's 激化风险 choice, e.g. "可能民转刑"
    name: str  # what the report calls the prevented outcome, e.g. "防止民转刑"


@dataclass(frozen=True, slots=True)
class SourceDef:
    """One row of the official 案件来源 list: the case sources (the workflow's 案件来源 choices)
    it counts; ``sub`` rows are "其中" items of the row above them."""

    key: str  # stable, e.g. "referred:court"
    name: str  # as the county table prints it, e.g. "其中：人民法院"
    values: tuple[str, ...]
    sub: bool = False


@dataclass(frozen=True, slots=True)
class Definitions:
    indicators: dict[str, IndicatorDef]
    risks: tuple[RiskDef, ...]
    notes: dict[str, str]
    sources: tuple[SourceDef, ...] = ()
    file: str = "indicators.toml"

    def __getitem__(self, key: str) -> IndicatorDef:
        """The indicator ``key``; ResourceError (naming the file) when the file lacks it."""
        try:
            return self.indicators[key]
        except KeyError:
            raise ResourceError.at(self.file, "indicators", f'缺少 key = "{key}" 的指标') from None


#: Placeholders an indicator's words may use ({source} = a case source, {name}/{unit}/{flag}
#: = a 防止激化 row); any other would stop the report when it is made.
_PLACEHOLDERS = {"source": {"source"}, "risk": {"name", "unit", "flag"}}
#: The notes the report prints under 指标说明, besides the indicators' own definitions.
NOTE_KEYS = ("category", "level", "trend")


def _indicator(node: Node) -> IndicatorDef:
    key = node.text("key")
    allowed = _PLACEHOLDERS.get(key, set())
    words = {w: node.text(w) for w in ("group", "label", "unit", "definition")}
    for w, value in words.items():
        try:
            unknown = placeholders(value) - allowed
        except ValueError:
            raise node.fail(w, "花括号没有成对") from None
        if unknown:
            raise node.fail(w, f"不认识的占位符 {{{min(unknown)}}}")
    return IndicatorDef(key, words["group"], words["label"], words["unit"], words["definition"])


@lru_cache(maxsize=2)
def load_definitions(path: Path | None = None) -> Definitions:
    """Indicators (key, group, label, unit, definition), 防止激化 rows (flag, name) and the
    report's notes from ``path`` (default resources/reports/indicators.toml).

    Raises ResourceError naming the file and key for a missing or mistyped entry, a key
    given twice or an unknown placeholder."""
    root = load_toml(path or resource("reports", "indicators.toml"))
    entries = root.tables("indicators")
    unique(entries, "key")
    risks = root.tables("risks", required=False)
    unique(risks, "flag")
    notes = root.table("notes")
    sources = root.tables("sources", required=False)
    unique(sources, "key")
    return Definitions(
        {d.key: d for d in map(_indicator, entries)},
        tuple(RiskDef(r.text("flag"), r.text("name")) for r in risks),
        {k: notes.text(k) for k in (*NOTE_KEYS, *notes)},
        tuple(
            SourceDef(r.text("key"), r.text("name"), r.texts("from"), r.flag("sub", False))
            for r in sources
        ),
        root.file,
    )


@dataclass(frozen=True, slots=True)
class Sections:
    indicators: str
    categories: str
    levels: str
    narrative: str
    notes: str


@dataclass(frozen=True, slots=True)
class Headers:
    """Table headings; the number of columns is fixed (the program fills them in order)."""

    indicators: tuple[str, ...]
    categories: tuple[str, ...]
    levels: tuple[str, ...]
    trend: tuple[str, ...]
    header_labels: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Sheets:
    indicators: str
    categories: str
    levels: str
    trend: str
    notes: str
    narrative: str
    definitions: str


@dataclass(frozen=True, slots=True)
class Charts:
    category_title: str
    category_series: str
    category_empty: str
    trend_title: str
    trend_series: tuple[str, str]
    trend_empty: str


@dataclass(frozen=True, slots=True)
class ReportLayout:
    """The monthly report's wording (resources/reports/layout.toml)."""

    title: str
    zero_report: str
    zero_mark: str
    no_narrative: str
    signatures: tuple[str, str, str]  # 填报人, 审核人, 盖章
    footer: str  # may use {committee} {month} {page}
    sections: Sections
    headers: Headers
    sheets: Sheets
    charts: Charts


#: Columns of each table, in the order the program fills them.
COLUMNS = {"indicators": 5, "categories": 10, "levels": 5, "trend": 3, "header_labels": 6}
_FOOTER_PLACEHOLDERS = {"committee", "month", "page"}


@lru_cache(maxsize=2)
def load_layout(path: Path | None = None) -> ReportLayout:
    """Titles, section names, table headings, sheet names and chart titles of the monthly
    report from ``path`` (default resources/reports/layout.toml).

    Raises ResourceError naming the file and key for a missing or mistyped entry, a table
    heading with the wrong number of columns or an unknown placeholder in the footer."""
    root = load_toml(path or resource("reports", "layout.toml"))
    footer = root.text("footer")
    try:
        unknown = placeholders(footer) - _FOOTER_PLACEHOLDERS
    except ValueError:
        raise root.fail("footer", "花括号没有成对") from None
    if unknown:
        raise root.fail("footer", f"不认识的占位符 {{{min(unknown)}}}")
    sign = root.texts("signatures", length=3)
    sections, headers, sheets, charts = (
        root.table(k) for k in ("sections", "headers", "sheets", "charts")
    )
    series = charts.texts("trend_series", length=2)
    return ReportLayout(
        title=root.text("title"),
        zero_report=root.text("zero_report"),
        zero_mark=root.text("zero_mark"),
        no_narrative=root.text("no_narrative"),
        signatures=(sign[0], sign[1], sign[2]),
        footer=footer,
        sections=Sections(*(sections.text(f) for f in Sections.__dataclass_fields__)),
        headers=Headers(*(headers.texts(f, length=n) for f, n in COLUMNS.items())),
        sheets=Sheets(*(sheets.text(f) for f in Sheets.__dataclass_fields__)),
        charts=Charts(
            category_title=charts.text("category_title"),
            category_series=charts.text("category_series"),
            category_empty=charts.text("category_empty"),
            trend_title=charts.text("trend_title"),
            trend_series=(series[0], series[1]),
            trend_empty=charts.text("trend_empty"),
        ),
    )
