"""Every run of every Word document names its East Asian font, in tables, headers and footers
too, and no style keeps a theme font that would override it (Word and WPS on Chinese
Windows would otherwise pick their own)."""

from __future__ import annotations

from pathlib import Path

from doc_cases import big_case
from docx import Document
from docx.oxml.ns import qn

from desktop.core import documents as docs
from desktop.core.store import Store

THEMES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def test_every_run_has_an_east_asian_font_and_no_theme_font(store: Store, tmp_path: Path) -> None:
    case_id = big_case(store)
    for form in ("agreement", "registration", "mediation_record"):
        path = tmp_path / f"{form}.docx"
        docs.generate(store, case_id, form, "docx", path)
        d = Document(str(path))
        parts = [d.element.body, *(x._element for s in d.sections for x in (s.header, s.footer))]
        runs = [
            r
            for part in parts
            for r in part.iter(qn("w:r"))
            if "".join(t.text or "" for t in r.iter(qn("w:t"))).strip()
        ]
        assert len(runs) > 20
        for r in runs:
            fonts = r.find(qn("w:rPr")).find(qn("w:rFonts"))
            assert fonts.get(qn("w:eastAsia")) in ("宋体", "黑体"), form
        for fonts in d.styles.element.iter(qn("w:rFonts")):
            assert not any(fonts.get(qn(a)) for a in THEMES), form
        table_text = "".join(c.text for t in d.tables for row in t.rows for c in row.cells)
        if form == "agreement":
            assert "法定代表人赵六签名" in table_text and "按指印" in table_text
