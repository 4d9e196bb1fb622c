"""Pricing a cart with the library alone: by seller, shipping by zone, and why a line fails."""

from __future__ import annotations

from decimal import Decimal

import pytest

from creative_market.catalog.enums import ListingStatus
from creative_market.catalog.licensing import OfferStatus
from creative_market.money import Money
from creative_market.orders.services import price_cart
from creative_market.testing import factories as f
from tests.conftest import recorded_statements
from tests.integration.orders.support import ADDRESS, licence, place


def _goods(product, quantity=1):
    return {"product_id": product.id, "quantity": quantity}


def _offer(offer, **extra):
    return {"offer_id": offer.id, **extra}


def test_lines_are_grouped_by_seller_with_subtotals_shipping_and_a_total(session):
    weaver, potter = f.make_seller(session), f.make_seller(session)
    carpet = f.make_carpet(session, seller=weaver, price=Decimal("1200.00"))
    track = f.make_music_work(session, seller=weaver)
    offer = f.make_offer(session, track, price=Decimal("50.00"))
    vase = f.make_design_work(session, seller=potter, price=Decimal("80.00"), stock_quantity=5)
    cart = price_cart(session, currency="AZN",
                      items=[_goods(carpet), _goods(vase, 2), _offer(offer)])

    assert [group.seller for group in cart.groups] == [weaver, potter]
    first, second = cart.groups
    assert [(line.kind, line.item_id) for line in first.lines] == [
        ("product", carpet.id), ("offer", offer.id)]
    assert first.subtotal == Money(Decimal("1250.00"), "AZN")
    assert first.shipping == Money(Decimal("10.00"), "AZN")  # the weaver's domestic rate
    assert second.lines[0].total == Money(Decimal("160.00"), "AZN")
    assert second.subtotal + second.shipping == Money(Decimal("170.00"), "AZN")
    assert cart.total == Money(Decimal("1430.00"), "AZN")
    assert cart.can_check_out and cart.ships and cart.has_licences
    assert cart.problems == [] and cart.dropped == []


@pytest.mark.parametrize(("country", "rate"), [("AZ", "10.00"), ("tr", "40.00"),
                                                ("DE", "90.00")])
def test_shipping_is_each_sellers_rate_for_the_zone_and_licences_ship_nothing(
        session, country, rate):
    carpet = f.make_carpet(session, price=Decimal("1200.00"))
    offer = f.make_offer(session, f.make_music_work(session), price=Decimal("50.00"))
    cart = price_cart(session, items=[_goods(carpet), _offer(offer)], currency="AZN",
                      country=country)
    goods_group, licence_group = cart.groups
    assert goods_group.shipping == Money(Decimal(rate), "AZN")
    assert licence_group.shipping == Money.zero("AZN")
    assert cart.country == country.upper()
    assert cart.total == Money(Decimal("1250.00") + Decimal(rate), "AZN")


def test_the_cart_total_is_what_place_order_charges(session):
    carpet = f.make_carpet(session, price=Decimal("1200.00"))
    vase = f.make_design_work(session, price=Decimal("80.00"), stock_quantity=5)
    offer = f.make_offer(session, f.make_music_work(session), price=Decimal("5.00"),
                         pay_what_you_want=True)
    items = [_goods(carpet), _goods(vase, 3), _offer(offer, amount="12.50")]
    cart = price_cart(session, items=items, currency="AZN", country="GE")
    order = place(session, [items[0], items[1], licence(offer, amount=Decimal("12.50"))],
                  shipping_address={**ADDRESS, "country": "GE"})
    assert cart.total == order.total_money
    charged = sorted(g.shipping.amount for g in cart.groups if g.shipping)
    assert charged == sorted(c.amount for c in order.shipping_charges) == [Decimal("40.00")] * 2


