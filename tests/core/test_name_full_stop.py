"""The Chinese full stop 。 typed between the parts of a minority name (阿不都热合曼。买买提: a
Chinese input method types 。 for the "." key) is the middle dot, as ・ • ． ‧ . are (kind: a
dot look-alike left as typed, found by the testers of issue 14): stored as one "·", found by
search however it is typed, accepted as the 履行人 it names, read so from an old 台账; a 。 at
the end of a name, or ending a line of text, is left as it is."""

from __future__ import annotations

from pathlib import Path

from builders import applicant, intake, respondent
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.models import CaseFilter
from desktop.core.reports.register_import import plan_import, read_sheet
from desktop.core.store import Store
from desktop.core.validation.names import normalise_name_dots

_OK = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
_PART = st.text(
    alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=2, max_size=5
)
_STOP = st.builds(
    lambda a, stop, b: a + stop + b,
    st.sampled_from(["", " ", "\u3000"]),
    st.sampled_from(["。", "｡"]),
    st.sampled_from(["", " "]),
)


@given(parts=st.lists(_PART, min_size=2, max_size=3), stops=st.lists(_STOP, min_size=2))
@_OK
def test_a_full_stop_between_name_parts_is_the_middle_dot(
    store: Store, parts: list[str], stops: list[str]
) -> None:
    typed = parts[0] + "".join(s + p for s, p in zip(stops, parts[1:], strict=False))
    dotted = "·".join(parts)
    case = store.cases.create(intake(), [applicant(name=typed), respondent()])
    assert store.records.parties(case.id)[0].name == dotted
    for query in (typed, dotted, "".join(parts)):
        found = {c.id for c in store.cases.list(CaseFilter(text=query), limit=500)}
        assert case.id in found, query
    # The 履行人 of a term may be typed with the 。 too: it names that party.
    term = {"content": "支付补偿款", "manner": "现金", "deadline": "2026-04-01", "obligor": typed}
    store.records.add(case.id, "term", term)
    assert [t.values["obligor"] for t in store.records.list(case.id, "term")] == [typed]


@given(name=_PART, text=_PART)
@settings(max_examples=30, deadline=None)
def test_a_full_stop_ending_a_name_or_a_line_is_left(name: str, text: str) -> None:
    assert normalise_name_dots(name + "。") == name + "。"
    assert normalise_name_dots(f"{text}。\n{name}") == f"{text}。\n{name}"
    assert normalise_name_dots("金额12。5元") == "金额12。5元"


def test_an_old_register_names_read_with_the_dot(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "台账.csv"
    path.write_text(
        "受理日期,申请人,被申请人\n2025-03-01,阿不都热合曼。买买提,李四。\n", encoding="utf-8"
    )
    plan = plan_import(store, read_sheet(path))
    assert not plan.refused
    names = [p["name"] for p in plan.add[0].parties]
    assert names[0] == "阿不都热合曼·买买提" and plan.add[0].values["title"].startswith(
        "阿不都热合曼·买买提与"
    )
