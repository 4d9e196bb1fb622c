"""Administrators: seller balances, failed transfers, refunds. Sellers: refunds of their lines."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from creative_market.catalog.models import Seller
from creative_market.exceptions import PermissionDeniedError, ValidationError
from creative_market.orders import payouts
from creative_market.orders.models import Order
from storefront.account.decorators import role_required
from storefront.extensions import db
from storefront.main.nav import NavLink
from storefront.payments import flow
from storefront.payouts.rules import check_refund, refundable_lines

bp = Blueprint("payouts", __name__, url_prefix="/money")
NAV_LINKS = [NavLink("payouts.admin_index", _l("Payments"), slot="user", roles=("admin",))]


@bp.get("/admin")
@role_required("admin")
def admin_index():
    """Owed seller balances to pay by hand, failed transfers, orders needing attention."""
    attention = db.session.scalars(
        select(Order).where(Order.needs_attention.is_(True)).order_by(Order.id.desc()).limit(50)
    ).all()
    return render_template(
        "payouts/admin.html", balances=payouts.owed_balances(db.session),
        failed=payouts.failed_transfers(db.session), attention=attention,
    )


@bp.post("/admin/sellers/<int:seller_id>/mark-paid")
@role_required("admin")
def mark_paid(seller_id: int):
    """Mark a seller's owed balance in one currency as paid by hand."""
    reference = (request.form.get("paid_reference") or "").strip()
    if not reference:
        raise ValidationError({"paid_reference": ["Say how it was paid (bank transfer id)."]})
    amount = payouts.mark_balance_paid(db.session, seller_id=seller_id,
                                       currency=request.form.get("currency", "AZN"),
                                       paid_reference=reference)
    db.session.commit()
    flash(_("Marked %(amount)s as paid.", amount=amount), "success")
    return redirect(url_for("payouts.admin_index"))


@bp.post("/admin/transfers/retry")
@role_required("admin")
def retry_transfers():
    """Try pending and failed transfers again now."""
    sent, failed = flow.send_transfers()
    flash(_("Transfers sent: %(sent)d, failed: %(failed)d.", sent=sent, failed=failed), "info")
    return redirect(url_for("payouts.admin_index"))


def _seller_id_of_actor() -> int | None:
    """None for an administrator; the seller's id for a seller."""
    if current_user.role == "admin":
        return None
    seller = db.session.scalar(select(Seller).where(Seller.user_id == current_user.id))
    if seller is None:
        raise PermissionDeniedError("Your account has no seller profile.")
    return seller.id


@bp.route("/orders/<reference>/refund", methods=["GET", "POST"])
@role_required("admin", "seller")
def refund(reference: str):
    """Refund chosen lines: any line for an administrator, own lines for a seller."""
    seller_id = _seller_id_of_actor()
    order = flow.lock_order(db.session, reference)
    if seller_id is not None and all(line.seller_id != seller_id for line in order.lines):
        raise PermissionDeniedError("This order has none of your lines.")
    if request.method == "POST":
        line_ids = [int(i) for i in request.form.getlist("line_id") if i.isdigit()]
        check_refund(order, line_ids, seller_id=seller_id)
        reason = (request.form.get("reason") or "").strip()[:500] or "Refund"
        key = f"refund-{order.reference}-" + "-".join(str(i) for i in sorted(line_ids))
        outcome = flow.refund_lines(db.session, order=order, line_ids=line_ids,
                                    reason=reason, key=key)
        db.session.commit()
        flash(outcome, "success")
        return redirect(url_for("payouts.refund", reference=order.reference))
    return render_template("payouts/refund.html", order=order,
                           lines=refundable_lines(order, seller_id=seller_id))
