"""A package re-zipped by an old Windows tool: member names with backslashes as folder
separators (``报送包\\cases.jsonl``), stored as GBK without the UTF-8 flag or as UTF-8, inside
one folder or none. Read like the original (they were refused as “不安全的路径”); a
backslash that climbs out (``..\\x``) is still refused, the receiving file unchanged."""

from __future__ import annotations

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
from desktop.core.store import Store, open_store


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("winzip")
    with open_store(tmp / "v.sqlite", now=FixedClock(datetime(2026, 11, 1, 9, 0))) as v:
        v.settings.save_committee(name="星光村人民调解委员会", level=2, abbr="星调")
        generate(v, 3, seed=3, until=date(2026, 10, 31))
        return export_period(v, tmp / "a.zip", include_reports=True).path


def _rezip(files: dict[str, bytes], path: Path, names: dict[str, str], gbk: bool) -> Path:
    encode = getattr(zipfile.ZipInfo, "_encodeFilenameFlags")  # noqa: B009
    if gbk:  # what Chinese Windows writes: GBK bytes, no UTF-8 flag
        setattr(  # noqa: B010
            zipfile.ZipInfo,
            "_encodeFilenameFlags",
            lambda self: (self.filename.encode("gbk"), self.flag_bits & ~0x800),
        )
    try:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in files.items():
                zf.writestr(zipfile.ZipInfo(names.get(name, name)), data)
    finally:
        setattr(zipfile.ZipInfo, "_encodeFilenameFlags", encode)  # noqa: B010
    return path


def _town(folder: Path) -> Store:
    s = open_store(folder / "t.sqlite", now=FixedClock(datetime(2026, 11, 2, 9, 0)))
    s.settings.save_committee(name="新埭镇人民调解委员会", level=3, abbr="新调")
    return s


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    folder=st.sampled_from(["", "报送包", "星光村11月"]),
    separator=st.sampled_from(["\\", "/"]),
    gbk=st.booleans(),
)
def test_a_windows_rezip_with_backslashes_is_read(
    package: Path, tmp_path_factory: pytest.TempPathFactory, folder: str, separator: str, gbk: bool
) -> None:
    tmp = tmp_path_factory.mktemp("w")
    files = members(package)
    names = {n: f"{folder}{separator}{n}" if folder else n for n in files}
    rezipped = _rezip(files, tmp / "re.zip", names, gbk)
    with _town(tmp) as t:
        assert len(import_packages(t, [rezipped])[0].added) == 3
    climbing = _rezip({**files, "x": b"x"}, tmp / "up.zip", {"x": "..\\x"}, gbk)
    before = (tmp / "t.sqlite").read_bytes()
    with open_store(tmp / "t.sqlite") as t, pytest.raises(PackageError, match="不安全的路径"):
        import_packages(t, [climbing])
    assert (tmp / "t.sqlite").read_bytes() == before
