"""Seller dashboard forms. They render fields and carry the CSRF token; the library validates.

Values go to the catalogue services as flat text, so the marshmallow schemas of
`creative_market.catalog.schemas` check them and word the messages exactly as the importer
does. WTForms validators are used only for what is not catalogue data (the file itself).
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import Any

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, Field, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice

from creative_market.catalog.enums import (
    CarpetTechnique,
    CreativeCluster,
    DesignCategory,
    Fibre,
    FileRole,
    MediaType,
    ProductKind,
    Region,
    SellerKind,
    WeavingSchool,
)
from creative_market.catalog.licensing import LicenceTier, UsageCapUnit, UsageMedium
from creative_market.money import SUPPORTED_CURRENCIES
from storefront.main.labels import label


def _choices(enum_cls: type[Enum], blank: bool = True) -> list[SelectChoice]:
    # Lazy: the label is read in the language of the request that renders the form.
    options = [SelectChoice(member.value, LazyString(label, member)) for member in enum_cls]
    return ([SelectChoice("", "—")] if blank else []) + options


def _select(label: Any, enum_cls: type[Enum], blank: bool = True) -> SelectField:
    # validate_choice is off: the library's schema reports an unknown value in its own words.
    return SelectField(label, choices=_choices(enum_cls, blank), validate_choice=False)


class SellerProfileForm(FlaskForm):
    """The seller's entry in the directory."""

    display_name = StringField(_l("Name of the workshop, studio or artist"))
    kind = _select(_l("Kind of seller"), SellerKind)
    cluster = _select(_l("Creative cluster"), CreativeCluster)
    region = _select(_l("Region"), Region)
    bio_az = TextAreaField(_l("About you (Azerbaijani)"))
    bio_en = TextAreaField(_l("About you (English)"))
    bio_ru = TextAreaField(_l("About you (Russian)"))
    contact_email = StringField(_l("Contact email"))
    contact_phone = StringField(_l("Contact phone"))
    website = StringField(_l("Website"))
    processing_days = StringField(_l("Days to prepare an order"))
    shipping_domestic = StringField(_l("Shipping in Azerbaijan"))
    shipping_cis = StringField(_l("Shipping to CIS countries"))
    shipping_world = StringField(_l("Shipping worldwide"))


class ListingForm(FlaskForm):
    """What every listing has: texts in three languages, SKU, price or file formats."""

    kind: ProductKind
    sku = StringField(_l("SKU (your own code, optional)"))
    title_az = StringField(_l("Title in Azerbaijani"))
    title_en = StringField(_l("Title in English"))
    title_ru = StringField(_l("Title in Russian"))
    description_az = TextAreaField(_l("Description in Azerbaijani"))
    description_en = TextAreaField(_l("Description in English"))
    description_ru = TextAreaField(_l("Description in Russian"))
    tags_az = StringField(_l("Tags in Azerbaijani (comma-separated)"))
    tags_en = StringField(_l("Tags in English (comma-separated)"))
    tags_ru = StringField(_l("Tags in Russian (comma-separated)"))
    currency = SelectField(_l("Currency"), validate_choice=False,
                           choices=[SelectChoice(c, c) for c in SUPPORTED_CURRENCIES])
    price = StringField(_l("Price (physical items)"))
    stock_quantity = StringField(_l("Stock quantity (physical items)"))
    weight_grams = StringField(_l("Weight in grams (physical items)"))
    hs_code = StringField(_l("HS code (for export, optional)"))
    file_formats = StringField(_l("File formats (digital works, e.g. WAV, MP3)"))

    TEXT_FIELDS = ("title_az", "title_en", "title_ru", "description_az", "description_en",
                   "description_ru", "tags_az", "tags_en", "tags_ru")
    COMMON_FIELDS = ("sku", "currency", "price", "stock_quantity", "weight_grams", "hs_code",
                     "file_formats")
    KIND_FIELDS: tuple[str, ...] = ()

    def field_groups(self) -> list[tuple[Any, list[Field]]]:
        """Fields grouped for the page: texts, kind details, price and stock."""
        return [
            (_l("Texts"), [self[name] for name in self.TEXT_FIELDS]),
            (_l("Details"), [self[name] for name in self.KIND_FIELDS]),
            (_l("Price, stock and files"), [self[name] for name in self.COMMON_FIELDS]),
        ]

    def listing_data(self) -> dict[str, Any]:
        """The flat input for the catalogue services (`kind` included)."""
        names = self.TEXT_FIELDS + self.KIND_FIELDS + self.COMMON_FIELDS
        return {"kind": self.kind.value, **{name: self[name].data for name in names}}


