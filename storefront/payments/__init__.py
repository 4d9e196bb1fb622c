"""Payments: the Stripe adapter of the library's payment port, the offline gateway with its
clearly labelled test payment page, and the Stripe webhook."""
