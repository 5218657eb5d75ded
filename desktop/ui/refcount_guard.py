"""Work around a reference-count bug of the PySide6 6.12 (abi3) wheels on Python 3.11: many
Qt calls (every setText, setEnabled, click, ...) hand back None, and some True/False, without
taking a reference. Python 3.12+ makes these objects immortal, so the wheels get away with it
there; on 3.11 a few thousand calls bring None's count to zero and the interpreter aborts
("Fatal Python error: none_dealloc"), taking unsaved work with it. Measured here: None starts
at ~5,500 references and loses one per call. Adding a practically endless count makes the three
singletons immortal as on 3.12."""

from __future__ import annotations

import ctypes
import sys

#: 2**40 calls would take years of clicking.
EXTRA_REFERENCES = 1 << 40
_applied = False


def make_singletons_immortal() -> bool:
    """Apply once, before Qt is used; True when applied (CPython < 3.12 only)."""
    global _applied
    if _applied or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    for obj in (None, True, False):
        # ob_refcnt is the first field of every CPython object, at the object's address.
        ctypes.c_ssize_t.from_address(id(obj)).value += EXTRA_REFERENCES
    _applied = True
    return True
