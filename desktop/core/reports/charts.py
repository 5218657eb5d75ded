"""The report's two charts as data (what to draw), and drawn with reportlab's own graphics for
the PDF. ``charts_png`` draws the same data with Pillow for Word (reportlab's bitmap renderer
needs a Cairo backend this machine does not have)."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.reports.definitions import load_layout
from desktop.core.reports.model import MonthlyReport

#: Series colours (dark enough to tell apart when printed in grey).
COLOURS = ("#1f5fa8", "#d2691e", "#2e8b57")


@dataclass(frozen=True, slots=True)
class ChartSpec:
    kind: str  # "hbar" (categories) or "line" (trend)
    title: str
    labels: tuple[str, ...]
    series: tuple[tuple[str, tuple[int, ...]], ...]  # (name, values), one value per label
    empty_text: str = ""

    @property
    def is_empty(self) -> bool:
        return not any(v for _, values in self.series for v in values)

    @property
    def top(self) -> int:
        """A round axis maximum above every value (at least 5, so small counts look small)."""
        peak = max((v for _, values in self.series for v in values), default=0)
        step = nice_step(max(peak, 5))
        return max(step * 5, ((peak + step - 1) // step) * step)


def nice_step(peak: int) -> int:
    """1, 2 or 5 times a power of ten: about five gridlines up to ``peak``."""
    raw = peak / 5
    base = 1
    while base * 10 <= raw:
        base *= 10
    for m in (1, 2, 5, 10):
        if base * m >= raw:
            return base * m
    return base * 10


def category_chart(report: MonthlyReport) -> ChartSpec:
    rows = [r for r in report.categories if r.accepted_m]
    rows.sort(key=lambda r: -r.accepted_m)
    words = load_layout().charts
    return ChartSpec(
        "hbar",
        words.category_title,
        tuple(r.name.removesuffix("纠纷") for r in rows),
        ((words.category_series, tuple(r.accepted_m for r in rows)),),
        empty_text=words.category_empty,
    )


def trend_chart(report: MonthlyReport) -> ChartSpec:
    labels = tuple(
        f"{m.month}月" if m.month != 1 else f"{m.year % 100:02d}年1月" for m, _, _ in report.trend
    )
    words = load_layout().charts
    accepted, succeeded = words.trend_series
    return ChartSpec(
        "line",
        words.trend_title,
        labels,
        (
            (accepted, tuple(a for _, a, _ in report.trend)),
            (succeeded, tuple(s for _, _, s in report.trend)),
        ),
        empty_text=words.trend_empty,
    )


def report_charts(report: MonthlyReport) -> tuple[ChartSpec, ChartSpec]:
    return category_chart(report), trend_chart(report)


# ---------------------------------------------------------------- reportlab drawing (PDF)
def drawing(chart: ChartSpec, width: float, height: float):  # -> reportlab Drawing
    """A reportlab Drawing of ``chart`` (points); fonts must be registered first."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.charts.linecharts import HorizontalLineChart
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors

    from desktop.core.fonts import SANS_FONT, TITLE_FONT

    d = Drawing(width, height)
    # The renderer starts every drawing in Helvetica (never embedded) unless told otherwise.
    d.initialFontName = SANS_FONT
    d.add(
        String(
            width / 2,
            height - 14,
            chart.title,
            fontName=TITLE_FONT,
            fontSize=11,
            textAnchor="middle",
        )
    )
    if chart.is_empty:
        d.add(
            String(
                width / 2,
                height / 2,
                chart.empty_text,
                fontName=SANS_FONT,
                fontSize=10,
                textAnchor="middle",
                fillColor=colors.grey,
            )
        )
        return d
    palette = [colors.HexColor(c) for c in COLOURS]
    if chart.kind == "hbar":
        c = HorizontalBarChart()
        c.x, c.y = 90, 20
        c.width, c.height = width - 120, height - 50
        # reportlab draws the first category at the bottom: reverse so the largest is on top.
        c.data = [tuple(reversed(values)) for _, values in chart.series]
        c.categoryAxis.categoryNames = list(reversed(chart.labels))
        c.categoryAxis.labels.fontName = SANS_FONT
        c.categoryAxis.labels.fontSize = 8
        c.categoryAxis.labels.boxAnchor = "e"
        c.barLabelFormat = "%d"
        c.barLabels.fontName = SANS_FONT
        c.barLabels.fontSize = 8
        c.barLabels.boxAnchor = "w"
        c.barLabels.dx = 3
    else:
        c = HorizontalLineChart()
        c.x, c.y = 40, 40
        c.width, c.height = width - 60, height - 80
        c.data = [values for _, values in chart.series]
        c.categoryAxis.categoryNames = list(chart.labels)
        c.categoryAxis.labels.fontName = SANS_FONT
        c.categoryAxis.labels.fontSize = 7
        c.joinedLines = 1
        for i in range(len(chart.series)):
            c.lines[i].strokeWidth = 1.6
    c.valueAxis.valueMin = 0
    c.valueAxis.valueMax = chart.top
    c.valueAxis.valueStep = nice_step(chart.top)
    c.valueAxis.labels.fontName = SANS_FONT
    c.valueAxis.labels.fontSize = 8
    c.valueAxis.visibleGrid = 1
    c.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    for i in range(len(chart.series)):
        if chart.kind == "hbar":
            c.bars[i].fillColor = palette[i]
        else:
            c.lines[i].strokeColor = palette[i]
    d.add(c)
    if chart.kind == "line":
        legend = Legend()
        legend.x, legend.y = width / 2 - 60, 12
        legend.fontName = SANS_FONT
        legend.fontSize = 9
        legend.alignment = "right"
        legend.columnMaximum = 1
        legend.colorNamePairs = [(palette[i], name) for i, (name, _) in enumerate(chart.series)]
        d.add(legend)
    return d
