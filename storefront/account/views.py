"""Register, log in and out, reset a forgotten password by a mailed link."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, login_user, logout_user

from creative_market.accounts import services
from creative_market.exceptions import DuplicateError, PermissionDeniedError, ValidationError
from creative_market.mail import MailMessage
from storefront.account.forms import (
    LoginForm,
    LogoutForm,
    RegistrationForm,
    ResetPasswordForm,
    ResetRequestForm,
)
from storefront.extensions import db, mailer
from storefront.main.library_messages import translate_messages
from storefront.main.nav import NavLink
from storefront.main.redirects import local_url

bp = Blueprint("account", __name__, url_prefix="/account")

NAV_LINKS = [NavLink("account.profile", _l("My account"), slot="user", anonymous=False)]


def _safe_next(default: str) -> str:
    """The ?next= target when it stays on this site, else `default`."""
    return local_url(request.args.get("next") or request.form.get("next"), default)


def _attach_errors(form, messages: dict) -> None:
    """Show the library's field messages beside the matching form fields."""
    for field_name, reasons in translate_messages(messages).items():
        field = getattr(form, field_name, None)
        texts = reasons if isinstance(reasons, list) else [str(reasons)]
        if field is not None and hasattr(field, "errors"):
            field.errors = [*field.errors, *texts]
        else:
            form.form_errors.extend(texts)


@bp.route("/register", methods=["GET", "POST"])
def register():
    """Create a buyer or seller account and log in."""
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = RegistrationForm()
    if form.validate_on_submit():
        data = {k: form.data[k] for k in ("email", "name", "password", "role")}
        data["preferred_language"] = _current_language()
        try:
            user = services.register_user(db.session, data=data)
        except ValidationError as error:
            _attach_errors(form, error.messages)
        except DuplicateError:
            taken = _("An account with this email already exists; log in or reset the password.")
            form.email.errors = [*form.email.errors, taken]
        else:
            db.session.commit()
            login_user(user)
            flash(_("Welcome, %(name)s! Your account is ready.", name=user.name), "success")
            return redirect(_safe_next(url_for("main.home")))
    return render_template("account/register.html", form=form), 422 if form.errors else 200


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Log in with email and password."""
    if current_user.is_authenticated:
        return redirect(_safe_next(url_for("main.home")))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        try:
            user = services.authenticate(
                db.session, email=form.email.data, password=form.password.data
            )
        except PermissionDeniedError:
            form.form_errors.append(_("The email or the password is wrong."))
            status = 422
        else:
            login_user(user, remember=form.remember.data)
            return redirect(_safe_next(url_for("main.home")))
    return render_template("account/login.html", form=form), status


@bp.post("/logout")
def logout():
    """Log out (POST with a CSRF token)."""
    LogoutForm()  # CSRFProtect has already checked the token
    logout_user()
    flash(_("You have logged out."), "info")
    return redirect(url_for("main.home"))


@bp.get("/")
@login_required
def profile():
    """The account page: who you are and where your things are."""
    return render_template("account/profile.html")


@bp.route("/reset", methods=["GET", "POST"])
def reset_request():
    """Ask for a reset link; the answer is the same whether or not the account exists."""
    form = ResetRequestForm()
    if form.validate_on_submit():
        user = services.find_user_by_email(db.session, email=form.email.data)
        if user is not None and user.active:
            _send_reset_mail(user)
        flash(_("If an account uses that address, a reset link is on its way."), "info")
        return redirect(url_for("account.login"))
    return render_template("account/reset_request.html", form=form)


def _send_reset_mail(user) -> None:
    token = services.make_password_reset_token(user, secret=current_app.config["SECRET_KEY"])
    link = url_for("account.reset_password", token=token, _external=True)
    minutes = current_app.config["PASSWORD_RESET_MAX_AGE"] // 60
    body = _(
        "Hello %(name)s,\n\nOpen this link to choose a new password (valid for %(minutes)s "
        "minutes, once):\n%(link)s\n\nIf you did not ask for it, ignore this message.",
        name=user.name, minutes=minutes, link=link,
    )
    mailer().send(MailMessage(to=user.email, subject=_("Reset your password"), body=body))


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    """Choose a new password with a mailed token (expiring, single-use)."""
    config = current_app.config
    lookup = {
        "token": token,
        "secret": config["SECRET_KEY"],
        "max_age": config["PASSWORD_RESET_MAX_AGE"],
    }
    services.user_for_reset_token(db.session, **lookup)  # a bad link fails before the form
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            services.reset_password(db.session, new_password=form.password.data, **lookup)
        except ValidationError as error:
            _attach_errors(form, error.messages)
        else:
            db.session.commit()
            flash(_("Your password is changed. Log in with the new one."), "success")
            return redirect(url_for("account.login"))
    return render_template("account/reset_password.html", form=form), 422 if form.errors else 200


def _current_language() -> str:
    from storefront.main.templating import current_language

    return current_language()
