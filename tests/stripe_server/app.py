"""The aiohttp app of the test Stripe server: localstripe's routes plus ours.

Our routes are registered first so that they win over localstripe's for the same path
(`POST /v1/refunds` is wrapped to emit `charge.refunded`, which localstripe does not).
"""

from __future__ import annotations

import hashlib
import html
import json
from typing import Any

from aiohttp import web
from localstripe import server as localstripe_server
from localstripe import webhooks as localstripe_webhooks
from localstripe.errors import UserError
from localstripe.resources import Charge, Event, Refund, store
from localstripe.webhooks import schedule_webhook

from tests.stripe_server.resources import (
    CARD_DECLINED,
    CARD_OK,
    Account,
    CheckoutSession,
    Transfer,
)

json_response = localstripe_server.json_response
get_post_data = localstripe_server.get_post_data

# Every request the server saw, for tests that assert what the stripe library sent.
REQUEST_LOG: list[dict[str, Any]] = []
# (api key, idempotency key) -> (fingerprint of the request, status, body)
IDEMPOTENT_RESPONSES: dict[tuple[str, str], tuple[str, int, bytes]] = {}


@web.middleware
async def idempotency_middleware(request: web.Request, handler):
    """Replay the first response for a repeated Idempotency-Key, as Stripe does."""
    body = await request.read()
    key = request.headers.get("Idempotency-Key")
    REQUEST_LOG.append({
        "method": request.method, "path": request.path, "body": body.decode(),
        "idempotency_key": key, "stripe_version": request.headers.get("Stripe-Version"),
    })
    if request.method != "POST" or not key or request.path.startswith("/_"):
        return await handler(request)
    fingerprint = hashlib.sha256(request.path.encode() + b"?" + body).hexdigest()
    cache_key = (request.headers.get("Authorization", ""), key)
    if cache_key in IDEMPOTENT_RESPONSES:
        seen, status, payload = IDEMPOTENT_RESPONSES[cache_key]
        if seen != fingerprint:
            return json_response({"error": {
                "type": "idempotency_error",
                "message": "Keys for idempotent requests can only be used with the same "
                           "parameters they were first used with.",
            }}, status=400)
        return web.Response(body=payload, status=status, content_type="application/json",
                            headers={"Idempotent-Replayed": "true"})
    response = await handler(request)
    # Like Stripe, a request rejected before it ran (400, 404) is not saved: retry may succeed.
    if (response.status < 400 or response.status == 402) and isinstance(response, web.Response):
        IDEMPOTENT_RESPONSES[cache_key] = (fingerprint, response.status, response.body)
    return response


async def _data(request: web.Request) -> dict[str, Any]:
    data = await get_post_data(request) or {}
    data.pop("expand", None)
    return dict(data)


async def create_checkout_session(request: web.Request) -> web.Response:
    """POST /v1/checkout/sessions."""
    return json_response(CheckoutSession._api_create(**await _data(request))._export())


async def retrieve_checkout_session(request: web.Request) -> web.Response:
    """GET /v1/checkout/sessions/{id}."""
    return json_response(CheckoutSession._api_retrieve(request.match_info["id"])._export())


async def expire_checkout_session(request: web.Request) -> web.Response:
    """POST /v1/checkout/sessions/{id}/expire."""
    return json_response(CheckoutSession._api_expire(request.match_info["id"])._export())


async def list_session_line_items(request: web.Request) -> web.Response:
    """GET /v1/checkout/sessions/{id}/line_items."""
    session = CheckoutSession._api_retrieve(request.match_info["id"])
    return json_response({"object": "list", "data": session._line_items, "has_more": False,
                          "url": request.path})


async def create_refund(request: web.Request) -> web.Response:
    """POST /v1/refunds: localstripe's refund, plus `reason` and a `charge.refunded` event."""
    data = await _data(request)
    reason = data.pop("reason", None)
    if reason not in (None, "duplicate", "fraudulent", "requested_by_customer"):
        raise UserError(400, "Invalid reason.", {"param": "reason"})
    charge_id = data.get("charge")
    if data.get("payment_intent"):
        from localstripe.resources import PaymentIntent

        intent = PaymentIntent._api_retrieve(data["payment_intent"])
        charge_id = intent.latest_charge.id if intent.latest_charge else None
    if charge_id:
        charge = Charge._api_retrieve(charge_id)
        wanted = int(data.get("amount") or charge.amount - charge.amount_refunded)
        if wanted > charge.amount - charge.amount_refunded:
            raise UserError(400, f"Refund amount ({wanted}) is greater than unrefunded amount on "
                            "charge.", {"code": "charge_already_refunded", "param": "amount"})
    refund = Refund._api_create(**data)
    refund.reason = reason
    schedule_webhook(Event("charge.refunded", Charge._api_retrieve(refund.charge)))
    return json_response(refund._export())


