"""Who bought what in the demo's sales history: buyers at home and abroad, and their orders.

The orders name kinds of things ("a knotted carpet", "a music licence"), not listings; the
sales module picks the listings with a seeded random generator among those on sale at the
moment of each order, so the history always fits the generated catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

DEMO_BUYER_KEY = "aynur"  # the buyer@demo.az account of storefront.demo.accounts


@dataclass(frozen=True)
class DemoBuyer:
    """A buyer of the demo history; `company` licenses in its name when set."""

    name: str
    email: str
    city: str
    line1: str
    postal_code: str
    country: str
    company: str | None = None

    def address(self) -> dict[str, Any]:
        """The shipping address as the checkout form sends it."""
        return {"recipient": self.name, "line1": self.line1, "city": self.city,
                "postal_code": self.postal_code, "country": self.country}


BUYERS: dict[str, DemoBuyer] = {
    "aynur": DemoBuyer("Aynur Əliyeva", "buyer@demo.az", "Bakı", "Nizami küçəsi 42, mənzil 17",
                       "AZ1000", "AZ"),
    "rashad": DemoBuyer("Rəşad Məmmədov", "rashad.mammadov@example.com", "Gəncə",
                        "Cavadxan küçəsi 12", "AZ2000", "AZ"),
    "leyla": DemoBuyer("Leyla Hüseynova", "leyla.huseynova@example.com", "Sumqayıt",
                       "Sülh küçəsi 8", "AZ5000", "AZ"),
    "elif": DemoBuyer("Elif Yılmaz", "elif.yilmaz@example.com", "İstanbul",
                      "Moda Caddesi 41, Kadıköy", "34710", "TR", "Anadolu Tasarım Ltd."),
    "lukas": DemoBuyer("Lukas Becker", "lukas.becker@example.com", "München",
                       "Leopoldstraße 77", "80802", "DE"),
    "hannah": DemoBuyer("Hannah Vogel", "hannah.vogel@example.com", "Hamburg",
                        "Eppendorfer Weg 19", "20259", "DE", "Vogel Interiors GmbH"),
    "emily": DemoBuyer("Emily Carter", "emily.carter@example.com", "Brooklyn, NY",
                       "214 Bergen Street", "11217", "US", "Carter & Reed Films LLC"),
    "olga": DemoBuyer("Ольга Смирнова", "olga.smirnova@example.com", "Москва",
                      "ул. Пречистенка, 24", "119034", "RU"),
    "nino": DemoBuyer("Nino Beridze", "nino.beridze@example.com", "Tbilisi",
                      "Rustaveli Avenue 37", "0108", "GE"),
    "camille": DemoBuyer("Camille Laurent", "camille.laurent@example.com", "Lyon",
                         "12 rue Mercière", "69002", "FR"),
    "james": DemoBuyer("James Whitfield", "james.whitfield@example.com", "London",
                       "48 Marylebone High Street", "W1U 5HX", "GB", "Whitfield Studio Ltd"),
    "aigerim": DemoBuyer("Aigerim Sadykova", "aigerim.sadykova@example.com", "Almaty",
                         "Abay Avenue 52", "050000", "KZ"),
}


@dataclass(frozen=True)
class PlannedOrder:
    """One order of the history, `days_before` the demo's epoch.

    `goods` name pools of physical listings (knotted, flatweave, design, workshop: the demo
    seller's carpets), `licences` pools of offers (music, media, design_file, exclusive).
    `after` is what happens next: "ship" when old enough (the default), "hold" (paid, not
    shipped yet), "refund" (cancelled by the buyer before dispatch), "documents" or
    "draft" (held, with an export shipment documented or in draft at the agency).
    """

    days_before: int
    buyer: str
    goods: tuple[str, ...] = ()
    licences: tuple[str, ...] = ()
    after: str = "ship"


# Late May to the end of October 2026; the demo's epoch is 1 November 2026.
SCHEDULE: tuple[PlannedOrder, ...] = (
    PlannedOrder(170, "lukas", ("knotted",)),
    PlannedOrder(166, "aynur", licences=("music",)),
    PlannedOrder(161, "olga", ("flatweave", "design")),
    PlannedOrder(156, "emily", ("design",), ("media",)),
    PlannedOrder(151, "rashad", ("design",)),
    PlannedOrder(146, "elif", ("design", "design")),
    PlannedOrder(141, "james", ("design",), ("design_file",)),
    PlannedOrder(137, "aynur", ("design",), ("design_file",)),
    PlannedOrder(133, "nino", ("design",)),
    PlannedOrder(128, "camille", ("knotted",)),
    PlannedOrder(124, "lukas", ("design",), ("music",)),
    PlannedOrder(120, "aigerim", ("design",)),
    PlannedOrder(116, "emily", licences=("exclusive",)),
    PlannedOrder(110, "hannah", ("workshop",)),
    PlannedOrder(104, "olga", ("design",), after="refund"),
    PlannedOrder(100, "aynur", licences=("media", "music")),
    PlannedOrder(96, "elif", ("flatweave",)),
    PlannedOrder(92, "rashad", ("design",)),
    PlannedOrder(88, "james", ("design",), ("media",)),
    PlannedOrder(84, "nino", ("design", "design")),
    PlannedOrder(80, "lukas", ("knotted",)),
    PlannedOrder(75, "camille", ("design",)),
    PlannedOrder(71, "emily", ("design",), ("music",)),
    PlannedOrder(66, "aigerim", ("design",)),
    PlannedOrder(62, "aynur", ("workshop",)),
    PlannedOrder(58, "olga", ("knotted",)),
    PlannedOrder(54, "elif", ("design",), ("design_file",)),
    PlannedOrder(50, "hannah", ("flatweave", "design")),
    PlannedOrder(45, "james", ("design",), ("music",)),
    PlannedOrder(41, "leyla", ("design",)),
    PlannedOrder(37, "lukas", ("design",)),
    PlannedOrder(33, "emily", ("flatweave",)),
    PlannedOrder(28, "aynur", licences=("music",)),
    PlannedOrder(24, "nino", ("design",), ("music",)),
    PlannedOrder(20, "olga", ("design",), ("media",)),
    PlannedOrder(15, "camille", ("design",)),
    PlannedOrder(11, "elif", ("knotted",), after="documents"),
    PlannedOrder(9, "james", ("workshop",), after="hold"),
    PlannedOrder(7, "lukas", ("design",), after="hold"),
    PlannedOrder(5, "hannah", ("knotted",), after="draft"),
    PlannedOrder(3, "aynur", ("design",), after="hold"),
    PlannedOrder(2, "aigerim", ("flatweave",), after="hold"),
)
