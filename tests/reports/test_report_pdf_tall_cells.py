"""A printed table's row never needs more than a page (``reports/pdf_cells.bounded_cell``):
reportlab cannot break a row over two pages, and the whole 以案定补 PDF was not made
(LayoutError, the CLI's last-resort sentence) for a wage-arrears case of 200 workers listed as
applicants, or a very long 纠纷名称 or reason. A cell too tall is cut where it still fits and
says so on paper; every case is still listed with its 案号 and subsidy."""

from __future__ import annotations

import pypdfium2 as pdfium
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.reports.claims import ClaimLine, ClaimList, load_rules
from desktop.core.reports.claims_output import claims_bytes
from desktop.core.reports.pdf_cells import CUT_MARK
from desktop.core.reports.period import Month

SURNAMES = "欧阳王李张刘陈买提阿不都·热合曼"
# Any length up to 5,000 characters: hypothesis draws the length, the text is cycled from a
# sample of what such cells hold (Chinese, Latin, digits, punctuation, XML specials, control).
LONG_TEXT = st.builds(
    lambda sample, n: (sample * n)[:n],
    st.text(
        alphabet=st.sampled_from("纠纷赔偿合同房屋土地工资ABCxyz0123456789、，。 &<>\x01"),
        min_size=1,
        max_size=20,
    ),
    st.integers(1, 5000),
)


def _line(n: int, parties: str, title: str, why: str = "") -> ClaimLine:
    return ClaimLine(
        case_id=n,
        case_no=f"（2026）星调调字第{n}号",
        title=title,
        parties=parties,
        agreement_on="2026-10-12",
        difficulty="一般",
        amount_band="1万元以下",
        people=2,
        subsidy_fen=10000,
        failed=("协议已履行",) if why else (),
        why=why,
    )


def _text(pdf: bytes) -> str:
    doc = pdfium.PdfDocument(pdf)
    try:
        return "".join(page.get_textpage().get_text_range() for page in doc)
    finally:
        doc.close()


@given(
    workers=st.integers(1, 400).map(
        lambda n: [f"{SURNAMES[i % len(SURNAMES)]}{SURNAMES[i // 3 % 7]}{i}" for i in range(n)]
    ),
    title=LONG_TEXT,
    why=LONG_TEXT,
)
@settings(max_examples=12, deadline=None)
def test_a_case_with_any_number_of_parties_or_any_long_text_still_prints(
    workers: list[str], title: str, why: str
) -> None:
    parties = "、".join(workers)
    listing = ClaimList(
        month=Month.parse("2026-10"),
        committee="星光村人民调解委员会",
        qualifying=(_line(1, parties, title), _line(2, "李琴、赵忠良", "邻里纠纷")),
        refused=(_line(3, parties, title, why),),
        rules=load_rules().rules,
    )
    text = _text(claims_bytes(listing, "pdf")).replace("\r", "").replace("\n", "")
    for n in (1, 2, 3):
        assert f"（2026）星调调字第{n}号" in text
    assert "李琴、赵忠良" in text
    assert workers[0] in text
    if len(parties) > 2000:  # more than half a page of a 45 mm column: cut, and said so
        assert CUT_MARK in text
