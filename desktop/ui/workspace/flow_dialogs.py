"""Escalate (上报/移交), terminate (终止调解) and extend (延长调解期限) dialogs. Each asks the
reason, hands the decision to the core, and shows a refusal in red inside the dialog."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import ValidationError
from desktop.core.models import Case
from desktop.core.store import Store
from desktop.core.workflow.spec import FieldSpec
from desktop.ui import prompts
from desktop.ui.date_field import DateField
from desktop.ui.errors import FAILURES, error_label, show_error, show_failure
from desktop.ui.prompts import ask
from desktop.ui.screen_fit import fit_to_screen
from desktop.ui.workspace.style import heading, hint


def _date_edit(store: Store, label: str) -> DateField:
    """The same date field as every form (typed in any spelling, 今天, a calendar), at today;
    a day after today is refused at the field (the step was taken, so it has happened)."""
    spec = FieldSpec(id="on", label=label, kind="date", required=True, not_after_today=True)
    edit = DateField(spec, store.today)
    edit.set_value(store.today())
    return edit


def _iso(edit: DateField) -> str | date | None:
    """The date chosen, or the text as typed for the core to refuse in words."""
    value = edit.value()
    return value if value is not None else None


class FlowDialog(QDialog):
    """Common frame: a title, an explanation, a form, the red refusal line and two buttons."""

    def __init__(
        self,
        store: Store,
        case: Case,
        title: str,
        explanation: str,
        ok_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store, self.case = store, case
        self.setWindowTitle(title)
        self.result_case: Case | None = None
        self.form = QFormLayout()
        self.error = error_label()
        self.ok_button = QPushButton(ok_text)
        self.ok_button.clicked.connect(self.try_accept)
        cancel = QPushButton("取消")
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(title, 3))
        layout.addWidget(hint(explanation))
        layout.addLayout(self.form)
        self.warning = QLabel()  # consequences the mediator must not miss
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #8a5a00; font-weight: bold;")
        self.warning.setVisible(False)
        layout.addWidget(self.warning)
        layout.addStretch(1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.reason = QPlainTextEdit()
        self.reason.setFixedHeight(110)
        # Tick boxes big enough to hit and to see without glasses.
        self.setStyleSheet(
            "QCheckBox { spacing: 10px; padding: 3px 0; }"
            " QCheckBox::indicator { width: 22px; height: 22px; }"
        )
        fit_to_screen(self, 700, 460)

    def apply(self) -> Case:
        raise NotImplementedError

    def reject(self) -> None:
        """A reason already written is not thrown away unasked (取消, Esc, close box)."""
        if (
            self.result_case is None
            and self.reason.toPlainText().strip()
            and not ask(self, "还没有办理", f"{self.windowTitle()}还没有办理，写好的理由不要了吗？")
        ):
            return
        super().reject()

    def try_accept(self) -> bool:
        show_error(self.error, "")
        try:
            self.result_case = self.apply()
        except FAILURES as exc:
            show_failure(self.error, exc)
            return False
        self.accept()
        return True


class EscalateDialog(FlowDialog):
    def __init__(self, store: Store, case: Case, parent: QWidget | None = None) -> None:
        spec = store.cases.spec_of(case)
        here = spec.level(case.level_now)
        self.to_level = case.level_now + 1
        committee = store.settings.committee().level
        if self.to_level <= spec.top_level:
            nxt = spec.level(self.to_level)
            text = (
                f"本案现在在第{here.number}级“{here.name}”，"
                f"将上报到第{nxt.number}级“{nxt.name}”（{nxt.who}）。"
            )
        else:
            text = f"本案已在最高一级“{here.name}”。"
        super().__init__(store, case, "上报 / 移交", text, "确定上报", parent)
        if self.to_level <= spec.top_level and self.to_level > committee:
            self.warning.setText(
                f"注意：{spec.level_label(self.to_level)}在本调委会之上，"
                "上报后本案移交上级办理，本调委会这里即告办结；"
                "全部记录都会保留。"
            )
            self.warning.setVisible(True)
        self.reason.setPlaceholderText("例如：双方分歧较大，涉及宅基地权属，需镇无讼工作室协调。")
        self.on = _date_edit(store, "上报日期")
        self.form.addRow("＊上报理由", self.reason)
        self.form.addRow("上报日期", self.on)
        #: Where the hand-off package was written (a hand-over beyond this committee).
        self.package_path: Path | None = None
        self.hands_over = self.to_level <= spec.top_level and self.to_level > committee
        self.folder = QLineEdit(str(default_handoff_folder(store)))
        if self.hands_over:
            choose = QPushButton("选择文件夹…")
            choose.clicked.connect(self._choose_folder)
            row = QHBoxLayout()
            row.addWidget(self.folder, 1)
            row.addWidget(choose)
            self.form.addRow("移交包保存到", row)
            self.ok_button.setText("确定移交并写出移交包")
            self.warning.setText(
                self.warning.text()
                + "确定后会把本案的移交包写到上面的文件夹（可以选 U 盘），交给上级导入后继续办理。"
            )

    def _choose_folder(self) -> None:
        folder = prompts.folder(self, "移交包保存到哪个文件夹（例如 U 盘）", self.folder.text())
        if folder:
            self.folder.setText(str(folder))

    def apply(self) -> Case:
        if not self.hands_over:
            return self.store.flow.escalate(
                self.case.id, self.to_level, self.reason.toPlainText(), _iso(self.on)
            )
        from desktop.core.exchange.handoff import hand_over

        folder = self.folder.text().strip()
        if not folder:
            raise ValidationError("请选择移交包保存到哪个文件夹（例如 U 盘）。")
        try:
            result = hand_over(
                self.store, self.case.id, Path(folder), self.reason.toPlainText(), _iso(self.on)
            )
        except OSError:
            raise ValidationError(
                f"移交包没能写到“{folder}”（U 盘是否插好、能否写入？）。"
                "本案没有移交，请换个文件夹再试。"
            ) from None
        self.package_path = result.path
        return self.store.cases.get(self.case.id)


def default_handoff_folder(store: Store) -> Path:
    """Beside the committee's files: ``<data folder>/移交包``."""
    return Path(store.data_dir) / "移交包"


