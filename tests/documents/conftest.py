"""The document tests' store clock: the day they print on, after every day their cases record
(the last 归档 of their stories is 2026-05-10). A date of something that has happened
is refused after today (resources/workflows/wubu.toml ``happened``), so a clock left on the day
of acceptance could not record the rest of the story."""

from __future__ import annotations

from datetime import datetime

import pytest
from builders import FixedClock


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 6, 1, 9, 0, 0))
