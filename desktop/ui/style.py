"""The application style: the platform look, with check boxes, radio buttons and scroll bars
grown with the text (at normal text too: Qt's 13-pixel box beside 12-point text is hard to see
for an older mediator), so they stay easy to see and hit."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

#: Pixel metrics that Qt keeps fixed whatever the font: at 16 pt a 13-pixel box beside a big
#: label is hard to see and to click for an older mediator.
_GROWN = (
    QStyle.PixelMetric.PM_IndicatorWidth,
    QStyle.PixelMetric.PM_IndicatorHeight,
    QStyle.PixelMetric.PM_ExclusiveIndicatorWidth,
    QStyle.PixelMetric.PM_ExclusiveIndicatorHeight,
    QStyle.PixelMetric.PM_ScrollBarExtent,
)
BASE_POINTS = 9  # the size Qt's metrics are designed for
GROW_FROM = 11  # from the normal 12 pt upwards


class ScaledStyle(QProxyStyle):
    def __init__(self, point_size: int) -> None:
        super().__init__()
        self.factor = max(1.0, point_size / BASE_POINTS)

    def pixelMetric(
        self,
        metric: QStyle.PixelMetric,
        option: QStyleOption | None = None,  # noqa: N802
        widget: QWidget | None = None,
    ) -> int:
        value = super().pixelMetric(metric, option, widget)
        if metric in _GROWN:
            return round(value * self.factor)
        return value


_current: ScaledStyle | None = None


def apply_style(app: QApplication, point_size: int) -> None:
    """Install the scaled style for ``point_size`` (called again when the size changes)."""
    global _current
    if point_size < GROW_FROM:
        # Qt asks the style for metrics ~20,000 times while building the window; a Python
        # override costs ~0.1 s of start-up, paid only where the boxes would be too small.
        return
    # Qt takes ownership; the module keeps a reference too so Python never frees it under Qt.
    _current = ScaledStyle(point_size)
    app.setStyle(_current)
