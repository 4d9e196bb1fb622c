"""Classification of works: HS code suggestions and UNCTAD creative-economy categories.

The HS rules are an ordered table (`HS_RULES`); the first rule whose condition holds gives
the suggestion. A seller may override the suggestion with any 6-digit HS 2022 subheading
(`creative_market.export.services.set_product_hs_code`). Every work also maps to an UNCTAD
creative-goods category, and a digital work sold by licence to a creative-services category,
so goods and services exports are reported apart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from creative_market.catalog.enums import (
    CarpetTechnique,
    Delivery,
    DesignCategory,
    Fibre,
    MediaType,
    ProductKind,
)
from creative_market.export import hs


class CreativeGoodsCategory(StrEnum):
    """UNCTAD creative-goods groups (Creative Economy Report classification)."""

    ART_CRAFTS = "art_crafts"
    AUDIOVISUALS = "audiovisuals"
    DESIGN = "design"
    NEW_MEDIA = "new_media"
    PERFORMING_ARTS = "performing_arts"
    PUBLISHING = "publishing"
    VISUAL_ARTS = "visual_arts"


class CreativeServicesCategory(StrEnum):
    """UNCTAD creative-services groups used for licences sold abroad."""

    AUDIOVISUAL_SERVICES = "audiovisual_services"
    LICENCES_TO_REPRODUCE = "licences_to_reproduce"


class TradeFlow(StrEnum):
    """Whether a sale is an export of goods (ships) or of services (licence)."""

    GOODS = "goods"
    SERVICES = "services"


FINE_ANIMAL_HAIR = frozenset({Fibre.WOOL, Fibre.GOAT_HAIR, Fibre.CAMEL_HAIR})
PRECIOUS_METALS = frozenset({"gold", "platinum", "palladium"})
BASE_METALS = frozenset({"copper", "brass", "bronze", "steel", "iron", "tin", "metal", "aluminium"})


@dataclass(frozen=True)
class ProductFacts:
    """What the HS rules look at: kind, technique, fibre, design category, materials."""

    kind: ProductKind
    technique: CarpetTechnique | None = None
    pile: Fibre | None = None
    category: DesignCategory | None = None
    materials: frozenset[str] = frozenset()

    @classmethod
    def of(cls, product: Any) -> ProductFacts:
        """Read the facts from a catalogue product (any kind)."""
        kind = ProductKind(product.kind)
        if kind is ProductKind.CARPET:
            fibres = {product.pile_material, product.warp_material, product.weft_material}
            return cls(
                kind=kind,
                technique=CarpetTechnique(product.technique),
                pile=Fibre(product.pile_material) if product.pile_material else None,
                materials=frozenset(str(f) for f in fibres if f),
            )
        if kind is ProductKind.DESIGN:
            return cls(
                kind=kind,
                category=DesignCategory(product.category),
                materials=_words(product.materials or []),
            )
        return cls(kind=kind)

    def has(self, *materials: str) -> bool:
        """True if any of `materials` is among the product's materials."""
        return any(m in self.materials for m in materials)


def _words(values: Iterable[str]) -> frozenset[str]:
    return frozenset(str(v).strip().lower() for v in values if str(v).strip())


@dataclass(frozen=True)
class HsRule:
    """One line of the suggestion table: when it applies, the code, and why."""

    when: str
    code: str
    applies: Callable[[ProductFacts], bool]

    @property
    def display_code(self) -> str:
        """The code with its dot, as printed on documents."""
        return hs.format_code(self.code)


@dataclass(frozen=True)
class HsSuggestion:
    """A suggested HS subheading with the rule that produced it."""

    code: str
    reason: str

    @property
    def display_code(self) -> str:
        """The code with its dot ("5701.10")."""
        return hs.format_code(self.code)


def _carpet(f: ProductFacts) -> bool:
    return f.kind is ProductKind.CARPET


def _design(category: DesignCategory) -> Callable[[ProductFacts], bool]:
    return lambda f: f.kind is ProductKind.DESIGN and f.category is category


_KNOTTED = CarpetTechnique.KNOTTED_PILE
_CERAMICS, _JEWELLERY = _design(DesignCategory.CERAMICS), _design(DesignCategory.JEWELLERY)
_FASHION, _HOMEWARE = _design(DesignCategory.FASHION), _design(DesignCategory.HOMEWARE)

