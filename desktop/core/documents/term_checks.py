"""The 卷宗评查 checks of agreement terms and dates: what an inspector reading the terms would
reject, and only that.

Amounts: a term's text may give a breakdown and a total (每户支付500元，共计6,000元; 张三1,000元，
李四2,000元，王五3,000元). The amount field is the term's total, so it must equal the stated
total (共计/合计/总计), or — without one — one of the figures or their sum; a figure per unit
(每户500元, 各赔偿1000元, 按月支付500元, 500元/月) alone cannot be checked and is not flagged;
角 and 分 belong to the figure (500元5角).

Dates (人民调解法 第29条 履行期限; 若干规定 第36条 回访): a deadline before the agreement date, a
return visit before it, and a date in the term's text (…4月30日前) that contradicts the
deadline field (the text date in figures, in words, as a month's end, or spoken relative to the
agreement date: 下月底前, 年底前, 十日内)."""

from __future__ import annotations

import calendar
import contextlib
import re
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from desktop.core.models import Record
from desktop.core.validation.dates import format_cn_date

# A per-unit figure is written 每户500元, 各赔偿1000元 (each of several), 按月支付500元, or
# 500元/月 (500元每月); 角 and 分 after 元 are part of the figure (500元5角).
_FIGURE = re.compile(
    r"(?P<lead>共计|合计|总计|总共|总额|共|计|每[^\d，。；,;]{0,4}|各[^\d，。；,;]{0,4}"
    r"|按[月年季天日周期次亩人户][^\d，。；,;]{0,4})?\s*(?:人民币)?\s*"
    r"(?P<fig>\d[\d,，]*(?:\.\d{1,2})?)\s*(?P<wan>万)?\s*元"
    r"(?:\s*(?P<jiao>\d)\s*角)?(?:\s*(?P<fen>\d)\s*分)?"
    r"(?P<per>\s*[/／每]\s*[月年季天日周期次亩人户])?"
)
_PER_UNIT = ("每", "各", "按")
# 2026年4月30日前, 4月30号前, and the figures-only spellings 2026-04-30前, 2026.4.30前, 2026/4/30前.
_TEXT_DATE = re.compile(
    r"(?:(?:(?P<y>\d{4})\s*年\s*)?(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]"
    r"|(?P<y2>\d{4})\s*(?P<sep>[-./／－．])\s*(?P<m2>\d{1,2})\s*(?P=sep)\s*(?P<d2>\d{1,2}))"
    r"\s*(?:之前|以前|前)"
)
TOTAL_WORDS = ("共计", "合计", "总计", "总共", "总额", "共", "计")


def _fen(figure: str, wan: bool) -> int | None:
    try:
        yuan = Decimal(figure.replace(",", "").replace("，", ""))
    except InvalidOperation:
        return None
    return int(yuan * (10000 if wan else 1) * 100)


def amount_problem(content: str, amount: int | None) -> str | None:
    """Why the figures in ``content`` contradict ``amount`` (fen), or None when they agree
    (or cannot be checked)."""
    if amount is None:
        return None
    totals: list[tuple[str, int]] = []
    plain: list[tuple[str, int]] = []
    for m in _FIGURE.finditer(content):
        fen = _fen(m["fig"], bool(m["wan"]))
        if fen is None:
            continue
        fen += int(m["jiao"] or 0) * 10 + int(m["fen"] or 0)
        shown = m["fig"] + ("万" if m["wan"] else "")
        lead = m["lead"] or ""
        if m["per"]:
            continue  # 500元/月: per unit, cannot be checked
        if lead in TOTAL_WORDS:
            totals.append((shown, fen))
        elif not lead.startswith(_PER_UNIT):
            plain.append((shown, fen))
    if totals:
        if any(fen == amount for _, fen in totals):
            return None
        return f"文字中的合计 {totals[-1][0]} 元"
    if not plain or any(fen == amount for _, fen in plain):
        return None
    if sum(fen for _, fen in plain) == amount:
        return None
    shown = "、".join(s for s, _ in plain)
    return f"文字中的金额 {shown} 元"


