"""A hand-off package is continued only by the level it was handed to (issue 10: "packages only
ever change cases of the committee that signed them (or a handoff addressed to the receiver)";
"one dispute, one count").

The county refused a village's hand-off addressed above it, but took one addressed BELOW it: a
village's 移交包 to the township, carried to the county on the same USB stick as the village's
period package, became a new case of the county while the township continued the same dispute
— and once the township's package arrived, the county's total counted that dispute twice (its
own continuation and the township's), in either order.

Kind: a hand-off continued by a committee it was not handed to. Through the real export and
import: every pair of levels; refused in one sentence naming both levels and who should import
it, the receiving file byte-identical; the county's total then counts the dispute once."""

from __future__ import annotations

import hashlib
import tempfile
from datetime import datetime
from pathlib import Path

import pytest
from builders import FixedClock, applicant, intake, respondent
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.exchange import PackageError, export_handoff, export_period, import_packages
from desktop.core.reports.statistics import compute
from desktop.core.store import Store, open_store

NAMES = {1: "三组网格", 2: "星光村人民调解委员会", 3: "新埭镇人民调解委员会", 4: "平湖市矛调中心"}
ABBR = {1: "网", 2: "星调", 3: "新调", 4: "平"}


def _committee(folder: Path, clock: FixedClock, level: int, tag: str = "") -> Store:
    s = open_store(folder / f"{level}{tag}.sqlite", now=clock)
    s.settings.save_committee(name=NAMES[level] + tag, level=level, abbr=ABBR[level])
    s.settings.add_mediator("王建平")
    return s


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sender=st.integers(1, 3), receiver=st.integers(1, 4))
def test_a_handoff_is_continued_only_at_the_level_it_was_handed_to(
    sender: int, receiver: int
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        clock = FixedClock(datetime(2026, 11, 3, 9, 0))
        with _committee(folder, clock, sender) as s:
            case = s.cases.create(intake(accepted_on="2026-11-02"), [applicant(), respondent()])
            s.flow.complete_step(case.id)
            package = export_handoff(s, folder / "h.zip", case.case_no, "需上级协调").path
        receiving = folder / f"{receiver}收.sqlite"
        with _committee(folder, clock, receiver, "收") as r:
            before = hashlib.sha256(receiving.read_bytes()).digest()
            if receiver == sender + 1:
                assert len(import_packages(r, [package])[0].added) == 1
                return
            with pytest.raises(PackageError) as refused:
                import_packages(r, [package])
            assert hashlib.sha256(receiving.read_bytes()).digest() == before
        text = str(refused.value)
        assert "\n" not in text and text.endswith("整个包没有导入，数据库没有任何改动。"), text
        spec_levels = {1: "网格", 2: "村（社区）", 3: "镇（街道）", 4: "县（市）"}
        assert f"移交给{spec_levels[sender + 1]}" in text and spec_levels[receiver] in text, text


@pytest.mark.parametrize("handoff_first", [True, False])
def test_the_county_counts_a_dispute_handed_to_the_township_once(
    tmp_path: Path, handoff_first: bool
) -> None:
    clock = FixedClock(datetime(2026, 11, 3, 9, 0))
    village, town, county = (_committee(tmp_path, clock, level) for level in (2, 3, 4))
    case = village.cases.create(intake(accepted_on="2026-11-02"), [applicant(), respondent()])
    village.flow.complete_step(case.id)
    handoff = export_handoff(village, tmp_path / "h.zip", case.case_no, "需镇里协调").path
    import_packages(town, [handoff])
    v_pkg = export_period(village, tmp_path / "v.zip", include_reports=False).path
    t_pkg = export_period(town, tmp_path / "t.zip", include_reports=False).path
    if handoff_first:
        with pytest.raises(PackageError):
            import_packages(county, [handoff])
    import_packages(county, [v_pkg, t_pkg])
    if not handoff_first:
        with pytest.raises(PackageError):
            import_packages(county, [handoff])
    assert compute(county.db, "2026-11", None).flow["m"]["accepted"] == 1
    for s in (village, town, county):
        s.close()
