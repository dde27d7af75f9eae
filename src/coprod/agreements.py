"""Co-production agreements: the contract between co-producers for one production.

A :class:`CoProductionAgreement` gathers everything a competent authority looks at when it
decides whether a production qualifies as an official co-production: the production itself
(kind, titles, languages, budget, length), the co-producers and their roles, what each one
contributes (money and in kind), the key creative and technical personnel and whom they count
for, where the work is done and what is spent there, the dates that matter (signature,
application, principal photography, delivery), who owns the copyright, and the instrument the
co-producers invoke.

The model holds facts only. Whether those facts satisfy a treaty is decided by
:func:`coprod.validate`, which returns findings rather than raising. What the model *does*
refuse is an agreement that cannot exist as a document: a contribution, person or copyright
share that points at a party the agreement does not list, or the same party id twice.

Example:
    >>> from coprod import Country, Money, Organisation
    >>> from coprod.terms import parse_date
    >>> from coprod.agreements import (
    ...     AgreementDates, CoProducer, CoProducerRole, CoProductionAgreement, Contribution,
    ...     Production, ProductionKind, Title)
    >>> volga = Organisation(id="volga", name="Volga Animation", country=Country("RU"))
    >>> panda = Organisation(id="panda", name="Panda Pictures", country=Country("CN"))
    >>> agreement = CoProductionAgreement(
    ...     id="snow-fox",
    ...     production=Production(
    ...         kind=ProductionKind.ANIMATION,
    ...         titles=(Title(text="The Snow Fox", language="en"),),
    ...         original_languages=("ru", "zh"),
    ...         budget=Money.parse("10000000 USD"),
    ...         running_time_minutes=90),
    ...     parties=(volga, panda),
    ...     co_producers=(CoProducer(party="volga", role=CoProducerRole.MAJORITY),
    ...                   CoProducer(party="panda", role=CoProducerRole.MINORITY)),
    ...     contributions=(Contribution(party="volga", amount=Money.parse("6000000 USD")),
    ...                    Contribution(party="panda", amount=Money.parse("4000000 USD"))),
    ...     dates=AgreementDates(signed=parse_date("2024-03-01")))
    >>> str(agreement.share_of("panda"))
    '40%'

.. versionadded:: 0.1.0

"""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterator, Mapping
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Any

import attrs
import pendulum

from coprod._fields import enum_member, enum_members, instance_of, items_of, non_empty_text
from coprod.errors import InvalidValueError, Problem, ProblemsError, UnknownReferenceError, quote
from coprod.geo import Country
from coprod.languages import ANY_LANGUAGE, normalise_language
from coprod.money import Currency, Money, _to_currency
from coprod.parties import Organisation, Party, Person, _check_id, _country
from coprod.share import Share
from coprod.terms import _to_date, _to_optional_date, parse_date

__all__ = [
    "AgreementDates",
    "AgreementReferenceError",
    "Approval",
    "ApprovalKind",
    "CoProducer",
    "CoProducerRole",
    "CoProductionAgreement",
    "Contribution",
    "ContributionKind",
    "CopyrightShare",
    "CreativeRole",
    "ExchangeRate",
    "KeyPerson",
    "Location",
    "LocationKind",
    "Production",
    "ProductionKind",
    "Provision",
    "Title",
]

# ---------------------------------------------------------------------------------------------
# small helpers


def _tag(value: str) -> str:
    tag = normalise_language(value)
    if tag == ANY_LANGUAGE:
        raise InvalidValueError("a production's languages are real languages, not '*'")
    return tag


