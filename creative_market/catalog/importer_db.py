"""Writing checked rows in batches with SQLAlchemy Core.

Per batch, one SELECT finds which (seller_id, sku) exist. New products get their ids in
one statement and go in, with their detail rows and licence offers, by plain bulk INSERTs
(`importer_sql.insert_many`: no RETURNING, values converted once). Existing rows are
compared with their stored values (one SELECT per table); only those that differ go to an
INSERT .. ON CONFLICT DO UPDATE keyed by the natural key (products by (seller_id, sku), a
kind's detail row by the product id, offers by (product_id, tier), sellers by slug), whose
UPDATE half only fires when a value really differs (``IS DISTINCT FROM``). So re-importing
the same file touches no row and leaves `updated_at` alone, and the rows the upsert returns
are exactly the changed ones: that is how the report tells updated from unchanged.

A file may lack columns (see `importer_rows`): an existing listing keeps what is stored in
them. The database checks the INSERT half of an upsert before it finds the conflict, so
that half carries the stored values of the columns the file lacks (`differing(fill=...)`),
never a NULL for want of a column. A new listing of such a file is checked whole
(`ListingValidator.as_new`); an existing one against what only the database knows (a design
work's delivery when the file has no category, a price before publishing).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    Integer,
    String,
    Table,
    bindparam,
    cast,
    func,
    literal_column,
    or_,
    select,
    tuple_,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

from creative_market.catalog.enums import Delivery, ListingStatus, ProductKind
from creative_market.catalog.importer_rows import (
    ListingRow,
    ListingValidator,
    RowError,
    schema_errors,
)
from creative_market.catalog.importer_sql import allocate_ids, differing, ids_in, insert_many
from creative_market.catalog.licensing import LicenceOffer
from creative_market.catalog.models import PRODUCT_CLASSES, Product, Seller
from creative_market.messages import Message
from creative_market.text import slugify

PRODUCTS: Table = Product.__table__  # type: ignore[assignment]
OFFERS: Table = LicenceOffer.__table__  # type: ignore[assignment]
SELLERS: Table = Seller.__table__  # type: ignore[assignment]
DETAILS: dict[ProductKind, Table] = {k: c.__table__ for k, c in PRODUCT_CLASSES.items()}  # type: ignore[misc]


@dataclass
class BatchResult:
    """What one batch did: keys inserted, updated and unchanged, and rows refused."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)


def upsert(
    connection: Connection,
    table: Table,
    rows: Sequence[dict[str, Any]],
    *,
    keys: Sequence[str],
    update_columns: Iterable[str],
    extra_set: dict[str, Any] | None = None,
    returning: Sequence[str] = (),
) -> list[tuple[Any, ...]]:
    """INSERT .. ON CONFLICT (keys) DO UPDATE of the changed rows; RETURNING the rows touched."""
    if not rows:
        return []
    dialect = connection.dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    statement = module.insert(table)
    excluded = statement.excluded
    columns = [c for c in update_columns if c not in keys]
    set_ = {name: excluded[name] for name in columns}
    set_.update(extra_set(excluded) if callable(extra_set) else extra_set or {})
    changed = or_(*(_differs(table.c[name], excluded[name], dialect) for name in columns))
    if columns:
        statement = statement.on_conflict_do_update(
            index_elements=list(keys), set_=set_, where=changed)
    else:
        statement = statement.on_conflict_do_nothing(index_elements=list(keys))
    if returning:
        statement = statement.returning(*(table.c[name] for name in returning))
        return [tuple(row) for row in connection.execute(statement, list(rows))]
    connection.execute(statement, list(rows))
    return []


def one_of(connection: Connection, column: Column[Any], values: Iterable[str]) -> Any:
    """`column IN values` with the whole list as ONE parameter (a JSON array or a PG array).

    Thousands of separate bound parameters cost more to compile than the query takes.
    """
    values = list(values)
    if connection.dialect.name == "postgresql":
        return column == func.any(bindparam(None, values, type_=ARRAY(String)))
    if connection.dialect.name == "sqlite":
        items = select(literal_column("value")).select_from(
            func.json_each(bindparam(None, json.dumps(values), type_=String)))
        return column.in_(items)
    return column.in_(values)


