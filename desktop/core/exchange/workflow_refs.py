"""A received case must run on a workflow this program has: its ``workflow_id`` and
``workflow_version`` name a workflow file in resources/workflows, its ``step_now`` and
``completed_steps`` steps of it. A case naming another (a crafted package, or a newer program's
workflow version) was imported and then could not be shown, printed or opened (issue 10 point
3: "every field validated on import"); it is refused with the line, case and field named."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from desktop.core.exchange.schema import visible
from desktop.core.models import DONE
from desktop.core.workflow.catalog import load_catalog


@cache
def _steps() -> dict[tuple[str, int], frozenset[str]]:
    """(workflow id, version) -> its step ids, for every workflow file this program ships."""
    return {key: frozenset(s.id for s in spec.steps) for key, spec in load_catalog().specs.items()}


def workflow_problem(case: dict[str, Any]) -> str | None:
    """What of the case's workflow this program lacks, as the rest of a refusal sentence
    ("…的“流程”（case.workflow_id）是本程序没有的…"), or None. ``case`` has passed the
    schema (types and lengths; ``completed_steps`` a JSON list of text)."""
    wid, version = case["workflow_id"], case["workflow_version"]
    steps = _steps().get((wid, version))
    if steps is None:
        field = (
            "case.workflow_id" if all(w != wid for w, _ in _steps()) else "case.workflow_version"
        )
        return (
            f"“流程”（{field}）是本程序没有的流程（{visible(str(wid), 20)} 第 {version} 版）："
            "发送方的程序可能比本程序新，请先把本程序升级到与发送方相同的版本"
        )
    if case["step_now"] not in steps and case["step_now"] != DONE:
        return f"“当前步骤”（case.step_now）不是该流程的步骤：{visible(str(case['step_now']), 20)}"
    unknown = [s for s in json.loads(case["completed_steps"]) if s not in steps]
    if unknown:
        step = visible(str(unknown[0]), 20)
        return f"“已完成步骤”（case.completed_steps）有该流程没有的步骤：{step}"
    return None
