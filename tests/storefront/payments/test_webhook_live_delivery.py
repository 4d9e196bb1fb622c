"""The test server delivers signed webhooks itself (localstripe's machinery) to a live app.

Here nothing posts events by hand: the storefront runs on a real socket, the server signs
each event with the endpoint secret and POSTs it, and the order becomes paid on its own.
"""

from __future__ import annotations

import threading
import time
import urllib.request

from creative_market.orders.models import Order
from creative_market.orders.state import PAID_STATES, OrderStatus
from storefront.extensions import db
from tests.storefront.payments.helpers import check_out
from tests.stripe_server.fixtures import WEBHOOK_SECRET
from tests.stripe_server.shop import stock_shop


def register_webhook(server, url: str) -> None:
    request = urllib.request.Request(
        f"{server.url}/_config/webhooks/storefront", method="POST",
        data=f"url={url}&secret={WEBHOOK_SECRET}".encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"})
    urllib.request.urlopen(request, timeout=10).close()


def test_signed_delivery_from_the_server_pays_the_order(stripe_app, stripe_server):
    from werkzeug.serving import make_server

    stripe_app.config["SERVER_NAME"] = None  # answer on 127.0.0.1:<port> too
    shop = stock_shop(stripe_app)
    live = make_server("127.0.0.1", 0, stripe_app, threaded=True)
    thread = threading.Thread(target=live.serve_forever, daemon=True)
    thread.start()
    try:
        register_webhook(stripe_server,
                         f"http://127.0.0.1:{live.server_port}/payments/stripe/webhook")
        buyer = stripe_app.test_client()
        buyer.post("/cart/add", data={"product_id": shop.carpet_id, "quantity": 1})
        reference, session_id = check_out(buyer, stripe_server)
        stripe_server.pay(session_id)
        deadline = time.monotonic() + 20
        status = OrderStatus.PENDING_PAYMENT
        while time.monotonic() < deadline and status not in PAID_STATES:
            time.sleep(0.2)
            with stripe_app.app_context():
                status = OrderStatus(db.session.query(Order.status)
                                     .filter_by(reference=reference).scalar())
        assert status in PAID_STATES
    finally:
        live.shutdown()
        thread.join(timeout=10)
