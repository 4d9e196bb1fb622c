"""Catalogue pages (filled in as the catalogue queries land)."""

from __future__ import annotations

from flask import Blueprint, abort, render_template
from flask_babel import lazy_gettext as _l

from creative_market.catalog.enums import CreativeCluster, ProductKind, Region
from storefront.main.nav import NavLink

bp = Blueprint("catalog", __name__)

NAV_LINKS = [NavLink("catalog.sellers", _l("Sellers"))]


def _member(enum_cls, value: str):
    try:
        return enum_cls(value)
    except ValueError:
        abort(404)


@bp.get("/browse/<kind>")
def browse_kind(kind: str):
    """Published works of one kind."""
    return render_template("catalog/browse.html", heading=_member(ProductKind, kind), page=None)


@bp.get("/clusters/<cluster>")
def browse_cluster(cluster: str):
    """Published works of sellers in one creative cluster."""
    member = _member(CreativeCluster, cluster)
    return render_template("catalog/browse.html", heading=member, page=None)


@bp.get("/regions/<region>")
def browse_region(region: str):
    """Published works of sellers in one region."""
    return render_template("catalog/browse.html", heading=_member(Region, region), page=None)


@bp.get("/sellers")
def sellers():
    """The seller directory."""
    return render_template("catalog/sellers.html", page=None)


@bp.get("/works/<slug>")
def product(slug: str):
    """A product page (until the catalogue queries land, nothing is found)."""
    abort(404)
