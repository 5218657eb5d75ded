"""Page layout of the printed papers: a seal or a signature block never stands alone on a page
(it could be stapled to another document), the cover and back cover of the bound 卷宗 carry no
running header or page number, and an organisation's block names its legal representative."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from builders import run_to_agreement
from doc_cases import big_case

from desktop.core import documents as docs
from desktop.core.store import Store

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")


def pages(path: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [re.sub(r"\s+", "", p) for p in text.split("\f")[:-1]]


def test_seal_and_first_signer_never_alone(store: Store, tmp_path: Path) -> None:
    for case_id in (run_to_agreement(store), big_case(store)):
        path = tmp_path / f"卷宗{case_id}.pdf"
        docs.generate_dossier(store, case_id, path)
        for n, page in enumerate(pages(path), start=1):
            if "（印章）" in page:
                # the seal travels with at least the last signer of its form
                assert "签名：" in page, f"page {n}: a seal alone"
            body = re.sub(r"第\d+页共\d+页|本协议一式.份", "", page)
            if body.lstrip().startswith(("申请人：", "被申请人：")) and "签名：" in body[:40]:
                pytest.fail(f"page {n} starts with a bare signature block")


def test_agreement_text_runs_onto_the_signature_page(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "协议书.pdf"
    docs.generate(store, run_to_agreement(store), "agreement", "pdf", path)
    first_signer_page = next(p for p in pages(path) if "签名：按指印" in p)
    assert "本协议一式三份" in first_signer_page.replace("本协议一式三份本协议", "本协议")


def test_cover_and_back_cover_are_plain_pages(store: Store, tmp_path: Path) -> None:
    case_id = run_to_agreement(store)
    path = tmp_path / "卷宗.pdf"
    docs.generate_dossier(store, case_id, path)
    all_pages = pages(path)
    case_no = re.sub(r"\s+", "", store.cases.get(case_id).case_no)
    assert "调解卷宗" in all_pages[0] and "页共" not in all_pages[0]
    assert (
        "本卷共" in all_pages[-1]
        and "页共" not in all_pages[-1]
        and "星光村人民调解委员会" + case_no not in all_pages[-1]
    )
    assert f"第2页共{len(all_pages)}页" in all_pages[1]  # the contents page is still counted


def test_organisation_block_names_its_legal_representative(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "协议书.pdf"
    docs.generate(store, big_case(store), "agreement", "pdf", path)
    assert "法定代表人赵六签名：" in "".join(pages(path))
