"""Checkout: details, place the order (stock reserved), pay, then wait for the payment."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal, InvalidOperation

from flask import (
    Blueprint,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from creative_market.catalog.licensing import iso_country_codes
from creative_market.exceptions import NotAvailableError, PaymentError, ValidationError
from creative_market.money import sum_money
from creative_market.orders import queries, services
from creative_market.orders.cart_pricing import PricedCart
from creative_market.orders.models import Order
from creative_market.orders.settings import OrderSettings
from creative_market.orders.state import PAID_STATES, OrderStatus
from storefront.cart import store
from storefront.cart.views import COUNTRY_KEY, current_summary
from storefront.checkout.forms import CheckoutForm
from storefront.extensions import db
from storefront.main.library_messages import error_text, translate_messages
from storefront.main.templating import current_language, format_country, format_money
from storefront.payments import flow
from storefront.payments.gateways import gateway
from storefront.payments.stripe_gateway import StripeGateway
from storefront.purchases.access import order_for_buyer, remember_order

bp = Blueprint("checkout", __name__, url_prefix="/checkout")
PAYMENT_SESSIONS_KEY = "payment_sessions"  # order reference -> the gateway's payment id


def order_settings() -> OrderSettings:
    """Commission and reservation time from the config (Stripe needs at least 30 minutes)."""
    minutes = int(current_app.config.get("RESERVATION_MINUTES", 30))
    if isinstance(gateway(), StripeGateway):
        minutes = max(minutes, 31)
    return OrderSettings(commission_rate=current_app.config["COMMISSION_RATE"],
                         reservation_time=timedelta(minutes=minutes))


def _order_lines(cart: PricedCart, form: CheckoutForm) -> list[dict]:
    lines = []
    for line in cart.lines:
        if line.kind == "product":
            lines.append({"product_id": line.item_id, "quantity": line.quantity})
        else:
            amount = line.unit_price.amount if line.offer.pay_what_you_want else None
            lines.append({"offer_id": line.item_id, "amount": amount,
                          "licensee_name": (form.licensee_name.data or "").strip() or None,
                          "licensee_company": (form.licensee_company.data or "").strip() or None})
    return lines


def _prefill(form: CheckoutForm, cart: PricedCart) -> None:
    if getattr(current_user, "is_authenticated", False):
        form.buyer_name.data = form.buyer_name.data or current_user.name
        form.buyer_email.data = form.buyer_email.data or current_user.email
        last = queries.last_checkout_details(db.session, user_id=current_user.id)
        for name, value in last.items():
            field = getattr(form, name, None)
            if field is not None and name != "country" and not field.data:
                field.data = value
    form.country.data = form.country.data or cart.country  # the rates shown are for it


@bp.route("", methods=["GET", "POST"])
def start():
    """The checkout form; on submit, place the order and go to the payment page."""
    if request.method == "POST":
        flow.expire_stale_orders(db.session)  # overdue holds must not block this buyer
    cart = current_summary()
    if not cart.lines:
        return redirect(url_for("cart.show"))
    form = CheckoutForm()
    form.offer_countries()
    if not form.is_submitted():
        _prefill(form, cart)
    elif not cart.can_check_out:
        flash(_("Some lines of your cart cannot be bought any more; see why below."), "error")
        return redirect(url_for("cart.show"))
    elif form.validate():
        cart, notice = _confirmed(cart, form)
        if not cart.can_check_out:  # e.g. a seller does not ship to the address country
            flash(_("Some lines of your cart cannot be bought any more; see why below."),
                  "error")
            return redirect(url_for("cart.show"))
        if notice is not None:  # the total changed since the buyer saw it: show it again
            form.confirmed_total.data = str(cart.total.amount)
            return render_template("checkout/checkout.html", form=form, cart=cart,
                                   notice=notice)
        try:
            order = _place(cart, form)
        except ValidationError as error:
            db.session.rollback()
            form.attach(translate_messages(error.messages))
        except NotAvailableError as error:
            db.session.rollback()
            flash(error_text(error), "error")
            return redirect(url_for("cart.show"))
        else:
            return _hand_over(order)
    status = 422 if form.errors or form.form_errors else 200
    form.confirmed_total.data = str(cart.total.amount)  # what the buyer sees and confirms
    return render_template("checkout/checkout.html", form=form, cart=cart), status


def _confirmed(cart: PricedCart, form: CheckoutForm) -> tuple[PricedCart, str | None]:
    """The cart priced for the address country, and a note when its total is not the one
    the buyer confirmed (another country's shipping, or a price changed meanwhile).

    A client that sends no confirmed total (a script) confirms the cart's total as priced
    for the cart's country.
    """
    seen = _decimal(form.confirmed_total.data)
    if seen is None:
        seen = cart.total.amount
    country = (form.country.data or "").strip().upper()
    moved = cart.ships and country != cart.country and country in iso_country_codes()
    if moved:
        session[COUNTRY_KEY] = country  # the cart and later pages price for it too
        cart = current_summary()
    if seen == cart.total.amount:
        return cart, None
    total = format_money(cart.total)
    if moved:
        shipping = sum_money([group.shipping for group in cart.groups], cart.currency)
        return cart, _("Shipping to %(country)s: %(shipping)s; the total is now %(total)s. "
                       "Check and confirm.", country=format_country(country),
                       shipping=format_money(shipping), total=total)
    return cart, _("The total is now %(total)s. Check and confirm.", total=total)


def _decimal(text: str | None) -> Decimal | None:
    """A total sent back by the form, or None when there is none or it is not a number."""
    try:
        amount = Decimal((text or "").strip())
    except InvalidOperation:
        return None
    return amount if amount.is_finite() else None


def _place(cart: PricedCart, form: CheckoutForm) -> Order:
    user = current_user if getattr(current_user, "is_authenticated", False) else None
    order = services.place_order(
        db.session, buyer_name=(form.buyer_name.data or "").strip(),
        buyer_email=(form.buyer_email.data or "").strip(), buyer_user=user,
        lines=_order_lines(cart, form), currency=cart.currency,
        shipping_address=form.shipping_address() if cart.ships else None,
        buyer_country=None if cart.ships else _buyer_country(form),
        language=current_language(), settings=order_settings(),
    )
    reference = order.reference
    db.session.commit()
    remember_order(reference)
    store.clear()
    return order


def _buyer_country(form: CheckoutForm) -> str:
    """The country of a buyer of licences only (nothing ships); required, as the licence
    and the export statistics name it."""
    country = (form.buyer_country.data or "").strip()
    if not country:
        raise ValidationError({"buyer_country": [_("Choose the country you live in.")]})
    return country


def _hand_over(order: Order):
    """Send the buyer to the gateway's payment page for the order."""
    try:
        started = flow.begin_payment(
            order, success_url=url_for("checkout.done", reference=order.reference, _external=True),
            cancel_url=url_for("checkout.cancelled", reference=order.reference, _external=True),
        )
    except PaymentError as error:
        flash(error_text(error), "error")
        return redirect(url_for("checkout.cancelled", reference=order.reference))
    sessions = session.setdefault(PAYMENT_SESSIONS_KEY, {})
    sessions[order.reference] = started.provider_reference
    session.modified = True
    return redirect(started.redirect_url, code=303)


@bp.post("/<reference>/pay")
def pay_again(reference: str):
    """Try paying an order still waiting for payment (after a decline or a cancel)."""
    order = order_for_buyer(reference)
    if OrderStatus(order.status) is not OrderStatus.PENDING_PAYMENT:
        return redirect(url_for("checkout.done", reference=order.reference))
    return _hand_over(order)


#: The waiting page refreshes itself every 2 s, then every 10 s, then stops (about 3
#: minutes in all) and offers "Check again"; the buyer may also stop it at any time.
QUICK_REFRESHES, SLOW_REFRESHES = 15, 15


def refresh_after(waited: int) -> int | None:
    """Seconds until the waiting page's next refresh after `waited` refreshes; None: stop."""
    if waited < QUICK_REFRESHES:
        return 2
    if waited < QUICK_REFRESHES + SLOW_REFRESHES:
        return 10
    return None


@bp.get("/<reference>/done")
def done(reference: str):
    """After paying: 'payment received' once recorded; until then the page refreshes itself."""
    order = order_for_buyer(reference)
    paid = OrderStatus(order.status) in PAID_STATES
    waiting = OrderStatus(order.status) is OrderStatus.PENDING_PAYMENT
    waited = min(max(request.args.get("wait", default=0, type=int), 0), 1000)
    refresh = None if request.args.get("stop") else refresh_after(waited)
    return render_template("checkout/done.html", order=order, paid=paid, waiting=waiting,
                           refresh=refresh, waited=waited)


@bp.get("/<reference>/status")
def status(reference: str):
    """The order's payment state as JSON (for scripts that poll)."""
    order = order_for_buyer(reference)
    return jsonify({"reference": order.reference, "status": OrderStatus(order.status).value,
                    "paid": OrderStatus(order.status) in PAID_STATES})


@bp.get("/<reference>/cancelled")
def cancelled(reference: str):
    """The buyer left the payment page: pay again, or cancel and release the reservation."""
    order = order_for_buyer(reference)
    return render_template("checkout/cancelled.html", order=order)


@bp.post("/<reference>/cancel")
def cancel(reference: str):
    """Cancel an unpaid order, releasing what it reserved."""
    order = order_for_buyer(reference)
    provider = gateway()
    payment_session = session.get(PAYMENT_SESSIONS_KEY, {}).get(order.reference)
    if isinstance(provider, StripeGateway) and payment_session:
        try:  # close Stripe's page first, so the buyer cannot pay a cancelled order
            provider.expire_session(payment_session)
        except PaymentError:
            flash(_("Your payment may already have gone through; wait for its confirmation."),
                  "warning")
            return redirect(url_for("checkout.done", reference=order.reference))
    order = flow.lock_order(db.session, order.reference)
    outcome = flow.release_order(db.session, order=order, reason="Cancelled by the buyer")
    db.session.commit()
    flash(_("Order %(ref)s: %(outcome)s.", ref=order.reference, outcome=outcome), "info")
    return redirect(url_for("checkout.done", reference=order.reference))
