"""Saved carts: adding a licence again replaces its amount, in the session and at log-in."""

from __future__ import annotations

from creative_market.orders import carts
from creative_market.testing.factories import make_user


def test_adding_a_licence_again_replaces_its_amount():
    cart = carts.merge_items([{"product_id": 3, "quantity": 1}, {"offer_id": 7, "amount": "2.00"},
                              {"offer_id": 8}])
    cart = carts.merge_items(cart, [{"offer_id": 7, "amount": "10.00"}])
    assert cart == [{"product_id": 3, "quantity": 1}, {"offer_id": 7, "amount": "10.00"},
                    {"offer_id": 8}]  # in its place, once


def test_adding_a_licence_again_without_an_amount_drops_the_old_one():
    cart = carts.merge_items([{"offer_id": 7, "amount": "2.00"}], [{"offer_id": 7}])
    assert cart == [{"offer_id": 7}]


def test_at_log_in_the_visitors_newer_amount_wins_over_the_saved_one(session):
    user = make_user(session)
    carts.save_cart(session, user_id=user.id, items=[{"offer_id": 7, "amount": "2.00"},
                                                     {"product_id": 1, "quantity": 1}])
    visitor = [{"offer_id": 7, "amount": "10.00"}, {"product_id": 1, "quantity": 2}]
    merged = carts.merge_items(carts.load_cart(session, user_id=user.id), visitor)
    assert merged == [{"offer_id": 7, "amount": "10.00"}, {"product_id": 1, "quantity": 3}]


def test_an_invalid_new_amount_leaves_the_old_one():
    cart = carts.merge_items([{"offer_id": 7, "amount": "2.00"}], [{"offer_id": 7, "amount": "-1"}])
    assert cart == [{"offer_id": 7, "amount": "2.00"}]
