"""Charts of exports as PNG: by cluster over time, and by destination.

matplotlib is optional (the `charts` extra) and imported only when a chart is drawn. Each
chart is its own `matplotlib.figure.Figure` drawn by the Agg canvas, without pyplot: the
backend of the program that imports the library is left alone, and no global figure state
is shared, so threads of a web server can draw at the same time.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from creative_market.exceptions import OptionalDependencyError
from creative_market.export.reports import Report


def _figure(width: float, height: float) -> Any:
    """A new figure attached to an Agg canvas of its own."""
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError as error:
        raise OptionalDependencyError(
            "Charts need matplotlib: pip install 'creative-market[charts]'."
        ) from error
    figure = Figure(figsize=(width, height))
    FigureCanvasAgg(figure)
    return figure


def _png(figure: Any) -> bytes:
    buffer = io.BytesIO()
    figure.tight_layout()
    figure.savefig(buffer, format="png", dpi=110)
    return buffer.getvalue()


def chart_over_time(series: dict[str, dict[str, Decimal]], title: str) -> bytes:
    """A line per series (e.g. per cluster), AZN value by month; PNG bytes."""
    months = sorted({month for values in series.values() for month in values})
    figure = _figure(8, 4.5)
    axes = figure.subplots()
    for name, values in sorted(series.items()):
        axes.plot(months, [float(values.get(m, 0)) for m in months], marker="o", label=name)
    axes.set_title(title)
    axes.set_ylabel("AZN")
    axes.grid(alpha=0.3)
    if series:
        axes.legend(fontsize=8)
    axes.tick_params(axis="x", labelrotation=45)
    return _png(figure)


def chart_by_value(report: Report, title: str, limit: int = 15) -> bytes:
    """Horizontal bars of the report's AZN values (e.g. by destination); PNG bytes."""
    rows = report.rows[:limit][::-1]
    figure = _figure(8, max(2.5, 0.4 * len(rows) + 1))
    axes = figure.subplots()
    # float only for drawing: the numbers in files and pages stay Decimal.
    axes.barh([row.label for row in rows], [float(row.value_azn) for row in rows],
              color="#8c2d19")
    axes.set_title(title)
    axes.set_xlabel("AZN")
    axes.grid(axis="x", alpha=0.3)
    return _png(figure)
