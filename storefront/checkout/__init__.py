"""Checkout: the buyer's details, placing the order, handing over to the payment gateway."""
