"""Hypothesis strategies for coprod's value types, for your own property tests.

Install with the ``hypothesis`` extra (``pip install 'coprod[hypothesis]'``). Every
strategy is named as a plural noun of what it generates, and every value it generates is
valid: it constructs, serializes and loads back to an equal value.

Example:
    >>> from hypothesis import given
    >>> from coprod import allocate
    >>> @given(moneys(), st.lists(st.integers(1, 10), min_size=1))
    ... def test_allocate_conserves(total, weights):
    ...     assert sum(allocate(total, weights), start=total - total) == total
    >>> test_allocate_conserves()

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from fractions import Fraction

import pendulum
from hypothesis import strategies as st

from coprod.geo import Country
from coprod.money import Currency, Money
from coprod.parties import Organisation, OrganisationKind, Party, Person
from coprod.share import Share
from coprod.terms import Term

__all__ = [
    "countries",
    "currencies",
    "dates",
    "moneys",
    "organisations",
    "parties",
    "party_ids",
    "persons",
    "shares",
    "terms",
]

#: Currencies most co-productions are financed in; generated first so that failing
#: examples shrink to something familiar.
_COMMON = ("USD", "EUR", "RUB", "CNY", "JPY", "KWD", "GBP", "CAD", "AUD")


def currencies() -> st.SearchStrategy[Currency]:
    """Any ISO 4217 currency with a minor unit (JPY 0, USD 2, KWD 3, CLF 4 ...)."""
    import iso4217

    others = sorted(c.code for c in iso4217.Currency if c.exponent is not None)
    return st.sampled_from(list(_COMMON) + [c for c in others if c not in _COMMON]).map(Currency)


def moneys(
    currency: Currency | str | None = None,
    *,
    min_units: int = -(10**15),
    max_units: int = 10**15,
    rounded: bool = True,
) -> st.SearchStrategy[Money]:
    """Amounts of money, whole minor units by default.

    Args:
        currency: Fix the currency; any currency by default.
        min_units: Smallest amount, in minor units.
        max_units: Largest amount, in minor units.
        rounded: If False, amounts may carry up to six digits below the minor unit.
    """
    cur = st.just(Currency(currency) if isinstance(currency, str) else currency) if currency else currencies()

    @st.composite
    def build(draw: st.DrawFn) -> Money:
        c = draw(cur)
        units = draw(st.integers(min_units, max_units))
        m = Money.from_minor_units(units, c)
        if not rounded:
            extra = draw(st.integers(0, 999_999))
            m = Money(m.amount + Decimal(extra).scaleb(-(c.exponent + 6)), c)
        return m

    return build()


def shares(*, min_value: Fraction = Fraction(0), max_value: Fraction = Fraction(1),
           max_denominator: int = 1000) -> st.SearchStrategy[Share]:
    """Exact shares between *min_value* and *max_value* (both included)."""
    return st.fractions(min_value=min_value, max_value=max_value,
                        max_denominator=max_denominator).map(Share)


def countries(*, historic: bool = True) -> st.SearchStrategy[Country]:
    """ISO 3166-1 countries; with *historic*, also withdrawn codes such as SU."""
    codes = sorted(Country.codes())
    front = ["RU", "CN", "FR", "DE", "IT", "GB", "CA", "SU"]
    ordered = front + [c for c in codes if c not in front]
    found = st.sampled_from(ordered).map(Country)
    return found if historic else found.filter(lambda c: not c.is_historic)


def dates(min_value: _dt.date = _dt.date(1950, 1, 1),
          max_value: _dt.date = _dt.date(2100, 12, 31)) -> st.SearchStrategy[pendulum.Date]:
    """Calendar dates as :class:`pendulum.Date`."""
    return st.dates(min_value, max_value).map(lambda d: pendulum.Date(d.year, d.month, d.day))


def terms(*, open_end: bool | None = None) -> st.SearchStrategy[Term]:
    """Terms with end >= start; *open_end* forces (True) or forbids (False) an open end."""

    @st.composite
    def build(draw: st.DrawFn) -> Term:
        start = draw(dates())
        is_open = draw(st.booleans()) if open_end is None else open_end
        if is_open:
            return Term(start)
        return Term(start, start.add(days=draw(st.integers(0, 365 * 30))))

    return build()


def party_ids() -> st.SearchStrategy[str]:
    """Valid party ids: lower-case, digits, '.', '_' or '-'."""
    return st.from_regex(r"\A[a-z0-9][a-z0-9._-]{0,20}\Z")


_names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
                 min_size=1, max_size=40).filter(lambda s: bool(s.strip()))


def organisations() -> st.SearchStrategy[Organisation]:
    """Organisations of every kind."""
    return st.builds(Organisation, id=party_ids(), name=_names, country=countries(),
                     kind=st.sampled_from(OrganisationKind))


def persons() -> st.SearchStrategy[Person]:
    """People with one to three nationalities and up to two residences."""
    return st.builds(
        Person, id=party_ids(), name=_names,
        nationalities=st.lists(countries(), min_size=1, max_size=3, unique=True).map(tuple),
        residences=st.lists(countries(), max_size=2, unique=True).map(tuple),
    )


def parties() -> st.SearchStrategy[Party]:
    """Organisations and people."""
    return st.one_of(organisations(), persons())


# --- agreements & treaties (strategies added by that domain go below)

# --- rights & remakes (strategies added by that domain go below)

# --- waterfall (strategies added by that domain go below)
