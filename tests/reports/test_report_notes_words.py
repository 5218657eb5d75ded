"""The printed 指标说明 of the 月报 speak to the committee, not to a programmer: no file names,
paths or program words (the source note said “对应关系见 resources/reports/indicators.toml 的
[[sources]]”); which 案件来源 each official row counts is written out in words instead."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.reports import build_report
from desktop.core.reports.definitions import load_definitions
from desktop.core.store import Store

PROGRAM_WORDS = re.compile(r"\.toml|resources/|\[\[|\]\]|[A-Za-z_]{3,}")


@given(month=st.sampled_from(["2026-01", "2026-02", "2026-03"]))
@settings(
    max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_every_printed_note_is_plain_chinese(store: Store, month: str) -> None:
    report = build_report(store, month)
    for note in report.notes:
        assert not PROGRAM_WORDS.search(note), note
    [sources] = [n for n in report.notes if n.startswith("按来源分列")]
    for src in load_definitions().sources:  # every source row's members are named
        for value in src.values:
            assert f"“{value}”" in sources or src.name.endswith(value), (value, sources)
