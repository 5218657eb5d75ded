"""Several parties on one side of a case in the 台账: names, ID numbers and phones each in one
cell, in the parties' order, joined by “、”, a missing number shown as “无” when the side has
several parties, so the n-th number is the n-th person's — the same in .xlsx and .csv, and read
back into separate parties by the Excel 台账 import."""

from __future__ import annotations

import csv
import io
from typing import Any

from builders import intake
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
