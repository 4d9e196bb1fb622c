"""The order use cases in one place: each takes the Session first, flushes, never commits.

    price_cart             price cart items now: by seller, shipping by zone, what is in the way
    place_order            price from the catalogue, snapshot, reserve stock and licences
    record_payment         idempotent by (provider, reference); pays, grants, books earnings
    expire_unpaid_orders   release reservations of orders unpaid past their deadline
    cancel_order           cancel unpaid (release) or refund a paid order in full
    refund_order           refund a whole order or chosen lines
    mark_lines_shipped     a seller ships physical lines with carrier and tracking
    verify_licence         public licence check by number
    issue_download_token / open_download   signed, expiring, capped downloads of licensed files
"""

from __future__ import annotations

from creative_market.orders.cart_pricing import price_cart
from creative_market.orders.downloads import issue_download_token, open_download
from creative_market.orders.expiry import expire_unpaid_orders
from creative_market.orders.fulfilment import lines_to_ship, mark_lines_shipped
from creative_market.orders.ledger import ledger_balance, seller_balance
from creative_market.orders.licences import grants_of_buyer, verify_licence
from creative_market.orders.paying import find_payment, get_order, record_payment
from creative_market.orders.placing import place_order
from creative_market.orders.refunds import cancel_order, refund_order

__all__ = [
    "cancel_order",
    "expire_unpaid_orders",
    "find_payment",
    "get_order",
    "grants_of_buyer",
    "issue_download_token",
    "ledger_balance",
    "lines_to_ship",
    "mark_lines_shipped",
    "open_download",
    "place_order",
    "price_cart",
    "record_payment",
    "refund_order",
    "seller_balance",
    "verify_licence",
]
