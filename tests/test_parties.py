"""Parties: organisations and people."""

from __future__ import annotations

import pytest
from hypothesis import given

from coprod import Country, InvalidValueError, Organisation, OrganisationKind, Person
from coprod.strategies import parties


def test_organisation() -> None:
    """An organisation counts for its country of establishment; producer is the default kind."""
    org = Organisation(id="volga-animation", name="Volga Animation LLC", country=Country("RU"))
    assert org.kind is OrganisationKind.PRODUCER
    assert org.countries == (Country("RU"),)


def test_person() -> None:
    """A person counts for nationalities first, then residences, without repeats."""
    p = Person(id="li.wei", name="Li Wei", nationalities=[Country("CN")],  # type: ignore[arg-type]
               residences=[Country("RU"), Country("CN")])  # type: ignore[arg-type]
    assert p.nationalities == (Country("CN"),)
    assert p.countries == (Country("CN"), Country("RU"))
    assert Person(id="a", name="A", nationalities=("RU",)).nationalities == (Country("RU"),)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"id": "Li Wei"}, "invalid party id"),
        ({"id": "-x"}, "invalid party id"),
        ({"id": "x" * 200}, "invalid party id"),
        ({"name": "  "}, "non-empty"),
        ({"name": "x" * 501}, "longer than 500"),
        ({"nationalities": ()}, "at least one nationality"),
        ({"nationalities": (Country("RU"), Country("RU"))}, "twice"),
        ({"nationalities": "RU"}, "list of countries"),
    ],
)
def test_invalid_people(kwargs: dict[str, object], message: str) -> None:
    """Ids, names and nationalities are validated on construction."""
    base: dict[str, object] = {"id": "anna", "name": "Anna", "nationalities": (Country("RU"),)}
    with pytest.raises(InvalidValueError, match=message):
        Person(**{**base, **kwargs})  # type: ignore[arg-type]


def test_organisation_kind_values() -> None:
    """The kinds the issue names, spelled as documents write them."""
    assert {k.value for k in OrganisationKind} == {
        "producer", "broadcaster", "streaming-service", "distributor", "sales-agent",
        "public-body", "ministry",
    }
    # An enum's value and a country code are read as the member and the country (lossless);
    # anything else is refused in words, naming the field and the values it accepts.
    org = Organisation(id="x", name="X", country="RU", kind="producer")  # type: ignore[arg-type]
    assert (org.country, org.kind) == (Country("RU"), OrganisationKind.PRODUCER)
    with pytest.raises(InvalidValueError, match="kind must be one of 'producer', 'broadcaster'"):
        Organisation(id="x", name="X", country=Country("RU"), kind="studio")  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="country must be a Country, got 7"):
        Organisation(id="x", name="X", country=7)  # type: ignore[arg-type]


@given(parties())
def test_generated_parties_count_for_some_country(party: Organisation | Person) -> None:
    """Every party counts for at least one country, with no repeats."""
    assert party.countries
    assert len(set(party.countries)) == len(party.countries)
