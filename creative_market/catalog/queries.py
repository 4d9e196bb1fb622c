"""Read side of the catalogue: the seller directory, browsing, a listing page.

Buyers see published listings and sold-out ones (shown as sold out, so a one-of-a-kind
carpet that sold still documents the workshop); drafts and archived listings stay hidden.
Every query here issues a fixed number of SQL statements whatever the page size: one
count, one page (detail tables joined in), and one `selectinload` per eager relationship.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload, with_polymorphic

from creative_market.catalog.enums import CreativeCluster, ListingStatus, ProductKind, Region
from creative_market.catalog.models import Product, Seller
from creative_market.exceptions import NotFoundError, ValidationError
from creative_market.text import slugify

T = TypeVar("T")
VISIBLE_STATUSES = (ListingStatus.PUBLISHED, ListingStatus.SOLD_OUT)
SORTS = ("newest", "price_asc", "price_desc", "title")
MAX_PER_PAGE = 100


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of results and where it sits in the whole."""

    items: list[T]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        """How many pages there are (at least one, even when empty)."""
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_previous(self) -> bool:
        """True unless this is the first page."""
        return self.page > 1

    @property
    def has_next(self) -> bool:
        """True unless this is the last page."""
        return self.page < self.pages


def _choice(enum_cls: type[Enum], value: Any, field: str) -> Any:
    if value is None or value == "":
        return None
    try:
        return enum_cls(value)
    except ValueError:
        choices = ", ".join(m.value for m in enum_cls)
        raise ValidationError({field: [f"Choose one of: {choices}."]}) from None


# Far past any real catalogue, and small enough that OFFSET stays a 64-bit integer.
MAX_PAGE = 100_000


def _bounds(page: int, per_page: int) -> tuple[int, int]:
    """Clamp the page to 1..MAX_PAGE and the page size to 1..MAX_PER_PAGE."""
    try:
        return min(MAX_PAGE, max(1, int(page))), min(MAX_PER_PAGE, max(1, int(per_page)))
    except (TypeError, ValueError):
        raise ValidationError({"page": ["Page and page size are whole numbers."]}) from None


def _paginate(session: Session, statement: Select, page: int, per_page: int) -> Page[Any]:
    page, per_page = _bounds(page, per_page)
    total = session.scalar(select(func.count()).select_from(statement.order_by(None).subquery()))
    items = list(session.scalars(statement.limit(per_page).offset((page - 1) * per_page)))
    return Page(items=items, total=total or 0, page=page, per_page=per_page)


def _seller_filters(cluster: Any, region: Any) -> list[Any]:
    criteria = []
    if (found := _choice(CreativeCluster, cluster, "cluster")) is not None:
        criteria.append(Seller.cluster == found)
    if (found := _choice(Region, region, "region")) is not None:
        criteria.append(Seller.region == found)
    return criteria


def seller_directory(
    session: Session,
    *,
    cluster: CreativeCluster | str | None = None,
    region: Region | str | None = None,
    verified: bool | None = None,
    search_text: str | None = None,
    page: int = 1,
    per_page: int = 24,
) -> Page[Seller]:
    """The directory of industry players, verified first, then by name."""
    statement = select(Seller).where(*_seller_filters(cluster, region))
    if verified is not None:
        statement = statement.where(Seller.verified.is_(bool(verified)))
    if search_text and search_text.strip():
        text = search_text.strip()
        # The slug holds the transliterated name, so "seki" finds "Şəki" on every database.
        criterion = Seller.display_name.ilike(f"%{_escape_like(text)}%", escape="\\")
        if any(character.isalnum() for character in text):
            criterion = criterion | Seller.slug.contains(slugify(text))
        statement = statement.where(criterion)
    statement = statement.order_by(Seller.verified.desc(), Seller.display_name, Seller.id)
    return _paginate(session, statement, page, per_page)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def get_seller_by_slug(session: Session, *, slug: str) -> Seller:
    """The seller at `slug`, or NotFoundError."""
    seller = session.scalar(select(Seller).where(Seller.slug == slug))
    if seller is None:
        raise NotFoundError(f"No seller is listed at '{slug}'.")
    return seller


