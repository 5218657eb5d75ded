"""The 五步工作法 / 四级化讼 workflow: parsed from ``resources/workflows/*.toml`` (spec), applied
by a pure state machine (engine). No database and no Qt here."""

from desktop.core.workflow.catalog import WorkflowCatalog, load_catalog
from desktop.core.workflow.spec import (
    FieldSpec,
    LevelSpec,
    RecordKindSpec,
    StepSpec,
    WorkflowSpec,
)
from desktop.core.workflow.spec_reader import load_workflow

__all__ = [
    "FieldSpec",
    "LevelSpec",
    "RecordKindSpec",
    "StepSpec",
    "WorkflowCatalog",
    "WorkflowSpec",
    "load_catalog",
    "load_workflow",
]
