"""The search page: /search?q=...&kind=...&cluster=...&region=...&tier=...&price=...
&in_stock=...&sort=...&page=...

Invalid filter values are dropped rather than answered with an error: a shared or
hand-edited search link should still show results.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, render_template, request, url_for
from flask_babel import gettext
from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate

from creative_market.catalog.enums import CreativeCluster, ProductKind, Region
from creative_market.catalog.licensing import LicenceTier
from creative_market.money import Money
from storefront.main.pagination import last_page_redirect
from storefront.main.templating import current_language, format_money
from storefront.search.query import (
    MAX_QUERY_LENGTH,
    PRICE_RANGES,
    SORTS,
    SearchRequest,
    SearchResults,
    search,
)

bp = Blueprint("search", __name__)

MAX_PAGE = 500


def _choice(values: Any) -> fields.String:
    return fields.String(validate=validate.OneOf([str(v) for v in values]))


class SearchArgsSchema(Schema):
    """The query string of the search page."""

    class Meta:
        unknown = EXCLUDE

    q = fields.String(load_default="", validate=validate.Length(max=MAX_QUERY_LENGTH))
    kind = _choice(ProductKind)
    cluster = _choice(CreativeCluster)
    region = _choice(Region)
    tier = _choice(LicenceTier)
    price = _choice(PRICE_RANGES)
    in_stock = fields.Boolean(load_default=False)
    sort = fields.String(load_default="relevance", validate=validate.OneOf(list(SORTS)))
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=MAX_PAGE))


def parse_search_args(args: Any, language: str, page_size: int) -> SearchRequest:
    """A SearchRequest from the query string; invalid values fall back to their defaults."""
    schema = SearchArgsSchema()
    raw = {key: value for key, value in args.items() if value != ""}
    try:
        data = schema.load(raw)
    except ValidationError as error:
        valid = error.valid_data if isinstance(error.valid_data, dict) else {}
        data = schema.load({k: v for k, v in raw.items() if k in valid})
    return SearchRequest(
        text=data["q"].strip(), kind=data.get("kind"), cluster=data.get("cluster"),
        region=data.get("region"), tier=data.get("tier"), price=data.get("price"),
        in_stock=data["in_stock"], sort=data["sort"], page=data["page"],
        page_size=page_size, language=language,
    )


def search_url(search_request: SearchRequest, **changes: Any) -> str:
    """The URL of the same search with some parameters changed (None removes one)."""
    params: dict[str, Any] = {"q": search_request.text or None, **search_request.filters()}
    if search_request.sort != "relevance":
        params["sort"] = search_request.sort
    params.update(changes)
    if "page" not in changes:
        params.pop("page", None)
    return url_for("search.results", **{k: v for k, v in params.items() if v not in (None, "")})


@bp.get("/search")
def results():
    """Search results with facets, sorting, pagination and spelling help."""
    args = request.args.to_dict()
    error = None
    if len(args.get("q", "").strip()) > MAX_QUERY_LENGTH:
        args["q"] = args["q"].strip()[:MAX_QUERY_LENGTH]
        error = gettext("Your search is too long; use at most %(max)d characters.",
                        max=MAX_QUERY_LENGTH)
    search_request = parse_search_args(
        args, current_language(), int(current_app.config["SEARCH_PAGE_SIZE"])
    )
    if error:
        found = SearchResults(request=search_request)
    else:
        found = search(current_app.extensions["search"], search_request)
        past_the_end = last_page_redirect(search_request.page, found.page_count)
        if past_the_end is not None:
            return past_the_end
    return render_template(
        "search/results.html", found=found, search_request=search_request, error=error,
        search_url=search_url, sorts=list(SORTS), money_minor=money_minor,
    )


def money_minor(minor_units: int, currency: str) -> str:
    """An index price (integer minor units) formatted for the interface language."""
    return format_money(Money.from_minor(minor_units, currency))
