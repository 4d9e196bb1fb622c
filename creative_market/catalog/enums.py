"""Closed vocabularies of the catalogue: kinds, clusters, regions, techniques, materials."""

from __future__ import annotations

from enum import StrEnum


class SellerKind(StrEnum):
    """What kind of player a seller is."""

    INDIVIDUAL = "individual"
    STUDIO = "studio"
    COMPANY = "company"


class CreativeCluster(StrEnum):
    """The creative industry clusters of the seller directory."""

    CARPETS = "carpets"
    DESIGN = "design"
    MUSIC = "music"
    CINEMA_ANIMATION = "cinema_animation"
    MEDIA_PHOTOGRAPHY = "media_photography"
    FASHION = "fashion"
    JEWELLERY_CRAFTS = "jewellery_crafts"
    GAMES_CULTURE_TECH = "games_culture_tech"


class Region(StrEnum):
    """Where in Azerbaijan a seller works."""

    BAKU = "baku"
    GUBA = "guba"
    SUMGAYIT = "sumgayit"
    LANKARAN = "lankaran"
    NAKHCHIVAN = "nakhchivan"
    GANJA = "ganja"
    MINGACHEVIR = "mingachevir"
    SHAKI = "shaki"
    SHAMAKHI = "shamakhi"
    SHUSHA = "shusha"
    GABALA = "gabala"
    GAZAKH = "gazakh"
    OTHER = "other"


class ProductKind(StrEnum):
    """The four kinds of work in the catalogue (the polymorphic discriminator)."""

    CARPET = "carpet"
    DESIGN = "design"
    MUSIC = "music"
    MEDIA = "media"


class Delivery(StrEnum):
    """How a work reaches the buyer."""

    PHYSICAL = "physical"
    DIGITAL = "digital"


class ListingStatus(StrEnum):
    """The life cycle of a listing; only PUBLISHED is visible to buyers."""

    DRAFT = "draft"
    PUBLISHED = "published"
    SOLD_OUT = "sold_out"
    ARCHIVED = "archived"


class WeavingSchool(StrEnum):
    """Carpet weaving schools and regions."""

    GUBA = "guba"
    SHIRVAN = "shirvan"
    BAKU = "baku"
    GANJA = "ganja"
    GAZAKH = "gazakh"
    KARABAKH = "karabakh"
    TABRIZ = "tabriz"
    NAKHCHIVAN = "nakhchivan"
    SHAKI = "shaki"
    OTHER = "other"


class CarpetTechnique(StrEnum):
    """Knotted pile or one of the flat-weaves."""

    KNOTTED_PILE = "knotted_pile"
    KILIM = "kilim"
    PALAS = "palas"
    SUMAKH = "sumakh"
    ZILI = "zili"
    VERNI = "verni"
    SHADDA = "shadda"

    @property
    def is_knotted(self) -> bool:
        """True for knotted pile, which alone has a knot density."""
        return self is CarpetTechnique.KNOTTED_PILE


class Fibre(StrEnum):
    """Fibres used in carpets and textiles."""

    WOOL = "wool"
    SILK = "silk"
    COTTON = "cotton"
    GOAT_HAIR = "goat_hair"
    CAMEL_HAIR = "camel_hair"


class DesignCategory(StrEnum):
    """What a design work is; the first group ships, the second is licensed."""

    FASHION = "fashion"
    JEWELLERY = "jewellery"
    CERAMICS = "ceramics"
    HOMEWARE = "homeware"
    FONT = "font"
    ILLUSTRATION = "illustration"
    TEMPLATE = "template"
    MODEL_3D = "model_3d"

    @property
    def delivery(self) -> Delivery:
        """Physical objects ship; files are sold by licence."""
        physical = {self.FASHION, self.JEWELLERY, self.CERAMICS, self.HOMEWARE}
        return Delivery.PHYSICAL if self in physical else Delivery.DIGITAL


class MediaType(StrEnum):
    """Kinds of media work."""

    FILM = "film"
    ANIMATION = "animation"
    PHOTO = "photo"
    VIDEO = "video"

    @property
    def has_duration(self) -> bool:
        """Everything but a photo runs for a time."""
        return self is not MediaType.PHOTO


class FileRole(StrEnum):
    """What a stored file is for."""

    IMAGE = "image"
    PREVIEW = "preview"
    DELIVERABLE = "deliverable"
