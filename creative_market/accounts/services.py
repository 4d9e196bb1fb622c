"""Account use cases: register, authenticate, password-reset tokens. They flush, never commit."""

from __future__ import annotations

import hashlib
from typing import Any

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from marshmallow import ValidationError as SchemaError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from creative_market.accounts.models import Role, User
from creative_market.accounts.schemas import PasswordSchema, RegistrationSchema
from creative_market.exceptions import DuplicateError, PermissionDeniedError, ValidationError

_RESET_SALT = "creative-market/password-reset"


def normalize_email(email: str) -> str:
    """Emails are compared and stored lower-cased and trimmed."""
    return email.strip().lower()


def find_user_by_email(session: Session, *, email: str) -> User | None:
    """The account with `email` (case-insensitive), if any."""
    return session.scalar(select(User).where(func.lower(User.email) == normalize_email(email)))


def register_user(session: Session, *, data: dict[str, Any]) -> User:
    """Validate sign-up data and create a buyer or seller account."""
    try:
        clean = RegistrationSchema().load(data)
    except SchemaError as error:
        raise ValidationError(error.messages) from error
    email = normalize_email(clean["email"])
    if find_user_by_email(session, email=email) is not None:
        raise DuplicateError(
            f"An account with {email} already exists; log in or reset the password."
        )
    user = User(
        email=email,
        name=clean["name"].strip(),
        role=Role(clean["role"]),
        preferred_language=clean["preferred_language"],
    )
    user.set_password(clean["password"])
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, *, email: str, password: str) -> User:
    """The active account with these credentials, else PermissionDeniedError."""
    user = find_user_by_email(session, email=email)
    if user is None or not user.active or not user.check_password(password):
        raise PermissionDeniedError("The email or the password is wrong.")
    return user


def _serializer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt=_RESET_SALT)


def _password_fingerprint(user: User) -> str:
    # Binding the token to the current hash makes it single-use: a new password voids it.
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:20]


def make_password_reset_token(user: User, *, secret: str) -> str:
    """A signed, time-stamped token that resets `user`'s password once."""
    return _serializer(secret).dumps({"user": user.id, "pw": _password_fingerprint(user)})


def user_for_reset_token(session: Session, *, token: str, secret: str, max_age: int) -> User:
    """The account a reset token is for; PermissionDeniedError if it is bad, old or used."""
    try:
        payload = _serializer(secret).loads(token, max_age=max_age)
    except SignatureExpired as error:
        raise PermissionDeniedError("This reset link has expired; ask for a new one.") from error
    except BadSignature as error:
        raise PermissionDeniedError("This reset link is not valid; ask for a new one.") from error
    user = session.get(User, payload.get("user")) if isinstance(payload, dict) else None
    if user is None or not user.active or payload.get("pw") != _password_fingerprint(user):
        raise PermissionDeniedError("This reset link has already been used; ask for a new one.")
    return user


def reset_password(
    session: Session, *, token: str, secret: str, max_age: int, new_password: str
) -> User:
    """Set a new password with a reset token; the token cannot be used again."""
    user = user_for_reset_token(session, token=token, secret=secret, max_age=max_age)
    try:
        PasswordSchema().load({"password": new_password})
    except SchemaError as error:
        raise ValidationError(error.messages) from error
    user.set_password(new_password)
    session.flush()
    return user
