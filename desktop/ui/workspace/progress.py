"""The five steps as a progress bar (done / current / locked) and the levels of 四级化讼 as a
ladder (now / been / resolved). Names come from the case's workflow spec."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.core.models import DONE as MODEL_DONE
from desktop.core.models import Case, CaseDetail
from desktop.core.workflow.spec import WorkflowSpec
from desktop.ui.workspace.style import CURRENT_COLOUR, DONE_COLOUR, LOCKED_COLOUR

DONE, CURRENT, STOPPED, LOCKED = "done", "current", "stopped", "locked"
_MARKS = {DONE: "✔ 已完成", CURRENT: "▶ 正在办", STOPPED: "■ 在此办结", LOCKED: "未开始"}
_COLOURS = {DONE: DONE_COLOUR, CURRENT: CURRENT_COLOUR, STOPPED: "#5d4037", LOCKED: LOCKED_COLOUR}


def step_states(spec: WorkflowSpec, case: Case) -> dict[str, str]:
    """A case closed early (terminated or handed over) stopped at its first unfinished step:
    that step stays open for reading."""
    states = {}
    stopped_at = None
    if case.step_now == MODEL_DONE:
        stopped_at = next((s.id for s in spec.steps if s.id not in case.completed_steps), None)
    for s in spec.steps:
        if s.id in case.completed_steps:
            states[s.id] = DONE
        elif s.id == case.step_now:
            states[s.id] = CURRENT
        elif s.id == stopped_at:
            states[s.id] = STOPPED
        else:
            states[s.id] = LOCKED
    return states


class StepProgress(QWidget):
    """One button per step; done and current steps can be opened, later ones are locked."""

    step_clicked = Signal(str)

    def __init__(self, spec: WorkflowSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.buttons: dict[str, QPushButton] = {}
        self.states: dict[str, str] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        for step in spec.steps:
            button = QPushButton()
            button.setCheckable(True)
            button.setMinimumHeight(
                button.fontMetrics().lineSpacing() * 2 + 18
            )  # two lines at any text size
            button.clicked.connect(lambda _checked=False, sid=step.id: self._clicked(sid))
            self.buttons[step.id] = button
            layout.addWidget(button, 1)

    def _clicked(self, step_id: str) -> None:
        self.step_clicked.emit(step_id)

    def update_case(self, case: Case, shown: str) -> None:
        self.states = step_states(self.spec, case)
        for step in self.spec.steps:
            state = self.states[step.id]
            button = self.buttons[step.id]
            button.setText(f"第{step.number}步  {step.name}\n{_MARKS[state]}")
            button.setEnabled(state != LOCKED)
            button.setChecked(step.id == shown)
            colour = _COLOURS[state]
            border = "3px solid #222" if step.id == shown else f"1px solid {colour}"
            fill = colour if state != LOCKED else "#eeeeee"
            text = "white" if state != LOCKED else "#757575"
            button.setStyleSheet(
                f"QPushButton {{ background: {fill}; color: {text}; border: {border};"
                f" border-radius: 6px; padding: 4px; font-weight: bold; }}"
            )
            button.setToolTip(
                step.hint if state != LOCKED else "前面的步骤完成以后，才能办理这一步。"
            )


def levels_been(detail: CaseDetail) -> set[int]:
    """Levels the case has been handled at: where it started and every escalation's source."""
    been = {detail.case.level_start}
    for e in detail.escalations:
        been.update((e.from_level, e.to_level))
    return been


class LevelLadder(QFrame):
    """The four levels, top level uppermost like a ladder; the case's level is highlighted."""

    def __init__(self, spec: WorkflowSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(3)
        title = QLabel(f"四级化讼（共{len(spec.levels)}级）")
        title.setStyleSheet("font-weight: bold;")
        layout.addWidget(title)
        self.rungs: dict[int, QLabel] = {}
        for level in sorted(spec.levels, key=lambda lv: -lv.number):
            rung = QLabel()
            rung.setWordWrap(True)
            rung.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            rung.setToolTip(level.who)
            self.rungs[level.number] = rung
            layout.addWidget(rung)
        layout.addStretch(1)

    def update_case(self, detail: CaseDetail) -> None:
        case = detail.case
        been = levels_been(detail)
        for level in self.spec.levels:
            marks = []
            if level.number == case.level_now:
                marks.append("现在在此")
            elif level.number in been:
                marks.append("曾在此办理")
            if case.level_resolved == level.number:
                marks.append("在此化解")
            rung = self.rungs[level.number]
            suffix = f"\n{'，'.join(marks)}" if marks else ""
            rung.setText(f"第{level.number}级 {level.name}{suffix}")
            if level.number == case.level_now:
                css = f"background: {CURRENT_COLOUR}; color: white; font-weight: bold;"
            elif level.number in been:
                css = "background: #bbdefb; color: #0d47a1;"
            else:
                css = "background: #f5f5f5; color: #616161;"
            rung.setStyleSheet(css + " border-radius: 4px; padding: 4px;")
