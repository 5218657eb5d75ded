"""Reading rendered documents back for the issue-11 tests: PDF pages as text (pdftotext
-layout), the .docx XML, and what counts as body text on a sealed page."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

from lxml import etree

from desktop.core.documents import model as m

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def pdf_pages(path: Path, layout: bool = True) -> list[str]:
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    text = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def body_windows(model: m.DocumentModel, size: int = 8) -> set[str]:
    """Every ``size``-character stretch of the document's body text (paragraphs, headings,
    terms, grid and table cells; not signer names, seal or date)."""
    texts: list[str] = []
    for b in model.blocks:
        if isinstance(b, m.Para | m.Heading):
            texts.append(b.text)
        elif isinstance(b, m.TermList):
            texts += list(b.items)
        elif isinstance(b, m.Grid):
            texts += [v for row in b.rows for pair in row for v in pair]
        elif isinstance(b, m.Table):
            texts += [x for row in b.rows for x in row]
    out: set[str] = set()
    for t in texts:
        t = squash(t)
        out.update(t[i : i + size] for i in range(max(1, len(t) - size + 1)) if len(t) >= size)
    return out


def has_body_text(page: str, windows: set[str], size: int = 8) -> bool:
    flat = squash(page)
    return any(flat[i : i + size] in windows for i in range(len(flat) - size + 1))


def docx_xml(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read("word/document.xml"))


def paragraph_text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(W + "t"))


def keeps_with_next(p: etree._Element) -> bool:
    ppr = p.find(W + "pPr")
    return ppr is not None and ppr.find(W + "keepNext") is not None
