"""Validators and converters the domain classes share, so that a wrong type is refused in words.

attrs' own ``instance_of`` raises a ``TypeError`` whose message is a tuple holding the
attribute's repr; an application catching ``ValueError`` (or :class:`~coprod.CoprodError`)
misses it. These raise :class:`~coprod.InvalidValueError` naming the field, the value and what
was expected. Converters normalise lossless input the way the rest of coprod does: an enum's
value for the enum (``"majority"`` for ``CoProducerRole.MAJORITY``).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any

from coprod.errors import InvalidValueError, quote

Validator = Callable[[Any, Any, Any], None]


def _expected(types: tuple[type, ...]) -> str:
    words = []
    for t in types:
        if issubclass(t, enum.Enum):
            words.append("one of " + ", ".join(repr(m.value) for m in t))
        elif t in _PLAIN:
            words.append(_PLAIN[t])
        else:
            name = t.__name__
            words.append(f"{'an' if name[0].lower() in 'aeiou' else 'a'} {name}")
    return " or ".join(words)


#: How messages name the built-in types (users write documents, not Python).
_PLAIN: dict[type, str] = {str: "text", int: "a whole number", bool: "true or false",
                           type(None): "null (left out)"}


def instance_of(*types: type) -> Validator:
    """A validator: the value is an instance of one of *types*, or an error naming the field."""
    expected = _expected(types)

    def check(_instance: Any, attribute: Any, value: Any) -> None:
        if not isinstance(value, types):
            raise InvalidValueError(f"{attribute.name} must be {expected}, got {quote(value)}",
                                    field=attribute.name)

    check.__qualname__ = f"instance_of({', '.join(t.__name__ for t in types)})"
    return check


def items_of(*types: type) -> Validator:
    """A validator: the value is a tuple whose every item is an instance of one of *types*."""
    expected = _expected(types)

    def check(_instance: Any, attribute: Any, value: Any) -> None:
        if type(value) is not tuple:
            raise InvalidValueError(
                f"{attribute.name} must be a list, got {quote(value)}", field=attribute.name)
        for i, item in enumerate(value):
            if not isinstance(item, types):
                raise InvalidValueError(
                    f"{attribute.name}[{i}] must be {expected}, got {quote(item)}",
                    field=attribute.name, within=f"[{i}]")

    check.__qualname__ = f"items_of({', '.join(t.__name__ for t in types)})"
    return check


def enum_member(enum_type: type[enum.Enum], value: Any) -> Any:
    """An enum's value becomes its member; anything else is left for the validator to refuse.

    For converters (mypy's attrs plugin wants each converter a named function of its own):
    ``def _role(value): return enum_member(CoProducerRole, value)``.
    """
    if isinstance(value, enum_type) or not isinstance(value, str):
        return value
    try:
        return enum_type(value)
    except ValueError:
        return value


def enum_members(enum_type: type[enum.Enum], value: Any) -> Any:
    """A list of enum members: a tuple, values turned into members (see :func:`enum_member`)."""
    if type(value) is tuple and all(isinstance(v, enum_type) for v in value):
        return value
    if isinstance(value, (list, tuple)):
        return tuple(enum_member(enum_type, v) for v in value)
    return value


def non_empty_text(_instance: Any, attribute: Any, value: Any) -> None:
    """A validator: the value is text with something in it besides spaces."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidValueError(f"{attribute.name} must be non-empty text, got {quote(value)}",
                                field=attribute.name)


def whole_number(*, optional: bool = False) -> Validator:
    """A validator: the value is a whole number (``True`` and ``False`` are not one).

    With *optional*, None (a value left out) is accepted too.
    """
    types: tuple[type, ...] = (int, type(None)) if optional else (int,)
    expected = _expected(types)

    def check(_instance: Any, attribute: Any, value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, types):
            raise InvalidValueError(f"{attribute.name} must be {expected}, got {quote(value)}",
                                    field=attribute.name)

    check.__qualname__ = f"whole_number(optional={optional})"
    return check


def bounded_whole_number(
    minimum: int, maximum: int | None = None, *, optional: bool = False
) -> Validator:
    """A validator: a whole number from *minimum* (to *maximum*, when given), both included.

    The type is refused as :func:`whole_number` refuses it; a number out of range is refused
    naming the bounds (``count must be at least 1, got 0``). With *optional*, None is
    accepted too.
    """
    of_type = whole_number(optional=optional)
    bounds = (f"at least {minimum}" if maximum is None
              else f"between {minimum} and {maximum}")

    def check(instance: Any, attribute: Any, value: Any) -> None:
        of_type(instance, attribute, value)
        if value is not None and (value < minimum or (maximum is not None and value > maximum)):
            raise InvalidValueError(f"{attribute.name} must be {bounds}, got {quote(value)}",
                                    field=attribute.name)

    check.__qualname__ = f"bounded_whole_number({minimum}, {maximum}, optional={optional})"
    return check


def country(value: Any, name: str) -> Any:
    """A country code given as text becomes its :class:`~coprod.Country`.

    For converters (``def _country(value): return country(value, "country")``). Anything
    else is left for the validator; an unknown code is refused by ``Country`` in its own
    words, the field *name* put before them and set as the error's field.
    """
    if not isinstance(value, str):
        return value
    from coprod.geo import Country

    try:
        return Country(value)
    except InvalidValueError as exc:
        raise InvalidValueError(f"{name}: {exc}", field=name) from None


def countries(value: Any, name: str) -> Any:
    """A list of countries: a tuple, codes given as text turned into countries.

    An unknown code is refused naming the item (``also_allowed[1]: unknown country 'XX'…``).
    """
    if not isinstance(value, (list, tuple)):
        return value
    if type(value) is tuple and not any(isinstance(v, str) for v in value):
        return value
    out = []
    for i, v in enumerate(value):
        try:
            out.append(country(v, name))
        except InvalidValueError as exc:
            message = str(exc).removeprefix(f"{name}: ")
            raise InvalidValueError(f"{name}[{i}]: {message}", field=name,
                                    within=f"[{i}]") from None
    return tuple(out)
