"""Issue 11, what the file must say, read from the rendered output: the real signers, a
handed-over case, roles and dates, the termination notice, oral cases and 司法确认, what step 2
and step 3 found, receipts and the 封底, and rare characters."""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from builders import FixedClock, applicant, intake, respondent
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from paper_read import W, docx_xml, pdf_pages, squash
from party_cases import run_case

from desktop.core import documents as docs
from desktop.core.errors import ValidationError
from desktop.core.exchange import export_handoff, import_packages
from desktop.core.fonts import glyphs
from desktop.core.store import Store, open_store

SLOW = settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def pdf_text(store: Store, cid: int, form: str, tmp_path: Path) -> str:
    path = tmp_path / f"{cid}-{form}.pdf"
    docs.generate(store, cid, form, "pdf", path)
    return squash("".join(pdf_pages(path, layout=False)))


# ------------------------------------------------------------------ signers


def test_transfer_is_signed_by_the_person_who_escalated(store: Store, tmp_path: Path) -> None:
    """Failure 2: the 移交单 printed 经办人 调解员 / 移交人：调解员. It names the person signed in
    when the case was escalated; a legacy record of the role word leaves a blank to sign."""
    cid = run_case(store, 4, outcome="escalated")
    text = pdf_text(store, cid, "transfer", tmp_path)
    assert "经办人王调解" in text and "移交人：王调解" in text
    # Issue 11 tester: the sentence named level numbers (移交第3级“…”); it names the bodies.
    flat = "".join(text.split())
    assert not re.search(r"第\d级", flat) and "调解未能化解" in flat and "现移交“" in flat
    store.db.execute("UPDATE escalations SET actor = '调解员' WHERE case_id = ?", [cid])
    text = pdf_text(store, cid, "transfer", tmp_path)
    assert "调解员" not in text.replace("人民调解员", "").replace("调解员姓名", "")


def test_each_session_is_signed_by_its_own_mediators(store: Store, tmp_path: Path) -> None:
    """Failure 2: every 调解记录 was signed by the case's current mediator. A session names
    who held and who recorded it; one without names is signed by whoever entered it."""
    cid = run_case(store, 2, outcome="accepted")
    store.flow.complete_step(cid)
    store.flow.complete_step(cid) if False else None
    store.records.add(
        cid,
        "investigation",
        {
            "held_on": "2026-03-03",
            "place": "现场",
            "investigator": "王调解",
            "subject": "王秀英",
            "content": "查看现场。",
        },
    )
    store.cases.update(cid, {"evidence_list": "无", "findings": "属实。"})
    store.flow.complete_step(cid)
    base = {
        "place": "村调解室",
        "participants": "组长",
        "statements": "陈述。",
        "persuasion": "疏导。",
        "result": "未达成。",
    }
    store.records.add(
        cid,
        "session",
        {**base, "held_on": "2026-03-04", "mediators": "沈德明、陆桂芳", "recorder": "钱小龙"},
    )
    store.records.add(cid, "session", {**base, "held_on": "2026-03-05"}, actor="周红梅")
    text = pdf_text(store, cid, "mediation_record", tmp_path)
    first, second = text.split("人民调解记录")[1:3]
    assert "人民调解员：沈德明、陆桂芳" in first and "记录人：钱小龙" in first
    assert (
        "人民调解员：周红梅" in second and "王调解" not in second.split("调查")[0].split("签名")[-1]
    )


