"""The seller dashboard: the seller's directory entry and listings, and their life cycle.

Every view requires the seller role and loads listings through `own_listing`, so another
seller's listing id answers 404. Offers, files and orders live in sibling modules that add
their routes to the same blueprint.
"""

from __future__ import annotations

from functools import partial

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from creative_market.catalog import services
from creative_market.catalog.enums import ListingStatus, ProductKind
from creative_market.catalog.queries import listings_of_seller
from creative_market.exceptions import ConflictError, ValidationError
from storefront.account.decorators import role_required
from storefront.extensions import db
from storefront.main.library_messages import error_text
from storefront.main.nav import NavLink
from storefront.seller.access import attach_errors, current_seller, own_listing, seller_or_404
from storefront.seller.forms import (
    LISTING_FORMS,
    ActionForm,
    OfferForm,
    SellerProfileForm,
    StockForm,
    UploadForm,
    initial_data,
)
from storefront.seller.uploads import describe_limits

bp = Blueprint("seller", __name__, url_prefix="/seller")

NAV_LINKS = [NavLink("seller.dashboard", _l("My shop"), slot="user", roles=("seller",))]

seller_only = role_required("seller")


@bp.get("/")
@seller_only
def dashboard():
    """The seller's listings of every status, newest first."""
    seller = current_seller()
    if seller is None:
        return redirect(url_for("seller.profile"))
    page = listings_of_seller(db.session, seller=seller, include_unpublished=True,
                              page=request.args.get("page", 1, type=int), per_page=50)
    return render_template("seller/dashboard.html", seller=seller, page=page,
                           kinds=list(ProductKind), action_form=ActionForm())


@bp.route("/profile", methods=["GET", "POST"])
@seller_only
def profile():
    """Create or edit the seller's entry in the directory (needed before listing)."""
    seller = current_seller()
    form = SellerProfileForm(data=initial_data(seller, SellerProfileForm) if seller else None)
    if form.validate_on_submit():
        data = {name: field.data for name, field in form._fields.items() if name != "csrf_token"}
        try:
            if seller is None:
                services.create_seller(db.session, data=data,
                                       user=current_user._get_current_object())
            else:
                services.update_seller(db.session, seller=seller, data=data)
        except (ValidationError, ConflictError) as error:
            db.session.rollback()
            attach_errors(form, getattr(error, "messages", {"_schema": [error.message]}))
        else:
            db.session.commit()
            flash(_("Your shop details are saved."), "success")
            return redirect(url_for("seller.dashboard"))
    status = 422 if form.errors or form.form_errors else 200
    return render_template("seller/profile.html", form=form, seller=seller), status


def _kind_or_404(kind: str) -> ProductKind:
    try:
        return ProductKind(kind)
    except ValueError:
        abort(404)


@bp.route("/listings/new/<kind>", methods=["GET", "POST"])
@seller_only
def new_listing(kind: str):
    """Create a draft listing of one kind with its texts in three languages."""
    seller = seller_or_404()
    form = LISTING_FORMS[_kind_or_404(kind)]()
    if form.validate_on_submit():
        try:
            product = services.create_listing(db.session, seller=seller, data=form.listing_data())
        except (ValidationError, ConflictError) as error:
            db.session.rollback()
            attach_errors(form, getattr(error, "messages", {"sku": [error.message]}))
        else:
            db.session.commit()
            flash(_("Draft saved. Add pictures and files, then publish it."), "success")
            return redirect(url_for("seller.listing", listing_id=product.id))
    status = 422 if form.errors or form.form_errors else 200
    return render_template("seller/listing_form.html", form=form, product=None), status


@bp.get("/listings/<int:listing_id>")
@seller_only
def listing(listing_id: int):
    """One listing: status, files, offers and the actions that apply."""
    return render_listing(own_listing(listing_id))


def render_listing(product, status: int = 200, **forms):
    """The listing page, with fresh forms unless a failed one is passed back in `forms`."""
    context = {
        "action_form": ActionForm(), "upload_form": UploadForm(), "offer_form": OfferForm(),
        "stock_form": StockForm(data={"stock_quantity": product.stock_quantity}),
    }
    context.update(forms)
    return render_template(
        "seller/listing.html", product=product, limits=describe_limits(),
        problems=services.publication_problems(product, require_files=True), **context,
    ), status


@bp.route("/listings/<int:listing_id>/edit", methods=["GET", "POST"])
@seller_only
def edit_listing(listing_id: int):
    """Change a listing's texts and details; the library validates the whole result."""
    product = own_listing(listing_id)
    form_cls = LISTING_FORMS[ProductKind(product.kind)]
    form = form_cls(data=initial_data(product, form_cls) if request.method == "GET" else None)
    if form.validate_on_submit():
        data = form.listing_data()
        data.pop("kind")
        try:
            services.update_listing(db.session, product=product, data=data)
        except (ValidationError, ConflictError) as error:
            db.session.rollback()
            attach_errors(form, getattr(error, "messages", {"sku": [error.message]}))
        else:
            db.session.commit()
            flash(_("Changes saved."), "success")
            return redirect(url_for("seller.listing", listing_id=product.id))
    status = 422 if form.errors or form.form_errors else 200
    return render_template("seller/listing_form.html", form=form, product=product), status


@bp.post("/listings/<int:listing_id>/stock")
@seller_only
def update_stock(listing_id: int):
    """Set the stock of a physical item; a sold-out listing with new stock is back on sale."""
    product = own_listing(listing_id)
    form = StockForm()
    if form.validate_on_submit():
        try:
            if product.status == ListingStatus.SOLD_OUT:
                services.mark_back_in_stock(db.session, product=product,
                                            stock_quantity=form.stock_quantity.data)
            else:
                services.update_listing(db.session, product=product,
                                        data={"stock_quantity": form.stock_quantity.data})
        except (ValidationError, ConflictError) as error:
            db.session.rollback()
            flash(error_text(error), "error")
        else:
            db.session.commit()
            flash(_("Stock updated."), "success")
    return redirect(url_for("seller.listing", listing_id=listing_id))


LIFE_CYCLE = {
    # A seller publishing by hand also needs a picture, or the work file buyers download.
    "publish": (partial(services.publish_listing, require_files=True),
                _l("Published: buyers can see it now.")),
    "unpublish": (services.unpublish_listing, _l("Unpublished: it is a draft again.")),
    "archive": (services.archive_listing, _l("Archived.")),
    "restore": (services.restore_listing, _l("Restored as a draft.")),
}


@bp.post("/listings/<int:listing_id>/<any(publish, unpublish, archive, restore):action>")
@seller_only
def change_status(listing_id: int, action: str):
    """Publish, unpublish, archive or restore a listing."""
    product = own_listing(listing_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    service, done = LIFE_CYCLE[action]
    try:
        service(db.session, product=product)
    except (ValidationError, ConflictError) as error:
        db.session.rollback()
        flash(error_text(error), "error")
    else:
        db.session.commit()
        flash(str(done), "success")
    back = request.form.get("next", "")
    if not back.startswith("/seller/") or "//" in back:
        back = url_for("seller.listing", listing_id=listing_id)
    return redirect(back)


# The sibling modules add their routes to `bp` when imported.
from storefront.seller import files, offers  # noqa: E402, F401
