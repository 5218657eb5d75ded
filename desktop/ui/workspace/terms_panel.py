"""The agreement editor's terms: every term with what, who, amount (and its Chinese capitals),
manner, place and deadline, a running total, and clause suggestions for the case's dispute
category (resources/clauses) to start from; also suggested wording for the responsibilities."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.clauses import next_instalment, party_names, suggestions_for
from desktop.core.models import Party, Record
from desktop.core.store import Store
from desktop.core.validation.dates import parse_date
from desktop.core.validation.money import capital_amount, format_yuan
from desktop.core.workflow.spec import RecordKindSpec
from desktop.ui.column_fit import AsWideAsTheView, ColumnFit
from desktop.ui.screen_fit import fit_to_screen
from desktop.ui.workspace.field_form import FieldForm, display_value, form_value
from desktop.ui.workspace.record_panel import RecordPanel
from desktop.ui.workspace.style import heading, hint

RESPONSIBILITY_FIELD = "responsibility"
AGREEMENT_DATE_FIELD = "agreement_on"


class SuggestionDialog(QDialog):
    """Pick one suggestion from a list; the text shown in full below the list."""

    def __init__(
        self, title: str, entries: list[tuple[str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.entries = entries
        self.list = QListWidget()
        self.list.setStyleSheet("QListWidget::item { padding: 6px; }")  # easy to hit
        # A long clause name is cut with "…" (whole on hover), not a sideways scroll bar.
        self.list.setItemDelegate(AsWideAsTheView(self.list))
        for name, _text in entries:
            item = QListWidgetItem(name)
            item.setToolTip(name)
            self.list.addItem(item)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setMinimumHeight(90)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.list.currentRowChanged.connect(
            lambda row: self.preview.setText(entries[row][1] if row >= 0 else "")
        )
        self.list.itemDoubleClicked.connect(lambda _i: self.accept())
        use = QPushButton("用这一条")
        use.clicked.connect(self.accept)
        cancel = QPushButton("取消")
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(use)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(title, 2))
        layout.addWidget(hint("选中一条，看下方的全文；用上以后还可以修改。"))
        layout.addWidget(self.list, 1)
        layout.addWidget(self.preview)
        layout.addLayout(buttons)
        if entries:
            self.list.setCurrentRow(0)
        fit_to_screen(self, 680, 520)

    def chosen(self) -> int:
        return self.list.currentRow()


class TermsPanel(RecordPanel):
    def __init__(
        self,
        store: Store,
        case_id: int,
        kind: RecordKindSpec,
        label: str,
        parent: QWidget | None = None,
    ) -> None:
        self.total = QLabel()
        self.total.setWordWrap(True)
        self.total.setStyleSheet("font-weight: bold;")
        super().__init__(store, case_id, kind, label, parent)
        self.step_form: FieldForm | None = None
        self.suggest_button = QPushButton("参考条款…")
        self.suggest_button.setToolTip("按本案纠纷类型列出常用的协议条款，选一条作底稿。")
        self.suggest_button.clicked.connect(self.suggest_term)
        self.instalment_button = QPushButton("再加一期（照上一条）")
        self.instalment_button.setToolTip(
            "分期履行：照最后一条再加一条，期限顺延一个月，可再修改。"
        )
        self.instalment_button.clicked.connect(self.add_instalment)
        # RecordPanel lays itself out in a QVBoxLayout whose last item is the button bar; these
        # two go on a row of their own below it: five buttons in one row were wider than the
        # step's page in a narrowed window (a sideways scroll bar under the whole step).
        outer = cast(QVBoxLayout, self.layout())
        more = QHBoxLayout()
        more.addWidget(self.suggest_button)
        more.addWidget(self.instalment_button)
        more.addStretch(1)
        outer.addLayout(more)
        self._update_buttons()
        outer.insertWidget(2, self.total)
        # The content (what the parties sign) keeps room for a readable line; the other columns
        # even down together and wrap when the table is narrow (at large text they took their
        # one-line widths, squeezed the content to three characters and still needed a
        # sideways scroll bar).
        self.column_fit: ColumnFit | None = ColumnFit(
            self.table, fill=0, fill_chars=10, floor_chars=3, least_chars=2
        )
        self.table.on_width = self.column_fit.fit  # at once, whenever the table's width changes
        self.fit_rows()

    # Every field is a column, and after the amount comes the amount in capitals.
    def _columns(self) -> tuple[Any, ...]:
        return self.kind.fields

    def _money_field(self) -> str | None:
        return next((f.id for f in self.columns if f.kind == "money"), None)

    def headers(self) -> list[str]:
        out = []
        for f in self.columns:
            out.append(f.label)
            if f.kind == "money":
                out.append("金额大写")
        return out

    def cells(self, item: Record | Party) -> list[str]:
        values = item.values if isinstance(item, Record) else {}
        out = []
        for f in self.columns:
            value = values.get(f.id)
            # The term's content is shown whole: it is what the parties will sign.
            out.append(str(value or "") if f.kind == "multiline" else display_value(f, value))
            if f.kind == "money":
                out.append(capital_amount(value) if value else "")
        return out

    def reload(self) -> None:
        super().reload()
        money = self._money_field()
        fen_total = (
            sum((i.values.get(money) or 0) for i in self.items if isinstance(i, Record))
            if money
            else 0
        )
        if fen_total:
            self.total.setText(
                f"金额合计：{format_yuan(fen_total)}元（{capital_amount(fen_total)}）"
            )
        else:
            self.total.setText("")
        self.total.setVisible(bool(fen_total))

    def fit_rows(self) -> None:
        """Columns fitted to the panel's width first (rows wrap to the widths they get)."""
        columns: ColumnFit | None = getattr(self, "column_fit", None)  # made after the first
        if columns is not None:
            columns.fit()
        super().fit_rows()

    def _update_buttons(self) -> None:
        super()._update_buttons()
        if hasattr(self, "instalment_button"):
            self.instalment_button.setEnabled(self.add_button.isEnabled() and bool(self.items))

    def add_instalment(self) -> bool:
        """The next instalment, opened for checking before it is saved."""
        last = self.items[-1] if self.items else None
        if not isinstance(last, Record):
            return False
        kept = {f.id: last.values.get(f.id) for f in self.kind.fields}
        values = {f.id: form_value(f, v) for f in self.kind.fields if (v := kept[f.id]) is not None}
        return self.add(next_instalment(values))

    def attach_form(self, form: FieldForm) -> None:
        """Give the editor the step's form: to date suggestions and to offer responsibility
        wording."""
        self.step_form = form
        if RESPONSIBILITY_FIELD in form.widgets:
            button = QPushButton("参考写法…")
            button.setToolTip("按本案纠纷类型列出“各方当事人的责任”的常用写法。")
            button.clicked.connect(self.suggest_responsibility)
            row = QHBoxLayout()
            row.addWidget(button)
            row.addStretch(1)
            # Right under the responsibility field it is about.
            position = form.layout_.getWidgetPosition(form.widgets[RESPONSIBILITY_FIELD])
            at = cast(tuple[int, QFormLayout.ItemRole], position)[0]
            form.layout_.insertRow(at + 1, "", row)
            self.responsibility_button = button

    def _names(self) -> dict[str, str]:
        parties: tuple[Party, ...] = self.store.records.parties(self.case_id)
        return party_names(parties)

    def _agreement_date(self) -> date:
        if self.step_form is not None and AGREEMENT_DATE_FIELD in self.step_form.widgets:
            raw = self.step_form.widgets[AGREEMENT_DATE_FIELD].value()
            try:
                return parse_date(raw) if raw else self.store.today()
            except Exception:  # noqa: BLE001 - a half-typed date just falls back to today
                return self.store.today()
        return self.store.today()

    def suggest_term(self) -> bool:
        case = self.store.cases.get(self.case_id)
        clauses = suggestions_for(case.category_code).clauses
        names = self._names()
        entries = [(c.title, c.fill(names, self._agreement_date())["content"]) for c in clauses]
        dlg = SuggestionDialog(f"参考条款（{case.category_name}）", entries, self)
        if dlg.exec() != QDialog.DialogCode.Accepted or dlg.chosen() < 0:
            return False
        return self.add(clauses[dlg.chosen()].fill(names, self._agreement_date()))

    def suggest_responsibility(self) -> bool:
        case = self.store.cases.get(self.case_id)
        items = suggestions_for(case.category_code).responsibilities
        names = self._names()
        entries = [(r.title, r.fill(names)) for r in items]
        if not entries:
            self.set_error("这一类纠纷还没有参考写法，请直接填写。")
            return False
        dlg = SuggestionDialog(f"各方责任的参考写法（{case.category_name}）", entries, self)
        if dlg.exec() != QDialog.DialogCode.Accepted or dlg.chosen() < 0 or self.step_form is None:
            return False
        widget = self.step_form.widgets[RESPONSIBILITY_FIELD]
        current = widget.value() or ""
        text = entries[dlg.chosen()][1]
        widget.set_value(f"{current}\n{text}".strip() if current else text)
        self.step_form.changed.emit()  # an inserted text is an unsaved edit like typing
        return True


__all__ = ["TermsPanel", "SuggestionDialog", "display_value"]
