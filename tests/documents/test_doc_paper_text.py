"""Issue 11, text kinds: user text joined to template text never doubles punctuation (every
form and the case banner), and any text — control characters, lone surrogates, markup
characters — reaches every writer (PDF, Word, Excel, CSV, JSON) safely. Generated text."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from paper_read import pdf_pages, squash
from party_cases import run_case

from desktop.core import documents as docs
from desktop.core.documents import model as m
from desktop.core.documents.docx import write_docx
from desktop.core.documents.pdf import write_pdf
from desktop.core.errors import ValidationError
from desktop.core.plaintext import clause, one_line, printable, sentence
from desktop.core.store import Store

FINAL = st.sampled_from(["", "。", "！", "；", "，", "。。", "…", ".", "。\n", " ", "：", "、"])
REASON = st.tuples(
    st.sampled_from(
        ["被申请人明确表示不再接受调解", "涉及宅基地权属，需镇里协调化解", "双方分歧较大"]
    ),
    FINAL,
).map("".join)
#: A template's own punctuation right after user text: doubled if the user's stays.
DOUBLED = re.compile(r"[。！；，：、.…][，。；]")

ANY_TEXT = st.text(
    alphabet=st.characters(exclude_categories=["Cs"])
    | st.sampled_from(list("\x0b\x0c\x00\x1b\ufffe\u2028<&>")),
    min_size=1,
    max_size=40,
)
SETTINGS = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@SETTINGS
@given(reason=REASON)
def test_termination_and_transfer_never_double_punctuation(
    store: Store, tmp_path: Path, reason: str
) -> None:
    """Failure 5: a reason typed with a final 。 gave …化解。，现移交… and …调解。，本委员会决定终止
    调解. Generated reasons with any final punctuation, in the rendered 移交单 and 终止告知书."""
    esc = run_case(store, 2, outcome="accepted")
    store.flow.complete_step(esc)
    store.flow.escalate(esc, 3, reason, "2026-03-05")
    end = run_case(store, 2, outcome="accepted")
    store.flow.terminate(end, reason, ["向人民法院提起诉讼"], "2026-03-05")
    for cid, form in ((esc, "transfer"), (end, "termination_notice")):
        path = tmp_path / f"{form}.pdf"
        docs.generate(store, cid, form, "pdf", path)
        text = squash("".join(pdf_pages(path, layout=False)))
        core = squash(clause(reason))
        assert core in text
        after = text[text.index(core) + len(core) : text.index(core) + len(core) + 2]
        assert not DOUBLED.match(after), (reason, after)


@given(ANY_TEXT)
@settings(max_examples=300, deadline=None)
def test_printable_is_xml_safe_and_idempotent(text: str) -> None:
    out = printable(text)
    assert printable(out) == out
    etree.fromstring(f"<a>{json.dumps(out)[1:-1] and ''}</a>")
    # every character XML 1.0 allows, no controls but tab and newline
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", out)
    el = etree.Element("a")
    el.text = out  # lxml refuses what XML cannot hold
    assert clause(out) == clause(clause(out))
    assert sentence(out) in ("", sentence(sentence(out)))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT, ANY_TEXT)
def test_any_text_renders_in_pdf_and_word(text: str, name: str) -> None:
    """Failure 13: a \\x0b pasted into the facts made every Word document fail (All strings
    must be XML compatible). Arbitrary text as facts, party name, heading and cell: both
    writers produce a file, and the words come out."""
    model = m.DocumentModel(
        "x",
        "x",
        (
            m.Title(name),
            m.Heading(text),
            m.Para(text),
            m.Grid(((("当事人", name),),)),
            m.Signatures((m.Signer("申请人", name),), date_text=text),
            m.Seal(name, text),
        ),
        header=name,
    )
    buf = io.BytesIO()
    write_pdf(model, buf)
    assert buf.getvalue().startswith(b"%PDF")
    out = io.BytesIO()
    write_docx(model, out)
    with zipfile.ZipFile(out) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    etree.fromstring(xml.encode("utf-8"))
    visible = [ch for ch in printable(text) if ch.isalnum() and ord(ch) < 0x10000]
    if visible:
        assert visible[0] in xml


@pytest.mark.parametrize("junk", ["\x0b", "\x0c", "\x00", "\x1b[31m", "\ud800", "\ufffe"])
def test_pasted_controls_reach_every_writer(store: Store, tmp_path: Path, junk: str) -> None:
    """The same kind through the store and every output: facts, a party name and a session
    record with a control character; every form in PDF and Word, the 台账 in Excel and CSV
    and the exchange package (JSON) are written and readable."""
    from desktop.core.exchange import export_period
    from desktop.core.reports.register import register_csv_bytes, register_xlsx_bytes

    cid = run_case(
        store, 3, outcome="visited", facts=f"第一行{junk}第二行。", first_name=f"王{junk}秀英"
    )
    detail = store.cases.detail(cid)
    assert "第一行" in detail.case.facts and junk not in detail.case.facts
    for form in [f.id for f in docs.forms_for_case(detail)] + ["dossier"]:
        for fmt in ("pdf", "docx"):
            if form == "dossier" and fmt == "docx":
                continue
            docs.generate(store, cid, form, fmt, tmp_path / f"{form}.{fmt}")
    xlsx = register_xlsx_bytes(store)
    with zipfile.ZipFile(io.BytesIO(xlsx)) as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                etree.fromstring(z.read(name))
    csv_text = register_csv_bytes(store).decode("utf-8-sig")
    assert one_line(f"王{junk}秀英") in csv_text and junk[0] not in csv_text
    export_period(store, tmp_path / "pkg.zip")
    with zipfile.ZipFile(tmp_path / "pkg.zip") as z:
        names = z.namelist()
        assert any(n.endswith((".json", ".jsonl")) for n in names)
        for name in names:
            if name.endswith(".json"):
                json.loads(z.read(name).decode("utf-8"))
            elif name.endswith(".jsonl"):
                data = z.read(name).decode("utf-8")
                assert [json.loads(line) for line in data.splitlines() if line.strip()]


#: Invisible format characters a paste brings: BOM, zero-width space/joiner, bidi marks,
#: word joiner, soft hyphen, tag characters. All of Unicode category Cf.
FORMAT_CHARS = st.characters(categories=["Cf"])


@SETTINGS
@given(junk=st.lists(FORMAT_CHARS, min_size=1, max_size=3).map("".join))
def test_invisible_format_characters_never_block_or_reverse_a_document(
    store: Store, tmp_path: Path, junk: str
) -> None:
    """A name pasted with a BOM (\\ufeff王秀英), a zero-width space or a right-to-left
    override made `render` refuse: "这些字打印不出来：" followed by a character nobody can
    see; in Word the override would reverse the name. Generated Cf characters in a party name
    and the facts: the agreement renders (refusing unprintable text) in PDF and Word, the name
    prints whole, and neither file carries the invisible characters."""
    import unicodedata

    cid = run_case(
        store, 2, outcome="visited", facts=f"事实{junk}经过。", first_name=f"{junk}王{junk}秀英"
    )
    for fmt in ("pdf", "docx"):
        path = tmp_path / f"agreement.{fmt}"
        docs.generate(store, cid, "agreement", fmt, path, refuse_unprintable=True)
        if fmt == "pdf":
            text = "".join(pdf_pages(path, layout=False))
        else:
            with zipfile.ZipFile(path) as z:
                text = z.read("word/document.xml").decode("utf-8")
        assert "王秀英" in text
        assert not [ch for ch in text if unicodedata.category(ch) == "Cf"], fmt


def test_refusal_names_an_invisible_character_by_its_code(store: Store, tmp_path: Path) -> None:
    """A private-use character has no shape: the refusal names it as U+E000, not as a blank."""
    cid = run_case(store, 2, outcome="visited", first_name="孙\ue000")
    with pytest.raises(ValidationError) as e:
        docs.generate(store, cid, "agreement", "pdf", tmp_path / "a.pdf", refuse_unprintable=True)
    assert "U+E000" in str(e.value) and "\ue000" not in str(e.value)
