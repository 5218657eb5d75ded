"""The case workspace: ``CaseWorkspace(store, case_id)`` shows and drives one case.

Loaded on first use (PEP 562), so that helpers such as ``pdf_print`` can be imported alone
without building the whole workspace's imports."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop.ui.workspace.workspace import CaseWorkspace

__all__ = ["CaseWorkspace"]


def __getattr__(name: str) -> Any:
    if name == "CaseWorkspace":
        from desktop.ui.workspace.workspace import CaseWorkspace

        return CaseWorkspace
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
