"""The workflow's specs: frozen descriptions of its steps, fields, record kinds, levels and
当场调解 path, as read from a workflow TOML file (:mod:`spec_reader`, which checks everything
up front), and the rules for what a file may say (field kinds, prefills, record kinds)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

FIELD_KINDS = frozenset(
    {
        "text",
        "multiline",
        "date",
        "choice",
        "multichoice",
        "bool",
        "int",
        "money",
        "category",
        "mediator",
        "id_number",
        "phone",
        "credit_code",
    }
)
DEFAULT_ROUTES = ("申请仲裁", "请求行政机关处理", "向人民法院提起诉讼")
#: What a field may be prefilled with in a new record ("" = nothing; "parties" = the case's
#: parties' names, for the 当场调解 record's 到场当事人).
PREFILLS = frozenset({"", "signed_in", "today", "parties"})
#: ``happened`` of a date field: "past" (a birth date, when a dispute began: never after
#: today) or "procedure" (a day of the case's handling: also never before earliest_date).
HAPPENED = frozenset({"", "past", "procedure"})
#: The earliest day of a case's handling when the workflow names none: the monthly reports
#: cover 2000 to 2100 and the Excel 台账 import refuses earlier years as mistyped.
EARLIEST_DATE = date(2000, 1, 1)
#: Where an answer of the 当场调解 form may go (``to = ["session.place", ...]``).
ONSITE_TARGETS = ("session", "step", "term")
RECORD_KINDS = frozenset({"party", "investigation", "session", "term", "return_visit", "receipt"})


@dataclass(frozen=True, slots=True)
class Condition:
    """``when = { field = "x", in = [...] }``: the item applies only if field x has one of the
    values. Deliberately tiny: no expressions, never eval()."""

    field: str
    values: tuple[Any, ...]

    def holds(self, values: Mapping[str, Any]) -> bool:
        return values.get(self.field) in self.values


@dataclass(frozen=True, slots=True)
class FieldSpec:
    id: str
    label: str
    kind: str
    required: bool = False
    column: str | None = None
    choices: tuple[str, ...] = ()
    must_be: Any = None
    when: Condition | None = None
    hint: str = ""
    #: Choices of a multichoice that exclude every other (无明显激化风险 with any risk).
    exclusive: tuple[str, ...] = ()
    #: ``"signed_in"``: a new record starts with the signed-in mediator's name here.
    prefill: str = ""
    #: A required field is required only when this holds (争议事项 of a written agreement).
    required_when: Condition | None = None
    #: 当场调解 form only: where the answer goes ("session.place", "step.findings" …).
    to: tuple[str, ...] = ()
    #: 当场调解 form only: what an optional answer left empty is recorded as ("无").
    empty: str = ""
    #: A date of something that has happened (``happened`` in the TOML): never after today.
    not_after_today: bool = False
    #: ... and, for a day of the case's handling (``happened = "procedure"``), never before
    #: the workflow's ``earliest_date``: an earlier year is a typing slip (1900, 0226).
    not_before: date | None = None
    #: The answer names parties of the case (履行人): each name one of theirs.
    parties_only: bool = False

    def applies(self, values: Mapping[str, Any]) -> bool:
        return self.when is None or self.when.holds(values)

    def is_required(self, values: Mapping[str, Any]) -> bool:
        """Required here: ``required`` and, if it has one, its ``required_when`` holds."""
        return self.required and (self.required_when is None or self.required_when.holds(values))


@dataclass(frozen=True, slots=True)
class AlsoCounts:
    """``also = { kind = "session", field = "onsite" }``: records of ``kind`` whose yes/no
    field is ticked count toward a requirement too (a 当场调解 record is an investigation)."""

    kind: str
    field: str

    @property
    def key(self) -> str:
        return f"{self.kind}.{self.field}"


@dataclass(frozen=True, slots=True)
class RecordRequirement:
    kind: str
    min: int
    label: str
    when: Condition | None = None
    also: AlsoCounts | None = None

    def applies(self, values: Mapping[str, Any]) -> bool:
        return self.when is None or self.when.holds(values)


@dataclass(frozen=True, slots=True)
class StepSpec:
    id: str
    number: int
    name: str
    hint: str
    documents: tuple[str, ...]
    fields: tuple[FieldSpec, ...]
    records: tuple[RecordRequirement, ...]
    sets_status: str | None = None

    def field(self, field_id: str) -> FieldSpec:
        for f in self.fields:
            if f.id == field_id:
                return f
        raise KeyError(field_id)


@dataclass(frozen=True, slots=True)
class LevelSpec:
    """One rung of 四级化讼. ``short`` is how the mediator says it (网格, 村（社区）…): what
    every list, note and sentence shows for the level; ``name`` is the rung's full name."""

    number: int
    name: str
    who: str
    short: str = ""

    @property
    def label(self) -> str:
        """The level as shown to people: its short name (a bare "第3级" told them nothing)."""
        return self.short or self.name


@dataclass(frozen=True, slots=True)
class RecordKindSpec:
    id: str
    name: str
    fields: tuple[FieldSpec, ...]


@dataclass(frozen=True, slots=True)
class OnsiteSpec:
    """The 当场调解 short path (``[onsite]``): one form whose answers become a 调解记录 marked
    当场调解, step fields and the oral agreement's term (人民调解法 第28条)."""

    name: str
    hint: str
    offered_at: tuple[str, ...]
    completes: tuple[str, ...]
    agreement_form: str
    fields: tuple[FieldSpec, ...]
    #: When the term was performed on the spot (its answers), and the 履行凭证 note recorded.
    performed_when: Condition | None = None
    performed_note: str = ""
    #: The roles of which someone must be named among those present (到场当事人, field
    #: ``participants``): an agreement reached on the spot needs each side there.
    present_roles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class WorkflowSpec:
    id: str
    version: int
    name: str
    description: str
    steps: tuple[StepSpec, ...]
    levels: tuple[LevelSpec, ...]
    record_kinds: dict[str, RecordKindSpec]
    mediation_days: int = 30
    confirmation_days: int = 30
    return_visit_after_deadline_days: int = 15
    return_visit_after_agreement_days: int = 30
    termination_routes: tuple[str, ...] = DEFAULT_ROUTES
    max_extension_days: int = 30
    onsite: OnsiteSpec | None = None
    #: Days an archived case's open terms stay on 今日 after archiving or its latest visit.
    archived_reminder_days: int = 90

    def step(self, step_id: str) -> StepSpec:
        for s in self.steps:
            if s.id == step_id:
                return s
        raise KeyError(step_id)

    def level(self, number: int) -> LevelSpec:
        for lv in self.levels:
            if lv.number == number:
                return lv
        raise KeyError(number)

    def level_label(self, number: int | None) -> str:
        """The short name of level ``number`` ("村（社区）"); "第N级" only for a number this
        workflow has no rung for (an imported case of another workflow), "" for None."""
        if number is None:
            return ""
        try:
            return self.level(number).label
        except KeyError:
            return f"第{number}级"

    @property
    def top_level(self) -> int:
        return max(lv.number for lv in self.levels)

    def all_fields(self) -> dict[str, FieldSpec]:
        """Step fields by id; ids are unique across the workflow (checked at load)."""
        return {f.id: f for s in self.steps for f in s.fields}

    def field_step(self, field_id: str) -> StepSpec:
        for s in self.steps:
            if any(f.id == field_id for f in s.fields):
                return s
        raise KeyError(field_id)
