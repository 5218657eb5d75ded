"""A file written and then recorded in the case file, when the case file's disk is full (the
output goes to a USB stick with room). Kind: the file is written, recording it fails, and the
mediator was told "刚才的修改没有保存" beside a file that looks finished. Now a package (报送包,
移交包) is deleted and the sentence says it was NOT exported; a document or 月报 stays and the
sentence says it was written but not registered. Every sentence names the files, has no
English, and the case file keeps what it had."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
import small_disk
from builders import applicant, intake, respondent

from desktop.core.documents.output import generate
from desktop.core.errors import StoreError
from desktop.core.exchange.export import export_period
from desktop.core.exchange.handoff import hand_over
from desktop.core.reports import write_monthly
from desktop.core.store import Store, open_store

#: A 6 MB file system of the test's own (tests/small_disk.py).
mount = small_disk.mount


def _fill_disk(folder: Path) -> None:
    with open(folder / "ballast", "wb", buffering=0) as fh:
        for size in (65536, 4096, 512, 1):
            try:
                while True:
                    fh.write(b"\0" * size)
            except OSError:
                pass


def _no_latin(text: str, *allowed: str) -> bool:
    for word in allowed:
        text = text.replace(word, "")
    return not any("a" <= ch.lower() <= "z" for ch in text)


def _store(mount: Path) -> Store:
    s = open_store(mount / "committee.sqlite", now=lambda: datetime(2026, 10, 20, 9))
    s.settings.save_committee(name="星光村人民调解委员会", level=2, region="", abbr="星调")
    s.settings.add_mediator("王调解")
    with s.bulk():
        for _ in range(3):
            s.cases.create(intake(), [applicant(), respondent()])
    return s


PACKAGES = {
    # The default export records how far it reached (a month package records nothing since
    # issue 10's numbered packages: it does not move where the next default export starts).
    "export": lambda s, out: export_period(s, out / "报送包.zip"),
    "handoff": lambda s, out: hand_over(s, 1, out, "涉及镇里的土地，需镇调委会处理"),
}
FILES = {
    "document": lambda s, out: generate(s, 1, "受理登记表", "pdf", out / "登记表.pdf"),
    "monthly": lambda s, out: write_monthly(s, "2026-10", "pdf", out / "月报.pdf"),
}


@pytest.mark.parametrize("kind", sorted(PACKAGES))
def test_a_package_is_not_left_when_its_record_cannot_be_written(
    mount: Path, tmp_path: Path, kind: str
) -> None:
    s = _store(mount)
    out = tmp_path / "U盘"
    out.mkdir()
    try:
        level = s.cases.get(1).level_now
        _fill_disk(mount)
        with pytest.raises(StoreError) as info:
            PACKAGES[kind](s, out)
        message = info.value.message
        assert "磁盘已满" in message and "没有导出" in message and "committee.sqlite" in message
        assert _no_latin(message, "committee.sqlite", ".zip"), message
        assert list(out.iterdir()) == []  # no package that looks finished
        (mount / "ballast").unlink()
        assert s.cases.count() == 3 and s.cases.get(1).level_now == level
    finally:
        s.close()


@pytest.mark.parametrize("kind", sorted(FILES))
def test_a_written_file_whose_record_fails_is_said_to_be_written(
    mount: Path, tmp_path: Path, kind: str
) -> None:
    s = _store(mount)
    out = tmp_path / "U盘"
    out.mkdir()
    try:
        _fill_disk(mount)
        with pytest.raises(StoreError) as info:
            FILES[kind](s, out)
        message = info.value.message
        (written,) = list(out.iterdir())
        assert written.read_bytes().startswith(b"%PDF")
        assert "已经写好" in message and written.name in message and "committee.sqlite" in message
        assert _no_latin(message, "committee.sqlite", ".pdf"), message
        (mount / "ballast").unlink()
        assert not s.files.documents(1 if kind == "document" else None)
    finally:
        s.close()
