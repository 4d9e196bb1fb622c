"""Catalogue pages: browse by kind, cluster and region; product pages; sellers; files.

The views parse the query string, call one catalogue query of the library and render.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, render_template, request, send_file
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from creative_market.catalog import queries
from creative_market.catalog.enums import CreativeCluster, FileRole, ProductKind, Region
from creative_market.catalog.models import ProductFile
from storefront.catalog import presenters
from storefront.extensions import db, storage
from storefront.main.labels import label
from storefront.main.nav import NavLink
from storefront.main.pagination import last_page_redirect
from storefront.main.templating import current_language

bp = Blueprint("catalog", __name__)

NAV_LINKS = [NavLink("catalog.sellers", _l("Sellers"))]

SORTS = ("newest", "price_asc", "price_desc")
PUBLIC_FILE_ROLES = (FileRole.IMAGE, FileRole.PREVIEW)
INLINE_TYPES = ("image/", "audio/", "video/")
MAX_PAGE = 10_000
# Price chips of the browse pages, in AZN: (min_price, max_price); None is open-ended.
PRICE_RANGES = ((None, "50"), ("50", "200"), ("200", "1000"), ("1000", None))


def _member(enum_cls: type, value: str | None, *, strict: bool = False) -> Any:
    """The enum member for `value`; an unknown value is a 404 in a path, ignored in a query."""
    if not value:
        return None
    try:
        return enum_cls(value)
    except ValueError:
        if strict:
            abort(404)
        return None


def _page_number() -> int:
    number = request.args.get("page", "1")
    return min(max(int(number), 1), MAX_PAGE) if number.isdigit() else 1


def _price_range() -> tuple[str | None, str | None]:
    return (request.args.get("min_price") or None, request.args.get("max_price") or None)


def _sort_choices() -> list[tuple[str, str]]:
    names = {"newest": _("Newest"), "price_asc": _("Price: low to high"),
             "price_desc": _("Price: high to low")}
    return [(key, names[key]) for key in SORTS]


def _browse(heading: str, fixed: dict[str, Any]):
    """Render a browse page with the path's fixed filter plus the query-string filters."""
    filters = {
        "kind": _member(ProductKind, request.args.get("kind")),
        "cluster": _member(CreativeCluster, request.args.get("cluster")),
        "region": _member(Region, request.args.get("region")),
        **fixed,
    }
    sort = request.args.get("sort") if request.args.get("sort") in SORTS else SORTS[0]
    page = queries.browse_catalogue(
        db.session,
        kind=filters["kind"],
        cluster=filters["cluster"],
        region=filters["region"],
        min_price=request.args.get("min_price"),
        max_price=request.args.get("max_price"),
        sort=sort,
        page=_page_number(),
        per_page=current_app_page_size(),
    )
    past_the_end = last_page_redirect(page.page, page.pages)
    if past_the_end is not None:
        return past_the_end
    return render_template(
        "catalog/browse.html",
        heading=heading,
        page=page,
        filters={**filters, "sort": sort, "price": _price_range()},
        price_ranges=PRICE_RANGES,
        fixed=fixed,
        sorts=_sort_choices(),
        kinds=list(ProductKind),
        clusters=list(CreativeCluster),
        regions=list(Region),
    )


def current_app_page_size() -> int:
    """The configured number of cards per page."""
    from flask import current_app

    return int(current_app.config["PAGE_SIZE"])


@bp.get("/browse")
def browse():
    """Every published work, filtered by the query string."""
    return _browse(_("All works"), {})


@bp.get("/browse/<kind>")
def browse_kind(kind: str):
    """Published works of one kind."""
    member = _member(ProductKind, kind, strict=True)
    return _browse(label(member), {"kind": member})


@bp.get("/clusters/<cluster>")
def browse_cluster(cluster: str):
    """Published works of sellers in one creative cluster."""
    member = _member(CreativeCluster, cluster, strict=True)
    return _browse(label(member), {"cluster": member})


@bp.get("/regions/<region>")
def browse_region(region: str):
    """Published works of sellers in one region."""
    member = _member(Region, region, strict=True)
    return _browse(_("Works from %(region)s", region=label(member)), {"region": member})


@bp.get("/works/<slug>")
def product(slug: str):
    """A product page: gallery, specification, preview player, licence comparison."""
    listing = queries.get_listing_by_slug(db.session, slug=slug)
    language = current_language()
    offers = presenters.active_offers(listing)
    return render_template(
        "catalog/product.html",
        product=listing,
        images=presenters.images_of(listing),
        preview=presenters.preview_of(listing),
        offers=offers,
        comparison=presenters.licence_comparison(offers, language) if offers else [],
        duration=presenters.duration,
    )


@bp.get("/sellers")
def sellers():
    """The seller directory, filtered by cluster, region and verification."""
    filters = {
        "cluster": _member(CreativeCluster, request.args.get("cluster")),
        "region": _member(Region, request.args.get("region")),
        "verified_only": request.args.get("verified") == "1",
    }
    page = queries.seller_directory(
        db.session,
        cluster=filters["cluster"],
        region=filters["region"],
        verified=True if filters["verified_only"] else None,
        page=_page_number(),
        per_page=current_app_page_size(),
    )
    past_the_end = last_page_redirect(page.page, page.pages)
    if past_the_end is not None:
        return past_the_end
    return render_template(
        "catalog/sellers.html",
        page=page,
        filters=filters,
        clusters=list(CreativeCluster),
        regions=list(Region),
    )


@bp.get("/sellers/<slug>")
def seller(slug: str):
    """A seller's profile and their published works."""
    profile = queries.get_seller_by_slug(db.session, slug=slug)
    page = queries.listings_of_seller(
        db.session, seller=profile, page=_page_number(), per_page=current_app_page_size()
    )
    return last_page_redirect(page.page, page.pages) or render_template(
        "catalog/seller.html", seller=profile, page=page)


@bp.get("/files/<int:file_id>/<path:filename>")
def file(file_id: int, filename: str):
    """An image or preview of a listing; deliverables are never served here."""
    stored = db.session.get(ProductFile, file_id)
    if stored is None or stored.role not in PUBLIC_FILE_ROLES or not _may_see(stored):
        abort(404)
    inline = stored.content_type.startswith(INLINE_TYPES)
    path = storage().path(stored.storage_key)
    source = path if path is not None and path.exists() else None
    if source is None and path is not None:
        abort(404)
    response = send_file(
        source or storage().open(stored.storage_key),
        mimetype=stored.content_type if inline else "application/octet-stream",
        as_attachment=not inline,
        download_name=stored.filename,
        conditional=True,
        etag=stored.sha256 or True,
        max_age=3600,
    )
    if stored.product.status not in queries.VISIBLE_STATUSES:
        response.cache_control.private = True  # a seller's draft must not sit in shared caches
        response.cache_control.public = False
    return response


def _may_see(stored: ProductFile) -> bool:
    """Files of listings buyers can see are public; drafts only to their seller and admins."""
    listing = stored.product
    if listing.status in queries.VISIBLE_STATUSES:
        return True
    if not current_user.is_authenticated:
        return False
    return current_user.role == "admin" or listing.seller.user_id == current_user.id
