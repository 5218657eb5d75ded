"""Old registers write a level in words of their own (found by tester t14): 镇级, 乡镇, 县级,
村级, 区, 居委会, 村调委会, 村/社区, 乡镇（街道）, 县（区）, 县级法院, a text cell “2.0”. Kind:
a level written with a suffix (级, 调委会), another word for it (乡 for 镇, 区 for 县) or two
words of one level — each was refused as “看不懂” although any mediator reads it. Now a cell is
read when every word in it names the same level (the words are data: ``[levels]`` of
resources/reports/register_import.toml); words of two levels (村/镇) are still refused in one
sentence. Through ``read_level`` and a real import of a .csv (``read_sheet``, ``plan_import``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.errors import ValidationError
from desktop.core.paths import resource
from desktop.core.reports.register_import import plan_import, read_sheet
from desktop.core.reports.register_import_levels import level_spellings, read_level
from desktop.core.store import Store
from desktop.core.workflow.spec_reader import load_workflow

SPEC = load_workflow(resource("workflows", "wubu.toml"))
SPELLINGS = level_spellings(SPEC)
_OK = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# Each level's words as old registers write them (not only those of its name).
WORDS = {
    1: ["网格", "网格员", "网格长", "微网格"],
    2: ["村", "社区", "居委会", "村委会", "村居", "居", "行政村"],
    3: ["镇", "乡", "乡镇", "街道", "街道办", "镇乡"],
    4: ["县", "市", "区", "县区", "区县", "县市区", "法院", "人民法院", "矛调中心", "诉前调解"],
}
ENDINGS = ["", "", "级", "调委会", "人民调解委员会", "级调委会", "调解委员会"]
JOINS = ["/", "／", "、", "及", "或", "和", "级"]


@st.composite
def written(draw: st.DrawFn, level: int) -> str:
    """A cell naming ``level`` in one or two of its words, with brackets, joins and endings."""
    first = draw(st.sampled_from(WORDS[level]))
    if draw(st.booleans()):
        second = draw(st.sampled_from(WORDS[level]))
        if draw(st.booleans()):
            open_, close = draw(st.sampled_from([("（", "）"), ("(", ")")]))
            first = f"{first}{open_}{second}{close}"
        else:
            first = f"{first}{draw(st.sampled_from(JOINS))}{second}"
    return first + draw(st.sampled_from(ENDINGS))


@given(data=st.data(), level=st.integers(1, 4))
@_OK
def test_a_level_in_the_words_of_an_old_register_is_read(data: st.DataObject, level: int) -> None:
    cell = data.draw(written(level))
    assert read_level(cell, "受理层级", SPELLINGS, SPEC) == level, cell


@given(data=st.data(), levels=st.lists(st.integers(1, 4), min_size=2, max_size=2, unique=True))
@_OK
def test_words_of_two_levels_are_refused_in_one_sentence(
    data: st.DataObject, levels: list[int]
) -> None:
    cell = data.draw(written(levels[0])) + data.draw(st.sampled_from(JOINS[:2]))
    cell += data.draw(written(levels[1]))
    with pytest.raises(ValidationError) as caught:
        read_level(cell, "当前层级", SPELLINGS, SPEC)
    message = caught.value.message
    assert message.startswith(f"当前层级“{cell}”看不懂")
    assert message.count("。") == 1 and message.endswith("。")


@pytest.mark.parametrize(("cell", "level"), [("2.0", 2), ("３.0", 3), ("第2.0级", 2)])
def test_a_number_typed_with_decimals_is_read(cell: str, level: int) -> None:
    assert read_level(cell, "受理层级", SPELLINGS, SPEC) == level


def test_an_old_register_with_its_own_words_is_imported(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "台账.csv"
    path.write_text(
        "受理日期,申请人,被申请人,受理层级,当前层级,化解层级,调解结果\n"
        "2025-03-01,张三,李四,村级,乡镇,镇级,调解成功\n"
        "2025-03-02,王五,赵六,村调委会,县（区）,县级法院,调解成功\n"
        "2025-03-03,钱七,孙八,居委会,村/社区,,调解不成\n",
        encoding="utf-8",
    )
    plan = plan_import(store, read_sheet(path))
    assert not plan.refused, [str(r) for r in plan.refused]
    got = [
        (p.values["level_start"], p.values["level_now"], p.values["level_resolved"])
        for p in plan.add
    ]
    assert got == [(2, 3, 3), (2, 4, 4), (2, 2, None)]
