"""Buyers' purchases: orders, downloads through signed tokens, licence certificates."""
