"""The Qt-free helpers of the case workspace: the clause library and the timeline sentences."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from builders import FixedClock, on_day, run_to_agreement

from desktop.core.categories import load_categories
from desktop.core.clauses import load_clause_sets, party_names, suggestions_for
from desktop.core.errors import ResourceError
from desktop.core.store import Store
from desktop.core.timeline import case_timeline


def test_every_clause_file_names_real_categories() -> None:
    codes = {c.code for c in load_categories().items}
    sets = load_clause_sets()
    assert len(sets) >= 5
    for s in sets:
        assert s.clauses, s.name
        assert set(s.categories) <= codes | {"*"}, s.name


def test_every_clause_fills_without_leftover_placeholders() -> None:
    names = {"申请人": "张建国", "被申请人": "李秀英"}
    for category in load_categories().items:
        found = suggestions_for(category.code)
        assert found.clauses, category.name
        for clause in found.clauses:
            values = clause.fill(names, date(2026, 3, 6))
            assert "{" not in values["content"] + values["obligor"], clause.title
            assert values["deadline"] >= date(2026, 3, 6)
        for r in found.responsibilities:
            assert "{" not in r.fill(names), r.title


def test_category_clauses_come_first_then_general() -> None:
    labour = suggestions_for("10")
    titles = [c.title for c in labour.clauses]
    assert titles[0] == "分期支付工资（首期）"
    assert "支付款项" in titles and titles.index("支付款项") > titles.index("出具结清证明")
    assert any(c.amount for c in labour.clauses)
    # A category with no own file still gets the general clauses.
    assert [c.title for c in suggestions_for("14").clauses] == ["支付款项", "停止侵害", "纠纷了结"]


def test_clause_is_filled_with_names_and_deadline() -> None:
    clause = next(c for c in suggestions_for("02").clauses if c.title == "恢复排水通道")
    values = clause.fill({"申请人": "张建国", "被申请人": "李秀英"}, date(2026, 3, 6))
    assert values["content"].startswith("李秀英在其围墙底部")
    assert "张建国家门前" in values["content"]
    assert values["obligor"] == "李秀英"
    assert values["deadline"] == date(2026, 3, 16)
    both = next(c for c in suggestions_for("02").clauses if c.title == "设立界桩")
    assert both.fill({"申请人": "张", "被申请人": "李"}, date(2026, 3, 6))["obligor"] == "张、李"
    # Without names the role words stay, never a raw placeholder.
    assert "{" not in clause.fill({}, date(2026, 3, 6))["content"]


def test_malformed_clause_file_is_refused_with_its_name(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text(
        'categories = ["02"]\n[[clauses]]\ntitle = "x"\n', encoding="utf-8"
    )
    # A clause file is data, not a workflow: its refusal is a ResourceError naming file and key.
    with pytest.raises(ResourceError, match=r"bad.toml 的 clauses\[1\].content 有误：缺少这一项"):
        load_clause_sets(tmp_path)


def test_timeline_tells_the_case_in_chinese(store: Store, clock: FixedClock) -> None:
    case_id = run_to_agreement(store)
    assert party_names(store.cases.detail(case_id).parties) == {
        "申请人": "张建国",
        "被申请人": "李秀英",
    }
    on_day(store, "2026-03-20")
    store.records.add(
        case_id,
        "return_visit",
        {
            "visited_on": "2026-03-20",
            "visitor": "王调解",
            "visited_party": "张建国",
            "performance": "已履行",
            "satisfaction": "满意",
            "notes": "已开排水口。",
        },
    )
    items = case_timeline(store, case_id)
    texts = [i.text for i in items]
    assert texts[0] == "添加回访记录：2026年3月20日，王调解"
    assert texts[-1] == "登记案件 （2026）星调调字第1号"
    assert "添加当事人“张建国”" in texts
    assert "完成第1步“排查受理”" in texts and "完成第4步“达成协议”" in texts
    update = next(t for t in texts if t.startswith("修改案件") and "协议形式" in t)
    assert "协议日期：（空） → 2026年3月6日" in update
    # Each change stamped on the day it was made: the story runs from 3月2日 to 3月20日.
    assert all(i.actor == "王调解" and "2026-03-02" <= i.at[:10] <= "2026-03-20" for i in items)


def test_timeline_of_escalation_and_termination(store: Store) -> None:
    from builders import applicant, intake, respondent

    case = store.cases.create(intake(), [applicant(), respondent()])
    on_day(store, "2026-03-03")
    store.flow.extend(case.id, 15, "双方同意延长", consent=True, on="2026-03-03")
    on_day(store, "2026-03-03")
    store.flow.escalate(case.id, 3, "涉及宅基地权属，移交镇无讼工作室", "2026-03-03")
    texts = [i.text for i in case_timeline(store, case.id)]
    assert texts[1] == "延长调解期限 15 天，理由：双方同意延长"
    assert texts[0].startswith("从第2级“村（社区）无讼站”上报到第3级“镇（街道）无讼工作室”")
    assert texts[0].endswith("（已移交上级，本级办结）")


def test_timeline_names_generated_documents_without_the_renderers(
    store: Store, tmp_path: Path
) -> None:
    import subprocess
    import sys

    case_id = run_to_agreement(store)
    pdf = tmp_path / "协议书.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    store.files.record_document(case_id, "agreement", "pdf", pdf)
    assert case_timeline(store, case_id)[0].text == "生成文书“人民调解协议书”（PDF）"
    # Naming a form must not import reportlab or python-docx (opening a case stays fast).
    code = (
        "import sys; from desktop.core.timeline import form_names; names = form_names();"
        " assert names['agreement'] == '人民调解协议书', names;"
        " assert 'reportlab' not in sys.modules and 'docx' not in sys.modules"
    )
    subprocess.run(
        [sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[2]
    )
