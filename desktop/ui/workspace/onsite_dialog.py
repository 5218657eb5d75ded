"""The 当场调解 form: one record for a dispute settled on the spot (facts found, what was agreed,
the parties present). Its fields are wubu.toml's ``[onsite]`` list; the core writes the record,
the oral agreement and the steps it completes (``store.onsite``), or refuses in one sentence
shown beside the field it names."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.models import Case
from desktop.core.store import Store
from desktop.core.workflow.spec import OnsiteSpec
from desktop.ui.down_scroll import DownScrollArea
from desktop.ui.errors import FAILURES, error_label, show_error, show_failure
from desktop.ui.name_picker import offer_names
from desktop.ui.prompts import ask
from desktop.ui.screen_fit import fit_to_screen
from desktop.ui.workspace.field_form import FieldForm
from desktop.ui.workspace.style import heading, hint


class OnsiteDialog(QDialog):
    """``OnsiteDialog(store, case_id, onsite)``; ``saved`` is the case after the core took it."""

    def __init__(
        self, store: Store, case_id: int, onsite: OnsiteSpec, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store, self.case_id, self.onsite = store, case_id, onsite
        self.saved: Case | None = None
        self.setWindowTitle(f"{onsite.name}记录")
        self.form = FieldForm(store, onsite.fields)
        self.form.set_date_anchor(store.cases.get(case_id).accepted_on)
        self.form.set_values(store.onsite.prefill(case_id))
        names = [p.name for p in store.records.parties(case_id) if p.name]
        for f in onsite.fields:
            if f.parties_only:  # 履行人: a party's name, picked rather than typed
                offer_names(self.form.widgets[f.id], names)
        self.dirty = False
        self.form.changed.connect(self._edited)
        scroll = DownScrollArea()  # never sideways: claims the width of its form
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.error = error_label()
        self.ok_button = QPushButton("保存，登记口头协议")
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.try_save)
        cancel = QPushButton("取消")
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.windowTitle(), 2))
        if onsite.hint:
            layout.addWidget(hint(onsite.hint))
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        fit_to_screen(self, 820, 200 + 70 * len(onsite.fields))

    def _edited(self) -> None:
        self.dirty = True

    def reject(self) -> None:
        """取消, Esc and the close box: what was typed is not dropped unasked."""
        if (
            self.dirty
            and self.saved is None
            and not ask(
                self, "还没有保存", f"刚才填写的{self.windowTitle()}还没有保存，确定不要了吗？"
            )
        ):
            return
        super().reject()

    def try_save(self) -> bool:
        self.form.clear_errors()
        show_error(self.error, "")
        try:
            self.saved = self.store.onsite.settle(self.case_id, self.form.values())
        except FAILURES as exc:
            show_failure(self.error, exc, self.form)
            return False
        self.accept()
        return True
