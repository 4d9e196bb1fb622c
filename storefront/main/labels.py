"""People-facing, translated names of the catalogue's closed vocabularies."""

from __future__ import annotations

from enum import Enum
from typing import Any

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from creative_market.export.countries import country_name
from creative_market.export.hs_words import chapter_description

LABELS: dict[str, dict[str, Any]] = {
    "ProductKind": {
        "carpet": _l("Carpets"), "design": _l("Design"), "music": _l("Music"),
        "media": _l("Film & photo"),
    },
    "CreativeCluster": {
        "carpets": _l("Carpet weaving"), "design": _l("Design"), "music": _l("Music"),
        "cinema_animation": _l("Cinema & animation"),
        "media_photography": _l("Media & photography"), "fashion": _l("Fashion"),
        "jewellery_crafts": _l("Jewellery & crafts"),
        "games_culture_tech": _l("Games & culture tech"),
    },
    "Region": {
        "baku": _l("Baku"), "guba": _l("Guba"), "sumgayit": _l("Sumgayit"),
        "lankaran": _l("Lankaran"), "nakhchivan": _l("Nakhchivan"), "ganja": _l("Ganja"),
        "mingachevir": _l("Mingachevir"), "shaki": _l("Shaki"), "shamakhi": _l("Shamakhi"),
        "shusha": _l("Shusha"), "gabala": _l("Gabala"), "gazakh": _l("Gazakh"),
        "other": _l("Other regions"),
    },
    "SellerKind": {
        "individual": _l("Artisan"), "studio": _l("Studio"), "company": _l("Company"),
    },
    "WeavingSchool": {
        "guba": _l("Guba"), "shirvan": _l("Shirvan"), "baku": _l("Baku"), "ganja": _l("Ganja"),
        "gazakh": _l("Gazakh"), "karabakh": _l("Karabakh"), "tabriz": _l("Tabriz"),
        "nakhchivan": _l("Nakhchivan"), "shaki": _l("Shaki"), "other": _l("Other school"),
    },
    "CarpetTechnique": {
        "knotted_pile": _l("Knotted pile"), "kilim": _l("Kilim"), "palas": _l("Palas"),
        "sumakh": _l("Sumakh"), "zili": _l("Zili"), "verni": _l("Verni"), "shadda": _l("Shadda"),
    },
    "Fibre": {
        "wool": _l("Wool"), "silk": _l("Silk"), "cotton": _l("Cotton"),
        "goat_hair": _l("Goat hair"), "camel_hair": _l("Camel hair"),
    },
    "DesignCategory": {
        "fashion": _l("Fashion"), "jewellery": _l("Jewellery"), "ceramics": _l("Ceramics"),
        "homeware": _l("Homeware"), "font": _l("Font"), "illustration": _l("Illustration"),
        "template": _l("Template"), "model_3d": _l("3D model"),
    },
    "MediaType": {
        "film": _l("Film"), "animation": _l("Animation"), "photo": _l("Photograph"),
        "video": _l("Video"),
    },
    "LicenceTier": {
        "personal": _l("Personal"), "standard_commercial": _l("Standard commercial"),
        "extended_commercial": _l("Extended commercial"), "exclusive": _l("Exclusive"),
        "sync_broadcast": _l("Sync & broadcast"),
    },
    "UsageMedium": {
        "web": _l("Web"), "social": _l("Social media"), "print": _l("Print"),
        "broadcast": _l("Broadcast"), "film": _l("Film"), "advertising": _l("Advertising"),
        "games": _l("Games"), "merchandise": _l("Merchandise"), "events": _l("Events"),
        "streaming": _l("Streaming"),
    },
    "UsageCapUnit": {
        "copies": _l("copies"), "views": _l("views"), "print_run": _l("printed copies"),
        "streams": _l("streams"),
    },
    "Role": {
        "buyer": _l("Buyer"), "seller": _l("Seller"), "agency": _l("Export agency"),
        "admin": _l("Administrator"),
    },
    "ListingStatus": {
        "draft": _l("Draft"), "published": _l("Published"), "sold_out": _l("Sold out"),
        "archived": _l("Archived"),
    },
    "ListingKind": {
        "carpet": _l("carpet"), "design": _l("design work"), "music": _l("music"),
        "media": _l("film or photo"),
    },
    "OrderStatus": {
        "pending_payment": _l("Pending payment"), "paid": _l("Paid"),
        "partially_fulfilled": _l("Partially fulfilled"), "fulfilled": _l("Fulfilled"),
        "cancelled": _l("Cancelled"), "expired": _l("Expired"),
        "needs_refund": _l("Needs refund"), "partially_refunded": _l("Partially refunded"),
        "refunded": _l("Refunded"),
    },
    "LineStatus": {
        "reserved": _l("Reserved"), "released": _l("Released"), "sold": _l("Sold"),
        "shipped": _l("Shipped"), "fulfilled": _l("Fulfilled"), "refunded": _l("Refunded"),
    },
    "PayoutStatus": {
        "owed": _l("Owed"), "pending": _l("Pending"), "sending": _l("Sending"),
        "transferred": _l("Transferred"), "failed": _l("Failed"), "paid": _l("Paid"),
        "cancelled": _l("Cancelled"),
    },
    "GrantStatus": {
        "valid": _l("Valid"), "revoked": _l("Revoked"), "expired": _l("Expired"),
    },
    "OfferStatus": {
        "active": _l("On sale"), "withdrawn": _l("Withdrawn"), "sold": _l("Sold"),
    },
    "Dimension": {
        "cluster": _l("creative cluster"), "region": _l("region"),
        "destination": _l("destination country"), "hs_chapter": _l("HS chapter"),
        "category": _l("UNCTAD category"), "flow": _l("trade flow"), "seller": _l("seller"),
    },
    "ShipmentStatus": {"draft": _l("Draft"), "documented": _l("Documented")},
    "DocumentKind": {
        "commercial_invoice": _l("Commercial invoice"), "packing_list": _l("Packing list"),
        "origin_application": _l("Application for a certificate of origin"),
        "cn23": "CN23", "services_invoice": _l("Services invoice"),
    },
    "Transport": {
        "post": _l("Post"), "courier": _l("Courier"), "air": _l("Air freight"),
        "road": _l("Road"), "rail": _l("Rail"), "sea": _l("Sea"),
    },
    "FileRole": {
        "image": _l("Picture"), "preview": _l("Audio preview"), "deliverable": _l("Work file"),
    },
    "TradeFlow": {"goods": _l("Goods"), "services": _l("Services")},
    "ReportCategory": {
        "art_crafts": _l("Art crafts"), "audiovisuals": _l("Audiovisuals"),
        "design": _l("Design"), "new_media": _l("New media"),
        "performing_arts": _l("Performing arts"), "publishing": _l("Publishing"),
        "visual_arts": _l("Visual arts"), "audiovisual_services": _l("Audiovisual services"),
        "licences_to_reproduce": _l("Licences to reproduce"),
    },
}