class TerminateDialog(FlowDialog):
    def __init__(self, store: Store, case: Case, parent: QWidget | None = None) -> None:
        spec = store.cases.spec_of(case)
        super().__init__(
            store,
            case,
            "终止调解",
            "调解不成或当事人不愿继续调解的，终止调解，并告知当事人可以通过其他途径解决。"
            "终止后本案办结，只能再添加回访记录和履行凭证。",
            "确定终止",
            parent,
        )
        self.reason.setPlaceholderText("例如：被申请人明确表示不再接受调解。")
        self.routes: dict[str, QCheckBox] = {}
        box = QVBoxLayout()
        for route in spec.termination_routes:
            check = QCheckBox(route)
            self.routes[route] = check
            box.addWidget(check)
        holder = QWidget()
        holder.setLayout(box)
        self.on = _date_edit(store, "终止日期")
        self.form.addRow("＊终止理由", self.reason)
        self.form.addRow("＊已告知的其他途径", holder)
        self.form.addRow("终止日期", self.on)

    def apply(self) -> Case:
        routes = [r for r, check in self.routes.items() if check.isChecked()]
        return self.store.flow.terminate(
            self.case.id, self.reason.toPlainText(), routes, _iso(self.on)
        )


class ExtendDialog(FlowDialog):
    def __init__(self, store: Store, case: Case, parent: QWidget | None = None) -> None:
        spec = store.cases.spec_of(case)
        super().__init__(
            store,
            case,
            "延长调解期限",
            f"调解一般应在受理后{spec.mediation_days}日内结束；需要延长的，须经双方当事人同意，"
            f"每次最多延长{spec.max_extension_days}天。",
            "确定延长",
            parent,
        )
        self.days = QSpinBox()
        self.days.setRange(1, max(spec.max_extension_days, 1))
        self.days.setValue(min(15, spec.max_extension_days))
        self.days.setSuffix(" 天")
        self.consent = QCheckBox("双方当事人都已同意延长")
        self.reason.setPlaceholderText("例如：需等待伤情鉴定结果。")
        self.on = _date_edit(store, "延期日期")
        self.form.addRow("＊延长天数", self.days)
        self.form.addRow("＊延长理由", self.reason)
        self.form.addRow("", self.consent)
        self.form.addRow("决定日期", self.on)

    def apply(self) -> Case:
        return self.store.flow.extend(
            self.case.id,
            self.days.value(),
            self.reason.toPlainText(),
            consent=self.consent.isChecked(),
            on=_iso(self.on),
        )
