"""Payment routes: the Stripe webhook and the offline gateway's test payment page."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from creative_market.orders import settlement
from creative_market.orders.state import OrderStatus
from storefront.extensions import csrf, db
from storefront.payments import flow, webhooks
from storefront.payments.gateways import gateway
from storefront.payments.offline import OfflineCheckoutGateway
from storefront.purchases.access import order_for_buyer

bp = Blueprint("payments", __name__, url_prefix="/payments")

@bp.cli.command("retry-transfers")
def retry_transfers_command() -> None:
    """Send pending seller transfers and retry failed ones (run it from cron)."""
    sent, failed = flow.send_transfers()
    print(f"Transfers sent: {sent}, failed: {failed}.")


@bp.cli.command("expire-orders")
def expire_orders_command() -> None:
    """Release the reservations of orders unpaid past their deadline (run it from cron)."""
    total = 0
    while expired := flow.expire_stale_orders(db.session):
        total += expired
    print(f"Orders expired: {total}.")


bp.add_url_rule("/stripe/webhook", "stripe_webhook", csrf.exempt(webhooks.stripe_webhook),
                methods=["POST"])


def _offline_only() -> None:
    if not isinstance(gateway(), OfflineCheckoutGateway):
        abort(404)


@bp.get("/test-pay/<reference>")
def offline_page(reference: str):
    """The offline gateway's payment page: clearly a test, it approves or declines."""
    _offline_only()
    order = order_for_buyer(reference)
    attempt = request.args.get("attempt", "")
    return render_template("payments/offline.html", order=order, attempt=attempt)


@bp.post("/test-pay/<reference>")
def offline_submit(reference: str):
    """Approve: record the payment as a webhook would. Decline: nothing changes."""
    _offline_only()
    order = flow.lock_order(db.session, order_for_buyer(reference).reference)
    attempt = request.form.get("attempt") or ""
    if not attempt.startswith("offpay_"):
        abort(400)
    if request.form.get("outcome") != "approve":
        db.session.rollback()
        flash(_("The payment was declined. Your order is still held for you: try again, or "
                "cancel it."), "error")
        return redirect(url_for("checkout.cancelled", reference=order.reference))
    if OrderStatus(order.status) is not OrderStatus.PENDING_PAYMENT:
        db.session.rollback()
        return redirect(url_for("checkout.done", reference=order.reference))
    outcome = settlement.settle_payment(db.session, order=order, provider=gateway().name,
                                        provider_reference=attempt, amount=order.total_money,
                                        gateway=gateway())
    db.session.commit()
    if outcome.endswith(" paid"):
        flow.after_payment(order.reference)
    return redirect(url_for("checkout.done", reference=order.reference))
