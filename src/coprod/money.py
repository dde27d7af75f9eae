"""Currencies and exact amounts of money.

Amounts are :class:`decimal.Decimal` values tied to an ISO 4217 currency, whose minor-unit
exponent (JPY 0, USD 2, KWD 3) comes from the ISO list shipped by the ``iso4217`` package.
Arithmetic is exact and never mixes currencies; rounding happens only when asked for
(:meth:`Money.round`, :meth:`Money.scale`), and :func:`allocate` splits an amount into parts
that add up to it to the last minor unit.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import decimal
import functools
import re
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs
import iso4217

from coprod._exact import EXACT, check_decimal, round_fraction, to_fraction
from coprod._fields import instance_of
from coprod.errors import CurrencyMismatchError, InvalidValueError, quote

if TYPE_CHECKING:
    from coprod.share import Share

__all__ = ["Currency", "Money", "allocate"]


@functools.cache
def _iso_currency(code: str) -> iso4217.Currency:
    try:
        return iso4217.Currency(code)
    except ValueError:
        raise InvalidValueError(
            f"unknown currency {quote(code)}: expected an ISO 4217 alphabetic code such as "
            "'RUB', 'CNY', 'EUR' or 'USD'"
        ) from None


@functools.cache
def _exponent(code: str) -> int:
    # Cached apart from the ISO 4217 entry: its exponent is worked out on every read, and
    # writing amounts reads it for each one.
    exponent = _iso_currency(code).exponent
    assert exponent is not None  # refused on construction
    return int(exponent)


def _digit_count(n: int) -> int:
    """How many decimal digits *n* has, exactly, without writing it out.

    Writing a huge int in decimal is slow (and refused past 4,300 digits); its bit length
    gives the count or one more, and one power of ten tells which (no float involved).
    """
    n = abs(n)
    estimate = n.bit_length() * 30103 // 100000 + 1  # log10(2) is just under 0.30103
    return estimate if n >= 10 ** (estimate - 1) else max(1, estimate - 1)


def _normalise_code(code: Any) -> Any:
    return code.strip().upper() if isinstance(code, str) else code


def _check_currency_code(_instance: object, _attribute: object, code: Any) -> None:
    if not isinstance(code, str) or not _CODE_RE.fullmatch(code):
        raise InvalidValueError(
            f"unknown currency {quote(code)}: expected a three-letter ISO 4217 code such as 'RUB'"
        )
    if _iso_currency(code).exponent is None:
        raise InvalidValueError(
            f"currency {code} ({_iso_currency(code).currency_name}) has no minor unit in ISO 4217 "
            "and cannot express an amount of money"
        )


@attrs.frozen(order=True)
class Currency:
    """An ISO 4217 currency that has a minor unit.

    Args:
        code: The three-letter alphabetic code; case and surrounding spaces are normalised.

    Raises:
        InvalidValueError: If the code is not in ISO 4217, or names a unit with no minor
            unit (gold, SDR, the testing code ``XXX``).

    Example:
        >>> Currency("jpy").exponent, Currency("USD").exponent, Currency("KWD").exponent
        (0, 2, 3)
        >>> Currency("RUB").name
        'Russian Ruble'

    .. versionadded:: 0.1.0
    """

    code: str = attrs.field(converter=_normalise_code, validator=_check_currency_code)
    #: How many digits the minor unit has after the decimal point (two for the US dollar's
    #: cents, three for the Kuwaiti dinar's fils, none for the yen). Looked up once, when
    #: the currency is built, since amounts read it every time they are written.
    exponent: int = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "exponent", _exponent(self.code))

    @property
    def name(self) -> str:
        """The currency's English name in the ISO 4217 list."""
        return str(_iso_currency(self.code).currency_name)

    @property
    def quantum(self) -> Decimal:
        """The minor unit as a Decimal, e.g. ``Decimal('0.01')`` for USD."""
        return Decimal(1).scaleb(-self.exponent)

    def __str__(self) -> str:
        return self.code


