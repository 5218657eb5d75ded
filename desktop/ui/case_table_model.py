"""The case list as a lazy Qt model: rows are fetched a page at a time as the view scrolls,
so 100,000 cases never load at once."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.core.models import DONE, CaseFilter, CaseSummary
from desktop.core.store import Store

PAGE = 200
#: A search box only needs to say "more than N": counting every match of a very common term
#: would cost more than the search itself.
COUNT_CAP = 10_000
Index = QModelIndex | QPersistentModelIndex

COLUMNS: tuple[tuple[str, str], ...] = (
    ("case_no", "案号"),
    ("accepted_on", "受理日期"),
    ("title", "纠纷名称"),
    ("parties", "当事人"),
    ("category", "纠纷类型"),
    ("status", "状态"),
    ("step", "当前步骤"),
    ("level", "层级"),
    ("mediator", "调解员"),
)


class CaseTableModel(QAbstractTableModel):
    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.filter = CaseFilter()
        self.sort_key = "accepted_on"
        self.descending = True
        self.rows: list[CaseSummary] = []
        self.total = 0
        self.capped = False
        spec = store.catalog.latest()
        self._spec = spec
        self._step_names = {s.id: s.name for s in spec.steps} | {DONE: "已办结"}
        self.reload()

    def set_filter(self, flt: CaseFilter) -> None:
        self.filter = flt
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.total = self.store.cases.count(self.filter, cap=COUNT_CAP + 1)
        self.capped = self.total > COUNT_CAP
        self.total = min(self.total, COUNT_CAP) if self.capped else self.total
        self.rows = self._page(0)
        self.endResetModel()

    def _page(self, offset: int) -> list[CaseSummary]:
        return self.store.cases.list(
            self.filter, sort=self.sort_key, descending=self.descending, limit=PAGE, offset=offset
        )

    def case_id(self, row: int) -> int:
        return self.rows[row].id

    # Qt overrides -----------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Index) -> bool:  # noqa: N802
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent: Index) -> None:  # noqa: N802
        more = self._page(len(self.rows))
        if not more:
            self.total = len(self.rows)
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
        self.rows.extend(more)
        self.endInsertRows()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        # A heading cut short in a narrow window is read whole on hover.
        shown = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
        if role in shown and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section][1]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A cell cut short by its column shows the whole text when the pointer rests on it.
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        key = COLUMNS[index.column()][0]
        return {
            # An imported case names its committee: numbers repeat across committees.
            "case_no": f"{r.case_no}（{r.committee}）" if r.committee else r.case_no,
            "accepted_on": r.accepted_on.isoformat(),
            "title": r.title,
            "parties": r.parties,
            "category": r.category_name,
            "status": str(r.status),
            "step": self._step_names.get(r.step_now, r.step_now),
            "level": self._spec.level_label(r.level_now),
            "mediator": r.mediator,
        }[key]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][0]
        self.sort_key = (
            key
            if key in ("case_no", "accepted_on", "category", "status", "step", "level", "title")
            else "accepted_on"
        )
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()
