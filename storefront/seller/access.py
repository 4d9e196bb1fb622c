"""Who the seller is and what they own: every dashboard view goes through these."""

from __future__ import annotations

from typing import Any

from flask import abort
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from creative_market.catalog.licensing import LicenceOffer
from creative_market.catalog.models import Product, ProductFile, Seller
from storefront.extensions import db
from storefront.main.library_messages import translate_messages


def current_seller() -> Seller | None:
    """The directory entry of the logged-in seller, if they have made one."""
    return db.session.scalar(select(Seller).where(Seller.user_id == current_user.id))


def seller_or_404() -> Seller:
    """The logged-in seller's entry; 404 when they have none yet."""
    seller = current_seller()
    if seller is None:
        abort(404)
    return seller


def own_listing(listing_id: int) -> Product:
    """A listing of the logged-in seller with its files and offers; 404 for anyone else's.

    The ownership test is part of the query, so another seller's id looks exactly like an
    id that does not exist.
    """
    product = db.session.scalar(
        select(Product)
        .join(Seller, Product.seller_id == Seller.id)
        .where(Product.id == listing_id, Seller.user_id == current_user.id)
        .options(selectinload(Product.files), selectinload(Product.offers))
    )
    if product is None:
        abort(404)
    return product


def own_offer(product: Product, offer_id: int) -> LicenceOffer:
    """An offer of `product` (already checked as the seller's own); 404 otherwise."""
    offer = next((o for o in product.offers if o.id == offer_id), None)
    if offer is None:
        abort(404)
    return offer


def own_file(product: Product, file_id: int) -> ProductFile:
    """A file of `product` (already checked as the seller's own); 404 otherwise."""
    record = next((f for f in product.files if f.id == file_id), None)
    if record is None:
        abort(404)
    return record


def attach_errors(form: Any, messages: dict[str, Any]) -> None:
    """Show the library's field messages beside the matching form fields."""
    for name, reasons in translate_messages(messages).items():
        texts = reasons if isinstance(reasons, list) else [str(reasons)]
        field = form._fields.get(name) if hasattr(form, "_fields") else None
        if field is not None:
            field.errors = [*field.errors, *map(str, texts)]
        else:
            form.form_errors.extend(map(str, texts))
