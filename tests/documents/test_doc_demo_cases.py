"""Demo cases of every outcome (succeeded, terminated, handed over, still open): each applicable
form renders in both formats, and the whole 卷宗 names every party and the case number."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from builders import FixedClock
from docx import Document

from desktop.core import demo
from desktop.core import documents as docs
from desktop.core.store import Store

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_every_applicable_form_of_demo_cases(
    store: Store, clock: FixedClock, tmp_path: Path
) -> None:
    clock.set(date(2026, 6, 30))  # the demo records nothing after today
    demo.generate(store, 40, seed=7, until=date(2026, 6, 30))
    # One case of each outcome, plus one that was handed over yet succeeded one level up.
    picked: dict[object, int] = {}
    for c in store.cases.list(limit=100):
        key = (c.status, bool(store.cases.detail(c.id).escalations))
        picked.setdefault(key, c.id)
    statuses = set()
    for case_id in picked.values():
        detail = store.cases.detail(case_id)
        statuses.add(detail.case.status)
        forms = docs.forms_for_case(detail)
        assert {"cover", "registration", "rights_notice", "back_cover"} <= {f.id for f in forms}
        for info in forms:
            word = tmp_path / f"{case_id}-{info.id}.docx"
            docs.generate(store, case_id, info.id, "docx", word)
            assert Document(str(word)).paragraphs
        path = tmp_path / f"{case_id}.pdf"
        docs.generate_dossier(store, case_id, path)
        text = squash(
            subprocess.run(
                ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
            ).stdout
        )
        assert squash(detail.case.case_no) in text
        for p in detail.parties:
            assert squash(p.name) in text, p.name
        fonts = subprocess.run(
            ["pdffonts", str(path)], capture_output=True, text=True, check=True
        ).stdout
        assert all(re.search(r"\byes\s+yes\s+yes\b", line) for line in fonts.splitlines()[2:])
    assert len(statuses) >= 3  # succeeded, failed, terminated or handed over
