"""用摄像头拍: a live picture from the laptop's camera (desktop.core.idphoto.camera) and a 拍照
button; the photo taken is written to a temporary file that the caller reads and then keeps in
the case or discards."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.core.idphoto.camera import Camera, save_capture
from desktop.ui.errors import FAILURES, error_label, show_failure
from desktop.ui.screen_fit import fit_picture
from desktop.ui.workspace.style import hint

VIEW_SIZE = QSize(640, 480)
FRAME_MS = 100


class CameraDialog(QDialog):
    """``path`` is the photo taken once the dialog is accepted."""

    def __init__(self, source: int | str = 0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("用摄像头拍证件")
        self.path: Path | None = None
        self.camera: Camera | None = None
        self.last: Image.Image | None = None
        self.view = QLabel("正在打开摄像头…")
        self.view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.view.setFixedSize(VIEW_SIZE)
        self.view.setStyleSheet("background: #222222; color: #ffffff;")
        self.error = error_label()
        self.take_button = QPushButton("拍照")
        self.take_button.setDefault(True)
        self.take_button.setEnabled(False)
        self.take_button.clicked.connect(self.take)
        cancel = QPushButton("取消")
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.take_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint("把证件平放在桌上、光线充足处，让证件占满大半个画面，对准后按“拍照”。")
        )
        layout.addWidget(self.view)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        # On a small screen (1024x600) the view gives way so that 拍照 stays on the screen.
        self.view_size = fit_picture(self, self.view, VIEW_SIZE)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._next_frame)
        try:
            self.camera = Camera(source)
        except FAILURES as exc:
            self.view.setText("没有摄像头画面")
            show_failure(self.error, exc)
            self.view_size = fit_picture(self, self.view, VIEW_SIZE)  # the reason takes room
            return
        self.timer.start(FRAME_MS)

    def _next_frame(self) -> None:
        if self.camera is None:
            return
        picture = self.camera.frame()
        if picture is None:
            return  # a dropped frame; the last good one stays on screen
        self.last = picture
        image = QImage(
            picture.tobytes(),
            picture.width,
            picture.height,
            3 * picture.width,
            QImage.Format.Format_RGB888,
        ).copy()
        self.view.setPixmap(
            QPixmap.fromImage(image).scaled(
                self.view_size,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        self.take_button.setEnabled(True)

    def take(self) -> bool:
        if self.last is None:
            return False
        try:
            self.path = save_capture(self.last)
        except FAILURES as exc:
            show_failure(self.error, exc, prefix="照片没能保存：")
            self.view_size = fit_picture(self, self.view, VIEW_SIZE)
            return False
        self.accept()
        return True

    def done(self, result: int) -> None:
        self.timer.stop()
        if self.camera is not None:
            self.camera.close()
            self.camera = None
        super().done(result)
