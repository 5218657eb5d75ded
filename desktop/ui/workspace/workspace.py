"""The case workspace: one case's five steps, its place on the four-level ladder, the step
forms with their records, attachments, documents and history, and the escalate / terminate /
extend actions. Every rule is the core's; this widget shows what the core says."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.deadlines import case_deadlines, inputs_for
from desktop.core.errors import CaseClosedError
from desktop.core.models import DONE, Case, CaseDetail, CaseStatus
from desktop.core.plaintext import clause, sentence
from desktop.core.store import Store
from desktop.core.validation.dates import format_cn_date
from desktop.core.workflow.engine import check_edit
from desktop.ui.down_scroll import DownScrollArea
from desktop.ui.form_label import JOINER, runs
from desktop.ui.workspace.attachments_panel import AttachmentsPanel
from desktop.ui.workspace.documents_panel import DocumentsPanel
from desktop.ui.workspace.flow_dialogs import (
    EscalateDialog,
    ExtendDialog,
    FlowDialog,
    TerminateDialog,
)
from desktop.ui.workspace.progress import LevelLadder, StepProgress
from desktop.ui.workspace.step_form import StepForm
from desktop.ui.workspace.style import DONE_COLOUR, heading, hint
from desktop.ui.workspace.timeline_view import TimelineView


class CaseWorkspace(QWidget):
    """``CaseWorkspace(store, case_id)``; emits ``case_changed(case_id)`` after every write."""

    case_changed = Signal(int)

    def __init__(self, store: Store, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.case_id = store, case_id
        self.detail: CaseDetail = store.cases.detail(case_id)
        self.spec = store.cases.spec_of(self.detail.case)
        self.forms: dict[str, StepForm] = {}
        self.shown_step = ""

        self.title = heading("", 5)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.escalate_button = QPushButton("上报 / 移交…")
        self.terminate_button = QPushButton("终止调解…")
        self.extend_button = QPushButton("延长期限…")
        self.escalate_button.clicked.connect(lambda: self.run_dialog(EscalateDialog))
        self.terminate_button.clicked.connect(lambda: self.run_dialog(TerminateDialog))
        self.extend_button.clicked.connect(lambda: self.run_dialog(ExtendDialog))
        actions = QHBoxLayout()
        for b in (self.escalate_button, self.terminate_button, self.extend_button):
            actions.addWidget(b)
        head_text = QVBoxLayout()
        head_text.addWidget(self.title)
        head_text.addWidget(self.summary)
        head = QHBoxLayout()
        head.addLayout(head_text, 1)
        head.addLayout(actions)

        self.progress = StepProgress(self.spec)
        self.progress.step_clicked.connect(self.show_step)
        self.ladder = LevelLadder(self.spec)
        self.deadlines = QLabel()
        self.deadlines.setWordWrap(True)
        self.deadlines.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.deadlines.setFrameShape(QFrame.Shape.StyledPanel)
        side = QVBoxLayout()
        side.addWidget(self.ladder)
        side.addWidget(self.deadlines)
        side.addStretch(1)
        side_box = QWidget()
        side_box.setLayout(side)
        # In a scroll area so large text grows the column downwards instead of clipping it.
        side_scroll = QScrollArea()
        side_scroll.setWidgetResizable(True)
        side_scroll.setWidget(side_box)
        side_scroll.setFrameShape(QFrame.Shape.NoFrame)
        side_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Fifteen characters wide where there is room; in a narrow window (1024 px at large
        # text) it gives way down to the ladder's own width, so the step pages keep theirs.
        em = self.fontMetrics().horizontalAdvance("四")
        side_scroll.setMaximumWidth(em * 15 + 30)
        side_scroll.setMinimumWidth(
            max(em * 8, self.ladder.minimumSizeHint().width())
            + side_scroll.verticalScrollBar().sizeHint().width()
        )

        # One scroll area per step: a stack sized to its tallest page would scroll into blank.
        self.stack = QStackedWidget()
        self.scrolls: dict[str, QScrollArea] = {}
        self.done_note = hint("")
        self.notice = QLabel()  # what just happened, in green, so a completed step is noticed
        self.notice.setStyleSheet(f"color: {DONE_COLOUR}; font-weight: bold;")
        self.notice.setWordWrap(True)  # a long notice at large text must not widen the window
        self.notice.setVisible(False)
        steps_page = QWidget()
        steps_layout = QVBoxLayout(steps_page)
        steps_layout.setContentsMargins(0, 0, 0, 0)
        steps_layout.addWidget(self.done_note)
        steps_layout.addWidget(self.notice)
        # After a hand-over: where the package went, and a button to open that folder.
        self.handoff_folder: Path | None = None
        self.open_handoff_folder = QPushButton("打开移交包所在的文件夹")
        self.open_handoff_folder.clicked.connect(self._open_handoff_folder)
        self.open_handoff_folder.setVisible(False)
        steps_layout.addWidget(self.open_handoff_folder)
        steps_layout.addWidget(self.stack, 1)
        self.attachments = AttachmentsPanel(store, case_id)
        self.attachments.changed.connect(self._after_write)
        self.timeline = TimelineView(store, case_id)
        self.tabs = QTabWidget()
        self.tabs.addTab(steps_page, "办理步骤")
        self.documents = DocumentsPanel(self.store, self.case_id)
        self.documents.changed.connect(self._after_write)
        self.tabs.addTab(self.documents, "文书打印")
        self.tabs.addTab(self.attachments, "照片和附件")
        self.tabs.addTab(self.timeline, "办理经过")
        # Photos and documents are costly to redraw (thumbnails, self-check): they are redrawn
        # when their tab is shown, not after every change made elsewhere.
        self.lazy: list[DocumentsPanel | AttachmentsPanel] = [self.documents, self.attachments]
        self.stale: set[QWidget] = set(self.lazy)  # redrawn when next shown
        self.tabs.currentChanged.connect(self._tab_shown)
        body = QHBoxLayout()
        body.addWidget(self.tabs, 1)
        body.addWidget(side_scroll)

        layout = QVBoxLayout(self)
        # The window's own margins frame the page already; 22 pixels more were what kept an
        # open case wider than a 1024-pixel screen at large text.
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.progress)
        layout.addLayout(body, 1)
        self.refresh()
        self.show_step(self.opening_step())
        # Ctrl+S saves what was typed, as in every other program the mediator knows.
        save = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self._save_shortcut)

    def opening_step(self) -> str:
        """The step to show: the current one, or where a closed case ended."""
        case = self.detail.case
        if case.step_now != DONE:
            return case.step_now
        states = self.progress.states
        return next((s for s, st in states.items() if st == "stopped"), self.spec.steps[-1].id)

    # ------------------------------------------------------------------ showing
    def refresh(self) -> None:
        """Re-read the case and redraw everything that is not an unsaved form."""
        self.detail = self.store.cases.detail(self.case_id)
        case = self.detail.case
        self.title.setText(f"{case.case_no}  {case.title}")
        level = self.spec.level(case.level_now)
        mediator = self.detail.mediator.name if self.detail.mediator else "未指定"
        parties = "、".join(p.name for p in self.detail.parties) or "未登记"
        items = (
            f"状态：{case.status}",
            case.category_name,
            f"当事人：{parties}",
            f"承办：{mediator}",
            f"受理：{case.accepted_on.isoformat()}",
            f"现在：{level.label}",
        )
        # Each item stays on one line (a name never breaks in two); the line wraps between them,
        # or within an item only after its punctuation (当事人：张建国、/李秀英). Qt's rich text
        # ignores nowrap on a span: word joiners hold the characters together (at 1024 px and
        # large text 李秀英 broke as 李秀/英).
        self.summary.setText(
            "　　".join(
                "<span style='white-space:nowrap'>"
                + "".join(escape(JOINER.join(run)) for run in runs(t))
                + "</span>"
                for t in items
            )
        )
        self.progress.update_case(case, self.shown_step)
        self.ladder.update_case(self.detail)
        self._show_deadlines()
        try:
            check_edit(self.store.cases.state(case), "case")
            open_case = True
        except CaseClosedError:
            open_case = False
        for b in (self.escalate_button, self.terminate_button, self.extend_button):
            b.setEnabled(open_case)
        note = f"本案已经办结（{case.status}）：案件内容只能查看，仍可添加回访记录和履行凭证。"
        if self.detail.terminations:
            t = self.detail.terminations[-1]
            note += f"\n终止理由：{clause(t.reason)}；已告知当事人：{'、'.join(t.routes)}。"
        elif case.status is CaseStatus.TRANSFERRED and self.detail.escalations:
            e = self.detail.escalations[-1]
            note += f"\n已移交{self.spec.level_label(e.to_level)}，理由：{sentence(e.reason)}"
        if not open_case and "现在办理" in self.notice.text():
            self.notice.setVisible(False)  # "现在办理第N步" is no longer true of a closed case
        self.done_note.setText("" if open_case else note)
        self.done_note.setVisible(not open_case)
        for form in self.forms.values():
            if not form.has_unsaved_changes():
                form.reload()
        self.timeline.reload()
        for panel in self.lazy:
            if self.tabs.currentWidget() is panel:
                panel.reload()
                self.stale.discard(panel)
            else:
                self.stale.add(panel)

    def _tab_shown(self, index: int) -> None:
        for panel in self.lazy:
            if panel is self.tabs.widget(index) and panel in self.stale:
                self.stale.discard(panel)
                panel.reload()

    def _show_deadlines(self) -> None:
        today = self.store.today()
        items = [
            d for d in case_deadlines(inputs_for(self.store, self.case_id), self.spec) if not d.done
        ]
        if self.detail.case.step_now == DONE or not items:
            self.deadlines.setText("<b>期限</b><br>没有未到的期限。")
            return
        lines = []
        # Every item: the column scrolls, so nothing is cut off without a word.
        for d in sorted(items, key=lambda d: d.due):
            left = d.days_left(today)
            when = (
                "今天到期"
                if left == 0
                else (f"还有 {left} 天" if left > 0 else f"已超过 {-left} 天")
            )
            colour = "#b00020" if left < 0 else ("#8a5a00" if left <= 3 else "#222222")
            name = d.label
            lines.append(
                f"{name}<br>{format_cn_date(d.due)}<span style='color:{colour}'>（{when}）</span>"
            )
        self.deadlines.setText(f"<b>期限（共 {len(lines)} 项）</b><br>" + "<br>".join(lines))

    def show_step(self, step_id: str) -> None:
        if self.progress.states.get(step_id) == "locked":
            return
        self.notice.setVisible(False)
        if step_id not in self.forms:
            form = StepForm(self.store, self.case_id, self.spec, self.spec.step(step_id))
            form.changed.connect(self._after_write)
            form.completed.connect(self._after_complete)
            form.settled_on_spot.connect(self._after_onsite)
            self.forms[step_id] = form
            scroll = DownScrollArea()  # as wide as the form needs: never a sideways bar
            scroll.setWidget(form)
            self.scrolls[step_id] = scroll
            self.stack.addWidget(scroll)
        self.shown_step = step_id
        self.stack.setCurrentWidget(self.scrolls[step_id])
        self.progress.update_case(self.detail.case, step_id)
        self.tabs.setCurrentIndex(0)
        self.scrolls[step_id].verticalScrollBar().setValue(0)

    def current_form(self) -> StepForm:
        return self.forms[self.shown_step]

    # ------------------------------------------------------------------ writing
    def _after_write(self) -> None:
        """Redraw after a save, keeping every step's scroll position: the form must not jump
        to its top under the mouse (a click meant for the form would land on the steps)."""
        kept = {sid: s.verticalScrollBar().value() for sid, s in self.scrolls.items()}
        self.refresh()
        self._restore_scroll(kept)
        # Row heights settle once the event loop has laid the lists out again.
        QTimer.singleShot(0, self, lambda: self._restore_scroll(kept))
        self.case_changed.emit(self.case_id)

    def _restore_scroll(self, kept: dict[str, int]) -> None:
        for sid, value in kept.items():
            if sid in self.scrolls:
                self.scrolls[sid].verticalScrollBar().setValue(value)

    def _after_complete(self) -> None:
        finished = self.spec.step(self.shown_step)
        self._after_write()
        case = self.detail.case
        self.show_step(case.step_now if case.step_now != DONE else self.shown_step)
        text = f"✔ 第{finished.number}步“{finished.name}”已完成。"
        if case.step_now != DONE:
            nxt = self.spec.step(case.step_now)
            text += f"现在办理第{nxt.number}步“{nxt.name}”。"
        else:
            text += "本案已经归档。"
        self.notice.setText(text)
        self.notice.setVisible(True)

    def _after_onsite(self) -> None:
        """After a 当场调解 record: the case stands at the step the core left it at."""
        self._after_write()
        case = self.detail.case
        if case.step_now != DONE:
            self.show_step(case.step_now)
        text = "✔ 已记录当场调解，口头协议已登记（在“文书打印”中打印口头协议登记表）。"
        if case.step_now != DONE:
            nxt = self.spec.step(case.step_now)
            text += f"现在办理第{nxt.number}步“{nxt.name}”。"
        self.notice.setText(text)
        self.notice.setVisible(True)

    def run_dialog(self, cls: Callable[[Store, Case, QWidget], FlowDialog]) -> bool:
        """Unsaved edits are saved first, so the transition sees what the mediator typed."""
        if not self.save():
            return False
        dialog = cls(self.store, self.detail.case, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self._after_write()
        package = getattr(dialog, "package_path", None)
        if package is not None:
            self.handoff_folder = Path(package).parent
            self.notice.setText(
                f"✔ 已移交上级。移交包已写到：{package}\n"
                "请把它交给上级，在上级的电脑上用“导入报送包”导入后继续办理。"
            )
            self.notice.setVisible(True)
            self.open_handoff_folder.setVisible(True)
        return True

    def _open_handoff_folder(self) -> None:
        if self.handoff_folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.handoff_folder)))

    def _save_shortcut(self) -> None:
        form = self.forms.get(self.shown_step)
        if form is not None and form.has_unsaved_changes():
            form.save_clicked()
        else:
            self.save()

    def has_unsaved_changes(self) -> bool:
        return any(form.has_unsaved_changes() for form in self.forms.values())

    def save(self) -> bool:
        """Save every step form with edits; on a refusal show that form and return False."""
        for step_id, form in self.forms.items():
            if form.has_unsaved_changes() and not form.save():
                self.show_step(step_id)
                return False
        return True