# A line's status as its buyer reads it, by line kind: the library's statuses are the
# seller's and the ledger's view ("sold"), which tells a buyer nothing about their parcel.
BUYER_LINE_LABELS: dict[str, dict[str, Any]] = {
    "physical": {
        "reserved": _l("Reserved for you"), "released": _l("Reservation ended"),
        "sold": _l("Awaiting shipment"), "shipped": _l("Shipped"),
        "fulfilled": _l("Completed"), "refunded": _l("Refunded"),
    },
    "licence": {
        "reserved": _l("Reserved for you"), "released": _l("Reservation ended"),
        "sold": _l("Paid, licence being issued"), "shipped": _l("Licence issued"),
        "fulfilled": _l("Licence issued"), "refunded": _l("Refunded"),
    },
}

# Report dimensions whose row keys are members of a vocabulary above.
REPORT_ROW_VOCABULARIES = {
    "cluster": "CreativeCluster", "region": "Region", "flow": "TradeFlow",
    "category": "ReportCategory",
}


def label(member: Enum | str | None, vocabulary: str | None = None) -> str:
    """The translated name of an enum member (or of a raw value in `vocabulary`)."""
    if member is None:
        return ""
    name = vocabulary or type(member).__name__
    value = member.value if isinstance(member, Enum) else str(member)
    text = LABELS.get(name, {}).get(value)
    return str(text) if text is not None else value.replace("_", " ").capitalize()


def report_row_label(row: Any, dimension: Enum | str) -> str:
    """A report row's name in the interface language where its key is a known vocabulary."""
    name = dimension.value if isinstance(dimension, Enum) else str(dimension)
    key = str(row.key)
    if key == "total":
        return str(_l("Total"))
    vocabulary = REPORT_ROW_VOCABULARIES.get(name)
    if vocabulary and key in LABELS[vocabulary]:
        return str(LABELS[vocabulary][key])
    if name == "destination" and len(key) == 2:
        return f"{country_name(key, str(get_locale() or 'az'))} ({key})"
    if name == "hs_chapter" and key == "services":
        return str(_l("Services (licences, no HS code)"))
    if name == "hs_chapter" and key == "unclassified":
        return str(_l("Not yet classified"))
    if name == "hs_chapter" and len(key) == 2 and key.isdigit():
        return f"{key} {chapter_description(key, str(get_locale() or 'az'))}"
    return str(row.label)


def buyer_line_status(line: Any) -> str:
    """An order line's status in the buyer's words ("Awaiting shipment", not "Sold")."""
    kind = line.kind.value if isinstance(line.kind, Enum) else str(line.kind)
    status = line.status.value if isinstance(line.status, Enum) else str(line.status)
    text = BUYER_LINE_LABELS.get(kind, {}).get(status)
    return str(text) if text is not None else label(line.status, "LineStatus")
