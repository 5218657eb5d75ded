"""Draws the app icon (和 in white on a deep-red rounded square with a gold rule) from the
bundled Noto Sans SC Bold: writes resources/icons/wusong.svg, wusong.png (256 px) and
wusong.ico (16-256 px). Run from the repository root: ``python packaging/icons/make_icon.py``."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image  # noqa: E402
from PySide6.QtCore import QByteArray, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QImage, QPainter, QPainterPath  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
ICONS = ROOT / "resources" / "icons"
RED, GOLD = "#9E1B24", "#EBC878"
ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]


def glyph_path(char: str, size: float) -> QPainterPath:
    """The character's outline, centred in a 256-unit square: an SVG path needs no font to show."""
    family = QFontDatabase.applicationFontFamilies(
        QFontDatabase.addApplicationFont(str(ROOT / "resources" / "fonts" / "NotoSansSC-Bold.ttf"))
    )
    if not family:
        raise RuntimeError("NotoSansSC-Bold.ttf could not be loaded")
    font = QFont(family[0])
    font.setPixelSize(int(size))
    font.setBold(True)
    path = QPainterPath()
    path.addText(QPointF(0, 0), font, char)
    box = path.boundingRect()
    return path.translated(128 - box.center().x(), 128 - box.center().y())


def path_data(path: QPainterPath) -> str:
    """QPainterPath elements as SVG path commands (Qt gives cubic curves as three elements)."""
    out: list[str] = []
    i = 0
    while i < path.elementCount():
        e = path.elementAt(i)
        if e.type == QPainterPath.ElementType.MoveToElement:
            out.append(f"M{e.x:.2f} {e.y:.2f}")
        elif e.type == QPainterPath.ElementType.LineToElement:
            out.append(f"L{e.x:.2f} {e.y:.2f}")
        else:  # CurveToElement followed by two CurveToDataElements
            c2, end = path.elementAt(i + 1), path.elementAt(i + 2)
            out.append(f"C{e.x:.2f} {e.y:.2f} {c2.x:.2f} {c2.y:.2f} {end.x:.2f} {end.y:.2f}")
            i += 2
        i += 1
    return " ".join(out) + " Z"


def svg_text() -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">\n'
        f'  <rect x="8" y="8" width="240" height="240" rx="30" fill="{RED}"/>\n'
        f'  <rect x="22" y="22" width="212" height="212" rx="18" fill="none" stroke="{GOLD}"'
        ' stroke-width="5"/>\n'
        f'  <path fill="#FFFFFF" fill-rule="nonzero" d="{path_data(glyph_path("和", 150))}"/>\n'
        "</svg>\n"
    )


def render(svg: str, size: int) -> Image.Image:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(QByteArray(svg.encode("utf-8"))).render(painter)
    painter.end()
    buffer = QByteArray()
    from PySide6.QtCore import QBuffer  # local: only needed for this conversion

    qbuf = QBuffer(buffer)
    qbuf.open(QBuffer.OpenModeFlag.WriteOnly)
    image.save(qbuf, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGBA")


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - fonts need it
    svg = svg_text()
    ICONS.mkdir(parents=True, exist_ok=True)
    (ICONS / "wusong.svg").write_text(svg, encoding="utf-8")
    big = render(svg, 256)
    big.save(ICONS / "wusong.png", optimize=True)
    # Each ICO size is drawn from the vector at that size, not scaled down from 256 px.
    frames = {s: render(svg, s) for s in ICO_SIZES}
    frames[256].save(
        ICONS / "wusong.ico",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[frames[s] for s in ICO_SIZES[:-1]],
    )
    print("\n".join(str(ICONS / n) for n in ("wusong.svg", "wusong.png", "wusong.ico")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
