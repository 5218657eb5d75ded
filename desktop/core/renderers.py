"""One renderer contract for every printed output, keyed by format (calibre's output plugins
have one ``file_type`` and one ``convert``; ours have one ``fmt`` and one ``write``).

A writer draws a model onto a binary stream: ``write(model, out) -> None``. Documents and the
monthly report each keep a registry ``{fmt: Renderer}``; the format keys, the name shown to the
mediator, the atomic path wrapper and the bytes wrapper live here once. Writers are imported on
first use, because reportlab, python-docx and openpyxl take ~0.4 s to load and most screens never
print; each registry names its writers in small functions with a plain ``from … import`` so that
PyInstaller still sees (and bundles) them."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Generic, TypeVar

from desktop.core.fsutil import atomic_write

M = TypeVar("M")

#: A writer: draws the model onto the stream; raises OSError when the stream fails.
Writer = Callable[[M, BinaryIO], None]


@dataclass(frozen=True, slots=True)
class Renderer(Generic[M]):
    """One output format. ``fmt`` is the file extension without the dot ("pdf"), ``label``
    the name the mediator sees ("PDF", "Word"), ``load`` imports and returns the writer."""

    fmt: str
    label: str
    load: Callable[[], Writer[M]]

    def writer(self) -> Writer[M]:
        return self.load()

    def write(self, model: M, out: BinaryIO) -> None:
        self.writer()(model, out)

    def save(self, model: M, path: Path) -> Path:
        """Write to ``path`` atomically: the file appears whole or not at all. OSError passes
        through (the caller words it for the mediator)."""
        write = self.writer()
        return atomic_write(Path(path), lambda out: write(model, out))

    def to_bytes(self, model: M) -> bytes:
        out = io.BytesIO()
        self.write(model, out)
        return out.getvalue()


def registry(*renderers: Renderer[M]) -> dict[str, Renderer[M]]:
    """The renderers keyed by format, in the order given (the order menus list them)."""
    return {r.fmt: r for r in renderers}
