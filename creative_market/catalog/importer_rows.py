"""Checking catalogue rows: the column set, the marshmallow schemas, and row-level rules.

Each row of a listings file becomes either a `ListingRow` (values ready for the products
table, its kind's detail table and the licence offers) or a list of `RowError` naming the
row, the field and the reason. The schemas of `catalog.schemas` do the field work; this
module adds what only a file has: the seller column, repeated SKUs, fields that belong to
another kind, and the licence offers given as a JSON list in one cell.

A file may leave out columns: on an existing listing they stay as stored. So the fields a
kind needs (its required fields, and those a rule may ask for) whose columns the file lacks
are not loaded at all, and the rules that read them are skipped; such a row keeps its raw
values, and when the writer finds it is a new listing, `ListingValidator.as_new` checks it
whole, naming each missing column. Which fields a file lacks is decided once per file; a
file with every column a kind needs takes the usual path.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from marshmallow import Schema
from marshmallow import ValidationError as SchemaError

from creative_market.catalog.enums import Delivery, ListingStatus, ProductKind
from creative_market.catalog.importer_files import ROW_PROBLEM, ColumnSet
from creative_market.catalog.licensing import LicenceOffer
from creative_market.catalog.models import PRODUCT_CLASSES, Product
from creative_market.catalog.schemas import LicenceOfferSchema, SellerSchema, listing_schema_for
from creative_market.messages import Message

LISTING_COLUMNS = ColumnSet(
    what="listings",
    required=("seller", "sku", "kind", "title_az"),
    optional=(
        "status", "title_en", "title_ru", "description_az", "description_en", "description_ru",
        "tags_az", "tags_en", "tags_ru", "price", "currency", "stock_quantity", "weight_grams",
        "hs_code", "file_formats", "file_size_bytes",
        # carpet
        "weaving_school", "technique", "pile_material", "warp_material", "weft_material",
        "width_cm", "length_cm", "knot_density_per_dm2", "year_made",
        # design (width_cm shared with carpets)
        "category", "materials", "height_cm", "depth_cm",
        # music and media
        "genre", "duration_seconds", "isrc", "bpm",
        "media_type", "resolution_width_px", "resolution_height_px",
        # digital works: licence offers as a JSON list of objects
        "offers",
    ),
)
SELLER_COLUMNS = ColumnSet(
    what="sellers",
    required=("slug", "display_name", "kind", "cluster", "region"),
    optional=(
        "bio_az", "bio_en", "bio_ru", "contact_email", "contact_phone", "website",
        "processing_days", "shipping_domestic", "shipping_cis", "shipping_world",
        "shipping_currency",
    ),
)
IMPORTABLE_STATUSES = (ListingStatus.DRAFT, ListingStatus.PUBLISHED, ListingStatus.ARCHIVED)
_STATUS_BY_TEXT = {status.value: status for status in IMPORTABLE_STATUSES}
_FILE_ONLY_COLUMNS = frozenset({"seller", "kind", "status", "offers"})
#: Fields a rule may require (besides the schema's required ones): a physical item's price,
#: weight and stock, a digital work's file formats, a knotted pile's density and pile...
_RULED_FIELDS = frozenset({"price", "weight_grams", "stock_quantity", "file_formats",
                           "knot_density_per_dm2", "pile_material", "duration_seconds"})
#: Fields whose rules (and the database's checks) tie them together: a file that gives one
#: of a group is read as giving all of it, an absent one counting as a blank cell.
_LINKED_FIELDS = {
    ProductKind.CARPET: (frozenset({"technique", "knot_density_per_dm2", "pile_material"}),),
    ProductKind.MEDIA: (frozenset({"media_type", "duration_seconds"}),),
}
_OFFER_COLUMNS = frozenset(column.name for column in LicenceOffer.__table__.columns) - {
    "id", "product_id", "status", "reserved_count", "sold_count", "created_at", "updated_at",
}


@dataclass(frozen=True)
class RowError:
    """Why one row (or one field of it) was rejected."""

    row: int
    field: str
    reason: str
    file: str = ""
    seller: str | None = None
    sku: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return asdict(self)


@dataclass
class ListingRow:
    """A valid listing row, split into the tables it writes."""

    number: int
    seller_id: int
    seller: str
    sku: str
    kind: ProductKind
    product: dict[str, Any]
    detail: dict[str, Any]
    offers: list[dict[str, Any]] = field(default_factory=list)
    #: For a row of a file that lacks columns its kind needs: the raw row and what was loaded.
    raw: dict[str, Any] | None = None
    data: dict[str, Any] | None = None


def schema_errors(
    messages: Mapping[str, Any] | list[Any] | str, prefix: str = ""
) -> list[tuple[str, str]]:
    """Flatten marshmallow messages into (field, reason) pairs; "_schema" becomes the prefix."""
    if isinstance(messages, str):
        return [(prefix.rstrip(".") or "row", messages)]
    if isinstance(messages, list):
        pairs: list[tuple[str, str]] = []
        for message in messages:
            pairs.extend(schema_errors(message, prefix))
        return pairs
    pairs = []
    for name, value in messages.items():
        key = prefix.rstrip(".") if name == "_schema" else f"{prefix}{name}"
        if isinstance(value, Mapping):
            pairs.extend(schema_errors(value, f"{key}."))
        else:
            pairs.extend(schema_errors(value, key))
    return pairs


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


class ListingValidator:
    """Validates listing rows of one file against the schemas and the file's own rules."""

    def __init__(self, *, file: str, columns: list[str], sellers: Mapping[str, int],
                 rejected_sellers: Mapping[str, int] | None = None) -> None:
        self.file, self.sellers = file, sellers
        self.rejected_sellers = rejected_sellers or {}
        self.columns = frozenset(columns)
        self.has_offers = "offers" in columns
        self.schemas: dict[ProductKind, Schema] = {k: listing_schema_for(k) for k in ProductKind}
        self.absent = {kind: self._absent(kind, schema) for kind, schema in self.schemas.items()}
        # Kinds whose rows this file cannot describe whole: a new listing of them is checked
        # again by `as_new`. A digital work also needs its offers.
        self.partial = frozenset(
            kind for kind, absent in self.absent.items()
            if absent or (not self.has_offers and kind is not ProductKind.CARPET))
        self.loaders: dict[ProductKind, Schema] = {
            kind: type(schema)(only=[n for n in schema.fields if n not in self.absent[kind]])
            if self.absent[kind] else schema
            for kind, schema in self.schemas.items()
        }
        self.offer_schemas = {k: LicenceOfferSchema(product_kind=k) for k in ProductKind}
        self.kinds = {key: k for k in ProductKind for key in (k.value, k.name.lower())}
        self.product_fields = self._table_fields(Product.__table__.columns)
        self.detail_fields = {
            kind: self._table_fields(cls.__table__.columns, kind)
            for kind, cls in PRODUCT_CLASSES.items()
        }
        # Columns of this file that a row of each kind must leave empty.
        self.foreign = {
            kind: [c for c in columns if c not in _FILE_ONLY_COLUMNS and c not in schema.fields]
            for kind, schema in self.schemas.items()
        }
        self.seen: dict[tuple[int, str], int] = {}

    def _absent(self, kind: ProductKind, schema: Schema) -> frozenset[str]:
        """Fields of `kind` that a new listing may need and whose columns the file lacks."""
        given = self.given(kind)
        return frozenset(
            name for name, each in schema.fields.items()
            if name not in given and (each.required or (
                name in _RULED_FIELDS
                and (each.load_default is None or callable(each.load_default))))
        )

    def given(self, kind: ProductKind) -> frozenset[str]:
        """The fields of `kind` this file gives (a linked field counts as given, blank)."""
        schema = self.schemas[kind]
        given = set(self.columns)
        for group in _LINKED_FIELDS.get(kind, ()):
            if group & given:
                given |= group
        return frozenset(name for name in schema.fields if name in given)

    def _table_fields(self, table_columns: Any, kind: ProductKind | None = None) -> list[str]:
        kinds = [kind] if kind else list(ProductKind)
        produced = {"delivery", "list_price"}
        for each in kinds:
            produced.update(self.schemas[each].fields)
        names = [column.name for column in table_columns]
        return [c for c in names if c in produced and c != "id"]

    def validate(self, number: int, raw: dict[str, Any]) -> ListingRow | list[RowError]:
        """Check one row; a ListingRow when it can be imported, else its errors."""
        seller = str(raw.get("seller") or "").strip().lower()
        sku = str(raw.get("sku") or "").strip()
        problems: list[tuple[str, str]] = []
        if ROW_PROBLEM in raw:
            return [RowError(number, "row", raw[ROW_PROBLEM], self.file)]
        seller_id = self.sellers.get(seller)
        if not seller:
            problems.append(("seller", "Seller is required: give the slug of a seller."))
        elif seller_id is None:
            problems.append(("seller", self._unknown_seller(seller)))
        if not sku:
            problems.append(("sku", "SKU is required: rows are matched by seller and SKU."))
        kind = self.kinds.get(str(raw.get("kind") or "").strip().lower())
        if kind is None:
            problems.append(("kind", "Kind must be one of: carpet, design, music, media."))
            return self._errors(number, seller, sku, problems)
        problems.extend(self._check_foreign(kind, raw))
        status = self._status(raw.get("status"), problems)
        try:
            data = self.loaders[kind].load(raw)
        except SchemaError as error:
            problems.extend(schema_errors(error.messages))
            data = None
        offers = self._offers(kind, raw.get("offers"), self._delivery(kind, data), status,
                              problems)
        if seller_id is not None and sku and not problems:
            first = self.seen.setdefault((seller_id, sku), number)
            if first != number:
                problems.append(("sku", f"SKU '{sku}' of seller '{seller}' is also on row {first}; "
                                        "give each listing once."))
        if problems or data is None:
            return self._errors(number, seller, sku, problems)
        row = self._row(number, seller_id, seller, kind, data, status, offers)
        if kind in self.partial:
            row.raw, row.data = raw, data
        return row

    def as_new(self, row: ListingRow) -> ListingRow | list[RowError]:
        """A row of a file that lacks columns, checked whole as a new listing needs it.

        Each error about a column the file does not have says so; otherwise the row as a
        full file would give it (with the kind's defaults for what is left out).
        """
        kind, status, problems = row.kind, row.product["status"], []
        try:
            data = self.schemas[kind].load(row.raw)
        except SchemaError as error:
            problems.extend(schema_errors(error.messages))
            data = None
        if (data is not None and not self.has_offers and data["delivery"] is Delivery.DIGITAL
                and status is ListingStatus.PUBLISHED):
            problems.append(("offers", Message(
                "A new published digital work needs at least one licence offer; the file has "
                "no offers column.")))
        if problems or data is None:
            return self._errors(row.number, row.seller, row.sku,
                                [(name, self._for_new(kind, name, reason))
                                 for name, reason in problems])
        return self._row(row.number, row.seller_id, row.seller, kind, data, status, row.offers)

    def _for_new(self, kind: ProductKind, name: str, reason: str) -> str:
        if name not in self.absent[kind]:
            return reason
        return Message("%(label)s is required for a new listing; the file has no %(column)s "
                       "column.", label=self.schemas[kind].fields[name].named, column=name)

    def _unknown_seller(self, seller: str) -> str:
        row = self.rejected_sellers.get(seller)
        if row is not None:
            return (f"Seller '{seller}' was rejected on row {row} of the sellers file; fix that "
                    "row and import again.")
        return (f"No seller with slug '{seller}'; add it to the sellers file or create it "
                "before importing.")

    def _row(self, number: int, seller_id: Any, seller: str, kind: ProductKind,
             data: dict[str, Any], status: ListingStatus,
             offers: list[dict[str, Any]]) -> ListingRow:
        product = dict(zip(self.product_fields, map(data.get, self.product_fields), strict=True))
        product["status"] = status
        if product.get("stock_quantity") is None:
            product["stock_quantity"] = 0
        if "list_price" in product and product["list_price"] is None and offers:
            product["list_price"] = min(offer["price"] for offer in offers)
        detail_fields = self.detail_fields[kind]
        detail = dict(zip(detail_fields, map(data.get, detail_fields), strict=True))
        return ListingRow(number, seller_id, seller, data["sku"], kind, product, detail, offers)

    def _errors(self, number: int, seller: str, sku: str,
                problems: list[tuple[str, str]]) -> list[RowError]:
        return [RowError(number, name, reason, self.file, seller or None, sku or None)
                for name, reason in problems]

    def _check_foreign(self, kind: ProductKind, raw: dict[str, Any]) -> list[tuple[str, str]]:
        foreign = self.foreign[kind]
        if not any(map(raw.get, foreign)):
            return []
        return [(column, f"A {kind.value} has no '{column}'; leave it empty.")
                for column in foreign if not _blank(raw.get(column))]

    @staticmethod
    def _status(value: Any, problems: list[tuple[str, str]]) -> ListingStatus:
        text = str(value or "").strip().lower() or ListingStatus.DRAFT.value
        status = _STATUS_BY_TEXT.get(text)
        if status is not None:
            return status
        problems.append(("status", "Status must be draft, published or archived."))
        return ListingStatus.DRAFT

    def _delivery(self, kind: ProductKind, data: dict[str, Any] | None) -> Delivery | None:
        """How the row's listing is delivered; None when the row cannot tell.

        A design work without its category keeps the stored one (the writer checks that).
        """
        if data is None or (kind is ProductKind.DESIGN and "category" not in data):
            return None
        return data["delivery"]

    def _offers(self, kind: ProductKind, cell: Any, delivery: Delivery | None,
                status: ListingStatus, problems: list[tuple[str, str]]) -> list[dict[str, Any]]:
        items = self._offer_items(cell, problems)
        offer_problem = self.offer_problem(delivery, bool(items), status)
        if offer_problem:
            problems.append(("offers", offer_problem))
            if items and delivery is Delivery.PHYSICAL:
                return []
        offers: list[dict[str, Any]] = []
        for position, item in enumerate(items, start=1):
            try:
                offer = self.offer_schemas[kind].load(item)
            except SchemaError as error:
                problems.extend(schema_errors(error.messages, f"offers[{position}]."))
                continue
            if any(o["tier"] == offer["tier"] for o in offers):
                problems.append((f"offers[{position}].tier", f"Two offers have the tier "
                                 f"'{offer['tier'].value}'; a work has one offer per tier."))
            offers.append({k: v for k, v in offer.items() if k in _OFFER_COLUMNS})
        return offers

    def offer_problem(self, delivery: Delivery | None, has_offers: bool,
                      status: ListingStatus) -> str | None:
        """What is wrong with a listing's offers given its delivery; None when nothing.

        Without an offers column an existing work keeps its offers (`as_new` checks a new one).
        """
        if has_offers and delivery is Delivery.PHYSICAL:
            return ("Only digital works are sold by licence; leave offers empty for an item "
                    "that ships.")
        if (self.has_offers and not has_offers and delivery is Delivery.DIGITAL
                and status is ListingStatus.PUBLISHED):
            return "A published digital work needs at least one licence offer."
        return None

    @staticmethod
    def _offer_items(cell: Any, problems: list[tuple[str, str]]) -> list[dict[str, Any]]:
        if _blank(cell):
            return []
        value = cell
        if isinstance(cell, str):
            try:
                value = json.loads(cell)
            except json.JSONDecodeError as error:
                problems.append(("offers", f"Offers must be a JSON list of objects: {error.msg} "
                                           f"at character {error.pos + 1}."))
                return []
        if isinstance(value, dict):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            problems.append(("offers", "Offers must be a JSON list of objects, like "
                                       '[{"tier": "personal", "price": "20"}].'))
            return []
        return value


class SellerValidator:
    """Validates rows of a sellers file with the seller schema."""

    def __init__(self, *, file: str) -> None:
        self.file = file
        self.schema = SellerSchema()
        self.seen: dict[str, int] = {}

    def validate(self, number: int, raw: dict[str, Any]) -> dict[str, Any] | list[RowError]:
        """Check one seller row; the seller's values, or its errors."""
        slug = str(raw.get("slug") or "").strip().lower()
        if ROW_PROBLEM in raw:
            return [RowError(number, "row", raw[ROW_PROBLEM], self.file)]
        problems: list[tuple[str, str]] = []
        data: dict[str, Any] | None = None
        try:
            data = self.schema.load({**raw, "slug": slug})
        except SchemaError as error:
            problems.extend(schema_errors(error.messages))
        if not slug:
            problems.append(("slug", "Slug is required: listings name their seller by it."))
        elif not problems and self.seen.setdefault(slug, number) != number:
            problems.append(("slug", f"Seller '{slug}' is also on row {self.seen[slug]}."))
        if problems or data is None:
            return [RowError(number, name, reason, self.file, slug or None)
                    for name, reason in problems]
        return data
