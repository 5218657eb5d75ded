"""The case's history (办理经过), newest first, from the audit log told in plain Chinese."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from desktop.core.store import Store
from desktop.core.timeline import case_timeline
from desktop.ui.workspace.style import hint


class TimelineView(QWidget):
    def __init__(self, store: Store, case_id: int, parent: QWidget | None = None,
                 form_names: Mapping[str, str] | None = None) -> None:
        super().__init__(parent)
        self.store, self.case_id, self.form_names = store, case_id, form_names
        self.tree = QTreeWidget()
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["时间", "经办人", "办理经过"])
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(hint("本案的每一次登记、修改、完成步骤、上报、终止和生成文书都记在这里，不能删改。"))
        layout.addWidget(self.tree)
        self.reload()

    def reload(self) -> None:
        self.tree.clear()
        for item in case_timeline(self.store, self.case_id, self.form_names):
            self.tree.addTopLevelItem(QTreeWidgetItem([item.at, item.actor, item.text]))

    def texts(self) -> list[str]:
        return [self.tree.topLevelItem(i).text(2) for i in range(self.tree.topLevelItemCount())]
