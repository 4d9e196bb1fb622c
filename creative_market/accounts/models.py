"""User accounts with roles; passwords hashed with scrypt from the standard library."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime
from enum import StrEnum

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from creative_market.db import Base, enum_type, utcnow

_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


class Role(StrEnum):
    """What an account may do."""

    BUYER = "buyer"
    SELLER = "seller"
    AGENCY = "agency"
    ADMIN = "admin"


def hash_password(password: str) -> str:
    """Hash a password with scrypt and a random salt, in a self-describing string."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, dklen=32, **_SCRYPT)
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${salt.hex()}${digest.hex()}"


def verify_password(password: str, encoded: str) -> bool:
    """Check a password against `hash_password` output in constant time."""
    try:
        scheme, n, r, p, salt_hex, digest_hex = encoded.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    digest = hashlib.scrypt(
        password.encode(), salt=bytes.fromhex(salt_hex), dklen=32, n=int(n), r=int(r), p=int(p)
    )
    return hmac.compare_digest(digest.hex(), digest_hex)


class User(Base):
    """A person's account. Emails are stored lower-cased and are unique."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(enum_type(Role), default=Role.BUYER)
    preferred_language: Mapped[str] = mapped_column(String(2), default="az")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    def set_password(self, password: str) -> None:
        """Store a new password hash."""
        self.password_hash = hash_password(password)

    def check_password(self, password: str) -> bool:
        """Whether `password` is this account's password."""
        return verify_password(password, self.password_hash)

    # Flask-Login reads these four attributes; they are plain Python, no Flask needed here.
    @property
    def is_active(self) -> bool:
        """Whether the account may log in."""
        return self.active

    @property
    def is_authenticated(self) -> bool:
        """A loaded account is an authenticated one."""
        return True

    @property
    def is_anonymous(self) -> bool:
        """Accounts are never anonymous."""
        return False

    def get_id(self) -> str:
        """The id as text, for session cookies."""
        return str(self.id)

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"
