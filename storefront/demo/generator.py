"""The deterministic demo catalogue: sellers, listings of four kinds, offers and files.

`generate_catalogue(session, storage)` writes through the library's models and the storage
port and flushes; the caller commits. The same seed always gives the same marketplace
(titles, prices, pictures); only storage keys and row ids differ between runs.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from creative_market.catalog import services
from creative_market.catalog.enums import (
    CreativeCluster,
    MediaType,
    ProductKind,
    Region,
    SellerKind,
    WeavingSchool,
)
from creative_market.catalog.models import Product, Seller
from creative_market.storage import FileStorage
from creative_market.text import slugify
from storefront.demo.carpets import carpet_listing
from storefront.demo.design import design_listing
from storefront.demo.files import attach_files
from storefront.demo.music_media import MUSIC, media_listing, music_listing
from storefront.demo.sellers import DEMO_SELLERS, DemoSeller, seller_bios

DEMO_SEED = 2026
TITLE_DRAWS = 40  # tries for a title not used yet before a repeat is accepted
DRAFT_SHARE = 0.04  # a few drafts, so the seller dashboard shows both states
# Listings are dated back from this moment so that "newest first" is the same every run.
DEMO_EPOCH = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)

HOME_SCHOOL: dict[Region, WeavingSchool] = {
    Region.GUBA: WeavingSchool.GUBA, Region.SHAKI: WeavingSchool.SHAKI,
    Region.BAKU: WeavingSchool.BAKU, Region.GANJA: WeavingSchool.GANJA,
    Region.GAZAKH: WeavingSchool.GAZAKH, Region.SHUSHA: WeavingSchool.KARABAKH,
    Region.NAKHCHIVAN: WeavingSchool.NAKHCHIVAN, Region.SHAMAKHI: WeavingSchool.SHIRVAN,
    Region.GABALA: WeavingSchool.SHIRVAN, Region.LANKARAN: WeavingSchool.TABRIZ,
}

# Which design items each cluster makes (indices into DESIGN_ITEMS).
DESIGN_RANGE: dict[CreativeCluster, list[int]] = {
    CreativeCluster.FASHION: [0, 1, 2],
    CreativeCluster.JEWELLERY_CRAFTS: [3, 4, 5, 6, 7, 8, 9, 10],
    CreativeCluster.DESIGN: [5, 7, 8, 10, 13, 14, 15, 16],
    CreativeCluster.GAMES_CULTURE_TECH: [11, 12, 13, 17, 18],
}
LISTINGS_PER_SELLER: dict[ProductKind, int] = {
    ProductKind.CARPET: 10, ProductKind.DESIGN: 6, ProductKind.MUSIC: 9, ProductKind.MEDIA: 7,
}


@dataclass
class CatalogueSummary:
    """What a generation run created."""

    sellers: list[Seller] = field(default_factory=list)
    products: list[Product] = field(default_factory=list)
    storage_keys: list[str] = field(default_factory=list)

    def count_by_kind(self) -> dict[str, int]:
        """Listings per kind, for the start-up log."""
        counts: dict[str, int] = {}
        for product in self.products:
            counts[product.kind.value] = counts.get(product.kind.value, 0) + 1
        return counts


def kind_of_cluster(cluster: CreativeCluster) -> ProductKind:
    """The kind of work a seller of `cluster` lists in the demo."""
    if cluster is CreativeCluster.CARPETS:
        return ProductKind.CARPET
    if cluster is CreativeCluster.MUSIC:
        return ProductKind.MUSIC
    if cluster in (CreativeCluster.CINEMA_ANIMATION, CreativeCluster.MEDIA_PHOTOGRAPHY):
        return ProductKind.MEDIA
    return ProductKind.DESIGN


def _seller(session: Session, rng: random.Random, entry: DemoSeller) -> Seller:
    """Add a directory entry with the catalogue service; verification is the admin's mark."""
    bio_az, bio_en, bio_ru = seller_bios(entry)
    slug = slugify(entry.name)
    seller = services.create_seller(session, data={
        "slug": slug, "display_name": entry.name, "kind": entry.kind, "cluster": entry.cluster,
        "region": entry.region, "bio_az": bio_az, "bio_en": bio_en, "bio_ru": bio_ru,
        "contact_email": f"{slug}@demo.creative-market.az",
        "contact_phone": f"+994 {rng.choice([50, 51, 55, 70, 77])} {rng.randrange(200, 999)} "
        f"{rng.randrange(10, 99)} {rng.randrange(10, 99)}",
        "website": None if entry.kind is SellerKind.INDIVIDUAL else f"https://{slug}.az",
        "processing_days": rng.choice([1, 2, 3, 5, 7]),
        "shipping_domestic": Decimal(rng.choice([5, 8, 10])),
        "shipping_cis": Decimal(rng.choice([30, 40, 55])),
        "shipping_world": Decimal(rng.choice([70, 90, 120])),
    })
    services.verify_seller(session, seller=seller, verified=rng.random() < 0.75)
    seller.created_at = DEMO_EPOCH - timedelta(days=400)
    return seller


