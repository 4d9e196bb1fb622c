"""Orders: reservations that never oversell, payments, licence grants, downloads, the ledger.

Use cases are in `creative_market.orders.services`; models in `orders.models`; the payment
port in `orders.payments`.
"""
