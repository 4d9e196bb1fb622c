"""Home, about and help."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_babel import lazy_gettext as _l

from creative_market.catalog import queries
from creative_market.catalog.enums import CreativeCluster, ProductKind, Region
from storefront.extensions import db
from storefront.main.nav import NavLink

bp = Blueprint("main", __name__)

FEATURED_COUNT = 10

NAV_LINKS = [
    NavLink("main.about", _l("About"), slot="footer"),
    NavLink("main.help", _l("Help"), slot="footer"),
]


@bp.get("/")
def home():
    """Featured works, the clusters and the regions."""
    return render_template(
        "main/home.html",
        featured=_featured(),
        kinds=list(ProductKind),
        clusters=list(CreativeCluster),
        regions=list(Region),
    )


def _featured() -> list:
    """The newest published works for the home page."""
    return queries.browse_catalogue(db.session, sort="newest", per_page=FEATURED_COUNT).items


@bp.get("/about")
def about():
    """What the marketplace is and who is behind it."""
    return render_template("main/about.html")


@bp.get("/help")
def help():
    """Buying, licences, shipping and selling explained."""
    return render_template("main/help.html")
