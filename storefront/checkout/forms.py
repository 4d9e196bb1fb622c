"""The checkout form: only what the order needs. The library's schema validates it."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, SelectField, StringField

from storefront.main.countries import country_choices


class CheckoutForm(FlaskForm):
    """Email and name; a shipping address when something ships; the licensee for licences."""

    buyer_name = StringField(_l("Your name"))
    buyer_email = EmailField(_l("Email"))
    recipient = StringField(_l("Recipient"))
    line1 = StringField(_l("Address"))
    line2 = StringField(_l("Address, second line"))
    city = StringField(_l("City"))
    postal_code = StringField(_l("Postal code"))
    country = SelectField(_l("Country"), validate_choice=False)
    phone = StringField(_l("Phone"))
    buyer_country = SelectField(_l("Country you live in"), validate_choice=False)
    licensee_name = StringField(_l("Licensee (person or company named on the licence)"))
    licensee_company = StringField(_l("Licensee's company (optional)"))
    confirmed_total = HiddenField()  # the total the buyer saw; the order is placed for it only

    def offer_countries(self) -> None:
        """Every country as a choice of both country fields, named in the interface language."""
        choices = country_choices()
        self.country.choices = choices
        self.buyer_country.choices = [("", "—"), *choices]

    def shipping_address(self) -> dict[str, Any]:
        """The address fields as the library expects them."""
        names = ("recipient", "line1", "line2", "city", "postal_code", "country", "phone")
        return {name: (getattr(self, name).data or "").strip() or None for name in names}

    def attach(self, messages: dict[str, Any]) -> None:
        """Show the library's field messages beside the fields they concern."""
        for key, reasons in _flatten(messages):
            name = key.split(".")[-1]
            if name == "name" and key.startswith("buyer"):
                name = "buyer_name"
            field = getattr(self, name, None)
            if field is not None and hasattr(field, "errors") and not isinstance(field, str):
                field.errors = [*list(field.errors), *reasons]
            else:
                self.form_errors.extend(reasons)


def _flatten(messages: Any, prefix: str = "") -> list[tuple[str, list[str]]]:
    if isinstance(messages, dict):
        pairs = []
        for key, value in messages.items():
            pairs += _flatten(value, f"{prefix}.{key}" if prefix else str(key))
        return pairs
    if isinstance(messages, list) and messages and all(isinstance(m, str) for m in messages):
        return [(prefix, list(messages))]
    if isinstance(messages, list):
        return [pair for m in messages for pair in _flatten(m, prefix)]
    return [(prefix, [str(messages)])]
