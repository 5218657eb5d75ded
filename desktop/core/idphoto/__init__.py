"""Reading a party's ID card, permanent-residence card or business licence from a photo,
offline: :func:`read_id_photo` (path -> :class:`Reading`). Qt-free; the window runs it on a
worker thread, the CLI as ``wusong read-id``."""

from desktop.core.idphoto.fields import (
    FIELDS_OF,
    ID_CARD,
    LABELS,
    LICENCE,
    PERMANENT_RESIDENCE,
    Reading,
)
from desktop.core.idphoto.reader import read_id_photo, read_picture

__all__ = [
    "FIELDS_OF",
    "ID_CARD",
    "LABELS",
    "LICENCE",
    "PERMANENT_RESIDENCE",
    "Reading",
    "read_id_photo",
    "read_picture",
]
