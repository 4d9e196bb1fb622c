"""Helpers the catalogue services share: validation, slugs, merging an update, inserting.

Not a public API of its own: call the services in `catalog.services`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from marshmallow import Schema
from marshmallow import ValidationError as SchemaError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from creative_market.catalog.models import Product, Seller
from creative_market.exceptions import DuplicateError, ValidationError
from creative_market.messages import Message
from creative_market.text import slugify

SLUG_MAX_LENGTH = 80


def validate(schema: Schema, data: Mapping[str, Any], error: type[ValidationError] = ValidationError
             ) -> dict[str, Any]:
    """Load `data` with `schema`, turning marshmallow's error into the library's."""
    try:
        return schema.load(data)
    except SchemaError as failure:
        messages = failure.messages if isinstance(failure.messages, dict) else {
            "_schema": failure.messages}
        raise error(messages) from None


def unique_slug(session: Session, model: type[Seller] | type[Product], text: str) -> str:
    """A slug from `text` not yet used by `model`: "quba-xalcasi", then "-2", "-3"..."""
    # Leave room for a "-123" suffix within the column's length.
    room = model.__table__.c.slug.type.length - 8
    base = slugify(text, max_length=min(SLUG_MAX_LENGTH, room))
    taken = set(session.scalars(
        select(model.slug).where((model.slug == base) | model.slug.like(f"{base}-%"))
    ))
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def sku_from_slug(slug: str) -> str:
    """An SKU for a listing given none: its slug upper-cased, shortened with a hash to 64."""
    if len(slug) <= 64:
        return slug.upper()
    digest = hashlib.sha1(slug.encode(), usedforsecurity=False).hexdigest()[:8]
    return f"{slug[:55].rstrip('-')}-{digest}".upper()


def current_values(obj: Any, schema: Schema) -> dict[str, Any]:
    """The values `obj` holds for the fields of `schema`, to merge an update over."""
    return {name: getattr(obj, name) for name in schema.load_fields if hasattr(obj, name)}


def assign(obj: Any, values: Mapping[str, Any]) -> None:
    """Set each of `values` as an attribute of `obj`."""
    for name, value in values.items():
        setattr(obj, name, value)


def insert_with_free_slug(
    session: Session,
    obj: Seller | Product,
    model: type[Seller] | type[Product],
    *,
    retitle: str | None,
    sku_from_slug: bool = False,
    seller: Seller | None = None,
) -> None:
    """Insert `obj` in a savepoint; if a concurrent transaction took its slug, take the next.

    The slug was checked free, but another writer may commit the same one meanwhile; the
    unique constraint catches it and the retry sees the committed row. A product is tied to
    its `seller` inside the savepoint, so a rolled-back attempt leaves the seller clean.
    """
    for _attempt in range(5):
        try:
            with session.begin_nested():
                session.add(obj)
                if seller is not None:
                    obj.seller = seller  # type: ignore[union-attr]
                session.flush()
            return
        except IntegrityError as error:
            detail = str(error.orig)
            if "slug" in detail and retitle is not None:
                obj.slug = unique_slug(session, model, retitle)
                if sku_from_slug and isinstance(obj, Product):
                    obj.sku = sku_from_slug(obj.slug)
            elif "slug" in detail:
                raise DuplicateError(Message("The slug '%(slug)s' is already taken.",
                                             slug=obj.slug)) from None
            elif "sku" in detail and isinstance(obj, Product):
                raise DuplicateError(Message(
                    "This seller already has a listing with SKU '%(sku)s'.", sku=obj.sku)
                ) from None
            else:
                raise
    raise DuplicateError(Message("Could not find a free slug for this title; try again."))
