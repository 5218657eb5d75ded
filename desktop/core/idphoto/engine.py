"""The text recogniser (RapidOCR: PP-OCRv4 Chinese models shipped inside the
``rapidocr-onnxruntime`` wheel, run by onnxruntime, no network) and the picture loader.

The models (16 MB) load once, on the first reading, never at start-up: most sessions of the
app never read a photo. Loading and recognising are serialised by one lock, so a reading
started from a worker thread and one from the CLI never race on the same sessions.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageOps

from desktop.core.errors import MediationError

if TYPE_CHECKING:
    from rapidocr_onnxruntime import RapidOCR

#: Longest side a picture is recognised at first. Text on a card photographed to fill the frame
#: stays ~16 px high at this size; more only costs time (the detector works on the whole picture).
MAX_SIDE = 1024
#: Longest side a picture is loaded at: a whole A4 page scanned with a card copied on it needs
#: this much for the card's text, and is tried at it when the smaller size finds no document.
SCAN_SIDE = 2000
#: PDF pages are rendered at this resolution (dots per inch), within SCAN_SIDE.
PDF_DPI = 300
PICTURE_SUFFIXES = (".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".webp", ".gif")


class OcrUnavailableError(MediationError):
    """The recogniser's library is not installed (a build without it)."""


_lock = threading.Lock()
_engine: RapidOCR | None = None
#: Seconds the first load took (None until it happened): the benchmark reports it.
load_seconds: float | None = None


def available() -> bool:
    """True when the recogniser's library can be imported (without loading its models)."""
    import importlib.util

    return importlib.util.find_spec("rapidocr_onnxruntime") is not None


#: What importing OpenCV (cv2, under RapidOCR) sets in the environment on Linux: the path of its
#: own Qt 5 plugins. The window runs Qt 6; a Qt started later from this process (a child
#: program, a second QApplication) would load the wrong plugins, so the values are put back.
_CV2_ENVIRONMENT = ("QT_QPA_PLATFORM_PLUGIN_PATH", "QT_QPA_FONTDIR")


@contextlib.contextmanager
def keeping_qt_environment() -> Iterator[None]:
    """Import OpenCV (or anything importing it) inside this block."""
    saved = {key: os.environ.get(key) for key in _CV2_ENVIRONMENT}
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def loaded() -> bool:
    """True once the models are in memory (the next reading starts at once)."""
    return _engine is not None


def _load() -> RapidOCR:
    global _engine, load_seconds
    if _engine is None:
        started = time.perf_counter()
        try:
            with keeping_qt_environment():
                from rapidocr_onnxruntime import RapidOCR
        except ImportError:
            raise OcrUnavailableError(
                "这台电脑上的程序没有装文字识别部件，不能从照片填写，请手工填写。"
            ) from None
        # Half the cores: the window stays responsive, and on a busy 2-core laptop one thread
        # measured twice as fast as two (onnxruntime's spinning threads fight the others).
        threads = max(1, (os.cpu_count() or 2) // 2)
        _engine = RapidOCR(intra_op_num_threads=threads, inter_op_num_threads=1)
        load_seconds = time.perf_counter() - started
    return _engine


def warm_up() -> float:
    """Load the models now (if not yet); returns the seconds the first load took."""
    with _lock:
        _load()
    return load_seconds or 0.0


def recognise(picture: Image.Image) -> list[tuple[list[tuple[float, float]], str]]:
    """Text lines of an RGB picture: (four corners clockwise from top-left, text)."""
    with _lock:
        engine = _load()
        # No per-line 180° classifier: a turned picture is retried whole (see read_picture).
        result, _elapsed = engine(picture, use_cls=False)
    return [
        ([(float(x), float(y)) for x, y in box], str(text)) for box, text, _score in result or []
    ]


def load_picture(path: Path) -> Image.Image:
    """A photo, scan or the first page of a PDF as an upright RGB picture no larger than
    SCAN_SIDE. Phone photos are turned by their EXIF orientation. Raises MediationError with a
    Chinese sentence for a file that is missing, not a picture, or damaged."""
    path = Path(path)
    if not path.is_file():
        raise MediationError(f"找不到文件“{path.name}”，请重新选择。")
    suffix = path.suffix.lower()
    if suffix in (".heic", ".heif"):
        raise MediationError(
            "这是苹果手机的 HEIC 照片，本程序读不了：请在手机上把照片改存为 JPG 后再复制过来。"
        )
    try:
        if suffix == ".pdf":
            picture = _pdf_first_page(path)
        else:
            with Image.open(path) as opened:
                # JPEG decoders can skip to a smaller scale: a 12-megapixel photo loads fast.
                opened.draft("RGB", (SCAN_SIDE, SCAN_SIDE))
                picture = ImageOps.exif_transpose(opened).convert("RGB")
    except MediationError:
        raise
    except Image.DecompressionBombError:
        raise MediationError("这张图片大得不正常，读不了，请换一张照片。") from None
    except (OSError, ValueError, SyntaxError):
        raise MediationError(
            f"“{path.name}”不是能读的照片或 PDF（可能已损坏），请换一个文件。"
        ) from None
    picture.thumbnail((SCAN_SIDE, SCAN_SIDE), Image.Resampling.LANCZOS)
    return picture


def _pdf_first_page(path: Path) -> Image.Image:
    try:
        import pypdfium2 as pdfium
    except ImportError:
        raise MediationError("这台电脑上的程序读不了 PDF，请改用照片（JPG 或 PNG）。") from None
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        raise MediationError(
            f"“{path.name}”打不开（PDF 已损坏或设了密码），请换一个文件或改用照片。"
        ) from None
    try:
        if len(document) == 0:
            raise MediationError(f"“{path.name}”里没有页面，请换一个文件。")
        page = document[0]
        width, height = page.get_size()  # points (1/72 inch)
        scale = min(PDF_DPI / 72, SCAN_SIDE / max(width, height, 1))
        return page.render(scale=scale).to_pil().convert("RGB")
    finally:
        document.close()
