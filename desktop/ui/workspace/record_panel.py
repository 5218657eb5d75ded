"""A step's records (parties, investigations, sessions, terms, return visits, receipts) as a
list with 添加 / 修改 / 删除; the add/edit dialog is generated from the record kind's field list
in the workflow file, and every refusal of the core is shown beside the field it names."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import CaseClosedError
from desktop.core.models import Party, Record
from desktop.core.store import Store
from desktop.core.store.signin import signed_in_person
from desktop.core.workflow.engine import check_edit
from desktop.core.workflow.spec import FieldSpec, RecordKindSpec
from desktop.ui.down_scroll import DownScrollArea
from desktop.ui.errors import FAILURES, error_label, show_error, show_failure
from desktop.ui.fitted_table import WidthWatchedTable, set_headings
from desktop.ui.id_photo import IdPhotoButton, attach_kept_photo
from desktop.ui.name_picker import offer_names
from desktop.ui.prompts import ask, tell
from desktop.ui.screen_fit import fit_to_screen
from desktop.ui.workspace.field_form import FieldForm, display_value, values_of
from desktop.ui.workspace.style import heading

#: How many leading fields a list shows as columns; the dialog shows them all.
SHOWN_COLUMNS = 4
PARTY = "party"


class RecordDialog(QDialog):
    """Add or edit one record; stays open with the reason shown until the core accepts."""

    def __init__(
        self,
        store: Store,
        case_id: int,
        kind: RecordKindSpec,
        item: Record | Party | None = None,
        initial: Mapping[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store, self.case_id, self.kind, self.item = store, case_id, kind, item
        self.saved: Record | Party | None = None
        self.setWindowTitle(("修改" if item else "添加") + kind.name)
        self.form = FieldForm(store, kind.fields)
        self.form.set_date_anchor(store.cases.get(case_id).accepted_on)
        if item is not None:
            self.form.set_values(values_of(item, kind))
        elif kind.id == PARTY:
            self.form.set_values({"kind": "自然人"})  # most parties; the fields follow a change
        else:
            # A new record names the person working (调查人, 参加人, 回访人) until changed.
            who = signed_in_person(store)
            self.form.set_values({f.id: who for f in kind.fields if f.prefill == "signed_in"})
            # 调查日期, 调解日期, 回访日期: most records are written the day they happen.
            today = store.today()
            self.form.set_values({f.id: today for f in kind.fields if f.prefill == "today"})
        if initial:
            self.form.set_values(initial)
        names = [p.name for p in store.records.parties(case_id) if p.name]
        for f in kind.fields:
            if f.parties_only:  # 履行人: a party's name, picked rather than typed
                offer_names(self.form.widgets[f.id], names)
        # A suggestion that was picked is already the mediator's own work.
        self.dirty = bool(initial)
        self.form.changed.connect(self._edited)
        scroll = DownScrollArea()  # never sideways: claims the width of its form
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.error = error_label()
        ok = QPushButton("保存")
        ok.setDefault(True)
        ok.clicked.connect(self.try_save)
        cancel = QPushButton("取消")
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(ok)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.windowTitle(), 2))
        self.id_photo: IdPhotoButton | None = None
        if kind.id == PARTY:
            self.id_photo = IdPhotoButton(self.form)
            layout.addWidget(self.id_photo)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.ok_button = ok
        fit_to_screen(self, 760, 150 + 70 * len(kind.fields))

    def _edited(self) -> None:
        self.dirty = True

    def reject(self) -> None:
        """取消, Esc and the window's close box all come here: typed text is not dropped unasked."""
        if (
            self.dirty
            and self.saved is None
            and not ask(self, "还没有保存", f"刚才填写的{self.kind.name}还没有保存，确定不要了吗？")
        ):
            return
        super().reject()

    def try_save(self) -> bool:
        self.form.clear_errors()
        show_error(self.error, "")
        values = self.form.values()
        records = self.store.records
        try:
            if self.kind.id == PARTY:
                self.saved = (
                    records.update_party(self.item.id, values)
                    if self.item
                    else records.add_party(self.case_id, values)
                )
            elif self.item is not None:
                self.saved = records.update(self.kind.id, self.item.id, values)
            else:
                self.saved = records.add(self.case_id, self.kind.id, values)
        except FAILURES as exc:
            show_failure(self.error, exc, self.form)
            return False
        if self.id_photo is not None and isinstance(self.saved, Party):
            problem = attach_kept_photo(self.store, self.case_id, self.id_photo, self.saved.name)
            if problem:
                tell(self, "证件照片没有存入", problem)
        self.accept()
        return True


