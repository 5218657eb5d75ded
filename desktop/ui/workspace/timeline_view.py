"""The case's history (办理经过), newest first, from the audit log told in plain Chinese."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.store import Store
from desktop.core.timeline import case_timeline
from desktop.ui.fitted_table import FittedTable
from desktop.ui.workspace.style import hint


class TimelineView(QWidget):
    def __init__(self, store: Store, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.case_id = store, case_id
        # A table rather than a tree: table rows grow to show long sentences whole. The
        # sentence takes the room left at any window width; time and person even down and
        # wrap when the window is narrow.
        self.table = FittedTable(["时间", "经办人", "办理经过"], fill=2, fill_chars=8)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint("本案的每一次登记、修改、完成步骤、上报、终止和生成文书都记在这里，不能删改。")
        )
        layout.addWidget(self.table)
        self.reload()

    def reload(self) -> None:
        items = case_timeline(self.store, self.case_id)
        self.table.set_rows([(item.at, item.actor, item.text) for item in items])

    def texts(self) -> list[str]:
        items = (self.table.item(r, 2) for r in range(self.table.rowCount()))
        return [item.text() if item is not None else "" for item in items]

    def showEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)  # type: ignore[arg-type]
        self.table.refit()  # the table's width is known only once shown
