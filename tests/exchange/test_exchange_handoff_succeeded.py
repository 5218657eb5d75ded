"""A case that reached its agreement (调解成功, waiting for 回访归档) could be handed over (issue
10: "one dispute, one count"; point 9, 上报/移交). `wusong export --case` and 上报/移交 in the
window escalated it: the village's case became 已移交 — its 调解成功 gone from the village's
月报, an 上报移交 counted instead — and the township continued it as a new open case, counted
again as 受理. Terminating such a case was already refused ("本案已达成协议，不能终止调解").

Kind: a settled case escalated or handed over. Every way of escalating it (inside the
committee's own levels, beyond them through the CLI's and the window's hand-off) is refused in
one sentence; the case, its figures and the file stay as they were, no package is written."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

import pytest
from builders import FixedClock, run_to_agreement
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.errors import MediationError
from desktop.core.exchange import export_handoff
from desktop.core.exchange.handoff import hand_over
from desktop.core.models import CaseStatus
from desktop.core.reports.statistics import compute
from desktop.core.store import open_store


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(level=st.integers(1, 3), way=st.sampled_from(["escalate", "export", "hand_over"]))
def test_a_settled_case_is_neither_escalated_nor_handed_over(
    tmp_path_factory: pytest.TempPathFactory, level: int, way: str
) -> None:
    folder = tmp_path_factory.mktemp("settled")
    db = folder / "v.sqlite"
    with open_store(db, now=FixedClock(datetime(2026, 3, 2, 9, 0))) as v:
        v.settings.save_committee(name="星光村人民调解委员会", level=level, abbr="星调")
        v.settings.add_mediator("王建平")
        case_id = run_to_agreement(v)
        case = v.cases.get(case_id)
        assert case.status is CaseStatus.SUCCEEDED
        figures = compute(v.db, "2026-03", None).flow["m"]
    before = hashlib.sha256(db.read_bytes()).digest()
    with open_store(db, now=FixedClock(datetime(2026, 3, 9, 9, 0))) as v:
        with pytest.raises(MediationError) as refused:
            if way == "escalate":
                v.flow.escalate(case_id, case.level_now + 1, "需上级协调")
            elif way == "export":
                export_handoff(v, folder / "h.zip", case.case_no, "需上级协调")
            else:
                hand_over(v, case_id, folder / "U盘", "需上级协调")
        assert v.cases.get(case_id).status is CaseStatus.SUCCEEDED
        assert compute(v.db, "2026-03", None).flow["m"] == figures
    text = str(refused.value)
    assert "已达成协议" in text and "\n" not in text, text
    assert not (folder / "h.zip").exists() and not list(folder.glob("U盘/*.zip"))
    assert hashlib.sha256(db.read_bytes()).digest() == before


def test_the_cli_refuses_to_hand_over_a_settled_case(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from desktop.cli.main import cli

    db = tmp_path / "v.sqlite"
    with open_store(db, now=FixedClock(datetime(2026, 3, 2, 9, 0))) as v:
        v.settings.save_committee(name="星光村人民调解委员会", level=2, abbr="星调")
        v.settings.add_mediator("王建平")
        case_no = v.cases.get(run_to_agreement(v)).case_no
    before = hashlib.sha256(db.read_bytes()).digest()
    out = tmp_path / "h.zip"
    result = CliRunner().invoke(
        cli,
        ["--db", str(db), "export", "--case", case_no, "--reason", "需镇里协调", "-o", str(out)],
    )
    assert result.exit_code != 0 and "已达成协议" in result.output, result.output
    assert not out.exists() and hashlib.sha256(db.read_bytes()).digest() == before
