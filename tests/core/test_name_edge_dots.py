"""A name never begins or ends with a dot (found by tester t14): 张三。 typed with a Chinese
input method's full stop, ·买买提 or 阿不都·买买提· with a dot at the wrong end. Kind: a dot
look-alike at a name's edge — it was stored as typed, so the 协议书 printed “申请人：张三。”,
a 履行人 written 张三 (or 张三。 for a party 张三) was “不是本案当事人”, and an old 台账's
names kept it. Now a dot, full stop or space at the start or end of a name beside a Chinese
letter is dropped wherever a name is kept (a party's name, 法定代表人 and 代理人, the 履行人
as read, an old 台账's names); beside ASCII it stays (Martin King Jr.)."""

from __future__ import annotations

from pathlib import Path

from builders import applicant, intake, respondent
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.deadlines import inputs_for, term_line
from desktop.core.reports.register_import import plan_import, read_sheet
from desktop.core.store import Store
from desktop.core.validation.names import DOT_VARIANTS, tidy_name

_OK = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
_PART = st.text(
    alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=4
)
_EDGE = st.text(alphabet=st.sampled_from([*DOT_VARIANTS, " ", "\u3000"]), max_size=3)


@st.composite
def typed_names(draw: st.DrawFn) -> tuple[str, str]:
    """(a name as typed, with dots at either edge; the name as it should be kept)."""
    parts = draw(st.lists(_PART, min_size=1, max_size=3))
    kept = "·".join(parts)
    return draw(_EDGE) + kept + draw(_EDGE), kept


@given(name=typed_names(), obligor_edge=_EDGE)
@_OK
def test_a_party_name_is_kept_without_dots_at_its_edges(
    store: Store, name: tuple[str, str], obligor_edge: str
) -> None:
    typed, kept = name
    case = store.cases.create(
        intake(title="某某纠纷"),
        [
            applicant(name=typed),
            respondent(
                kind="单位", name="某某有限公司", legal_rep=typed, id_number=None, credit_code=None
            ),
        ],
    )
    parties = store.records.parties(case.id)
    assert parties[0].name == kept
    assert parties[1].legal_rep == kept
    # The 履行人 may be written with or without the stray dot: it names that party, and 今日
    # says whom he pays (the other side), not “对方”.
    for obligor in (kept, kept + obligor_edge, typed):
        term = {"content": "支付补偿款", "manner": "现金", "deadline": "2026-04-01"}
        said = obligor.strip() or kept
        store.records.add(case.id, "term", {**term, "obligor": said, "amount": "100"})
        inputs = inputs_for(store, case.id)
        line = term_line(inputs, max(inputs.payments), "支付补偿款")
        assert line == f"{said}付给某某有限公司 100.00元", line


@given(name=typed_names())
@_OK
def test_an_old_register_keeps_no_dot_at_a_names_edge(
    store: Store, tmp_path: Path, name: tuple[str, str]
) -> None:
    typed, kept = name
    path = tmp_path / "台账.csv"
    path.write_text(f"受理日期,申请人,被申请人\n2025-03-01,{typed},李四\n", encoding="utf-8")
    plan = plan_import(store, read_sheet(path))
    names = [p["name"] for planned in plan.add for p in planned.parties]
    assert names in ([kept, "李四"], []), names
    assert plan.add or plan.duplicates


@given(
    latin=st.sampled_from(["Martin King Jr.", "J.K.", "Smith.", "A. Smith"]),
    tail=st.sampled_from(["", "。", "·"]),
)
@settings(max_examples=12, deadline=None)
def test_a_dot_beside_latin_letters_stays(latin: str, tail: str) -> None:
    assert tidy_name(latin) == latin
    assert tidy_name("张三" + tail) == "张三"
