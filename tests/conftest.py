"""Shared fixtures. Qt must run offscreen in tests: without a display the process would
abort, so the platform is set before anything can create a QApplication."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sys  # noqa: E402
from pathlib import Path  # noqa: E402

# Test modules anywhere may reuse the case builders of tests/core (run_to_agreement).
sys.path.insert(0, str(Path(__file__).parent / "core"))

from collections.abc import Iterator  # noqa: E402
from datetime import date, datetime  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402

from desktop.core.store import Store, open_store  # noqa: E402


class FixedClock:
    """An injectable clock: tests move time on purpose, never by sleeping."""

    def __init__(self, start: datetime) -> None:
        self.current = start

    def __call__(self) -> datetime:
        return self.current

    def set(self, day: date) -> None:
        self.current = datetime(day.year, day.month, day.day, 9, 0, 0)


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


# Valid identity numbers: 17 digits plus their GB 11643 check digit.
ID_ZHANG = "330482199001011232"
ID_LI = "330482198505203428"


def applicant(**extra: Any) -> dict[str, Any]:
    return {
        "role": "申请人",
        "kind": "自然人",
        "name": "张建国",
        "id_number": ID_ZHANG,
        "phone": "13900001111",
        "address": "星光村三组12号",
        **extra,
    }


def respondent(**extra: Any) -> dict[str, Any]:
    return {
        "role": "被申请人",
        "kind": "自然人",
        "name": "李秀英",
        "id_number": ID_LI,
        "phone": "13900002222",
        "address": "星光村三组14号",
        **extra,
    }


def intake(**extra: Any) -> dict[str, Any]:
    return {
        "accepted_on": "2026-03-02",
        "source": "当事人申请",
        "category": "02",
        "title": "张建国与李秀英相邻排水纠纷",
        "facts": "李家新砌围墙挡住张家排水沟，雨天积水。",
        "requests": "请求拆除挡水部分围墙，恢复排水。",
        "people_count": 2,
        "mediator": 1,
        "not_reserved": True,
        "not_pending": True,
        "no_refusal": True,
        "rights_notified": True,
        **extra,
    }
