"""A unit named in an old 台账 is imported as a unit (found by the fresh tester t10b: 星光村村委会,
新埭镇人民政府, 平湖市星光养殖场, 新埭镇卫生院 and …有限公司（原星光建筑队） were imported as
natural persons — 自然人 with a 性别 and 民族 to fill — because only eleven endings were known
and a remark in brackets hid the ending). Kind: a unit whose name ends with a word units are
named by, with or without a remark in brackets and spaces, through the real import
(read_sheet + plan_import of a text 台账); people whose given name ends with such a character
(王建社, 李建院, 欧阳建社) stay people."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.reports.register_import import plan_import, read_sheet
from desktop.core.store import Store

_OK = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PLACES = ["", "星光村", "新埭镇", "平湖市星光", "浙江星光"]
CORES = ["", "建筑", "兴旺", "宏达"]
UNITS = [
    "村委会", "村民委员会", "居委会", "人民政府", "养殖场", "卫生院", "派出所", "幼儿园",
    "有限公司", "有限责任公司", "股份经济合作社", "经营部", "工程队", "物业管理处", "超市",
    "加油站", "小学", "信用社", "敬老院", "农场", "饭店", "服装厂",
]  # fmt: skip
REMARKS = ["", "（原星光建筑队）", "(有限合伙)", " （个体）"]
PEOPLE = ["王建社", "李建院", "欧阳建社", "张秀园", "刘德行", "王会", "阿依古丽·买买提", "张三"]


def _kinds(store: Store, tmp_path: Path, respondents: list[str]) -> list[tuple[str, str]]:
    path = tmp_path / "台账.csv"
    lines = ["受理日期,申请人,被申请人,调解结果"]
    lines += [f"2025-03-{i + 1:02d},张三,{r},调解成功" for i, r in enumerate(respondents)]
    path.write_text("\n".join(lines) + "\n", encoding="gbk")
    plan = plan_import(store, read_sheet(path))
    assert not plan.refused, plan.refused
    return [(p.parties[1]["name"], p.parties[1]["kind"]) for p in plan.add]


@given(
    names=st.lists(
        st.tuples(
            st.sampled_from(PLACES),
            st.sampled_from(CORES),
            st.sampled_from(UNITS),
            st.sampled_from(REMARKS),
        ),
        min_size=1,
        max_size=5,
    )
)
@_OK
def test_a_unit_is_imported_as_a_unit(
    store: Store, tmp_path: Path, names: list[tuple[str, str, str, str]]
) -> None:
    typed = ["".join(n) for n in names]
    kinds = _kinds(store, tmp_path, typed)
    assert [k for _, k in kinds] == ["单位"] * len(typed), kinds


def test_people_stay_people(store: Store, tmp_path: Path) -> None:
    assert _kinds(store, tmp_path, PEOPLE) == [(p, "自然人") for p in PEOPLE]
