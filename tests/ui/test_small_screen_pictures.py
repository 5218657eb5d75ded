"""The photo and camera dialogs on a 1024x600 screen (found by the fresh tester t10b after the
open case was fitted to such a screen: 用摄像头拍证件 needed 662x621 pixels — its 640x480 view
fixed — so 拍照 and 取消 were below the screen's edge and the reason why there was no picture
was drawn over the view; 从证件照片填写 was 1,100 pixels wide, its 核对无误，填入 and 取消 off the
right edge). Kind: a dialog whose picture has a size fixed in pixels, on a screen smaller than
the laptop's, at normal and large text: the picture gives way (keeping its proportions), the
dialog is within the screen, every button wholly on it, and nothing is drawn over anything
else — also once a reason in several lines is shown. Screenshots under Xvfb at 1024x600 were
looked at."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import text_sizes
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget

from desktop.core.paths import resource
from desktop.ui.camera_dialog import CameraDialog
from desktop.ui.id_photo import IdPhotoDialog
from desktop.ui.screen_fit import usable_area

pytestmark = pytest.mark.ui

text_size = text_sizes.text_size


def _leaves(dialog: QDialog) -> list[tuple[QWidget, QRect]]:
    """Visible widgets without visible children, with their rectangle in the dialog."""
    out = []
    for w in dialog.findChildren(QWidget):
        if not w.isVisibleTo(dialog) or any(c.isVisibleTo(dialog) for c in w.findChildren(QWidget)):
            continue
        out.append((w, QRect(w.mapTo(dialog, QPoint(0, 0)), w.size())))
    return out


def _check(dialog: QDialog, where: str) -> None:
    QApplication.processEvents()
    area = usable_area(dialog)
    assert dialog.width() <= area.width() and dialog.height() <= area.height(), (
        f"{where}: {dialog.width()}x{dialog.height()} on a screen leaving {area.size()}"
    )
    inner = QRect(QPoint(0, 0), dialog.size())
    leaves = _leaves(dialog)
    for w, rect in leaves:
        assert inner.contains(rect), f"{where}: {type(w).__name__} “{_text(w)}” at {rect} cut off"
    for i, (a, ra) in enumerate(leaves):
        for b, rb in leaves[i + 1 :]:
            assert not ra.intersects(rb), f"{where}: “{_text(a)}” {ra} over “{_text(b)}” {rb}"


def _text(w: QWidget) -> str:
    return str(w.text()) if hasattr(w, "text") else ""


@pytest.mark.parametrize("screen", [(1024, 600), (1366, 768)], ids=["1024x600", "1366x768"])
@pytest.mark.parametrize("which", ["camera", "no such photo", "not a card"])
def test_a_picture_dialog_fits_a_small_screen(
    qtbot,  # noqa: ANN001
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    text_size: int,
    screen: tuple[int, int],
    which: str,
) -> None:
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _self: QRect(0, 0, *screen))
    makers: dict[str, Callable[[], QDialog]] = {
        "camera": lambda: CameraDialog(str(tmp_path / "没有摄像头.avi")),
        "no such photo": lambda: IdPhotoDialog(tmp_path / "没有这张照片.jpg"),
        "not a card": lambda: IdPhotoDialog(resource("icons", "wusong.png")),
    }
    dialog = makers[which]()
    qtbot.addWidget(dialog)
    dialog.show()
    assert isinstance(dialog, CameraDialog | IdPhotoDialog)
    reason = dialog.error
    qtbot.waitUntil(reason.isVisible, timeout=20000)
    assert isinstance(reason, QLabel) and reason.text()
    _check(dialog, f"{which} at {screen} and {text_size} pt")
    dialog.done(0)
