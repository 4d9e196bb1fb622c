"""Administrators: seller balances, failed transfers, refunds. Sellers: refunds of their lines."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from creative_market.catalog.models import Seller
from creative_market.db import utcnow
from creative_market.exceptions import NotFoundError, PermissionDeniedError, ValidationError
from creative_market.messages import Message
from creative_market.money import SUPPORTED_CURRENCIES, Money
from creative_market.orders import payouts, queries, services, settlement
from creative_market.orders.refund_rules import refundable_lines
from storefront.account.decorators import role_required
from storefront.extensions import db
from storefront.main.library_messages import error_text, translate_messages
from storefront.main.nav import NavLink
from storefront.main.templating import format_money
from storefront.payments import flow
from storefront.payments.gateways import gateway
from storefront.seller.access import current_seller

bp = Blueprint("payouts", __name__, url_prefix="/money")
NAV_LINKS = [
    NavLink("payouts.admin_index", _l("Payments"), slot="user", roles=("admin",)),
    NavLink("payouts.seller_orders", _l("Orders and payouts"), slot="user", roles=("seller",)),
]


@bp.get("/admin")
@role_required("admin")
def admin_index():
    """Owed balances to pay by hand, failed and stuck transfers, orders needing attention."""
    attention = queries.orders_needing_attention(db.session)
    now = utcnow()
    stuck = [(payout, int((now - payouts.sending_since(payout)).total_seconds() // 60))
             for payout in payouts.stuck_payouts(db.session)]
    return render_template(
        "payouts/admin.html", balances=payouts.owed_balances(db.session),
        failed=payouts.failed_transfers(db.session), stuck=stuck, attention=attention,
    )


@bp.post("/admin/sellers/<int:seller_id>/mark-paid")
@role_required("admin")
def mark_paid(seller_id: int):
    """Mark a seller's owed balance in one currency as paid by hand."""
    reference = (request.form.get("paid_reference") or "").strip()
    if not reference:
        raise ValidationError(
            {"paid_reference": [Message("Say how it was paid (bank transfer id).")]})
    currency = (request.form.get("currency") or "AZN").strip().upper()
    if currency not in SUPPORTED_CURRENCIES:
        raise ValidationError({"currency": [Message(
            "Choose one of %(choices)s.", choices=", ".join(SUPPORTED_CURRENCIES))]})
    amount = payouts.mark_balance_paid(db.session, seller_id=seller_id, currency=currency,
                                       paid_reference=reference)
    seller = db.session.get(Seller, seller_id)  # loaded by mark_balance_paid: no query
    db.session.commit()
    flash(_("Marked %(amount)s as paid to %(seller)s.", amount=format_money(Money(
        amount, currency)), seller=seller.display_name), "success")
    return redirect(url_for("payouts.admin_index"))


@bp.post("/admin/transfers/retry")
@role_required("admin")
def retry_transfers():
    """Try pending and failed transfers again now."""
    sent, failed = flow.send_transfers()
    flash(_("Transfers sent: %(sent)d, failed: %(failed)d.", sent=sent, failed=failed), "info")
    return redirect(url_for("payouts.admin_index"))


@bp.post("/admin/transfers/<int:payout_id>/release")
@role_required("admin")
def release_stuck(payout_id: int):
    """Put a payout stuck in sending back to failed, so the next retry sends it again."""
    payout = db.session.get(payouts.SellerPayout, payout_id)
    if payout is None:
        raise NotFoundError(Message("There is no payout %(id)s.", id=payout_id))
    if payouts.release_stuck_payout(db.session, payout=payout):
        db.session.commit()
        flash(_("Payout %(id)d is back in failed transfers; retry to send it again.",
                id=payout_id), "success")
    else:
        db.session.rollback()
        flash(_("Payout %(id)d is no longer stuck in sending; nothing was changed.",
                id=payout_id), "info")
    return redirect(url_for("payouts.admin_index"))


