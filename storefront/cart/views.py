"""Cart pages: add goods and licences, change quantities, remove, choose where it ships."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import BadRequest

from creative_market.catalog.enums import ListingStatus
from creative_market.catalog.licensing import LicenceOffer, OfferStatus, iso_country_codes
from creative_market.catalog.models import Product
from creative_market.orders import carts
from creative_market.orders.cart_pricing import PricedCart, price_cart
from storefront.cart import store
from storefront.extensions import db
from storefront.main.nav import NavLink
from storefront.main.redirects import local_url
from storefront.main.templating import format_money

bp = Blueprint("cart", __name__, url_prefix="/cart")
NAV_LINKS = [NavLink("cart.show", _l("Cart"), slot="cart")]
COUNTRY_KEY = "ship_country"


@bp.record_once
def _setup(state) -> None:
    store.init_app(state.app)


def _int_field(name: str, default: int | None = None) -> int:
    raw = request.form.get(name, default)
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise BadRequest(_("'%(name)s' must be a whole number.", name=name)) from None


def _id_field(name: str) -> int:
    """An id from the form, within what the database can hold (1 to 2**31 - 1)."""
    value = _int_field(name)
    if not 1 <= value <= carts.MAX_ID:
        raise BadRequest(f"'{name}' must be a whole number from 1 to {carts.MAX_ID}.")
    return value


def _amount_field() -> str:
    raw = (request.form.get("amount") or "").strip().replace(",", ".")
    try:
        amount = Decimal(raw)
    except InvalidOperation:
        raise BadRequest("The amount must be a number such as 25.00.") from None
    if not amount.is_finite() or amount <= 0 or amount > Decimal("1000000"):
        raise BadRequest("The amount must be more than zero.")
    return str(amount.quantize(Decimal("0.01")))


def current_summary() -> PricedCart:
    """The session's cart priced now by the library (cart and checkout pages); reads only.

    The templates say its reasons and licence terms in the page's language (the `say` and
    `terms_in_words` filters). Overdue reservations are released at checkout submit and by
    the `flask payments expire-orders` cron command, never on a GET.
    """
    summary = price_cart(
        db.session, items=store.raw_items(), currency=current_app.config["DEFAULT_CURRENCY"],
        country=session.get(COUNTRY_KEY, "AZ"),
    )
    if summary.dropped:
        store.forget_invalid()  # explained once on this page, then gone from the cookie
    return summary


@bp.get("")
def show():
    """The cart, grouped by seller, with shipping and the total."""
    return render_template("cart/cart.html", cart=current_summary())


@bp.post("/add")
def add():
    """Add a physical good (product_id, quantity) or a licence (offer_id)."""
    if request.form.get("offer_id"):
        offer = db.session.get(LicenceOffer, _id_field("offer_id"))
        if offer is None or offer.status != OfferStatus.ACTIVE or (
                offer.product.status != ListingStatus.PUBLISHED):
            return _refused(_("That licence is not on offer; nothing was added to your cart."))
        _add_licence(offer)
    else:
        refused = _add_goods()
        if refused is not None:
            return refused
        flash(_("Added to your cart."), "success")
    return redirect(url_for("cart.show"))


def _add_licence(offer: LicenceOffer) -> None:
    """Add a licence, or change the amount of one already in the cart (the latest wins)."""
    item = {"offer_id": offer.id}
    if offer.pay_what_you_want and request.form.get("amount"):  # checked when priced
        item["amount"] = _amount_field()
    before = next((old for old in store.items()
                   if carts.item_key(old) == ("offer", offer.id)), None)
    store.add(item)
    if before is None:
        flash(_("Added to your cart."), "success")
        return
    amount = Decimal(item.get("amount") or offer.price)
    if Decimal(before.get("amount") or offer.price) == amount:
        flash(_("This licence is already in your cart."), "info")
    else:
        flash(_("Amount changed to %(amount)s.",
                amount=format_money(amount, offer.currency)), "success")


def _add_goods():
    """Add the posted good, capped at its stock; a response when it was refused or capped."""
    product = db.session.get(Product, _id_field("product_id"))
    if product is None or product.status != ListingStatus.PUBLISHED or not product.is_physical:
        return _refused(_("That work is not for sale; nothing was added to your cart."))
    quantity = _int_field("quantity", 1)
    if not 1 <= quantity <= carts.MAX_QUANTITY:
        return _refused(_("Choose a quantity from 1 to %(max)d.", max=carts.MAX_QUANTITY))
    available = product.available_quantity
    if available < 1:
        return _refused(_("Sold out: nothing was added to your cart."))
    in_cart = sum(int(item.get("quantity") or 0) for item in store.items()
                  if carts.item_key(item) == ("product", product.id))
    if in_cart + quantity <= available:
        store.add({"product_id": product.id, "quantity": quantity})
        return None
    if in_cart:
        store.set_quantity(product.id, available)
    else:
        store.add({"product_id": product.id, "quantity": available})
    flash(_("Only %(num)d available; your cart now holds %(num)d.", num=available), "info")
    return redirect(url_for("cart.show"))


def _refused(message: str):
    """Explain why nothing was added: a flash for a browser, a 400 for everything else."""
    if request.accept_mimetypes.accept_html:
        flash(message, "error")
        return redirect(url_for("cart.show"))
    return message, 400


@bp.post("/quantity")
def set_quantity():
    """Change the quantity of a good (0 removes it), at most the stock available."""
    product_id = _id_field("product_id")
    quantity = max(0, min(_int_field("quantity"), carts.MAX_QUANTITY))
    product = db.session.get(Product, product_id) if quantity > 1 else None
    if product is not None and 1 <= product.available_quantity < quantity:
        quantity = product.available_quantity
        flash(_("Only %(num)d available; your cart now holds %(num)d.", num=quantity), "info")
    store.set_quantity(product_id, quantity)
    return redirect(url_for("cart.show"))


@bp.post("/remove")
def remove():
    """Remove a good or a licence from the cart."""
    kind = request.form.get("kind")
    if kind not in ("product", "offer"):
        raise BadRequest("Say whether a product or a licence is removed.")
    store.remove(kind, _id_field("item_id"))
    flash(_("Removed from your cart."), "info")
    return redirect(url_for("cart.show"))


@bp.post("/country")
def set_country():
    """Choose the destination country, which sets each seller's shipping zone."""
    code = (request.form.get("country") or "").strip().upper()
    if code not in iso_country_codes():
        flash(_("Give a country's two-letter ISO code, e.g. AZ, TR or DE."), "error")
    else:
        session[COUNTRY_KEY] = code
    return redirect(local_url(request.form.get("next"), url_for("cart.show")))
