"""Attachments of a case: photos and scans copied into the data folder by the core, shown as
thumbnails; double-click opens one with the system's viewer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QIcon, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import CaseClosedError
from desktop.core.models import Attachment
from desktop.core.store import Store
from desktop.core.workflow.engine import check_edit
from desktop.ui import prompts
from desktop.ui.errors import FAILURES, error_label, show_error, show_failure
from desktop.ui.workspace.style import hint

THUMB = 160
FILE_FILTER = "照片和扫描件 (*.jpg *.jpeg *.png *.bmp *.gif *.tif *.tiff *.pdf);;所有文件 (*)"


def thumbnail(path: Path, fallback: QIcon) -> QIcon:
    """A scaled-down picture; reading at reduced size keeps big phone photos cheap."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)  # phone photos carry their rotation in EXIF
    size = reader.size()
    if not reader.canRead() or not size.isValid():
        return fallback
    reader.setScaledSize(size.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return QIcon(QPixmap.fromImage(image)) if not image.isNull() else fallback


class AttachmentsPanel(QWidget):
    changed = Signal()

    def __init__(self, store: Store, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.case_id = store, case_id
        self.attachments: list[Attachment] = []
        self.list = QListWidget()
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setIconSize(QSize(THUMB, THUMB))
        self.list.setGridSize(QSize(THUMB + 40, THUMB + 60))
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setWordWrap(True)
        self.list.itemDoubleClicked.connect(self._open)
        self.add_button = QPushButton("添加照片或扫描件…")
        self.add_button.clicked.connect(self.choose_files)
        self.error = error_label()
        bar = QHBoxLayout()
        bar.addWidget(self.add_button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint(
                "现场照片、证据材料、履行凭证的扫描件都可以加进来；文件会复制一份保存，原文件可以删掉。"
                "双击可以打开查看。"
            )
        )
        layout.addLayout(bar)
        layout.addWidget(self.error)
        layout.addWidget(self.list, 1)
        # Filled by reload(), which the workspace calls when this tab is first shown.

    def reload(self) -> None:
        self.list.clear()
        self.attachments = list(self.store.files.attachments(self.case_id))
        fallback = self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        for att in self.attachments:
            path = self.store.files.readable_path(att)
            item = QListWidgetItem(thumbnail(path, fallback), att.note or att.filename)
            item.setToolTip(f"{att.filename}\n添加于 {att.added_at.replace('T', ' ')}")
            self.list.addItem(item)
        try:
            check_edit(self.store.cases.state(self.store.cases.get(self.case_id)), "receipt")
            self.add_button.setEnabled(True)
        except CaseClosedError:
            self.add_button.setEnabled(False)

    def choose_files(self) -> None:
        self.add_files(prompts.open_files(self, "选择照片或扫描件", FILE_FILTER))

    def add_files(self, files: list[Path]) -> int:
        """Copy each file in; stop at the first refusal and say which file and why."""
        added = 0
        show_error(self.error, "")
        for path in files:
            try:
                self.store.files.add_attachment(self.case_id, path)
            except FAILURES as exc:
                show_failure(self.error, exc, prefix=f"“{path.name}”没有加进来：")
                break
            added += 1
        if added:
            self.reload()
            self.changed.emit()
        return added

    def _open(self, item: QListWidgetItem) -> None:
        att = self.attachments[self.list.row(item)]
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.store.files.readable_path(att))))