def _resource_routes(app: web.Application, cls, path: str) -> None:
    for method, url, factory in (
        ("POST", path, localstripe_server.api_create),
        ("GET", path + "/{id}", localstripe_server.api_retrieve),
        ("GET", path, localstripe_server.api_list_all),
    ):
        app.router.add_route(method, url, factory(cls, url))


async def hosted_page(request: web.Request) -> web.Response:
    """GET /c/pay/{id}: a minimal stand-in for Stripe's hosted payment page."""
    session = CheckoutSession._api_retrieve(request.match_info["id"])
    amount = f"{session.amount_total / 100:.2f} {session.currency.upper()}"
    body = (
        f"<!doctype html><title>Test Stripe Checkout</title><h1>TEST MODE: pay {amount}</h1>"
        f"<p>Session {html.escape(session.id)} is {html.escape(session.status)}.</p>"
        f'<form method="post" action="/_test/checkout/sessions/{session.id}/pay">'
        '<input type="hidden" name="outcome" value="paid"><button>Pay</button></form>'
        f'<form method="post" action="/_test/checkout/sessions/{session.id}/pay">'
        '<input type="hidden" name="outcome" value="declined"><button>Decline</button></form>'
    )
    return web.Response(text=body, content_type="text/html")


async def test_pay(request: web.Request) -> web.Response:
    """POST /_test/checkout/sessions/{id}/pay: the buyer pays (outcome paid|declined|delayed)."""
    session = CheckoutSession._api_retrieve(request.match_info["id"])
    data = await _data(request)
    outcome = data.get("outcome", "paid")
    card = CARD_DECLINED if outcome == "declined" else CARD_OK
    session._pay(card, data.get("email"), delayed=outcome == "delayed")
    if "text/html" in request.headers.get("Accept", ""):
        raise web.HTTPSeeOther(session.success_url)
    return json_response(session._export())


async def test_settle(request: web.Request) -> web.Response:
    """POST /_test/checkout/sessions/{id}/settle: a delayed payment succeeds or fails."""
    session = CheckoutSession._api_retrieve(request.match_info["id"])
    data = await _data(request)
    session._settle_delayed(succeeded=data.get("outcome", "succeeded") == "succeeded")
    return json_response(session._export())


async def test_requests(request: web.Request) -> web.Response:
    """GET /_test/requests: what the server has been sent."""
    return json_response({"data": REQUEST_LOG})


async def test_reset(request: web.Request) -> web.Response:
    """POST /_test/reset: forget every object, event, idempotency key and logged request."""
    store.clear()
    IDEMPOTENT_RESPONSES.clear()
    REQUEST_LOG.clear()
    localstripe_webhooks._webhooks.clear()
    return json_response({"reset": True})


def build_app(public_base_url: str) -> web.Application:
    """The server app; `public_base_url` is where hosted payment pages are served."""
    store.dump_to_disk = lambda: None  # localstripe pickles to /tmp on each write; not here
    store.clear()
    CheckoutSession._public_base_url = public_base_url
    app = web.Application(middlewares=[
        localstripe_server.error_middleware, idempotency_middleware,
        localstripe_server.auth_middleware,
    ])
    app.on_response_prepare.append(localstripe_server.add_cors_headers)
    router = app.router
    router.add_post("/v1/checkout/sessions", create_checkout_session)
    router.add_get("/v1/checkout/sessions/{id}", retrieve_checkout_session)
    router.add_post("/v1/checkout/sessions/{id}/expire", expire_checkout_session)
    router.add_get("/v1/checkout/sessions/{id}/line_items", list_session_line_items)
    router.add_post("/v1/refunds", create_refund)
    _resource_routes(app, Account, "/v1/accounts")
    _resource_routes(app, Transfer, "/v1/transfers")
    router.add_get("/c/pay/{id}", hosted_page)
    router.add_post("/_test/checkout/sessions/{id}/pay", test_pay)
    router.add_post("/_test/checkout/sessions/{id}/settle", test_settle)
    router.add_get("/_test/requests", test_requests)
    router.add_post("/_test/reset", test_reset)
    for route in localstripe_server.app.router.routes():
        info = route.resource.get_info() if route.resource else {}
        path = info.get("path") or info.get("formatter")
        if path and route.method != "HEAD":
            router.add_route(route.method, path, route.handler)
    return app


def dumps(value: Any) -> str:
    """JSON for the command line helper."""
    return json.dumps(value, indent=2, sort_keys=True)
