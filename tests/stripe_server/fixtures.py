"""Pytest fixtures for Stripe tests; import them into a test module by name.

    from tests.stripe_server.fixtures import stripe_app, stripe_server  # noqa: F401
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
import stripe
from flask import Flask
from flask.testing import FlaskClient

from creative_market.db import Base
from storefront.extensions import db
from tests.conftest import truncate_all
from tests.stripe_server.process import StripeServer

WEBHOOK_SECRET = "whsec_creative_market_test"


@pytest.fixture(scope="module")
def stripe_server() -> Iterator[StripeServer]:
    """The test Stripe server, one per test module, on a free port of 127.0.0.1."""
    server = StripeServer.start()
    yield server
    server.stop()


@pytest.fixture
def stripe_app(app_factory, database_url: str, engine, stripe_server) -> Iterator[Flask]:
    """The storefront with Stripe configured against the test server, on SQLite and PostgreSQL."""
    app = app_factory(
        DATABASE_URL=database_url, STRIPE_SECRET_KEY=stripe_server.secret_key,
        STRIPE_API_BASE=stripe_server.url, STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET,
    )
    with app.app_context():
        Base.metadata.create_all(db.engine)
    stripe_server.reset()  # order references restart with the tables: so must Stripe
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    truncate_all(engine)


def signed_post(client: FlaskClient, event: dict[str, Any] | str, *, secret: str = WEBHOOK_SECRET,
                timestamp: int | None = None, tamper: bool = False):
    """POST an event to the webhook, signed the way Stripe signs it."""
    payload = event if isinstance(event, str) else json.dumps(event)
    header = stripe.WebhookSignature.generate_signature_header(
        payload, secret, timestamp=timestamp or int(time.time()))
    if tamper:
        payload = payload.replace('"amount_total": ', '"amount_total": 1', 1)
    return client.post("/payments/stripe/webhook", data=payload,
                       headers={"Stripe-Signature": header, "Content-Type": "application/json"})


def wait_for_events(server: StripeServer, *types: str, timeout: float = 10.0) -> list[dict]:
    """The server's new events of `types`, waiting until at least one of each has arrived."""
    deadline = time.monotonic() + timeout
    found: list[dict] = []
    while time.monotonic() < deadline:
        found += server.new_events()
        if all(any(e["type"] == t for e in found) for t in types):
            return [e for e in found if e["type"] in types]
        time.sleep(0.1)
    raise AssertionError(f"No {types} events from the test Stripe server; got "
                         f"{[e['type'] for e in found]}")


@pytest.fixture(name="app")
def app_on_both_databases(app_factory, database_url: str, engine) -> Iterator[Flask]:
    """Replaces the storefront's `app` in a module that imports it: SQLite and PostgreSQL."""
    app = app_factory(DATABASE_URL=database_url)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    truncate_all(engine)
