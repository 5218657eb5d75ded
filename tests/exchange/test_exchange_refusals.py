"""Damaged, tampered, wrong-version and malicious packages are refused whole, and the database
file stays byte-for-byte the same."""

from __future__ import annotations

import hashlib
import json
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from builders import FixedClock
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey as Key
from forge import committee_key, members, reseal, write

from desktop.core.demo import generate
from desktop.core.exchange import PackageError, export_period, import_packages
from desktop.core.store import open_store

#: The village database of the current test (its key signs the malformed package).
GOOD_DB = Path()


@pytest.fixture
def good(tmp_path: Path, clock: FixedClock) -> Path:
    clock.set(datetime(2026, 11, 1).date())
    with open_store(tmp_path / "v.sqlite", now=clock) as v:
        v.settings.save_committee(name="星光村人民调解委员会", abbr="星调")
        generate(v, 8, seed=3, until=datetime(2026, 10, 31).date())
        return export_period(v, tmp_path / "good.zip").path


def tampered_cases(files: dict[str, bytes]) -> dict[str, bytes]:
    return {
        **files,
        "cases.jsonl": files["cases.jsonl"].replace("纠纷".encode(), "争议".encode(), 1),
    }


def wrong_version(files: dict[str, bytes]) -> dict[str, bytes]:
    m = json.loads(files["manifest.json"])
    m["format_version"] = 99
    return {**files, "manifest.json": json.dumps(m).encode()}


def malformed_line(files: dict[str, bytes], key: Key) -> dict[str, bytes]:
    bad = files["cases.jsonl"] + b'{"uuid": 5}\n'
    # Even hashed and signed with the committee's own key (a stolen laptop): the key pinned by
    # the good package just before does not decide, the line does.
    return reseal({**files, "cases.jsonl": bad}, key)


CASES = {
    "tampered": (tampered_cases, "校验值不符"),
    "missing member": (lambda f: {k: v for k, v in f.items() if k != "台账.xlsx"}, "找不到"),
    "no manifest": (lambda f: {k: v for k, v in f.items() if k != "manifest.json"}, "缺少清单"),
    "extra member": (lambda f: {**f, "readme.txt": b"hello"}, "清单中没有的文件"),
    "traversal": (lambda f: {**f, "../evil.txt": b"x"}, "不安全的路径"),
    "absolute": (lambda f: {**f, "/etc/evil": b"x"}, "不安全的路径"),
    "wrong version": (wrong_version, "格式版本 99"),
    "malformed": (lambda f: malformed_line(f, committee_key(GOOD_DB)), "第 9 行"),
    "bad manifest json": (lambda f: {**f, "manifest.json": b"{not json"}, "manifest.json 格式错误"),
}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_bad_package_refused_and_db_unchanged(
    tmp_path: Path, good: Path, clock: FixedClock, kind: str
) -> None:
    mutate, words = CASES[kind]
    global GOOD_DB
    GOOD_DB = good.parent / "v.sqlite"
    bad = write(tmp_path / f"{kind}.zip", mutate(members(good)))
    county_path = tmp_path / "county.sqlite"
    with open_store(county_path, now=clock) as county:
        county.settings.save_committee(name="县中心", level=4, abbr="县")
    before = hashlib.sha256(county_path.read_bytes()).hexdigest()
    with open_store(county_path, now=clock) as county:
        with pytest.raises(PackageError, match=words) as err:
            import_packages(county, [good, bad])  # the good one is not imported either
        assert "数据库没有任何改动" in err.value.message
        assert county.cases.count() == 0
    assert hashlib.sha256(county_path.read_bytes()).hexdigest() == before


def test_zip_bomb_and_garbage_refused(tmp_path: Path, good: Path, clock: FixedClock) -> None:
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", b"{}")
        zf.writestr("cases.jsonl", b"\0" * (50 * 1024 * 1024))
    garbage = tmp_path / "garbage.zip"
    garbage.write_bytes(b"PK\x03\x04 not really a zip")
    with open_store(tmp_path / "c.sqlite", now=clock) as county:
        with pytest.raises(PackageError, match="恶意压缩包"):
            import_packages(county, [bomb])
        with pytest.raises(PackageError, match="不是完好的 zip"):
            import_packages(county, [garbage])
        with pytest.raises(PackageError, match="找不到导入包"):
            import_packages(county, [tmp_path / "nothing.zip"])
