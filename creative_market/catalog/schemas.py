"""Input schemas of the catalogue, shared by the services, the importer, the CLI and the web.

Input is flat: one key per model column (`title_az`, `price`, `width_cm`...), every value
may arrive as a string, and a blank value (``""`` or ``None``) means "not given". Output is a
plain dict ready for the models: enum members, `Decimal` amounts, lists, and every field of
the schema present (absent optional fields come out as ``None`` or ``[]``), plus the
derived `delivery` and `list_price`. Unknown keys are ignored, so an importer can pass a
whole row (its `kind` or `seller` columns included).

The schemas never touch the database; rules that need it (a unique slug, one offer per
tier) live in the services.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from marshmallow import EXCLUDE, Schema, ValidationError, missing, post_load, validates_schema

from creative_market.catalog.enums import (
    CarpetTechnique,
    CreativeCluster,
    Delivery,
    DesignCategory,
    Fibre,
    MediaType,
    ProductKind,
    Region,
    SellerKind,
    WeavingSchool,
)
from creative_market.catalog.fields import (
    Amount,
    Boolean,
    Choice,
    Currency,
    Duration,
    Email,
    HsCode,
    Integer,
    LabelledField,
    StringList,
    Text,
    Url,
)
from creative_market.catalog.licensing import (
    LicenceTier,
    UsageCapUnit,
    check_offer_terms,
)
from creative_market.messages import Message
from creative_market.money import DEFAULT_CURRENCY, SUPPORTED_CURRENCIES

__all__ = [
    "CarpetSchema",
    "DesignWorkSchema",
    "FlatSchema",
    "LicenceOfferSchema",
    "ListingSchema",
    "MediaWorkSchema",
    "MusicWorkSchema",
    "SellerSchema",
    "listing_schema_for",
]

EARLIEST_CARPET_YEAR = 1500
ISRC_PATTERN = r"(?i)^[A-Z]{2}-?[A-Z0-9]{3}-?[0-9]{2}-?[0-9]{5}$"
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_MAX_CM = Decimal("9999999.9")


class FlatSchema(Schema):
    """Base of the flat schemas: blanks are missing, unknown keys ignored, rules all reported.

    Flat schemas have no nested fields, no `data_key` and no partial loading, so a plain
    loop over the fields replaces marshmallow's general one when loading one mapping: the
    same results and messages, about twice as fast, which the bulk importer needs.
    """

    class Meta:
        unknown = EXCLUDE

    error_messages = {"type": "Expected a mapping of field names to values."}

    def _deserialize(self, data: Any, *, error_store: Any, many: bool = False,
                     partial: Any = None, unknown: Any = EXCLUDE, index: Any = None) -> Any:
        if many or partial or unknown != EXCLUDE or not isinstance(data, Mapping):
            return super()._deserialize(data, error_store=error_store, many=many,
                                        partial=partial, unknown=unknown, index=index)
        index = index if self.opts.index_errors else None
        result: dict[str, Any] = {}
        for name, field, direct, blank in self._plan():
            value = data.get(name)
            try:
                # The same steps as LabelledField.deserialize, without a call per field.
                if not direct:
                    value = field.deserialize(missing if value is None else value, name, data)
                elif value is None or (value.__class__ is str and not value.strip()):
                    value = field.value_when_blank() if blank is _ASK_FIELD else blank
                else:
                    value = field._deserialize(value, name, data)
            except ValidationError as error:
                error_store.store_error(error.messages, name, index=index)
                continue
            if value is not missing:
                result[name] = value
        return result

    def _plan(self) -> list[tuple[str, Any, bool, Any]]:
        """(name, field, parse directly?, value when blank) per loaded field, made once.

        The value when blank is the field's constant default, or `_ASK_FIELD` when the
        field must be asked (a required field raises, a callable default makes a new value).
        """
        plan = self.__dict__.get("_field_plan")
        if plan is None:
            plan = [
                (name, field, isinstance(field, LabelledField) and field._plain,
                 _blank_value(field))
                for name, field in self.load_fields.items()
            ]
            self.__dict__["_field_plan"] = plan
        return plan


_ASK_FIELD = object()


def _blank_value(field: Any) -> Any:
    """A field's value for a blank input when it is a constant; else `_ASK_FIELD`."""
    if not isinstance(field, LabelledField) or field.required or callable(field.load_default):
        return _ASK_FIELD
    return field.load_default


