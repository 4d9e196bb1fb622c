"""Demo accounts: a buyer, a seller owning a demo workshop, an agency user and an admin.

They exist only in the demo; a real deployment appoints agencies and admins itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from creative_market.accounts.models import Role, User
from creative_market.accounts.services import find_user_by_email
from creative_market.catalog.models import Seller


@dataclass(frozen=True)
class DemoAccount:
    """Credentials printed when the demo starts."""

    email: str
    password: str
    name: str
    role: Role


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("buyer@demo.az", "demo-buyer-2026", "Aynur Əliyeva", Role.BUYER),
    DemoAccount("seller@demo.az", "demo-seller-2026", "Tofiq Qımıllı", Role.SELLER),
    DemoAccount("agency@demo.az", "demo-agency-2026", "İxrac Agentliyi", Role.AGENCY),
    DemoAccount("admin@demo.az", "demo-admin-2026", "Admin", Role.ADMIN),
)
# The demo seller account runs the first workshop of the demo directory.
DEMO_SELLER_SLUG = "qimil-xalca-emalatxanasi"


def ensure_demo_accounts(session: Session) -> list[DemoAccount]:
    """Create the demo accounts that are missing (idempotent); flush, never commit."""
    for account in DEMO_ACCOUNTS:
        user = find_user_by_email(session, email=account.email)
        if user is None:
            user = User(email=account.email, name=account.name, role=account.role)
            user.set_password(account.password)
            session.add(user)
            session.flush()
        if account.role is Role.SELLER:
            _link_seller(session, user)
    return list(DEMO_ACCOUNTS)


def _link_seller(session: Session, user: User) -> None:
    seller = session.scalar(select(Seller).where(Seller.slug == DEMO_SELLER_SLUG))
    if seller is not None and seller.user_id is None:
        owned = session.scalar(select(Seller.id).where(Seller.user_id == user.id))
        if owned is None:
            seller.user = user
            session.flush()


def describe_accounts(accounts: list[DemoAccount]) -> str:
    """A small table of the demo logins for the console."""
    lines = ["Demo accounts (log in at /account/login):"]
    for account in accounts:
        lines.append(f"  {account.role.value:<7} {account.email:<18} {account.password}")
    return "\n".join(lines)
