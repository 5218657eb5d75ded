"""The printed page around a document's text: A4 margins, the running header and "第 N 页  共 M
页" drawn on every page (held until the end, so each page knows the total), and the mark
that keeps them off a page (a 封面 or 封底)."""

from __future__ import annotations

from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from desktop.core.fonts import SANS_FONT
from desktop.core.plaintext import printable

LEFT, RIGHT, TOP, BOTTOM = 28 * mm, 20 * mm, 25 * mm, 22 * mm
WIDTH = A4[0] - LEFT - RIGHT


class PlainPage(Flowable):
    """Zero-size mark: the page it is drawn on gets no running header or page number."""

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv._plain_page = True


def numbered_canvas(header: str, footer_note: str, number: bool) -> type[Canvas]:
    header, footer_note = printable(header), printable(footer_note)

    class NumberedCanvas(Canvas):
        """Holds every page until the end, so each can say how many pages there are."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()
            self._plain_page = False

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            if getattr(self, "_plain_page", False):
                return
            self.setFont(SANS_FONT, 9)
            if header:
                self.drawRightString(A4[0] - RIGHT, A4[1] - 14 * mm, header)
            if number:
                self.drawCentredString(
                    A4[0] / 2, 12 * mm, f"第 {self._pageNumber} 页  共 {total} 页"
                )
            if footer_note:
                self.drawRightString(A4[0] - RIGHT, 12 * mm, footer_note)

    return NumberedCanvas
