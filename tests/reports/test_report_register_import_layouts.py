"""Old 台账 layouts seen in townships: an ID or phone column that does not say whose it is
(申请人 | 身份证号码 | 联系电话 | 被申请人 | 身份证号码 | 联系电话) belongs to the party-name column
on its left (register_import_sides.give_unnamed_numbers; before, those columns were left out and the
ID numbers of every row silently lost); a refusal names a typed value once."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.reports.register_import import _row_case, guess_mapping
from desktop.core.validation.idcard import id_check_digit

IDS = ["证件号码", "身份证号码", "身份证号", "身份证", "公民身份号码", "身份证号（18位）"]
PHONES = ["联系电话", "电话", "手机", "手机号码", "联系方式", "电话（手机）"]
SIDES = {"申请人": "applicant", "被申请人": "respondent", "当事人": "parties", "乙方": "respondent"}


def _id(i: int) -> str:
    body = f"33048219{80 + i:02d}0101{i:03d}"
    return body + id_check_digit(body)


@given(
    sides=st.lists(st.sampled_from(list(SIDES)), min_size=1, max_size=2, unique_by=SIDES.get),
    id_header=st.sampled_from(IDS),
    phone_header=st.sampled_from(PHONES),
    with_id=st.booleans(),
    with_phone=st.booleans(),
    other=st.sampled_from(["", "纠纷类型", "住址"]),
)
@settings(max_examples=60, deadline=None)
def test_an_unnamed_number_column_belongs_to_the_name_on_its_left(
    sides: list[str], id_header: str, phone_header: str, with_id: bool, with_phone: bool, other: str
) -> None:
    headers = ["序号", "受理日期"]
    want: dict[int, str] = {}
    for name in sides:
        headers.append(name)
        if with_id:
            want[len(headers)] = f"{SIDES[name]}_id"
            headers.append(id_header)
        if other:
            headers.append(other)
        if with_phone:
            want[len(headers)] = f"{SIDES[name]}_phone"
            headers.append(phone_header)
    got = guess_mapping(tuple(headers))
    assert {i: got[i] for i in want} == want, (headers, got)
    assert got[headers.index(sides[0])] == SIDES[sides[0]]


def test_a_number_column_before_any_name_is_left_for_the_user() -> None:
    got = guess_mapping(("身份证号码", "受理日期", "申请人"))
    assert got[0] is None


def test_a_side_with_its_own_named_column_keeps_it() -> None:
    got = guess_mapping(("受理日期", "申请人", "申请人身份证号", "身份证号码", "被申请人"))
    assert got[2] == "applicant_id" and got[3] is None


@given(value=st.sampled_from(["1390000", "12345", "139-0000"]))
@settings(max_examples=5, deadline=None)
def test_a_refused_phone_is_named_once(value: str) -> None:
    from desktop.core.categories import load_categories
    from desktop.core.errors import ValidationError

    cells = {
        "accepted_on": "2026-03-01",
        "applicant": "张建国",
        "applicant_id": _id(1),
        "applicant_phone": value,
    }
    try:
        _row_case(cells.get, load_categories(), date(2026, 3, 2))
    except ValidationError as exc:
        assert exc.message.count(f"“{value}”") == 1, exc.message
    else:
        raise AssertionError("a bad phone was accepted")