def test_lines_that_cannot_be_bought_say_why_and_count_for_nothing(session):
    sold_out = f.make_carpet(session, status=ListingStatus.SOLD_OUT)
    few = f.make_design_work(session, stock_quantity=2)
    in_dollars = f.make_design_work(session, currency="USD")
    withdrawn = f.make_offer(session, f.make_music_work(session), status=OfferStatus.WITHDRAWN)
    exclusive = f.make_offer(session, f.make_music_work(session), max_sales=1, sold_count=1)
    named = f.make_offer(session, f.make_music_work(session), price=Decimal("5.00"),
                         pay_what_you_want=True)
    cart = price_cart(session, currency="AZN", items=[
        _goods(sold_out), _goods(few, 3), _goods(in_dollars), _offer(withdrawn),
        _offer(exclusive), _offer(named, amount="4.99")])

    reasons = {line.item_id: (line.problem.field, line.problem.message)
               for line in cart.problems}
    assert reasons == {
        sold_out.id: ("availability", "Sold out: someone else bought the last one."),
        few.id: ("availability", "Only 2 left; lower the quantity."),
        in_dollars.id: ("currency", "It is priced in USD; an order is in one currency, so buy "
                                    "it in a separate order in USD."),
        withdrawn.id: ("availability", "This licence is no longer offered."),
        exclusive.id: ("availability", "This licence has been sold to someone else."),
        named.id: ("amount", "Pay at least 5.00 AZN for this licence."),
    }
    few_line = next(line for line in cart.problems if line.item_id == few.id)
    assert few_line.problem.message.template == "Only %(count)s left; lower the quantity."
    assert few_line.problem.message.values == {"count": 2}
    assert cart.total == Money.zero("AZN") and not cart.can_check_out
    assert all(group.shipping == Money.zero("AZN") for group in cart.groups)


def test_a_named_price_at_or_above_the_minimum_is_the_price(session):
    offer = f.make_offer(session, f.make_music_work(session), price=Decimal("5.00"),
                         pay_what_you_want=True)
    cart = price_cart(session, items=[_offer(offer, amount="7.5")], currency="AZN")
    assert cart.lines[0].unit_price == Money(Decimal("7.50"), "AZN")
    assert cart.total == Money(Decimal("7.50"), "AZN") and cart.can_check_out


def test_a_seller_without_a_rate_for_the_zone_blocks_checkout_with_a_reason(session):
    local = f.make_seller(session, display_name="Quba Usta", shipping_world=None)
    carpet = f.make_carpet(session, seller=local, price=Decimal("1200.00"))
    cart = price_cart(session, items=[_goods(carpet)], currency="AZN", country="US")
    group = cart.groups[0]
    assert group.shipping_problem.field == "availability"
    assert group.shipping_problem.message == (
        "Quba Usta does not ship to this destination (world zone).")
    assert group.shipping_problem.message.template == (
        "%(seller)s does not ship to this destination (%(zone)s zone).")
    assert group.subtotal == cart.total == Money(Decimal("1200.00"), "AZN")
    assert cart.problems == [] and not cart.can_check_out
    at_home = price_cart(session, items=[_goods(carpet)], currency="AZN", country="AZ")
    assert at_home.groups[0].shipping_problem is None and at_home.can_check_out


def test_shipping_charged_in_another_currency_is_a_problem(session):
    seller = f.make_seller(session, display_name="Şəki", shipping_currency="USD")
    carpet = f.make_carpet(session, seller=seller)
    problem = price_cart(session, items=[_goods(carpet)], currency="AZN").groups[0]
    assert problem.shipping_problem.field == "currency"
    assert problem.shipping_problem.message == (
        "Şəki charges shipping in USD; place this order in that currency.")


def test_unusable_items_are_explained_and_missing_ones_left_out(session):
    carpet = f.make_carpet(session)
    cart = price_cart(session, currency="AZN", items=[
        _goods(carpet), {"product_id": 0}, {"offer_id": 5, "amount": "lots"}, "junk",
        {"product_id": carpet.id + 1000}, {"offer_id": 4242}])
    assert [line.item_id for line in cart.lines] == [carpet.id]
    assert cart.dropped == ["A cart line with an invalid product id was removed.",
                            "A cart line with an invalid amount was removed.",
                            "An unreadable cart line was removed."]
    empty = price_cart(session, items=[], currency="AZN")
    assert empty.groups == [] and empty.total == Money.zero("AZN") and not empty.can_check_out


def test_pricing_reads_a_fixed_number_of_statements_and_writes_nothing(session):
    items = []
    for _ in range(4):
        seller = f.make_seller(session)
        items.append(_goods(f.make_carpet(session, seller=seller, stock_quantity=3), 2))
        items.append(_offer(f.make_offer(session, f.make_music_work(session, seller=seller))))
    session.commit()
    with recorded_statements(session.get_bind()) as statements:
        session.expire_all()
        cart = price_cart(session, items=items, currency="AZN", country="TR")
    assert len(cart.lines) == 8 and cart.can_check_out
    kinds = [s.split()[0].upper() for s in statements if s.split()[0].upper() != "BEGIN"]
    assert kinds == ["SELECT", "SELECT"]  # products, then offers; sellers joined to both
