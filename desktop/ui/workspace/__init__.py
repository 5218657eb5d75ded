"""The case workspace: ``CaseWorkspace(store, case_id)`` shows and drives one case."""

from __future__ import annotations

from desktop.ui.workspace.workspace import CaseWorkspace

__all__ = ["CaseWorkspace"]
