"""Money: a Decimal amount in an ISO 4217 currency. Never a float."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from babel.numbers import format_currency, get_currency_precision

DEFAULT_CURRENCY = "AZN"
SUPPORTED_CURRENCIES = ("AZN", "USD", "EUR")

# Babel's English and Russian data spell AZN as letters; buyers expect the manat sign.
CURRENCY_SIGNS = {"AZN": "₼"}


def currency_exponent(currency: str) -> int:
    """Return the number of minor-unit digits of `currency` (2 for AZN, USD and EUR)."""
    return get_currency_precision(currency)


def check_currency(currency: str) -> str:
    """Return `currency` upper-cased if the marketplace trades in it, else raise ValueError."""
    code = str(currency).strip().upper()
    if code not in SUPPORTED_CURRENCIES:
        raise ValueError(
            f"Currency '{currency}' is not supported; use one of {', '.join(SUPPORTED_CURRENCIES)}."
        )
    return code


def to_decimal(value: Decimal | int | str) -> Decimal:
    """Convert an int, str or Decimal to Decimal; floats are refused."""
    if isinstance(value, bool | float):
        raise TypeError("Money amounts must be Decimal, int or str, never float.")
    try:
        result = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except InvalidOperation as error:
        raise ValueError(f"'{value}' is not a number.") from error
    if not result.is_finite():
        raise ValueError(f"'{value}' is not a finite amount.")
    return result


@dataclass(frozen=True, slots=True, order=False)
class Money:
    """An amount of money: a Decimal quantized to the currency's minor unit."""

    amount: Decimal
    currency: str = DEFAULT_CURRENCY

    def __post_init__(self) -> None:
        currency = check_currency(self.currency)
        quantum = Decimal(1).scaleb(-currency_exponent(currency))
        amount = to_decimal(self.amount).quantize(quantum, rounding=ROUND_HALF_UP)
        object.__setattr__(self, "currency", currency)
        object.__setattr__(self, "amount", amount)

    @classmethod
    def zero(cls, currency: str = DEFAULT_CURRENCY) -> Money:
        """Return nothing, in `currency`."""
        return cls(Decimal(0), currency)

    @classmethod
    def from_minor(cls, minor_units: int, currency: str = DEFAULT_CURRENCY) -> Money:
        """Build Money from integer minor units (qəpik, cents)."""
        if not isinstance(minor_units, int) or isinstance(minor_units, bool):
            raise TypeError("Minor units must be an integer.")
        code = check_currency(currency)
        return cls(Decimal(minor_units).scaleb(-currency_exponent(code)), code)

    def to_minor(self) -> int:
        """Return the amount as integer minor units, as payment gateways want it."""
        return int(self.amount.scaleb(currency_exponent(self.currency)))

    def format(self, locale: str = "az") -> str:
        """Format for people in `locale` (az, en, ru), with the manat sign for AZN."""
        text = format_currency(self.amount, self.currency, locale=locale)
        sign = CURRENCY_SIGNS.get(self.currency)
        if sign and sign not in text:
            text = text.replace(self.currency, sign)
        return text

    def _same_currency(self, other: Money) -> None:
        if not isinstance(other, Money):
            raise TypeError(f"Cannot combine Money with {type(other).__name__}.")
        if other.currency != self.currency:
            raise ValueError(f"Cannot combine {self.currency} with {other.currency}.")

    def __add__(self, other: Money) -> Money:
        self._same_currency(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same_currency(other)
        return Money(self.amount - other.amount, self.currency)

    def __mul__(self, factor: int | Decimal) -> Money:
        if isinstance(factor, float | bool) or not isinstance(factor, int | Decimal):
            raise TypeError("Money can be multiplied by an int or a Decimal only.")
        return Money(self.amount * factor, self.currency)

    __rmul__ = __mul__

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def __lt__(self, other: Money) -> bool:
        self._same_currency(other)
        return self.amount < other.amount

    def __le__(self, other: Money) -> bool:
        self._same_currency(other)
        return self.amount <= other.amount

    def __gt__(self, other: Money) -> bool:
        self._same_currency(other)
        return self.amount > other.amount

    def __ge__(self, other: Money) -> bool:
        self._same_currency(other)
        return self.amount >= other.amount

    def __bool__(self) -> bool:
        return bool(self.amount)

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"


def sum_money(items: list[Money] | tuple[Money, ...], currency: str = DEFAULT_CURRENCY) -> Money:
    """Add up Money values of one currency; an empty sum is zero in `currency`."""
    total = Money.zero(currency)
    for item in items:
        total = total + item
    return total
