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

from creative_market.catalog.licensing import iso_country_codes
from creative_market.orders import carts
from storefront.cart import store
from storefront.cart.summary import CartSummary, summarize
from storefront.extensions import db
from storefront.main.nav import NavLink
from storefront.main.redirects import local_url
from storefront.main.templating import current_language

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
        raise BadRequest(f"'{name}' must be a whole number.") from None


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


def current_summary() -> CartSummary:
    """The session's cart priced now (used by the cart and checkout pages); reads only.

    Overdue reservations are released at checkout submit and by the
    `flask payments expire-orders` cron command, never on a GET.
    """
    summary = summarize(
        db.session, store.raw_items(), currency=current_app.config["DEFAULT_CURRENCY"],
        country=session.get(COUNTRY_KEY, "AZ"), language=current_language(),
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
        item = {"offer_id": _id_field("offer_id")}
        if request.form.get("amount"):  # pay what you want: checked when the cart is priced
            item["amount"] = _amount_field()
        store.add(item)
    else:
        quantity = max(1, min(_int_field("quantity", 1), 1000))
        store.add({"product_id": _id_field("product_id"), "quantity": quantity})
    flash(_("Added to your cart."), "success")
    return redirect(url_for("cart.show"))


@bp.post("/quantity")
def set_quantity():
    """Change the quantity of a good (0 removes it)."""
    store.set_quantity(_id_field("product_id"), max(0, min(_int_field("quantity"), 1000)))
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
