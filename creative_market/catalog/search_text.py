"""The text a search engine should index for a listing, built from the models alone.

Pure functions: no database access beyond the attributes already loaded on the product
(its seller and, for digital works, its offers), and no search library. The storefront's
Whoosh index (and any other engine an importing project prefers) feeds on `search_text`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from creative_market.text import LANGUAGES

if TYPE_CHECKING:
    from creative_market.catalog.models import Product


@dataclass(frozen=True)
class LanguageText:
    """Title, tags and description of a listing in one language (empty when missing)."""

    title: str = ""
    tags: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class ListingText:
    """Everything searchable about a listing: texts per language, seller and kind details."""

    by_language: dict[str, LanguageText] = field(default_factory=dict)
    seller_name: str = ""
    details: str = ""


def _words(value: object) -> str:
    """An enum value or plain value as words ("knotted_pile" -> "knotted pile")."""
    raw = getattr(value, "value", value)
    return str(raw).replace("_", " ") if raw not in (None, "") else ""


_DETAIL_ATTRIBUTES = (
    "weaving_school",
    "technique",
    "pile_material",
    "warp_material",
    "weft_material",
    "category",
    "genre",
    "media_type",
)


def kind_details(product: Product) -> str:
    """Words describing the kind-specific facts of a listing (school, technique, genre...)."""
    parts = [_words(product.kind)]
    for attribute in _DETAIL_ATTRIBUTES:
        value = getattr(product, attribute, None)
        if value:
            parts.append(_words(value))
    parts.extend(str(material) for material in getattr(product, "materials", None) or ())
    parts.extend(str(fmt) for fmt in product.file_formats or ())
    if getattr(product, "year_made", None):
        parts.append(str(product.year_made))
    return " ".join(part for part in parts if part)


def language_text(product: Product, language: str) -> LanguageText:
    """The listing's own text in `language`, with no fallback (missing stays empty)."""
    return LanguageText(
        title=getattr(product, f"title_{language}") or "",
        tags=tuple(str(tag) for tag in getattr(product, f"tags_{language}") or ()),
        description=getattr(product, f"description_{language}") or "",
    )


def search_text(product: Product) -> ListingText:
    """Build the searchable text of `product`: texts per language, seller name, kind details."""
    seller = product.seller
    return ListingText(
        by_language={language: language_text(product, language) for language in LANGUAGES},
        seller_name=seller.display_name if seller is not None else "",
        details=kind_details(product),
    )
