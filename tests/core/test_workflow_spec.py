"""Every shipped workflow file loads and walks to completion; malformed files are refused with
the file name and the key at fault."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from desktop.core.errors import WorkflowSpecError
from desktop.core.models import DONE, CaseStatus
from desktop.core.paths import resource
from desktop.core.store.codec import RECORD_TABLES
from desktop.core.workflow import engine
from desktop.core.workflow.catalog import load_catalog
from desktop.core.workflow.spec import WorkflowSpec
from desktop.core.workflow.spec_reader import parse_workflow

SAMPLE = {
    "text": "某某",
    "multiline": "情况",
    "date": date(2026, 3, 5),
    "int": 2,
    "money": 100,
    "category": "02",
    "mediator": 1,
    "id_number": "330482199001011232",
    "phone": "13900001111",
    "credit_code": "91350100M000100Y43",
}


def sample_value(field) -> object:  # noqa: ANN001
    if field.must_be is not None:
        return field.must_be
    if field.kind == "choice":
        return field.choices[0]
    if field.kind == "multichoice":
        return (field.choices[0],)
    if field.kind == "bool":
        return True
    return SAMPLE[field.kind]


def walk(spec: WorkflowSpec) -> engine.CaseState:
    state = engine.CaseState(CaseStatus.OPEN, spec.steps[0].id, (), 2)
    values: dict[str, object] = {}
    counts = {kind: 5 for kind in spec.record_kinds}
    for step in spec.steps:
        values.update({f.id: sample_value(f) for f in step.fields})
        state = engine.CaseState(
            state.status, state.step_now, state.completed_steps, 2, values, counts
        )
        t = engine.complete_step(spec, state, step.id)
        state = engine.CaseState(
            t.status, t.step_now, t.completed_steps, t.level_now, values, counts
        )
    return state


@pytest.mark.parametrize("path", sorted(resource("workflows").glob("*.toml")), ids=lambda p: p.name)
def test_every_shipped_workflow_walks_to_done(path: Path) -> None:
    spec = parse_workflow(tomllib.loads(path.read_text(encoding="utf-8")), path.name)
    final = walk(spec)
    assert final.step_now == DONE and final.completed_steps == tuple(s.id for s in spec.steps)
    assert [lv.number for lv in spec.levels] == [1, 2, 3, 4]


def test_record_fields_exist_as_columns() -> None:
    """A workflow may only declare record fields the database can hold."""
    from db import migrations
    from desktop.core.store.codec import column_of
    from desktop.core.store.database import connect

    db = connect(":memory:")
    migrations.apply(db)
    for spec in load_catalog().specs.values():
        for kind, rk in spec.record_kinds.items():
            table = "parties" if kind == "party" else RECORD_TABLES[kind]
            columns = {c.name for c in db[table].columns}
            assert {column_of(f) for f in rk.fields} <= columns, kind
        for f in spec.all_fields().values():
            if f.column:
                assert f.column in {c.name for c in db["cases"].columns}, f.id


def base() -> dict:
    return tomllib.loads(resource("workflows", "wubu.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.pop("steps"), "的 steps 有误：缺少这一项"),
        (
            lambda d: d["steps"][0]["fields"].append({"id": "x", "label": "X", "kind": "colour"}),
            "未知的字段类型 colour",
        ),
        (
            lambda d: d["steps"][1]["fields"].append(
                {"id": "facts", "label": "重复", "kind": "text"}
            ),
            "字段 id facts 重复",
        ),
        (
            lambda d: d["steps"][0]["fields"].append({"id": "c", "label": "C", "kind": "choice"}),
            "必须列出 choices",
        ),
        (lambda d: d["steps"][0]["records"].append({"kind": "photo"}), "记录种类 photo"),
        (lambda d: d["levels"].pop(1), "层级编号必须从 1 起连续"),
        (
            lambda d: d["steps"][0]["fields"].append(
                {
                    "id": "w",
                    "label": "W",
                    "kind": "text",
                    "when": {"field": "later_field", "in": [1]},
                }
            ),
            "未定义的字段",
        ),
    ],
)
def test_malformed_workflow_is_refused(mutate, message: str) -> None:  # noqa: ANN001
    data = base()
    mutate(data)
    with pytest.raises(WorkflowSpecError, match=message) as err:
        parse_workflow(data, "坏流程.toml")
    assert "坏流程.toml" in err.value.message


def test_old_versions_stay_loadable(tmp_path: Path) -> None:
    v1 = resource("workflows", "wubu.toml").read_text(encoding="utf-8")
    (tmp_path / "wubu-v1.toml").write_text(v1, encoding="utf-8")
    (tmp_path / "wubu-v2.toml").write_text(
        v1.replace("version = 1", "version = 2", 1), encoding="utf-8"
    )
    catalog = load_catalog(tmp_path)
    assert catalog.latest().version == 2 and catalog.get("wubu", 1).version == 1
    with pytest.raises(WorkflowSpecError, match="第 9 版"):
        catalog.get("wubu", 9)
