"""Role checks for views: `@role_required("seller")`, `@login_required`."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort
from flask_login import current_user, login_required

from creative_market.accounts.models import Role

__all__ = ["has_role", "login_required", "role_required"]


def has_role(user: Any, *roles: str | Role) -> bool:
    """Whether `user` is logged in with one of `roles` (list "admin" to let admins in)."""
    if not getattr(user, "is_authenticated", False):
        return False
    wanted = {str(Role(role)) for role in roles}
    return str(user.role) in wanted


def role_required(*roles: str | Role) -> Callable:
    """Let only logged-in users with one of `roles` through; others get 403.

    Visitors who are not logged in are sent to the log-in page first.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not has_role(current_user, *roles):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator
