"""The stylesheet the pages link: rules that keep pictures and the header in shape.

Checked in Chromium by hand (see the commit messages); here the served CSS is read so a
change that drops a rule fails."""

from __future__ import annotations

import re

import pytest


def _rules(css: str) -> dict[str, dict[str, str]]:
    """Selector -> declarations of the rules outside media queries (the wide screen's)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", "", css)
    rules: dict[str, dict[str, str]] = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        declarations = dict(
            (name.strip(), value.strip())
            for name, value in (d.split(":", 1) for d in body.split(";") if ":" in d))
        for selector in selectors.split(","):
            rules.setdefault(" ".join(selector.split()), {}).update(declarations)
    return rules


@pytest.fixture
def rules(client) -> dict[str, dict[str, str]]:
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
    return _rules(response.get_data(as_text=True))


@pytest.mark.parametrize("selector", [".search-hit > .cover img", ".product-card a.cover img"])
def test_result_and_card_pictures_are_cut_to_four_by_three(rules, selector):
    assert rules[selector]["object-fit"] == "cover"
    assert rules[selector]["aspect-ratio"] == "4 / 3"


def test_a_search_hit_puts_a_narrow_picture_beside_its_text(rules):
    assert rules[".search-hit:has(> .cover)"]["grid-template-columns"].startswith("168px")
    assert rules[".product-card a.cover"]["overflow"] == "hidden"


def test_the_account_links_wrap_inside_the_header_row_not_below_the_logo(rules):
    # Flex basis 0 and no minimum width: the links take the room that is left and wrap in
    # it, so the header row itself (logo, search, links, language) stays one row at 1280 px.
    assert rules[".user-nav"]["flex"] == "1 1 0" and rules[".user-nav"]["min-width"] == "0"
    assert rules[".user-nav ul"]["justify-content"] == "flex-end"
    assert rules[".header-row:has(.user-nav li:nth-child(6)) .header-search"]["flex-basis"] \
        == "250px"
