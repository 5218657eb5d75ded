"""All workflow files, indexed by (id, version), so a case started on an older version keeps
running on it after the file is edited."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.core.errors import WorkflowSpecError
from desktop.core.paths import resource
from desktop.core.workflow.spec import WorkflowSpec
from desktop.core.workflow.spec_reader import load_workflow

DEFAULT_WORKFLOW = "wubu"


@dataclass(frozen=True, slots=True)
class WorkflowCatalog:
    specs: dict[tuple[str, int], WorkflowSpec]
    default_id: str = DEFAULT_WORKFLOW

    def get(self, workflow_id: str, version: int) -> WorkflowSpec:
        try:
            return self.specs[(workflow_id, version)]
        except KeyError:
            raise WorkflowSpecError(
                f"找不到流程 {workflow_id} 第 {version} 版。"
                "请不要删除 resources/workflows 中的旧版流程文件。"
            ) from None

    def latest(self, workflow_id: str | None = None) -> WorkflowSpec:
        wid = workflow_id or self.default_id
        versions = [v for (i, v) in self.specs if i == wid]
        if not versions:
            raise WorkflowSpecError(f"找不到流程 {wid}。")
        return self.specs[(wid, max(versions))]


def load_catalog(folder: Path | None = None) -> WorkflowCatalog:
    folder = folder or resource("workflows")
    specs: dict[tuple[str, int], WorkflowSpec] = {}
    for path in sorted(folder.glob("*.toml")):
        spec = load_workflow(path)
        key = (spec.id, spec.version)
        if key in specs:
            raise WorkflowSpecError(f"流程 {spec.id} 第 {spec.version} 版在两个文件中重复定义。")
        specs[key] = spec
    return WorkflowCatalog(specs)
