from decimal import Decimal

import pytest

from creative_market.money import Money, sum_money


def test_amount_is_quantized_to_minor_units():
    assert Money("10.005").amount == Decimal("10.01")
    assert Money(3).amount == Decimal("3.00")


def test_minor_units_round_trip():
    money = Money.from_minor(123456, "USD")
    assert money == Money(Decimal("1234.56"), "USD")
    assert money.to_minor() == 123456


def test_floats_are_refused():
    with pytest.raises(TypeError):
        Money(10.5)
    with pytest.raises(TypeError):
        Money("1") * 1.5


def test_unknown_currency_is_refused_with_a_message():
    with pytest.raises(ValueError, match="GBP"):
        Money("1", "GBP")


def test_arithmetic_keeps_currency_and_refuses_mixing():
    assert Money("1.10") + Money("2.20") == Money("3.30")
    assert Money("5") * 3 == Money("15")
    with pytest.raises(ValueError, match="AZN with USD"):
        Money("1") + Money("1", "USD")
    assert sum_money([Money("1"), Money("2")]) == Money("3")
    assert sum_money([], "EUR") == Money.zero("EUR")


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("az", "1.250,50\xa0₼"), ("en", "₼1,250.50"), ("ru", "1\xa0250,50\xa0₼")],
)
def test_manat_is_formatted_for_the_locale(locale, expected):
    assert Money("1250.50").format(locale) == expected