class CarpetForm(ListingForm):
    """A carpet: weaving school, technique, fibres, size and knot density."""

    kind = ProductKind.CARPET
    weaving_school = _select(_l("Weaving school"), WeavingSchool)
    technique = _select(_l("Technique"), CarpetTechnique)
    pile_material = _select(_l("Pile material (knotted pile only)"), Fibre)
    warp_material = _select(_l("Warp material"), Fibre)
    weft_material = _select(_l("Weft material"), Fibre)
    width_cm = StringField(_l("Width in cm"))
    length_cm = StringField(_l("Length in cm"))
    knot_density_per_dm2 = StringField(_l("Knot density per dm² (knotted pile only)"))
    year_made = StringField(_l("Year made"))
    KIND_FIELDS = ("weaving_school", "technique", "pile_material", "warp_material",
                   "weft_material", "width_cm", "length_cm", "knot_density_per_dm2", "year_made")


class DesignForm(ListingForm):
    """A design work: its category decides whether it ships or is licensed."""

    kind = ProductKind.DESIGN
    category = _select(_l("Category"), DesignCategory)
    materials = StringField(_l("Materials (comma-separated)"))
    width_cm = StringField(_l("Width in cm"))
    height_cm = StringField(_l("Height in cm"))
    depth_cm = StringField(_l("Depth in cm"))
    KIND_FIELDS = ("category", "materials", "width_cm", "height_cm", "depth_cm")


class MusicForm(ListingForm):
    """A track or album sold by licence."""

    kind = ProductKind.MUSIC
    genre = StringField(_l("Genre (mugham, jazz-mugham, ashiq, folk...)"))
    duration_seconds = StringField(_l("Duration (seconds or m:ss)"))
    isrc = StringField(_l("ISRC"))
    bpm = StringField(_l("Tempo (BPM)"))
    KIND_FIELDS = ("genre", "duration_seconds", "isrc", "bpm")


class MediaForm(ListingForm):
    """A film, animation, photograph or video sold by licence."""

    kind = ProductKind.MEDIA
    media_type = _select(_l("Media type"), MediaType)
    duration_seconds = StringField(_l("Duration (seconds or m:ss; not for photos)"))
    resolution_width_px = StringField(_l("Width in pixels"))
    resolution_height_px = StringField(_l("Height in pixels"))
    KIND_FIELDS = ("media_type", "duration_seconds", "resolution_width_px",
                   "resolution_height_px")


LISTING_FORMS: dict[ProductKind, type[ListingForm]] = {
    ProductKind.CARPET: CarpetForm, ProductKind.DESIGN: DesignForm,
    ProductKind.MUSIC: MusicForm, ProductKind.MEDIA: MediaForm,
}


def form_value(value: Any) -> Any:
    """A model value as form text: enums by value, lists comma-joined, None blank."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    return value


def initial_data(obj: Any, form_cls: type[FlaskForm]) -> dict[str, Any]:
    """Form data prefilled from a model object's attributes of the same names."""
    data: dict[str, Any] = {}
    for klass in form_cls.__mro__:
        for name, unbound in vars(klass).items():
            if hasattr(unbound, "field_class") and hasattr(obj, name) and name not in data:
                data[name] = form_value(getattr(obj, name))
    return data


class OfferForm(FlaskForm):
    """Terms and price of a licence offer."""

    tier = _select(_l("Licence tier"), LicenceTier)
    media = StringField(_l("Media (comma-separated: %(media)s)",
                           media=", ".join(m.value for m in UsageMedium)))
    territory = StringField(_l("Territory (WW for worldwide, or country codes like AZ, TR)"),
                            default="WW")
    term_months = StringField(_l("Term in months (empty: perpetual)"))
    usage_cap = StringField(_l("Usage cap (empty: none)"))
    usage_cap_unit = _select(_l("Usage cap counts"), UsageCapUnit)
    seats = StringField(_l("Seats"), default="1")
    attribution_required = BooleanField(_l("Attribution required"))
    merchandise_allowed = BooleanField(_l("Merchandise allowed"))
    resale_allowed = BooleanField(_l("Resale allowed"))
    price = StringField(_l("Price (the minimum, for pay-what-you-want)"))
    pay_what_you_want = BooleanField(_l("Pay what you want (music only)"))

    FIELDS = ("tier", "media", "territory", "term_months", "usage_cap", "usage_cap_unit",
              "seats", "attribution_required", "merchandise_allowed", "resale_allowed", "price",
              "pay_what_you_want")

    def offer_data(self) -> dict[str, Any]:
        """The flat input for `add_offer` / `update_offer`."""
        return {name: self[name].data for name in self.FIELDS}


class UploadForm(FlaskForm):
    """One file for a listing: a picture, an audio preview or the work itself."""

    role = SelectField(_l("What is it?"), choices=[
        SelectChoice(FileRole.IMAGE.value, _l("Picture for the gallery")),
        SelectChoice(FileRole.PREVIEW.value, _l("Audio preview (music)")),
        SelectChoice(FileRole.DELIVERABLE.value, _l("The work file buyers download")),
    ])
    file = FileField(_l("File"), validators=[FileRequired(_l("Choose a file to upload."))])


class StockForm(FlaskForm):
    """Change the stock of a physical item."""

    stock_quantity = StringField(_l("Stock quantity"))


class ActionForm(FlaskForm):
    """A button that posts (publish, withdraw, delete): only the CSRF token."""
