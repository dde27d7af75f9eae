"""Countries: ISO 3166-1 alpha-2 codes, current and historic."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given

from coprod import Country, InvalidValueError
from coprod.strategies import countries


@pytest.mark.parametrize(
    "code", ["RU", "CN", "FR", "DE", "IT", "JP", "GB", "CA", "AU", "UZ", "CH", "AT"]
)
def test_current_codes(code: str) -> None:
    """Current ISO 3166-1 codes are accepted and are not historic."""
    country = Country(code)
    assert not country.is_historic
    assert country.withdrawn is None
    assert country.name


@pytest.mark.parametrize(
    ("code", "withdrawn"),
    [("SU", pendulum.Date(1992, 8, 30)), ("YU", pendulum.Date(2003, 7, 23)),
     ("DD", pendulum.Date(1990, 10, 30)), ("CS", pendulum.Date(1993, 6, 15))],
)
def test_historic_codes(code: str, withdrawn: pendulum.Date) -> None:
    """Withdrawn codes (ISO 3166-3) are accepted with their withdrawal date.

    CS is Czechoslovakia.
    """
    country = Country(code)
    assert country.is_historic
    assert country.withdrawn == withdrawn


def test_bare_year_withdrawals_and_user_assigned() -> None:
    """Oldest withdrawals carry only a year; XK (Kosovo, used by Eurimages) is accepted."""
    assert Country("XK").name == "Kosovo"
    year_only = [
        c
        for c in Country.codes()
        if Country(c).withdrawn
        and Country(c).withdrawn.month == 12
        and Country(c).withdrawn.day == 31
    ]
    assert year_only  # e.g. codes withdrawn in the 1970s with a year only


@pytest.mark.parametrize("code", ["ZZ", "XX", "RUS", "", "R", 7, None, "EU"])
def test_unknown_codes_are_refused(code: object) -> None:
    """Anything that is not an ISO 3166-1 alpha-2 code is refused with the expected form."""
    with pytest.raises(InvalidValueError, match="ISO 3166-1 alpha-2"):
        Country(code)  # type: ignore[arg-type]


def test_normalisation_and_order() -> None:
    """Case and spaces are normalised; countries sort by code."""
    assert Country(" ru ") == Country("RU")
    assert sorted([Country("RU"), Country("CN")]) == [Country("CN"), Country("RU")]
    assert str(Country("cn")) == "CN"


@given(countries())
def test_generated_countries_are_valid(country: Country) -> None:
    """Every generated country re-validates from its code."""
    assert Country(country.code) == country