def pairs_in(connection: Connection, first: Column[Any], second: Column[Any],
             pairs: list[tuple[int, str]]) -> Any:
    """`(first, second) IN pairs` with the pairs as one or two parameters (uses the key index)."""
    dialect = connection.dialect.name
    if dialect == "postgresql":
        numbers = bindparam(None, [p[0] for p in pairs], type_=ARRAY(Integer))
        texts = bindparam(None, [p[1] for p in pairs], type_=ARRAY(String))
        return tuple_(first, second).in_(select(func.unnest(numbers), func.unnest(texts)))
    if dialect == "sqlite":
        value = literal_column("value")
        items = select(func.json_extract(value, "$[0]"), func.json_extract(value, "$[1]"))
        items = items.select_from(func.json_each(bindparam(None, json.dumps(pairs), type_=String)))
        return tuple_(first, second).in_(items)
    return tuple_(first, second).in_(pairs)


def _names(table: Table) -> list[str]:
    return [column.name for column in table.columns]


def _differs(current: Column[Any], incoming: Any, dialect: str) -> Any:
    if dialect == "postgresql" and isinstance(current.type, JSON):
        # json has no equality operator in PostgreSQL; jsonb compares by value.
        return cast(current, JSONB).is_distinct_from(cast(incoming, JSONB))
    return current.is_distinct_from(incoming)


