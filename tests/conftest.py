"""Shared fixtures. Qt must run offscreen in tests: without a display the process would
abort, so the platform is set before anything can create a QApplication."""

from __future__ import annotations

import os

# The offscreen screen is the mediator's 1366x768 laptop (Qt's default would be 800x800), so
# window sizes seen by tests are the real ones.
_SCREEN = os.path.join(os.path.dirname(__file__), "data", "screen-1366x768.json")
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"

# Unforeseen failures are logged (desktop/core/unexpected.py): never into the tester's own
# user data folder.
if "WUSONG_LOG" not in os.environ:
    import tempfile

    os.environ["WUSONG_LOG"] = os.path.join(tempfile.mkdtemp(prefix="wusong-log-"), "log.txt")

from collections.abc import Iterator  # noqa: E402
from datetime import datetime  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from builders import FixedClock  # noqa: E402

from desktop.core.store import Store, open_store  # noqa: E402


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 3, 2, 9, 0, 0))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "committee.sqlite"


@pytest.fixture
def store(db_path: Path, clock: FixedClock) -> Iterator[Store]:
    s = open_store(db_path, now=clock, actor="王调解")
    s.settings.save_committee(
        name="星光村人民调解委员会", level=2, region="浙江省平湖市新埭镇", abbr="星调"
    )
    s.settings.add_mediator("王调解", "13812345678", full_time=True)
    yield s
    s.close()
