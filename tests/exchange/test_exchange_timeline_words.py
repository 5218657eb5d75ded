"""What the program itself records of a case is told in Chinese in its 办理经过 (timeline).
Kind: an action the timeline had no sentence for fell through to 修改案件 with the entry's raw
English keys — every received case showed "修改案件：from：星光村人民调解委员会；package：
0287f6…；update：是" (the import's own entry: added, updated, or a hand-off continued here),
and a case from an old 台账 "修改案件：file：…；row：…". Through the real export, import and
台账 import; and every action name desktop/core writes (found in its source) has a word."""

from __future__ import annotations

import ast
import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from builders import FixedClock, applicant, intake, on_day, respondent
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.exchange import export_handoff, export_period, import_packages
from desktop.core.models import AuditEntry
from desktop.core.reports.register_import import apply_import, plan_import, read_sheet
from desktop.core.store import audit, open_store
from desktop.core.timeline import case_timeline, describe

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 1, 9, 0)
#: A detail key shown as written ("from：…"): English the mediator cannot read.
_RAW_KEY = re.compile(r"[A-Za-z_]+：")


def _written_actions() -> set[str]:
    """Every action name a literal in the program writes: ``action="…"`` and ``"action": "…"``."""
    found: set[str] = set()
    for path in (ROOT / "desktop" / "core").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            value: ast.expr | None = None
            if isinstance(node, ast.keyword) and node.arg == "action":
                value = node.value
            elif isinstance(node, ast.Dict):
                pairs = zip(node.keys, node.values, strict=True)
                named = [v for k, v in pairs if isinstance(k, ast.Constant) and k.value == "action"]
                value = named[0] if named else None
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                found.add(value.value)
    return found


def test_every_action_the_program_writes_has_a_chinese_word() -> None:
    written = _written_actions()
    assert {"import", "import_register", "escalate", "create"} <= written
    assert written <= set(audit.ACTION_NAMES), written - set(audit.ACTION_NAMES)


def test_a_received_case_and_a_register_case_are_told_in_chinese(tmp_path: Path) -> None:
    clock = FixedClock(NOW)
    with open_store(tmp_path / "v.sqlite", now=clock) as v:
        v.settings.save_committee(name="星光村人民调解委员会", level=2, abbr="星调")
        v.settings.add_mediator("王调解")
        kept = v.cases.create(intake(accepted_on="2026-10-30"), [applicant(), respondent()])
        handed = v.cases.create(intake(accepted_on="2026-10-31"), [applicant(), respondent()])
        first = export_period(v, tmp_path / "1.zip", include_reports=False).path
        on_day(v, "2026-11-03")
        v.cases.update(kept.id, {"facts": "补充的情况"})
        second = export_period(v, tmp_path / "2.zip", include_reports=False).path
        handoff = export_handoff(v, tmp_path / "h.zip", handed.case_no, "需镇里协调").path
    clock.current = NOW + timedelta(days=5)
    with open_store(tmp_path / "t.sqlite", now=clock) as t:
        t.settings.save_committee(name="新埭镇人民调解委员会", level=3, abbr="新调")
        t.settings.add_mediator("赵镇")
        import_packages(t, [first])
        import_packages(t, [second, handoff])
        register = tmp_path / "旧台账.csv"
        register.write_text(
            "序号,受理日期,申请人,被申请人,调解结果\r\n1,2025-03-02,王五,赵六,调解成功\r\n",
            encoding="utf-8-sig",
        )
        sheet = read_sheet(register)
        apply_import(t, plan_import(t, sheet, tuple(sheet.guess)))
        told = {
            no: [item.text for item in case_timeline(t, cid)]
            for cid, no in t.db.execute("SELECT id, case_no FROM cases")
        }
    assert len(told) == 4  # two received, one continued here, one from the 台账
    for texts in told.values():
        assert not [text for text in texts if _RAW_KEY.search(text)], texts
    every = [text for texts in told.values() for text in texts]
    assert "从星光村人民调解委员会的报送包导入本案" in every
    assert "收到星光村人民调解委员会的报送包，更新了本案" in every
    assert any(text.startswith("接收星光村人民调解委员会移交的案件，原案号") for text in every)
    assert "从旧台账“旧台账.csv”第 2 行导入" in every


_WORDS = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=10)


@settings(max_examples=60, deadline=None)
@given(
    detail=st.fixed_dictionaries(
        {"from": _WORDS, "package": st.text("0123456789abcdef", min_size=64, max_size=64)},
        optional={
            "update": st.booleans(),
            "original_case_no": _WORDS,
            "level": st.integers(1, 4) | st.none() | _WORDS,
        },
    )
)
def test_an_import_entry_is_a_sentence_naming_its_sender(detail: dict[str, Any]) -> None:
    """Whatever the sender's name and the entry's other values, the package's entry reads as a
    sentence with the sender's name and none of the detail's keys."""
    with open_store(":memory:") as store:
        spec = store.catalog.latest()
    entry = AuditEntry(1, "2026-11-05T09:00:00", "赵镇", 1, "case", 1, "import", detail)
    item = describe(entry, spec)
    assert item.action == "导入"
    assert (detail["from"] or "其他调委会") in item.text
    assert not {"from", "package", "update", "level", "original_case_no"} & set(
        re.findall(r"[A-Za-z_]+", item.text)
    ) - set(re.findall(r"[A-Za-z_]+", "".join(map(str, detail.values()))))


@pytest.mark.parametrize("action", sorted(audit.ACTION_NAMES))
def test_no_action_word_is_english(action: str) -> None:
    assert not re.search(r"[A-Za-z]", audit.ACTION_NAMES[action])
