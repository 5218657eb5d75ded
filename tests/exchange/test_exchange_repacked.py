"""A package the clerk packed again in a way this program cannot read (issue 10 point 7:
"otherwise the message says to import the original package rather than a re-zipped one").

Zipped again with a password (WinRAR, 7-Zip, 360压缩 offer one), with a compression zipfile
lacks (7-Zip's Deflate64, Zstandard, xz, PPMd; WinZip's AES), or packed into a RAR, 7z or
gzip archive and named .zip, the package was refused as "不是完好的 zip 文件（可能没有复制
完整），请从导出的电脑重新复制一份": a false reason no copying mends.

Kind: a re-packed package told as a damaged copy. Through the real import, every such way of
packing again is refused naming it and asking for the original package, the receiving file
byte-identical; a really damaged copy keeps its own sentence."""

from __future__ import annotations

import hashlib
import io
import os
import struct
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from builders import FixedClock
from forge import members
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.demo import generate
from desktop.core.exchange import PackageError, export_period, import_packages
from desktop.core.store import open_store


@pytest.fixture(scope="module")
def village_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("village")
    clock = FixedClock(datetime(2026, 11, 3, 9, 0))
    with open_store(folder / "v.sqlite", now=clock) as v:
        v.settings.save_committee(name="星光村人民调解委员会", level=2, abbr="星调")
        generate(v, 3, seed=5, until=date(2026, 10, 31))
        return export_period(v, folder / "v.zip").path


def _zipped(files: dict[str, bytes], folder: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(folder + name, data)
    return buf.getvalue()


def _patched(data: bytes, which: set[str], flag: int = 0, method: int | None = None) -> bytes:
    """Set the encryption flag or the compression method of the members ``which`` in both
    their local header and central directory entry, as a re-packing tool writes them."""
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        infos = [i for i in zf.infolist() if i.filename.rsplit("/", 1)[-1] in which]
    for info in infos:
        at = info.header_offset
        struct.pack_into("<H", out, at + 6, struct.unpack_from("<H", out, at + 6)[0] | flag)
        if method is not None:
            struct.pack_into("<H", out, at + 8, method)
    pos = 0
    while (pos := out.find(b"PK\x01\x02", pos)) >= 0:
        n = struct.unpack_from("<H", out, pos + 28)[0]
        name = bytes(out[pos + 46 : pos + 46 + n]).decode("utf-8", "replace")
        if name.rsplit("/", 1)[-1] in which:
            struct.pack_into("<H", out, pos + 8, struct.unpack_from("<H", out, pos + 8)[0] | flag)
            if method is not None:
                struct.pack_into("<H", out, pos + 10, method)
        pos += 4
    return bytes(out)


_WAYS = st.one_of(
    st.tuples(st.just("password"), st.none()),
    st.tuples(st.just("method"), st.sampled_from([9, 93, 95, 97, 98, 99])),
    st.tuples(
        st.just("archive"),
        st.sampled_from(
            [b"Rar!\x1a\x07\x00", b"Rar!\x1a\x07\x01\x00", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b\x08"]
        ),
    ),
)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    way=_WAYS,
    which=st.sets(st.sampled_from(["cases.jsonl", "manifest.json", "台账.xlsx"]), min_size=1),
    folder=st.sampled_from(["", "星光村报送包/"]),
)
def test_a_package_packed_again_unreadably_asks_for_the_original(
    village_package: Path,
    tmp_path_factory: pytest.TempPathFactory,
    way: tuple[str, object],
    which: set[str],
    folder: str,
) -> None:
    tmp = tmp_path_factory.mktemp("repacked")
    original = _zipped(members(village_package), folder)
    kind, detail = way
    if kind == "password":
        data = _patched(original, which, flag=0x1)
    elif isinstance(detail, int):
        data = _patched(original, which, method=detail)
    else:
        assert isinstance(detail, bytes)
        data = detail + os.urandom(3000)
    package = tmp / "星光村报送包.zip"
    package.write_bytes(data)
    db = tmp / "county.sqlite"
    with open_store(db) as county:
        county.settings.save_committee(name="平湖市矛调中心", level=4, abbr="平")
    before = hashlib.sha256(db.read_bytes()).digest()
    with open_store(db) as county, pytest.raises(PackageError) as refused:
        import_packages(county, [package])
    text = str(refused.value)
    assert "请导入原来导出的报送包" in text and "复制完整" not in text, text
    assert "\n" not in text and text.endswith("整个包没有导入，数据库没有任何改动。"), text
    assert hashlib.sha256(db.read_bytes()).digest() == before


@pytest.mark.parametrize("cut", [100, 1000, -22, -1])
def test_a_damaged_copy_is_still_told_to_be_copied_again(
    village_package: Path, tmp_path: Path, cut: int
) -> None:
    package = tmp_path / "p.zip"
    package.write_bytes(village_package.read_bytes()[:cut])
    with open_store(tmp_path / "c.sqlite") as county, pytest.raises(PackageError) as refused:
        import_packages(county, [package])
    assert "复制完整" in str(refused.value) and "重新压缩" not in str(refused.value)
