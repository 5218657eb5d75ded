"""Every data file under resources/ goes through a typed loader whose refusals name the file
and the key: each shipped file loads, and generated broken variants of each (a key removed,
a value of the wrong type, an empty list, a stray brace) are either accepted or refused with a
ResourceError naming that file, never a bare KeyError/TypeError/ValueError."""

from __future__ import annotations

import itertools
import json
import shutil
import tempfile
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.categories import load_categories
from desktop.core.clauses import load_clause_sets
from desktop.core.demo import load_material
from desktop.core.documents.catalog import load_forms
from desktop.core.errors import ResourceError, WorkflowSpecError
from desktop.core.exchange.schema import load_schema
from desktop.core.paths import resource
from desktop.core.reports.claims import load_rules
from desktop.core.reports.definitions import load_definitions, load_layout
from desktop.core.reports.register import register_columns
from desktop.core.reports.register_import import import_fields
from desktop.core.workflow.spec_reader import load_workflow
from desktop.ui.qt_translations import load_extra_texts

RESOURCES = resource()
_serial = itertools.count()


def _clauses(path: Path) -> object:
    """The clause loader reads a folder: give it one holding just this file."""
    folder = Path(tempfile.mkdtemp(prefix="clauses-"))
    if path.exists():
        shutil.copy(path, folder / path.name)
    else:  # a missing file: the loader finds an empty folder and must still work
        return load_clause_sets(folder) or _missing(path)
    return load_clause_sets(folder)


def _missing(path: Path) -> object:
    raise ResourceError.at(path.name, "整个文件", "文件不见了")


#: resources/ pattern -> the loader the program reads such a file with.
LOADERS: dict[str, Callable[[Path], object]] = {
    "categories.toml": load_categories,
    "clauses/*.toml": _clauses,
    "demo/demo.toml": load_material,
    "reports/indicators.toml": load_definitions,
    "reports/layout.toml": load_layout,
    "templates/forms.toml": load_forms,
    "workflows/*.toml": load_workflow,
    "exchange/*.schema.json": load_schema,
    "qt/*.toml": load_extra_texts,
    "reports/register.toml": register_columns,
    "reports/register_import.toml": import_fields,
    "reports/claims.toml": load_rules,
}
SHIPPED = sorted(
    (pattern, path) for pattern in LOADERS for path in RESOURCES.glob(pattern) if path.is_file()
)
TOML = [(pattern, path) for pattern, path in SHIPPED if path.suffix == ".toml"]


def _ids(item: tuple[str, Path]) -> str:
    return item[1].relative_to(RESOURCES).as_posix()


def test_every_data_file_has_a_loader() -> None:
    data = {
        p
        for p in RESOURCES.rglob("*")
        if p.is_file() and p.suffix in (".toml", ".json") and "fonts" not in p.parts
    }
    assert data == {path for _, path in SHIPPED}


@pytest.mark.parametrize("item", SHIPPED, ids=_ids)
def test_every_shipped_file_loads(item: tuple[str, Path]) -> None:
    pattern, path = item
    assert LOADERS[pattern](path)


# A TOML writer small enough to trust: every value inline, every key quoted (JSON strings are
# valid TOML basic strings).
def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    return (
        "{"
        + ", ".join(f"{json.dumps(k, ensure_ascii=False)} = {_value(x)}" for k, x in v.items())
        + "}"
    )


def _dump(data: dict[str, Any]) -> str:
    return "\n".join(f"{json.dumps(k, ensure_ascii=False)} = {_value(v)}" for k, v in data.items())


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*prefix, i))
    return out


WRONG = [7, -1, 0, "", "  ", "{未配对", "文字", True, 1.5, [], ["甲"], [7], {}, {"x": 1}, [{}]]


def _mutate(data: dict[str, Any], path: tuple[Any, ...], wrong: Any) -> dict[str, Any]:
    """A deep copy with the value at ``path`` deleted (wrong is None) or replaced."""
    copy = json.loads(json.dumps(data))
    parent = copy
    for step in path[:-1]:
        parent = parent[step]
    if wrong is None:
        del parent[path[-1]]
    else:
        parent[path[-1]] = wrong
    return copy


def _check(pattern: str, path: Path) -> None:
    try:
        LOADERS[pattern](path)
    except ResourceError as exc:
        assert exc.file == path.name and path.name in exc.message, exc.message
        assert exc.key and exc.message.endswith("。"), exc.message