def test_handed_over_case_keeps_the_origin(tmp_path: Path) -> None:
    """Failure 2: the township sealed its 受理登记表 six days before it received the case, the
    village's case number appeared nowhere, and the township's mediator signed the village's
    session. Now: 受理 date = date received, origin case number shown, session signer kept."""
    clock = FixedClock(datetime(2026, 3, 2, 9))
    village = open_store(tmp_path / "v.sqlite", now=clock, actor="王建平")
    village.settings.save_committee(name="星光村人民调解委员会", level=2, abbr="星调")
    village.settings.add_mediator("王建平")
    case = village.cases.create(intake(mediator=1), [applicant(), respondent()])
    village.flow.complete_step(case.id)
    clock.set(date(2026, 3, 3))  # each day's record entered on its day
    village.records.add(
        case.id,
        "investigation",
        {
            "held_on": "2026-03-03",
            "place": "现场",
            "investigator": "王建平",
            "subject": "张建国",
            "content": "查看。",
        },
    )
    village.cases.update(case.id, {"evidence_list": "无", "findings": "属实。"})
    village.flow.complete_step(case.id)
    clock.set(date(2026, 3, 4))
    village.records.add(
        case.id,
        "session",
        {
            "held_on": "2026-03-04",
            "place": "村",
            "participants": "组长",
            "statements": "陈述。",
            "persuasion": "疏导。",
            "result": "未达成。",
        },
    )
    clock.set(date(2026, 3, 4))
    pkg = export_handoff(village, tmp_path / "h.zip", case.case_no, "需镇里协调。")
    clock.set(date(2026, 3, 10))
    town = open_store(tmp_path / "t.sqlite", now=clock, actor="赵镇调")
    town.settings.save_committee(name="新埭镇人民调解委员会", level=3, abbr="新调")
    town.settings.add_mediator("赵镇调")
    import_packages(town, [pkg.path])
    here = town.cases.list()[0].id
    town.cases.update(here, {"mediator": 1})
    reg = pdf_text(town, here, "registration", tmp_path)
    assert "受理日期2026年3月10日" in reg and squash(case.case_no) in reg
    assert "（印章）2026年3月10日" in reg  # sealed on the day received
    assert "登记人：赵镇调" in reg
    rec = pdf_text(town, here, "mediation_record", tmp_path)
    assert "人民调解员：王建平" in rec and "赵镇调" not in rec
    assert f"星光村人民调解委员会制作原案号：{squash(case.case_no)}" in rec
    for s in (village, town):
        s.close()


# ------------------------------------------------------------------ roles, dates, wording


@SLOW
@given(n=st.integers(min_value=1, max_value=13))
def test_application_is_dated_and_speaks_for_every_applicant(
    store: Store, tmp_path: Path, n: int
) -> None:
    """Failures 4 and 11: the 申请书 had no date and said 告知我 for three applicants."""
    cid = run_case(store, n, outcome="accepted")
    applicants = [p for p in store.records.parties(cid) if p.role == "申请人"]
    text = pdf_text(store, cid, "application", tmp_path)
    assert "2026年3月2日" in text.split("现自愿申请")[-1]
    said = "告知我们，" if len(applicants) > 1 else "告知我，"
    assert said in text


def test_termination_notice_wording_and_receipt(store: Store, tmp_path: Path) -> None:
    """Failure 11: no line for the parties to sign that they received the notice, and 进行了
    调解 for a case ended before any session."""
    early = run_case(store, 3, outcome="terminated_early")
    late = run_case(store, 3, outcome="terminated")
    early_text = pdf_text(store, early, "termination_notice", tmp_path)
    late_text = pdf_text(store, late, "termination_notice", tmp_path)
    assert "进行了调解" not in early_text and "进行了调解" in late_text
    for text in (early_text, late_text):
        assert "送达回执" in text and "本告知书已于" in text and "签收日期" in text
        receipt = text.split("送达回执")[1]
        assert receipt.count("按指印") - receipt.count("盖章或按指印") >= 3


def test_oral_case_has_no_judicial_confirmation(store: Store, tmp_path: Path) -> None:
    """Failure 11: an oral case printed 司法确认：未申请 and accepted 已申请."""
    cid = run_case(store, 2, outcome="oral")
    with pytest.raises(ValidationError, match="口头协议不能申请司法确认"):
        store.cases.update(cid, {"judicial_confirmation": "已申请"})
    store.records.add(
        cid,
        "return_visit",
        {
            "visited_on": "2026-04-10",
            "visitor": "王调解",
            "visited_party": "王秀英",
            "performance": "已履行",
            "satisfaction": "满意",
            "notes": "好。",
        },
    )
    store.cases.update(cid, {"closing_note": "完毕", "closed_on": "2026-04-12"})
    store.flow.complete_step(cid)
    assert "司法确认" not in pdf_text(store, cid, "file_note", tmp_path)


