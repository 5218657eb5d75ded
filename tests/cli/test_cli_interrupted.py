"""Ctrl-C at the console: the command line says 「已取消，什么也没有改动。」 only when nothing was
saved. An import interrupted in its last moments, after its transaction committed (the
reading process being stopped, the report being made), was told so although its cases were
kept (found by t10's Ctrl-C test on a slow machine)."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from builders import FixedClock
from village_packages import numbered_packages

from desktop.cli import main
from desktop.core import exchange
from desktop.core.store import open_store


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    clock = FixedClock(datetime(2026, 11, 5, 9, 0))
    made = numbered_packages(
        tmp_path_factory.mktemp("interrupted"), clock, 1, cases=5, seed=3, amount="100"
    )
    return {"zip": made["1"], "county": made["county"]}


@pytest.mark.parametrize("when", ["before it saves", "after it saved"])
def test_ctrl_c_is_told_as_what_happened(
    package: dict[str, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    when: str,
) -> None:
    county = tmp_path / "county.sqlite"
    county.write_bytes(package["county"].read_bytes())
    before = hashlib.sha256(county.read_bytes()).hexdigest()
    real = exchange.import_packages

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        if when == "after it saved":
            real(*args, **kwargs)
        raise KeyboardInterrupt  # what Ctrl-C raises in the command's thread

    monkeypatch.setattr(exchange, "import_packages", interrupted)
    assert main(["--db", str(county), "import", str(package["zip"])]) == 1
    err = capsys.readouterr().err.strip().splitlines()[-1]
    with open_store(county) as store:
        cases = store.db.execute("SELECT count(*) FROM cases").fetchone()[0]
    if when == "before it saves":
        assert err == "已取消，什么也没有改动。"
        assert hashlib.sha256(county.read_bytes()).hexdigest() == before and cases == 0
    else:
        assert err == "已中断；中断之前已经完成的改动已经保存在案件库里。"
        assert cases == 5