@pytest.mark.parametrize("item", TOML, ids=_ids)
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_broken_variants_are_refused_naming_file_and_key(
    item: tuple[str, Path], tmp_path: Path, data: st.DataObject
) -> None:
    pattern, shipped = item
    parsed = tomllib.loads(shipped.read_text(encoding="utf-8"))
    where = data.draw(st.sampled_from(_paths(parsed)), label="key")
    wrong = data.draw(st.sampled_from([None, *WRONG]), label="value")
    broken = tmp_path / f"{next(_serial)}-{shipped.name}"
    broken.write_text(_dump(_mutate(parsed, where, wrong)), encoding="utf-8")
    _check(pattern, broken)


@pytest.mark.parametrize("item", SHIPPED, ids=_ids)
@pytest.mark.parametrize(
    "garbage", [b"", b"\xff\xfe not utf-8", b"[unclosed\n", b'x = "1"\nx = "2"']
)
def test_a_mangled_or_missing_file_is_refused(
    item: tuple[str, Path], garbage: bytes, tmp_path: Path
) -> None:
    pattern, shipped = item
    broken = tmp_path / f"{next(_serial)}-{shipped.name}"
    broken.write_bytes(garbage)
    _check(pattern, broken)
    with pytest.raises(ResourceError, match="文件不见了"):
        LOADERS[pattern](tmp_path / f"{next(_serial)}-missing-{shipped.name}")


def _variant(shipped: str, change: Callable[[dict[str, Any]], None], tmp_path: Path) -> Path:
    parsed = tomllib.loads(resource(*shipped.split("/")).read_text(encoding="utf-8"))
    change(parsed)
    path = tmp_path / Path(shipped).name
    path.write_text(_dump(parsed), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("shipped", "change", "loader", "message"),
    [
        (
            "categories.toml",
            lambda d: d["categories"][2].pop("name"),
            load_categories,
            "categories.toml 的 categories[3].name 有误：缺少这一项",
        ),
        (
            "categories.toml",
            lambda d: d["categories"][1].update(code=d["categories"][0]["code"]),
            load_categories,
            "categories[2].code 有误：“01”重复了",
        ),
        (
            "reports/indicators.toml",
            lambda d: d["indicators"][0].update(label="{village}排查"),
            load_definitions,
            "indicators.toml 的 indicators[1].label 有误：不认识的占位符 {village}",
        ),
        (
            "reports/layout.toml",
            lambda d: d["headers"]["levels"].pop(),
            load_layout,
            "layout.toml 的 headers.levels 有误：应当正好有 5 项，现在有 4 项",
        ),
        (
            "templates/forms.toml",
            lambda d: d["forms"].insert(0, {"id": "letter", "name": "感谢信", "mandatory": False}),
            load_forms,
            "forms.toml 的 forms[1].id 有误：程序不会制作“letter”这种文书",
        ),
        (
            "clauses/neighbour.toml",
            lambda d: d["clauses"][0].update(deadline_days=-3),
            _clauses,
            "neighbour.toml 的 clauses[1].deadline_days 有误：不能小于 0",
        ),
        (
            "demo/demo.toml",
            lambda d: d["stories"].update({"77": d["stories"]["01"]}),
            load_material,
            "demo.toml 的 stories.77 有误：没有编码为“77”的纠纷类型",
        ),
        (
            "workflows/wubu.toml",
            lambda d: d["steps"][0].pop("name"),
            load_workflow,
            "流程文件 wubu.toml 的 steps[1].name 有误：缺少这一项",
        ),
    ],
    ids=[
        "no-name",
        "code-twice",
        "placeholder",
        "columns",
        "unknown-form",
        "negative",
        "category",
        "workflow",
    ],
)
def test_named_refusals(
    shipped: str,
    change: Callable[[dict[str, Any]], None],
    loader: Callable[[Path], object],
    message: str,
    tmp_path: Path,
) -> None:
    path = _variant(shipped, change, tmp_path)
    with pytest.raises(ResourceError) as err:
        loader(path)
    assert message in err.value.message
    assert err.value.message.endswith(
        "请改正这个文件或重新安装本程序，仍不行请把这句话告诉技术人员。"
    )


def test_a_broken_workflow_is_still_a_workflow_error(tmp_path: Path) -> None:
    path = _variant("workflows/wubu.toml", lambda d: d.pop("levels"), tmp_path)
    with pytest.raises(WorkflowSpecError, match="流程文件 wubu.toml 的 levels 有误"):
        load_workflow(path)