def _reject(errors: dict[str, list[str]], field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _not_given(data: dict[str, Any], field: str) -> bool:
    """True when `field` was left blank (not when it was given but failed its own check)."""
    return field in data and data[field] is None


class SellerSchema(FlatSchema):
    """A seller of the directory: an artisan, a studio or a company."""

    slug = Text("Slug", 80, pattern=SLUG_PATTERN,
                pattern_message="Slug may hold only lower-case letters, digits and dashes.")
    display_name = Text("Display name", 200, required=True)
    kind = Choice("Kind of seller", SellerKind, required=True)
    cluster = Choice("Creative cluster", CreativeCluster, required=True)
    region = Choice("Region", Region, required=True)
    bio_az = Text("Biography in Azerbaijani", 5000, load_default="")
    bio_en = Text("Biography in English", 5000)
    bio_ru = Text("Biography in Russian", 5000)
    contact_email = Email("Contact e-mail")
    contact_phone = Text("Contact phone", 40, pattern=r"^\+?[0-9 ()\-]{5,40}$",
                         pattern_message="Contact phone may hold digits, spaces, + ( ) and -.")
    website = Url("Website")
    processing_days = Integer("Processing days", minimum=0, maximum=90, load_default=3)
    shipping_domestic = Amount("Domestic shipping rate", allow_zero=True)
    shipping_cis = Amount("CIS shipping rate", allow_zero=True)
    shipping_world = Amount("Worldwide shipping rate", allow_zero=True)
    shipping_currency = Currency("Shipping currency", codes=SUPPORTED_CURRENCIES,
                                 load_default=DEFAULT_CURRENCY)


class ListingSchema(FlatSchema):
    """What every listing shares: texts in three languages, SKU, price or files."""

    kind: ProductKind
    #: True for goods that ship, False for files, None when a field of the row decides.
    physical: bool | None = None

    sku = Text("SKU", 64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._/\-]*$",
               pattern_message="SKU may hold Latin letters, digits and . _ / - only, "
                               "starting with a letter or digit.")
    title_az = Text("Title in Azerbaijani", 200, required=True,
                    missing_message="A title in Azerbaijani is required.")
    title_en = Text("Title in English", 200)
    title_ru = Text("Title in Russian", 200)
    description_az = Text("Description in Azerbaijani", 10000, load_default="")
    description_en = Text("Description in English", 10000)
    description_ru = Text("Description in Russian", 10000)
    tags_az = StringList("Tags in Azerbaijani", max_length=40, lower=True)
    tags_en = StringList("Tags in English", max_length=40, lower=True)
    tags_ru = StringList("Tags in Russian", max_length=40, lower=True)
    price = Amount("Price")
    currency = Currency("Currency", codes=SUPPORTED_CURRENCIES, load_default=DEFAULT_CURRENCY)
    stock_quantity = Integer("Stock quantity", minimum=0, maximum=100_000)
    weight_grams = Integer("Weight in grams", minimum=1, maximum=10_000_000)
    hs_code = HsCode("HS code")
    file_formats = StringList("File formats", max_items=20, max_length=20, upper=True)
    file_size_bytes = Integer("File size in bytes", minimum=1)

    def is_physical(self, data: dict[str, Any]) -> bool | None:
        """Whether the listing ships; None when the input cannot tell (an error is reported)."""
        return self.physical

    @validates_schema(skip_on_field_errors=False)
    def _check_delivery(self, data: dict[str, Any], **_kwargs: Any) -> None:
        errors: dict[str, list[str]] = {}
        physical = self.is_physical(data)
        if physical:
            self.check_physical(data, errors)
        elif physical is False:
            self.check_digital(data, errors)
        self.check_kind(data, errors)
        if errors:
            raise ValidationError(errors)

    def check_physical(self, data: dict[str, Any], errors: dict[str, list[str]]) -> None:
        """A good that ships needs a price, stock and a weight."""
        if _not_given(data, "price"):
            _reject(errors, "price", "Price is required for a physical item.")
        if _not_given(data, "weight_grams"):
            _reject(errors, "weight_grams", "Weight in grams is required to ship the item.")
        if _not_given(data, "stock_quantity"):
            _reject(errors, "stock_quantity", "Stock quantity is required for a physical item.")

    def check_digital(self, data: dict[str, Any], errors: dict[str, list[str]]) -> None:
        """Files are priced by licence offers and need their formats."""
        if data.get("price") is not None:
            _reject(errors, "price",
                    "Price is set on the licence offers of a digital work; leave it empty.")
        if data.get("stock_quantity") is not None:
            _reject(errors, "stock_quantity", "Stock quantity is only for physical items.")
        if data.get("weight_grams") is not None:
            _reject(errors, "weight_grams", "Weight in grams is only for physical items.")
        if data.get("file_formats") == []:
            _reject(errors, "file_formats",
                    "File formats are required for a digital work (for example WAV, MP3).")

    def check_kind(self, data: dict[str, Any], errors: dict[str, list[str]]) -> None:
        """Rules of one kind; overridden by the kind schemas."""

    @post_load
    def _complete(self, data: dict[str, Any], **_kwargs: Any) -> dict[str, Any]:
        physical = self.is_physical(data)
        data["delivery"] = Delivery.PHYSICAL if physical else Delivery.DIGITAL
        # list_price mirrors the price of a physical good; the services keep it for offers.
        if physical:  # (a loader without the price, for a file that has none, gives None)
            data["list_price"] = data.get("price")
        return data


