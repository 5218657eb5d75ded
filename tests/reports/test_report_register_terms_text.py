"""The 协议内容 / 履行方式 cells of the 台账 (register_cells.terms_text, written for speed: a year
has 25,000 cases with terms) say what the rule says — each term numbered, its 履行人 and
amount in brackets when recorded (amount in yuan with two decimals, exactly: fen from zero to
beyond a billion yuan), its manner and deadline (“…前”) when recorded. The rule is stated
below as plainly as it was first written and compared for any terms."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.reports.register_cells import terms_text

TERMS = st.lists(
    st.tuples(
        st.text(max_size=12),
        st.sampled_from(["", "李秀英", "张建国、王五"]),
        st.one_of(st.none(), st.just(0), st.integers(1, 10**13)),
        st.sampled_from(["", "转账", "现金，当面交付"]),
        st.one_of(st.none(), st.just(""), st.dates(date(2020, 1, 1), date(2030, 12, 31)).map(str)),
    ),
    max_size=5,
)


def _plainly(terms: list) -> tuple[str, str]:  # the rule as first written
    content, manner = [], []
    for i, (text, obligor, amount, how, deadline) in enumerate(terms, start=1):
        extra = "，".join(
            x
            for x in (obligor and f"履行人{obligor}", amount and f"{Decimal(amount) / 100:.2f}元")
            if x
        )
        content.append(f"{i}. {text}" + (f"（{extra}）" if extra else ""))
        manner.append(f"{i}. " + "，".join(x for x in (how, deadline and f"{deadline}前") if x))
    return "\n".join(content), "\n".join(manner)


@given(terms=TERMS)
@settings(max_examples=200, deadline=None)
def test_terms_cells_say_what_the_rule_says(terms: list) -> None:
    assert terms_text(terms) == _plainly(terms)
