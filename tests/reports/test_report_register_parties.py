"""Several parties on one side of a case in the 台账: names, ID numbers and phones each in one
cell, in the parties' order, joined by “、”, a missing number shown as “无” when the side has
several parties, so the n-th number is the n-th person's — the same in .xlsx and .csv, and read
back into separate parties by the Excel 台账 import."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from builders import FixedClock, intake
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from desktop.core.reports.register import HEADERS, register_csv_bytes, register_xlsx_bytes
from desktop.core.store import Store
from desktop.core.validation.idcard import id_check_digit

NAMES = ["张建国", "李秀英", "王小明", "赵丽", "阿不都热合曼·买买提", "陈二"]


def _id(i: int) -> str:
    body = f"33048219{80 + i:02d}0101{i:03d}"
    return body + id_check_digit(body)


PERSON = st.tuples(st.booleans(), st.booleans())  # (has ID number, has phone)


def _side(role: str, people: list[tuple[bool, bool]], first: int) -> list[dict[str, Any]]:
    out = []
    for i, (has_id, has_phone) in enumerate(people, start=first):
        party: dict[str, Any] = {"role": role, "kind": "自然人", "name": NAMES[i]}
        if has_id:
            party["id_number"] = _id(i)
        if has_phone:
            party["phone"] = f"1390000{i:04d}"
        out.append(party)
    return out


def _expected(side: list[dict[str, Any]], key: str) -> str:
    values = [p.get(key, "") for p in side]
    if len(values) == 1 or not any(values):
        return values[0] if len(values) == 1 else ""
    return "、".join(v or "无" for v in values)


@given(
    applicants=st.lists(PERSON, min_size=1, max_size=3),
    respondents=st.lists(PERSON, min_size=1, max_size=3),
)
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_the_nth_number_of_a_side_is_the_nth_persons_in_xlsx_and_csv(
    store: Store, applicants: list[tuple[bool, bool]], respondents: list[tuple[bool, bool]]
) -> None:
    a = _side("申请人", applicants, 0)
    b = _side("被申请人", respondents, len(applicants))
    case = store.cases.create(intake(), a + b)
    want = {
        "申请人": "、".join(p["name"] for p in a),
        "申请人证件号码": _expected(a, "id_number"),
        "申请人电话": _expected(a, "phone"),
        "被申请人": "、".join(p["name"] for p in b),
        "被申请人证件号码": _expected(b, "id_number"),
        "被申请人电话": _expected(b, "phone"),
    }
    ws = load_workbook(io.BytesIO(register_xlsx_bytes(store, [case.id]))).active
    row = dict(zip(HEADERS, [c.value for c in ws[2]], strict=True))
    assert {k: row[k] or "" for k in want} == want
    text = register_csv_bytes(store, [case.id]).decode("utf-8-sig")
    head, line = list(csv.reader(io.StringIO(text)))
    got = dict(zip(head, line, strict=True))
    assert {k: got[k].lstrip("\t") for k in want} == want
    for role in ("申请人", "被申请人"):  # positions line up: as many entries as names
        names = want[role].split("、")
        for column in ("证件号码", "电话"):
            cell = want[role + column]
            assert not cell or len(cell.split("、")) == len(names)


@pytest.fixture
def other_store(tmp_path: Path, clock: FixedClock) -> Iterator[Store]:
    """A second committee's file the register is imported into (planned only, never written)."""
    from desktop.core.store import open_store

    s = open_store(tmp_path / "other.sqlite", now=clock)
    yield s
    s.close()


@given(
    applicants=st.lists(PERSON, min_size=1, max_size=3),
    respondents=st.lists(PERSON, min_size=0, max_size=3),
)
@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_our_own_register_of_several_parties_imports_back_person_by_person(
    store: Store,
    other_store: Store,
    tmp_path: Path,
    applicants: list[tuple[bool, bool]],
    respondents: list[tuple[bool, bool]],
) -> None:
    from desktop.core.reports.register_import import plan_import, read_sheet

    a = _side("申请人", applicants, 0)
    b = _side("被申请人", respondents, len(applicants))
    case = store.cases.create(intake(), a + b)
    store.flow.terminate(case.id, "申请人撤回", ["向人民法院提起诉讼"], "2026-03-02")
    path = tmp_path / "台账.xlsx"
    path.write_bytes(register_xlsx_bytes(store, [case.id]))
    plan = plan_import(other_store, read_sheet(path))
    assert not plan.refused and len(plan.add) == 1
    got = [
        (p["role"], p["name"], p.get("id_number", ""), p.get("phone", ""))
        for p in plan.add[0].parties
    ]
    want = [(p["role"], p["name"], p.get("id_number", ""), p.get("phone", "")) for p in a + b]
    assert got == want


SEPARATORS = st.sampled_from(["、", "，", ",", "；", ";", "/", "\n", " 、 "])


@given(
    people=st.lists(PERSON, min_size=2, max_size=4),
    sep=SEPARATORS,
    blank=st.sampled_from(["无", "—", "/", "-"]),
)
@settings(max_examples=40, deadline=None)
def test_one_party_column_holding_both_sides_is_split_person_by_person(
    people: list[tuple[bool, bool]], sep: str, blank: str
) -> None:
    from desktop.core.categories import load_categories
    from desktop.core.reports.register_import import _row_case

    everyone = _side("当事人", people, 0)
    between = "、" if sep == "/" else sep  # “/” between numbers reads as “none”
    cells = {
        "accepted_on": "2026-03-01",
        "parties": sep.join(p["name"] for p in everyone),
        "parties_id": between.join(p.get("id_number", blank) for p in everyone),
        "parties_phone": between.join(p.get("phone", blank) for p in everyone),
        "result": "调解成功",
    }
    values, parties = _row_case(cells.get, load_categories(), date(2026, 3, 2))
    assert [p["role"] for p in parties] == ["申请人"] + ["被申请人"] * (len(people) - 1)
    assert [(p["name"], p.get("id_number", ""), p.get("phone", "")) for p in parties] == [
        (p["name"], p.get("id_number", ""), p.get("phone", "")) for p in everyone
    ]
    assert (
        values["title"]
        == f"{everyone[0]['name']}与{'、'.join(p['name'] for p in everyone[1:])}纠纷"
    )


@given(names=st.integers(2, 4), numbers=st.integers(1, 5))
@settings(max_examples=30, deadline=None)
def test_a_count_of_numbers_that_matches_no_one_is_refused_naming_both_counts(
    names: int, numbers: int
) -> None:
    from desktop.core.categories import load_categories
    from desktop.core.errors import ValidationError
    from desktop.core.reports.register_import import _row_case

    if numbers == names:
        numbers += 1
    cells = {
        "accepted_on": "2026-03-01",
        "applicant": "、".join(NAMES[:names]),
        "applicant_id": "、".join(_id(i) for i in range(numbers)),
    }
    try:
        _row_case(cells.get, load_categories(), date(2026, 3, 2))
    except ValidationError as exc:
        assert f"申请人有 {names} 人" in exc.message and f"证件号码却有 {numbers} 个" in exc.message
    else:
        raise AssertionError("a wrong count of numbers was accepted")
