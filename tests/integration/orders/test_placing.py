"""Placing orders: catalogue prices, snapshots, commission, shipping by zone, reservations."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from creative_market.catalog.licensing import LicenceTier
from creative_market.exceptions import NotAvailableError, NotFoundError, ValidationError
from creative_market.orders.models import LineKind, ShippingZone
from creative_market.orders.settings import OrderSettings
from creative_market.orders.state import LineStatus, OrderStatus
from creative_market.testing import factories as f
from tests.conftest import recorded_statements
from tests.integration.orders.support import (
    ADDRESS,
    counters,
    goods,
    licence,
    offer_counters,
    place,
)

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def test_an_order_is_priced_from_the_catalogue_and_reserves_stock(session):
    carpet = f.make_carpet(session, price=Decimal("1200.00"), stock_quantity=1)
    vase = f.make_design_work(session, price=Decimal("80.00"), stock_quantity=5)
    order = place(session, [goods(carpet), goods(vase, 2)], now=NOW)

    assert re.fullmatch(r"CM-2026-\d{6}", order.reference)
    assert order.status is OrderStatus.PENDING_PAYMENT
    assert order.subtotal == Decimal("1360.00")
    assert order.reserved_until == NOW + timedelta(minutes=30)
    assert [line.status for line in order.lines] == [LineStatus.RESERVED] * 2
    assert counters(session, carpet) == (1, 1, "published")
    assert counters(session, vase) == (5, 2, "published")


def test_the_caller_cannot_set_the_price(session):
    vase = f.make_design_work(session, price=Decimal("80.00"))
    order = place(session, [{**goods(vase), "unit_price": "1.00", "price": "1.00"}])
    assert order.lines[0].unit_price == Decimal("80.00")


def test_lines_snapshot_title_price_and_licence_terms(session):
    track = f.make_music_work(session, title_az="Segah muğamı")
    offer = f.make_offer(session, track, price=Decimal("50.00"), term_months=12)
    order = place(session, [licence(offer, "Rəşad İsmayılov", licensee_company="Ləman MMC")])
    session.commit()

    offer.price = Decimal("99.00")
    offer.term_months = 24
    track.title_az = "Yeni ad"
    session.commit()
    session.expire_all()

    line = order.lines[0]
    assert (line.title, line.unit_price) == ("Segah muğamı", Decimal("50.00"))
    assert line.kind is LineKind.LICENCE
    assert line.licence_terms["term_months"] == 12
    assert line.licence_terms["tier"] == "standard_commercial"
    assert (line.licensee_name, line.licensee_company) == ("Rəşad İsmayılov", "Ləman MMC")


def test_commission_uses_the_default_rate_or_the_sellers_own(session):
    plain = f.make_carpet(session, price=Decimal("1000.00"))
    special_seller = f.make_seller(session, commission_rate=Decimal("0.0500"))
    special = f.make_carpet(session, seller=special_seller, price=Decimal("1000.00"))
    order = place(session, [goods(plain), goods(special)],
                  settings=OrderSettings(commission_rate=Decimal("0.12")))
    by_product = {line.product_id: line for line in order.lines}
    assert by_product[plain.id].commission_amount == Decimal("120.00")
    assert by_product[special.id].commission_amount == Decimal("50.00")
    assert by_product[special.id].seller_earnings == Decimal("950.00")
    assert {line.seller_id for line in order.lines} == {plain.seller_id, special_seller.id}


@pytest.mark.parametrize(
    ("country", "zone", "rate"),
    [("AZ", ShippingZone.DOMESTIC, "10.00"), ("ge", ShippingZone.CIS, "40.00"),
     ("RU", ShippingZone.CIS, "40.00"), ("DE", ShippingZone.WORLD, "90.00")],
)
def test_shipping_is_charged_per_seller_by_zone(session, country, zone, rate):
    first = f.make_carpet(session)
    second_seller = f.make_seller(session, shipping_domestic=Decimal("5.00"),
                                  shipping_cis=Decimal("40.00"), shipping_world=Decimal("90.00"))
    second = f.make_design_work(session, seller=second_seller)
    third = f.make_design_work(session, seller=second_seller)
    order = place(session, [goods(first), goods(second), goods(third)],
                  shipping_address={**ADDRESS, "country": country})
    charges = {charge.seller_id: charge for charge in order.shipping_charges}
    assert set(charges) == {first.seller_id, second_seller.id}
    assert charges[first.seller_id].zone is zone
    assert charges[first.seller_id].amount == Decimal(rate)
    assert order.total == order.subtotal + sum(c.amount for c in order.shipping_charges)


def test_a_seller_without_a_rate_for_the_zone_refuses(session):
    seller = f.make_seller(session, shipping_world=None)
    carpet = f.make_carpet(session, seller=seller)
    with pytest.raises(NotAvailableError, match="does not ship"):
        place(session, [goods(carpet)], shipping_address={**ADDRESS, "country": "US"})
    assert counters(session, carpet)[1] == 0


def test_physical_goods_need_an_address_and_licences_do_not(session):
    carpet = f.make_carpet(session)
    with pytest.raises(ValidationError) as error:
        place(session, [goods(carpet)], shipping_address=None)
    assert "shipping_address" in error.value.messages
    track = f.make_music_work(session)
    order = place(session, [licence(f.make_offer(session, track))])
    assert order.shipping_total == 0 and order.shipping_address is None


def test_an_order_is_in_one_currency(session):
    carpet = f.make_carpet(session)
    with pytest.raises(ValidationError) as error:
        place(session, [goods(carpet)], currency="USD")
    assert "priced in AZN" in error.value.messages["currency"][0]


def test_not_enough_stock_is_refused_and_nothing_stays_held(session):
    vase = f.make_design_work(session, stock_quantity=2)
    carpet = f.make_carpet(session, stock_quantity=1)
    place(session, [goods(carpet)])
    with pytest.raises(NotAvailableError, match="no longer available"):
        place(session, [goods(vase, 2), goods(carpet)])
    assert counters(session, vase) == (2, 0, "published")
    assert counters(session, carpet) == (1, 1, "published")


def test_an_exclusive_licence_is_reserved_once(session):
    track = f.make_music_work(session)
    exclusive = f.make_offer(session, track, tier=LicenceTier.EXCLUSIVE, price=Decimal("900"))
    place(session, [licence(exclusive)])
    with pytest.raises(NotAvailableError, match="licence"):
        place(session, [licence(exclusive, "Başqa alıcı")])
    assert offer_counters(session, exclusive) == (1, 0, "active")


def test_pay_what_you_want_respects_the_minimum(session):
    track = f.make_music_work(session)
    offer = f.make_offer(session, track, tier=LicenceTier.PERSONAL, media=["web"],
                         pay_what_you_want=True, price=Decimal("5.00"))
    with pytest.raises(ValidationError) as error:
        place(session, [licence(offer, amount="4.99")])
    assert "at least 5.00" in error.value.messages["amount"][0]
    order = place(session, [licence(offer, amount="12.50")])
    assert order.total == Decimal("12.50")


def test_unpublished_and_missing_items_are_refused(session):
    draft = f.make_carpet(session, status="archived")
    with pytest.raises(NotAvailableError):
        place(session, [goods(draft)])
    with pytest.raises(NotFoundError):
        place(session, [{"product_id": 999_999, "quantity": 1}])


def test_bad_input_reports_each_field(session):
    with pytest.raises(ValidationError) as error:
        place(session, [{"offer_id": 1}], buyer_email="not-an-email", buyer_name="")
    messages = error.value.messages
    assert "buyer_email" in messages and "buyer_name" in messages
    assert "licensee_name" in messages["lines"][0]


def test_references_are_unique_and_follow_the_year(session):
    carpet = f.make_carpet(session, stock_quantity=5)
    references = {place(session, [goods(carpet)], now=NOW).reference for _ in range(3)}
    assert len(references) == 3
    assert all(ref.startswith("CM-2026-") for ref in references)


def test_placing_reads_the_catalogue_in_a_fixed_number_of_queries(session, engine):
    products = [f.make_design_work(session, seller=f.make_seller(session)) for _ in range(4)]
    track = f.make_music_work(session)
    offers = [f.make_offer(session, track, tier=tier) for tier in
              (LicenceTier.STANDARD_COMMERCIAL, LicenceTier.EXTENDED_COMMERCIAL)]
    lines = [goods(p) for p in products] + [licence(o) for o in offers]
    session.commit()
    session.expire_all()
    with recorded_statements(engine) as statements:
        place(session, lines)
    kinds = Counter(s.split()[0].upper() for s in statements)
    assert kinds["SELECT"] == 2  # offers with products and sellers; products with sellers
    assert kinds["UPDATE"] == 6 + 1  # one conditional UPDATE per line, then the reference


def test_an_order_remembers_the_language_of_checkout_azerbaijani_by_default(session):
    vase = f.make_design_work(session, price=Decimal("80.00"), stock_quantity=5)
    assert place(session, [goods(vase)]).language == "az"
    assert place(session, [goods(vase)], language="ru").language == "ru"
    with pytest.raises(ValidationError) as refused:
        place(session, [goods(vase)], language="fr")
    assert "language" in refused.value.messages
    session.expire_all()
    assert counters(session, vase)[1] == 2  # the refused order held nothing
