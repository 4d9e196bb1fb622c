"""Administration: verify sellers, unpublish listings. Admins only."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from creative_market.catalog import queries, services
from creative_market.catalog.models import Product, Seller
from storefront.account.decorators import role_required
from storefront.extensions import db
from storefront.main.nav import NavLink
from storefront.main.redirects import local_url
from storefront.main.templating import current_language

bp = Blueprint("admin", __name__, url_prefix="/admin")

NAV_LINKS = [NavLink("admin.index", _l("Administration"), slot="user", roles=("admin",))]
PER_PAGE = 50


@bp.before_request
@role_required("admin")
def _admins_only() -> None:
    """Every admin page needs an administrator (the decorator answers 302 or 403)."""


def _page_number() -> int:
    number = request.args.get("page", "1")
    return max(int(number), 1) if number.isdigit() else 1


@bp.get("/")
def index():
    """The administrator's overview: sellers waiting for verification first."""
    waiting = queries.seller_directory(db.session, verified=False, per_page=10)
    return render_template("admin/index.html", waiting=waiting)


@bp.get("/sellers")
def sellers():
    """Every seller, filtered by verification and name, with verify/unverify buttons."""
    shown = request.args.get("verified")
    page = queries.seller_directory(
        db.session,
        verified={"1": True, "0": False}.get(shown or ""),
        search_text=request.args.get("q") or None,
        page=_page_number(),
        per_page=PER_PAGE,
    )
    return render_template("admin/sellers.html", page=page, shown=shown)


@bp.post("/sellers/<int:seller_id>/verification")
def verify_seller(seller_id: int):
    """Give or withdraw a seller's verified badge."""
    seller = db.session.get(Seller, seller_id) or abort(404)
    verified = request.form.get("verified") == "1"
    services.verify_seller(db.session, seller=seller, verified=verified)
    db.session.commit()
    message = _("%(name)s is now verified.") if verified else _("%(name)s is no longer verified.")
    flash(message % {"name": seller.display_name}, "success")
    return redirect(local_url(request.form.get("back"), url_for("admin.sellers")))


@bp.get("/listings")
def listings():
    """Listings buyers can see, newest first, each with an unpublish button."""
    page = queries.browse_catalogue(db.session, page=_page_number(), per_page=PER_PAGE)
    return render_template("admin/listings.html", page=page)


@bp.post("/listings/<int:product_id>/unpublish")
def unpublish(product_id: int):
    """Take a listing off the marketplace (back to draft for its seller)."""
    product = db.session.get(Product, product_id) or abort(404)
    services.unpublish_listing(db.session, product=product)
    db.session.commit()
    flash(_("“%(title)s” is unpublished.", title=product.title(current_language())), "success")
    return redirect(url_for("admin.listings"))
