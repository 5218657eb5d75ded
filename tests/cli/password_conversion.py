"""What the tests of an interrupted ``wusong password set / remove`` share: a plain case file
with one case, the command's arguments, the code of the conversion (whose lines the tests
interrupt), and the check that the sentence told is the file on disk."""

from __future__ import annotations

from pathlib import Path
from types import FrameType

from builders import applicant, intake, respondent

from desktop.core.store import open_store

PASSWORD = "Mima12345678"
CONVERSION = tuple(
    f"/desktop/core/{name}.py"
    for name in ("store/password", "store/protection", "store/keyfile", "fsutil", "store/backups")
)


def in_conversion(frame: FrameType) -> bool:
    """A frame running the conversion's code (the lines the tests interrupt)."""
    return frame.f_code.co_filename.endswith(CONVERSION)


def encrypted(path: Path) -> bool:
    return not path.read_bytes()[:16].startswith(b"SQLite format 3\x00")


def plain_file(folder: Path) -> Path:
    db = folder / "星光村.sqlite"
    with open_store(db, actor="王调解") as s:
        s.settings.save_committee(name="星光村人民调解委员会", level=2, abbr="星调")
        s.settings.add_mediator("王调解")
        s.cases.create(intake(title="相邻排水纠纷"), [applicant(), respondent()])
    return db


def password_args(db: Path, what: str) -> list[str]:
    sheet = db.with_name("恢复单.pdf")
    return ["--db", str(db), "password", what, *(["--sheet", str(sheet)] if what == "set" else [])]


def told_as_the_file_is(db: Path, what: str, code: int, said: str) -> None:
    """``wusong password <what>`` ended with ``code`` and stderr's ``said``: the sentence says
    the password is set / not set / still there / removed exactly as the file on disk is, and
    the file opens as the sentence says."""
    if code == 0:
        assert encrypted(db) == (what == "set")
        return
    assert "Traceback" not in said and said.endswith("。"), said
    name = db.name
    marker = db.with_name(db.name + ".转换未完成").exists()
    if what == "set" and encrypted(db):
        assert f"案件库 {name} 已经设好了密码" in said, said
    elif what == "set":
        assert "已经设好了密码" not in said, said
        assert not marker or f"案件库 {name} 还没有设上密码" in said, said
    elif encrypted(db):
        assert "已经取消" not in said, said
        assert not marker or f"案件库 {name} 的密码还在" in said, said
    else:
        assert f"案件库 {name} 的密码已经取消" in said, said
    assert ".key" not in said and "转换未完成" not in said, said
    # The next open settles the rest, the password as the sentence said.
    with open_store(db, password=PASSWORD if encrypted(db) else None, readonly=True) as s:
        assert s.cases.search("相邻排水")