class ListingWriter:
    """Upserts batches of checked listing rows into products, detail tables and offers."""

    def __init__(self, connection: Connection, *, columns: list[str], now: datetime,
                 file: str = "", validator: ListingValidator | None = None) -> None:
        self.connection, self.now, self.file = connection, now, file
        present = self.columns = set(columns)
        # Set only when the file lacks columns a kind needs: the checks of `_partial_rows`.
        self.partial = validator if validator is not None and validator.partial else None
        keeps_delivery = self.partial is not None and "category" not in present
        self.product_updates = [
            c for c in _names(PRODUCTS)
            if (c in present or (c == "delivery" and not keeps_delivery))
            and c not in ("id", "kind", "slug")
        ]
        self.has_list_price = "list_price" in PRODUCTS.c
        self.detail_updates = {
            kind: [c for c in _names(table) if c != "id" and (
                c in present or (validator is not None and c in validator.given(kind)))]
            for kind, table in DETAILS.items()
        }
        self.product_fill: list[str] = []
        self.detail_fill: dict[ProductKind, list[str]] = {kind: [] for kind in DETAILS}
        if self.partial is not None:
            # list_price is not filled: a changed row keeps it unless it has a new one.
            self.product_fill = [c for c in self.partial.product_fields
                                 if c not in self.product_updates and c != "list_price"]
            self.detail_fill = {
                kind: [c for c in _names(table) if c != "id" and c not in self.detail_updates[kind]]
                for kind, table in DETAILS.items()
            }
        self.stored_columns = [PRODUCTS.c.id, PRODUCTS.c.seller_id, PRODUCTS.c.sku,
                               PRODUCTS.c.kind, PRODUCTS.c.reserved_quantity, PRODUCTS.c.slug]
        if self.partial is not None:
            self.stored_columns += [PRODUCTS.c.delivery, PRODUCTS.c.price, PRODUCTS.c.status]
        self.with_offers = "offers" in present
        self.offer_updates = [c for c in _names(OFFERS) if c not in (
            "id", "product_id", "tier", "status", "reserved_count", "sold_count", "created_at")]
        self.taken_slugs: set[str] = set()
        self.new_product_values = {"reserved_quantity": 0, "featured": False, "created_at": now,
                                   "updated_at": now, "published_at": None}

    def write(self, rows: list[ListingRow]) -> BatchResult:
        """Upsert one batch; rows the database refuses (kind change, stock) come back as errors."""
        result = BatchResult()
        existing = self._existing(rows)
        if self.partial is not None:
            rows = self._partial_rows(rows, existing, result)
        rows = [r for r in rows if self._fits(r, existing.get((r.seller_id, r.sku)), result)]
        rows.sort(key=lambda row: (row.seller_id, row.sku))
        ids, products_changed = self._write_products(rows, existing)
        changed = set(products_changed)
        existing_ids = {found[0] for found in existing.values()}
        changed |= self._write_details(rows, ids, existing_ids)
        changed |= self._write_offers(rows, ids, existing_ids)
        old_rows = [r for r in rows if (r.seller_id, r.sku) in existing] if existing else []
        self._refresh_list_prices([ids[(r.seller_id, r.sku)] for r in old_rows
                                   if r.product["delivery"] is Delivery.DIGITAL])
        late = (changed & existing_ids) - products_changed
        if late:
            self.connection.execute(
                update(PRODUCTS).where(PRODUCTS.c.id.in_(late)).values(updated_at=self.now)
            )
        result.inserted = len(rows) - len(old_rows)
        result.updated = len(changed & existing_ids)
        result.unchanged = len(old_rows) - result.updated
        return result

    def _write_products(self, rows: list[ListingRow], existing: dict[tuple[int, str], Any]
                        ) -> tuple[dict[tuple[int, str], int], set[int]]:
        """New products: ids allocated, one plain INSERT. Existing ones: upsert those that differ.

        Returns every row's product id by (seller_id, sku), and the ids the upsert changed.
        """
        if not existing:  # a first import: every row is new
            new_rows, old_rows = rows, []
        else:
            new_rows = [row for row in rows if (row.seller_id, row.sku) not in existing]
            old_rows = [row for row in rows if (row.seller_id, row.sku) in existing]
        slugs = self._slugs(new_rows)
        new_ids = allocate_ids(self.connection, PRODUCTS, len(new_rows))
        insert_many(self.connection, PRODUCTS, [
            self._product_values(row, slugs, pid)
            for row, pid in zip(new_rows, new_ids, strict=True)])
        # Existing rows keep their slug; passing it keeps the INSERT half clear of the slug index.
        slugs.update((row.number, existing[(row.seller_id, row.sku)][3]) for row in old_rows)
        candidates = differing(
            self.connection, PRODUCTS, [self._product_values(row, slugs) for row in old_rows],
            keys=("seller_id", "sku"), columns=self.product_updates, fill=self.product_fill,
            where=ids_in(self.connection, PRODUCTS.c.id, [found[0] for found in existing.values()]),
        )
        touched = upsert(
            self.connection, PRODUCTS, candidates, keys=("seller_id", "sku"),
            update_columns=self.product_updates, extra_set=self._product_extra_set,
            returning=("id",),
        )
        ids = {(row.seller_id, row.sku): pid for row, pid in zip(new_rows, new_ids, strict=True)}
        ids.update((key, found[0]) for key, found in existing.items())
        return ids, {pid for (pid,) in touched}

    def _product_extra_set(self, excluded: Any) -> dict[str, Any]:
        extra: dict[str, Any] = {"updated_at": excluded.updated_at}
        if self.has_list_price:
            # Set along with a real change, never a reason for one: for a digital work it is
            # recomputed from all its offers after the offers are written.
            extra["list_price"] = excluded.list_price
            if self.partial is not None:  # none given (no price or offers column): keep it
                extra["list_price"] = func.coalesce(excluded.list_price, PRODUCTS.c.list_price)
        if "status" in self.product_updates:
            extra["published_at"] = func.coalesce(PRODUCTS.c.published_at, excluded.published_at)
        return extra

    def _refresh_list_prices(self, product_ids: list[int]) -> None:
        """A digital work's list price is its lowest active offer, whatever the file listed."""
        if not (self.has_list_price and self.with_offers and product_ids):
            return
        lowest = (
            select(func.min(OFFERS.c.price))
            .where(OFFERS.c.product_id == PRODUCTS.c.id, OFFERS.c.status == "active")
            .scalar_subquery()
        )
        self.connection.execute(
            update(PRODUCTS)
            .where(PRODUCTS.c.id.in_(product_ids), PRODUCTS.c.list_price.is_distinct_from(lowest))
            .values(list_price=lowest)
        )

    def _existing(self, rows: list[ListingRow]) -> dict[tuple[int, str], tuple[Any, ...]]:
        """(id, kind, reserved, slug[, delivery, price, status]) of the stored rows, by key."""
        if not rows:
            return {}
        query = select(*self.stored_columns).where(
            pairs_in(self.connection, PRODUCTS.c.seller_id, PRODUCTS.c.sku,
                     [(row.seller_id, row.sku) for row in rows]),
        )
        return {(r[1], r[2]): (r[0], *r[3:]) for r in self.connection.execute(query)}

    def _partial_rows(self, rows: list[ListingRow], existing: dict[tuple[int, str], Any],
                      result: BatchResult) -> list[ListingRow]:
        """Rows of a file that lacks columns: new ones checked whole, old ones against the store."""
        assert self.partial is not None
        self._offered = self._with_active_offers(rows, existing)
        kept = []
        for row in rows:
            if row.raw is None:
                kept.append(row)
                continue
            found = existing.get((row.seller_id, row.sku))
            checked = self.partial.as_new(row) if found is None else self._against_stored(
                row, found)
            if isinstance(checked, list):
                result.errors.extend(checked)
            else:
                kept.append(checked)
        return kept

    def _with_active_offers(self, rows: list[ListingRow],
                            existing: dict[tuple[int, str], Any]) -> set[int]:
        """Ids of the stored works this batch publishes, without an offers column, that have
        an active offer (one SELECT, only when such a file publishes a digital work)."""
        if self.with_offers or "status" not in self.columns:
            return set()
        ids = [found[0] for row in rows
               if row.product["status"] is ListingStatus.PUBLISHED
               and (found := existing.get((row.seller_id, row.sku))) is not None
               and found[4] == Delivery.DIGITAL and found[6] != ListingStatus.PUBLISHED]
        if not ids:
            return set()
        return set(self.connection.scalars(
            select(OFFERS.c.product_id).distinct()
            .where(ids_in(self.connection, OFFERS.c.product_id, ids), OFFERS.c.status == "active")))

    def _against_stored(self, row: ListingRow, found: tuple[Any, ...]
                        ) -> ListingRow | list[RowError]:
        """The rules of an existing row that need a stored value the file does not give."""
        assert self.partial is not None and row.data is not None
        _pid, kind, _reserved, _slug, delivery, price, status = found
        if kind != row.kind:
            return row  # `_fits` refuses it
        problems: list[tuple[str, str]] = []
        status = row.product["status"] if "status" in self.columns else ListingStatus(status)
        if row.kind is ProductKind.DESIGN and "category" not in row.data:
            delivery = row.product["delivery"] = Delivery(delivery)
            errors: dict[str, list[str]] = {}
            schema = self.partial.schemas[ProductKind.DESIGN]
            check = schema.check_physical if delivery is Delivery.PHYSICAL else schema.check_digital
            check(row.data, errors)
            problems.extend(schema_errors(errors))
            if delivery is Delivery.PHYSICAL:
                row.product["list_price"] = row.data.get("price")
            if "offers" in self.columns:
                offers = self.partial.offer_problem(delivery, bool(row.offers), status)
                if offers:
                    problems.append(("offers", offers))
        if (not self.with_offers and row.product["delivery"] is Delivery.DIGITAL
                and status is ListingStatus.PUBLISHED and found[6] != ListingStatus.PUBLISHED
                and found[0] not in self._offered):
            problems.append(("status", Message(
                "This digital work has no active licence offer, so it cannot be published; "
                "add an offer (or an offers column) first.")))
        if (row.product["delivery"] is Delivery.PHYSICAL and "price" not in self.columns
                and status is not ListingStatus.DRAFT and price is None):
            problems.append(("price", Message(
                "A listed physical item needs a price, and this one has none; the file has no "
                "price column.")))
        return [RowError(row.number, name, reason, self.file, row.seller, row.sku)
                for name, reason in problems] or row

    def _fits(self, row: ListingRow, found: tuple[Any, ...] | None, result: BatchResult) -> bool:
        if found is None:
            return True
        _pid, kind, reserved, _slug = found[:4]
        reason = None
        if kind != row.kind:
            reason = ("kind", f"SKU '{row.sku}' is already a {ProductKind(kind).value}; the kind "
                              "of a listing cannot change (use a new SKU).")
        elif "stock_quantity" in self.product_updates and row.product["stock_quantity"] < reserved:
            reason = ("stock_quantity", f"{reserved} of this item are reserved by open orders; "
                                        "stock cannot go below that.")
        if reason:
            result.errors.append(RowError(row.number, *reason, self.file, row.seller, row.sku))
        return reason is None

    def _slugs(self, new_rows: list[ListingRow]) -> dict[int, str]:
        """Unique slugs for new listings: title and SKU, then the seller, then a number."""
        wanted = {row.number: _slug_candidates(row) for row in new_rows}
        chosen: dict[int, str] = {}
        while wanted:
            firsts = {number: next(candidates) for number, candidates in wanted.items()}
            in_db = set(self.connection.scalars(
                select(PRODUCTS.c.slug).where(
                    one_of(self.connection, PRODUCTS.c.slug, set(firsts.values())))))
            for number, slug in firsts.items():
                if slug not in in_db and slug not in self.taken_slugs:
                    self.taken_slugs.add(slug)
                    chosen[number] = slug
                    del wanted[number]
        return chosen

    def _product_values(self, row: ListingRow, slugs: dict[int, str],
                        pid: int | None = None) -> dict[str, Any]:
        values = {**row.product, **self.new_product_values, "seller_id": row.seller_id,
                  "sku": row.sku, "kind": row.kind, "slug": slugs[row.number]}
        if row.product["status"] is ListingStatus.PUBLISHED:
            values["published_at"] = self.now
        if pid is not None:
            values["id"] = pid
        return values

    def _write_details(self, rows: list[ListingRow], ids: dict[tuple[int, str], int],
                       existing_ids: set[int]) -> set[int]:
        changed: set[int] = set()
        by_kind: dict[ProductKind, list[dict[str, Any]]] = {kind: [] for kind in DETAILS}
        for row in rows:
            by_kind[row.kind].append({**row.detail, "id": ids[(row.seller_id, row.sku)]})
        for kind, table in DETAILS.items():
            changed |= self._insert_or_upsert(
                table, by_kind[kind], "id", existing_ids, keys=("id",),
                update_columns=self.detail_updates[kind], returning=("id",),
                fill=self.detail_fill[kind])
        return changed

    def _write_offers(self, rows: list[ListingRow], ids: dict[tuple[int, str], int],
                      existing_ids: set[int]) -> set[int]:
        if not self.with_offers:
            return set()
        values = [
            {**offer, "product_id": ids[(row.seller_id, row.sku)], "status": "active",
             "reserved_count": 0, "sold_count": 0, "created_at": self.now, "updated_at": self.now}
            for row in rows for offer in row.offers
        ]
        return self._insert_or_upsert(
            OFFERS, values, "product_id", existing_ids, keys=("product_id", "tier"),
            update_columns=[c for c in self.offer_updates if c != "updated_at"],
            extra_set=lambda excluded: {"updated_at": excluded.updated_at},
            returning=("product_id",),
        )

    def _insert_or_upsert(self, table: Table, values: list[dict[str, Any]], product_key: str,
                          existing_ids: set[int], fill: Sequence[str] = (),
                          **upsert_options: Any) -> set[int]:
        """Rows of new products: a plain INSERT; of existing ones: the upsert. Changed ids."""
        insert_many(self.connection, table,
                    [v for v in values if v[product_key] not in existing_ids])
        old = [v for v in values if v[product_key] in existing_ids] if existing_ids else []
        old = differing(self.connection, table, old, keys=upsert_options["keys"],
                        columns=upsert_options["update_columns"], fill=fill,
                        where=ids_in(self.connection, table.c[product_key],
                                     {v[product_key] for v in old}))
        touched = upsert(self.connection, table, old, **upsert_options)
        return {pid for (pid, *_rest) in touched}