# The same in words, as agreements are often written: 二〇二六年四月三十日前, 四月三十号前, and
# the end of a month: 4月底前, 四月末以前 (the month's last day).
_NUM = "〇零一二三四五六七八九十廿卅"
_WORD_DATE = re.compile(
    rf"(?:(?P<y>\d{{4}}|[〇零一二三四五六七八九]{{4}})\s*年\s*)?"
    rf"(?P<m>\d{{1,2}}|[{_NUM}]{{1,3}})\s*月\s*"
    rf"(?:(?P<d>\d{{1,2}}|[{_NUM}]{{1,3}})\s*[日号]|(?P<end>底|末))"
    r"\s*(?:之前|以前|前)"
)
_DIGIT = {ch: i for i, ch in enumerate("〇一二三四五六七八九")} | {"零": 0}


def cn_number(text: str) -> int | None:
    """1–99 written in Chinese numerals (十五, 二十, 三十一, 廿五, 卅) or Arabic digits; a year
    written digit by digit (二〇二六) too. None when it is not a number."""
    if text.isdigit():
        return int(text)
    text = text.replace("廿", "二十").replace("卅", "三十")
    if "十" not in text:
        if not text or any(ch not in _DIGIT for ch in text):
            return None
        return int("".join(str(_DIGIT[ch]) for ch in text))
    tens, _, ones = text.partition("十")
    if (tens and tens not in _DIGIT) or (ones and ones not in _DIGIT) or "十" in ones:
        return None
    return (_DIGIT[tens] if tens else 1) * 10 + (_DIGIT[ones] if ones else 0)


def text_dates(
    content: str, deadline: date | None, year: int, agreed: date | None = None
) -> Iterator[date]:
    """Dates the text gives as a deadline (…前) — in figures, in words (四月三十日前) or as a
    month's end (4月底前: its last day) — the year taken from the deadline (or ``year``)
    when the text omits it; and, counted from the agreement date ``agreed``, the deadlines
    people speak (本月底前, 下月十五号前, 年底前, 十日内: :func:`spoken_dates`). Impossible
    dates are skipped. In the order the text says them."""
    spoken = list(spoken_dates(content, agreed))
    found: list[tuple[int, date]] = [(start, day) for start, _end, day in spoken]

    def inside_spoken(at: int) -> bool:  # 明年三月底前 is not also 三月底前 of this year
        return any(start <= at < end for start, end, _day in spoken)

    for m in _TEXT_DATE.finditer(content):
        if m["y2"]:
            y, month, day = int(m["y2"]), int(m["m2"]), int(m["d2"])
        else:
            y = int(m["y"]) if m["y"] else (deadline.year if deadline else year)
            month, day = int(m["m"]), int(m["d"])
        if inside_spoken(m.start()):
            continue
        with contextlib.suppress(ValueError):
            found.append((m.start(), date(y, month, day)))
    taken = {start for start, _ in found}
    for m in _WORD_DATE.finditer(content):
        if m["m"].isdigit() and (m["d"] or "").isdigit():
            continue  # all figures: read above
        in_year = cn_number(m["y"]) if m["y"] else (deadline.year if deadline else year)
        in_month = cn_number(m["m"])
        if in_year is None or in_month is None or not 1 <= in_month <= 12:
            continue
        if m.start() in taken or inside_spoken(m.start()):
            continue
        with contextlib.suppress(ValueError):  # a year 〇〇〇〇 or a day 三十 of 二月
            last = calendar.monthrange(in_year, in_month)[1]
            in_day = cn_number(m["d"]) if m["d"] else last
            if in_day is not None:
                found.append((m.start(), date(in_year, in_month, in_day)))
    yield from (d for _, d in sorted(found))


