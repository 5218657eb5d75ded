"""案号 never break over two lines in a printed table (``reports/pdf_cells``): the 以案定补 list
printed “（2026）星调调字第1” on one line and “2号” on the next. Over 案号 of any length the
product can make — any committee abbreviation (free text in settings), any 案号 format with
{year} {abbr} {seq}, sequence numbers up to five digits, and the own numbers of imported cases
— every 案号 of both tables of the PDF is found whole on one line of the printed page
(pdfium's text of the page: a wrapped 案号 is cut by a line break)."""

from __future__ import annotations

import pypdfium2 as pdfium
from hypothesis import example, given, settings
from hypothesis import strategies as st

from desktop.core.reports.claims import ClaimLine, ClaimList, load_rules
from desktop.core.reports.claims_output import claims_bytes
from desktop.core.reports.period import Month

ABBRS = st.text(
    alphabet=st.sampled_from("星光村新埭镇平湖市人民调解委员会东西南北ABCXYZ甲乙丙丁"),
    min_size=1,
    max_size=14,
)
FORMATS = st.sampled_from(
    [
        "（{year}）{abbr}调字第{seq}号",
        "({year}){abbr}调字第{seq}号",
        "{abbr}人调〔{year}〕{seq}号",
        "（{year}）{abbr}民调字第{seq:05d}号",
        "{year}-{abbr}-{seq}",
    ]
)
CASE_NOS = st.one_of(
    st.builds(
        lambda fmt, abbr, year, seq: fmt.format(year=year, abbr=abbr, seq=seq),
        FORMATS,
        ABBRS,
        st.integers(2000, 2100),
        st.integers(1, 99_999),
    ),
    # an imported register's own numbers (kept as they were written)
    st.text(alphabet=st.sampled_from("（）2026星调字第号-0123456789ABC"), min_size=4, max_size=40),
)


def _line(no: str, failed: tuple[str, ...]) -> ClaimLine:
    return ClaimLine(
        case_id=1,
        case_no=no,
        title="李琴与赵忠良人身损害赔偿纠纷",
        parties="李琴、赵忠良",
        agreement_on="2026-10-12",
        difficulty="一般",
        amount_band="1万元以下",
        people=2,
        subsidy_fen=20000,
        failed=failed,
    )


def _page_texts(pdf: bytes) -> str:
    doc = pdfium.PdfDocument(pdf)
    try:
        # pdfium reports a hyphen that ends a run of text on the page ("00A-" before the next
        # column) as U+FFFE, its mark for a word hyphenated at a line's end; the page prints "-".
        text = "\n".join(page.get_textpage().get_text_range() for page in doc)
        return text.replace("\ufffe", "-")
    finally:
        doc.close()


@given(
    qualifying=st.lists(CASE_NOS, min_size=1, max_size=4),
    refused=st.lists(CASE_NOS, max_size=3),
)
# Ends in a hyphen (found by a run of the suite).
@example(qualifying=["00A-"], refused=["（2000）丁丁丁丁丁丁丁丁丁丁丁丁丁民调字第00001号"])
@settings(max_examples=25, deadline=None)
def test_every_case_no_is_printed_on_one_line(qualifying: list[str], refused: list[str]) -> None:
    listing = ClaimList(
        month=Month.parse("2026-10"),
        committee="星光村人民调解委员会",
        qualifying=tuple(_line(no, ()) for no in qualifying),
        refused=tuple(_line(no, ("协议已履行",)) for no in refused),
        rules=load_rules().rules,
    )
    text = _page_texts(claims_bytes(listing, "pdf"))
    for no in {*qualifying, *refused}:
        assert no.strip() in text, (no, text[:400])