def _language(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    try:
        return _tag(value)
    except InvalidValueError as exc:  # a loader reports it at the field
        raise InvalidValueError(str(exc), field="language") from None


def _languages(value: Any, name: str) -> Any:
    """A list of language tags held in attribute *name*, normalised, as a tuple."""
    if not isinstance(value, (list, tuple)):
        return value
    tags = []
    for i, v in enumerate(value):
        try:
            tags.append(_tag(v) if isinstance(v, str) else v)
        except InvalidValueError as exc:  # a loader reports it at the item
            raise InvalidValueError(str(exc), field=f"{name}[{i}]") from None
    return tuple(tags)


def _original_languages(value: Any) -> Any:
    return _languages(value, "original_languages")


def _language_versions(value: Any) -> Any:
    return _languages(value, "language_versions")


def _check_languages(_i: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, tuple) or not all(isinstance(v, str) for v in value):
        raise InvalidValueError(f"{attribute.name} must be a list of language tags")
    if len(set(value)) != len(value):
        raise InvalidValueError(f"{attribute.name} lists a language twice")


def _tuple(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


_non_empty_text = non_empty_text


def _optional_id(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        _check_id(instance, attribute, value)


#: The largest count or number of minutes a production may give (a million minutes is almost
#: two years of running time); it keeps every such number well inside the 64-bit integers
#: TOML promises to read.
MAX_COUNT = 1_000_000
#: The same bounds, for the JSON Schema of documents (``coprod schema``).
_COUNT = {"json_schema": {"minimum": 1, "maximum": MAX_COUNT}}


def _positive_int(_i: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise InvalidValueError(
            f"{attribute.name} must be a positive whole number, got {quote(value)}"
        )
    if value > MAX_COUNT:
        raise InvalidValueError(
            f"{attribute.name} must be at most {MAX_COUNT:,}, got {quote(value)}"
        )


def _optional_date(_i: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and (
        not isinstance(value, pendulum.Date) or isinstance(value, pendulum.DateTime)
    ):
        raise InvalidValueError(f"{attribute.name} must be a date, got {quote(value)}")


def _non_negative_money(_i: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, Money):
        raise InvalidValueError(f"{attribute.name} must be an amount of money, got {quote(value)}")
    if value.amount < 0:
        raise InvalidValueError(f"{attribute.name} cannot be negative, got {value}")


_instance_of = instance_of
#: Optional free text (a description, a source, a place): text or nothing, never a number.
_optional_text = instance_of(str, type(None))


def _date(_i: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        raise InvalidValueError(f"{attribute.name} is required: a date", field=attribute.name)
    _optional_date(_i, attribute, value)


def _decimal(value: Any) -> Any:
    # Lossless normalisation: an int or the text of a number becomes a Decimal; floats are
    # left to the validator, which refuses them (they are not exact).
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, str):
        try:
            return Decimal(value.strip())
        except ArithmeticError:
            return value
    return value


# Lossless normalisation of enum values given as text (``"majority"``); each enum is
# looked up when called, so these may stand before the enums they name.


def _production_kind(value: Any) -> Any:
    return enum_member(ProductionKind, value)


def _role(value: Any) -> Any:
    return enum_member(CoProducerRole, value)


def _contribution_kind(value: Any) -> Any:
    return enum_member(ContributionKind, value)


def _creative_role(value: Any) -> Any:
    return enum_member(CreativeRole, value)


def _location_kind(value: Any) -> Any:
    return enum_member(LocationKind, value)


def _approval_kind(value: Any) -> Any:
    return enum_member(ApprovalKind, value)


def _provisions(value: Any) -> Any:
    return enum_members(Provision, value)


# ---------------------------------------------------------------------------------------------
# the production


class ProductionKind(enum.Enum):
    """The kind of work being co-produced; instruments often cover only some kinds.

    .. versionadded:: 0.1.0
    """

    FEATURE_FILM = "feature-film"
    ANIMATION = "animation"
    DOCUMENTARY = "documentary"
    TV_SERIES = "tv-series"
    TV_FILM = "tv-film"
    TV_SHOW = "tv-show"

    @property
    def is_cinematographic(self) -> bool:
        """Whether the work is made for cinema release (feature, animation or documentary)."""
        return self in (ProductionKind.FEATURE_FILM, ProductionKind.ANIMATION,
                        ProductionKind.DOCUMENTARY)


@attrs.frozen
class Title:
    """A title of the production in one language.

    Args:
        text: The title as written.
        language: A BCP 47 language tag (normalised, e.g. ``zh-Hans``).

    .. versionadded:: 0.1.0

    """

    text: str = attrs.field(validator=_non_empty_text)
    language: str = attrs.field(converter=_language, validator=_instance_of(str))


@attrs.frozen(kw_only=True)
class Production:
    """The work being co-produced.

    Args:
        kind: Feature film, animation, documentary, TV film, TV series or TV show.
        titles: Its titles, at least one, each in one language.
        original_languages: The languages of the original version (BCP 47 tags).
        language_versions: The final language versions the co-producers undertake to deliver
            (the original language versions count as delivered versions too).
        budget: The total production budget, the base of every contribution share.
        running_time_minutes: Running time of a single work, in minutes.
        episodes: For a series, the number of episodes.
        episode_minutes: For a series, the length of one episode in minutes.

    .. versionadded:: 0.1.0

    """

    kind: ProductionKind = attrs.field(converter=_production_kind,
                                       validator=_instance_of(ProductionKind))
    titles: tuple[Title, ...] = attrs.field(converter=_tuple, validator=items_of(Title))
    original_languages: tuple[str, ...] = attrs.field(
        converter=_original_languages, validator=_check_languages
    )
    language_versions: tuple[str, ...] = attrs.field(
        default=(), converter=_language_versions, validator=_check_languages
    )
    budget: Money = attrs.field(validator=_non_negative_money)
    running_time_minutes: int | None = attrs.field(default=None, validator=_positive_int,
                                                   metadata=_COUNT)
    episodes: int | None = attrs.field(default=None, validator=_positive_int, metadata=_COUNT)
    episode_minutes: int | None = attrs.field(default=None, validator=_positive_int,
                                              metadata=_COUNT)

    def __attrs_post_init__(self) -> None:
        if not self.titles or not all(isinstance(t, Title) for t in self.titles):
            raise InvalidValueError("a production needs at least one title")
        if not self.original_languages:
            raise InvalidValueError("a production needs at least one original language")
        if self.budget.amount <= 0:
            raise InvalidValueError(f"the budget must be more than zero, got {self.budget}")
        if (self.episodes is None) != (self.episode_minutes is None):
            raise InvalidValueError("give both episodes and episode_minutes, or neither")

    @property
    def title(self) -> str:
        """The first title, for display."""
        return self.titles[0].text

    @property
    def delivered_languages(self) -> tuple[str, ...]:
        """Every language in which a final version is planned, original versions first."""
        extra = tuple(v for v in self.language_versions if v not in self.original_languages)
        return self.original_languages + extra

    @property
    def total_minutes(self) -> int | None:
        """The total running time (the single running time, or episodes × episode length)."""
        if self.episodes is not None and self.episode_minutes is not None:
            return self.episodes * self.episode_minutes
        return self.running_time_minutes


# ---------------------------------------------------------------------------------------------
# co-producers, contributions, copyright


class CoProducerRole(enum.Enum):
    """The role a co-producer plays in the co-production.

    * ``majority`` and ``minority``: co-producers established in a state the instrument binds,
      contributing money and creative and technical work;
    * ``financial-only``: a minority co-producer that contributes money only (ETS 147 Art. 9,
      CETS 220 Art. 9, the German–Austrian–Swiss agreement Art. 5);
    * ``third-country``: a co-producer established in a state the instrument does not bind
      (ETS 147 Art. 2(2)(b) "non-party"; the Russia–China agreement's "third state").

    .. versionadded:: 0.1.0
    """

    MAJORITY = "majority"
    MINORITY = "minority"
    FINANCIAL_ONLY = "financial-only"
    THIRD_COUNTRY = "third-country"


@attrs.frozen(kw_only=True)
class CoProducer:
    """A party acting as co-producer, with its role.

    Args:
        party: The id of an :class:`~coprod.Organisation` listed in the agreement's parties.
        role: Majority, minority, financial-only or third-country.

    .. versionadded:: 0.1.0

    """

    party: str = attrs.field(validator=_check_id)
    role: CoProducerRole = attrs.field(converter=_role,
                                       validator=_instance_of(CoProducerRole))


class ContributionKind(enum.Enum):
    """Whether a contribution is money or work and facilities valued in money.

    .. versionadded:: 0.1.0
    """

    FINANCIAL = "financial"
    IN_KIND = "in-kind"


@attrs.frozen(kw_only=True)
class Contribution:
    """One contribution by one co-producer to the budget.

    Args:
        party: The co-producer's party id.
        amount: The amount, or for an in-kind contribution its agreed value.
        kind: Financial (the default) or in kind.
        description: What is contributed, in words (e.g. "studio facilities in Moscow").

    .. versionadded:: 0.1.0

    """

    party: str = attrs.field(validator=_check_id)
    amount: Money = attrs.field(validator=_non_negative_money)
    kind: ContributionKind = attrs.field(
        default=ContributionKind.FINANCIAL, converter=_contribution_kind,
        validator=_instance_of(ContributionKind)
    )
    description: str | None = attrs.field(default=None, validator=_optional_text)


@attrs.frozen(kw_only=True)
class ExchangeRate:
    """A rate agreed in the contract to express one currency in another.

    ``1 base = rate quote``. Contributions in a currency other than the budget's are converted
    at the rate the co-producers agreed; coprod never fetches market rates.

    Args:
        base: The currency converted from.
        quote: The currency converted to.
        rate: How many units of *quote* one unit of *base* is worth (exact decimal).
        date: The date of the rate, if the contract names one.
        source: Where the rate comes from (e.g. "Central Bank of Russia, 2024-03-01").

    .. versionadded:: 0.1.0

    """

    base: Currency = attrs.field(converter=_to_currency, validator=_instance_of(Currency))
    quote: Currency = attrs.field(converter=_to_currency, validator=_instance_of(Currency))
    rate: Decimal = attrs.field(converter=_decimal, validator=_instance_of(Decimal))
    date: pendulum.Date | None = attrs.field(
        default=None, converter=_to_optional_date, validator=_optional_date
    )
    source: str | None = attrs.field(default=None, validator=_optional_text)

    def __attrs_post_init__(self) -> None:
        if not self.rate.is_finite() or self.rate <= 0:
            raise InvalidValueError(f"an exchange rate must be more than zero, got {self.rate}")
        if self.base == self.quote:
            raise InvalidValueError(f"an exchange rate needs two currencies, got {self.base} twice")


@attrs.frozen(kw_only=True)
class CopyrightShare:
    """A co-owner's share of the copyright in the production.

    Args:
        party: The co-owner's party id.
        share: Its share; shares of all co-owners add up to 100 %.

    .. versionadded:: 0.1.0

    """

    party: str = attrs.field(validator=_check_id)
    share: Share = attrs.field(validator=_instance_of(Share))


# ---------------------------------------------------------------------------------------------
# personnel and locations


class CreativeRole(enum.Enum):
    """A key creative or technical position, as treaties and points tables name them.

    .. versionadded:: 0.1.0
    """

    DIRECTOR = "director"
    SCREENWRITER = "screenwriter"
    COMPOSER = "composer"
    PRODUCER = "producer"
    LEAD_ROLE = "lead-role"
    SUPPORTING_ROLE = "supporting-role"
    VOICE_LEAD = "voice-lead"
    DIRECTOR_OF_PHOTOGRAPHY = "director-of-photography"
    EDITOR = "editor"
    SOUND_RECORDIST = "sound-recordist"
    ART_DIRECTOR = "art-director"
    COSTUME_DESIGNER = "costume-designer"
    VFX_SUPERVISOR = "vfx-supervisor"
    ANIMATION_DIRECTOR = "animation-director"
    LEAD_ANIMATOR = "lead-animator"
    TECHNICIAN = "technician"

    @property
    def is_performer(self) -> bool:
        """Whether the role is a performing role (lead, supporting or voice lead)."""
        return self in (CreativeRole.LEAD_ROLE, CreativeRole.SUPPORTING_ROLE,
                        CreativeRole.VOICE_LEAD)


@attrs.frozen(kw_only=True)
class KeyPerson:
    """One key creative or technical position and who holds it.

    Args:
        role: The position.
        person: The holder's party id (a :class:`~coprod.Person` in the agreement), if known.
        rank: For performing roles, the rank (1 = first role), by days worked as ETS 147 and
            CETS 220 Appendix II rank them.
        counts_for: The country the position counts for, when the contract states it.
            Otherwise the holder's first nationality (then residence) is used.
        co_producer: The co-producer whose contribution the position belongs to, if stated.

    .. versionadded:: 0.1.0

    """

    role: CreativeRole = attrs.field(converter=_creative_role,
                                     validator=_instance_of(CreativeRole))
    person: str | None = attrs.field(default=None, validator=_optional_id)
    rank: int | None = attrs.field(default=None, validator=_positive_int, metadata=_COUNT)
    counts_for: Country | None = attrs.field(
        default=None, validator=attrs.validators.optional(_instance_of(Country))
    )
    co_producer: str | None = attrs.field(default=None, validator=_optional_id)

    def __attrs_post_init__(self) -> None:
        if self.person is None and self.counts_for is None:
            raise InvalidValueError(
                f"key position {self.role.value!r} needs a person or the country it counts for"
            )


class LocationKind(enum.Enum):
    """Where a part of the work is done.

    .. versionadded:: 0.1.0
    """

    SHOOTING = "shooting"
    STUDIO = "studio"
    ANIMATION = "animation"
    VFX = "vfx"
    POST_PRODUCTION = "post-production"


@attrs.frozen(kw_only=True)
class Location:
    """Work done in one country, and what is spent there.

    Args:
        kind: Shooting, studio, animation, VFX or post-production.
        country: The country where the work is done.
        spend: The budgeted spend there.
        place: The city or facility, in words.

    .. versionadded:: 0.1.0

    """

    kind: LocationKind = attrs.field(converter=_location_kind,
                                     validator=_instance_of(LocationKind))
    country: Country = attrs.field(converter=_country, validator=_instance_of(Country))
    spend: Money = attrs.field(validator=_non_negative_money)
    place: str | None = attrs.field(default=None, validator=_optional_text)


# ---------------------------------------------------------------------------------------------
# dates, approvals, provisions


@attrs.frozen(kw_only=True)
class AgreementDates:
    """The dates that decide which rules apply and whether deadlines were met.

    Args:
        signed: The day the co-production contract was signed.
        application: The day the application reached the competent authorities.
        principal_photography: The planned (or actual) first day of principal photography
            (for animation: the start of production).
        delivery: The planned delivery of the completed work.

    .. versionadded:: 0.1.0

    """

    signed: pendulum.Date = attrs.field(converter=_to_date, validator=_date)
    application: pendulum.Date | None = attrs.field(
        default=None, converter=_to_optional_date, validator=_optional_date
    )
    principal_photography: pendulum.Date | None = attrs.field(
        default=None, converter=_to_optional_date, validator=_optional_date
    )
    delivery: pendulum.Date | None = attrs.field(
        default=None, converter=_to_optional_date, validator=_optional_date
    )


class ApprovalKind(enum.Enum):
    """What a competent authority approved, when a rule allows it "with approval".

    .. versionadded:: 0.1.0
    """

    CONTRIBUTION_DEROGATION = "contribution-derogation"
    FINANCIAL_CO_PRODUCTION = "financial-co-production"
    POINTS_SHORTFALL = "points-shortfall"
    PERSONNEL_EXCEPTION = "personnel-exception"
    NON_PARTY_LOCATION = "non-party-location"
    STAFFING_EXCEPTION = "staffing-exception"


@attrs.frozen(kw_only=True)
class Approval:
    """A decision of a competent authority recorded in the file.

    Args:
        kind: What was approved.
        country: The state whose authority approved it.
        authority: The authority's name.
        date: The date of the decision.
        reference: The decision's reference number.

    .. versionadded:: 0.1.0

    """

    kind: ApprovalKind = attrs.field(converter=_approval_kind,
                                     validator=_instance_of(ApprovalKind))
    country: Country = attrs.field(converter=_country, validator=_instance_of(Country))
    authority: str | None = attrs.field(default=None, validator=_optional_text)
    date: pendulum.Date | None = attrs.field(
        default=None, converter=_to_optional_date, validator=_optional_date
    )
    reference: str | None = attrs.field(default=None, validator=_optional_text)


class Provision(enum.Enum):
    """A clause the co-production contract contains, when a rule requires it.

    .. versionadded:: 0.1.0
    """

    RECEIPTS_SHARING = "receipts-sharing"
    JOINT_NEGATIVE_OWNERSHIP = "joint-negative-ownership"
    CREDITS = "credits"


# ---------------------------------------------------------------------------------------------
# the agreement


class AgreementReferenceError(ProblemsError):
    """An agreement refers to a party it does not list (or lists a party id twice).

    Attributes:
        problems: Every broken reference, each with its JSON path in the document.

    .. versionadded:: 0.1.0

    """


def _reference_problems(agreement: CoProductionAgreement) -> Iterator[Problem]:
    return _references(
        [(p.id, "organisation" if isinstance(p, Organisation) else "person")
         for p in agreement.parties],
        [cp.party for cp in agreement.co_producers],
        [c.party for c in agreement.contributions],
        [(k.person, k.co_producer) for k in agreement.key_personnel],
        [s.party for s in agreement.copyright],
    )


def _references_in_data(data: Any, path: str = "$") -> list[Problem]:
    """The broken references of an agreement document's plain data, each at its path.

    For a document that cannot be built for other reasons: its broken references are
    reported with the rest, not one round trip later. Entries too malformed to read an id
    from are left to the problems reported for them; when a party or a co-producer has no
    readable id, no reference to either is judged (any might have been meant).
    """
    def entries(key: str) -> list[Any]:
        value = data.get(key, ()) if isinstance(data, Mapping) else ()
        return list(value) if isinstance(value, list) else []

    def text(entry: Any, key: str) -> str | None:
        value = entry.get(key) if isinstance(entry, Mapping) else None
        return value if isinstance(value, str) else None

    parties = [(text(e, "id"), text(e, "type")) for e in entries("parties")]
    producers = [text(e, "party") for e in entries("co_producers")]
    if any(i is None for i, _ in parties) or any(p is None for p in producers):
        return []
    problems = _references(
        [(i, kind) for i, kind in parties if i is not None],
        [p for p in producers if p is not None],
        [text(e, "party") for e in entries("contributions")],
        [(text(e, "person"), text(e, "co_producer")) for e in entries("key_personnel")],
        [text(e, "party") for e in entries("copyright")],
    )
    return [Problem(path + p.path[1:], p.message) for p in problems]


def _references(
    parties: list[tuple[str, str | None]],
    co_producers: list[str],
    contributions: list[str | None],
    key_personnel: list[tuple[str | None, str | None]],
    copyright: list[str | None],
) -> Iterator[Problem]:
    # Parties as (id, "organisation" | "person" | None when unknown); a None reference is one
    # that is not there (or not text), which is not a broken reference.
    ids: dict[str, str | None] = {}
    for i, (party_id, kind) in enumerate(parties):
        if party_id in ids:
            yield Problem(f"$.parties[{i}].id", f"party id {party_id!r} is used twice")
        ids.setdefault(party_id, kind)
    producers: set[str] = set()
    for i, party in enumerate(co_producers):
        if party not in ids:
            yield Problem(f"$.co_producers[{i}].party", f"unknown party {party!r}")
        elif ids[party] == "person":
            yield Problem(
                f"$.co_producers[{i}].party",
                f"co-producer {party!r} is a person; a co-producer must be an organisation",
            )
        if party in producers:
            yield Problem(f"$.co_producers[{i}].party", f"{party!r} is listed twice")
        producers.add(party)
    for i, contributor in enumerate(contributions):
        if contributor is not None and contributor not in producers:
            yield Problem(
                f"$.contributions[{i}].party",
                f"unknown co-producer {contributor!r}"
                + ("" if contributor in ids else " (not a party)"),
            )
    for i, (person, co_producer) in enumerate(key_personnel):
        if person is not None:
            if person not in ids:
                yield Problem(f"$.key_personnel[{i}].person", f"unknown party {person!r}")
            elif ids[person] == "organisation":
                yield Problem(f"$.key_personnel[{i}].person", f"{person!r} is not a person")
        if co_producer is not None and co_producer not in producers:
            yield Problem(
                f"$.key_personnel[{i}].co_producer", f"unknown co-producer {co_producer!r}"
            )
    for i, owner in enumerate(copyright):
        if owner is not None and owner not in ids:
            yield Problem(f"$.copyright[{i}].party", f"unknown party {owner!r}")


@attrs.frozen(kw_only=True)
class CoProductionAgreement:
    """The contract between co-producers for one production.

    Args:
        id: A stable id for the agreement.
        production: The work.
        parties: Every organisation and person the agreement refers to.
        co_producers: The co-producers (party ids) and their roles.
        contributions: What each co-producer contributes, financial or in kind.
        dates: Signature, application, principal photography and delivery dates.
        key_personnel: Key creative and technical positions and whom they count for.
        locations: Where the work is done and what is spent there.
        copyright: The co-owners' shares of the copyright.
        treaty: The instrument the co-producers invoke (an id such as ``CN-RU-2017``), or
            None to let coprod find the instrument that governs.
        approvals: Decisions of competent authorities already obtained.
        provisions: Clauses the contract contains that rules may require.
        exchange_rates: Rates agreed in the contract for contributions not in the budget's
            currency.

    Raises:
        AgreementReferenceError: If an id refers to no listed party (every such problem is
            listed, each with its JSON path).

    .. versionadded:: 0.1.0

    """

    id: str = attrs.field(validator=_check_id)
    production: Production = attrs.field(validator=_instance_of(Production))
    parties: tuple[Party, ...] = attrs.field(
        converter=_tuple, validator=items_of(Organisation, Person))
    co_producers: tuple[CoProducer, ...] = attrs.field(
        converter=_tuple, validator=items_of(CoProducer))
    contributions: tuple[Contribution, ...] = attrs.field(
        converter=_tuple, validator=items_of(Contribution))
    dates: AgreementDates = attrs.field(validator=_instance_of(AgreementDates))
    key_personnel: tuple[KeyPerson, ...] = attrs.field(
        default=(), converter=_tuple, validator=items_of(KeyPerson))
    locations: tuple[Location, ...] = attrs.field(
        default=(), converter=_tuple, validator=items_of(Location))
    copyright: tuple[CopyrightShare, ...] = attrs.field(
        default=(), converter=_tuple, validator=items_of(CopyrightShare))
    treaty: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(_instance_of(str)))
    approvals: tuple[Approval, ...] = attrs.field(
        default=(), converter=_tuple, validator=items_of(Approval))
    provisions: tuple[Provision, ...] = attrs.field(
        default=(), converter=_provisions, validator=items_of(Provision))
    exchange_rates: tuple[ExchangeRate, ...] = attrs.field(
        default=(), converter=_tuple, validator=items_of(ExchangeRate))

    def __attrs_post_init__(self) -> None:
        problems = tuple(_reference_problems(self))
        if problems:
            raise AgreementReferenceError(problems)
        if len(self.co_producers) < 2:
            raise InvalidValueError("a co-production needs at least two co-producers")

    # -- look-ups -------------------------------------------------------------------------

    @functools.cached_property
    def party_index(self) -> Mapping[str, Party]:
        """Every party by id, read-only (computed once: the agreement is immutable)."""
        return MappingProxyType({p.id: p for p in self.parties})

    def party(self, party_id: str) -> Party:
        """The party with this id.

        Raises:
            coprod.UnknownReferenceError: If no party has this id.

        """
        try:
            return self.party_index[party_id]
        except KeyError:
            raise UnknownReferenceError(f"no party {party_id!r} in agreement {self.id!r}") from None

    def co_producer(self, party_id: str) -> CoProducer:
        """The co-producer entry for this party id.

        Raises:
            coprod.UnknownReferenceError: If the party is not a co-producer.

        """
        for cp in self.co_producers:
            if cp.party == party_id:
                return cp
        raise UnknownReferenceError(f"{party_id!r} is not a co-producer in {self.id!r}")

    def country_of(self, party_id: str) -> Country:
        """The country a co-producer is established in.

        Raises:
            coprod.UnknownReferenceError: If no party has this id.
            coprod.InvalidValueError: If the party is a person, who has nationalities and
                residences rather than a country of establishment.

        """
        party = self.party(party_id)
        if not isinstance(party, Organisation):
            raise InvalidValueError(
                f"{party_id!r} is a person: a person has nationalities and residences, not a "
                "country of establishment")
        return party.country

    @property
    def countries(self) -> tuple[Country, ...]:
        """The co-producers' countries of establishment, in order of first appearance."""
        seen: dict[Country, None] = {}
        for cp in self.co_producers:
            seen.setdefault(self.country_of(cp.party), None)
        return tuple(seen)

    # -- money ----------------------------------------------------------------------------

    def in_budget_currency(self, amount: Money) -> Fraction | None:
        """*amount* expressed in the budget's currency, exactly, or None if no rate is agreed.

        Example:
            >>> from coprod import Money
            >>> a = _demo()
            >>> a.in_budget_currency(Money.parse("90 RUB"))
            Fraction(1, 1)

        """
        target = self.production.budget.currency
        if amount.currency == target:
            return Fraction(amount.amount)
        for r in self.exchange_rates:
            if r.base == amount.currency and r.quote == target:
                return Fraction(amount.amount) * Fraction(r.rate)
            if r.quote == amount.currency and r.base == target:
                return Fraction(amount.amount) / Fraction(r.rate)
        return None

    def contributed(self, party_id: str) -> Fraction | None:
        """What a co-producer contributes in total, in the budget's currency.

        None if one of its contributions is in a currency without an agreed rate; zero for a
        party that contributes nothing.

        Raises:
            coprod.UnknownReferenceError: If no party has this id (a mistyped id is not a
                party contributing nothing).
        """
        if party_id not in self.party_index:
            self.party(party_id)  # raises, in the words party() uses
        return self._contributed.get(party_id, Fraction(0))

    @functools.cached_property
    def _contributed(self) -> Mapping[str, Fraction | None]:
        # Every party's total, computed once: rules ask for the same totals many times.
        totals: dict[str, Fraction | None] = {}
        for c in self.contributions:
            total = totals.get(c.party, Fraction(0))
            if total is None:
                continue
            value = self.in_budget_currency(c.amount)
            totals[c.party] = None if value is None else total + value
        return MappingProxyType(totals)

    def fraction_of(self, party_id: str) -> Fraction | None:
        """A co-producer's contributions as an exact fraction of the budget (may exceed 1).

        None when a contribution cannot be converted to the budget's currency.

        Raises:
            coprod.UnknownReferenceError: If no party has this id.
        """
        return self._fractions.get(party_id) if party_id in self._fractions else (
            self._fraction(party_id))

    def _fraction(self, party_id: str) -> Fraction | None:
        total = self.contributed(party_id)
        if total is None:
            return None
        return total / Fraction(self.production.budget.amount)

    @functools.cached_property
    def _fractions(self) -> Mapping[str, Fraction | None]:
        return {cp.party: self._fraction(cp.party) for cp in self.co_producers}

    def share_of(self, party_id: str) -> Share:
        """A co-producer's share of the total budget, derived from its contributions.

        Raises:
            coprod.UnknownReferenceError: If no party has this id.
            coprod.InvalidValueError: If the share cannot be computed (a contribution in a
                currency with no agreed rate) or exceeds 100 %.

        """
        value = self.fraction_of(party_id)
        if value is None:
            raise InvalidValueError(
                f"cannot compute the share of {party_id!r}: a contribution is in a currency "
                f"with no agreed rate to {self.production.budget.currency}"
            )
        return Share(value)

    def shares(self) -> dict[str, Fraction | None]:
        """Every co-producer's fraction of the budget (None where it cannot be computed)."""
        return dict(self._fractions)

    # -- personnel ------------------------------------------------------------------------

    def countries_of_position(self, position: KeyPerson) -> tuple[Country, ...]:
        """The countries a key position counts for.

        The contract's explicit ``counts_for`` wins; otherwise the holder's nationalities and
        then residences (treaties often accept residents).
        """
        if position.counts_for is not None:
            return (position.counts_for,)
        assert position.person is not None
        person = self.party(position.person)
        assert isinstance(person, Person)
        return person.countries

    def nationalities_of_position(self, position: KeyPerson) -> tuple[Country, ...]:
        """The holder's nationalities, or the stated country when no holder is named."""
        if position.person is None:
            assert position.counts_for is not None
            return (position.counts_for,)
        person = self.party(position.person)
        assert isinstance(person, Person)
        return person.nationalities

    def residences_of_position(self, position: KeyPerson) -> tuple[Country, ...]:
        """The holder's countries of residence (empty when no holder is named)."""
        if position.person is None:
            return ()
        person = self.party(position.person)
        assert isinstance(person, Person)
        return person.residences


def _demo() -> CoProductionAgreement:
    """A two-party agreement used by doctests."""
    volga = Organisation(id="volga", name="Volga Animation", country=Country("RU"))
    panda = Organisation(id="panda", name="Panda Pictures", country=Country("CN"))
    return CoProductionAgreement(
        id="demo",
        production=Production(
            kind=ProductionKind.ANIMATION,
            titles=(Title("Demo", "en"),),
            original_languages=("ru", "zh"),
            budget=Money.parse("100 USD"),
        ),
        parties=(volga, panda),
        co_producers=(
            CoProducer(party="volga", role=CoProducerRole.MAJORITY),
            CoProducer(party="panda", role=CoProducerRole.MINORITY),
        ),
        contributions=(
            Contribution(party="volga", amount=Money.parse("60 USD")),
            Contribution(party="panda", amount=Money.parse("40 USD")),
        ),
        dates=AgreementDates(signed=parse_date("2024-01-01")),
        exchange_rates=(ExchangeRate(base=Currency("USD"), quote=Currency("RUB"),
                                     rate=Decimal("90")),),
    )

