"""Shared fixtures. Qt must run offscreen in tests: without a display the process would
abort, so the platform is set before anything can create a QApplication."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

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