def _listing_page(session: Session, criteria: list[Any], order_by: Sequence[Any], page: int,
                  per_page: int, *, join_seller: bool = False) -> Page[Product]:
    """A page of products matching `criteria`, counted on the shared table alone and loaded
    with their detail rows joined in (one statement), seller and files (one each)."""
    page, per_page = _bounds(page, per_page)
    count = select(func.count(Product.id))
    entity = with_polymorphic(Product, "*")
    statement = select(entity).options(selectinload(entity.seller), selectinload(entity.files))
    if join_seller:
        count = count.join(Seller, Seller.id == Product.seller_id)
        statement = statement.join(Seller, Seller.id == Product.seller_id)
    total = session.scalar(count.where(*criteria)) or 0
    statement = statement.where(*criteria).order_by(*order_by)
    items = list(session.scalars(statement.limit(per_page).offset((page - 1) * per_page)))
    return Page(items=items, total=total, page=page, per_page=per_page)


def _order(sort: str) -> list[Any]:
    if sort == "newest":
        return [Product.published_at.desc(), Product.id.desc()]
    if sort == "price_asc":
        return [Product.list_price.is_(None), Product.list_price, Product.id]
    if sort == "price_desc":
        return [Product.list_price.is_(None), Product.list_price.desc(), Product.id]
    if sort == "title":
        return [Product.title_az, Product.id]
    raise ValidationError({"sort": [f"Sort by one of: {', '.join(SORTS)}."]})


def _price(value: Decimal | int | str | None, field: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        amount = Decimal(str(value).strip())
    except ArithmeticError:
        raise ValidationError({field: ["Give the price as a number, like 150."]}) from None
    if not amount.is_finite() or amount < 0:
        raise ValidationError({field: ["Give the price as a number, like 150."]})
    return amount


def browse_catalogue(
    session: Session,
    *,
    kind: ProductKind | str | None = None,
    cluster: CreativeCluster | str | None = None,
    region: Region | str | None = None,
    min_price: Decimal | int | str | None = None,
    max_price: Decimal | int | str | None = None,
    sort: str = "newest",
    page: int = 1,
    per_page: int = 24,
) -> Page[Product]:
    """Visible listings filtered by kind, the seller's cluster and region, and list price."""
    criteria: list[Any] = [Product.status.in_(VISIBLE_STATUSES)]
    if (found := _choice(ProductKind, kind, "kind")) is not None:
        criteria.append(Product.kind == found)
    seller_criteria = _seller_filters(cluster, region)
    low, high = _price(min_price, "min_price"), _price(max_price, "max_price")
    if low is not None and high is not None and low > high:
        raise ValidationError({"max_price": ["The highest price is below the lowest price."]})
    if low is not None:
        criteria.append(Product.list_price >= low)
    if high is not None:
        criteria.append(Product.list_price <= high)
    return _listing_page(session, criteria + seller_criteria, _order(sort), page, per_page,
                         join_seller=bool(seller_criteria))


def listings_of_seller(
    session: Session,
    *,
    seller: Seller,
    statuses: Sequence[ListingStatus | str] | None = None,
    include_unpublished: bool = False,
    page: int = 1,
    per_page: int = 24,
) -> Page[Product]:
    """A seller's listings, newest first: visible ones, or all of them for their dashboard."""
    if statuses:
        wanted = [_choice(ListingStatus, s, "statuses") for s in statuses]
    else:
        wanted = list(ListingStatus) if include_unpublished else list(VISIBLE_STATUSES)
    criteria = [Product.status.in_(wanted), Product.seller_id == seller.id]
    order_by = [Product.created_at.desc(), Product.id.desc()]
    return _listing_page(session, criteria, order_by, page, per_page)


def get_listing_by_slug(session: Session, *, slug: str, include_unpublished: bool = False
                        ) -> Product:
    """One listing with its kind's details, seller, files and offers; NotFoundError if hidden."""
    statuses = list(ListingStatus) if include_unpublished else VISIBLE_STATUSES
    entity = with_polymorphic(Product, "*")
    statement = (
        select(entity)
        .where(entity.slug == slug, entity.status.in_(statuses))
        .options(selectinload(entity.seller), selectinload(entity.files),
                 selectinload(entity.offers))
    )
    product = session.scalar(statement)
    if product is None:
        raise NotFoundError(f"No listing is available at '{slug}'.")
    return product
