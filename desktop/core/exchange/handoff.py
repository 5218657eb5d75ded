"""Handing a case to the committee above (上报/移交 beyond this committee's level) in one
step: the escalation and the one-case package are written together, so a package that could
not be written (the USB stick pulled out) leaves the case as it was."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.exchange.export import ExportResult, export_handoff
from desktop.core.exchange.recorded import package_undone_unless_recorded

if TYPE_CHECKING:
    from desktop.core.store.store import Store


def handoff_filename(case_no: str, day: str) -> str:
    """``移交包-（2026）星调字第3号-2026-11-05.zip`` with characters Windows forbids removed."""
    safe = re.sub(r'[\\/:*?"<>|\s]+', "", case_no) or "案件"
    return f"移交包-{safe}-{day}.zip"


def hand_over(
    store: Store, case_id: int, folder: Path, reason: str, on: date | str | None = None
) -> ExportResult:
    """Escalate the case to the level above this committee (on ``on``, ISO date; default
    today) and write its hand-off package into ``folder``, in one transaction: if the package
    cannot be written the escalation is undone. Raises the escalation's WorkflowError or
    ValidationError, or OSError when the folder cannot be written."""
    folder = Path(folder)
    case = store.cases.get(case_id)
    committee_level = store.settings.committee().level
    target = folder / handoff_filename(case.case_no, store.today().isoformat())
    # The commit may fail after the package is written (a full disk): then the package goes
    # too, so a package never stands for an escalation the file does not hold.
    with package_undone_unless_recorded(store, target), store.db.atomic():
        while not case.is_closed and case.level_now <= committee_level:
            case = store.flow.escalate(case.id, case.level_now + 1, reason, on)
        folder.mkdir(parents=True, exist_ok=True)
        return export_handoff(store, target, case.case_no, reason, committee="")