# Deadlines said the way people speak them, counted from the agreement's date: 本月底前,
# 下个月十五号前, 次月末以前, 年底前, 明年三月底前, 十日内, 两周之内, 一个月以内, 半个月内. A
# recurring duty (每月底前, 每月10日前) names no day and is not read.
_DAY = rf"\d{{1,2}}|[{_NUM}]{{1,3}}"
_BEFORE = r"\s*(?:之前|以前|前)"
_SPOKEN = re.compile(
    rf"(?<!每)(?P<which>本|当|这个|这|下个|下|次)\s*月\s*"
    rf"(?:(?P<d>{_DAY})\s*[日号]|(?P<end>底|末)){_BEFORE}"
    rf"|(?P<year>\d{{4}}|[〇零一二三四五六七八九]{{4}}|今|本|当|明|次)?\s*年\s*"
    rf"(?:(?P<ym>{_DAY})\s*月\s*)?(?:(?P<yd>{_DAY})\s*[日号]|底|末){_BEFORE}"
    rf"|(?<![\d{_NUM}两半])(?P<n>\d{{1,3}}|[{_NUM}两]{{1,3}}|半)\s*(?P<unit>个月|个星期|星期|周|日|天)\s*"
    r"(?:之内|以内|内)"
)
_UNIT_DAYS = {"日": 1, "天": 1, "周": 7, "星期": 7, "个星期": 7}


def _months_later(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it has no such day)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _month_day(year: int, month: int, day_text: str | None) -> date:
    """Day ``day_text`` of the month (its last day when None). Raises ValueError when there
    is no such day."""
    last = calendar.monthrange(year, month)[1]
    day = cn_number(day_text) if day_text else last
    if day is None:
        raise ValueError(day_text)
    return date(year, month, day)


def _spoken(m: re.Match[str], agreed: date) -> date | None:
    """The day a spoken deadline names, counted from the agreement date ``agreed``; None when
    it names none (a year 年底 of an unreadable year, 〇日内). Raises ValueError for a day that
    does not exist (下月三十一日 of a short month)."""
    if m["which"]:
        first = _months_later(
            agreed.replace(day=1), 0 if m["which"] in ("本", "当", "这个", "这") else 1
        )
        return _month_day(first.year, first.month, m["d"])
    if m["unit"]:
        count = 0.5 if m["n"] == "半" else cn_number(m["n"].replace("两", "二"))
        if not count:
            return None
        if m["unit"] == "个月":
            return (
                agreed + timedelta(days=15) if count == 0.5 else _months_later(agreed, int(count))
            )
        return agreed + timedelta(days=int(count * _UNIT_DAYS[m["unit"]]))
    said = m["year"] or "本"
    year = {"今": agreed.year, "本": agreed.year, "当": agreed.year}.get(said)
    if year is None:
        year = agreed.year + 1 if said in ("明", "次") else cn_number(said)
    if year is None:
        return None
    if m["ym"] is None:
        if m["yd"]:
            return None  # 年15日前 names no month
        return date(year, 12, 31)
    month = cn_number(m["ym"])
    if month is None or not 1 <= month <= 12:
        return None
    return _month_day(year, month, m["yd"])


def spoken_dates(content: str, agreed: date | None) -> Iterator[tuple[int, int, date]]:
    """(start, end, day) of each deadline ``content`` says relative to the agreement (本月底前,
    下月十五号前, 年底前, 明年三月底前, 十日内 …) or as a year's end (2026年底前), counted from
    ``agreed``; none without it."""
    if agreed is None:
        return
    for m in _SPOKEN.finditer(content):
        written = m["year"] is not None and len(m["year"]) == 4
        if written and m["ym"] is not None:
            continue  # 二〇二六年四月底前: a written date, read with the others in text_dates
        with contextlib.suppress(ValueError, OverflowError):
            day = _spoken(m, agreed)
            if day is not None:
                yield m.start(), m.end(), day


def term_findings(
    i: int, t: Record, agreement_on: date | None, year: int
) -> Iterator[tuple[str, str]]:
    """(severity, message) pairs for term ``i``: amount and date contradictions."""
    content = t.get("content") or ""
    problem = amount_problem(content, t.get("amount"))
    if problem:
        yield "错误", f"第{i}项条款{problem}与所填金额不一致，请核对。"
    deadline = t.get("deadline")
    if deadline and agreement_on and deadline < agreement_on:
        yield (
            "错误",
            f"第{i}项条款的履行期限 {format_cn_date(deadline)} 早于协议日期 "
            f"{format_cn_date(agreement_on)}，请核对。",
        )
    for said in text_dates(content, deadline, year, agreement_on):
        if deadline and said != deadline:
            yield (
                "错误",
                f"第{i}项条款文字中写的期限 {format_cn_date(said)} 与所填履行期限 "
                f"{format_cn_date(deadline)} 不一致，请核对。",
            )
