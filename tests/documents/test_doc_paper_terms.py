"""Issue 11, terms and the self-check: amounts with a breakdown and a total (generated), date
order, 记录人, receipts, ID proofs; terms of three kinds performed in parts, with 今日 (``due_on``)
following each open term and archiving with an open term needing a reason."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from paper_read import pdf_pages, squash
from party_cases import run_case

from desktop.core import documents as docs
from desktop.core.deadlines import PERFORMANCE, RETURN_VISIT, due_on
from desktop.core.documents.term_checks import amount_problem, text_dates
from desktop.core.errors import ValidationError
from desktop.core.models import Record
from desktop.core.performance import open_terms
from desktop.core.store import Store
from desktop.core.validation.money import format_yuan

YUAN = st.integers(min_value=1, max_value=200_000)


def _y(fen: int) -> str:
    return format_yuan(fen)


@given(st.integers(min_value=2, max_value=12), YUAN)
def test_per_unit_and_total_agree_with_the_amount(count: int, each: int) -> None:
    """Failure 6: 每户支付500元，共计6,000元 with amount 6,000 gave an error."""
    total = count * each * 100
    text = f"被申请人向{count}户每户支付{_y(each * 100)}元，共计{_y(total)}元"
    assert amount_problem(text, total) is None
    assert amount_problem(text, total + 100) is not None  # a wrong total is still caught


@given(st.lists(YUAN, min_size=2, max_size=6))
def test_a_list_of_shares_agrees_with_their_sum(shares: list[int]) -> None:
    """Failure 6: a term listing what each of three workers gets gave three errors."""
    names = "甲乙丙丁戊己"
    text = "，".join(f"{names[i]}得{_y(s * 100)}元" for i, s in enumerate(shares))
    total = sum(shares) * 100
    assert amount_problem(text, total) is None
    assert amount_problem(text, total + 1) is not None


@given(YUAN, YUAN)
def test_a_single_figure_must_equal_the_amount(stated: int, amount: int) -> None:
    text = f"李秀英支付补偿款{_y(stated * 100)}元"
    assert (amount_problem(text, amount * 100) is None) == (stated == amount)


SLOW = settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _messages(store: Store, cid: int) -> list[str]:
    return [f"{f.severity}:{f.message}" for f in docs.self_check(store, cid)]


@SLOW
@given(days=st.integers(min_value=1, max_value=60))
def test_dates_out_of_order_are_findings(store: Store, days: int) -> None:
    """Failure 8: a deadline before the agreement, a visit before the agreement and a text date
    contradicting the deadline were all accepted and none flagged."""
    cid = run_case(store, 2, outcome="agreed")
    agreed = store.cases.get(cid).agreement_on
    assert agreed is not None
    early = date.fromordinal(agreed.toordinal() - days)
    term = store.records.list(cid, "term")[0]
    store.db.execute("UPDATE terms SET deadline = ? WHERE id = ?", [early.isoformat(), term.id])
    store.db.execute(
        "UPDATE terms SET content = '于2026年5月1日前修好排水沟' WHERE id = ?",
        [store.records.list(cid, "term")[1].id],
    )
    store.records.add(
        cid,
        "return_visit",
        {
            "visited_on": early.isoformat() if early >= date(2026, 3, 2) else "2026-03-02",
            "visitor": "王调解",
            "visited_party": "王秀英",
            "performance": "未履行",
            "satisfaction": "满意",
            "notes": "未修。",
        },
    )
    found = _messages(store, cid)
    assert any("第1项条款的履行期限" in m and "早于协议日期" in m for m in found)
    assert any("第2项条款文字中写的期限 2026年5月1日" in m for m in found)
    assert any(m.startswith("错误:回访日期") for m in found)


def test_recorder_receipts_and_id_proofs_are_reminders(store: Store, tmp_path: Path) -> None:
    cid = run_case(store, 3, outcome="visited")
    found = _messages(store, cid)
    assert any("调解记录没有填写记录人" in m for m in found)
    assert any("身份证明" in m for m in found)
    assert not any("履行凭证" in m for m in found)  # the receipt is there
    store.db.execute("DELETE FROM receipts WHERE case_id = ?", [cid])
    assert any("没有收条或汇款单" in m for m in _messages(store, cid))
    proof = tmp_path / "id.png"
    proof.write_bytes(b"\x89PNG\r\n\x1a\n")
    store.files.add_attachment(cid, proof, note="王秀英的身份证明")
    assert not any("身份证明附件" in m for m in _messages(store, cid))


# ------------------------------------------------------------------ performance in parts


def _agreed_with_kinds(store: Store) -> int:
    cid = run_case(store, 2, outcome="accepted")
    store.flow.complete_step(cid)
    store.records.add(
        cid,
        "investigation",
        {
            "held_on": "2026-03-03",
            "place": "现场",
            "investigator": "王调解",
            "subject": "王秀英",
            "content": "查看。",
        },
    )
    store.cases.update(cid, {"evidence_list": "无", "findings": "属实。"})
    store.flow.complete_step(cid)
    store.records.add(
        cid,
        "session",
        {
            "held_on": "2026-03-04",
            "place": "村",
            "participants": "组长",
            "statements": "陈述。",
            "persuasion": "疏导。",
            "result": "达成。",
            "recorder": "钱小龙",
        },
    )
    store.cases.update(cid, {"risk_flags": ["无明显激化风险"]})
    store.flow.complete_step(cid)
    store.cases.update(
        cid,
        {
            "agreement_form": "书面协议",
            "agreement_on": "2026-03-06",
            "disputed_matters": "赔偿",
            "responsibility": "陆建国负责。",
            "confirmation_advised": True,
        },
    )
    common = {"obligor": "陆建国", "place": "村委会"}
    store.records.add(
        cid,
        "term",
        {
            **common,
            "kind": "给付",
            "content": "第一期支付3,000元",
            "amount": "3000",
            "manner": "现金",
            "deadline": "2026-03-20",
        },
    )
    store.records.add(
        cid,
        "term",
        {
            **common,
            "kind": "给付",
            "content": "第二期支付3,000元",
            "amount": "3000",
            "manner": "现金",
            "deadline": "2026-04-20",
        },
    )
    store.records.add(
        cid,
        "term",
        {
            **common,
            "kind": "持续义务",
            "content": "双方均不得在排水沟上设置障碍",
            "manner": "自觉遵守",
        },
    )
    store.flow.complete_step(cid)
    return cid


def test_continuing_duty_has_no_deadline_and_prints_none(store: Store, tmp_path: Path) -> None:
    """Failure 7: every term needed a deadline, so continuing duties printed a lapse date."""
    cid = _agreed_with_kinds(store)
    store.db.execute("UPDATE cases SET step_now = 'agree' WHERE id = ?", [cid])  # editable again
    bad = {"kind": "给付", "content": "支付", "obligor": "甲", "manner": "现金"}
    with pytest.raises(ValidationError, match="履行期限"):
        store.records.add(cid, "term", bad)
    store.db.execute("UPDATE cases SET step_now = 'archive' WHERE id = ?", [cid])
    path = tmp_path / "a.pdf"
    docs.generate(store, cid, "agreement", "pdf", path)
    text = squash("".join(pdf_pages(path, layout=False)))
    duty = text.split("双方均不得在排水沟上设置障碍")[1][:40]
    assert "履行期限" not in duty and "持续履行" in duty
    kinds = [
        d.label
        for d in due_on(store, date(2026, 6, 1), horizon_days=0)
        if d.case_id == cid and d.kind == PERFORMANCE
    ]
    assert len(kinds) == 2  # two instalments, no lapse date for the duty


def test_receipts_and_visits_perform_terms_one_by_one(store: Store) -> None:
    """Failure 7: a 收条 did not mark its instalment paid; after a 部分履行 visit the next return
    visit disappeared from due; archiving with an instalment open stopped every reminder."""
    cid = _agreed_with_kinds(store)
    day = date(2026, 6, 1)

    def open_items() -> list[tuple[str, str]]:
        return [(d.kind, d.label) for d in due_on(store, day, horizon_days=0) if d.case_id == cid]

    assert [k for k, _ in open_items()].count(PERFORMANCE) == 2
    store.records.add(
        cid,
        "receipt",
        {"received_on": "2026-03-19", "description": "收条", "amount": "3000", "term_seq": 1},
    )
    items = open_items()
    # Only the second instalment is still due (the two read alike, so each names its number).
    assert [label for k, label in items if k == PERFORMANCE] == [
        "应履行：陆建国付给王秀英 3,000.00元（协议第2项）"
    ]
    store.records.add(
        cid,
        "return_visit",
        {
            "visited_on": "2026-03-25",
            "visitor": "王调解",
            "visited_party": "王秀英",
            "performance": "部分履行",
            "performed_terms": "1",
            "satisfaction": "基本满意",
            "notes": "第一期已付。",
        },
    )
    assert RETURN_VISIT in [k for k, _ in open_items()]  # the next visit stays on 今日
    store.cases.update(
        cid,
        {
            "judicial_confirmation": "未申请",
            "closing_note": "第二期未付",
            "closed_on": "2026-05-10",
        },
    )
    with pytest.raises(ValidationError, match="第2项还没有履行"):
        store.flow.complete_step(cid)
    store.cases.update(cid, {"open_terms_reason": "第2项未履行，申请人已申请强制执行。"})
    store.flow.complete_step(cid)
    assert store.cases.get(cid).is_closed
    assert [label for k, label in open_items() if k == PERFORMANCE] == [
        "应履行：陆建国付给王秀英 3,000.00元（协议第2项）"
    ]
    terms = [t.values | {"seq": t.seq} for t in store.records.list(cid, "term")]
    assert open_terms(terms, [{"term_seq": 2, "amount": 300000}], []) == [1]


@given(
    st.integers(min_value=2, max_value=12),
    YUAN,
    st.sampled_from(
        [
            "张三、李四各赔偿{}元",
            "双方各承担{}元",
            "按月支付{}元",
            "按年支付租金{}元",
            "房租{}元/月",
            "每人每月{}元",
            "补偿{}元／亩",
        ]
    ),
)
def test_other_per_unit_spellings_are_not_false_findings(
    count: int, each: int, spelling: str
) -> None:
    """The kind of failure 6 in other spellings: 各赔偿1000元 (two parties, amount 2,000),
    按月支付500元 and 500元/月 (amount a year's total) gave 【必须改正】. A per-unit figure
    cannot be checked against a total; a stated wrong total still is."""
    total = count * each * 100
    text = spelling.format(_y(each * 100))
    assert amount_problem(text, total) is None
    assert amount_problem(f"{text}，共计{_y(total)}元", total + 100) is not None


@given(YUAN, st.integers(min_value=0, max_value=9), st.integers(min_value=0, max_value=9))
def test_jiao_and_fen_belong_to_the_figure(yuan: int, jiao: int, fen: int) -> None:
    """500元5角 with amount 500.50 was an error: 角/分 after 元 are part of the figure."""
    text = f"支付{yuan}元" + (f"{jiao}角" if jiao else "") + (f"{fen}分" if fen else "")
    amount = yuan * 100 + jiao * 10 + fen
    assert amount_problem(text, amount) is None
    assert amount_problem(text, amount + 100) is not None


@given(
    st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)),
    st.sampled_from(
        [
            "{d.year}年{d.month}月{d.day}日前",
            "{d.month}月{d.day}号前",
            "{d.year}-{d.month:02d}-{d.day:02d}前",
            "{d.year}.{d.month}.{d.day}前",
            "{d.year}/{d.month}/{d.day}之前",
        ]
    ),
)
def test_text_dates_in_other_spellings_are_read(said: date, spelling: str) -> None:
    """Failure 8 in other spellings: 4月30号前, 2026-04-30前, 2026.4.30前 in a term's text
    were not read, so a contradiction with the deadline field was never flagged."""
    text = "于" + spelling.format(d=said) + "付清"
    assert list(text_dates(text, said, said.year)) == [said]


def _cn(n: int) -> str:
    """1–31 in Chinese numerals as agreements write them (十五, 二十, 三十一)."""
    digits = "〇一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def _cn_year(y: int) -> str:
    return "".join("〇一二三四五六七八九"[int(c)] for c in str(y))


@given(
    st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)),
    st.booleans(),
    st.sampled_from(["日前", "号前", "日之前", "日以前"]),
    st.integers(min_value=1, max_value=400),
)
def test_text_dates_in_words_are_read_and_contradictions_flagged(
    said: date, with_year: bool, ending: str, days_off: int
) -> None:
    """Issue 11 tester, left open: 四月三十日前 (and 二〇二六年…) were not read, so a text
    contradicting the deadline field went unflagged."""
    from datetime import timedelta

    from desktop.core.documents.term_checks import term_findings

    year = f"{_cn_year(said.year)}年" if with_year else ""
    text = f"于{year}{_cn(said.month)}月{_cn(said.day)}{ending}付清"
    assert list(text_dates(text, said, said.year)) == [said]
    other = said + timedelta(days=days_off)
    if with_year or other.year == said.year:
        values = {"content": text, "amount": None, "deadline": other}
        term = Record(id=1, case_id=1, kind="term", seq=1, values=values)
        found = list(term_findings(1, term, None, said.year))
        assert any("不一致" in msg for _, msg in found), (text, other)


@given(
    st.integers(min_value=2020, max_value=2035),
    st.integers(min_value=1, max_value=12),
    st.booleans(),
    st.sampled_from(["底前", "末前", "底之前", "末以前"]),
)
def test_a_months_end_means_its_last_day(year: int, month: int, words: bool, ending: str) -> None:
    import calendar

    last = date(year, month, calendar.monthrange(year, month)[1])
    shown = _cn(month) if words else str(month)
    text = f"于{year}年{shown}月{ending}付清"
    assert list(text_dates(text, last, year)) == [last]
    # Not a date at all: 每月底前 (a recurring duty) names no month.
    assert list(text_dates("每月底前支付", last, year)) == []


@given(st.text(alphabet="〇零一二三四五六七八九十廿卅年月日号底末前之以0123456789 ，", max_size=40))
def test_any_date_like_text_is_read_without_failing(text: str) -> None:
    """Impossible dates in words (〇〇〇〇年, 二月三十日, 十三月) are skipped, never an error."""
    for found in text_dates(text, None, 2026):
        assert isinstance(found, date)
