"""SQL expressions of the report dimensions, and the labels people read.

Categories and default HS chapters are generated from `classification`'s tables, so the
SQL and the Python rules cannot drift apart.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import case, func, literal
from sqlalchemy.orm import Session, aliased

from creative_market.catalog.models import DesignWork, MediaWork, Product, Seller
from creative_market.export import hs
from creative_market.export.classification import (
    DEFAULT_CHAPTERS,
    DESIGN_GOODS,
    MEDIA_GOODS,
    CreativeGoodsCategory,
    CreativeServicesCategory,
)
from creative_market.export.countries import country_name
from creative_market.export.models import CustomsItem
from creative_market.orders.models import Order, OrderLine

# Plain tables: joining the inheritance mappers would alias `products` a second time.
PRODUCTS = Product.__table__
DESIGN_WORKS = DesignWork.__table__
MEDIA_WORKS = MediaWork.__table__
SERVICES = "services"
UNCLASSIFIED = "unclassified"


@cache
def _declared() -> Any:
    """Customs items under an alias (made on first use: aliasing configures the mappers)."""
    return aliased(CustomsItem, name="declared")

CLUSTER_LABELS = {
    "carpets": "Carpets", "design": "Design", "music": "Music",
    "cinema_animation": "Cinema and animation", "media_photography": "Media and photography",
    "fashion": "Fashion", "jewellery_crafts": "Jewellery and crafts",
    "games_culture_tech": "Games and culture tech",
}


def _goods_category() -> Any:
    by_design = case({k.value: v.value for k, v in DESIGN_GOODS.items()},
                     value=DESIGN_WORKS.c.category)
    by_media = case({k.value: v.value for k, v in MEDIA_GOODS.items()},
                    value=MEDIA_WORKS.c.media_type)
    return case(
        (PRODUCTS.c.kind == "carpet", literal(CreativeGoodsCategory.ART_CRAFTS.value)),
        (PRODUCTS.c.kind == "design", by_design),
        (PRODUCTS.c.kind == "music", literal(CreativeGoodsCategory.NEW_MEDIA.value)),
        else_=by_media,
    )


def _services_category() -> Any:
    audiovisual = literal(CreativeServicesCategory.AUDIOVISUAL_SERVICES.value)
    return case(
        (PRODUCTS.c.kind == "music", audiovisual),
        ((PRODUCTS.c.kind == "media") & (MEDIA_WORKS.c.media_type != "photo"), audiovisual),
        else_=literal(CreativeServicesCategory.LICENCES_TO_REPRODUCE.value),
    )


def _category() -> Any:
    return case((OrderLine.kind == "licence", _services_category()), else_=_goods_category())


def _chapter() -> Any:
    default = case(
        (PRODUCTS.c.kind == "carpet", literal(DEFAULT_CHAPTERS["carpet"])),
        else_=case({k: v for k, v in DEFAULT_CHAPTERS.items() if k != "carpet"},
                   value=DESIGN_WORKS.c.category, else_=literal(UNCLASSIFIED)),
    )
    declared = func.coalesce(func.substr(_declared().hs_code, 1, 2),
                             func.substr(PRODUCTS.c.hs_code, 1, 2), default)
    return case((OrderLine.kind == "licence", literal(SERVICES)), else_=declared)


def destination() -> Any:
    """Where a line is exported to: goods where they ship, licences where the buyer lives."""
    return case(
        (OrderLine.kind == "licence", func.coalesce(Order.buyer_country, Order.shipping_country)),
        else_=Order.shipping_country,
    )


def expressions(dimension: Any) -> tuple[Any, Any]:
    """(key, label) SQL expressions of a dimension."""
    name = str(dimension)
    if name == "seller":
        return Seller.slug, Seller.display_name
    key = {
        "cluster": lambda: Seller.cluster,
        "region": lambda: Seller.region,
        "destination": destination,
        "hs_chapter": _chapter,
        "category": _category,
        "flow": lambda: case((OrderLine.kind == "licence", literal("services")),
                             else_=literal("goods")),
    }[name]()
    return key, key


def join_customs_items(query: Any) -> Any:
    """Join each line's customs item (if declared on a shipment) for its exact HS code."""
    return query.outerjoin(_declared(), _declared().order_line_id == OrderLine.id)


def month_of(session: Session) -> Any:
    """A function of the grouped subquery giving the month of its `day` as "YYYY-MM"."""
    if session.get_bind().dialect.name == "sqlite":
        return lambda sub: func.strftime("%Y-%m", sub.c.day)
    return lambda sub: func.to_char(sub.c.day, "YYYY-MM")


def label(dimension: Any, key: Any, raw_label: Any) -> str:
    """What people read for a key: country names, chapter descriptions, cluster names."""
    name, key = str(dimension), str(key)
    if name == "seller":
        return str(raw_label)
    if name == "destination":
        return f"{country_name(key)} ({key})"
    if name == "hs_chapter":
        if key in (SERVICES, UNCLASSIFIED):
            return "Services (licences, no HS code)" if key == SERVICES else "Not yet classified"
        return f"{key} {hs.chapter_description(key)}"
    if name == "cluster":
        return CLUSTER_LABELS.get(key, key)
    return key.replace("_", " ").capitalize()
