"""Exact shares: fractions of a whole between 0 % and 100 %.

A :class:`Share` holds a :class:`fractions.Fraction`, so one third is one third, and three
thirds are exactly one hundred per cent.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, ClassVar

import attrs

from coprod._exact import MAX_FRACTION_DIGITS, to_fraction
from coprod.errors import InvalidValueError, quote

__all__ = ["Share"]

_DECIMAL = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"
_PERCENT_RE = re.compile(rf"^({_DECIMAL})\s*%$")
_FRACTION_RE = re.compile(r"^([+-]?\d+)\s*/\s*(\d+)$")
_MAX_TEXT = 64  # a share written with more characters than this is not a share
_MAX_DECIMAL_PLACES = 100  # Share.of(Decimal): a computed quotient has 28; 1e-999999999 is hostile


def _check_value(_instance: object, _attribute: object, value: Any) -> None:
    if not isinstance(value, Fraction):
        raise InvalidValueError(
            f"share must be a Fraction, got {quote(value)}; use Share.parse() or Share.of()"
        )
    if not 0 <= value <= 1:
        raise InvalidValueError(
            f"share must be between 0% and 100%, got {_shown(value)}"
        )


def _shown(value: Fraction) -> str:
    """An out-of-range value for a message: exact when short, never thousands of digits."""
    if max(abs(value.numerator), value.denominator).bit_length() > 128:
        return f"{'-' if value < 0 else ''}a number of more than 38 digits"
    return _render(value)


def _percent_digits(value: Fraction) -> tuple[int, int] | None:
    """The value in per cent as ``(digits, places)``, or None if it never terminates.

    ``digits / 10**places`` is the percentage exactly, with no trailing zero beyond what
    *places* needs.
    """
    # In integers throughout: Fraction arithmetic would normalise at every step.
    numerator = value.numerator * 100
    denominator = value.denominator
    common = math.gcd(numerator, denominator)
    numerator //= common
    denominator //= common
    # a/(2**i * 5**j) in lowest terms has exactly max(i, j) decimal places.
    twos = (denominator & -denominator).bit_length() - 1
    rest = denominator >> twos
    fives = 0
    while rest % 5 == 0:
        rest //= 5
        fives += 1
    if rest != 1:
        return None
    places = max(twos, fives)
    return numerator * 10**places // denominator, places


def _terminating_percent(value: Fraction) -> Decimal | None:
    """The value in per cent as a Decimal, or None if its decimal expansion never ends."""
    found = _percent_digits(value)
    if found is None:
        return None
    digits, places = found
    # Built from digits, never by Decimal division, which would round at 28 digits.
    return Decimal(f"{digits}E-{places}")


def _render(value: Fraction) -> str:
    found = _percent_digits(value)
    if found is None or found[1] > MAX_FRACTION_DIGITS:
        # Never terminates, or too many places to parse back: the exact fraction.
        return f"{value.numerator}/{value.denominator}"
    digits, places = found
    if places == 0:
        return f"{digits}%"
    # The digits with the point put in: what Decimal would print, without building one
    # (shares are written by the thousand when ledgers and documents are dumped).
    text = str(abs(digits)).rjust(places + 1, "0")
    return f"{'-' if digits < 0 else ''}{text[:-places]}.{text[-places:]}%"


@attrs.frozen(order=True)
class Share:
    """An exact share of a whole, from 0 % to 100 % inclusive.

    Args:
        value: The share as a :class:`fractions.Fraction` in ``[0, 1]``.

    Shares print as a percentage when the percentage is a finite decimal (``20%``,
    ``12.5%``) and as a fraction otherwise (``1/3``); both forms parse back to the same
    share. Addition and subtraction are exact and must stay within ``[0, 1]``; to add up
    shares that may overshoot (to check a total), use :meth:`total`.

    Example:
        >>> third = Share.parse("1/3")
        >>> third + third + third == Share.parse("100%")
        True
        >>> str(Share.parse("0.2")), str(Share.parse("12.5 %")), str(third)
        ('20%', '12.5%', '1/3')
        >>> Share.parse("20%") > Share.parse("1/5")
        False

    .. versionadded:: 0.1.0
    """

    value: Fraction = attrs.field(validator=_check_value)

    ZERO: ClassVar[Share]
    ONE: ClassVar[Share]

    @classmethod
    def parse(cls, text: str) -> Share:
        """Parse ``"20%"``, ``"0.2"`` or ``"1/3"`` (spaces allowed around ``%`` and ``/``).

        Raises:
            InvalidValueError: For text that is not a share, or one outside 0 %–100 %.

        Example:
            >>> Share.parse("120%")
            Traceback (most recent call last):
            ...
            coprod.errors.InvalidValueError: share must be between 0% and 100%, got 120%
        """
        if not isinstance(text, str):
            raise InvalidValueError(f"a share must be text such as '20%', got {quote(text)}")
        s = text.strip()
        if len(s) > _MAX_TEXT:
            raise InvalidValueError(f"not a share: {quote(text)} is too long")
        if m := _PERCENT_RE.match(s):
            return cls(_decimal_fraction(m[1], text) / 100)
        if m := _FRACTION_RE.match(s):
            if int(m[2]) == 0:
                raise InvalidValueError(f"not a share: {quote(text)} divides by zero")
            return cls(Fraction(int(m[1]), int(m[2])))
        if re.fullmatch(_DECIMAL, s):
            return cls(_decimal_fraction(s, text))
        raise InvalidValueError(
            f"not a share: {quote(text)} (expected a percentage '20%', a decimal '0.2' "
            "or a fraction '1/3')"
        )

    @classmethod
    def of(cls, value: Fraction | Decimal | int | str) -> Share:
        """Build a share from an exact number (or from text, like :meth:`parse`).

        Example:
            >>> Share.of(Decimal("0.25"))
            Share.parse('25%')
        """
        if isinstance(value, str):
            return cls.parse(value)
        if isinstance(value, Decimal) and value.is_finite():
            # Checked before the exact conversion, which for Decimal("1e999999999") would
            # build an integer of a billion digits.
            if not 0 <= value <= 1:
                raise InvalidValueError(
                    f"share must be between 0% and 100%, got {quote(value)}")
            exponent = value.as_tuple().exponent
            assert isinstance(exponent, int)
            if -exponent > _MAX_DECIMAL_PLACES:
                raise InvalidValueError(f"not a share: {quote(value)} has more than "
                                        f"{_MAX_DECIMAL_PLACES} decimal places")
        return cls(to_fraction(value, "share"))

    @classmethod
    def ratio(cls, part: object, whole: object) -> Share:
        """The share that *part* is of *whole*, exactly.

        *part* and *whole* are two amounts of money in one currency, or two exact numbers
        (int, Decimal, Fraction); floats are refused, as everywhere in coprod.

        Example:
            >>> from coprod import Money
            >>> Share.ratio(Money.parse("300 USD"), Money.parse("1200 USD"))
            Share.parse('25%')
            >>> Share.ratio(1, 3)
            Share.parse('1/3')
            >>> Share.ratio(0.1, 0.3)
            Traceback (most recent call last):
            ...
            coprod.errors.InvalidValueError: part must be exact (int, Decimal, Fraction or \
Share), got float 0.1; floats are not exact

        Raises:
            InvalidValueError: For floats, a zero or negative *whole*, or money beside a number.
            CurrencyMismatchError: For amounts in two currencies.
        """
        from coprod.money import Money

        if isinstance(part, Money) or isinstance(whole, Money):
            if not (isinstance(part, Money) and isinstance(whole, Money)):
                raise InvalidValueError(
                    f"a share of money is taken of money: got {quote(part)} of {quote(whole)}")
            return cls(part / whole)
        p, w = to_fraction(part, "part"), to_fraction(whole, "whole")
        if w <= 0:
            raise InvalidValueError(f"a share is taken of a positive whole, got {w}")
        return cls(p / w)

    @staticmethod
    def total(shares: Iterable[Share]) -> Fraction:
        """The exact sum of *shares*, which may exceed one (for checking totals).

        Example:
            >>> Share.total([Share.parse("60%"), Share.parse("50%")])
            Fraction(11, 10)
        """
        return sum((s.value for s in shares), Fraction(0))

    def as_percent(self) -> Decimal | None:
        """The share in per cent as an exact Decimal, or None if that never terminates.

        Example:
            >>> Share.parse("1/8").as_percent(), Share.parse("1/3").as_percent()
            (Decimal('12.5'), None)
        """
        return _terminating_percent(self.value)

    def complement(self) -> Share:
        """One hundred per cent minus this share.

        Example:
            >>> Share.parse("30%").complement()
            Share.parse('70%')
        """
        return Share(1 - self.value)

    def __add__(self, other: Share) -> Share:
        if not isinstance(other, Share):
            return NotImplemented
        return Share(self.value + other.value)

    def __sub__(self, other: Share) -> Share:
        if not isinstance(other, Share):
            return NotImplemented
        return Share(self.value - other.value)

    def __str__(self) -> str:
        return _render(self.value)

    def __repr__(self) -> str:
        return f"Share.parse({str(self)!r})"


def _decimal_fraction(number: str, original: str) -> Fraction:
    try:
        value = Decimal(number)
    except InvalidOperation:  # pragma: no cover - the regular expression admits only numbers
        raise InvalidValueError(f"not a share: {quote(original)}") from None
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    if -exponent > MAX_FRACTION_DIGITS:
        raise InvalidValueError(
            f"not a share: {quote(original)} has more than {MAX_FRACTION_DIGITS} decimal places"
        )
    return Fraction(value)


Share.ZERO = Share(Fraction(0))
Share.ONE = Share(Fraction(1))
