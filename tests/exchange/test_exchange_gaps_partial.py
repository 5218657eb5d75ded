"""What the county is told about a committee's missing packages stays true when a late package
fills only PART of a gap, and when an old package of format 2 (no range, only where it ended)
arrives before or after the numbered ones (issue 10, exchange format 3).

Two faults of one kind — the coverage told something untrue: (a) packages 1 and 5 imported,
then 3: the county was told "第 2 至 4 个包已经补齐" and, in the same breath, that 2 and 4
were missing; (b) an old format-2 package that ended before package 1 began was taken as
complete up to the first numbered package, hiding the changes in between (and the same
package arriving after the numbered ones hid a gap already told). Through the real export,
format-2 package (re-signed with the committee's own key, as the old program signed it) and
import."""

from __future__ import annotations

import json
import re
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from builders import FixedClock
from forge import committee_key, members, reseal, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from village_packages import numbered_packages

from desktop.core.exchange import import_packages
from desktop.core.exchange.coverage import open_gaps
from desktop.core.store import open_store

K = 5


def _numbers(pattern: str, text: str) -> set[int]:
    found: set[int] = set()
    for a, b in re.findall(pattern, text):
        found |= set(range(int(a), int(b or a) + 1))
    return found


def missing(text: str) -> set[int]:
    return _numbers(r"(?:之间的|此前的)第 (\d+)(?: 至 (\d+))? 个包没有导入", text)


def closed(text: str) -> set[int]:
    return _numbers(r"此前缺少的第 (\d+)(?: 至 (\d+))? 个包已经补齐", text)


def _old_format(path: Path, target: Path, key_db: Path, change_seq: int) -> Path:
    """Package ``path`` as the program before format 3 wrote it: no range, no number."""
    files = members(path)
    m = json.loads(files["manifest.json"])
    for key in ("since_seq", "package_no", "committee_region"):
        m.pop(key, None)
    files = {**files, "manifest.json": json.dumps(m, ensure_ascii=False).encode()}
    resealed = reseal(files, committee_key(key_db), format_version=2, change_seq=change_seq)
    return write(target, resealed)


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("partial")
    clock = FixedClock(datetime(2026, 11, 1, 9, 0, 0))
    found = numbered_packages(folder, clock, K, cases=5, seed=7, amount="100")
    end_of_1 = json.loads(members(found["1"])["manifest.json"])["change_seq"]
    # The old program's package covering what package 1 covers, and one that ended earlier.
    found["old-whole"] = _old_format(found["1"], folder / "old1.zip", folder / "v.sqlite", end_of_1)
    found["old-short"] = _old_format(
        found["1"], folder / "old0.zip", folder / "v.sqlite", end_of_1 - 1
    )
    return found


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    batches=st.lists(
        st.lists(
            st.sampled_from([*map(str, range(1, K + 1)), "old-whole", "old-short"]),
            min_size=1,
            max_size=3,
        ),
        min_size=1,
        max_size=4,
    )
)
def test_what_is_told_missing_or_closed_is_true_after_every_import(
    made: dict[str, Path], tmp_path_factory: pytest.TempPathFactory, batches: list[list[str]]
) -> None:
    county = tmp_path_factory.mktemp("county") / "c.sqlite"
    shutil.copy(made["county"], county)
    numbered: set[int] = set()  # numbered packages imported
    whole_old = False  # the old package that covers what package 1 covers
    any_old = False
    was: set[int] = set()
    with open_store(county, now=FixedClock(datetime(2026, 11, 2, 9, 0, 0))) as c:
        for batch in batches:
            told = "".join(r.summary() for r in import_packages(c, [made[n] for n in batch]))
            numbered |= {int(n) for n in batch if n.isdigit()}
            whole_old = whole_old or "old-whole" in batch
            any_old = any_old or any(n.startswith("old") for n in batch)
            covered = numbered | ({1} if whole_old else set())
            # Only numbered packages are checked; old ones only say where they ended.
            top = max(numbered, default=0)
            expected = {n for n in range(1, top) if n not in covered}
            # Each run of missing packages is one sentence; it names the numbers unless an
            # old package (no number) is all that came before it.
            runs = [n for n in sorted(expected) if n - 1 not in expected]
            named = set()
            for start in runs:
                if (start == 1 and not any_old) or start - 1 in numbered:
                    n = start
                    while n in expected:
                        named.add(n)
                        n += 1
            assert missing(told) == named, told
            assert told.count("没有导入") == len(runs), told
            assert not (closed(told) & expected), told
            assert closed(told) <= was, told
            was = expected
        assert bool(open_gaps(c)) == bool(was)
