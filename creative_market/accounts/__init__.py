"""Accounts: people who buy, sell, promote exports or run the marketplace."""
