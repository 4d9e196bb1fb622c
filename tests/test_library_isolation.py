"""The library stands alone: importing it loads no Flask, Stripe, Whoosh or storefront code.

An export agency installs `creative-market` without the storefront's dependencies, so the
check runs in a fresh interpreter where nothing else has imported them first.
"""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = r"""
import importlib, json, pkgutil, sys
import creative_market
failed = {}
names = ["creative_market"]
for info in pkgutil.walk_packages(creative_market.__path__, "creative_market.",
                                  onerror=lambda name: failed.setdefault(name, "walk failed")):
    names.append(info.name)
for name in names:
    try:
        importlib.import_module(name)
    except Exception as error:  # reported by the test, with the module's name
        failed[name] = f"{type(error).__name__}: {error}"
forbidden = sorted(
    name for name in sys.modules
    if name.split(".")[0] in ("flask", "stripe", "whoosh", "storefront")
    or name.startswith("flask_")
)
print(json.dumps({"modules": names, "failed": failed, "forbidden": forbidden}))
"""


def probe() -> dict:
    completed = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120, check=True
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def test_importing_the_whole_library_loads_no_web_payment_or_search_module():
    result = probe()
    assert {"creative_market.catalog.services", "creative_market.catalog.queries"} <= set(
        result["modules"]
    )
    assert result["failed"] == {}, "every library module should import on its own"
    assert result["forbidden"] == [], (
        f"creative_market imported {result['forbidden']}; keep Flask, Stripe, Whoosh and the "
        "storefront behind ports in the storefront layer"
    )


def test_the_catalogue_models_alone_make_a_complete_mapping():
    """A script that imports only the models (no services) can still use them."""
    code = (
        "import creative_market.catalog.models\n"
        "from sqlalchemy.orm import configure_mappers\n"
        "configure_mappers()\n"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                               timeout=120)
    assert completed.returncode == 0, completed.stderr
