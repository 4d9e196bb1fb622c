"""Validation of account input (registration, password changes), shared by every edge."""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates

from creative_market.text import LANGUAGES
from creative_market.validators import OneOf

MIN_PASSWORD_LENGTH = 10
SELF_SERVICE_ROLES = ("buyer", "seller")


class PasswordSchema(Schema):
    """A new password: long enough and not only digits."""

    password = fields.String(
        required=True,
        validate=validate.Length(
            min=MIN_PASSWORD_LENGTH,
            max=200,
            error=f"Use at least {MIN_PASSWORD_LENGTH} characters.",
        ),
    )

    @validates("password")
    def _not_only_digits(self, value: str, **_kwargs) -> None:
        if value.isdigit():
            raise ValidationError("Mix letters in; a password of digits only is easy to guess.")


class RegistrationSchema(PasswordSchema):
    """Sign-up: buyers and sellers register themselves; agencies and admins are appointed."""

    email = fields.Email(required=True, error_messages={"invalid": "Enter a valid email address."})
    name = fields.String(
        required=True, validate=validate.Length(min=1, max=200, error="Enter your name.")
    )
    role = fields.String(
        load_default="buyer",
        validate=validate.OneOf(SELF_SERVICE_ROLES, error="Choose buyer or seller."),
    )
    preferred_language = fields.String(load_default="az", validate=OneOf(LANGUAGES))