def _own_seller() -> Seller:
    """The logged-in seller's directory entry, or a clear refusal."""
    seller = current_seller()
    if seller is None:
        raise PermissionDeniedError(Message("Your account has no seller profile."))
    return seller


def _seller_id_of_actor() -> int | None:
    """None for an administrator; the seller's id for a seller."""
    return None if current_user.role == "admin" else _own_seller().id


@bp.route("/orders/<reference>/refund", methods=["GET", "POST"])
@role_required("admin", "seller")
def refund(reference: str):
    """Refund chosen lines: any line for an administrator, own lines for a seller."""
    seller_id = _seller_id_of_actor()
    line_ids = [int(i) for i in request.form.getlist("line_id") if i.isdigit()]
    if request.method == "POST" and line_ids:
        order = flow.lock_order(db.session, reference)
        refund = settlement.refund_by_actor(
            db.session, order=order, line_ids=line_ids, seller_id=seller_id,
            reason=(request.form.get("reason") or "").strip()[:500], gateway=gateway())
        db.session.commit()
        flash(_("Refunded %(amount)s of %(reference)s.",
                amount=Money(refund.amount, refund.currency), reference=order.reference),
              "success")
        return redirect(url_for("payouts.refund", reference=order.reference))
    order = services.get_order(db.session, reference=reference)  # showing the form locks nothing
    lines = refundable_lines(order, seller_id=seller_id)
    if seller_id is not None and all(line.seller_id != seller_id for line in order.lines):
        raise PermissionDeniedError("This order has none of your lines.")
    if request.method == "POST":  # posted with no line ticked
        error = _("Choose at least one line to refund.")
        return render_template("payouts/refund.html", order=order, lines=lines, error=error), 422
    return render_template("payouts/refund.html", order=order, lines=lines)


SHIP_FORM_FIELDS = {"carrier": _l("Carrier"), "tracking_number": _l("Tracking number")}


def _ship_form_errors(error: ValidationError) -> list[str]:
    """One line per problem of the ship form, naming the field it is about."""
    messages = getattr(error, "messages", None) or {}
    if not any(name in messages for name in SHIP_FORM_FIELDS):
        return [error_text(error)]
    lines = []
    for name, reasons in translate_messages(messages).items():
        reasons = reasons if isinstance(reasons, list | tuple) else [reasons]
        field = SHIP_FORM_FIELDS.get(name)
        for reason in dict.fromkeys(str(r) for r in reasons):  # most name their field
            named = field is None or str(field) in reason
            lines.append(reason if named else _("%(field)s: %(reason)s", field=field,
                                                  reason=reason))
    return lines


@bp.get("/seller/orders")
@role_required("seller")
def seller_orders():
    """A seller's sold lines by order, what each pays them and why, and their payouts."""
    seller = _own_seller()
    by_order = queries.seller_sales(db.session, seller_id=seller.id)
    return render_template(
        "payouts/seller_orders.html", seller=seller, by_order=by_order,
        shares=payouts.order_shares(db.session, seller_id=seller.id, references=list(by_order)),
        payouts=queries.seller_payouts(db.session, seller_id=seller.id))


@bp.post("/seller/orders/<reference>/ship")
@role_required("seller")
def ship(reference: str):
    """Mark the seller's chosen physical lines shipped with carrier and tracking number."""
    seller = _own_seller()
    order = flow.lock_order(db.session, reference)
    line_ids = [int(i) for i in request.form.getlist("line_id") if i.isdigit()]
    try:
        services.mark_lines_shipped(
            db.session, order=order, line_ids=line_ids, seller_id=seller.id,
            carrier=(request.form.get("carrier") or "").strip(),
            tracking_number=(request.form.get("tracking_number") or "").strip(),
        )
    except ValidationError as error:
        db.session.rollback()
        for message in _ship_form_errors(error):
            flash(message, "error")
        return redirect(url_for("payouts.seller_orders"))
    db.session.commit()
    flash(_("Marked shipped. The buyer sees the tracking number on their order."), "success")
    return redirect(url_for("payouts.seller_orders"))
