"""wusong render-batch with a case the form cannot be made for yet (found by the fresh tester
t10b: the batch stopped at that case with 「错误：本案还没有调解记录……」 — which of the forty
numbers typed was 本案 was not said, and the cases after it were not made). Kind: a refusal
for one case of a batch — no 调解记录, no written agreement, no termination — at any place in
the list: the case is named with the reason, every other case is still made, and the command
ends with one sentence counting both (exit status 1)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from party_cases import run_case

from desktop.cli.main import cli
from desktop.core.store import open_store

#: (outcome, whether the 协议书 can be made for it)
OUTCOMES = {"agreed": True, "accepted": False, "terminated": False, "oral": False}


@given(outcomes=st.lists(st.sampled_from(sorted(OUTCOMES)), min_size=1, max_size=4))
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_case_that_cannot_have_the_form_is_named_and_the_others_made(
    outcomes: list[str],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db, out = Path(tmp) / "c.sqlite", Path(tmp) / "文书"
        with open_store(db, actor="王调解") as s:
            s.settings.save_committee(name="星光村人民调解委员会", level=2, abbr="星调")
            s.settings.add_mediator("王调解")
            nos = [s.cases.get(run_case(s, 2, outcome=o)).case_no for o in outcomes]
        r = CliRunner().invoke(
            cli, ["--db", str(db), "--as", "王调解", "render-batch", "协议书", *nos, "-o", str(out)]
        )
        made = sorted(p.name for p in out.glob("*.pdf"))
        assert made == sorted(
            f"{no}-人民调解协议书.pdf" for no, o in zip(nos, outcomes, strict=True) if OUTCOMES[o]
        )
        left = [no for no, o in zip(nos, outcomes, strict=True) if not OUTCOMES[o]]
        assert "Traceback" not in r.output
        if not left:
            assert r.exit_code == 0, r.output
        else:
            assert r.exit_code == 1
            lines = r.output.strip().splitlines()
            for no in left:
                assert any(line.startswith(f"没有生成 {no}：本案") for line in lines), r.output
            assert lines[-1] == (
                f"错误：{len(nos)} 件中有 {len(left)} 件没有生成人民调解协议书（原因见上面各行），"
                f"其余 {len(nos) - len(left)} 件已生成：请按各行的提示补齐后再生成这几件。"
            )