# Ordered: the first rule that applies wins. Keep the README's HS rules table in step.
HS_RULES: tuple[HsRule, ...] = (
    HsRule("carpet, knotted pile of wool or fine animal hair", "570110",
           lambda f: _carpet(f) and f.technique is _KNOTTED and f.pile in FINE_ANIMAL_HAIR),
    HsRule("carpet, knotted pile of silk, cotton or other fibres", "570190",
           lambda f: _carpet(f) and f.technique is _KNOTTED),
    HsRule("carpet, hand flat-woven (kilim, palas, sumakh, zili, verni, shadda): "
           "kelem, schumacks, karamanie and similar hand-woven rugs", "570210",
           lambda f: _carpet(f) and f.technique is not _KNOTTED),
    HsRule("ceramics of porcelain or china", "691310",
           lambda f: _CERAMICS(f) and f.has("porcelain", "china")),
    HsRule("ceramics, tableware or kitchenware (not porcelain)", "691200",
           lambda f: _CERAMICS(f) and f.has("tableware", "kitchenware")),
    HsRule("ceramics, ornamental (clay, stoneware, earthenware)", "691390", _CERAMICS),
    HsRule("jewellery of silver", "711311", lambda f: _JEWELLERY(f) and f.has("silver")),
    HsRule("jewellery of gold or platinum", "711319",
           lambda f: _JEWELLERY(f) and f.has(*PRECIOUS_METALS)),
    HsRule("jewellery of base metal (imitation jewellery)", "711719",
           lambda f: _JEWELLERY(f) and f.has(*BASE_METALS)),
    HsRule("jewellery of other materials (stone, glass, wood, beads)", "711790", _JEWELLERY),
    HsRule("fashion, silk shawl or scarf (kelaghayi)", "621410",
           lambda f: _FASHION(f) and f.has("silk")),
    HsRule("fashion, wool shawl or scarf", "621420",
           lambda f: _FASHION(f) and f.has("wool")),
    HsRule("fashion, shawl or scarf of cotton or other textiles", "621490",
           lambda f: _FASHION(f) and f.has("cotton", "linen", "textile")),
    HsRule("fashion, other clothing accessory", "621710", _FASHION),
    HsRule("homeware of copper or brass (e.g. Lahij copperware)", "741810",
           lambda f: _HOMEWARE(f) and f.has("copper", "brass")),
    HsRule("homeware of wood", "442090", lambda f: _HOMEWARE(f) and f.has("wood")),
    HsRule("homeware of glass", "701399", lambda f: _HOMEWARE(f) and f.has("glass")),
    HsRule("homeware, textile furnishing of cotton", "630492",
           lambda f: _HOMEWARE(f) and f.has("cotton")),
    HsRule("homeware, textile furnishing of silk, wool or linen", "630499",
           lambda f: _HOMEWARE(f) and f.has("silk", "wool", "linen")),
    HsRule("homeware of clay or ceramics", "691200",
           lambda f: _HOMEWARE(f) and f.has("clay", "ceramic", "ceramics")),
)


def suggest_hs_code(product: Any) -> HsSuggestion | None:
    """Suggest an HS subheading for a physical product; None for digital works or no rule."""
    if product.delivery != Delivery.PHYSICAL:
        return None
    facts = ProductFacts.of(product)
    for rule in HS_RULES:
        if rule.applies(facts):
            return HsSuggestion(code=rule.code, reason=rule.when)
    return None


def effective_hs_code(product: Any) -> str | None:
    """The seller's HS code if set, else the suggestion (None when neither exists)."""
    if product.hs_code:
        return hs.normalize_code(product.hs_code)
    suggestion = suggest_hs_code(product)
    return suggestion.code if suggestion else None


DESIGN_GOODS = {
    DesignCategory.FASHION: CreativeGoodsCategory.DESIGN,
    DesignCategory.JEWELLERY: CreativeGoodsCategory.DESIGN,
    DesignCategory.HOMEWARE: CreativeGoodsCategory.DESIGN,
    DesignCategory.CERAMICS: CreativeGoodsCategory.ART_CRAFTS,
    DesignCategory.ILLUSTRATION: CreativeGoodsCategory.VISUAL_ARTS,
    DesignCategory.FONT: CreativeGoodsCategory.DESIGN,
    DesignCategory.TEMPLATE: CreativeGoodsCategory.DESIGN,
    DesignCategory.MODEL_3D: CreativeGoodsCategory.NEW_MEDIA,
}
MEDIA_GOODS = {
    MediaType.FILM: CreativeGoodsCategory.AUDIOVISUALS,
    MediaType.ANIMATION: CreativeGoodsCategory.AUDIOVISUALS,
    MediaType.VIDEO: CreativeGoodsCategory.AUDIOVISUALS,
    MediaType.PHOTO: CreativeGoodsCategory.VISUAL_ARTS,
}


def creative_goods_category(product: Any) -> CreativeGoodsCategory:
    """The UNCTAD creative-goods category of a work (carpets are art crafts, ...)."""
    kind = ProductKind(product.kind)
    if kind is ProductKind.CARPET:
        return CreativeGoodsCategory.ART_CRAFTS
    if kind is ProductKind.DESIGN:
        return DESIGN_GOODS[DesignCategory(product.category)]
    if kind is ProductKind.MUSIC:
        return CreativeGoodsCategory.NEW_MEDIA  # UNCTAD: recorded media
    return MEDIA_GOODS[MediaType(product.media_type)]


def creative_services_category(product: Any) -> CreativeServicesCategory | None:
    """The creative-services category of a licence for a digital work; None for goods."""
    if product.delivery != Delivery.DIGITAL:
        return None
    kind = ProductKind(product.kind)
    if kind is ProductKind.MUSIC:
        return CreativeServicesCategory.AUDIOVISUAL_SERVICES
    if kind is ProductKind.MEDIA and MediaType(product.media_type).has_duration:
        return CreativeServicesCategory.AUDIOVISUAL_SERVICES
    return CreativeServicesCategory.LICENCES_TO_REPRODUCE


def trade_flow(product: Any) -> TradeFlow:
    """Goods for works that ship, services for works sold by licence."""
    return TradeFlow.GOODS if product.delivery == Delivery.PHYSICAL else TradeFlow.SERVICES


def statistics_category(product: Any) -> str:
    """The single category a sale is counted under: services category for licences, else goods."""
    services = creative_services_category(product)
    return services.value if services else creative_goods_category(product).value


# The HS chapter of a physical work whose exact subheading is not recorded, for reports:
# every rule of these groups lands in one chapter (a unit test keeps this true). Homeware
# spans several chapters, so it is reported as unclassified until its code is recorded.
DEFAULT_CHAPTERS: dict[str, str] = {
    ProductKind.CARPET.value: "57",
    DesignCategory.CERAMICS.value: "69",
    DesignCategory.JEWELLERY.value: "71",
    DesignCategory.FASHION.value: "62",
}
