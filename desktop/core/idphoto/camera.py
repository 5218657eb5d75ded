"""The laptop's camera, through OpenCV (shipped anyway: the recogniser needs it). Qt Multimedia
would do the same inside Qt, but it is not part of PySide6-Essentials and would add ~100 MB.

A ``source`` is a camera number (0 = the built-in camera) or, for tests and for a phone
streaming as a webcam file, the path of a video file; both are read the same way.
"""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image

from desktop.core.errors import MediationError
from desktop.core.idphoto.engine import keeping_qt_environment

if TYPE_CHECKING:
    import cv2

#: Captured photos wait here until they are read (and, if kept, copied into the case); the
#: folder is emptied when the camera dialog is done with each (see discard).
_CAPTURES = Path(tempfile.gettempdir()) / "wusong-camera"


def _quiet_cv2() -> None:
    """OpenCV prints a warning per backend that finds no camera: not for the mediator's eyes."""
    import cv2

    # An OpenCV build without the logging utilities just stays talkative.
    with contextlib.suppress(AttributeError):
        cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_SILENT)


class Camera:
    """An open camera; ``frame()`` gives the current picture as RGB. Close it when done."""

    def __init__(self, source: int | str = 0) -> None:
        try:
            with keeping_qt_environment():
                import cv2
        except ImportError:
            raise MediationError("这台电脑上的程序没有装摄像头部件，请改用照片文件。") from None
        _quiet_cv2()
        self._capture: cv2.VideoCapture = cv2.VideoCapture(source)
        if not self._capture.isOpened():
            self._capture.release()
            raise MediationError(
                "没有找到能用的摄像头：请确认电脑有摄像头、没有被别的程序占用，"
                "或者用手机拍好照片后复制到电脑上再选择。"
            )

    def frame(self) -> Image.Image | None:
        """The current picture, or None when the camera gave none this time."""
        ok, bgr = self._capture.read()
        if not ok or bgr is None:
            return None
        return Image.fromarray(bgr[:, :, ::-1].copy())  # OpenCV gives blue-green-red

    def close(self) -> None:
        self._capture.release()


def save_capture(picture: Image.Image) -> Path:
    """Write a captured picture as a JPEG in the captures folder; returns its path."""
    _CAPTURES.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(
        dir=_CAPTURES, prefix="拍照-", suffix=".jpg", delete=False
    ) as out:
        picture.save(out, "JPEG", quality=92)
    return Path(out.name)


def is_capture(path: Path) -> bool:
    return Path(path).parent == _CAPTURES


def discard(path: Path) -> None:
    """Remove a captured photo (after it was read, and copied into the case if kept)."""
    if is_capture(path):
        Path(path).unlink(missing_ok=True)
