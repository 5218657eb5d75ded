"""Indicator labels, units and written definitions (``resources/reports/indicators.toml``) and
the report's layout wording (``layout.toml``), so a county's own wording can replace ours
without touching code."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from desktop.core.paths import resource


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

    def __getitem__(self, key: str) -> IndicatorDef:
        return self.indicators[key]


@lru_cache(maxsize=2)
def load_definitions(path: Path | None = None) -> Definitions:
    data = tomllib.loads(
        (path or resource("reports", "indicators.toml")).read_text(encoding="utf-8")
    )
    indicators = {
        str(d["key"]): IndicatorDef(
            str(d["key"]), str(d["group"]), str(d["label"]), str(d["unit"]), str(d["definition"])
        )
        for d in data["indicators"]
    }
    risks = tuple(RiskDef(str(r["flag"]), str(r["name"])) for r in data["risks"])
    sources = tuple(
        SourceDef(
            str(r["key"]),
            str(r["name"]),
            tuple(str(v) for v in r["from"]),
            bool(r.get("sub", False)),
        )
        for r in data.get("sources", ())
    )
    notes = {str(k): str(v) for k, v in data["notes"].items()}
    return Definitions(indicators, risks, notes, sources)


@lru_cache(maxsize=2)
def load_layout(path: Path | None = None) -> dict[str, Any]:
    """Titles, section names, table headings and chart titles of the monthly report."""
    return tomllib.loads((path or resource("reports", "layout.toml")).read_text(encoding="utf-8"))
