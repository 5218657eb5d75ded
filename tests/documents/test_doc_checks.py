"""The 卷宗评查 self-check, the capitals of amounts, the LibreOffice round trip and the CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from builders import run_to_agreement
from click.testing import CliRunner
from doc_cases import big_case

from desktop.core import documents as docs
from desktop.core.fonts import font_path
from desktop.core.store import Store


def messages(store: Store, case_id: int) -> list[str]:
    return [f"{f.severity}:{f.message}" for f in docs.self_check(store, case_id)]


def test_clean_case_has_no_errors(store: Store) -> None:
    case_id = run_to_agreement(store)
    assert not [m for m in messages(store, case_id) if m.startswith("错误")]


def test_self_check_finds_what_an_inspection_would_reject(store: Store) -> None:
    case_id = run_to_agreement(store)
    term = store.records.list(case_id, "term")[0]
    store.records.update(
        "term", term.id, {"content": "李秀英支付补偿款 500 元（订金另计）", "amount": "300"}
    )
    party = store.records.parties(case_id)[0]
    # U+31350 (Extension H) is in no bundled font; 𠮷 (Extension B) prints from the fallback.
    store.records.update_party(party.id, {"name": "张\U00031350𠮷"})
    found = messages(store, case_id)
    assert any("金额 500 元与所填金额不一致" in m for m in found)
    assert any(m.startswith("错误") and "\U00031350" in m and "打印不出来" in m for m in found)
    assert not any("𠮷" in m for m in found)
    assert any(m.startswith("提醒") and "订金" in m for m in found)


def test_term_without_deadline_or_manner(store: Store) -> None:
    case_id = run_to_agreement(store)
    # The store refuses such a term, so the check guards data made by older versions too.
    store.db.execute(
        "UPDATE terms SET manner = '', deadline = NULL WHERE case_id = ? AND seq = 2", [case_id]
    )
    found = messages(store, case_id)
    assert (
        "错误:第2项协议条款没有履行期限（持续义务除外）。" in found
        and "错误:第2项协议条款没有履行方式。" in found
    )


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice missing")
def test_libreoffice_reads_our_agreement_docx(store: Store, tmp_path: Path) -> None:
    """Real Word-format clients must read our files: convert with LibreOffice, find the texts."""
    case_id = big_case(store)
    docx = tmp_path / "协议书.docx"
    docs.generate(store, case_id, "agreement", "docx", docx)
    home = tmp_path / "home"
    (home / ".local/share/fonts").mkdir(parents=True)
    for name in ("NotoSerifSC", "NotoSansSC-Bold"):
        shutil.copy(font_path(name), home / ".local/share/fonts")
    (home / ".config/fontconfig").mkdir(parents=True)
    (home / ".config/fontconfig/fonts.conf").write_text(
        "<fontconfig><dir>~/.local/share/fonts</dir>"
        '<alias binding="same"><family>宋体</family>'
        "<prefer><family>Noto Serif SC</family></prefer></alias>"
        '<alias binding="same"><family>黑体</family>'
        "<prefer><family>Noto Sans SC</family></prefer></alias>"
        "</fontconfig>",
        encoding="utf-8",
    )
    env = {**os.environ, "HOME": str(home)}
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
        env=env,
        capture_output=True,
        timeout=180,
        check=True,
    )
    text = (
        subprocess.run(
            ["pdftotext", str(tmp_path / "协议书.pdf"), "-"],
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.replace(" ", "")
        .replace("\n", "")
    )
    for needle in (
        "人民调解协议书",
        "王秀英",
        "沈<b>&美琴",
        "第20项约定",
        "本协议一式六份",
        "按指印",
    ):
        assert needle in text, needle


def test_cli_render_agreement_and_dossier(store: Store, tmp_path: Path) -> None:
    from desktop.cli.main import cli

    case_id = run_to_agreement(store)
    case_no = store.cases.get(case_id).case_no
    db = str(store.path)
    store.close()
    out = tmp_path / "协议.pdf"
    result = CliRunner().invoke(cli, ["--db", db, "render", case_no, "协议书", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF") and "已生成" in result.stdout
    result = CliRunner().invoke(
        cli, ["--db", db, "render", case_no, "卷宗", "-o", str(tmp_path / "卷宗.pdf")]
    )
    assert result.exit_code == 0 and (tmp_path / "卷宗.pdf").exists()
    result = CliRunner().invoke(
        cli,
        ["--db", db, "render", case_no, "卷宗", "--format", "docx", "-o", str(tmp_path / "j.docx")],
    )
    assert result.exit_code != 0 and "只能生成 PDF" in result.stderr
    result = CliRunner().invoke(
        cli, ["--db", db, "render", case_no, "回访记录", "-o", str(tmp_path / "h.pdf")]
    )
    assert result.exit_code == 1 and "还没有回访记录" in result.stderr
