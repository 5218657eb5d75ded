"""Issue 11, new documents: 不予受理告知书, the prefilled joint 司法确认申请书, blank forms of
every form (PDF and Word) and several cases' documents at once — read from the rendered files."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from paper_read import docx_xml, paragraph_text, pdf_pages, squash
from party_cases import intake, parties, run_case

from desktop.core import documents as docs
from desktop.core.documents.blank import blank_forms, build_blank
from desktop.core.documents.model import Title
from desktop.core.store import Store, open_store


def _text(path: Path) -> str:
    return squash("".join(pdf_pages(path, layout=False)))


def test_non_acceptance_notice_gives_the_reason_and_the_routes(
    store: Store, tmp_path: Path
) -> None:
    case = store.cases.create(intake(3, not_pending=False), parties(3))
    assert "non_acceptance" in [f.id for f in docs.forms_for_case(store.cases.detail(case.id))]
    path = tmp_path / "n.pdf"
    docs.generate(store, case.id, "不予受理告知书", "pdf", path)
    text = _text(path)
    assert "已经被人民法院、公安机关或者其他行政机关受理或者解决" in text
    assert "本委员会不予受理" in text and "向人民法院提起诉讼" in text
    assert "送达回执" in text
    assert text.split("送达回执")[1].count("按指印") >= 3
    accepted = run_case(store, 2, outcome="accepted")
    assert "non_acceptance" not in [f.id for f in docs.forms_for_case(store.cases.detail(accepted))]


def test_judicial_application_is_prefilled_for_every_party(store: Store, tmp_path: Path) -> None:
    cid = run_case(store, 5, outcome="agreed")
    path = tmp_path / "j.pdf"
    docs.generate(store, cid, "司法确认申请书", "pdf", path)
    text = _text(path)
    case = store.cases.get(cid)
    assert squash(case.case_no) in text and "2026年3月6日" in text
    for p in store.records.parties(cid):
        assert f"申请人：{p.name}" in text
    assert "三十日内共同申请司法确认" in text and "人民法院" in text
    oral = run_case(store, 2, outcome="oral")
    assert "judicial_application" not in [
        f.id for f in docs.forms_for_case(store.cases.detail(oral))
    ]


def test_every_blank_form_prints_in_both_formats(store: Store, tmp_path: Path) -> None:
    """Blank forms for field use: the committee's name, the form's title, room for every
    party's signature, no case data and no stray placeholder text."""
    for form in blank_forms():
        model = build_blank(store, form, parties=4)
        pdf = tmp_path / f"{form}.pdf"
        docs.RENDERERS["pdf"].save(model, pdf)
        text = _text(pdf)
        title = next(b.text for b in model.blocks if isinstance(b, Title))
        assert squash(title) in text and "星光村人民调解委员会" in text
        assert "None" not in text and "{" not in text
        out = tmp_path / f"{form}.docx"
        docs.RENDERERS["docx"].save(model, out)
        words = "".join(paragraph_text(p) for p in docx_xml(out.read_bytes()).iter())
        assert "None" not in words


def test_blank_and_batch_from_the_command_line(tmp_path: Path) -> None:
    from desktop.cli.main import cli

    db = tmp_path / "c.sqlite"
    s = open_store(db, actor="王调解")
    s.settings.save_committee(name="星光村人民调解委员会", level=2, abbr="星调")
    s.settings.add_mediator("王调解")
    nos = [s.cases.get(run_case(s, n, outcome="agreed")).case_no for n in (2, 4, 13)]
    s.close()
    base = ["--db", str(db), "--as", "王调解"]
    r = CliRunner().invoke(cli, [*base, "blank", "全部", "-o", str(tmp_path / "b.pdf")])
    assert r.exit_code == 0, r.output
    assert len(pdf_pages(tmp_path / "b.pdf")) >= len(blank_forms())
    out = tmp_path / "batch"
    r = CliRunner().invoke(cli, [*base, "render-batch", "协议书", *nos, "-o", str(out)])
    assert r.exit_code == 0, r.output
    files = sorted(out.glob("*.pdf"))
    assert len(files) == 3
    for no in nos:
        assert any(squash(no) in _text(f) for f in files)
    r = CliRunner().invoke(
        cli, [*base, "render-batch", "协议书", nos[0], "（2026）无此号", "-o", str(tmp_path / "x")]
    )
    assert r.exit_code != 0 and not list((tmp_path / "x").glob("*.pdf"))
