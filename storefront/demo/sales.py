"""The demo's sales history: paid orders of the past months, made with the order services.

Every order is placed, paid, shipped, refunded and paid out by the same library services the
storefront calls (`place_order`, `record_payment`, `plan_payouts`, `mark_lines_shipped`,
`refund_order` and `adjust_for_refund`, `open_download`, `mark_balance_paid`), each given
the moment it happens, so stock, reservations, licence grants, sold-out carpets, the ledger
and payouts are exactly what real orders leave. Events run in time order on one timeline.
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from itertools import count
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from creative_market.accounts.models import User
from creative_market.catalog.enums import CarpetTechnique, Delivery, ListingStatus, ProductKind
from creative_market.catalog.licensing import LicenceOffer, LicenceTier, OfferStatus
from creative_market.catalog.models import Carpet, Product, Seller
from creative_market.exceptions import NotAvailableError
from creative_market.orders import payouts
from creative_market.orders.downloads import deliverable_files
from creative_market.orders.models import LicenceGrant, LineKind, Order
from creative_market.orders.payments import OfflineGateway
from creative_market.orders.services import (
    issue_download_token,
    mark_lines_shipped,
    open_download,
    place_order,
    record_payment,
    refund_order,
)
from creative_market.orders.shipping import zone_for_country
from creative_market.storage import FileStorage
from storefront.demo.accounts import DEMO_SELLER_SLUG
from storefront.demo.buyers import BUYERS, DEMO_BUYER_KEY, SCHEDULE, DemoBuyer, PlannedOrder
from storefront.demo.generator import DEMO_EPOCH

# What a private buyer or a company spends on one piece at most, in AZN.
PRIVATE_CEILING, COMPANY_CEILING = Decimal(3500), Decimal(12000)
SHIP_AFTER_DAYS = 14  # orders younger than this are paid but not shipped yet
CURRENCY = "AZN"
CARRIERS = {"domestic": "Azərpoçt", "cis": "Azərpoçt EMS", "world": "DHL Express"}
# Signs the download tokens the history issues and opens at once; never leaves this module.
DOWNLOAD_KEY = "demo-sales-history"


@dataclass
class SalesHistory:
    """What the history made: the paid orders with their plans, and what was left out."""

    orders: list[tuple[Order, PlannedOrder]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


class _Timeline:
    """Events in time order; an event may plan later ones."""

    def __init__(self) -> None:
        self._events: list[tuple[datetime, int, Callable[[datetime], None]]] = []
        self._order = count()

    def at(self, when: datetime, action: Callable[[datetime], None]) -> None:
        """Plan `action(when)`; events at the same moment run in the order they were planned."""
        heapq.heappush(self._events, (when, next(self._order), action))

    def run(self) -> None:
        """Run every event, earliest first, including those planned while running."""
        while self._events:
            when, _, action = heapq.heappop(self._events)
            action(when)


def generate_sales(session: Session, storage: FileStorage, *, seed: int,
                   demo_buyer: User | None) -> SalesHistory:
    """Place and pay the orders of `SCHEDULE` with the order services; flush, never commit."""
    rng = random.Random(seed + 1)
    history = SalesHistory()
    timeline = _Timeline()
    sales = _Sales(session, storage, rng, timeline, history, demo_buyer)
    for planned in SCHEDULE:
        moment = DEMO_EPOCH - timedelta(days=planned.days_before,
                                        minutes=rng.randrange(-180, 420))
        timeline.at(moment, lambda when, planned=planned: sales.buy(planned, when))
    for month in range(6, DEMO_EPOCH.month):  # monthly; the last month is still owed
        timeline.at(DEMO_EPOCH.replace(month=month, day=1, hour=10), sales.pay_sellers)
    timeline.run()
    session.flush()
    return history


@dataclass
class _Sales:
    """The events of the history, acting through the order services on one session."""

    session: Session
    storage: FileStorage
    rng: random.Random
    timeline: _Timeline
    history: SalesHistory
    demo_buyer: User | None

    def buy(self, planned: PlannedOrder, when: datetime) -> None:
        """Place and pay one planned order, then plan what happens to it later."""
        buyer = BUYERS[planned.buyer]
        lines = self._pick_lines(planned, buyer, when)
        if not lines:
            self.history.skipped.append(f"{planned.days_before} days before: nothing on sale")
            return
        user = self.demo_buyer if planned.buyer == DEMO_BUYER_KEY else None
        physical = any("product_id" in line for line in lines)
        try:
            order = place_order(self.session, buyer_name=buyer.name, buyer_email=buyer.email,
                                buyer_user=user, lines=lines, currency=CURRENCY, now=when,
                                shipping_address=buyer.address() if physical else None,
                                buyer_country=buyer.country)
        except NotAvailableError as error:  # the catalogue changed under the plan: say so
            self.history.skipped.append(f"{planned.days_before} days before: {error}")
            return
        paid_at = when + timedelta(minutes=self.rng.randrange(2, 12))
        record_payment(self.session, order=order, provider="offline",
                       provider_reference=f"offpay_demo{order.id:06d}",
                       amount=order.total_money, now=paid_at)
        payouts.plan_payouts(self.session, order=order)
        self.history.orders.append((order, planned))
        self._plan_follow_ups(order, planned, paid_at)

    def _plan_follow_ups(self, order: Order, planned: PlannedOrder, paid_at: datetime) -> None:
        if planned.after == "refund":
            self.timeline.at(paid_at + timedelta(days=2, hours=3),
                             lambda when: self._refund(order, when))
        elif planned.after == "ship" and planned.days_before >= SHIP_AFTER_DAYS:
            for seller_id in sorted({line.seller_id for line in order.lines
                                     if line.kind == LineKind.PHYSICAL}):
                days = self.session.get_one(Seller, seller_id).processing_days
                self.timeline.at(paid_at + timedelta(days=days, hours=2),
                                 lambda when, s=seller_id: self._ship(order, s, when))
        if order.buyer_user is not None and planned.days_before >= 30:
            self.timeline.at(paid_at + timedelta(minutes=20),
                             lambda when: self._download(order, when))

    def _pick_lines(self, planned: PlannedOrder, buyer: DemoBuyer,
                    when: datetime) -> list[dict[str, Any]]:
        lines: list[dict[str, Any]] = []
        taken: set[int] = set()
        for pool in planned.goods:
            ceiling = COMPANY_CEILING if buyer.company else PRIVATE_CEILING
            product_id = self._choose(_goods_query(pool, when, taken, ceiling))
            if product_id is not None:
                taken.add(product_id)
                lines.append({"product_id": product_id, "quantity": 1})
        for pool in planned.licences:
            offer = self._offer(pool, buyer, when, taken)
            if offer is not None:
                taken.add(offer.product_id)
                lines.append(self._licence_line(offer, buyer))
        return lines

    def _choose(self, query: Select) -> Any:
        candidates = self.session.scalars(query).all()
        return self.rng.choice(candidates) if candidates else None

    def _offer(self, pool: str, buyer: DemoBuyer, when: datetime,
               taken: set[int]) -> LicenceOffer | None:
        offer_id = self._choose(_offer_query(pool, _tiers(pool, buyer), when, taken))
        return None if offer_id is None else self.session.get_one(LicenceOffer, offer_id)

    def _licence_line(self, offer: LicenceOffer, buyer: DemoBuyer) -> dict[str, Any]:
        line = {"offer_id": offer.id, "licensee_name": buyer.name,
                "licensee_company": buyer.company if offer.tier != LicenceTier.PERSONAL else None}
        if offer.pay_what_you_want:  # buyers of pay-what-you-want works often give more
            line["amount"] = offer.price + Decimal(self.rng.choice([0, 1, 3, 5]))
        return line

    def _ship(self, order: Order, seller_id: int, when: datetime) -> None:
        lines = [line.id for line in order.lines
                 if line.seller_id == seller_id and line.kind == LineKind.PHYSICAL]
        zone = zone_for_country(order.shipping_country or "AZ")
        mark_lines_shipped(self.session, order=order, line_ids=lines, carrier=CARRIERS[zone],
                           tracking_number=self._tracking_number(zone), seller_id=seller_id,
                           now=when)

    def _tracking_number(self, zone: str) -> str:
        if zone == "world":
            return f"{self.rng.randrange(10**9, 10**10)}"
        return f"EE{self.rng.randrange(10**8, 10**9)}AZ"

    def _refund(self, order: Order, when: datetime) -> None:
        """The buyer cancels before dispatch: everything back, goods to stock, payouts adjusted."""
        refund = refund_order(self.session, order=order, reason="The buyer cancelled before "
                              "dispatch.", gateway=OfflineGateway(), now=when)
        payouts.adjust_for_refund(self.session, order=order, refund_id=refund.id)

    def _download(self, order: Order, when: datetime) -> None:
        """The buyer downloads each licensed work once, through a signed token."""
        grants = self.session.scalars(
            select(LicenceGrant).where(LicenceGrant.order_id == order.id)
            .order_by(LicenceGrant.id)).all()
        for grant in grants:
            for record in deliverable_files(self.session, grant=grant)[:1]:
                token = issue_download_token(grant, file_id=record.id, secret_key=DOWNLOAD_KEY,
                                             now=when)
                download = open_download(self.session, token=token, secret_key=DOWNLOAD_KEY,
                                         storage=self.storage, now=when)
                download.stream.close()

    def pay_sellers(self, when: datetime) -> None:
        """The monthly run: every owed balance is paid by bank transfer and marked paid."""
        for balance in payouts.owed_balances(self.session):
            if balance.amount > 0:
                payouts.mark_balance_paid(
                    self.session, seller_id=balance.seller_id, currency=balance.currency,
                    paid_reference=f"Bank transfer {when:%Y-%m}-{balance.seller_id:03d}")


def _goods_query(pool: str, when: datetime, taken: set[int], ceiling: Decimal) -> Select:
    """Physical listings of a pool on sale at `when` up to a price, a unit free, in id order."""
    entity = Carpet if pool in ("knotted", "flatweave") else Product
    query = (select(entity.id).where(
        entity.delivery == Delivery.PHYSICAL, entity.status == ListingStatus.PUBLISHED,
        entity.published_at <= when, entity.stock_quantity > entity.reserved_quantity,
        entity.price <= ceiling,
        entity.id.not_in(taken)).order_by(entity.id))
    if pool == "workshop":
        return query.join(Seller, Seller.id == Product.seller_id).where(
            Seller.slug == DEMO_SELLER_SLUG)
    if pool == "design":
        return query.where(Product.kind == ProductKind.DESIGN)
    knotted = Carpet.technique == CarpetTechnique.KNOTTED_PILE
    return query.where(knotted if pool == "knotted" else ~knotted)


LICENCE_KINDS = {"music": (ProductKind.MUSIC,), "media": (ProductKind.MEDIA,),
                 "design_file": (ProductKind.DESIGN,),
                 "exclusive": (ProductKind.MUSIC, ProductKind.MEDIA)}
PERSONAL_TIERS = (LicenceTier.PERSONAL,)
COMPANY_TIERS = (LicenceTier.STANDARD_COMMERCIAL, LicenceTier.EXTENDED_COMMERCIAL,
                 LicenceTier.SYNC_BROADCAST)


def _tiers(pool: str, buyer: DemoBuyer) -> tuple[LicenceTier, ...]:
    if pool == "exclusive":
        return (LicenceTier.EXCLUSIVE,)
    return COMPANY_TIERS if buyer.company else PERSONAL_TIERS


def _offer_query(pool: str, tiers: tuple[LicenceTier, ...], when: datetime,
                 taken: set[int]) -> Select:
    """Active offers of a pool's works on sale at `when`, with room left, in id order."""
    return (select(LicenceOffer.id).join(Product, Product.id == LicenceOffer.product_id).where(
        Product.kind.in_(LICENCE_KINDS[pool]), Product.delivery == Delivery.DIGITAL,
        Product.status == ListingStatus.PUBLISHED, Product.published_at <= when,
        Product.id.not_in(taken), LicenceOffer.status == OfferStatus.ACTIVE,
        LicenceOffer.tier.in_(tiers),
        (LicenceOffer.max_sales.is_(None))
        | (LicenceOffer.reserved_count + LicenceOffer.sold_count < LicenceOffer.max_sales),
    ).order_by(LicenceOffer.id))
