"""从证件照片填写: a button for a party form and the dialog behind it. The mediator picks a photo
or scan of an ID card, permanent-residence card or business licence; it is read off the GUI
thread (the core's desktop.core.idphoto), the picture is shown with the fields found beside it
for checking and correcting, and only then are they put into the party form, which still has
to be saved. The photo can be kept as the case's ID-proof attachment; whether to keep it is
asked once and remembered (prefs)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt, QThread, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.idphoto import FIELDS_OF, Reading, camera, engine, read_picture
from desktop.core.idphoto.fields import label_of, verify
from desktop.ui import prefs, prompts
from desktop.ui.camera_dialog import CameraDialog
from desktop.ui.errors import FAILURES, error_label, explain, show_error
from desktop.ui.screen_fit import fit_picture, fit_to_screen
from desktop.ui.workspace.style import heading, hint

if TYPE_CHECKING:
    from desktop.core.store import Store
    from desktop.ui.workspace.field_form import FieldForm

PHOTO_FILTER = "证件照片或扫描件 (*.jpg *.jpeg *.png *.bmp *.tif *.tiff *.webp *.pdf);;所有文件 (*)"
PICTURE_SIZE = QSize(560, 400)
#: Workers still running after their dialog closed: kept referenced until they finish, since a
#: QThread destroyed while running takes the whole program down.
_orphans: set[QThread] = set()


class ReadWorker(QThread):
    """Loads the picture (shown at once) and reads it; results come back as signals."""

    picture_ready = Signal(QImage)
    reading_ready = Signal(object)
    failed = Signal(str)

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def run(self) -> None:
        try:
            picture = engine.load_picture(self.path)
            data = picture.tobytes()
            image = QImage(
                data, picture.width, picture.height, 3 * picture.width, QImage.Format.Format_RGB888
            ).copy()  # own the pixels
            self.picture_ready.emit(image)
            self.reading_ready.emit(read_picture(picture))
        except FAILURES as exc:
            self.failed.emit(explain(exc))
        except Exception as exc:  # noqa: BLE001 - any failure of the recogniser is one sentence
            from desktop.core.unexpected import record

            record(exc, f"读身份证照片 {self.path.name}")  # the detail: the log, not the sentence
            self.failed.emit("这张照片没有读成功，请换一张照片或手工填写。")


class IdPhotoDialog(QDialog):
    """The picture on the left, the fields found on the right; 填入 gives ``values`` (party
    field id -> value, checked again after the mediator's corrections) and ``keep_photo``."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.values: dict[str, Any] = {}
        self.reading: Reading | None = None
        self.edits: dict[str, QLineEdit] = {}
        self.problems: dict[str, QLabel] = {}
        self.setWindowTitle("从证件照片填写")
        self.picture = QLabel("正在打开照片…")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setFixedSize(PICTURE_SIZE)
        self.picture.setStyleSheet("background: #eeeeee; border: 1px solid #cccccc;")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # moving bar: the recogniser gives no steps to count
        self.status = hint(
            "正在识别照片上的文字…"
            if engine.loaded()
            else "正在识别照片上的文字（第一次使用要先载入识别模型，请稍候）…"
        )
        left = QVBoxLayout()
        left.addWidget(self.picture)
        left.addWidget(self.busy)
        left.addWidget(self.status)
        left.addStretch(1)

        self.kind_label = heading("", 3)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.keep = QCheckBox("把这张照片存入本案附件（卷宗评查要求留存身份证明）")
        remembered = prefs.id_photo_keep()
        self.keep.setChecked(bool(remembered))
        self.keep.setVisible(remembered is not None)  # the first time it is asked outright
        self.error = error_label()
        right = QVBoxLayout()
        right.addWidget(self.kind_label)
        right.addWidget(hint("请对照左边的照片逐项核对；认错的直接改，认不出的留空以后手填。"))
        right.addLayout(self.form)
        right.addStretch(1)
        right.addWidget(self.keep)
        right.addWidget(self.error)

        self.fill_button = QPushButton("核对无误，填入")
        self.fill_button.setDefault(True)
        self.fill_button.setEnabled(False)
        self.fill_button.clicked.connect(self.fill)
        cancel = QPushButton("取消")
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.fill_button)
        buttons.addWidget(cancel)

        body = QHBoxLayout()
        body.addLayout(left)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)
        # On a small screen (1024x600) the picture gives way, and the dialog is no wider than
        # the screen: 核对无误，填入 and 取消 were off its right edge.
        self.picture_size = fit_picture(self, self.picture, PICTURE_SIZE)
        fit_to_screen(self, 1100, 600)

        self.worker = ReadWorker(self.path)
        self.worker.picture_ready.connect(self._show_picture)
        self.worker.reading_ready.connect(self._show_reading)
        self.worker.failed.connect(self._show_failure)
        self.worker.start()

    # ------------------------------------------------------------------ worker results
    def _show_picture(self, image: QImage) -> None:
        pixmap = QPixmap.fromImage(image).scaled(
            self.picture_size,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        self.picture.setPixmap(pixmap)

    def _refit(self) -> None:
        """The picture gives way again when the rest grew (a reason, the fields found), so
        the buttons stay on a small screen; a picture shown is scaled to the new size."""
        self.picture_size = fit_picture(self, self.picture, PICTURE_SIZE)
        shown = self.picture.pixmap()
        if not shown.isNull() and self.picture_size.boundedTo(shown.size()) != shown.size():
            self.picture.setPixmap(
                shown.scaled(
                    self.picture_size,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )

    def _done_busy(self, message: str) -> None:
        self.busy.setRange(0, 1)
        self.busy.setValue(1)
        self.busy.hide()
        self.status.setText(message)

    def _show_failure(self, message: str) -> None:
        self._done_busy("")
        show_error(self.error, message)
        self._refit()

    def _show_reading(self, reading: Reading) -> None:
        self.reading = reading
        if not reading.kind:
            self._done_busy("")
            show_error(self.error, reading.problems.get("", "没有认出证件。"))
            self._refit()
            return
        found = len(reading.fields)
        self._done_busy(f"识别用了 {reading.seconds:.1f} 秒，认出 {found} 项。")
        self.kind_label.setText(f"认出的是：{reading.kind}")
        for key in FIELDS_OF[reading.kind]:
            edit = QLineEdit(reading.fields.get(key, ""))
            edit.setMinimumWidth(320)
            problem = QLabel(reading.problems.get(key, ""))
            problem.setStyleSheet("color: #b00020;")
            problem.setWordWrap(True)
            problem.setVisible(bool(problem.text()))
            cell = QVBoxLayout()
            cell.setSpacing(2)
            cell.addWidget(edit)
            cell.addWidget(problem)
            self.form.addRow(label_of(reading.kind, key), cell)
            self.edits[key], self.problems[key] = edit, problem
        self._refit()  # the fields found make the right side taller
        self.fill_button.setEnabled(True)
        self.fill_button.setFocus()

    # ------------------------------------------------------------------ the mediator's answer
    def fill(self) -> bool:
        """Check the (corrected) texts again; refuse with the reasons at the fields if any
        typed text does not hold, else close with ``values`` set."""
        if self.reading is None or not self.reading.kind:
            return False
        kind = self.reading.kind
        texts = {key: edit.text().strip() for key, edit in self.edits.items()}
        checked = verify(kind, texts)
        refused = {k: checked.problems[k] for k in checked.problems if texts.get(k)}
        for key, label in self.problems.items():
            label.setText(refused.get(key, ""))
            label.setVisible(key in refused)
        if refused:
            show_error(self.error, "有几项没有通过核对，请看标红的说明，改正或清空后再填入。")
            return False
        if prefs.id_photo_keep() is None:
            keep = _ask_keep(self)
            prefs.set_id_photo_keep(keep)
            self.keep.setChecked(keep)
        elif self.keep.isChecked() != prefs.id_photo_keep():
            prefs.set_id_photo_keep(self.keep.isChecked())
        self.values = checked.party_values()
        self.accept()
        return True

    @property
    def keep_photo(self) -> bool:
        return self.keep.isChecked()

    def done(self, result: int) -> None:
        if self.worker.isRunning():
            # Reading cannot be stopped half-way; let it finish unseen.
            for signal in (
                self.worker.picture_ready,
                self.worker.reading_ready,
                self.worker.failed,
            ):
                signal.disconnect()
            _orphans.add(self.worker)
            self.worker.finished.connect(lambda w=self.worker: _orphans.discard(w))
        super().done(result)


def _ask_keep(parent: QWidget) -> bool:
    question = (
        "从证件照片填写后，要把照片存入案件的附件吗？\n"
        "卷宗评查要求留存当事人的身份证明；不存的话照片不会被复制。\n"
        "这个选择会记住，以后在填写窗口里也可以改。"
    )
    buttons = ("存入案件附件", "不存")
    return prompts.choose(parent, "证件照片要不要留存", question, buttons, escape=1) == 0


class IdPhotoButton(QWidget):
    """从证件照片填写… for a party form: fills the form's widgets (``set_values``) and keeps the
    photo to attach once the party is saved (``photo_to_keep``)."""

    filled = Signal()

    def __init__(self, form: FieldForm, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = form
        self.photo_to_keep: Path | None = None
        #: Which camera 用摄像头拍 opens: 0 is the built-in one (tests give a video file).
        self.camera_source: int | str = 0
        self.button = QPushButton("从证件照片填写…")
        self.button.clicked.connect(self.choose)
        self.camera_button = QPushButton("用摄像头拍…")
        self.camera_button.clicked.connect(self.capture)
        self.note = hint("")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button)
        layout.addWidget(self.camera_button)
        layout.addWidget(self.note, 1)
        if not engine.available():
            self.button.setEnabled(False)
            self.camera_button.setEnabled(False)
            self.note.setText("这台电脑上的程序没有装文字识别部件，请手工填写。")
        else:
            self.note.setText("拍下或扫描身份证、永久居留证、营业执照，程序读出后请核对。")

    def choose(self) -> None:
        path = prompts.open_file(self, "选择证件照片或扫描件", PHOTO_FILTER)
        if path:
            self.read(path)

    def capture(self) -> None:
        dialog = CameraDialog(self.camera_source, self.window())
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.path is not None:
            self.read(dialog.path)

    def read(self, path: Path) -> bool:
        dialog = IdPhotoDialog(path, self.window())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            camera.discard(path)
            return False
        self.apply(dialog.values)
        if self.photo_to_keep is not None and self.photo_to_keep != path:
            camera.discard(self.photo_to_keep)  # an earlier capture replaced by this one
        self.photo_to_keep = path if dialog.keep_photo else None
        if not dialog.keep_photo:
            camera.discard(path)
        kept = "，照片会在保存后存入本案附件" if self.photo_to_keep else ""
        source = "摄像头拍的照片" if camera.is_capture(path) else f"“{path.name}”"
        self.note.setText(f"已从{source}填入{kept}。请核对后保存。")
        self.filled.emit()
        return True

    def apply(self, values: dict[str, Any]) -> None:
        present = {k: v for k, v in values.items() if k in self.form.widgets}
        self.form.set_values(present)


def attach_kept_photo(store: Store, case_id: int, button: IdPhotoButton, name: str) -> str:
    """After the party was saved: copy the kept photo into the case's attachments. Returns a
    Chinese sentence when that failed (the party itself stays saved), else ""."""
    path = button.photo_to_keep
    if path is None:
        return ""
    try:
        store.files.add_attachment(case_id, path, note=f"{name}的身份证明")
    except FAILURES as exc:
        return f"当事人已保存，但证件照片没有存入附件：{explain(exc)}"
    camera.discard(path)
    button.photo_to_keep = None
    return ""
