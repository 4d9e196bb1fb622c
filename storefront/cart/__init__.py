"""The cart: kept in the session, saved to the account, merged when a visitor logs in."""
