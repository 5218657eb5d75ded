"""A case line naming a workflow, a version of it or a step this program does not have (issue
10 point 3 with other values: "invalid values break the receiving database").

A package whose case says `workflow_id` "wubu-x", `workflow_version` 9999 or `step_now` "飞"
passed `verify` and `import`; afterwards `case show` and `render` of that case said
"找不到流程 wubu-x 第 1 版。请不要删除 resources/workflows 中的旧版流程文件" (the clerk deleted
nothing) and the window could not open it (KeyError). A package of a newer program with a
workflow version this one lacks would do the same.

Kind: a reference to this program's workflow data that it does not have. Refused on import,
naming the line, the case and the field (a newer sender's workflow: upgrade first), the
receiving file byte-identical; every real workflow's steps import."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from forge import committee_key, members, reseal, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from two_villages import one_village

from desktop.core.exchange import PackageError, import_packages, verify_package
from desktop.core.models import DONE
from desktop.core.store import open_store
from desktop.core.workflow.catalog import load_catalog

SPEC = load_catalog().get("wubu", 1)
STEPS = [s.id for s in SPEC.steps]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return one_village(tmp_path_factory.mktemp("refs"))


_UNKNOWN_TEXT = st.text(min_size=1, max_size=8).filter(lambda t: t.strip() and t not in STEPS)
_BAD = st.one_of(
    st.tuples(st.just("workflow_id"), _UNKNOWN_TEXT.filter(lambda t: t != "wubu")),
    st.tuples(st.just("workflow_version"), st.integers(2, 10000)),
    st.tuples(st.just("step_now"), _UNKNOWN_TEXT.filter(lambda t: t != DONE)),
    st.tuples(
        st.just("completed_steps"),
        st.lists(_UNKNOWN_TEXT, min_size=1, max_size=3).map(
            lambda xs: json.dumps(["accept", *xs], ensure_ascii=False)
        ),
    ),
)


def _with(world: dict[str, Path], folder: Path, field: str, value: object) -> Path:
    files = members(world["package"])
    lines = [json.loads(x) for x in files["cases.jsonl"].splitlines() if x.strip()]
    lines[-1]["case"][field] = value
    text = b"".join(json.dumps(x, ensure_ascii=False).encode() + b"\n" for x in lines)
    key = committee_key(world["dir"] / "v.sqlite")
    return write(folder / "p.zip", reseal({**files, "cases.jsonl": text}, key))


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(bad=_BAD)
def test_a_workflow_or_step_this_program_lacks_is_refused_naming_it(
    world: dict[str, Path], tmp_path_factory: pytest.TempPathFactory, bad: tuple[str, object]
) -> None:
    folder = tmp_path_factory.mktemp("bad")
    field, value = bad
    package = _with(world, folder, field, value)
    db = folder / "c.sqlite"
    shutil.copy(world["county"], db)
    before = hashlib.sha256(db.read_bytes()).digest()
    with pytest.raises(PackageError) as by_verify:
        verify_package(package)
    with open_store(db) as county, pytest.raises(PackageError) as refused:
        import_packages(county, [package])
    assert hashlib.sha256(db.read_bytes()).digest() == before
    text = str(refused.value)
    assert text == str(by_verify.value)
    assert f"case.{field}" in text and "案件记录第 2 行" in text, text
    assert "\n" not in text and text.endswith("整个包没有导入，数据库没有任何改动。"), text
    if field.startswith("workflow"):
        assert "升级" in text, text


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(step=st.sampled_from([*STEPS, DONE]), done=st.integers(0, len(STEPS)))
def test_every_step_of_the_workflow_imports(
    world: dict[str, Path], tmp_path_factory: pytest.TempPathFactory, step: str, done: int
) -> None:
    folder = tmp_path_factory.mktemp("good")
    package = _with(world, folder, "step_now", step)
    files = members(package)
    lines = [json.loads(x) for x in files["cases.jsonl"].splitlines() if x.strip()]
    lines[-1]["case"]["completed_steps"] = json.dumps(STEPS[:done])
    text = b"".join(json.dumps(x, ensure_ascii=False).encode() + b"\n" for x in lines)
    key = committee_key(world["dir"] / "v.sqlite")
    write(package, reseal({**files, "cases.jsonl": text}, key))
    db = folder / "c.sqlite"
    shutil.copy(world["county"], db)
    with open_store(db) as county:
        assert len(import_packages(county, [package])[0].added) == 2
