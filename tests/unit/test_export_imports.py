"""The export library stands alone: no Flask, Stripe, Whoosh or storefront; matplotlib lazy."""

import subprocess
import sys

MODULES = ["creative_market.export." + name for name in (
    "hs", "classification", "incoterms", "countries", "models", "services", "programmes",
    "reports", "report_output", "charts", "cli", "queries", "documents")]


def test_export_modules_import_without_web_stack_or_matplotlib():
    code = (
        "import sys\n"
        + "".join(f"import {module}\n" for module in MODULES)
        + "bad = sorted({m.split('.')[0] for m in sys.modules}"
        " & {'flask', 'stripe', 'whoosh', 'storefront', 'matplotlib'})\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == ""
