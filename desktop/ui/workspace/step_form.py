"""One step of the case as a form generated from the workflow data: the step's fields, its
record lists, 保存 and 完成本步. A refusal of the core is shown in red beside each missing field
or list, with the whole sentence above the buttons."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.core.errors import CaseClosedError, MissingItemsError
from desktop.core.models import Case
from desktop.core.store import Store
from desktop.core.workflow.engine import MissingItem, check_edit
from desktop.core.workflow.spec import StepSpec, WorkflowSpec
from desktop.ui.errors import FAILURES, error_label, show_error, show_failure
from desktop.ui.workspace.field_form import FieldForm
from desktop.ui.workspace.record_panel import RecordPanel
from desktop.ui.workspace.style import DONE_COLOUR, heading, hint
from desktop.ui.workspace.terms_panel import TermsPanel


def step_record_kinds(spec: WorkflowSpec, step: StepSpec) -> list[tuple[str, str]]:
    """(kind, label) lists a step shows: its own requirements, and on the last step also every
    record kind no step asks for (e.g. 履行凭证), so each kind has a home."""
    kinds = [(r.kind, r.label) for r in step.records]
    if step is spec.steps[-1]:
        used = {r.kind for s in spec.steps for r in s.records}
        kinds += [(k, v.name) for k, v in spec.record_kinds.items() if k not in used]
    return kinds


class StepForm(QWidget):
    completed = Signal()
    settled_on_spot = Signal()  # the 当场调解 record moved the case on
    changed = Signal()  # something was written to the store
    edited = Signal()  # a field was typed into (not yet saved)

    def __init__(
        self,
        store: Store,
        case_id: int,
        spec: WorkflowSpec,
        step: StepSpec,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store, self.case_id, self.spec, self.step = store, case_id, spec, step
        self._dirty = False
        self._loading = False
        self._case_values: dict[str, Any] = {}
        self.form = FieldForm(store, step.fields)
        self.form.set_date_anchor(store.cases.get(case_id).accepted_on)
        self.form.changed.connect(self._on_edit)
        self.panels: dict[str, RecordPanel] = {}
        self.waiting: dict[str, QLabel] = {}  # why a conditional list is not shown yet
        for req in step.records:
            if req.when is not None:
                asked = spec.all_fields()[req.when.field].label
                values = "或".join(f"“{v}”" for v in req.when.values)
                self.waiting[req.kind] = hint(f"“{asked}”选{values}后，在这里填写{req.label}。")
        for kind, label in step_record_kinds(spec, step):
            cls = TermsPanel if kind == "term" else RecordPanel
            panel = cls(store, case_id, spec.record_kinds[kind], label)
            panel.changed.connect(self.changed.emit)
            self.panels[kind] = panel
        if isinstance(self.panels.get("term"), TermsPanel):
            self.panels["term"].attach_form(self.form)  # type: ignore[attr-defined]
        self.banner = error_label()
        # The refusal line has its room even when empty, so the buttons never jump.
        self.banner_room = QWidget()
        room = QVBoxLayout(self.banner_room)
        room.setContentsMargins(0, 0, 0, 0)
        room.addWidget(self.banner)
        bold = QFont(self.banner.font())
        bold.setBold(True)  # the refusal is bold: its lines are taller than the plain font's
        self.banner_room.setMinimumHeight(QFontMetrics(bold).lineSpacing() * 2 + 8)
        self.save_button = QPushButton("保存")
        self.save_button.clicked.connect(self.save_clicked)
        self.saved_note = QLabel()  # confirms a save: nothing else on screen changes
        self.saved_note.setStyleSheet(f"color: {DONE_COLOUR};")
        self.complete_button = QPushButton(f"完成本步：{step.name}")
        self.complete_button.setStyleSheet("font-weight: bold; padding: 6px 18px;")
        self.complete_button.clicked.connect(self.complete)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.saved_note)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.complete_button)

        # 当场调解: offered where the workflow says (the core decides), above the step's own
        # fields, so a walk-in dispute settled on the spot needs one record, not three steps.
        self.onsite_box = QWidget()
        onsite_row = QHBoxLayout(self.onsite_box)
        onsite_row.setContentsMargins(0, 4, 0, 4)
        onsite = spec.onsite
        self.onsite_button = QPushButton(f"{onsite.name}…" if onsite else "")
        self.onsite_button.setStyleSheet("font-weight: bold; padding: 6px 14px;")
        self.onsite_button.clicked.connect(self.settle_on_spot)
        onsite_row.addWidget(self.onsite_button)
        onsite_row.addWidget(hint(onsite.hint if onsite else ""), 1)
        self.onsite_box.setVisible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(f"第{step.number}步  {step.name}", 3))
        if step.hint:
            layout.addWidget(hint(step.hint))
        layout.addWidget(self.onsite_box)
        layout.addWidget(self.form)
        for kind, panel in self.panels.items():
            if kind in self.waiting:
                layout.addWidget(self.waiting[kind])
            layout.addWidget(panel)
        layout.addWidget(self.banner_room)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.reload()

    # ------------------------------------------------------------------ state
    def reload(self) -> None:
        """Fill the form from the store, dropping unsaved edits (callers ask first)."""
        case = self.store.cases.get(self.case_id)
        state = self.store.cases.state(case)
        self._case_values = dict(state.values)  # other steps' answers, for ``when`` conditions
        self._loading = True
        try:
            self.form.set_values(state.values)
        finally:
            self._loading = False
        self._dirty = False
        self.form.clear_errors()
        show_error(self.banner, "")
        for panel in self.panels.values():
            panel.reload()
            panel.set_error("")
        self._apply_conditions(state.values)
        self._update_buttons(case)

    def _update_buttons(self, case: Case) -> None:
        try:
            check_edit(self.store.cases.state(case), "case")
            editable = True
        except CaseClosedError:
            editable = False
        self.form.set_read_only(not editable)
        self.save_button.setEnabled(editable)
        current = case.step_now == self.step.id
        self.complete_button.setVisible(current)
        self.onsite_box.setVisible(current and self.store.onsite.offered(self.case_id) is not None)
        if not editable:
            self.save_button.setToolTip(
                "本案已经办结，案件内容不能再修改；只能添加回访记录和履行凭证。"
            )

    def _on_edit(self) -> None:
        if self._loading:
            return
        self._dirty = True
        self.saved_note.setText("")
        if self.banner.text() and not any(w.error_text() for w in self.form.widgets.values()):
            show_error(self.banner, "")  # every field it was about is right now
        self._apply_conditions(self.current_values())
        self.edited.emit()

    def _apply_conditions(self, values: Mapping[str, Any]) -> None:
        """Fields and lists with ``when`` show only when they apply (e.g. 司法确认告知 for a
        written agreement)."""
        self.form.context = {**self._case_values, **values}
        self.form.apply_conditions(self.form.context)
        for req in self.step.records:
            if req.kind in self.panels:
                self.panels[req.kind].setVisible(req.applies(values))
            if req.kind in self.waiting:
                self.waiting[req.kind].setVisible(not req.applies(values))

    def current_values(self) -> dict[str, Any]:
        return self.form.values()

    def has_unsaved_changes(self) -> bool:
        return self._dirty

    # ------------------------------------------------------------------ actions
    def save(self) -> bool:
        if not self._dirty:
            return True
        self.form.clear_errors()
        show_error(self.banner, "")
        try:
            self.store.cases.update(self.case_id, self.current_values())
        except FAILURES as exc:
            show_failure(self.banner, exc, self.form)
            return False
        self._dirty = False
        self.changed.emit()
        return True

    def save_clicked(self) -> bool:
        if not self.save():
            return False
        self.saved_note.setText(f"已保存（{self.store.now().strftime('%H:%M')}）")
        return True

    def complete(self) -> bool:
        if not self.save():
            return False
        try:
            self.store.flow.complete_step(self.case_id, self.step.id)
        except MissingItemsError as exc:
            self.show_missing(self.store.flow.missing(self.case_id, self.step.id), exc.message)
            return False
        except FAILURES as exc:
            show_failure(self.banner, exc)
            return False
        self.completed.emit()
        return True

    def settle_on_spot(self) -> bool:
        """Open the 当场调解 form (what was typed on this step is saved first)."""
        from desktop.ui.workspace.onsite_dialog import OnsiteDialog

        onsite = self.store.onsite.offered(self.case_id)
        if onsite is None or not self.save():
            return False
        if (
            OnsiteDialog(self.store, self.case_id, onsite, self).exec()
            != QDialog.DialogCode.Accepted
        ):
            return False
        self.settled_on_spot.emit()
        return True

    def show_missing(self, items: tuple[MissingItem, ...], message: str) -> None:
        self.form.clear_errors()
        for panel in self.panels.values():
            panel.set_error("")
        for item in items:
            if item.id in self.panels:
                self.panels[item.id].set_error(item.message + "。")
            else:
                self.form.set_error(item.id, item.message + "。")
        show_error(self.banner, message)
