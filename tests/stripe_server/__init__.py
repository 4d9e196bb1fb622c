"""A Stripe-compatible server for the tests: localstripe, extended with the missing APIs.

localstripe (from PyPI) implements customers, payment methods, payment intents, charges,
refunds, events and signed webhook delivery. It has no Checkout Sessions and no Connect.
`tests.stripe_server.resources` adds those as localstripe resources (so they live in the
same store, emit events through the same signed-webhook machinery and answer in Stripe's
shapes), and `tests.stripe_server.app` builds one aiohttp app with them, idempotency keys,
`charge.refunded` events and a few `/_test/` hooks that stand in for a buyer on the hosted
payment page. `StripeServer` runs it in a subprocess on a free port of 127.0.0.1.
"""

from tests.stripe_server.process import StripeServer

__all__ = ["StripeServer"]