class CarpetSchema(ListingSchema):
    """A hand-made carpet: knotted pile or a flat-weave."""

    kind = ProductKind.CARPET
    physical = True

    stock_quantity = Integer("Stock quantity", minimum=0, maximum=100_000, load_default=1)
    weaving_school = Choice("Weaving school", WeavingSchool, required=True)
    technique = Choice("Technique", CarpetTechnique, required=True)
    pile_material = Choice("Pile material", Fibre)
    warp_material = Choice("Warp material", Fibre, required=True)
    weft_material = Choice("Weft material", Fibre)
    width_cm = Integer("Width in cm", minimum=1, maximum=5000, required=True)
    length_cm = Integer("Length in cm", minimum=1, maximum=5000, required=True)
    knot_density_per_dm2 = Integer("Knot density per dm²", minimum=100, maximum=20_000)
    year_made = Integer("Year made")

    def check_kind(self, data: dict[str, Any], errors: dict[str, list[str]]) -> None:
        """Knot density and pile belong to knotted pile only; the year must be plausible."""
        technique = data.get("technique")
        if technique is CarpetTechnique.KNOTTED_PILE:
            if _not_given(data, "knot_density_per_dm2"):
                _reject(errors, "knot_density_per_dm2",
                        "Knot density per dm² is required for a knotted pile carpet.")
            if _not_given(data, "pile_material"):
                _reject(errors, "pile_material",
                        "Pile material is required for a knotted pile carpet.")
        elif technique is not None:
            if data.get("knot_density_per_dm2") is not None:
                _reject(errors, "knot_density_per_dm2",
                        Message("A flat-woven carpet (%(technique)s) has no knot density; "
                                "leave it empty.", technique=technique))
            if data.get("pile_material") is not None:
                _reject(errors, "pile_material",
                        Message("A flat-woven carpet (%(technique)s) has no pile; leave pile "
                                "material empty.", technique=technique))
        year = data.get("year_made")
        this_year = date.today().year
        if year is not None and not EARLIEST_CARPET_YEAR <= year <= this_year:
            _reject(errors, "year_made",  # years without separators: 1500, not 1,500
                    Message("%(label)s must be between %(minimum)s and %(maximum)s.",
                            label=Message("Year made"),
                            minimum=EARLIEST_CARPET_YEAR, maximum=this_year))


class DesignWorkSchema(ListingSchema):
    """A design work; its category decides whether it ships or is licensed as files."""

    kind = ProductKind.DESIGN

    category = Choice("Category", DesignCategory, required=True)
    materials = StringList("Materials", max_items=20, max_length=40, lower=True)
    width_cm = Amount("Width in cm", places=1, maximum=_MAX_CM)
    height_cm = Amount("Height in cm", places=1, maximum=_MAX_CM)
    depth_cm = Amount("Depth in cm", places=1, maximum=_MAX_CM)

    def is_physical(self, data: dict[str, Any]) -> bool | None:
        """Fashion, jewellery, ceramics and homeware ship; fonts, illustrations... do not."""
        category = data.get("category")
        return None if category is None else category.delivery is Delivery.PHYSICAL


class MusicWorkSchema(ListingSchema):
    """A recorded track or album sold by licence."""

    kind = ProductKind.MUSIC
    physical = False

    genre = Text("Genre", 60)
    duration_seconds = Duration("Duration", minimum=1, maximum=24 * 3600, required=True,
                                missing_message="Duration is required (seconds or m:ss).")
    isrc = Text("ISRC", 15, pattern=ISRC_PATTERN,
                pattern_message="ISRC must look like AZ-A1B-24-00001 (12 characters without "
                                "dashes: country, registrant, year, number).")
    bpm = Integer("Tempo (BPM)", minimum=20, maximum=400)

    @post_load
    def _compact_isrc(self, data: dict[str, Any], **_kwargs: Any) -> dict[str, Any]:
        if data.get("isrc"):
            data["isrc"] = data["isrc"].replace("-", "").upper()
        return data


