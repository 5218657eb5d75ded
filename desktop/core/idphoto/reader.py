"""Reading one picture: recognise the text, find which document it is (turning the picture
when nothing known reads upright), read and check its fields."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

from PIL import Image

from desktop.core.idphoto.engine import MAX_SIDE, load_picture, recognise
from desktop.core.idphoto.fields import Reading, verify
from desktop.core.idphoto.layout import document_kind, read_fields, upright_boxes

#: Turns tried, in order, when nothing known is read upright (a card photographed sideways or
#: upside down): degrees counter-clockwise.
_TURNS = (90, 270, 180)


def _attempts(picture: Image.Image) -> Iterator[Image.Image]:
    """The picture at recognition size, then (if larger) as loaded, then turned."""
    small = picture.copy()
    small.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    yield small
    if max(picture.size) > MAX_SIDE * 1.2:
        # A whole page scanned with the card copied on it: the card is a small part of it.
        yield picture
    for turn in _TURNS:
        yield small.rotate(turn, expand=True)


def read_picture(picture: Image.Image) -> Reading:
    """Recognise and check the fields of an upright-or-turned RGB picture (see Reading)."""
    started = time.perf_counter()
    lines: list[str] = []
    for attempt, candidate in enumerate(_attempts(picture)):
        boxes = upright_boxes(recognise(candidate))
        lines = [b.raw for b in boxes]
        kind = document_kind(boxes)
        if kind:
            reading = verify(kind, read_fields(kind, boxes))
            reading.lines = lines
            reading.seconds = time.perf_counter() - started
            return reading
        if not boxes and attempt == 0:
            # Nothing at all was read: a blank or black picture, turning will not help.
            break
    return Reading(
        kind="",
        problems={
            "": "没有在照片上认出身份证、永久居留证或营业执照：请把证件放平、拍清楚、"
            "让它占满大半个画面后再试，或者手工填写。"
        },
        lines=lines,
        seconds=time.perf_counter() - started,
    )


def read_id_photo(path: Path) -> Reading:
    """Read the document in the photo, scan or PDF at ``path``.

    Raises MediationError (Chinese sentence) when the file cannot be opened or the recogniser is
    not installed; a picture in which no known document is found gives ``Reading.kind == ""``.
    """
    return read_picture(load_picture(Path(path)))
