"""Checks on the arguments of the waterfall's functions, so that a wrong type is refused in words.

The model classes check their fields with validators (see :mod:`coprod._fields`); the
functions (:func:`~coprod.waterfall.distribute`, :func:`~coprod.waterfall.statements`,
:func:`~coprod.waterfall.check`, :meth:`~coprod.waterfall.RateTable.convert`...) check their
arguments here, with the same words: an :class:`~coprod.InvalidValueError` naming the
argument, the value and what was expected, never a raw ``TypeError`` or ``AttributeError``
from deep inside the computation. Lossless normalisations are the ones the classes make: an
enum's value for the enum, a currency code for the currency, a :class:`datetime.date` for
the same day.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

import pendulum

from coprod._fields import enum_member
from coprod.errors import InvalidValueError, quote
from coprod.money import Currency, Money, _to_currency

E = TypeVar("E", bound=enum.Enum)


def _a(name: str) -> str:
    return f"{'an' if name[0].lower() in 'aeiou' else 'a'} {name}"


def instance(name: str, value: Any, *types: type, optional: bool = False) -> Any:
    """*value* if it is an instance of one of *types* (or None when *optional*), else an error."""
    if value is None and optional:
        return value
    if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
        expected = " or ".join(_a(t.__name__) for t in types)
        raise InvalidValueError(
            f"{name} must be {expected}{' or None' if optional else ''}, got {quote(value)}",
            field=name)
    return value


def date(name: str, value: Any, *, optional: bool = False) -> Any:
    """A day as :class:`pendulum.Date`: a :class:`datetime.date` is converted; text is refused.

    A time of day would be dropped silently, so a :class:`datetime.datetime` is refused; ISO
    text is read with :func:`coprod.terms.parse_date`, explicitly, as everywhere in coprod.
    """
    if value is None and optional:
        return value
    if isinstance(value, _dt.datetime) or not isinstance(value, _dt.date):
        hint = "; read text with coprod.parse_date" if isinstance(value, str) else ""
        raise InvalidValueError(f"{name} must be a date, got {quote(value)}{hint}", field=name)
    if isinstance(value, pendulum.Date):
        return value
    return pendulum.Date(value.year, value.month, value.day)


def currency(name: str, value: Any) -> Currency:
    """A currency: a :class:`~coprod.Currency`, or its ISO 4217 code."""
    if isinstance(value, Currency):
        return value
    if isinstance(value, str):
        try:
            return _to_currency(value)
        except InvalidValueError as exc:
            raise InvalidValueError(f"{name}: {exc}", field=name) from None
    raise InvalidValueError(
        f"{name} must be a Currency or an ISO 4217 code such as 'USD', got {quote(value)}",
        field=name)


def money(name: str, value: Any) -> Money:
    """An amount of money (text is read with :meth:`coprod.Money.parse`, explicitly)."""
    if not isinstance(value, Money):
        hint = "; read text with Money.parse" if isinstance(value, str) else ""
        raise InvalidValueError(
            f"{name} must be an amount of money (a Money), got {quote(value)}{hint}", field=name)
    return value


def member(name: str, enum_type: type[E], value: Any) -> E:
    """An enum member, or its value as text; anything else is refused, listing the values."""
    found = enum_member(enum_type, value)
    if not isinstance(found, enum_type):
        values = ", ".join(repr(m.value) for m in enum_type)
        raise InvalidValueError(f"{name} must be one of {values}, got {quote(value)}",
                                field=name)
    return found


def iterable(name: str, value: Any, what: str) -> Iterable[Any]:
    """A collection of *what* (a list, tuple, generator...); one object or text is refused."""
    if hasattr(value, "__attrs_attrs__"):  # one object (a Receipt) for a list of them
        one = name[:-1] if name.endswith("s") else name
        raise InvalidValueError(
            f"{name} must be a list of {what}, got one {type(value).__name__}; "
            f"to pass one, write [{one}]", field=name)
    if isinstance(value, (str, bytes, bytearray, Mapping)) or not isinstance(value, Iterable):
        raise InvalidValueError(f"{name} must be a list of {what}, got {quote(value)}",
                                field=name)
    return value
