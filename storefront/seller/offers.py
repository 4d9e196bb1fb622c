"""Licence offers of a digital work: add, change, withdraw."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from creative_market.catalog import services
from creative_market.exceptions import ConflictError, ValidationError
from storefront.extensions import db
from storefront.main.library_messages import error_text
from storefront.seller.access import attach_errors, own_listing, own_offer
from storefront.seller.forms import ActionForm, OfferForm, form_value
from storefront.seller.views import bp, render_listing, seller_only


def _offer_input(form: OfferForm, currency: str) -> dict:
    return {**form.offer_data(), "currency": currency}


def _saved(form: OfferForm, message: str, call) -> bool:
    """Run one offer service; commit and flash on success, or put its messages on the form."""
    try:
        call()
    except (ValidationError, ConflictError) as error:
        db.session.rollback()
        attach_errors(form, getattr(error, "messages", {"tier": [error.message]}))
        return False
    db.session.commit()
    flash(message, "success")
    return True


@bp.post("/listings/<int:listing_id>/offers")
@seller_only
def add_offer(listing_id: int):
    """Offer the work under a new licence tier."""
    product = own_listing(listing_id)
    form = OfferForm()
    if form.validate_on_submit() and _saved(form, _("Licence offer added."), lambda: (
            services.add_offer(db.session, product=product,
                               data=_offer_input(form, product.currency)))):
        return redirect(url_for("seller.listing", listing_id=listing_id) + "#offers")
    product = own_listing(listing_id)  # reloaded: the rollback expired it
    return render_listing(product, 422, offer_form=form)


@bp.route("/listings/<int:listing_id>/offers/<int:offer_id>", methods=["GET", "POST"])
@seller_only
def edit_offer(listing_id: int, offer_id: int):
    """Change the terms or price of an offer (sales already made keep their terms)."""
    product = own_listing(listing_id)
    offer = own_offer(product, offer_id)
    initial = None
    if request.method == "GET":
        initial = {name: form_value(getattr(offer, name)) for name in OfferForm.FIELDS}
    form = OfferForm(data=initial)
    if form.validate_on_submit() and _saved(form, _("Licence offer saved."), lambda: (
            services.update_offer(db.session, offer=offer,
                                  data=_offer_input(form, product.currency)))):
        return redirect(url_for("seller.listing", listing_id=listing_id) + "#offers")
    status = 422 if form.errors or form.form_errors else 200
    return render_template("seller/offer_form.html", form=form, product=product,
                           offer=offer), status


@bp.post("/listings/<int:listing_id>/offers/<int:offer_id>/withdraw")
@seller_only
def withdraw_offer(listing_id: int, offer_id: int):
    """Stop selling an offer; licences already granted stay valid."""
    product = own_listing(listing_id)
    offer = own_offer(product, offer_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        services.withdraw_offer(db.session, offer=offer)
    except ConflictError as error:
        db.session.rollback()
        flash(error_text(error), "error")
    else:
        db.session.commit()
        flash(_("Licence offer withdrawn."), "success")
    return redirect(url_for("seller.listing", listing_id=listing_id) + "#offers")
