"""Charts leave the host program alone: no pyplot, no change of matplotlib backend, and
several threads (a threaded web server) can draw at once."""

import subprocess
import sys
import textwrap

PNG = b"\x89PNG\r\n\x1a\n"


def test_drawing_keeps_the_callers_backend_and_never_loads_pyplot():
    code = textwrap.dedent("""
        import sys
        from decimal import Decimal
        from types import SimpleNamespace
        import matplotlib
        matplotlib.use("svg")
        from creative_market.export import charts
        series = {"Carpets": {"2026-02": Decimal("100"), "2026-03": Decimal("3100")}}
        report = SimpleNamespace(rows=[SimpleNamespace(label="Russia (RU)",
                                                       value_azn=Decimal("2700.00"))])
        assert charts.chart_over_time(series, "Exports").startswith(b"\\x89PNG")
        assert charts.chart_by_value(report, "By destination").startswith(b"\\x89PNG")
        print(matplotlib.get_backend(), "matplotlib.pyplot" in sys.modules)
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.split() == ["svg", "False"]


def test_threads_can_draw_charts_at_the_same_time():
    from concurrent.futures import ThreadPoolExecutor
    from decimal import Decimal

    from creative_market.export import charts

    def draw(number: int) -> bytes:
        series = {f"Cluster {number}": {"2026-01": Decimal(number), "2026-02": Decimal(2)}}
        return charts.chart_over_time(series, f"Chart {number}")

    with ThreadPoolExecutor(max_workers=4) as pool:
        pictures = list(pool.map(draw, range(8)))
    assert all(picture.startswith(PNG) for picture in pictures)
    assert len(set(pictures)) == 8  # each thread drew its own figure