def test_findings_risk_receipts_and_back_cover(store: Store, tmp_path: Path) -> None:
    """Failure 11: 查明的事实和责任, the 激化风险 assessment and the 履行凭证 were printed in no
    form; the 封底 said 附证物 0 件 with receipts recorded."""
    cid = run_case(store, 4, outcome="visited")
    assert "查明的事实和责任围墙截断排水沟" in pdf_text(store, cid, "investigation", tmp_path)
    assert "激化风险评估无明显激化风险" in pdf_text(store, cid, "mediation_record", tmp_path)
    assert "履行凭证2026年3月20日收条" in pdf_text(store, cid, "return_visit", tmp_path)
    assert "履行凭证：2026年3月20日收条" in pdf_text(store, cid, "file_note", tmp_path)
    assert "附证物1件" in pdf_text(store, cid, "back_cover", tmp_path)


# ------------------------------------------------------------------ rare characters

_FALLBACK = sorted(c for c in glyphs("HanaMinB-ExtB") if 0x20000 <= c <= 0x2EBEF)


@SLOW
@given(code=st.sampled_from(_FALLBACK))
def test_rare_character_prints_in_pdf_and_names_a_font_in_word(
    store: Store, tmp_path: Path, code: int
) -> None:
    """Failure 9: 王𠮷 printed a box and was missing from the text layer. Any Extension B+
    character the bundled fallback has: in the PDF text layer, no self-check error, and in
    Word its run names SimSun-ExtB/ExtG."""
    name = "王" + chr(code)
    cid = run_case(store, 2, outcome="agreed", first_name=name)
    assert name in pdf_text(store, cid, "agreement", tmp_path)
    assert not [f for f in docs.self_check(store, cid) if "打印不出来" in f.message]
    buf = io.BytesIO()
    docs.RENDERERS["docx"].write(docs.build(store, cid, "agreement"), buf)
    runs = [
        r
        for r in docx_xml(buf.getvalue()).iter(W + "r")
        if chr(code) in "".join(t.text or "" for t in r.iter(W + "t"))
    ]
    assert runs
    for r in runs:
        fonts = r.find(f"{W}rPr/{W}rFonts")
        assert fonts.get(W + "eastAsia") in ("SimSun-ExtB", "SimSun-ExtG")


def test_render_refuses_what_cannot_print_unless_forced(tmp_path: Path) -> None:
    """Failure 9: `wusong render` exited 0 with a character no font has. Now non-zero and no
    file, unless --force."""
    from desktop.cli.main import cli

    db = tmp_path / "c.sqlite"
    s = open_store(db, actor="王调解")
    s.settings.save_committee(name="星光村人民调解委员会", level=2, abbr="星调")
    s.settings.add_mediator("王调解")
    cid = run_case(s, 2, outcome="accepted", first_name="王\U00031350")
    case_no = s.cases.get(cid).case_no
    s.close()
    out = tmp_path / "r.pdf"
    args = ["--db", str(db), "--as", "王调解", "render", case_no, "受理登记表", "-o", str(out)]
    refused = CliRunner().invoke(cli, args)
    assert refused.exit_code != 0 and "打印不出来" in refused.output and not out.exists()
    forced = CliRunner().invoke(cli, [*args, "--force"])
    assert forced.exit_code == 0, forced.output
    assert out.exists()


def test_rendered_dates_and_names_do_not_lose_characters(store: Store, tmp_path: Path) -> None:
    cid = run_case(store, 13, outcome="visited")
    text = pdf_text(store, cid, "registration", tmp_path)
    for p in store.records.parties(cid):
        assert p.name in text
    assert re.search(r"2026年3月2日", text)
