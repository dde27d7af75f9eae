"""Dates and inclusive terms."""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest
from hypothesis import given

from coprod import InvalidValueError, Term, parse_date
from coprod.strategies import dates, terms


def test_parse_date() -> None:
    """ISO dates and date objects become pendulum dates; datetimes and junk are refused."""
    assert parse_date("2017-07-04") == pendulum.Date(2017, 7, 4)
    assert isinstance(parse_date(dt.date(2017, 7, 4)), pendulum.Date)
    assert parse_date(pendulum.Date(2020, 1, 1)) == pendulum.Date(2020, 1, 1)
    for bad in ["2017-7-4", "04/07/2017", "2017-02-30", 20170704, None]:
        with pytest.raises(InvalidValueError):
            parse_date(bad)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="without a time of day"):
        parse_date(dt.datetime(2017, 7, 4, 12))


def test_term_is_inclusive_and_may_be_open() -> None:
    """Both ends are included; an open term runs on."""
    t = Term(parse_date("2025-01-01"), parse_date("2025-12-31"))
    assert t.contains(parse_date("2025-01-01"))
    assert t.contains(parse_date("2025-12-31"))
    assert not t.contains(parse_date("2026-01-01"))
    assert t.days() == 365
    assert str(t) == "2025-01-01..2025-12-31"
    o = Term(parse_date("2025-01-01"))
    assert o.is_open
    assert o.days() is None
    assert o.contains(parse_date("2999-01-01"))
    assert str(o) == "2025-01-01..open"
    one_day = Term(parse_date("2025-05-05"), parse_date("2025-05-05"))
    assert one_day.days() == 1


def test_end_before_start_is_refused() -> None:
    """A term cannot end before it starts."""
    with pytest.raises(InvalidValueError, match="cannot end"):
        Term(parse_date("2025-01-02"), parse_date("2025-01-01"))
    with pytest.raises(InvalidValueError, match="must be a date"):
        Term("2025-01-01")  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="must be a date"):
        Term(parse_date("2025-01-01"), "2026-01-01")  # type: ignore[arg-type]


def test_plain_dates_are_normalised() -> None:
    """datetime.date values become the same pendulum dates."""
    t = Term(dt.date(2025, 1, 1), dt.date(2025, 2, 1))  # type: ignore[arg-type]
    assert isinstance(t.start, pendulum.Date)
    assert isinstance(t.end, pendulum.Date)


def test_covers() -> None:
    """covers() needs every day of the other term inside this one."""
    year = Term(parse_date("2025-01-01"), parse_date("2025-12-31"))
    assert year.covers(Term(parse_date("2025-03-01"), parse_date("2025-03-31")))
    assert not year.covers(Term(parse_date("2025-03-01")))
    assert not year.covers(Term(parse_date("2024-12-31"), parse_date("2025-01-31")))
    assert Term(parse_date("2025-01-01")).covers(Term(parse_date("2030-01-01")))


@given(a=terms(), b=terms())
def test_intersection_laws(a: Term, b: Term) -> None:
    """Intersection is symmetric, lies within both, and exists exactly when they overlap."""
    ab, ba = a.intersection(b), b.intersection(a)
    assert ab == ba
    assert a.overlaps(b) == (ab is not None) == b.overlaps(a)
    if ab is not None:
        assert a.covers(ab)
        assert b.covers(ab)


@given(t=terms(), d=dates())
def test_contains_matches_bounds(t: Term, d: pendulum.Date) -> None:
    """contains() is exactly start <= d <= end (end open means no upper bound)."""
    assert t.contains(d) == (t.start <= d and (t.end is None or d <= t.end))
