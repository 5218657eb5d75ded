"""The full 台账 (issue 14, point 3): the columns township offices collect, with hand-written
values read back with openpyxl, and the column list as data (a county's template: columns
left out, reordered and renamed without code). LibreOffice reads every cell back in
test_report_libreoffice."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

import pytest
from builders import ID_ZHANG, FixedClock, applicant, intake, on_day, respondent
from openpyxl import load_workbook

from desktop.core.errors import ResourceError
from desktop.core.reports.register import (
    FIELDS,
    HEADERS,
    register_columns,
    register_csv_bytes,
    register_xlsx_bytes,
)
from desktop.core.store import Store


def _full_case(store: Store) -> int:
    on_day(store, "2026-03-02")
    cid = store.cases.create(
        intake(
            accepted_on="2026-03-02",
            difficulty="疑难复杂",
            occurred_on="2026-02-27",
            occurred_place="星光村三组",
            special_groups=["老年人", "妇女"],
            risk_level="中",
            platform_no="ZJ-2026-000123",
            remarks="=见卷宗",
        ),
        [applicant(), respondent()],
    ).id
    store.flow.complete_step(cid)
    on_day(store, "2026-03-03")
    store.records.add(
        cid,
        "investigation",
        {
            "held_on": "2026-03-03",
            "place": "村",
            "investigator": "王",
            "subject": "张",
            "content": "查",
        },
    )
    store.cases.update(cid, {"evidence_list": "无", "findings": "属实"})
    store.flow.complete_step(cid)
    for day, place in (("2026-03-04", "村调解室"), ("2026-03-06", "镇调解室")):
        on_day(store, day)
        store.records.add(
            cid,
            "session",
            {
                "held_on": day,
                "place": place,
                "participants": "双方",
                "statements": "陈述",
                "persuasion": "疏导",
                "result": "同意",
            },
        )
    store.cases.update(cid, {"risk_flags": ["可能民转刑"]})
    store.flow.complete_step(cid)
    on_day(store, "2026-03-06")
    store.cases.update(
        cid,
        {
            "agreement_form": "书面协议",
            "agreement_on": "2026-03-06",
            "disputed_matters": "排水",
            "responsibility": "李方",
            "confirmation_advised": True,
        },
    )
    for content, amount, manner, deadline in (
        ("拆除挡水围墙", None, "自行拆除", "2026-03-10"),
        ("赔偿损失", "1500.5", "现金", "2026-03-20"),
    ):
        store.records.add(
            cid,
            "term",
            {
                "content": content,
                "obligor": "李秀英",
                "amount": amount,
                "manner": manner,
                "deadline": deadline,
            },
        )
    store.flow.complete_step(cid)
    return cid


def test_new_columns_hold_what_was_recorded(store: Store, clock: FixedClock) -> None:
    _full_case(store)
    ws = load_workbook(io.BytesIO(register_xlsx_bytes(store))).active
    head = [c.value for c in ws[1]]
    assert tuple(head) == HEADERS
    row = dict(zip(head, [c.value for c in ws[2]], strict=True))
    assert row["调解组织"] == store.settings.committee().name
    assert row["承办人"] == store.settings.mediator(1).name
    assert (row["案件难度"], row["纠纷发生时间"], row["纠纷发生地点"]) == (
        "疑难复杂",
        datetime(2026, 2, 27),
        "星光村三组",
    )
    assert row["调解日期"] == datetime(2026, 3, 6) and row["调解地点"] == "镇调解室"  # the last
    assert (
        row["协议内容"] == "1. 拆除挡水围墙（履行人李秀英）\n2. 赔偿损失（履行人李秀英，1500.50元）"
    )
    assert row["履行方式/期限"] == "1. 自行拆除，2026-03-10前\n2. 现金，2026-03-20前"
    assert row["协议金额（元）"] == 1500.5
    assert (row["调解结果"], row["履行情况"], row["满意度"]) == ("调解成功", None, None)
    assert row["是否涉及特殊人群"] == "老年人、妇女" and row["风险等级"] == "中"
    assert row["平台案号"] == "ZJ-2026-000123" and row["备注"] == "=见卷宗"
    assert ws.cell(2, head.index("备注") + 1).quotePrefix  # typed text never runs
    assert row["申请人证件号码"] == ID_ZHANG


def test_a_county_template_is_matched_by_editing_the_column_file(
    store: Store, tmp_path: Path
) -> None:
    _full_case(store)
    template = tmp_path / "register.toml"
    template.write_text(
        '[[columns]]\nfield = "platform_no"\nheader = "省平台编号"\n'
        '[[columns]]\nfield = "case_no"\nheader = "调解案号"\nwidth = 30\n'
        '[[columns]]\nfield = "difficulty"\nheader = "难易程度"\n',
        encoding="utf-8",
    )
    columns = register_columns(template)
    ws = load_workbook(io.BytesIO(register_xlsx_bytes(store, columns=columns))).active
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    case_no = store.cases.get(1).case_no
    assert rows == [["省平台编号", "调解案号", "难易程度"], ["ZJ-2026-000123", case_no, "疑难复杂"]]
    assert ws.column_dimensions["B"].width > 29
    text = register_csv_bytes(store, columns=columns).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text)))[1] == ["ZJ-2026-000123", case_no, "疑难复杂"]
    bad = tmp_path / "bad.toml"
    bad.write_text('[[columns]]\nfield = "nonsense"\nheader = "某列"\n', encoding="utf-8")
    # A data-file refusal names the file and the key (tests/core/test_resource_loaders.py).
    with pytest.raises(ResourceError, match="columns\\[\\d+\\].field 有误：台账列“nonsense”不认识"):
        register_columns(bad)


def test_every_field_has_a_description_and_the_default_file_uses_each_once() -> None:
    fields = [c.field for c in register_columns()]
    assert len(fields) == len(set(fields)) and set(fields) <= set(FIELDS)
    assert all(FIELDS[f] for f in FIELDS)
