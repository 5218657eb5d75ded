"""A committee known here only from its packages is printed with what its packages say (issue
10): the county's per-committee 月报 (PDF, Word, Excel) shows the village's 所属地区, not “—”;
an imported case's papers carry the village's name, not the county's that printed them. Through
the real export and import, with generated names and regions."""

from __future__ import annotations

import subprocess
import tempfile
from datetime import date, datetime
from pathlib import Path

from builders import FixedClock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.demo import generate
from desktop.core.documents.context import make_context
from desktop.core.exchange import export_period, import_packages
from desktop.core.reports import write_monthly
from desktop.core.reports.model import build_report
from desktop.core.reports.tables import header_pairs
from desktop.core.store import Store, open_store

CJK = st.text(
    alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=2, max_size=12
)


def pair(folder: Path, name: str, region: str) -> tuple[Store, Store, str]:
    clock = FixedClock(datetime(2026, 11, 1, 9, 0))
    v = open_store(folder / "v.sqlite", now=clock)
    v.settings.save_committee(name=name, level=2, abbr="星调", region=region)
    generate(v, 4, seed=9, until=date(2026, 10, 31))
    c = open_store(folder / "c.sqlite", now=clock)
    c.settings.save_committee(
        name="平湖市人民调解委员会", level=4, abbr="平调", region="浙江省平湖市"
    )
    import_packages(c, [export_period(v, folder / "a.zip", include_reports=False).path])
    return v, c, v.settings.committee().committee_id


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(village=CJK, region=CJK)
def test_the_county_prints_the_village_as_its_packages_describe_it(
    village: str, region: str
) -> None:
    name = f"{village}村人民调解委员会"
    with tempfile.TemporaryDirectory() as tmp:
        v, c, vid = pair(Path(tmp), name, region)
        report = build_report(c, "2026-10", committee_id=vid)
        assert dict(header_pairs(report))["所属地区"] == region
        assert report.committee_name == name
        # The county's own report keeps its own region.
        assert build_report(c, "2026-10").region == "浙江省平湖市"
        imported = c.db.execute("SELECT id FROM cases WHERE committee_id = ?", [vid]).fetchone()[0]
        assert make_context(c, imported).committee_name == name
        v.close()
        c.close()


def test_the_region_is_in_every_format_of_the_monthly_report(tmp_path: Path) -> None:
    region = "浙江省平湖市新埭镇"
    v, c, vid = pair(tmp_path, "星光村人民调解委员会", region)
    pdf = write_monthly(c, "2026-10", "pdf", tmp_path / "m.pdf", committee_id=vid, record=False)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert region in text and "星光村人民调解委员会" in text
    from docx import Document

    docx = write_monthly(c, "2026-10", "docx", tmp_path / "m.docx", committee_id=vid, record=False)
    words = "".join(
        cell.text for t in Document(str(docx)).tables for row in t.rows for cell in row.cells
    )
    words += "".join(p.text for p in Document(str(docx)).paragraphs)
    assert region in words
    from openpyxl import load_workbook

    xlsx = write_monthly(c, "2026-10", "xlsx", tmp_path / "m.xlsx", committee_id=vid, record=False)
    cells = [
        str(cell.value)
        for ws in load_workbook(xlsx, read_only=True).worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.value is not None
    ]
    assert any(region in value for value in cells)
