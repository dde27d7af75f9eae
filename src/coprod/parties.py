"""Parties: the organisations and people a co-production involves.

Every party has a stable ``id`` used to refer to it from elsewhere in a document
(contributions, grants, payees). An :class:`Organisation` has a country of establishment;
a :class:`Person` has nationalities and residences. Both are what treaties test.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum
import re
from typing import Any, TypeAlias

import attrs

from coprod._fields import enum_member, instance_of
from coprod.errors import InvalidValueError, quote
from coprod.geo import Country

__all__ = ["Organisation", "OrganisationKind", "Party", "Person"]

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,127}$")


def _check_id(_instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    # The id of a document (an agreement, a licence) is not a party's; a reference to a
    # party (a co-producer's `party`) is.
    _check_identifier("id" if attribute.name == "id" else "party id", attribute, value)


def _check_party_id(_instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    _check_identifier("party id", attribute, value)


def _check_identifier(what: str, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str) or not _ID_RE.match(value):
        raise InvalidValueError(
            f"invalid {what} {quote(value)}: use lower-case letters, digits, '.', '_' or '-', "
            "starting with a letter or digit (at most 128 characters)",
            field=attribute.name,
        )


def _check_name(_instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidValueError(
            f"{attribute.name} must be non-empty text, got {quote(value)}", field=attribute.name
        )
    if len(value) > 500:
        raise InvalidValueError(
            f"{attribute.name} is longer than 500 characters", field=attribute.name
        )


def _countries(value: Any) -> Any:
    # Lossless normalisation: a list or tuple of countries and codes becomes a tuple of
    # countries (a tuple of countries is kept as it is; a document holds hundreds).
    if isinstance(value, (list, tuple)):
        if type(value) is tuple and all(type(v) is Country for v in value):
            return value
        return tuple([Country(v) if isinstance(v, str) else v for v in value])
    return value


def _check_countries(
    _instance: object, attribute: attrs.Attribute[Any], value: Any
) -> None:
    if not isinstance(value, tuple) or not all(isinstance(c, Country) for c in value):
        raise InvalidValueError(
            f"{attribute.name} must be a list of countries", field=attribute.name
        )
    if len(value) > 1 and len({c.code for c in value}) != len(value):
        raise InvalidValueError(f"{attribute.name} lists a country twice", field=attribute.name)


def _country(value: Any) -> Any:
    # Lossless normalisation: a country code becomes its Country.
    return Country(value) if isinstance(value, str) else value


def _organisation_kind(value: Any) -> Any:
    return enum_member(OrganisationKind, value)


class OrganisationKind(enum.Enum):
    """What an organisation does in the trade.

    .. versionadded:: 0.1.0
    """

    PRODUCER = "producer"
    BROADCASTER = "broadcaster"
    STREAMING_SERVICE = "streaming-service"
    DISTRIBUTOR = "distributor"
    SALES_AGENT = "sales-agent"
    PUBLIC_BODY = "public-body"
    MINISTRY = "ministry"


@attrs.frozen(kw_only=True)
class Organisation:
    """A legal person.

    A producer, broadcaster, streaming service, distributor, sales agent, public film body
    or ministry.

    Args:
        id: Stable id used for references inside a document.
        name: The registered name.
        country: The country of establishment, which treaties test.
        kind: What the organisation does.

    Example:
        >>> Organisation(id="volga", name="Volga Animation LLC", country=Country("RU"),
        ...              kind=OrganisationKind.PRODUCER).country.name
        'Russian Federation'

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=_check_party_id)
    name: str = attrs.field(validator=_check_name)
    country: Country = attrs.field(converter=_country, validator=instance_of(Country))
    kind: OrganisationKind = attrs.field(
        default=OrganisationKind.PRODUCER, converter=_organisation_kind,
        validator=instance_of(OrganisationKind),
    )

    @property
    def countries(self) -> tuple[Country, ...]:
        """The countries this organisation counts for, which is its country of establishment."""
        return (self.country,)


@attrs.frozen(kw_only=True)
class Person:
    """A natural person: a producer, director, writer, actor or crew member.

    Args:
        id: Stable id used for references inside a document.
        name: The person's name.
        nationalities: At least one nationality.
        residences: Countries of residence (treaties often accept residents as nationals).

    Example:
        >>> p = Person(id="li-wei", name="Li Wei", nationalities=(Country("CN"),),
        ...            residences=(Country("RU"),))
        >>> [c.code for c in p.countries]
        ['CN', 'RU']

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=_check_party_id)
    name: str = attrs.field(validator=_check_name)
    nationalities: tuple[Country, ...] = attrs.field(
        converter=_countries, validator=_check_countries
    )
    residences: tuple[Country, ...] = attrs.field(
        default=(), converter=_countries, validator=_check_countries
    )

    def __attrs_post_init__(self) -> None:
        if not self.nationalities:
            raise InvalidValueError(
                "a person needs at least one nationality", field="nationalities"
            )

    @property
    def countries(self) -> tuple[Country, ...]:
        """The countries this person counts for, nationalities first, then residences."""
        return self.nationalities + tuple(c for c in self.residences if c not in self.nationalities)


#: A party to a co-production: an :class:`Organisation` or a :class:`Person`.
Party: TypeAlias = Organisation | Person
