"""Parse a workflow TOML file into frozen specs, checking everything up front so a malformed
file is refused at start with its name and the key at fault, never half-used."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.core.errors import WorkflowSpecError

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
#: What a field may be prefilled with in a new record ("" = nothing).
PREFILLS = frozenset({"", "signed_in", "today"})
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

    def applies(self, values: Mapping[str, Any]) -> bool:
        return self.when is None or self.when.holds(values)


@dataclass(frozen=True, slots=True)
class RecordRequirement:
    kind: str
    min: int
    label: str
    when: Condition | None = None

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
    number: int
    name: str
    who: str


@dataclass(frozen=True, slots=True)
class RecordKindSpec:
    id: str
    name: str
    fields: tuple[FieldSpec, ...]


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


def _fail(path: str, where: str, what: str) -> WorkflowSpecError:
    return WorkflowSpecError(f"流程文件 {path} 的 {where} 有误：{what}")


def _condition(raw: Any, path: str, where: str) -> Condition | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or "field" not in raw or not ("in" in raw or "equals" in raw):
        raise _fail(path, where, 'when 须写成 { field = "…", in = [...] }')
    values = tuple(raw["in"]) if "in" in raw else (raw["equals"],)
    return Condition(field=str(raw["field"]), values=values)


def _field(raw: Mapping[str, Any], path: str, where: str) -> FieldSpec:
    for key in ("id", "label", "kind"):
        if key not in raw:
            raise _fail(path, where, f"字段缺少 {key}")
    kind = str(raw["kind"])
    if kind not in FIELD_KINDS:
        raise _fail(path, f"{where}.{raw['id']}", f"未知的字段类型 {kind}")
    choices = tuple(str(c) for c in raw.get("choices", ()))
    prefill = str(raw.get("prefill", ""))
    if prefill not in PREFILLS:
        raise _fail(
            path, f"{where}.{raw['id']}", f"未知的 prefill {prefill}（只能是 signed_in 或 today）"
        )
    if kind in ("choice", "multichoice") and not choices:
        raise _fail(path, f"{where}.{raw['id']}", "选择题字段必须列出 choices")
    return FieldSpec(
        id=str(raw["id"]),
        label=str(raw["label"]),
        kind=kind,
        required=bool(raw.get("required", False)),
        column=raw.get("column"),
        choices=choices,
        must_be=raw.get("must_be"),
        when=_condition(raw.get("when"), path, f"{where}.{raw['id']}"),
        hint=str(raw.get("hint", "")),
        prefill=prefill,
        exclusive=tuple(str(c) for c in raw.get("exclusive", ())),
    )


def parse_workflow(data: Mapping[str, Any], path: str = "<内存>") -> WorkflowSpec:
    """Build and check a :class:`WorkflowSpec` from parsed TOML."""
    for key in ("id", "version", "name", "steps", "levels", "records"):
        if key not in data:
            raise _fail(path, "顶层", f"缺少 {key}")
    record_kinds: dict[str, RecordKindSpec] = {}
    for kind_id, raw in data["records"].items():
        if kind_id not in RECORD_KINDS:
            raise _fail(path, f"records.{kind_id}", "未知的记录种类")
        fields = tuple(_field(f, path, f"records.{kind_id}") for f in raw["fields"])
        record_kinds[kind_id] = RecordKindSpec(kind_id, str(raw.get("name", kind_id)), fields)

    steps: list[StepSpec] = []
    seen_fields: set[str] = set()
    for number, raw in enumerate(data["steps"], start=1):
        where = f"steps[{number}]"
        fields = tuple(_field(f, path, where) for f in raw.get("fields", ()))
        for f in fields:
            if f.id in seen_fields:
                raise _fail(path, where, f"字段 id {f.id} 重复")
            if f.when and f.when.field not in seen_fields | {x.id for x in fields}:
                raise _fail(path, f"{where}.{f.id}", f"when 引用了未定义的字段 {f.when.field}")
        seen_fields.update(f.id for f in fields)
        records = []
        for r in raw.get("records", ()):
            if r["kind"] not in record_kinds:
                raise _fail(path, where, f"记录种类 {r['kind']} 没有在 [records] 中定义")
            records.append(
                RecordRequirement(
                    kind=r["kind"],
                    min=int(r.get("min", 1)),
                    label=str(r.get("label", record_kinds[r["kind"]].name)),
                    when=_condition(r.get("when"), path, where),
                )
            )
        steps.append(
            StepSpec(
                id=str(raw["id"]),
                number=number,
                name=str(raw["name"]),
                hint=str(raw.get("hint", "")),
                documents=tuple(raw.get("documents", ())),
                fields=fields,
                records=tuple(records),
                sets_status=raw.get("sets_status"),
            )
        )
    if len({s.id for s in steps}) != len(steps):
        raise _fail(path, "steps", "步骤 id 重复")
    levels = tuple(
        LevelSpec(int(lv["number"]), str(lv["name"]), str(lv.get("who", "")))
        for lv in data["levels"]
    )
    if [lv.number for lv in levels] != list(range(1, len(levels) + 1)):
        raise _fail(path, "levels", "层级编号必须从 1 起连续")
    return WorkflowSpec(
        id=str(data["id"]),
        version=int(data["version"]),
        name=str(data["name"]),
        description=str(data.get("description", "")),
        steps=tuple(steps),
        levels=levels,
        record_kinds=record_kinds,
        mediation_days=int(data.get("mediation_days", 30)),
        confirmation_days=int(data.get("confirmation_days", 30)),
        return_visit_after_deadline_days=int(data.get("return_visit_after_deadline_days", 15)),
        return_visit_after_agreement_days=int(data.get("return_visit_after_agreement_days", 30)),
        termination_routes=tuple(data.get("termination_routes", DEFAULT_ROUTES)),
        max_extension_days=int(data.get("max_extension_days", 30)),
    )


def load_workflow(path: Path) -> WorkflowSpec:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise WorkflowSpecError(f"流程文件 {path.name} 格式有误：{exc}") from exc
    return parse_workflow(data, path.name)
