"""Dates and terms.

Dates are :class:`pendulum.Date` values. A :class:`Term` is a period of whole days,
inclusive at both ends; an open end means "until further notice".

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

import attrs
import pendulum

from coprod.errors import InvalidValueError, quote

__all__ = ["LAST_DAY", "Term", "parse_date"]

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


#: The last day a date can be (Python's ``datetime.date.max``). A window that would end
#: later runs to it, and one that would start later holds no day.
LAST_DAY = pendulum.Date(9999, 12, 31)


def parse_date(value: str | _dt.date) -> pendulum.Date:
    """Read a calendar date from ISO 8601 text (``2024-06-01``) or a :class:`datetime.date`.

    A :class:`datetime.datetime` is refused: a time of day would be silently dropped.

    Raises:
        InvalidValueError: For any other text or type, or an impossible date.

    Example:
        >>> parse_date("2017-07-04")
        Date(2017, 7, 4)
        >>> parse_date("2017-02-30")
        Traceback (most recent call last):
        ...
        coprod.errors.InvalidValueError: not a valid date: '2017-02-30' (day is out of
        range for month)

    .. versionadded:: 0.1.0
    """
    if isinstance(value, _dt.datetime):
        raise InvalidValueError(
            f"expected a date without a time of day, got {quote(value.isoformat())}"
        )
    if isinstance(value, pendulum.Date):
        return value
    if isinstance(value, _dt.date):
        return pendulum.Date(value.year, value.month, value.day)
    if not isinstance(value, str) or not _ISO_DATE.match(value.strip()):
        raise InvalidValueError(f"expected a date as YYYY-MM-DD, got {quote(value)}")
    try:
        day = _dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise InvalidValueError(f"not a valid date: {quote(value)} ({exc})") from None
    return pendulum.Date(day.year, day.month, day.day)


#: Dates kept as they are by the converters (a tuple: ``A | B`` would build a union per call).
_KEPT_DATES = (_dt.datetime, pendulum.Date)


def _to_date(value: Any) -> Any:
    # Lossless normalisation: a plain datetime.date becomes the same day as pendulum.Date.
    if type(value) is pendulum.Date:  # the usual case, decided at once
        return value
    if isinstance(value, _dt.date) and not isinstance(value, _KEPT_DATES):
        return pendulum.Date(value.year, value.month, value.day)
    return value


def _to_optional_date(value: Any) -> Any:
    return None if value is None else _to_date(value)


def _check_date(_instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, pendulum.Date) or isinstance(value, _dt.datetime):
        raise InvalidValueError(
            f"{attribute.name} must be a date, got {quote(value)}", field=attribute.name
        )


def _check_end(instance: Term, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    _check_date(instance, attribute, value)
    assert isinstance(value, pendulum.Date)
    if value < instance.start:
        raise InvalidValueError(
            f"a term cannot end ({value.isoformat()}) before it starts "
            f"({instance.start.isoformat()})",
            field=attribute.name,
        )


def _day_argument(name: str, value: object) -> pendulum.Date:
    """A date given to a method as argument *name*; text is refused, as Term refuses it.

    A :class:`~datetime.datetime` is refused too: it cannot be compared with a date, and
    its time of day would be dropped without a word.
    """
    if isinstance(value, _dt.datetime):
        raise InvalidValueError(
            f"{name} must be a date without a time of day, got {quote(value)}", field=name)
    if not isinstance(value, _dt.date):
        hint = " (read text with parse_date)" if isinstance(value, str) else ""
        raise InvalidValueError(f"{name} must be a date, got {quote(value)}{hint}", field=name)
    return _to_date(value)  # type: ignore[no-any-return]


def _term_argument(name: str, value: object) -> Term:
    if not isinstance(value, Term):
        raise InvalidValueError(f"{name} must be a Term, got {quote(value)}", field=name)
    return value


@attrs.frozen(order=False)
class Term:
    """A period of whole days, inclusive at both ends; ``end=None`` leaves it open.

    Args:
        start: The first day of the term.
        end: The last day of the term, or None for "until further notice".

    Raises:
        InvalidValueError: If the end comes before the start.

    Example:
        >>> t = Term(parse_date("2025-01-01"), parse_date("2031-12-31"))
        >>> t.contains(parse_date("2031-12-31"))
        True
        >>> t.intersection(Term(parse_date("2030-06-01")))
        Term(start=Date(2030, 6, 1), end=Date(2031, 12, 31))

    .. versionadded:: 0.1.0
    """

    start: pendulum.Date = attrs.field(converter=_to_date, validator=_check_date)
    end: pendulum.Date | None = attrs.field(
        default=None, converter=_to_optional_date, validator=_check_end
    )

    @property
    def is_open(self) -> bool:
        """Whether the term runs until further notice."""
        return self.end is None

    def contains(self, day: _dt.date) -> bool:
        """Whether *day* falls within the term (both ends included).

        Raises:
            InvalidValueError: If *day* is not a date (text included: see :func:`parse_date`).
        """
        day = _day_argument("day", day)
        return self.start <= day and (self.end is None or day <= self.end)

    def covers(self, other: Term) -> bool:
        """Whether every day of *other* falls within this term.

        Example:
            >>> Term(parse_date("2025-01-01")).covers(Term(parse_date("2026-01-01")))
            True
        """
        other = _term_argument("other", other)
        if other.start < self.start:
            return False
        if self.end is None:
            return True
        return other.end is not None and other.end <= self.end

    def overlaps(self, other: Term) -> bool:
        """Whether the two terms share at least one day."""
        return self.intersection(_term_argument("other", other)) is not None

    def intersection(self, other: Term) -> Term | None:
        """The days both terms share, or None if they share none."""
        other = _term_argument("other", other)
        start = max(self.start, other.start)
        ends = [e for e in (self.end, other.end) if e is not None]
        end = min(ends) if ends else None
        if end is not None and end < start:
            return None
        return Term(start, end)

    def days(self) -> int | None:
        """The number of days in the term, or None if it is open.

        Example:
            >>> Term(parse_date("2024-02-01"), parse_date("2024-02-29")).days()
            29
        """
        if self.end is None:
            return None
        return (self.end - self.start).in_days() + 1

    def __str__(self) -> str:
        end = self.end.isoformat() if self.end is not None else "open"
        return f"{self.start.isoformat()}..{end}"
