"""What a report's page and files say about its values, in the interface language."""

from __future__ import annotations

from typing import Any

from flask_babel import ngettext


def usd_note(report: Any) -> str | None:
    """Why the report's values are incomplete (None when every line has both values).

    The same sentences as the report page's warnings (agency/report.html).
    """
    notes = [ngettext("%(num)d line has no exchange rate and is left out of the values; add "
                      "the rate under Exchange rates.",
                      "%(num)d lines have no exchange rate and are left out of the values; "
                      "add the rate under Exchange rates.", report.lines_without_rate)
             ] if report.lines_without_rate else []
    if report.lines_without_usd_rate:
        notes.append(_usd_rate_note(report.lines_without_usd_rate, report.usd_rates_from))
    return " ".join(notes) or None


def _usd_rate_note(count: int, rates_from: Any) -> str:
    if rates_from is None:
        return ngettext(
            "There is no USD rate, so %(num)d line has no USD value; add the rate under "
            "Exchange rates.",
            "There is no USD rate, so %(num)d lines have no USD value; add the rate under "
            "Exchange rates.", count)
    return ngettext(
        "USD values need a USD rate for every day: there is no USD rate before %(day)s, so "
        "%(num)d line has no USD value and the USD sums leave it out; add the rate under "
        "Exchange rates.",
        "USD values need a USD rate for every day: there is no USD rate before %(day)s, so "
        "%(num)d lines have no USD value and the USD sums leave them out; add the rate under "
        "Exchange rates.", count, day=rates_from)
