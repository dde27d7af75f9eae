"""Exact-arithmetic helpers shared by money and shares (not public API)."""

from __future__ import annotations

import decimal
from decimal import Decimal
from fractions import Fraction

from coprod.errors import InvalidValueError

#: Rounding modes coprod accepts at a named rounding step (the :mod:`decimal` constants).
ROUNDING_MODES = frozenset(
    {
        decimal.ROUND_HALF_EVEN,
        decimal.ROUND_HALF_UP,
        decimal.ROUND_HALF_DOWN,
        decimal.ROUND_UP,
        decimal.ROUND_DOWN,
        decimal.ROUND_CEILING,
        decimal.ROUND_FLOOR,
    }
)

#: Amounts have at most this many digits before the decimal point ...
MAX_INTEGER_DIGITS = 30
#: ... and at most this many after it. Bounds keep arithmetic exact and fast, and refuse
#: hostile inputs such as ``1e999999999``.
MAX_FRACTION_DIGITS = 18

#: A context for exact arithmetic within the bounds above: any inexact result is a bug,
#: so it traps instead of rounding silently.
EXACT = decimal.Context(
    prec=MAX_INTEGER_DIGITS + MAX_FRACTION_DIGITS + 4,
    rounding=decimal.ROUND_HALF_EVEN,
    traps=[decimal.InvalidOperation, decimal.Inexact, decimal.Overflow, decimal.DivisionByZero],
)


def check_decimal(value: Decimal, what: str = "amount") -> Decimal:
    """Refuse non-finite decimals and those outside the digit bounds."""
    if not value.is_finite():
        raise InvalidValueError(f"{what} must be a finite number, got {value}")
    # Digits before the point: adjusted() is the exponent of the leading digit.
    integer_digits = max(0, value.adjusted() + 1)
    # Digits after it: counted on the printed form when it has no exponent (it has one only
    # for a positive exponent or a tiny number); as_tuple() builds a tuple of every digit,
    # which costs more than the whole check on amounts read by the thousand.
    text = str(value)
    if "E" in text or "e" in text:
        exponent = value.as_tuple().exponent
        assert isinstance(exponent, int)
        fraction_digits = max(0, -exponent)
    else:
        point = text.find(".")
        fraction_digits = 0 if point < 0 else len(text) - point - 1
    if fraction_digits > MAX_FRACTION_DIGITS:
        raise InvalidValueError(
            f"{what} has {fraction_digits} digits after the decimal point; "
            f"at most {MAX_FRACTION_DIGITS} are allowed"
        )
    if integer_digits > MAX_INTEGER_DIGITS:
        raise InvalidValueError(
            f"{what} has {integer_digits} digits before the decimal point; "
            f"at most {MAX_INTEGER_DIGITS} are allowed"
        )
    return value


def round_fraction(value: Fraction, rounding: str) -> int:
    """Round an exact fraction to an integer with one of the :mod:`decimal` rounding modes.

    Example:
        >>> round_fraction(Fraction(5, 2), decimal.ROUND_HALF_EVEN)
        2
        >>> round_fraction(Fraction(-5, 2), decimal.ROUND_HALF_UP)
        -3
    """
    if rounding not in ROUNDING_MODES:
        raise InvalidValueError(f"unknown rounding mode {rounding!r}")
    floor = value.numerator // value.denominator
    rest = value - floor  # 0 <= rest < 1
    if rest == 0:
        return floor
    ceil = floor + 1
    if rounding == decimal.ROUND_FLOOR:
        return floor
    if rounding == decimal.ROUND_CEILING:
        return ceil
    away = ceil if value > 0 else floor
    toward = floor if value > 0 else ceil
    if rounding == decimal.ROUND_DOWN:
        return toward
    if rounding == decimal.ROUND_UP:
        return away
    half = Fraction(1, 2)
    if rest != half:
        return ceil if rest > half else floor
    if rounding == decimal.ROUND_HALF_UP:
        return away
    if rounding == decimal.ROUND_HALF_DOWN:
        return toward
    return floor if floor % 2 == 0 else ceil  # ROUND_HALF_EVEN


def to_fraction(value: object, what: str) -> Fraction:
    """Turn an exact number (int, Decimal, Fraction, or anything with ``.value``) into a Fraction.

    Floats and bools are refused.
    """
    inner = getattr(value, "value", value)  # a Share carries its Fraction in .value
    if isinstance(inner, (bool, float)):
        raise InvalidValueError(
            f"{what} must be exact (int, Decimal, Fraction or Share), got {type(inner).__name__} "
            f"{inner!r}; floats are not exact"
        )
    if isinstance(inner, (int, Fraction)):
        return Fraction(inner)
    if isinstance(inner, Decimal):
        if not inner.is_finite():
            raise InvalidValueError(f"{what} must be finite, got {inner}")
        return Fraction(inner)
    raise InvalidValueError(f"{what} must be a number, got {type(inner).__name__}")
