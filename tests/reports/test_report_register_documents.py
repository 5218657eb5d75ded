"""A passport or another document in the 台账 (reports/register_documents.py): the number alone
does not tell its type, so the 台账 writes “E12345678（护照）” and the Excel 台账 import reads
the type back (after the number in brackets, or before it as clerks write “护照：E12345678”).
Before, our own 台账 of a case with a passport holder could not be imported back (“身份证号应为
18 位，现在是 9 位”). Also: a file of another kind given to the import is told what to do."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from builders import FixedClock, intake
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.errors import ValidationError
from desktop.core.reports.register import register_xlsx_bytes
from desktop.core.reports.register_documents import read_document_cell
from desktop.core.store import Store
from desktop.core.validation.idcard import id_check_digit

NAMES = ["张建国", "李秀英", "约翰·史密斯", "赵丽", "玛丽亚", "陈二"]
OTHER_NUMBERS = st.from_regex(r"[A-Z]{1,2}[0-9]{6,9}", fullmatch=True)


def _id(i: int) -> str:
    body = f"33048219{80 + i:02d}0101{i:03d}"
    return body + id_check_digit(body)


@st.composite
def people(draw: st.DrawFn, role: str, first: int) -> list[dict[str, Any]]:
    out = []
    for i in range(first, first + draw(st.integers(1, 3))):
        party: dict[str, Any] = {"role": role, "kind": "自然人", "name": NAMES[i]}
        kind = draw(st.sampled_from(["居民身份证", "护照", "其他证件", None]))
        if kind == "居民身份证":
            party["id_number"] = _id(i)
        elif kind:
            party.update(id_type=kind, id_number=draw(OTHER_NUMBERS))
        out.append(party)
    return out


_EXAMPLE = itertools.count()


@given(data=st.data())
@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_a_passport_or_other_document_comes_back_with_its_type(
    store: Store, clock: FixedClock, tmp_path: Path, data: st.DataObject
) -> None:
    from desktop.core.reports.register_import import apply_import, plan_import, read_sheet
    from desktop.core.store import open_store

    a = data.draw(people("申请人", 0))
    b = data.draw(people("被申请人", len(a)))
    case = store.cases.create(intake(title="约翰·史密斯与李秀英纠纷"), a + b)
    store.flow.terminate(case.id, "申请人撤回", ["向人民法院提起诉讼"], "2026-03-02")
    path = tmp_path / "台账.xlsx"
    path.write_bytes(register_xlsx_bytes(store, [case.id]))
    # A fresh receiving file each example: the same people drawn again would be skipped as a
    # row already present (the import's own duplicate rule), which is not what is tested here.
    with open_store(tmp_path / f"other-{next(_EXAMPLE)}.sqlite", now=clock) as other_store:
        plan = plan_import(other_store, read_sheet(path))
        assert not plan.refused and len(plan.add) == 1, plan.refused
        [new_id] = apply_import(other_store, plan)
        got = [
            (p.name, p.id_number or "", p.id_type if p.id_number else "")
            for p in other_store.records.parties(new_id)
        ]
    want = [
        (
            p["name"],
            p.get("id_number", ""),
            p.get("id_type", "居民身份证") if p.get("id_number") else "",
        )
        for p in a + b
    ]
    assert got == want


@given(
    number=OTHER_NUMBERS,
    kind=st.sampled_from(["护照", "其他证件", "外国护照", "其它证件"]),
    form=st.sampled_from(
        ["{n}（{k}）", "{n}({k})", "{n} （{k}）", "{k}：{n}", "{k}:{n}", "{k}号码：{n}"]
    ),
)
@settings(max_examples=40, deadline=None)
def test_the_type_is_read_before_or_after_the_number(number: str, kind: str, form: str) -> None:
    got = read_document_cell(form.format(n=number, k=kind))
    assert got == (number, {"外国护照": "护照", "其它证件": "其他证件"}.get(kind, kind))


def test_a_resident_number_named_as_a_passport_is_still_checked() -> None:
    from desktop.core.categories import load_categories
    from desktop.core.reports.register_import import _row_case

    cells = {"accepted_on": "2026-03-01", "applicant": "张建国", "result": "调解成功"}
    cells["applicant_id"] = _id(0)[:17] + "0（居民身份证）"  # a wrong check digit
    with pytest.raises(ValidationError, match="校验"):
        _row_case(cells.get, load_categories(), date(2026, 3, 2))


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("台账.xls", "旧格式的表格（.xls）"),
        ("台账.et", "旧格式的表格（.et）"),
        ("台账.xlsx", "可能已损坏或选错了文件"),
    ],
)
def test_a_file_of_another_kind_is_told_what_to_do(tmp_path: Path, name: str, said: str) -> None:
    from desktop.core.reports.register_import import read_sheet

    path = tmp_path / name
    path.write_text("受理日期,申请人\n2026-03-01,张建国\n", encoding="utf-8-sig")
    with pytest.raises(ValidationError) as caught:
        read_sheet(path)
    assert said in caught.value.message and name in caught.value.message