def _slug_candidates(row: ListingRow) -> Iterable[str]:
    base = f"{slugify(row.product['title_az'], 70)}-{slugify(row.sku, 40)}"
    yield base
    with_seller = f"{base}-{row.seller}"[:110]
    yield with_seller
    number = 2
    while True:
        yield f"{with_seller}-{number}"
        number += 1


def seller_ids(connection: Connection) -> dict[str, int]:
    """Every seller's id by slug."""
    return {slug: pk for slug, pk in connection.execute(select(SELLERS.c.slug, SELLERS.c.id))}


def upsert_sellers(connection: Connection, rows: list[dict[str, Any]], *,
                   columns: list[str], now: datetime) -> tuple[int, int, int]:
    """Upsert sellers by slug; (inserted, updated, unchanged)."""
    rows = sorted(rows, key=lambda row: row["slug"])
    known = set(connection.scalars(
        select(SELLERS.c.slug).where(SELLERS.c.slug.in_([row["slug"] for row in rows]))))
    names = [c for c in _names(SELLERS) if c in rows[0]] if rows else []
    values = [{**{n: row[n] for n in names}, "verified": False, "created_at": now} for row in rows]
    touched = upsert(connection, SELLERS, values, keys=("slug",),
                     update_columns=[c for c in names if c in columns], returning=("slug",))
    updated = len({slug for (slug,) in touched} & known)
    return len(rows) - len(known), updated, len(known) - updated


