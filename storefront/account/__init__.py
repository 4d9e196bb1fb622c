"""Accounts: register, log in and out, password reset, role checks."""
