"""Catalogue models: sellers (the industry directory), products of four kinds, files.

Products use joined-table inheritance: one `products` table holds what every listing
shares (seller, SKU, slug, status, texts in three languages, price and stock for physical
goods), and one detail table per kind holds what only that kind has. Browsing and search
read the shared table alone; a product page loads its one detail row. A single wide table
would leave most columns NULL for most rows, and a kind column without detail tables would
push carpet-only rules (knot density only for knotted pile) out of the database.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from creative_market.accounts.models import User
from creative_market.catalog.enums import (
    CarpetTechnique,
    CreativeCluster,
    Delivery,
    DesignCategory,
    Fibre,
    FileRole,
    ListingStatus,
    MediaType,
    ProductKind,
    Region,
    SellerKind,
    WeavingSchool,
)
from creative_market.db import Base, enum_type, utcnow
from creative_market.money import Money
from creative_market.text import pick_translation

if TYPE_CHECKING:
    from creative_market.catalog.licensing import LicenceOffer


class Seller(Base):
    """An artisan, studio or company: an entry of the industry directory."""

    __tablename__ = "sellers"
    __table_args__ = (
        CheckConstraint(
            "commission_rate IS NULL OR (commission_rate >= 0 AND commission_rate < 1)",
            name="commission_rate_range",
        ),
        CheckConstraint("processing_days >= 0", name="processing_days_not_negative"),
        Index("ix_sellers_cluster_region", "cluster", "region"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[SellerKind] = mapped_column(enum_type(SellerKind))
    cluster: Mapped[CreativeCluster] = mapped_column(enum_type(CreativeCluster))
    region: Mapped[Region] = mapped_column(enum_type(Region))
    bio_az: Mapped[str] = mapped_column(Text, default="")
    bio_en: Mapped[str | None] = mapped_column(Text)
    bio_ru: Mapped[str | None] = mapped_column(Text)
    contact_email: Mapped[str | None] = mapped_column(String(254))
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    website: Mapped[str | None] = mapped_column(String(300))
    verified: Mapped[bool] = mapped_column(default=False, index=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), unique=True
    )
    commission_rate: Mapped[Decimal | None] = mapped_column(Numeric(5, 4))
    # Shipping profile: processing time and a flat rate per zone, in `shipping_currency`.
    processing_days: Mapped[int] = mapped_column(default=3)
    shipping_domestic: Mapped[Decimal | None]
    shipping_cis: Mapped[Decimal | None]
    shipping_world: Mapped[Decimal | None]
    shipping_currency: Mapped[str] = mapped_column(String(3), default="AZN")
    stripe_account_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User | None] = relationship()
    products: Mapped[list[Product]] = relationship(back_populates="seller")

    def bio(self, language: str | None = None) -> str:
        """Biography in `language`, falling back to Azerbaijani."""
        return pick_translation({"az": self.bio_az, "en": self.bio_en, "ru": self.bio_ru}, language)

    def __repr__(self) -> str:
        return f"<Seller {self.slug}>"


class Product(Base):
    """A listing of any kind; the shared part of the catalogue."""

    __tablename__ = "products"
    __table_args__ = (
        UniqueConstraint("seller_id", "sku", name="uq_products_seller_id_sku"),
        CheckConstraint("stock_quantity >= 0", name="stock_not_negative"),
        CheckConstraint(
            "reserved_quantity >= 0 AND reserved_quantity <= stock_quantity",
            name="reserved_within_stock",
        ),
        CheckConstraint("price IS NULL OR price > 0", name="price_positive"),
        CheckConstraint(
            "delivery = 'digital' OR price IS NOT NULL OR status = 'draft'",
            name="physical_listing_priced",
        ),
        CheckConstraint("list_price IS NULL OR list_price > 0", name="list_price_positive"),
        Index("ix_products_status_kind", "status", "kind"),
        Index("ix_products_status_published_at", "status", "published_at"),
        Index("ix_products_status_list_price", "status", "list_price"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id", ondelete="RESTRICT"))
    kind: Mapped[ProductKind] = mapped_column(enum_type(ProductKind))
    delivery: Mapped[Delivery] = mapped_column(enum_type(Delivery))
    sku: Mapped[str] = mapped_column(String(64))
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    status: Mapped[ListingStatus] = mapped_column(
        enum_type(ListingStatus), default=ListingStatus.DRAFT
    )
    title_az: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str | None] = mapped_column(String(200))
    title_ru: Mapped[str | None] = mapped_column(String(200))
    description_az: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str | None] = mapped_column(Text)
    description_ru: Mapped[str | None] = mapped_column(Text)
    tags_az: Mapped[list[str]] = mapped_column(JSON, default=list)
    tags_en: Mapped[list[str]] = mapped_column(JSON, default=list)
    tags_ru: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Physical goods: a price and stock. Digital works are priced by their licence offers.
    price: Mapped[Decimal | None]
    currency: Mapped[str] = mapped_column(String(3), default="AZN")
    stock_quantity: Mapped[int] = mapped_column(Integer, default=0)
    reserved_quantity: Mapped[int] = mapped_column(Integer, default=0)
    weight_grams: Mapped[int | None]
    hs_code: Mapped[str | None] = mapped_column(String(12))
    # Digital works: what the buyer downloads.
    file_formats: Mapped[list[str]] = mapped_column(JSON, default=list)
    file_size_bytes: Mapped[int | None] = mapped_column(Integer)
    # Denormalised "from" price for browsing by price range and sorting, in `currency`:
    # the price of a physical good, the lowest active offer of a digital work (NULL when it
    # has none). The catalogue services keep it in step; filter and sort on it, never join.
    list_price: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    featured: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    published_at: Mapped[datetime | None]

    seller: Mapped[Seller] = relationship(back_populates="products")
    files: Mapped[list[ProductFile]] = relationship(
        back_populates="product", order_by="ProductFile.position", cascade="all, delete-orphan"
    )
    offers: Mapped[list[LicenceOffer]] = relationship(
        back_populates="product", order_by="LicenceOffer.id", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"polymorphic_on": "kind", "polymorphic_abstract": True}

    def title(self, language: str | None = None) -> str:
        """Title in `language`, falling back to Azerbaijani."""
        values = {"az": self.title_az, "en": self.title_en, "ru": self.title_ru}
        return pick_translation(values, language)

    def description(self, language: str | None = None) -> str:
        """Description in `language`, falling back to Azerbaijani."""
        values = {"az": self.description_az, "en": self.description_en, "ru": self.description_ru}
        return pick_translation(values, language)

    def tags(self, language: str | None = None) -> list[str]:
        """Tags in `language`, falling back to the Azerbaijani ones."""
        by_language = {"az": self.tags_az, "en": self.tags_en, "ru": self.tags_ru}
        from creative_market.text import normalize_language

        return list(by_language.get(normalize_language(language)) or self.tags_az or [])

    @property
    def is_physical(self) -> bool:
        """True when the work ships rather than downloads."""
        return self.delivery == Delivery.PHYSICAL

    @property
    def price_money(self) -> Money | None:
        """The price of a physical good as Money (None for digital works)."""
        return None if self.price is None else Money(self.price, self.currency)

    @property
    def available_quantity(self) -> int:
        """Stock not held by a reservation."""
        return self.stock_quantity - self.reserved_quantity

    @property
    def is_visible(self) -> bool:
        """Whether buyers may see the listing."""
        return self.status in (ListingStatus.PUBLISHED, ListingStatus.SOLD_OUT)

    def images(self) -> list[ProductFile]:
        """The gallery images, in order."""
        return [f for f in self.files if f.role == FileRole.IMAGE]

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.slug}>"


class Carpet(Product):
    """A hand-made carpet: a physical good, usually one of a kind."""

    __tablename__ = "carpets"
    __table_args__ = (
        CheckConstraint(
            "(technique = 'knotted_pile') = (knot_density_per_dm2 IS NOT NULL)",
            name="knot_density_only_knotted",
        ),
        CheckConstraint(
            "technique = 'knotted_pile' OR pile_material IS NULL", name="pile_only_knotted"
        ),
        CheckConstraint("width_cm > 0 AND length_cm > 0", name="dimensions_positive"),
        CheckConstraint(
            "knot_density_per_dm2 IS NULL OR knot_density_per_dm2 > 0", name="density_positive"
        ),
        CheckConstraint("year_made IS NULL OR year_made >= 1500", name="year_made_plausible"),
    )

    id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"), primary_key=True)
    weaving_school: Mapped[WeavingSchool] = mapped_column(enum_type(WeavingSchool))
    technique: Mapped[CarpetTechnique] = mapped_column(enum_type(CarpetTechnique))
    pile_material: Mapped[Fibre | None] = mapped_column(enum_type(Fibre, "pile_fibre"))
    warp_material: Mapped[Fibre] = mapped_column(enum_type(Fibre, "warp_fibre"))
    weft_material: Mapped[Fibre | None] = mapped_column(enum_type(Fibre, "weft_fibre"))
    width_cm: Mapped[int]
    length_cm: Mapped[int]
    knot_density_per_dm2: Mapped[int | None]
    year_made: Mapped[int | None]

    __mapper_args__ = {"polymorphic_identity": ProductKind.CARPET}

    @property
    def area_m2(self) -> Decimal:
        """Surface in square metres."""
        return (Decimal(self.width_cm) * Decimal(self.length_cm) / Decimal(10_000)).quantize(
            Decimal("0.01")
        )


class DesignWork(Product):
    """A design work: a physical object or digital files sold by licence."""

    __tablename__ = "design_works"
    __table_args__ = (
        CheckConstraint(
            "width_cm IS NULL OR width_cm > 0", name="width_positive"
        ),
    )

    id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"), primary_key=True)
    category: Mapped[DesignCategory] = mapped_column(enum_type(DesignCategory))
    materials: Mapped[list[str]] = mapped_column(JSON, default=list)
    width_cm: Mapped[Decimal | None] = mapped_column(Numeric(8, 1))
    height_cm: Mapped[Decimal | None] = mapped_column(Numeric(8, 1))
    depth_cm: Mapped[Decimal | None] = mapped_column(Numeric(8, 1))

    __mapper_args__ = {"polymorphic_identity": ProductKind.DESIGN}


class MusicWork(Product):
    """A recorded track or album, sold by licence."""

    __tablename__ = "music_works"
    __table_args__ = (
        CheckConstraint(
            "duration_seconds IS NULL OR duration_seconds > 0", name="duration_positive"
        ),
        CheckConstraint("isrc IS NULL OR length(isrc) = 12", name="isrc_twelve_characters"),
    )

    id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"), primary_key=True)
    genre: Mapped[str | None] = mapped_column(String(60))
    duration_seconds: Mapped[int | None]
    isrc: Mapped[str | None] = mapped_column(String(12))
    bpm: Mapped[int | None]

    __mapper_args__ = {"polymorphic_identity": ProductKind.MUSIC}


class MediaWork(Product):
    """A film, animation, photograph or video, sold by licence."""

    __tablename__ = "media_works"
    __table_args__ = (
        CheckConstraint(
            "(media_type = 'photo') = (duration_seconds IS NULL)", name="duration_unless_photo"
        ),
        CheckConstraint(
            "(resolution_width_px IS NULL OR resolution_width_px > 0)"
            " AND (resolution_height_px IS NULL OR resolution_height_px > 0)",
            name="resolution_positive",
        ),
    )

    id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"), primary_key=True)
    media_type: Mapped[MediaType] = mapped_column(enum_type(MediaType))
    duration_seconds: Mapped[int | None]
    resolution_width_px: Mapped[int | None]
    resolution_height_px: Mapped[int | None]

    __mapper_args__ = {"polymorphic_identity": ProductKind.MEDIA}

    @property
    def resolution(self) -> str | None:
        """Resolution as "W×H" pixels, if known."""
        if self.resolution_width_px and self.resolution_height_px:
            return f"{self.resolution_width_px}×{self.resolution_height_px}"
        return None


class ProductFile(Base):
    """A file of a listing kept in the storage port: an image, a preview or a deliverable."""

    __tablename__ = "product_files"
    __table_args__ = (
        CheckConstraint("size_bytes >= 0", name="size_not_negative"),
        Index("ix_product_files_product_id_role", "product_id", "role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    role: Mapped[FileRole] = mapped_column(enum_type(FileRole))
    storage_key: Mapped[str] = mapped_column(String(300), unique=True)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str | None] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    product: Mapped[Product] = relationship(back_populates="files")


PRODUCT_CLASSES: dict[ProductKind, type[Product]] = {
    ProductKind.CARPET: Carpet,
    ProductKind.DESIGN: DesignWork,
    ProductKind.MUSIC: MusicWork,
    ProductKind.MEDIA: MediaWork,
}

# Relationships above name LicenceOffer by string; importing the module here registers it,
# so a script that imports only the models gets a complete, configurable mapping.
from creative_market.catalog import licensing as _licensing  # noqa: E402, F401
