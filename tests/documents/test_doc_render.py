"""Every form renders in both formats for demanding cases: texts found by pdftotext, fonts
embedded (pdffonts), the .docx reopened with East Asian fonts set, page counts right, user
text printed as typed, and the whole 卷宗 in binding order."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from doc_cases import PEOPLE, big_case
from docx import Document
from docx.oxml.ns import qn

from desktop.core import documents as docs
from desktop.core.store import Store
from desktop.core.validation.money import capital_amount

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]


def assert_fonts_embedded(path: Path) -> None:
    lines = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert lines, "no fonts at all"
    for line in lines:
        assert re.search(r"\byes\s+yes\s+yes\b", line), line


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def case_id(store: Store) -> int:
    return big_case(store)


def test_agreement_pdf_has_everything(store: Store, case_id: int, tmp_path: Path) -> None:
    path = tmp_path / "协议书.pdf"
    doc = docs.generate(store, case_id, "agreement", "pdf", path)
    text = squash(pdf_text(path))
    case = store.cases.get(case_id)
    assert squash(case.case_no) in text
    for name, _ in PEOPLE:
        assert name in text  # "<b>&" printed as typed, not swallowed as markup
    assert "平湖市新埭建材有限公司" in text and "法定代表人" in text
    for i in range(1, 21):
        assert f"第{i}项约定：被申请人修复排水沟第{i}段" in text
    assert squash(capital_amount(10050)) in text  # term 1: 100.50 yuan
    assert "本协议一式六份" in text and "三十日内共同向人民法院申请司法确认" in text
    boxes = text.count("按指印") - text.count("盖章或按指印")  # not the effect clause's words
    assert boxes == 4 and "（单位盖章）" in text  # a box per person
    pages = pdf_pages(path)
    assert pages >= 3 and f"共{pages}页" in text and f"第{pages}页" in text
    assert_fonts_embedded(path)
    assert doc.sha256 and store.files.documents(case_id)[-1].form == "agreement"


@pytest.mark.parametrize("form", [f for f in docs.FORMS if f not in ("contents",)])
def test_every_form_in_both_formats(store: Store, case_id: int, tmp_path: Path, form: str) -> None:
    if form == "oral_agreement":
        store.cases.update(case_id, {"agreement_form": "口头协议"})
    if form in ("return_visit", "file_note"):
        store.records.add(
            case_id,
            "return_visit",
            {
                "visited_on": "2026-04-25",
                "visitor": "王调解",
                "visited_party": "王秀英",
                "performance": "已履行",
                "satisfaction": "满意",
                "notes": "排水沟已修复。",
            },
        )
        store.cases.update(
            case_id,
            {
                "judicial_confirmation": "未申请",
                "closing_note": "协议已履行。",
                "closed_on": "2026-04-25",
            },
        )
        store.flow.complete_step(case_id)
    if form == "termination_notice":
        other = store.cases.create(
            {"accepted_on": "2026-03-02", "category": "02", "title": "终止测试"},
            [
                {"role": "申请人", "kind": "自然人", "name": "甲某"},
                {"role": "被申请人", "kind": "自然人", "name": "乙某"},
            ],
        )
        store.flow.terminate(other.id, "被申请人拒绝调解", ["向人民法院提起诉讼"], "2026-03-03")
        target = other.id
    elif form == "transfer":  # handed up before any agreement: a settled case is not (engine)
        target = store.cases.create(
            {"accepted_on": "2026-03-02", "category": "02", "title": "移交测试"},
            [
                {"role": "申请人", "kind": "自然人", "name": "甲某"},
                {"role": "被申请人", "kind": "自然人", "name": "乙某"},
            ],
        ).id
        store.flow.escalate(target, 3, "需镇调委会协调", "2026-03-06")
    elif form == "non_acceptance":  # a case whose acceptability check was answered 否
        target = store.cases.create(
            {"accepted_on": "2026-03-02", "category": "02", "title": "不受理", "no_refusal": False},
            [{"role": "申请人", "kind": "自然人", "name": "甲某"}],
        ).id
    else:
        target = case_id
    pdf, word = tmp_path / f"{form}.pdf", tmp_path / f"{form}.docx"
    docs.generate(store, target, form, "pdf", pdf)
    docs.generate(store, target, form, "docx", word)
    assert_fonts_embedded(pdf)
    name = docs.FORMS[form].name
    text = squash(pdf_text(pdf))
    if form not in ("back_cover",):
        assert (
            squash(name.replace("人民调解", "")) in text or squash(name) in text or form == "cover"
        )
    reopened = Document(str(word))
    body = "".join(p.text for p in reopened.paragraphs) + "".join(
        c.text for t in reopened.tables for r in t.rows for c in r.cells
    )
    assert squash(body)  # not empty
    for run in (r for p in reopened.paragraphs for r in p.runs if r.text.strip()):
        properties = run._element.rPr
        fonts = properties.rFonts if properties is not None else None
        assert fonts is not None and fonts.get(qn("w:eastAsia")) in ("宋体", "黑体"), run.text
    section = reopened.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297


def test_docx_agreement_holds_the_same_texts(store: Store, case_id: int, tmp_path: Path) -> None:
    path = tmp_path / "协议书.docx"
    docs.generate(store, case_id, "agreement", "docx", path)
    d = Document(str(path))
    body = squash(
        "".join(p.text for p in d.paragraphs)
        + "".join(c.text for t in d.tables for r in t.rows for c in r.cells)
    )
    for name, _ in PEOPLE:
        assert name in body
    for i in range(1, 21):
        assert f"第{i}项约定" in body
    assert "本协议一式六份" in body and squash(capital_amount(10050)) in body


def test_dossier_in_binding_order_with_right_page_numbers(
    store: Store, case_id: int, tmp_path: Path
) -> None:
    path = tmp_path / "卷宗.pdf"
    docs.generate_dossier(store, case_id, path)
    text = pdf_text(path)
    order = [
        "调解卷宗",
        "卷内目录",
        "人民调解申请书",
        "人民调解受理登记表",
        "权利义务告知书",
        "人民调解调查记录",
        "人民调解记录",
        "人民调解协议书",
    ]
    flat = squash(text)
    positions = [flat.index(squash(t)) for t in order]
    assert positions == sorted(positions)
    pages = pdf_pages(path)
    assert f"共{pages}页" in flat
    # The contents say on which page the agreement starts; that page shows the agreement title.
    row = re.search(r"人民调解协议书\s+(\d+)(?:-(\d+))?", text)
    assert row is not None
    start = int(row.group(1))
    page_text = subprocess.run(
        ["pdftotext", "-f", str(start), "-l", str(start), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "人民调解协议书" in squash(page_text)
    assert_fonts_embedded(path)


def test_signature_blocks_are_kept_whole() -> None:
    from reportlab.platypus import KeepTogether

    from desktop.core.documents import model as m
    from desktop.core.documents.pdf import _styles, story

    model = m.DocumentModel(
        "x", "x", (m.Signatures((m.Signer("申请人", "甲"), m.Signer("被申请人", "乙"))),)
    )
    flow = story(model, _styles())
    # the whole signature area is one group (issue 11: it travels with the text before it)
    assert [type(f) for f in flow] == [KeepTogether]


def test_unknown_form_and_format_are_refused(store: Store, case_id: int, tmp_path: Path) -> None:
    from desktop.core.errors import ValidationError

    with pytest.raises(ValidationError, match="没有“证明书”这种文书"):
        docs.generate(store, case_id, "证明书", "pdf", tmp_path / "x.pdf")
    with pytest.raises(ValidationError, match="pdf 或 docx"):
        docs.generate(store, case_id, "agreement", "odt", tmp_path / "x.odt")
    with pytest.raises(ValidationError, match="还没有回访记录"):
        docs.generate(store, case_id, "回访记录", "pdf", tmp_path / "x.pdf")
    assert not list(tmp_path.glob("x.*"))  # nothing half-written left behind
