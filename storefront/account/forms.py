"""Account forms: they render fields and carry the CSRF token; the library validates."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length

# WTForms' own catalogues have no Azerbaijani: give the message in ours.
REQUIRED = _l("This field is required.")


class LoginForm(FlaskForm):
    """Email and password."""

    email = EmailField(_l("Email"), validators=[DataRequired(REQUIRED)])
    password = PasswordField(_l("Password"), validators=[DataRequired(REQUIRED)])
    remember = BooleanField(_l("Keep me logged in"))


class RegistrationForm(FlaskForm):
    """A new buyer or seller account."""

    name = StringField(_l("Your name"), validators=[DataRequired(REQUIRED), Length(max=200)])
    email = EmailField(_l("Email"), validators=[DataRequired(REQUIRED)])
    password = PasswordField(_l("Password"), validators=[DataRequired(REQUIRED)])
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[DataRequired(REQUIRED),
                    EqualTo("password", message=_l("The passwords differ."))],
    )
    role = RadioField(
        _l("I want to"),
        choices=[
            SelectChoice("buyer", _l("Buy works")),
            SelectChoice("seller", _l("Sell my work")),
        ],
        default="buyer",
    )


class ResetRequestForm(FlaskForm):
    """Ask for a password-reset link."""

    email = EmailField(_l("Email"), validators=[DataRequired(REQUIRED)])


class ResetPasswordForm(FlaskForm):
    """Choose a new password."""

    password = PasswordField(_l("New password"), validators=[DataRequired(REQUIRED)])
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[DataRequired(REQUIRED),
                    EqualTo("password", message=_l("The passwords differ."))],
    )


class LogoutForm(FlaskForm):
    """Logging out is a POST with a CSRF token, so no other site can log you out."""
