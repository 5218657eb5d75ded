"""An import leaves no reference cycles behind. The cyclic garbage collector is paused for a
whole import (collector.py: 50 packages × 1,000 cases), so whatever a line's work leaves in a
cycle stays in memory until the import ends. Kind: memory that grows with the lines while the
collector is paused — mask_line's recursive closure was a cycle per call, and every line of a
masked package compared with the full one already here (masked and full packages alternating:
the same revisions) made two (about 3 KB a line: 150 MB for 50,000 lines, against a 300 MB
target). Generated sequences of full and masked packages, with edits between, imported inline
and in the reading process: each import leaves no cyclic garbage at all."""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from builders import FixedClock, on_day
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.demo import generate
from desktop.core.exchange import export_period, import_packages, reading
from desktop.core.exchange.masking import mask_line
from desktop.core.exchange.verify import PackageError
from desktop.core.store import open_store

NOW = datetime(2026, 10, 31, 9, 0)


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """星光村's cases as full and masked packages of the same revisions ("1", "1*"), then
    after edits to some of them ("2", "2*")."""
    folder = tmp_path_factory.mktemp("cycles")
    clock = FixedClock(NOW)
    out: dict[str, Path] = {}
    with open_store(folder / "v.sqlite", now=clock) as v:
        v.settings.save_committee(name="星光村人民调解委员会", level=2, abbr="星调")
        generate(v, 12, seed=4, until=date(2026, 10, 31))
        for n in ("1", "2"):
            if n == "2":
                on_day(v, "2026-11-02")
                for case in v.cases.list(limit=4):
                    v.records.add(
                        case.id,
                        "receipt",
                        {"received_on": "2026-11-02", "description": "收条", "amount": "5"},
                    )
            for mark, masked in (("", False), ("*", True)):
                path = folder / f"{n}{'m' if masked else ''}.zip"
                out[n + mark] = export_period(
                    v, path, include_reports=False, masked=masked, everything=True
                ).path
    return out


def _cyclic_garbage_of(call: Callable[[], object]) -> Counter[str]:
    """The objects left in reference cycles by ``call()``, by type."""
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        call()
        gc.collect()
        return Counter(type(o).__name__ for o in gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    order=st.lists(st.sampled_from(["1", "1*", "2", "2*"]), min_size=2, max_size=4),
    in_child=st.booleans(),
)
def test_an_import_leaves_no_reference_cycles(
    packages: dict[str, Path],
    tmp_path_factory: pytest.TempPathFactory,
    order: list[str],
    in_child: bool,
) -> None:
    folder = tmp_path_factory.mktemp("t")
    with (
        open_store(folder / "t.sqlite", now=FixedClock(NOW + timedelta(days=10))) as t,
        pytest.MonkeyPatch.context() as mp,
    ):
        t.settings.save_committee(name="新埭镇人民调解委员会", level=3, abbr="新调")
        if in_child:
            mp.setattr(reading, "INLINE_BELOW", 0)
        for name in order:
            path = packages[name]
            left = _cyclic_garbage_of(lambda: import_packages(t, [path]))  # noqa: B023 (called now)
            assert not left, (name, left)


def test_masking_a_line_leaves_no_reference_cycle(packages: dict[str, Path]) -> None:
    from desktop.core.exchange.verify import open_package

    lines = open_package(packages["1"]).cases
    assert any(line["parties"] for line in lines)
    assert not _cyclic_garbage_of(lambda: [mask_line(line) for line in lines])


def test_the_collector_is_paused_only_for_the_import(
    packages: dict[str, Path], tmp_path: Path
) -> None:
    """Back on after an import however it ends (a refusal too), and the reading processes'
    start leaves this process's collector alone: it was turned off there for good, on by
    luck only because import_packages turned it back on around it."""
    assert gc.isenabled()
    try:
        with reading.Reader(0, children=1) as reader:
            assert reader.children == 1
        assert gc.isenabled()
    finally:
        gc.enable()  # the tests after this one run as they should, whatever it found
    with open_store(tmp_path / "t.sqlite", now=FixedClock(NOW + timedelta(days=10))) as t:
        t.settings.save_committee(name="新埭镇人民调解委员会", level=3, abbr="新调")
        import_packages(t, [packages["1"]])
        assert gc.isenabled()
        broken = tmp_path / "broken.zip"
        broken.write_bytes(packages["2"].read_bytes()[:-100])
        with pytest.raises(PackageError):
            import_packages(t, [broken])
        assert gc.isenabled()