#: Currencies already built, by the text they were built from: a currency is immutable, and
#: a ledger or a document names the same few thousands of times. Bounded, so that hostile
#: input (every spelling of " eur ") cannot grow it without limit.
_CURRENCIES: dict[str, Currency] = {}
_MAX_CACHED = 1024


def _to_currency(value: Currency | str) -> Currency:
    if isinstance(value, Currency):
        return value
    if type(value) is str:
        cached = _CURRENCIES.get(value)
        if cached is None:
            cached = Currency(value)
            if len(_CURRENCIES) < _MAX_CACHED:
                _CURRENCIES[value] = cached
        return cached
    return Currency(value)


def _check_amount(_instance: object, _attribute: object, amount: Any) -> None:
    if not isinstance(amount, Decimal):
        raise InvalidValueError(
            f"amount must be a Decimal, got {type(amount).__name__} {quote(amount)}; "
            "use Money.of() or Money.parse() to build one from other input"
        )
    check_decimal(amount)


# Digits with optional group separators: spaces (also no-break and thin spaces),
# underscores, apostrophes, or commas between groups of exactly three digits.
_NUMBER = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+(?:[ \u00a0\u202f\u2009_']\d+)*)(?:\.\d+)?"
# Compiled once: amounts are parsed by the thousand when documents and ledgers load.
_NUMBER_RE = re.compile(_NUMBER)
_SEPARATORS_RE = re.compile(r"[ \u00a0\u202f\u2009_',]")
_CODE_RE = re.compile(r"[A-Z]{3}")
# The form coprod writes ("1250000.50 RUB"), read without the general pattern's detours;
# within the digit bounds of coprod._exact, so it builds exactly what the general path does.
_CANONICAL_RE = re.compile(r"(-?\d{1,30}(?:\.\d{1,18})?) ([A-Z]{3})")
_MONEY_RE = re.compile(
    rf"^\s*(?:(?P<pre>[A-Za-z]{{3}})\s+(?P<n1>{_NUMBER})|(?P<n2>{_NUMBER})\s*(?P<post>[A-Za-z]{{3}}))\s*$"
)


@attrs.frozen(order=False)
class Money:
    """An exact amount of money in one currency.

    Args:
        amount: The amount as a :class:`decimal.Decimal` (never a float).
        currency: Its currency.

    Arithmetic (``+``, ``-``, comparison) works within one currency and raises
    :class:`~coprod.errors.CurrencyMismatchError` across currencies. Multiplication by an
    integer or Decimal is exact; a product by a fraction or :class:`~coprod.share.Share`
    goes through :meth:`scale`, which names its rounding step. ``money / money`` is the
    exact ratio as a :class:`fractions.Fraction`.

    Example:
        >>> budget = Money.parse("1 250 000.50 RUB")
        >>> budget
        Money.parse('1250000.50 RUB')
        >>> budget + Money.of("0.50", "RUB")
        Money.parse('1250001.00 RUB')
        >>> Money.parse("300 USD") / Money.parse("1200 USD")
        Fraction(1, 4)

    .. versionadded:: 0.1.0
    """

    amount: Decimal = attrs.field(validator=_check_amount)
    currency: Currency = attrs.field(converter=_to_currency,
                                     validator=instance_of(Currency))

    # -- named constructors -------------------------------------------------------------

    @classmethod
    def of(cls, amount: Decimal | int | str, currency: Currency | str) -> Money:
        """Build an amount from a Decimal, an int or a decimal string, and a currency.

        Raises:
            InvalidValueError: For a float (not exact), a malformed number or an unknown currency.

        Example:
            >>> Money.of(1500, "CNY")
            Money.parse('1500 CNY')
        """
        if isinstance(amount, bool):
            raise InvalidValueError(
                f"amount must be a Decimal, int or str, got {amount!r} (true or false)")
        if isinstance(amount, float):
            raise InvalidValueError(
                f"amount must be exact (Decimal, int or str), got float {amount!r}; "
                "floats cannot hold amounts of money exactly"
            )
        if isinstance(amount, int):
            value = Decimal(amount)
        elif isinstance(amount, str):
            text = amount.strip()
            if not _NUMBER_RE.fullmatch(text):
                raise InvalidValueError(f"not an amount: {quote(amount)}")
            value = Decimal(_SEPARATORS_RE.sub("", text))
        elif isinstance(amount, Decimal):
            value = amount
        else:
            raise InvalidValueError(f"amount must be a Decimal, int or str, got {quote(amount)}")
        return cls(check_decimal(value), _to_currency(currency))

    @classmethod
    def parse(cls, text: str) -> Money:
        """Parse ``"1 250 000.50 RUB"``, ``"RUB 1250000.50"`` or ``"1,250,000.50 RUB"``.

        Groups of digits may be separated by spaces (including no-break and thin spaces),
        underscores, apostrophes, or commas between groups of three; the decimal separator
        is a point. The currency code comes before or after the number.

        Raises:
            InvalidValueError: If the text is not an amount followed or preceded by a code.

        Example:
            >>> Money.parse("RUB 1,250,000.50")
            Money.parse('1250000.50 RUB')
            >>> Money.parse("12,5 EUR")
            Traceback (most recent call last):
            ...
            coprod.errors.InvalidValueError: not an amount of money: '12,5 EUR'
            (expected e.g. '1 250 000.50 RUB')
        """
        if not isinstance(text, str):
            raise InvalidValueError(f"an amount of money must be text, got {quote(text)}")
        canonical = _CANONICAL_RE.fullmatch(text)
        if canonical is not None:
            return cls(Decimal(canonical[1]), _to_currency(canonical[2]))
        match = _MONEY_RE.match(text)
        if match is None:
            raise InvalidValueError(
                f"not an amount of money: {quote(text)} (expected e.g. '1 250 000.50 RUB')"
            )
        number = match["n1"] if match["n1"] is not None else match["n2"]
        code = match["pre"] or match["post"]
        return cls.of(number, code)

    @classmethod
    def zero(cls, currency: Currency | str) -> Money:
        """Zero in *currency*, written with its minor units.

        Example:
            >>> Money.zero("KWD")
            Money.parse('0.000 KWD')
        """
        cur = _to_currency(currency)
        return cls(Decimal(0).quantize(cur.quantum), cur)

    @classmethod
    def from_minor_units(cls, units: int, currency: Currency | str) -> Money:
        """Build an amount from an integer count of minor units.

        Example:
            >>> Money.from_minor_units(12345, "USD")
            Money.parse('123.45 USD')
        """
        if isinstance(units, bool) or not isinstance(units, int):
            raise InvalidValueError(f"minor units must be an int, got {quote(units)}")
        cur = _to_currency(currency)
        try:
            # In the exact context: the default one keeps 28 digits and would round silently.
            amount = Decimal(units).scaleb(-cur.exponent, context=EXACT)
        except decimal.Inexact:
            raise InvalidValueError(
                f"{_digit_count(units)}-digit amount of minor units is beyond the digits an "
                "amount may have") from None
        return cls(check_decimal(amount), cur)

    # -- properties ---------------------------------------------------------------------

    @property
    def is_rounded(self) -> bool:
        """Whether the amount is a whole number of minor units."""
        return self.amount == self.amount.quantize(self.currency.quantum, context=EXACT_Q)

    @property
    def minor_units(self) -> int:
        """The amount as an integer count of minor units.

        Raises:
            InvalidValueError: If the amount is not a whole number of minor units; round first.
        """
        if not self.is_rounded:
            raise InvalidValueError(
                f"{self} is not a whole number of minor units of {self.currency}; round it first"
            )
        return int(self.amount.scaleb(self.currency.exponent, context=EXACT))

    # -- arithmetic ---------------------------------------------------------------------

    def _same(self, other: Money, verb: str) -> None:
        if self.currency != other.currency:
            raise CurrencyMismatchError(
                f"cannot {verb} {self} and {other}: currencies differ "
                f"({self.currency}, {other.currency}); convert one first"
            )

    def __add__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same(other, "add")
        return Money(check_decimal(EXACT.add(self.amount, other.amount)), self.currency)

    def __sub__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same(other, "subtract")
        return Money(check_decimal(EXACT.subtract(self.amount, other.amount)), self.currency)

    def __neg__(self) -> Money:
        return Money(self.amount.copy_negate(), self.currency)

    def __abs__(self) -> Money:
        return Money(self.amount.copy_abs(), self.currency)

    def __mul__(self, factor: int | Decimal) -> Money:
        if isinstance(factor, bool) or not isinstance(factor, (int, Decimal)):
            return NotImplemented
        return Money(check_decimal(EXACT.multiply(self.amount, Decimal(factor))), self.currency)

    __rmul__ = __mul__

    def __truediv__(self, other: Money) -> Fraction:
        if not isinstance(other, Money):
            return NotImplemented
        self._same(other, "divide")
        if other.amount == 0:
            raise InvalidValueError(f"cannot divide {self} by zero")
        return Fraction(self.amount) / Fraction(other.amount)

    def _cmp(self, other: object) -> tuple[Decimal, Decimal]:
        if not isinstance(other, Money):
            raise TypeError(f"cannot compare Money with {type(other).__name__}")
        self._same(other, "compare")
        return self.amount, other.amount

    def __lt__(self, other: Money) -> bool:
        a, b = self._cmp(other)
        return a < b

    def __le__(self, other: Money) -> bool:
        a, b = self._cmp(other)
        return a <= b

    def __gt__(self, other: Money) -> bool:
        a, b = self._cmp(other)
        return a > b

    def __ge__(self, other: Money) -> bool:
        a, b = self._cmp(other)
        return a >= b

    def __bool__(self) -> bool:
        return bool(self.amount)

    # -- rounding -----------------------------------------------------------------------

    def round(self, rounding: str = decimal.ROUND_HALF_EVEN) -> Money:
        """Round to a whole number of minor units (a named rounding step).

        Args:
            rounding: A :mod:`decimal` rounding mode; banker's rounding by default.

        Example:
            >>> Money.parse("2.675 USD").round()
            Money.parse('2.68 USD')
            >>> Money.parse("2.665 USD").round()
            Money.parse('2.66 USD')
            >>> Money.parse("2.665 USD").round(decimal.ROUND_HALF_UP)
            Money.parse('2.67 USD')
        """
        return self.scale(1, rounding)

    def scale(
        self, factor: int | Decimal | Fraction | Share, rounding: str = decimal.ROUND_HALF_EVEN
    ) -> Money:
        """Multiply by an exact factor and round the product to minor units.

        The product is computed exactly (as a fraction) and rounded once, here.

        Example:
            >>> from coprod import Share
            >>> Money.parse("100.00 USD").scale(Share.parse("1/3"))
            Money.parse('33.33 USD')
            >>> Money.parse("1000 JPY").scale(Fraction(1, 8))
            Money.parse('125 JPY')
        """
        exact = Fraction(self.amount) * to_fraction(factor, "factor")
        units = round_fraction(exact * 10**self.currency.exponent, rounding)
        return Money.from_minor_units(units, self.currency)

    def __str__(self) -> str:
        # str() of a Decimal is plain notation except for a positive exponent or a tiny
        # number, where it uses an exponent; format "f" always writes plain notation but
        # costs several times as much, and amounts are written by the thousand.
        text = str(self.amount)
        if "E" in text or "e" in text:
            text = f"{self.amount:f}"
        return f"{text} {self.currency.code}"

    def __repr__(self) -> str:
        return f"Money.parse({str(self)!r})"

    def canonical(self) -> str:
        """The one text of this amount that documents are written with: equal amounts, same text.

        ``Money.parse("1 USD") == Money.parse("1.000 USD")``, so both are written
        ``1.00 USD``: trailing zeros go, down to the currency's minor unit, and the minor
        unit is always shown. Digits past it are kept (``0.005 USD``), and zero has no sign.

        Example:
            >>> [Money.parse(t).canonical() for t in ("1 USD", "1.000 USD", "0.005 USD",
            ...                                         "-0 JPY", "1250000.50 RUB")]
            ['1.00 USD', '1.00 USD', '0.005 USD', '0 JPY', '1250000.50 RUB']

        .. versionadded:: 0.1.0
        """
        # On the text, which is exact: removing or adding zeros at the end of the digits after
        # the point does not change the number.
        minor, code = self.currency.exponent, self.currency.code
        if not self.amount:  # zero, whatever its sign or exponent
            return f"0.{'0' * minor} {code}" if minor else f"0 {code}"
        text = str(self.amount)  # plain notation but for large exponents, which "f" spells out
        whole, _, places = (f"{self.amount:f}" if "E" in text else text).partition(".")
        places = places.rstrip("0").ljust(minor, "0")
        return f"{whole}.{places} {code}" if places else f"{whole} {code}"


#: Quantising to the minor unit must never round: it only checks.
EXACT_Q = decimal.Context(prec=EXACT.prec, traps=[decimal.InvalidOperation])


def allocate(total: Money, weights: Sequence[Any]) -> tuple[Money, ...]:
    """Split *total* into parts proportional to *weights* that add up to it exactly.

    Works in minor units with the largest-remainder method: each part first gets the whole
    minor units of its exact quota; the units left over go one each to the parts with the
    largest fractional remainders, ties going to the earlier weight. A zero weight gets
    nothing. A negative total is split like its absolute value and negated.

    Args:
        total: The amount to split; must be a whole number of minor units.
        weights: Non-negative exact weights (int, Decimal, Fraction or Share), not all zero.

    Returns:
        One part per weight, in order, summing exactly to *total*.

    Raises:
        InvalidValueError: For no weights, a negative or inexact (float) weight, all-zero
            weights, or a total that is not a whole number of minor units.

    Example:
        >>> allocate(Money.parse("100.00 USD"), [1, 1, 1])
        (Money.parse('33.34 USD'), Money.parse('33.33 USD'), Money.parse('33.33 USD'))
        >>> allocate(Money.parse("10 JPY"), [Fraction(1, 2), Fraction(1, 4), Fraction(1, 4)])
        (Money.parse('5 JPY'), Money.parse('3 JPY'), Money.parse('2 JPY'))

    .. versionadded:: 0.1.0
    """
    if not isinstance(total, Money):
        raise InvalidValueError(f"total must be Money, got {quote(total)}")
    fractions = [to_fraction(w, f"weight {i}") for i, w in enumerate(weights)]
    if not fractions:
        raise InvalidValueError("allocate needs at least one weight")
    for i, w in enumerate(fractions):
        if w < 0:
            raise InvalidValueError(f"weight {i} is negative ({w}); weights must be >= 0")
    weight_sum = sum(fractions, Fraction(0))
    if weight_sum == 0:
        raise InvalidValueError("weights are all zero; nothing to split by")
    units = total.minor_units
    sign = -1 if units < 0 else 1
    units = abs(units)
    quotas = [units * w / weight_sum for w in fractions]
    parts = [q.numerator // q.denominator for q in quotas]
    left = units - sum(parts)
    # Largest remainder first; on a tie the lower index wins (stable, deterministic).
    order = sorted(range(len(quotas)), key=lambda i: (-(quotas[i] - parts[i]), i))
    for i in order[:left]:
        parts[i] += 1
    return tuple(Money.from_minor_units(sign * p, total.currency) for p in parts)