class RecordPanel(QWidget):
    """The list of one record kind of a case, with its own red line for the core's refusals."""

    changed = Signal()

    def __init__(
        self,
        store: Store,
        case_id: int,
        kind: RecordKindSpec,
        label: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store, self.case_id, self.kind = store, case_id, kind
        self.items: list[Record | Party] = []
        self.columns = self._columns()
        self.title = heading(label, 1)
        self.table = WidthWatchedTable(0, len(self.columns))
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        # Roomy rows: easier to read and to click for someone not at ease with a mouse.
        self.table.verticalHeader().setMinimumSectionSize(self.fontMetrics().lineSpacing() + 14)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.add_button = QPushButton(f"添加{kind.name}")
        self.edit_button = QPushButton("修改")
        self.delete_button = QPushButton("删除")
        self.add_button.clicked.connect(lambda: self.add())
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.error = error_label()
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.reload()

    def _columns(self) -> tuple[FieldSpec, ...]:
        if self.kind.id == PARTY:
            wanted = ("role", "name", "id_number", "phone")
            return tuple(f for f in self.kind.fields if f.id in wanted)
        return self.kind.fields[:SHOWN_COLUMNS]

    def load(self) -> list[Record | Party]:
        if self.kind.id == PARTY:
            return list(self.store.records.parties(self.case_id))
        return list(self.store.records.list(self.case_id, self.kind.id))

    def headers(self) -> list[str]:
        return [f.label for f in self.columns]

    def cells(self, item: Record | Party) -> list[str]:
        values = values_of(item, self.kind)
        return [display_value(f, values.get(f.id)) for f in self.columns]

    def reload(self) -> None:
        self.items = self.load()
        headers = self.headers()
        self.table.clear()
        set_headings(self.table, headers)
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            for col, text in enumerate(self.cells(item)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.table.setItem(row, col, cell)
        self.fit_rows()
        self._update_buttons()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            # Wrapped text changes height when the columns get their real width.
            QTimer.singleShot(0, self, self.fit_rows)  # not after self is gone

    def fit_rows(self) -> None:
        """Rows as tall as their wrapped text, and the list as tall as six rows at most."""
        self.table.resizeRowsToContents()
        shown = sum(self.table.rowHeight(r) for r in range(min(len(self.items), 6)))
        self.table.setFixedHeight(
            self.table.horizontalHeader().sizeHint().height() + max(shown, 40) + 6
        )

    def _update_buttons(self) -> None:
        """Ask the core what may still change, so a closed case greys out what it would refuse."""
        case = self.store.cases.get(self.case_id)
        state = self.store.cases.state(case)
        can_add = can_edit = can_delete = True
        try:
            check_edit(state, self.kind.id)
        except CaseClosedError:
            can_add = can_edit = False
        try:
            check_edit(state, "record" if self.kind.id != PARTY else PARTY)
        except CaseClosedError:
            can_delete = False
        self.add_button.setEnabled(can_add)
        self.edit_button.setEnabled(can_edit and bool(self.items))
        self.delete_button.setEnabled(can_delete and bool(self.items))

    def set_error(self, message: str) -> None:
        show_error(self.error, message)

    def selected(self) -> Record | Party | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows and len(self.items) == 1:
            return self.items[0]
        return self.items[rows[0].row()] if rows else None

    def dialog(
        self, item: Record | Party | None = None, initial: Mapping[str, Any] | None = None
    ) -> RecordDialog:
        return RecordDialog(self.store, self.case_id, self.kind, item, initial, self)

    def add(self, initial: Mapping[str, Any] | None = None) -> bool:
        dlg = self.dialog(None, initial)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return False
        self._after_change()
        return True

    def edit_selected(self) -> None:
        item = self.selected()
        if item is None:
            self.set_error("请先在列表中点选要修改的一条。")
            return
        if self.dialog(item).exec() == QDialog.DialogCode.Accepted:
            self._after_change()

    def delete_selected(self) -> None:
        item = self.selected()
        if item is None:
            self.set_error("请先在列表中点选要删除的一条。")
            return
        if not ask(
            self, f"删除{self.kind.name}", f"确定删除这条{self.kind.name}吗？删除后会记入办理经过。"
        ):
            return
        try:
            if self.kind.id == PARTY:
                self.store.records.remove_party(item.id)
            else:
                self.store.records.delete(self.kind.id, item.id)
        except FAILURES as exc:
            show_failure(self.error, exc)
            return
        self._after_change()

    def _after_change(self) -> None:
        self.set_error("")
        self.reload()
        self.changed.emit()
