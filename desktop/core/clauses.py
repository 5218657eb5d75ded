"""The clause library: suggested agreement terms and responsibility wording per dispute
category, read from ``resources/clauses/*.toml`` (data a committee may edit), filled in with
the case's party names and dates for the agreement editor."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from desktop.core.paths import resource
from desktop.core.resources import load_toml

#: ``categories = ["*"]`` marks the general clauses offered for every category.
ANY = "*"
APPLICANT = "申请人"
RESPONDENT = "被申请人"


@dataclass(frozen=True, slots=True)
class Clause:
    """One suggested performance term. ``obligor`` names a role (申请人/被申请人) or is free
    text."""

    title: str
    content: str
    obligor: str
    manner: str
    place: str
    deadline_days: int
    amount: bool = False

    def fill(self, names: dict[str, str], agreement_on: date) -> dict[str, Any]:
        """The term's values for the record form (field ids of ``[records.term]``)."""
        obligor = self.obligor
        for role in (RESPONDENT, APPLICANT):  # 被申请人 first: it contains 申请人
            if names.get(role):
                obligor = obligor.replace(role, names[role])
        return {
            "content": fill_text(self.content, names),
            "obligor": obligor,
            "manner": self.manner,
            "place": self.place,
            "deadline": agreement_on + timedelta(days=self.deadline_days),
        }


@dataclass(frozen=True, slots=True)
class Responsibility:
    title: str
    text: str

    def fill(self, names: dict[str, str]) -> str:
        return fill_text(self.text, names)


@dataclass(frozen=True, slots=True)
class ClauseSet:
    name: str
    categories: tuple[str, ...]
    clauses: tuple[Clause, ...]
    responsibilities: tuple[Responsibility, ...]


@dataclass(frozen=True, slots=True)
class Suggestions:
    clauses: tuple[Clause, ...]
    responsibilities: tuple[Responsibility, ...]


def fill_text(text: str, names: dict[str, str]) -> str:
    """Replace ``{申请人}``/``{被申请人}``; a role with no name keeps the role word."""
    for role in (RESPONDENT, APPLICANT):
        text = text.replace("{" + role + "}", names.get(role) or role)
    return text


def _parse(path: Path) -> ClauseSet:
    """One clause file. Raises ResourceError naming the file and key (e.g. clauses[2].title)."""
    root = load_toml(path)
    clauses = tuple(
        Clause(
            title=c.text("title"),
            content=c.text("content"),
            obligor=c.text("obligor"),
            manner=c.text("manner"),
            place=c.text("place", "", empty=True),
            deadline_days=c.integer("deadline_days", 15, minimum=0),
            amount=c.flag("amount", False),
        )
        for c in root.tables("clauses", required=False)
    )
    responsibilities = tuple(
        Responsibility(r.text("title"), r.text("text"))
        for r in root.tables("responsibilities", required=False)
    )
    return ClauseSet(
        root.text("name", path.stem),
        root.texts("categories", ()),
        clauses,
        responsibilities,
    )


@lru_cache(maxsize=4)
def load_clause_sets(folder: Path | None = None) -> tuple[ClauseSet, ...]:
    folder = folder or resource("clauses")
    return tuple(_parse(p) for p in sorted(folder.glob("*.toml")))


def suggestions_for(category_code: str, folder: Path | None = None) -> Suggestions:
    """Clauses for the category first, then the general ones, without repeating a title."""
    sets = load_clause_sets(folder)
    specific = [s for s in sets if category_code in s.categories]
    general = [s for s in sets if ANY in s.categories]
    clauses: dict[str, Clause] = {}
    responsibilities: dict[str, Responsibility] = {}
    for s in (*specific, *general):
        for c in s.clauses:
            clauses.setdefault(c.title, c)
        for r in s.responsibilities:
            responsibilities.setdefault(r.title, r)
    return Suggestions(tuple(clauses.values()), tuple(responsibilities.values()))


def party_names(parties: Any) -> dict[str, str]:
    """First applicant's and first respondent's names, from a case's parties."""
    names: dict[str, str] = {}
    for p in parties:
        if p.role in (APPLICANT, RESPONDENT):
            names.setdefault(p.role, p.name)
    return names


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day (1月31日 + 1 -> 2月28日)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_instalment(previous: dict[str, Any]) -> dict[str, Any]:
    """The next instalment of a term paid in parts: the same payer, payee, amount, manner and
    place, the deadline one month later, and "第2期" counted on to "第3期" in its text.
    ``previous`` holds a term record's values (field ids of ``[records.term]``)."""
    values = {k: v for k, v in previous.items() if v not in (None, "")}
    content = str(values.get("content", ""))
    values["content"] = re.sub(r"第(\d+)期", lambda m: f"第{int(m[1]) + 1}期", content, count=1)
    deadline = values.get("deadline")
    if isinstance(deadline, date):
        values["deadline"] = add_months(deadline, 1)
    return values
