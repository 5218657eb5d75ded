"""Deadlines said the way people speak them, in a term's text (kind: spoken deadlines, read
relative to the agreement date): 本月底前, 下月底前, 下个月十五号前, 次月末以前, 年底前,
明年三月底前, 十日内, 两周之内, 一个月以内, 半个月内 were not read while 四月底前 and
二〇二六年四月三十日前 were, so a text contradicting the 履行期限 went unflagged by the 卷宗自查."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from party_cases import run_case

from desktop.core import documents as docs
from desktop.core.documents.term_checks import text_dates
from desktop.core.store import Store

CN = "〇一二三四五六七八九"


def cn(n: int) -> str:
    if n < 10:
        return CN[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN[tens]) + "十" + (CN[ones] if ones else "")


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def next_month(d: date) -> tuple[int, int]:
    return (d.year + d.month // 12, d.month % 12 + 1)


def months_later(d: date, n: int) -> date:
    index = d.year * 12 + d.month - 1 + n
    y, m = divmod(index, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


#: (words, the day they name for an agreement made on ``a``) — some need a day number ``n``.
SAYINGS: list[tuple[Callable[[int], str], Callable[[date, int], date | None]]] = [
    (lambda n: "本月底前", lambda a, n: month_end(a.year, a.month)),
    (lambda n: "当月末以前", lambda a, n: month_end(a.year, a.month)),
    (lambda n: "下月底前", lambda a, n: month_end(*next_month(a))),
    (lambda n: "下个月底之前", lambda a, n: month_end(*next_month(a))),
    (lambda n: "次月末前", lambda a, n: month_end(*next_month(a))),
    (lambda n: f"下个月{cn(n)}号前", lambda a, n: date(*next_month(a), n)),
    (lambda n: f"下月{n}日前", lambda a, n: date(*next_month(a), n)),
    (lambda n: f"本月{cn(n)}日前", lambda a, n: date(a.year, a.month, n)),
    (lambda n: "年底前", lambda a, n: date(a.year, 12, 31)),
    (lambda n: "今年年底前", lambda a, n: date(a.year, 12, 31)),
    (lambda n: "明年底前", lambda a, n: date(a.year + 1, 12, 31)),
    (lambda n: f"明年{cn(n % 12 + 1)}月底前", lambda a, n: month_end(a.year + 1, n % 12 + 1)),
    (lambda n: f"自协议签订之日起{cn(n)}日内", lambda a, n: a + timedelta(days=n)),
    (lambda n: f"{n}天之内", lambda a, n: a + timedelta(days=n)),
    (lambda n: "两周内", lambda a, n: a + timedelta(days=14)),
    (lambda n: "一个月以内", lambda a, n: months_later(a, 1)),
    (lambda n: f"{cn(n % 6 + 1)}个月内", lambda a, n: months_later(a, n % 6 + 1)),
    (lambda n: "半个月内", lambda a, n: a + timedelta(days=15)),
]


@given(
    agreed=st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)),
    saying=st.sampled_from(SAYINGS),
    n=st.integers(min_value=1, max_value=28),
    before=st.sampled_from(["于", "应在", "", "须于"]),
    after=st.sampled_from(["付清全部款项", "拆除围墙", "，逾期按日计付", ""]),
)
def test_a_spoken_deadline_is_read_from_the_agreement_date(
    agreed: date, saying: tuple, n: int, before: str, after: str
) -> None:
    words, meant = saying
    text = f"{before}{words(n)}{after}"
    assert list(text_dates(text, None, agreed.year, agreed)) == [meant(agreed, n)], text


def test_what_names_no_day_is_not_read() -> None:
    agreed = date(2026, 3, 6)
    for text in ("每月底前支付", "每月10日前付500元", "3个工作日内", "〇日内", "下月31日前"):
        assert list(text_dates(text, None, 2026, agreed)) == [], text
    # Without an agreement date a spoken deadline names nothing yet.
    assert list(text_dates("下月底前付清", None, 2026, None)) == []
    # A written date inside a spoken one is read once, as spoken.
    assert list(text_dates("明年三月底前", None, 2026, agreed)) == [date(2027, 3, 31)]


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    saying=st.sampled_from(SAYINGS),
    n=st.integers(min_value=1, max_value=28),
    off=st.integers(1, 90),
)
def test_the_self_check_flags_a_spoken_deadline_the_field_contradicts(
    store: Store, saying: tuple, n: int, off: int
) -> None:
    """Through the real 卷宗自查 of an agreed case: the field agreeing with the words is no
    finding; a 履行期限 ``off`` days later is flagged naming both days."""
    words, meant = saying
    cid = run_case(store, 2, outcome="agreed")
    agreed = store.cases.get(cid).agreement_on
    assert agreed is not None
    day = meant(agreed, n)
    term = store.records.list(cid, "term")[0]
    text = f"于{words(n)}付清"
    for deadline, flagged in ((day, False), (day + timedelta(days=off), True)):
        store.db.execute(
            "UPDATE terms SET content = ?, deadline = ? WHERE id = ?",
            [text, deadline.isoformat(), term.id],
        )
        found = [
            f.message for f in docs.self_check(store, cid) if "第1项条款文字中写的期限" in f.message
        ]
        assert bool(found) == flagged, (text, deadline, found)
        if flagged:
            assert f"{day.year}年{day.month}月{day.day}日" in found[0]