def _listing_data(rng: random.Random, entry: DemoSeller, kind: ProductKind, n: int) -> dict:
    if kind is ProductKind.CARPET:
        home = HOME_SCHOOL.get(entry.region)
        school = home if home and rng.random() < 0.7 else rng.choice(list(WeavingSchool)[:-1])
        return carpet_listing(rng, school, rng.randrange(0, 12))
    if kind is ProductKind.DESIGN:
        items = DESIGN_RANGE[entry.cluster]
        return design_listing(rng, items[n % len(items)], n // len(items) + rng.randrange(3))
    if kind is ProductKind.MUSIC:
        genre = list(MUSIC)[(n + len(entry.name)) % len(MUSIC)]
        return music_listing(rng, genre, rng.randrange(0, 12))
    types = ([MediaType.FILM, MediaType.ANIMATION] if entry.cluster is
             CreativeCluster.CINEMA_ANIMATION else [MediaType.PHOTO, MediaType.PHOTO,
                                                     MediaType.VIDEO])
    return media_listing(rng, types[n % len(types)], rng.randrange(0, 60))


def _new_listing_data(rng: random.Random, entry: DemoSeller, kind: ProductKind, n: int,
                      taken: set[str]) -> dict:
    """A listing whose Azerbaijani title no earlier listing has (a few draws at most)."""
    for attempt in range(TITLE_DRAWS):
        data = _listing_data(rng, entry, kind, n + attempt * 5)
        if data["title"]["az"] not in taken:
            break
    taken.add(data["title"]["az"])
    return data


def _flat(data: dict[str, Any], sku: str, kind: ProductKind) -> dict[str, Any]:
    """The generated listing as the flat input the catalogue schemas take."""
    flat: dict[str, Any] = {"kind": kind.value, "sku": sku, **data["detail"]}
    for language in ("az", "en", "ru"):
        flat[f"title_{language}"] = data["title"][language]
        flat[f"description_{language}"] = data["description"][language]
        flat[f"tags_{language}"] = data["tags"][language]
    for name in ("price", "stock_quantity", "weight_grams", "hs_code"):
        if name in data:
            flat[name] = data[name]
    if "price" not in data:
        flat["file_formats"] = data["file_formats"]
    return flat


def _product(session: Session, rng: random.Random, seller: Seller, kind: ProductKind,
             data: dict[str, Any], number: int) -> Product:
    """Create the listing and its offers with the catalogue services (validated as any input)."""
    product = services.create_listing(
        session, seller=seller, data=_flat(data, f"DEMO-{number:04d}", kind)
    )
    for offer in data.get("offers", []):
        services.add_offer(session, product=product, data=offer)
    published_at = DEMO_EPOCH - timedelta(days=rng.uniform(0, 240))
    product.created_at = published_at - timedelta(days=2)
    product.featured = rng.random() < 0.06
    return product


def _publish(session: Session, product: Product, published_at: datetime) -> None:
    services.publish_listing(session, product=product)
    product.published_at = published_at


def generate_catalogue(session: Session, storage: FileStorage, *, seed: int = DEMO_SEED,
                       with_files: bool = True,
                       on_files: Callable[[list[str]], Any] | None = None) -> CatalogueSummary:
    """Create the demo sellers and their listings, offers and files; flush, never commit.

    `on_files` hears each batch of stored keys as it is written, so a caller can remove
    them if the generation fails halfway.
    """
    rng = random.Random(seed)
    summary = CatalogueSummary()
    taken_titles: set[str] = set()
    number = 0
    for entry in DEMO_SELLERS:
        seller = _seller(session, rng, entry)
        summary.sellers.append(seller)
        kind = kind_of_cluster(entry.cluster)
        for n in range(LISTINGS_PER_SELLER[kind]):
            number += 1
            data = _new_listing_data(rng, entry, kind, n, taken_titles)
            product = _product(session, rng, seller, kind, data, number)
            summary.products.append(product)
            if with_files:
                keys = attach_files(storage, product, data, seed + number)
                summary.storage_keys += keys
                if on_files is not None:
                    on_files(keys)
            if rng.random() >= DRAFT_SHARE:
                _publish(session, product, product.created_at + timedelta(days=2))
        session.flush()
    return summary
