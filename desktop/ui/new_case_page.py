"""登记新案件: step 1 (排查受理) as a form generated from the workflow, with the parties. Saving
creates the case and its number; every refusal is shown at the field it concerns."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import ValidationError
from desktop.core.store import Store
from desktop.core.store.records import clean_party
from desktop.core.workflow.values import check_happened, coerce
from desktop.ui.down_scroll import DownScrollArea
from desktop.ui.errors import FAILURES, error_label, show_error, show_failure
from desktop.ui.id_photo import IdPhotoButton, attach_kept_photo
from desktop.ui.prompts import tell
from desktop.ui.workspace.field_form import FieldForm
from desktop.ui.workspace.style import heading, hint


class PartyBox(QGroupBox):
    """One party: the party fields of the workflow file and a 删除 button."""

    remove_requested = Signal(object)

    def __init__(self, store: Store, role: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = store.catalog.latest().record_kinds["party"]
        self.form = FieldForm(store, self.kind.fields)
        self.form.set_values({"role": role, "kind": "自然人"})
        remove = QPushButton("删除这位当事人")
        remove.clicked.connect(lambda: self.remove_requested.emit(self))
        self.id_photo = IdPhotoButton(self.form)
        layout = QVBoxLayout(self)
        layout.addWidget(self.id_photo)
        layout.addWidget(self.form)
        layout.addWidget(remove)

    def values(self) -> dict[str, Any]:
        return {k: v for k, v in self.form.values().items() if v not in (None, "", ())}


class NewCasePage(QWidget):
    """Emits ``case_created(case_id)`` once the case is saved."""

    case_created = Signal(int)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.step = store.catalog.latest().steps[0]
        self._dirty = False
        self.form = FieldForm(store, self.step.fields)
        self.form.changed.connect(self._touched)
        # Where the dispute is taken up: the committee's own level or below (a grid worker's
        # case registered in the village database is 第1级).
        self.level = QComboBox()
        committee_level = store.settings.committee().level
        for lv in store.catalog.latest().levels:
            if lv.number <= committee_level:
                self.level.addItem(f"第{lv.number}级 {lv.name}", lv.number)
        self.level.currentIndexChanged.connect(lambda _i: self._touched())
        self.parties: list[PartyBox] = []
        self.party_area = QVBoxLayout()
        self.message = error_label()
        add_applicant = QPushButton("＋ 添加申请人")
        add_respondent = QPushButton("＋ 添加被申请人")
        add_third = QPushButton("＋ 添加第三人")
        add_applicant.clicked.connect(lambda: self.add_party("申请人"))
        add_respondent.clicked.connect(lambda: self.add_party("被申请人"))
        add_third.clicked.connect(lambda: self.add_party("第三人"))
        self.save_button = QPushButton("保存，生成案号")
        self.save_button.setMinimumHeight(48)
        self.save_button.clicked.connect(self.save)

        body = QWidget()
        inner = QVBoxLayout(body)
        inner.addWidget(heading(f"登记新案件 · 第1步 {self.step.name}", 6))
        inner.addWidget(hint(self.step.hint))
        self.form.layout_.insertRow(0, "＊受理层级", self.level)  # aligned with the fields
        inner.addWidget(self.form)
        inner.addWidget(heading("当事人", 3))
        inner.addLayout(self.party_area)
        buttons = QHBoxLayout()
        for b in (add_applicant, add_respondent, add_third):
            buttons.addWidget(b)
        buttons.addStretch(1)
        inner.addLayout(buttons)
        inner.addStretch(1)
        scroll = DownScrollArea()  # never sideways: claims the width of its form
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(bottom)
        self.reset()

    def reset(self) -> None:
        """An empty form with today's date, the signed-in mediator (else the first of the
        list) as 承办调解员, and two parties."""
        for box in list(self.parties):
            self._remove(box)
        self.form.set_values({f.id: None for f in self.step.fields})
        values: dict[str, Any] = {"accepted_on": self.store.today(), "source": "当事人申请"}
        mediators = self.store.settings.mediators()
        if mediators:
            mine = [m.id for m in mediators if m.name == self.store.actor]
            values["mediator"] = (mine or [mediators[0].id])[0]
        self.form.set_values(values)
        self.add_party("申请人")
        self.add_party("被申请人")
        self.level.setCurrentIndex(self.level.count() - 1)  # the committee's own level
        show_error(self.message, "")
        self._dirty = False

    def add_party(self, role: str) -> PartyBox:
        box = PartyBox(self.store, role)
        box.remove_requested.connect(self._remove)
        box.form.changed.connect(self._touched)
        self.parties.append(box)
        self.party_area.addWidget(box)
        self._renumber()
        return box

    def _remove(self, box: PartyBox) -> None:
        self.parties.remove(box)
        box.setParent(None)
        box.deleteLater()
        self._renumber()
        self._dirty = True

    def _renumber(self) -> None:
        for i, box in enumerate(self.parties, start=1):
            box.setTitle(f"当事人 {i}")

    def _touched(self) -> None:
        self._dirty = True

    def has_unsaved_changes(self) -> bool:
        return self._dirty

    def save(self) -> bool:
        """Check every party at its own fields first, then let the core create the case."""
        self.form.clear_errors()
        show_error(self.message, "")
        # What was typed in the case's own fields first: it is at the top of the page.
        for f in self.step.fields:
            try:
                check_happened(f, coerce(f, self.form.widgets[f.id].value()), self.store.today())
            except ValidationError as exc:
                exc.field = exc.field or f.id  # the refusal belongs to the field it came from
                show_failure(self.message, exc, self.form)
                return False
        parties = []
        for i, box in enumerate(self.parties, start=1):
            box.form.clear_errors()
            values = box.values()
            try:
                clean_party(box.kind, values)
            except ValidationError as exc:
                show_failure(self.message, exc, box.form, prefix=f"当事人 {i}：")
                return False
            parties.append(values)
        values = {k: v for k, v in self.form.values().items() if v not in (None, "", ())}
        try:
            case = self.store.cases.create(values, parties, level=self.level.currentData())
        except FAILURES as exc:
            show_failure(self.message, exc, self.form)
            return False
        problems = [
            attach_kept_photo(self.store, case.id, box.id_photo, box.values().get("name", ""))
            for box in self.parties
        ]
        if any(problems):
            tell(self, "证件照片没有存入", "\n".join(p for p in problems if p))
        self._dirty = False
        self.case_created.emit(case.id)
        return True
