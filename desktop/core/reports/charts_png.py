"""The report's charts as PNG images for Word, drawn with Pillow from the same ChartSpec the PDF
uses (so both show the same bars, lines, scale and labels), with the bundled Chinese font."""

from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from desktop.core.fonts import font_path
from desktop.core.reports.charts import COLOURS, ChartSpec, nice_step

SCALE = 3  # pixels per point: sharp when printed


@lru_cache(maxsize=8)
def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(
        str(font_path("NotoSansSC-Bold" if bold else "NotoSansSC")), size * SCALE
    )


def _text(
    draw: ImageDraw.ImageDraw,
    xy: tuple[float, float],
    text: str,
    size: int,
    anchor: str = "la",
    fill: str = "#000000",
    bold: bool = False,
) -> None:
    draw.text(
        (xy[0] * SCALE, xy[1] * SCALE), text, font=_font(size, bold), fill=fill, anchor=anchor
    )


def _line(
    draw: ImageDraw.ImageDraw, points: list[tuple[float, float]], fill: str, width: float
) -> None:
    draw.line(
        [(x * SCALE, y * SCALE) for x, y in points], fill=fill, width=max(1, int(width * SCALE))
    )


def render_png(chart: ChartSpec, width: float, height: float) -> bytes:
    """PNG bytes of ``chart``; ``width``/``height`` in points (y grows downwards here)."""
    img = Image.new("RGB", (int(width * SCALE), int(height * SCALE)), "white")
    draw = ImageDraw.Draw(img)
    _text(draw, (width / 2, 4), chart.title, 11, anchor="ma", bold=True)
    if chart.is_empty:
        _text(draw, (width / 2, height / 2), chart.empty_text, 10, anchor="mm", fill="#808080")
    elif chart.kind == "hbar":
        _hbar(draw, chart, width, height)
    else:
        _trend(draw, chart, width, height)
    out = io.BytesIO()
    img.save(out, format="PNG", dpi=(72 * SCALE, 72 * SCALE))
    return out.getvalue()


def _value_grid(
    draw: ImageDraw.ImageDraw,
    chart: ChartSpec,
    x0: float,
    x1: float,
    y0: float,
    y1: float,
    horizontal: bool,
) -> None:
    top, step = chart.top, nice_step(chart.top)
    for v in range(0, top + 1, step):
        if horizontal:  # values along x
            x = x0 + (x1 - x0) * v / top
            _line(draw, [(x, y0), (x, y1)], "#dddddd", 0.5)
            _text(draw, (x, y1 + 3), str(v), 8, anchor="ma")
        else:  # values along y
            y = y1 - (y1 - y0) * v / top
            _line(draw, [(x0, y), (x1, y)], "#dddddd", 0.5)
            _text(draw, (x0 - 4, y), str(v), 8, anchor="rm")


def _hbar(draw: ImageDraw.ImageDraw, chart: ChartSpec, width: float, height: float) -> None:
    x0, x1, y0, y1 = 90.0, width - 30.0, 24.0, height - 20.0
    _value_grid(draw, chart, x0, x1, y0, y1, horizontal=True)
    _, values = chart.series[0]
    band = (y1 - y0) / len(values)
    for i, (label, v) in enumerate(zip(chart.labels, values, strict=True)):
        top = y0 + band * i + band * 0.15
        bottom = y0 + band * (i + 1) - band * 0.15
        right = x0 + (x1 - x0) * v / chart.top
        draw.rectangle([x0 * SCALE, top * SCALE, right * SCALE, bottom * SCALE], fill=COLOURS[0])
        _text(draw, (x0 - 4, (top + bottom) / 2), label, 8, anchor="rm")
        _text(draw, (right + 3, (top + bottom) / 2), str(v), 8, anchor="lm")
    _line(draw, [(x0, y0), (x0, y1), (x1, y1)], "#000000", 0.7)


def _trend(draw: ImageDraw.ImageDraw, chart: ChartSpec, width: float, height: float) -> None:
    x0, x1, y0, y1 = 40.0, width - 20.0, 24.0, height - 50.0
    _value_grid(draw, chart, x0, x1, y0, y1, horizontal=False)
    n = len(chart.labels)
    band = (x1 - x0) / n
    xs = [x0 + band * (i + 0.5) for i in range(n)]
    for x, label in zip(xs, chart.labels, strict=True):
        _text(draw, (x, y1 + 4), label, 7, anchor="ma")
    _line(draw, [(x0, y0), (x0, y1), (x1, y1)], "#000000", 0.7)
    for i, (_, values) in enumerate(chart.series):
        pts = [(x, y1 - (y1 - y0) * v / chart.top) for x, v in zip(xs, values, strict=True)]
        _line(draw, pts, COLOURS[i], 1.6)
    # Legend, centred under the axis like the PDF's.
    lx = width / 2 - 60
    for i, (name, _) in enumerate(chart.series):
        x = lx + i * 80
        draw.rectangle(
            [x * SCALE, (height - 18) * SCALE, (x + 10) * SCALE, (height - 10) * SCALE],
            fill=COLOURS[i],
        )
        _text(draw, (x + 14, height - 14), name, 9, anchor="lm")
