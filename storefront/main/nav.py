"""Links a blueprint adds to the header: declare NAV_LINKS in your views module."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class NavLink:
    """A header link: `slot` is "main" (the site menu) or "user" (beside log in/out).

    `roles` limits it to logged-in users with one of those roles (empty: everyone);
    `anonymous=False` hides it from visitors who are not logged in.
    """

    endpoint: str
    label: Any  # a lazy_gettext string, so it follows the interface language
    slot: str = "main"
    roles: tuple[str, ...] = ()
    anonymous: bool = True

    def visible_to(self, user: Any) -> bool:
        """Whether `user` (Flask-Login's current_user) should see this link."""
        if not getattr(user, "is_authenticated", False):
            return self.anonymous and not self.roles
        return not self.roles or str(getattr(user, "role", "")) in self.roles
