"""Every column a package carries is checked on import, and every value our own forms keep is
accepted by the exporter (issue 10, "every field validated on import"; issue 3 of its list).

Two faults of one kind — the format's schema had fallen behind the tables: sixteen columns
added after it was written (案件难度, 纠纷发生时间, 风险等级, 涉及特殊人群, 平台案号, 证件类型,
条款类别, 当场调解, 记录人, 已履行的条款序号, 收条的条款序号 …) were let in as "unknown extra
columns" whatever they held — a 纠纷发生时间 of 2026-02-30 or a 涉及特殊人群 of "{" was imported
and then `case show` and the 台账 stopped with the last-resort sentence; and a passport or
another document's number, which the forms keep as typed, was refused by the exporter as a bad
身份证号, so a village with one foreign party could send nothing at all."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from builders import FixedClock, applicant, intake, respondent
from forge import committee_key, members, reseal, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.demo import generate
from desktop.core.exchange import PackageError, export_period, import_packages
from desktop.core.exchange.schema import validator
from desktop.core.store import open_store

CLOCK = datetime(2026, 11, 3, 9, 0, 0)


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("columns")
    with open_store(folder / "v.sqlite", now=FixedClock(CLOCK), actor="王调解") as v:
        v.settings.save_committee(name="星光村人民调解委员会", level=2, abbr="星调")
        v.settings.add_mediator("王调解", "13812345678", full_time=True)
        generate(v, 30, seed=11, until=date(2026, 10, 31))
        case = v.cases.create(intake(), [applicant(), respondent()])
        v.records.add_party(case.id, applicant(name="约翰·史密斯", id_type="护照", id_number="E1"))
        v.records.add(
            case.id,
            "receipt",
            {"received_on": "2026-10-02", "description": "收条", "amount": "10", "term_seq": 1},
        )
        export_period(v, folder / "a.zip", include_reports=False)
    with open_store(folder / "c.sqlite", now=FixedClock(CLOCK)) as c:
        c.settings.save_committee(name="平湖市人民调解委员会", level=4, abbr="平调")
    return {
        "package": folder / "a.zip",
        "county": folder / "c.sqlite",
        "village": folder / "v.sqlite",
    }


def _lines(package: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in members(package)["cases.jsonl"].decode().splitlines()]


def _node(schema: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    node = schema
    for step in path:
        node = node["properties"][step]
        while "items" in node:
            node = node["items"]
    return node


def test_every_column_a_package_carries_is_described(made: dict[str, Path]) -> None:
    schema = validator("case-line").schema
    undescribed: set[str] = set()
    for line in _lines(made["package"]):
        groups: list[tuple[tuple[str, ...], list[dict[str, Any]]]] = [
            (("case",), [line["case"]]),
            (("parties",), line["parties"]),
            *((("records", k), rows) for k, rows in line["records"].items()),
            *(((k,), line.get(k, [])) for k in ("escalations", "terminations", "extensions")),
        ]
        for path, rows in groups:
            known = set(_node(schema, path).get("properties", {}))
            for row in rows:
                undescribed |= {".".join((*path, k)) for k in set(row) - known}
    assert not undescribed, sorted(undescribed)


def _long(n: int) -> st.SearchStrategy[Any]:
    return st.integers(n + 1, n + 40).map(lambda k: "甲" * k)


_NOT_TEXT = st.integers(-5, 5) | st.booleans() | st.just([1])
_BAD_DATE = st.sampled_from(["2026-02-30", "2026-13-01", "昨天", "2026/10/01", "-1"])
#: (where in the line, the field's path as a refusal names it, bad values)
BAD: list[tuple[tuple[Any, ...], str, st.SearchStrategy[Any]]] = [
    (("case", "difficulty"), "case.difficulty", st.sampled_from(["难", "复杂", "x"]) | _NOT_TEXT),
    (("case", "occurred_on"), "case.occurred_on", _BAD_DATE | _NOT_TEXT),
    (("case", "occurred_place"), "case.occurred_place", _long(300) | _NOT_TEXT),
    (("case", "platform_no"), "case.platform_no", _long(100) | _NOT_TEXT),
    (("case", "risk_level"), "case.risk_level", st.sampled_from(["很高", "1"]) | _NOT_TEXT),
    (
        ("case", "special_groups"),
        "case.special_groups",
        st.sampled_from(["{", "[1]", '"妇女"', "null", '{"a": 1}']) | _NOT_TEXT,
    ),
    (("case", "remarks"), "case.remarks", _NOT_TEXT),
    (("parties", 0, "id_type"), "parties.0.id_type", st.sampled_from(["军官证", "x"]) | _NOT_TEXT),
    (("records", "session", 0, "onsite"), "onsite", st.integers(2, 99) | st.just("是")),
    (("records", "session", 0, "recorder"), "recorder", _long(200) | _NOT_TEXT),
    (("records", "session", 0, "mediators"), "mediators", _long(500) | _NOT_TEXT),
    (("records", "session", 0, "findings"), "findings", _NOT_TEXT),
    (("records", "term", 0, "kind"), "kind", st.sampled_from(["赔偿", "x"]) | _NOT_TEXT),
    (
        ("records", "return_visit", 0, "performed_terms"),
        "performed_terms",
        _long(2000) | _NOT_TEXT,
    ),
    (
        ("records", "receipt", 0, "term_seq"),
        "term_seq",
        st.integers(max_value=-1) | st.just("一") | st.just(1.5),
    ),
]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), which=st.integers(0, len(BAD) - 1))
def test_a_bad_value_in_any_column_refuses_the_package_naming_it(
    made: dict[str, Path], tmp_path_factory: pytest.TempPathFactory, data: st.DataObject, which: int
) -> None:
    where, named, values = BAD[which]
    bad = data.draw(values)
    files = members(made["package"])
    lines = _lines(made["package"])
    # The first line that has the record this column belongs to.
    holder = next(i for i, line in enumerate(lines) if _has(line, where))
    _set(lines[holder], where, bad)
    cases = "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines).encode()
    forged = reseal({**files, "cases.jsonl": cases}, committee_key(made["village"]))
    folder = tmp_path_factory.mktemp("bad")
    package = write(folder / "bad.zip", forged)
    county = folder / "c.sqlite"
    shutil.copy(made["county"], county)
    before = _digest(county)
    with open_store(county, now=FixedClock(CLOCK)) as c, pytest.raises(PackageError) as refused:
        import_packages(c, [package])
    message = refused.value.message
    # The column by its Chinese name (第 1 条调解记录的记录人), never its Latin path.
    chinese = validator("case-line").field_name(list(where))
    assert chinese in message and "数据库没有任何改动" in message, message
    assert f"（{named}）" not in message and f"{named}）" not in message, message
    assert "Error" not in message and "Traceback" not in message
    assert _digest(county) == before


def _has(line: dict[str, Any], where: tuple[Any, ...]) -> bool:
    node: Any = line
    for step in where[:-1]:
        try:
            node = node[step]
        except (KeyError, IndexError):
            return False
    return isinstance(node, dict) and where[-1] in node


def _set(line: dict[str, Any], where: tuple[Any, ...], value: Any) -> None:
    node: Any = line
    for step in where[:-1]:
        node = node[step]
    node[where[-1]] = value


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    id_type=st.sampled_from(["护照", "其他证件"]),
    number=st.text(
        st.characters(codec="utf-8", categories=("L", "N", "Zs", "Pd")), min_size=1, max_size=30
    ).filter(lambda t: t.strip()),
)
def test_a_document_the_forms_keep_as_typed_is_exported_and_imported(
    tmp_path_factory: pytest.TempPathFactory, id_type: str, number: str
) -> None:
    folder = tmp_path_factory.mktemp("passport")
    with open_store(folder / "v.sqlite", now=FixedClock(CLOCK), actor="王调解") as v:
        v.settings.save_committee(name="星光村人民调解委员会", level=2, abbr="星调")
        v.settings.add_mediator("王调解", "13812345678", full_time=True)
        case = v.cases.create(intake(), [applicant(), respondent()])
        party = v.records.add_party(
            case.id, applicant(name="约翰·史密斯", id_type=id_type, id_number=number)
        )
        package = export_period(v, folder / "a.zip", include_reports=False).path
    with open_store(folder / "c.sqlite", now=FixedClock(CLOCK)) as c:
        c.settings.save_committee(name="平湖市人民调解委员会", level=4, abbr="平调")
        import_packages(c, [package])
        kept = c.db.execute(
            "SELECT id_number, id_type FROM parties WHERE name = ?", ["约翰·史密斯"]
        ).fetchone()
    assert tuple(kept) == (party.id_number, id_type)
