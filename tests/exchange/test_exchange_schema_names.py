"""A package's schema refusal names the field in Chinese, never by its path of Latin names
(kind: “受理日期”（case.accepted_on）… — the field's path in brackets — in the refusals of a
received package, found by the testers of issue 10). The three schemas are walked: every
field path they can report has a Chinese name, and a wrong value at each one, put into a real
exported line, manifest or 排查填报 list, is refused naming that field with no Latin path."""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import pytest
from builders import FixedClock

from desktop.core.demo import generate
from desktop.core.exchange import export_period
from desktop.core.exchange.export import case_lines
from desktop.core.exchange.schema import problem, validator
from desktop.core.store import open_store

Path_ = list[str | int]
LATIN = re.compile(r"[A-Za-z_]{2,}")
CJK = re.compile(r"[\u4e00-\u9fff]")


def _walk(node: dict[str, Any], path: Path_) -> Iterator[tuple[Path_, dict[str, Any]]]:
    """Every place a value can stand: (instance path, its schema); an array's element as
    index 0, an open-ended object's entry as the key "zz"."""
    if path:
        yield path, node
    for key, sub in node.get("properties", {}).items():
        yield from _walk(sub, [*path, key])
    if isinstance(node.get("items"), dict):
        yield from _walk(node["items"], [*path, 0])
    if isinstance(node.get("additionalProperties"), dict):
        yield from _walk(node["additionalProperties"], [*path, "zz"])


def _schema(name: str) -> dict[str, Any]:
    return validator(name).schema


PLACES = [
    (name, path)
    for name in ("case-line", "manifest", "entries")
    for path, _ in _walk(_schema(name), [])
]


@pytest.mark.parametrize(("name", "path"), PLACES, ids=lambda x: str(x))
def test_every_field_path_has_a_chinese_name(name: str, path: Path_) -> None:
    said = validator(name).field_name(path)
    assert CJK.search(said), (path, said)
    # The only Latin letters allowed are an open-ended entry's own key, quoted.
    assert not LATIN.search(said.replace("“zz”", "")), (path, said)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A real line holding every kind of record, a real manifest and a 排查填报 list."""
    folder = tmp_path_factory.mktemp("names")
    clock = FixedClock(datetime(2026, 11, 3, 9, 0))
    with open_store(folder / "v.sqlite", now=clock) as v:
        v.settings.save_committee(name="星光村人民调解委员会", level=2, abbr="星调")
        generate(v, 30, seed=1, until=date(2026, 10, 31))
        lines = list(case_lines(v, [c.id for c in v.cases.list(limit=100)]))
        package = export_period(v, folder / "a.zip", include_reports=False).path
    with zipfile.ZipFile(package) as z:
        manifest = json.loads(z.read("manifest.json"))
    line = max(lines, key=lambda x: len(x["parties"]))
    for key in ("escalations", "terminations", "extensions", "audit"):
        line[key] = next((x[key][:1] for x in lines if x[key]), [])
    for kind in line["records"]:
        line["records"][kind] = next(
            (x["records"][kind][:1] for x in lines if x["records"][kind]), []
        )
    stamp = "2026-10-01T09:00:00"
    line["extensions"] = line["extensions"] or [
        {
            "days": 15,
            "reason": "双方同意",
            "granted_on": "2026-10-01",
            "actor": "张三",
            "created_at": stamp,
        }
    ]
    line["records"]["receipt"] = line["records"]["receipt"] or [
        {
            "seq": 1,
            "received_on": "2026-10-02",
            "description": "收条",
            "amount_fen": 100,
            "created_at": stamp,
            "updated_at": stamp,
            "term_seq": None,
        }
    ]
    line["lineage"] = {**line.get("lineage", {}), "zz": 1}
    line["case"]["zz"] = "附加"
    entries = [
        {
            "month": "2026-10",
            "screenings": 3,
            "disputes_found": 1,
            "prevented": 1,
            "narrative": "",
            "filler": "张三",
            "reviewer": "",
            "updated_at": stamp,
            "revision": 1,
            "zz": "",
        }
    ]
    manifest["members"]["zz"] = {"sha256": "0" * 64, "size": 1}
    for name, value in (("case-line", line), ("manifest", manifest), ("entries", entries)):
        assert problem(name, value) is None, name
    return {"case-line": line, "manifest": manifest, "entries": entries}


def _kinds(node: dict[str, Any]) -> set[str]:
    kind = node.get("type")
    return set(kind) if isinstance(kind, list) else {str(kind)}


def _leaves(name: str) -> list[Path_]:
    return [
        path for path, node in _walk(_schema(name), []) if not {"object", "array"} & _kinds(node)
    ]


LEAVES = [(name, path) for name in ("case-line", "manifest", "entries") for path in _leaves(name)]


@pytest.mark.parametrize(("name", "path"), LEAVES, ids=lambda x: str(x))
def test_a_wrong_value_anywhere_is_named_in_chinese(
    exported: dict[str, Any], name: str, path: Path_
) -> None:
    value = json.loads(json.dumps(exported[name]))
    target = value
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = {"嵌套": 1}  # of no field's type
    said = problem(name, value)
    assert said is not None
    assert said.startswith(validator(name).field_name(path)), (path, said)
    assert not LATIN.search(said.replace("“zz”", "")), (path, said)