class MediaWorkSchema(ListingSchema):
    """A film, animation, photograph or video sold by licence."""

    kind = ProductKind.MEDIA
    physical = False

    media_type = Choice("Media type", MediaType, required=True)
    duration_seconds = Duration("Duration", minimum=1, maximum=24 * 3600)
    resolution_width_px = Integer("Resolution width in pixels", minimum=1, maximum=100_000,
                                  required=True)
    resolution_height_px = Integer("Resolution height in pixels", minimum=1, maximum=100_000,
                                   required=True)

    def check_kind(self, data: dict[str, Any], errors: dict[str, list[str]]) -> None:
        """Everything but a photograph runs for a time; a photograph does not."""
        media_type = data.get("media_type")
        if media_type is None:
            return
        if media_type.has_duration and _not_given(data, "duration_seconds"):
            _reject(errors, "duration_seconds",
                    Message("Duration is required for a %(media_type)s (seconds or m:ss).",
                            media_type=media_type))
        if not media_type.has_duration and data.get("duration_seconds") is not None:
            _reject(errors, "duration_seconds", "A photo has no duration; leave it empty.")


_SCHEMAS: dict[ProductKind, type[ListingSchema]] = {
    ProductKind.CARPET: CarpetSchema,
    ProductKind.DESIGN: DesignWorkSchema,
    ProductKind.MUSIC: MusicWorkSchema,
    ProductKind.MEDIA: MediaWorkSchema,
}
_KIND_LOOKUP = {key: kind for kind in ProductKind for key in (kind.value, kind.name.lower())}


def listing_schema_for(kind: ProductKind | str) -> ListingSchema:
    """A schema for `kind` ('carpet', 'design', 'music', 'media'); ValueError if unknown."""
    found = _KIND_LOOKUP.get(str(kind).strip().lower())
    if found is None:
        choices = ", ".join(k.value for k in ProductKind)
        raise ValueError(Message("%(label)s must be one of: %(choices)s.",
                                 label=Message("Kind of work"), choices=choices))
    return _SCHEMAS[found]()


class LicenceOfferSchema(FlatSchema):
    """Terms and price of a licence offer; the rules come from `check_offer_terms`.

    Give `product_kind` when the work is known: without it the kind-specific rules (sync
    licences and pay-what-you-want) are left to the services, which always know the kind.
    """

    tier = Choice("Licence tier", LicenceTier, required=True)
    media = StringList("Media", max_items=10, max_length=20, lower=True)
    territory = StringList("Territory", max_items=250, max_length=40, upper=True,
                           load_default=lambda: ["WW"])
    term_months = Integer("Term in months")
    usage_cap = Integer("Usage cap")
    usage_cap_unit = Choice("Usage cap unit", UsageCapUnit)
    seats = Integer("Seats", load_default=1)
    attribution_required = Boolean("Attribution required", load_default=False)
    merchandise_allowed = Boolean("Merchandise allowed", load_default=False)
    resale_allowed = Boolean("Resale allowed", load_default=False)
    price = Amount("Price", required=True,
                   missing_message="Price is required (the minimum, for pay-what-you-want).")
    currency = Currency("Currency", codes=SUPPORTED_CURRENCIES, load_default=DEFAULT_CURRENCY)
    pay_what_you_want = Boolean("Pay what you want", load_default=False)

    def __init__(self, *, product_kind: ProductKind | str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.product_kind = None if product_kind is None else str(product_kind)

    @validates_schema(skip_on_field_errors=False)
    def _check_terms(self, data: dict[str, Any], **_kwargs: Any) -> None:
        tier = data.get("tier")
        if tier is None:
            return
        unit = data.get("usage_cap_unit")
        errors = check_offer_terms(
            # Music allows every kind-specific option; the service re-checks with the real kind.
            product_kind=self.product_kind or ProductKind.MUSIC.value,
            tier=tier,
            media=data.get("media") or [],
            territory=data.get("territory") or [],
            term_months=data.get("term_months"),
            usage_cap=data.get("usage_cap"),
            usage_cap_unit=None if unit is None else unit.value,
            seats=data.get("seats", 1),
            merchandise_allowed=data.get("merchandise_allowed", False),
            resale_allowed=data.get("resale_allowed", False),
            pay_what_you_want=data.get("pay_what_you_want", False),
        )
        if errors:
            raise ValidationError(errors)

    @post_load
    def _exclusive_sells_once(self, data: dict[str, Any], **_kwargs: Any) -> dict[str, Any]:
        data["max_sales"] = 1 if data["tier"] is LicenceTier.EXCLUSIVE else None
        return data
