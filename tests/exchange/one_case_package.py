"""One village case's period package, rewritten with any history and signed again with the
village's own key (as the village would have sent it), and the township that imports it: for
the tests of what a received case's 操作记录 may hold."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from builders import FixedClock, applicant, intake, respondent
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from forge import committee_key, members, reseal, write

from desktop.core.exchange import export_period
from desktop.core.store import Store, open_store

NOW = datetime(2026, 11, 1, 9, 0)


@dataclass(frozen=True)
class Sent:
    """The package's members (one case line) and the village's signing key."""

    files: dict[str, bytes]
    key: Ed25519PrivateKey

    def line(self) -> dict[str, Any]:
        parsed: dict[str, Any] = json.loads(self.files["cases.jsonl"].splitlines()[0])
        return parsed

    def with_line(self, line: dict[str, Any], path: Path) -> Path:
        """The package with ``line`` as its case line, signed by the village."""
        files = {**self.files, "cases.jsonl": json.dumps(line, ensure_ascii=False).encode() + b"\n"}
        return write(path, reseal(files, self.key))

    def with_history(self, history: list[dict[str, Any]], path: Path) -> Path:
        """The package with the case's history replaced by ``history``."""
        return self.with_line({**self.line(), "audit": history}, path)


def one_case_sent(folder: Path) -> Sent:
    """A village (星光村, accepted 2026-10-30) exports one case."""
    with open_store(folder / "v.sqlite", now=FixedClock(NOW)) as v:
        v.settings.save_committee(name="星光村人民调解委员会", level=2, abbr="星调")
        v.settings.add_mediator("王调解")
        v.cases.create(intake(accepted_on="2026-10-30"), [applicant(), respondent()])
        path = export_period(v, folder / "v.zip", include_reports=False).path
    return Sent(members(path), committee_key(folder / "v.sqlite"))


def township(folder: Path) -> Store:
    """The township (新埭镇) that imports it, a day later."""
    t = open_store(folder / "t.sqlite", now=FixedClock(NOW + timedelta(days=1)))
    t.settings.save_committee(name="新埭镇人民调解委员会", level=3, abbr="新调")
    return t
