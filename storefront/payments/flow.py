"""What happens around a payment, whichever gateway took it.

The offline test page and the Stripe webhook both end in the library's
`settlement.settle_payment`; the buyer's cancel, a declined delayed payment and an expired
Checkout Session all end in `release_order`. After the transaction commits, `after_payment`
pays sellers and mails the buyer and the sellers with goods to ship (`payments.mails`),
outside the transaction, so a slow provider never holds database locks.
"""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from creative_market.exceptions import PaymentError
from creative_market.mail import MailMessage
from creative_market.money import Money
from creative_market.orders import payouts, services
from creative_market.orders.models import Order
from creative_market.orders.payments import PaymentStart, SupportsSellerTransfers
from creative_market.orders.state import PAID_STATES, OrderStatus
from storefront.extensions import db, mailer
from storefront.payments.gateways import gateway
from storefront.payments.mails import (
    confirmation_mail,
    parcels_to_ship,
    seller_address,
    seller_mail,
)

log = logging.getLogger(__name__)


def lock_order(session: Session, reference: str) -> Order:
    """The order, with its row locked until commit (webhooks and refunds take turns)."""
    order = services.get_order(session, reference=reference)
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(Order.id).where(Order.id == order.id).with_for_update())
        session.refresh(order)
    return order


def begin_payment(order: Order, *, success_url: str, cancel_url: str) -> PaymentStart:
    """Ask the gateway for the payment page of a placed order."""
    return gateway().start_payment(
        order_reference=order.reference, amount=order.total_money,
        description=f"Creative Market order {order.reference}", buyer_email=order.buyer_email,
        success_url=success_url, cancel_url=cancel_url, order=order,
    )


def expire_stale_orders(session: Session) -> int:
    """Release reservations of orders unpaid past their deadline (a few at a time)."""
    expired = services.expire_unpaid_orders(session, limit=100)
    if expired:
        session.commit()
    return expired


def release_order(session: Session, *, order: Order, reason: str) -> str:
    """Give an unpaid order's reservations back (cancelled); paid orders are left alone."""
    if OrderStatus(order.status) is not OrderStatus.PENDING_PAYMENT:
        return f"order already {OrderStatus(order.status).value}; nothing to release"
    services.cancel_order(session, order=order, reason=reason)
    return f"order {order.reference} cancelled, reservations released"


def after_payment(order_reference: str) -> None:
    """After commit: transfer sellers' shares (retrying earlier failures), mail the buyer and
    the sellers who have goods to ship.

    Callers run it once per payment: the webhook after claiming the event (a repeated event
    is answered 'duplicate' before this), the offline page only for an order still unpaid.

    The payment is already committed: a failure here is logged, never shown as an error,
    and the transfers are retried with the next payment or from the administrators' page.
    """
    try:
        order = services.get_order(db.session, reference=order_reference)
        if OrderStatus(order.status) in PAID_STATES:
            send_transfers()
            send_confirmation(order)
            send_seller_notices(order)
    except Exception:
        db.session.rollback()
        log.exception("After-payment work for %s failed; retry transfers later", order_reference)


def send_transfers(order: Order | None = None) -> tuple[int, int]:
    """Try every pending or failed payout (of one order); commit each; (sent, failed)."""
    provider = gateway()
    if not isinstance(provider, SupportsSellerTransfers):
        return (0, 0)
    sent = failed = 0
    for payout in payouts.payouts_to_transfer(db.session, order=order):
        # A seller who fixed their connected account gets the retry there.
        destination = payout.seller.stripe_account_id or payout.destination_account
        if not destination or not payouts.claim_payout(db.session, payout=payout,
                                                       destination_account=destination):
            continue  # no account yet, or another sender claimed it first
        db.session.commit()  # the claim is visible before the gateway is called
        try:
            transfer_id = provider.transfer_to_seller(
                destination_account=payout.destination_account,
                amount=Money(payout.amount, payout.currency),
                idempotency_key=payout.idempotency_key, transfer_group=payout.transfer_group,
            )
        except PaymentError as error:
            payouts.record_transfer(db.session, payout=payout, error=error.message)
            failed += 1
        else:
            payouts.record_transfer(db.session, payout=payout, transfer_id=transfer_id)
            sent += 1
        db.session.commit()
    return sent, failed


def send_confirmation(order: Order) -> None:
    """Mail the buyer what they bought and where to find it, in the language of checkout."""
    _send(confirmation_mail(order), f"the confirmation of {order.reference}")


def send_seller_notices(order: Order) -> None:
    """Mail each seller with goods to ship in the paid order (sellers without an address are
    skipped), in the seller's preferred language."""
    for parcel in parcels_to_ship(order):
        address = seller_address(parcel.seller)
        if address is None:
            log.info("Seller %s has no e-mail address; not told about %s",
                     parcel.seller.id, order.reference)
            continue
        _send(seller_mail(order, parcel, to=address),
              f"the shipping notice of {order.reference} to seller {parcel.seller.id}")


def _send(message: MailMessage, what: str) -> None:
    try:
        mailer().send(message)
    except Exception:  # mail must never undo a recorded payment
        log.exception("Could not mail %s", what)
