"""Shared rights: grants, holdbacks, ownership, and a ledger that checks and answers them.

A :class:`RightsGrant` gives territory x media x language x term, exclusively or not, from a
grantor to a grantee, with holdbacks; :class:`Ownership` says who owns the copyright (shares
adding up to exactly 100 %) and how the co-owners allocated the exploitation rights among
themselves. A :class:`RightsLedger` holds them all and answers what a rights team asks:

* :meth:`RightsLedger.check` reports, as findings with stable codes, conflicts (each with a
  reason and the exact overlapping slice), grants that exceed what their grantor holds,
  gaps, holdback violations and terms that cannot be resolved yet;
* :meth:`RightsLedger.availability` says, for a territory x media x language x period
  query, which rights are free and which grants block them, through an index that answers
  in microseconds over 100,000 grants.

The world is closed (as in ODRL): nothing is held unless an allocation or grant says so.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import bisect
import datetime as _dt
import enum
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs
import pendulum

from coprod._fields import enum_member, instance_of, items_of
from coprod._frozen import FrozenDict
from coprod._rights_algebra import (
    DAWN,
    OPEN,
    Atom,
    Box,
    LanguageAtoms,
    days_term,
    merge,
    subtract,
    term_days,
)
from coprod.errors import (
    CoprodError,
    InvalidValueError,
    Problem,
    ProblemsError,
    UnknownReferenceError,
    quote,
)
from coprod.findings import Citation, Confidence, Finding, FindingCode, Report, Severity
from coprod.languages import LanguageScope
from coprod.media import Media, _summarise, expand_media, summarise_media
from coprod.parties import Organisation, Person
from coprod.parties import _check_id as _check_party_id
from coprod.share import Share
from coprod.terms import Term, parse_date
from coprod.territories import (
    Territories,
    TerritoryGroup,
    TerritoryGroups,
    TerritorySet,
)
from coprod.windows import Window, _check_event_id, _event_day

__all__ = [
    "FINDING_CODES",
    "Allocation",
    "Availability",
    "AvailabilityQuery",
    "AvailabilityRow",
    "Blocker",
    "CoOwner",
    "Conflict",
    "ConflictReason",
    "CoverageRequirement",
    "Holdback",
    "LedgerReferenceError",
    "MatchType",
    "Ownership",
    "RightsGrant",
    "RightsLedger",
    "RightsSlice",
]


def _tuple(value: Any) -> Any:
    # A list becomes a tuple; anything else is left for the validator (items_of) to refuse:
    # a string would otherwise become a tuple of its letters.
    return tuple(value) if isinstance(value, list) else value


class LedgerReferenceError(ProblemsError, UnknownReferenceError):
    """A rights ledger that refers to what it does not define.

    A grant id used twice, a party it does not list, a territory or group nobody defines.
    Every such problem is listed at once, each at its JSON path in the ledger's document; a
    file with them is reported problem by problem. It is both a :class:`ValueError` and a
    :class:`LookupError`.

    Attributes:
        problems: The problems, each with its path (``$.grants[1].grantee``).

    .. versionadded:: 0.1.0
    """


# --------------------------------------------------------------------------- converters


def _territories(value: Any) -> Any:
    if isinstance(value, str) or (
        isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)
    ):
        return Territories.parse(value)
    return value


def _media(value: Any) -> Any:
    if isinstance(value, (str, Media)):
        value = [value]
    if isinstance(value, (list, tuple, frozenset, set)):
        return tuple(Media.parse(m) for m in value)
    return value


def _check_media(_i: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, tuple) or not value or not all(isinstance(m, Media) for m in value):
        raise InvalidValueError(f"{attribute.name} must list at least one medium")


def _languages(value: Any) -> Any:
    if value is None:
        return LanguageScope.any()
    if isinstance(value, str):
        return LanguageScope.parse(value)
    if isinstance(value, (list, tuple)):
        return LanguageScope(frozenset(value))
    return value


def _window(value: Any) -> Any:
    if isinstance(value, Term):
        return Window.from_term(value)
    return value


def _match_type(value: Any) -> Any:
    return enum_member(MatchType, value)


def _instance(cls: type) -> Any:
    return instance_of(cls)


def _check_id(instance: Any, attribute: Any, value: str) -> None:
    # The party-id rule of coprod.parties, typed for attrs' field inference.
    _check_party_id(instance, attribute, value)


# --------------------------------------------------------------------------- model


@attrs.frozen(kw_only=True)
class Holdback:
    """A promise that nobody but the protected party exploits a slice during a window.

    Attached to a grant, it protects that grant's grantee ("no SVOD in RU until 18 months
    after first theatrical release"); standing alone in a ledger, it names its beneficiary.

    Args:
        territories: Where the holdback applies.
        media: Which media are held back.
        languages: Which languages (any by default).
        window: When; often relative to an event.
        beneficiary: The protected party (defaults to the grantee of the grant holding it).
        clause: The clause it comes from.

    .. versionadded:: 0.1.0

    """

    territories: Territories = attrs.field(converter=_territories, validator=_instance(Territories))
    media: tuple[Media, ...] = attrs.field(converter=_media, validator=_check_media)
    languages: LanguageScope = attrs.field(factory=LanguageScope.any, converter=_languages,
                                           validator=_instance(LanguageScope))
    window: Window = attrs.field(converter=_window, validator=_instance(Window))
    beneficiary: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(_check_id)
    )
    clause: str | None = None


@attrs.frozen(kw_only=True)
class RightsGrant:
    """A grant (licence or assignment) of rights in one work.

    Args:
        id: Unique within the ledger.
        grantor: The party id granting.
        grantee: The party id receiving.
        territories: Where (an include or exclude list).
        media: In which media (groups such as ``all-tv`` cover their members).
        languages: In which languages and versions (any by default).
        term: When: a :class:`coprod.windows.Window` (or a :class:`coprod.terms.Term`).
        exclusive: Whether nobody else may be granted the same rights.
        holdbacks: Holdbacks protecting the grantee.
        clause: The source clause (``"SVOD licence 2024-17, cl. 2.1"``).

    Example:
        >>> g = RightsGrant(id="svod-ru", grantor="volga", grantee="kinostream",
        ...                 territories="RU", media="svod", languages="ru",
        ...                 term=Window.fixed("2025-01-01", "2027-12-31"), exclusive=True)
        >>> str(g)
        'svod-ru: volga -> kinostream, RU, svod, ru, from 2025-01-01 to 2027-12-31, exclusive'

    .. versionadded:: 0.1.0

    """

    id: str = attrs.field(validator=_check_id)
    grantor: str = attrs.field(validator=_check_id)
    grantee: str = attrs.field(validator=_check_id)
    territories: Territories = attrs.field(converter=_territories, validator=_instance(Territories))
    media: tuple[Media, ...] = attrs.field(converter=_media, validator=_check_media)
    languages: LanguageScope = attrs.field(factory=LanguageScope.any, converter=_languages,
                                           validator=_instance(LanguageScope))
    term: Window = attrs.field(converter=_window, validator=_instance(Window))
    exclusive: bool = attrs.field(validator=_instance(bool))
    holdbacks: tuple[Holdback, ...] = attrs.field(
        default=(), converter=_tuple, validator=items_of(Holdback))
    clause: str | None = None

    @grantee.validator
    def _check_parties(self, _a: object, value: str) -> None:
        if value == self.grantor:
            raise InvalidValueError(f"grant {self.id!r}: a party cannot grant rights to itself")

    def __str__(self) -> str:
        media = ", ".join(m.value for m in self.media)
        kind = "exclusive" if self.exclusive else "non-exclusive"
        return (
            f"{self.id}: {self.grantor} -> {self.grantee}, {self.territories}, {media}, "
            f"{self.languages}, {self.term}, {kind}"
        )


@attrs.frozen
class CoOwner:
    """A co-owner of the copyright and its share.

    .. versionadded:: 0.1.0
    """

    party: str = attrs.field(validator=_check_id)
    share: Share = attrs.field(validator=_instance(Share))


@attrs.frozen(kw_only=True)
class Allocation:
    """Exploitation rights the co-owners allocated to one of them (or to a third party).

    Args:
        holder: Who exploits these rights.
        territories: Where.
        media: Which media (``all-media`` by default).
        languages: Which languages (any by default).
        term: When (for the life of the copyright if not given).
        exclusive: Whether the holder alone exploits them (default True).
        clause: The clause of the co-production agreement.

    .. versionadded:: 0.1.0

    """

    holder: str = attrs.field(validator=_check_id)
    territories: Territories = attrs.field(converter=_territories, validator=_instance(Territories))
    media: tuple[Media, ...] = attrs.field(
        default=(Media.ALL_MEDIA,), converter=_media, validator=_check_media
    )
    languages: LanguageScope = attrs.field(factory=LanguageScope.any, converter=_languages,
                                           validator=_instance(LanguageScope))
    term: Window | None = attrs.field(
        default=None, converter=attrs.converters.optional(_window),
        validator=attrs.validators.optional(_instance(Window)))
    exclusive: bool = attrs.field(default=True, validator=_instance(bool))
    clause: str | None = None


def _co_owners(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value




@attrs.frozen(kw_only=True)
class Ownership:
    """Who owns the copyright, and how the exploitation rights are allocated.

    Args:
        owners: The co-owners; their shares add up to exactly 100 %.
        allocations: Exploitation rights allocated to one party each. What no allocation
            covers stays with the co-owners jointly.

    Raises:
        InvalidValueError: If the shares do not add up to 100 % or an owner is listed twice.

    Example:
        >>> o = Ownership(owners=(CoOwner("volga", Share.parse("60%")),
        ...                       CoOwner("panda", Share.parse("40%"))))
        >>> str(o.share_of("panda"))
        '40%'
        >>> Ownership(owners=(CoOwner("volga", Share.parse("60%")),))
        Traceback (most recent call last):
        ...
        coprod.errors.InvalidValueError: copyright shares must add up to exactly 100%, got 3/5 (60%)

    .. versionadded:: 0.1.0

    """

    owners: tuple[CoOwner, ...] = attrs.field(converter=_co_owners, validator=items_of(CoOwner))
    allocations: tuple[Allocation, ...] = attrs.field(
        default=(), converter=_tuple, validator=items_of(Allocation))

    @owners.validator
    def _check_owners(self, _a: object, value: tuple[CoOwner, ...]) -> None:
        if not value:
            raise InvalidValueError("ownership needs at least one co-owner")
        ids = [o.party for o in value]
        if len(set(ids)) != len(ids):
            raise InvalidValueError("a co-owner is listed twice")
        total = Share.total(o.share for o in value)
        if total != 1:
            raise InvalidValueError(
                f"copyright shares must add up to exactly 100%, got {total} "
                f"({float(total) * 100:g}%)"
            )

    @classmethod
    def from_agreement(cls, agreement: object, allocations: Iterable[Allocation] = ()) -> Ownership:
        """Ownership from a co-production agreement's copyright shares.

        Args:
            agreement: A :class:`coprod.agreements.CoProductionAgreement` (anything with a
                ``copyright`` sequence of ``party``/``share`` entries).
            allocations: How the exploitation rights are allocated.

        """
        shares = getattr(agreement, "copyright", ())
        return cls(
            owners=tuple(CoOwner(s.party, s.share) for s in shares), allocations=tuple(allocations)
        )

    def share_of(self, party: str) -> Share:
        """A party's share of the copyright (0 % if it is not a co-owner)."""
        for o in self.owners:
            if o.party == party:
                return o.share
        return Share.ZERO

    def is_owner(self, party: str) -> bool:
        """Whether *party* co-owns the copyright."""
        return any(o.party == party for o in self.owners)


@attrs.frozen(kw_only=True)
class CoverageRequirement:
    """Rights the agreement says must be allocated or granted ("worldwide, all media").

    .. versionadded:: 0.1.0
    """

    territories: Territories = attrs.field(converter=_territories, validator=_instance(Territories))
    media: tuple[Media, ...] = attrs.field(
        default=(Media.ALL_MEDIA,), converter=_media, validator=_check_media
    )
    languages: LanguageScope = attrs.field(factory=LanguageScope.any, converter=_languages,
                                           validator=_instance(LanguageScope))
    term: Window | None = attrs.field(
        default=None, converter=attrs.converters.optional(_window),
        validator=attrs.validators.optional(_instance(Window)))
    clause: str | None = None


# --------------------------------------------------------------------------- results


@attrs.frozen
class RightsSlice:
    """A slice of rights: territories x media x languages x term.

    .. versionadded:: 0.1.0
    """

    territories: TerritorySet
    media: tuple[Media, ...]
    languages: LanguageScope
    term: Term

    def __str__(self) -> str:
        return (
            f"{self.territories} / {', '.join(m.value for m in self.media)} / "
            f"{self.languages} / {_term_text(self.term)}"
        )

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready mapping."""
        clause = self.territories.to_territories()
        terr: dict[str, list[str]] = (
            {"exclude": list(clause.exclude or ())}
            if clause.is_exclusion
            else {"include": list(clause.include or ())}
        )
        return {
            "territories": terr,
            "media": [m.value for m in self.media],
            "languages": str(self.languages),
            "start": None if self.term.start.toordinal() <= DAWN else self.term.start.isoformat(),
            "end": None if self.term.end is None else self.term.end.isoformat(),
        }


def _term_text(term: Term) -> str:
    start = "always" if term.start.toordinal() <= DAWN else term.start.isoformat()
    return f"{start}..{term.end.isoformat() if term.end else 'open'}"


class ConflictReason(enum.Enum):
    """Why two grants collide.

    .. versionadded:: 0.1.0
    """

    EXCLUSIVE_EXCLUSIVE = "exclusive-exclusive"
    EXCLUSIVE_NON_EXCLUSIVE = "exclusive-non-exclusive"
    SAME_GRANTEE = "same-grantee"
    ALLOCATION = "allocation"

    @property
    def code(self) -> str:
        """The finding code for this reason."""
        return {
            "exclusive-exclusive": "RIGHTS-CONFLICT-EXCLUSIVE",
            "exclusive-non-exclusive": "RIGHTS-CONFLICT-EXCLUSIVE-NONEXCLUSIVE",
            "same-grantee": "RIGHTS-OVERLAP-SAME-GRANTEE",
            "allocation": "RIGHTS-CONFLICT-ALLOCATION",
        }[self.value]


@attrs.frozen
class Conflict:
    """Two grants (or allocations) that collide, and exactly where.

    ``first`` and ``second`` are in id order, so a conflict is the same whichever grant is
    examined first.

    .. versionadded:: 0.1.0
    """

    first: str
    second: str
    reason: ConflictReason
    slices: tuple[RightsSlice, ...]

    def __str__(self) -> str:
        return f"{self.first} x {self.second} ({self.reason.value}): " + "; ".join(
            map(str, self.slices)
        )


class MatchType(enum.Enum):
    """How a free window must meet the queried period (as in the Rightsline Avails API).

    * ``cover``: free on every day of the period;
    * ``overlap``: free on at least one day of it;
    * ``starts-within``: a free window starts within it (free on a day of the period and
      not on the day before).

    .. versionadded:: 0.1.0
    """

    COVER = "cover"
    OVERLAP = "overlap"
    STARTS_WITHIN = "starts-within"


def _query_territories(value: Any) -> Any:
    if isinstance(value, str):
        return TerritorySet.parse(value)
    return value


@attrs.frozen(kw_only=True)
class AvailabilityQuery:
    """What is asked of :meth:`RightsLedger.availability`.

    Args:
        territories: The countries wanted (a :class:`~coprod.territories.TerritorySet`, or text
            such as "RU, BY").
        media: The media wanted.
        languages: The languages wanted (any by default).
        period: The days wanted (both ends inclusive; an end is required).
        match: How a free window must meet the period.
        exclusive_only: Whether the rights are wanted exclusively: then non-exclusive grants
            block too.

    .. versionadded:: 0.1.0

    """

    territories: TerritorySet = attrs.field(
        converter=_query_territories, validator=_instance(TerritorySet)
    )
    media: tuple[Media, ...] = attrs.field(converter=_media, validator=_check_media)
    languages: LanguageScope = attrs.field(factory=LanguageScope.any, converter=_languages,
                                           validator=_instance(LanguageScope))
    period: Term = attrs.field(validator=_instance(Term))
    match: MatchType = attrs.field(
        default=MatchType.COVER, converter=_match_type, validator=_instance(MatchType))
    exclusive_only: bool = attrs.field(default=False, validator=_instance(bool))

    @period.validator
    def _check_period(self, _a: object, value: Term) -> None:
        if value.end is None:
            raise InvalidValueError("an availability query needs an end date")


@attrs.frozen
class Blocker:
    """A grant or holdback that blocks part of a query, and the part it blocks.

    .. versionadded:: 0.1.0
    """

    source: str
    reason: str
    slice: RightsSlice

    def __str__(self) -> str:
        return f"{self.source} ({self.reason}): {self.slice}"


@attrs.frozen
class AvailabilityRow:
    """Part of a query with the same answer: its free windows within the period, and a verdict.

    .. versionadded:: 0.1.0
    """

    territories: TerritorySet
    media: tuple[Media, ...]
    languages: LanguageScope
    free: tuple[Term, ...]
    matches: bool

    def __str__(self) -> str:
        free = ", ".join(str(t) for t in self.free) or "none"
        verdict = "available" if self.matches else "not available"
        media = ", ".join(m.value for m in self.media)
        return f"{self.territories} / {media} / {self.languages}: {verdict} (free: {free})"


_RowsAndBlockers = tuple[tuple[AvailabilityRow, ...], tuple[Blocker, ...]]


class _Detail:
    """Rows and blockers of an answer, worked out on first use and kept.

    :meth:`RightsLedger.availability` decides ``available`` from the index alone; listing
    every part and every blocking grant costs far more, so it waits until asked for.
    """

    __slots__ = ("_make", "_value")

    def __init__(self, make: Callable[[], _RowsAndBlockers]) -> None:
        self._make: Callable[[], _RowsAndBlockers] | None = make
        self._value: _RowsAndBlockers | None = None

    def get(self) -> _RowsAndBlockers:
        if self._value is None:
            assert self._make is not None
            self._value = self._make()
            self._make = None  # let the ledger's analysis go
        return self._value

    def __reduce__(self) -> tuple[Any, ...]:
        return (_done, self.get())


def _done(rows: tuple[AvailabilityRow, ...], blockers: tuple[Blocker, ...]) -> _Detail:
    detail = _Detail(lambda: (rows, blockers))
    detail.get()
    return detail


def _rows_of(value: object) -> tuple[AvailabilityRow, ...]:
    return value.get()[0] if isinstance(value, _Detail) else value  # type: ignore[return-value]


def _blockers_of(value: object) -> tuple[Blocker, ...]:
    return value.get()[1] if isinstance(value, _Detail) else value  # type: ignore[return-value]


@attrs.frozen(repr=False)
class Availability:
    """The answer to an :class:`AvailabilityQuery`.

    ``available`` comes straight from the index; ``rows`` and ``blockers`` are worked out the
    first time they are read (and kept), so a yes/no question over many countries and media
    stays cheap. Either way the answer is the same, and compares equal to one built eagerly.

    Attributes:
        query: The question.
        available: Whether every part of the query matches.
        unresolved: Grants whose terms could not be resolved (not counted as blocking).

    ``rows`` and ``blockers`` are the properties below.

    .. versionadded:: 0.1.0

    """

    query: AvailabilityQuery
    available: bool
    _rows: tuple[AvailabilityRow, ...] = attrs.field(alias="rows", eq=_rows_of)
    _blockers: tuple[Blocker, ...] = attrs.field(alias="blockers", eq=_blockers_of)
    unresolved: tuple[str, ...] = ()

    @classmethod
    def _lazy(cls, query: AvailabilityQuery, available: bool, detail: _Detail,
              unresolved: tuple[str, ...]) -> Availability:
        # The fields are typed as the tuples callers pass; here they hold the detail that
        # makes them on first use (see the properties below).
        answer = object.__new__(cls)
        for name, value in (("query", query), ("available", available), ("_rows", detail),
                            ("_blockers", detail), ("unresolved", unresolved)):
            object.__setattr__(answer, name, value)
        return answer

    @property
    def rows(self) -> tuple[AvailabilityRow, ...]:
        """The parts of the query, each with its free windows and verdict."""
        return _rows_of(self._rows)

    @property
    def blockers(self) -> tuple[Blocker, ...]:
        """The grants and holdbacks that block, each with the part it blocks."""
        return _blockers_of(self._blockers)

    def __repr__(self) -> str:
        return (f"Availability(query={self.query!r}, available={self.available!r}, "
                f"rows={self.rows!r}, blockers={self.blockers!r}, unresolved={self.unresolved!r})")


# --------------------------------------------------------------------------- codes

FINDING_CODES: tuple[FindingCode, ...] = tuple(
    FindingCode(code=c, severity=s, summary=t, origin="rights")
    for c, s, t in (
        ("RIGHTS-CONFLICT-EXCLUSIVE", Severity.ERROR,
         "Two exclusive grants to different grantees overlap in territory, media, language "
         "and time."),
        ("RIGHTS-CONFLICT-EXCLUSIVE-NONEXCLUSIVE", Severity.ERROR,
         "An exclusive grant overlaps a non-exclusive grant to another grantee."),
        ("RIGHTS-OVERLAP-SAME-GRANTEE", Severity.INFO,
         "Two grants to the same grantee overlap (a duplicate, renewal or amendment)."),
        ("RIGHTS-CONFLICT-ALLOCATION", Severity.ERROR,
         "Two exclusive allocations of exploitation rights to different holders overlap."),
        ("RIGHTS-EXCEEDS-GRANTOR", Severity.ERROR,
         "A grant gives rights its grantor does not hold."),
        ("RIGHTS-EXCLUSIVITY-EXCEEDS", Severity.ERROR,
         "An exclusive grant of rights the grantor holds only non-exclusively."),
        ("RIGHTS-JOINT-CONSENT", Severity.WARNING,
         "A co-owner grants rights held jointly by all co-owners: it needs their consent."),
        ("RIGHTS-GAP-REQUIRED", Severity.WARNING,
         "Rights the agreement says must be allocated or granted are not."),
        ("RIGHTS-GAP-UNALLOCATED", Severity.INFO,
         "Exploitation rights no allocation covers: they stay with the co-owners jointly."),
        ("RIGHTS-GAP-UNLICENSED", Severity.INFO,
         "Rights allocated to a party that it has not licensed onwards."),
        ("RIGHTS-HOLDBACK-VIOLATION", Severity.ERROR,
         "A grant exploits a slice another party is protected from by a holdback."),
        ("RIGHTS-TERM-UNRESOLVED", Severity.WARNING,
         "A term hangs on an event whose date is not known: a start, and the grant was not "
         "checked; or an end, and the grant is taken as running until further notice."),
        ("RIGHTS-TERM-EMPTY", Severity.WARNING,
         "A term resolves to no day at all (it ends before it starts)."),
        ("RIGHTS-OWNERSHIP-UNKNOWN", Severity.INFO,
         "No ownership is stated; the grants of parties holding no grant were not checked."),
    )
)


# --------------------------------------------------------------------------- analysis types


@attrs.frozen
class _Entry:
    """A resolved, index-ready piece of a grant, allocation or holdback."""

    key: int
    kind: str  # grant | allocation | holdback | requirement
    source: str  # the grant's id, or "allocation #i", or the holdback and its path
    path: str
    party: str  # grantee / holder / beneficiary
    grantor: str | None
    exclusive: bool
    box: Box
    scope: LanguageScope
    territories: TerritorySet
    media: frozenset[Media]
    term: Term
    clause: str | None


def _party_ids(parties: Iterable[Organisation | Person]) -> frozenset[str]:
    return frozenset(p.id for p in parties)


def _events(value: Any) -> Any:
    # Read-only and hashable: a frozen ledger's event dates cannot change under its caches.
    if isinstance(value, FrozenDict) and all(type(v) is pendulum.Date for v in value.values()):
        return value
    if isinstance(value, Mapping):
        # Names are kept as given, for the validator to check by the rule resolve_events has.
        return FrozenDict({k: _event_day(value, k) for k in value})
    return value


def _check_events(_instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, FrozenDict):
        raise InvalidValueError(
            f"{attribute.name} must map event names to dates, got {quote(value)}",
            field=attribute.name)
    for name in value:
        try:
            _check_event_id(name)
        except InvalidValueError as exc:
            raise InvalidValueError(f"{attribute.name}: {exc}", field=attribute.name) from None


@attrs.frozen(kw_only=True)
class RightsLedger:
    """Every grant of rights in one work, with its ownership, holdbacks and known event dates.

    Args:
        id: The ledger's id (the work's id, usually).
        title: The work's title.
        parties: The parties named by grants, allocations and holdbacks (if given, every
            party id used must be listed).
        ownership: Who owns the copyright and how exploitation rights are allocated.
        grants: The grants.
        holdbacks: Holdbacks that stand alone (each names its beneficiary).
        requirements: Rights the agreement says must be covered.
        events: Known event dates (``first-theatrical-release: 2025-03-14``).
        territory_groups: User-defined territory groups ("Greater China").
        agreement: The id of the co-production agreement the ledger belongs to.

    Raises:
        InvalidValueError: For a grant id used twice or an unknown territory token.
        UnknownReferenceError: For a party id no party has.

    Example:
        >>> ledger = RightsLedger(id="ice-road", grants=(
        ...     RightsGrant(id="a", grantor="volga", grantee="kinostream", territories="RU",
        ...                 media="svod", term=Window.fixed("2025-01-01", "2026-12-31"),
        ...                 exclusive=True),
        ...     RightsGrant(id="b", grantor="panda", grantee="okko-like", territories="RU, BY",
        ...                 media="all-vod", term=Window.fixed("2026-01-01"), exclusive=False)))
        >>> [str(c) for c in ledger.conflicts()]
        ['a x b (exclusive-non-exclusive): RU / svod / any language / 2026-01-01..2026-12-31']

    .. versionadded:: 0.1.0

    """

    id: str = attrs.field(validator=_check_id)
    title: str | None = None
    agreement: str | None = None
    parties: tuple[Organisation | Person, ...] = attrs.field(
        default=(), converter=_tuple, validator=items_of(Organisation, Person))
    ownership: Ownership | None = attrs.field(
        default=None, validator=attrs.validators.optional(_instance(Ownership)))
    grants: tuple[RightsGrant, ...] = attrs.field(
        default=(), converter=_tuple, validator=items_of(RightsGrant))
    holdbacks: tuple[Holdback, ...] = attrs.field(
        default=(), converter=_tuple, validator=items_of(Holdback))
    requirements: tuple[CoverageRequirement, ...] = attrs.field(
        default=(), converter=_tuple, validator=items_of(CoverageRequirement))
    events: Mapping[str, pendulum.Date] = attrs.field(
        factory=dict, converter=_events, validator=_check_events)
    territory_groups: tuple[TerritoryGroup, ...] = attrs.field(
        default=(), converter=_tuple, validator=items_of(TerritoryGroup))
    _cache: dict[str, object] = attrs.field(factory=dict, init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        problems = tuple(self._reference_problems())
        if problems:
            raise LedgerReferenceError(problems)

    def _reference_problems(self) -> Iterator[Problem]:
        seen: set[str] = set()
        for i, g in enumerate(self.grants):
            if g.id in seen:
                yield Problem(f"$.grants[{i}].id", f"grant id {g.id!r} is used twice")
            seen.add(g.id)
        groups = self.groups
        for path, clause in self._clauses():
            try:
                clause.check(groups)
            except CoprodError as exc:
                yield Problem(path, str(exc))
        if self.parties:
            known = _party_ids(self.parties)
            for path, pid in self._party_refs():
                if pid not in known:
                    yield Problem(path, f"unknown party {pid!r}: the ledger lists "
                                        f"{', '.join(sorted(known))}")

    def _clauses(self) -> Iterator[tuple[str, Territories]]:
        for i, g in enumerate(self.grants):
            yield f"$.grants[{i}].territories", g.territories
            for j, h in enumerate(g.holdbacks):
                yield f"$.grants[{i}].holdbacks[{j}].territories", h.territories
        for k, h in enumerate(self.holdbacks):
            yield f"$.holdbacks[{k}].territories", h.territories
        if self.ownership:
            for m, a in enumerate(self.ownership.allocations):
                yield f"$.ownership.allocations[{m}].territories", a.territories
        for n, r in enumerate(self.requirements):
            yield f"$.requirements[{n}].territories", r.territories

    def _party_refs(self) -> Iterator[tuple[str, str]]:
        for i, g in enumerate(self.grants):
            yield f"$.grants[{i}].grantor", g.grantor
            yield f"$.grants[{i}].grantee", g.grantee
            for j, h in enumerate(g.holdbacks):
                if h.beneficiary:
                    yield f"$.grants[{i}].holdbacks[{j}].beneficiary", h.beneficiary
        for k, h in enumerate(self.holdbacks):
            if h.beneficiary:
                yield f"$.holdbacks[{k}].beneficiary", h.beneficiary
        if self.ownership:
            for m, o in enumerate(self.ownership.owners):
                yield f"$.ownership.owners[{m}].party", o.party
            for m, a in enumerate(self.ownership.allocations):
                yield f"$.ownership.allocations[{m}].holder", a.holder

    # ---- look-ups
    @property
    def groups(self) -> TerritoryGroups:
        """The territory groups clauses may name (built-in plus the ledger's own)."""
        return TerritoryGroups.default().with_groups(*self.territory_groups)

    def grant(self, grant_id: str) -> RightsGrant:
        """The grant with this id.

        Raises:
            UnknownReferenceError: If there is none.

        """
        for g in self.grants:
            if g.id == grant_id:
                return g
        raise UnknownReferenceError(f"no grant {grant_id!r} in ledger {self.id!r}")

    def with_grants(self, *grants: RightsGrant) -> RightsLedger:
        """A ledger with these grants added."""
        return attrs.evolve(self, grants=self.grants + tuple(grants))

    # ---- analysis
    def _analysis(self) -> _Analysis:
        hit = self._cache.get("analysis")
        if hit is None:
            hit = _Analysis(self)
            self._cache["analysis"] = hit
        assert isinstance(hit, _Analysis)
        return hit

    def conflicts(self) -> tuple[Conflict, ...]:
        """Every pair of grants (and of allocations) that collide, with the exact slices."""
        return self._analysis().conflicts()

    def check(self, as_of: _dt.date | None = None) -> Report:
        """Every finding: conflicts, excess, gaps, holdback violations, unresolved terms.

        Args:
            as_of: The date the report is made on (today if not given).

        """
        when = parse_date(as_of) if as_of is not None else pendulum.today().date()
        return Report(
            findings=tuple(self._analysis().findings()),
            as_of=when,
            agreement=self.agreement or self.id,
        )

    def availability(self, query: AvailabilityQuery) -> Availability:
        """Which rights in *query* are free, and which grants and holdbacks block them.

        Example:
            >>> ledger = RightsLedger(id="w", grants=(RightsGrant(
            ...     id="a", grantor="volga", grantee="kinostream", territories="RU", media="svod",
            ...     term=Window.fixed("2025-01-01", "2025-12-31"), exclusive=True),))
            >>> q = AvailabilityQuery(territories="RU", media="svod",
            ...     period=Term(parse_date("2025-06-01"), parse_date("2026-06-30")),
            ...     match=MatchType.OVERLAP)
            >>> a = ledger.availability(q)
            >>> a.available, [str(t) for t in a.rows[0].free], [b.source for b in a.blockers]
            (True, ['2026-01-01..2026-06-30'], ['a'])

        """
        return self._analysis().availability(query)

    def availability_linear(self, query: AvailabilityQuery) -> Availability:
        """The same answer as :meth:`availability`, found by scanning every grant (for checks)."""
        return self._analysis().availability(query, linear=True)

    def holdings(self, party: str) -> tuple[RightsSlice, ...]:
        """What *party* holds: its allocations and the grants it received, merged."""
        a = self._analysis()
        return tuple(a.slice_of(b) for b in merge(e.box for e in a.holdings_of(party)))


# --------------------------------------------------------------------------- the analysis


def _citation(ledger: RightsLedger, clause: str | None) -> Citation:
    return Citation(
        instrument=f"rights-ledger:{ledger.id}",
        article=clause or "clause not stated",
        source=f"rights ledger {ledger.id!r}",
        confidence=Confidence.HIGH,
    )


_CELL_LIMIT = 48  # territory sets larger than this are indexed per medium, not per country


class _Analysis:
    """Resolved entries, index and findings of one ledger."""

    def __init__(self, ledger: RightsLedger) -> None:
        self.ledger = ledger
        self.groups = ledger.groups
        scopes: list[LanguageScope] = []
        for g in ledger.grants:
            scopes.append(g.languages)
            scopes.extend(h.languages for h in g.holdbacks)
        scopes.extend(h.languages for h in ledger.holdbacks)
        if ledger.ownership:
            scopes.extend(a.languages for a in ledger.ownership.allocations)
        scopes.extend(r.languages for r in ledger.requirements)
        self.scopes = scopes
        self.atoms = LanguageAtoms(scopes)
        self.entries: list[_Entry] = []
        self.unresolved: list[tuple[str, str, tuple[str, ...]]] = []  # (source, path, events)
        # Begun, and running until events not yet dated: counted until further notice.
        self.running_until: list[tuple[str, str, tuple[str, ...]]] = []
        self.empty: list[tuple[str, str]] = []
        self.by_grant: dict[str, list[_Entry]] = {}
        self.holdback_entries: list[tuple[_Entry, str | None]] = []  # (entry, protected grant id)
        self._countries: dict[Territories, TerritorySet | object] = {}
        self._tokens: dict[str, TerritorySet | object] = {}
        self._resolve()
        # Both halves of the index, set in one assignment: a thread reading it while another
        # builds it sees either nothing (and builds it too) or all of it.
        self._built: tuple[dict[tuple[str, Media], list[_Bucket]],
                           dict[Media, list[_Bucket]]] | None = None

    # ---- resolution
    def _add(self, *, kind: str, source: str, path: str, party: str, grantor: str | None,
             exclusive: bool, territories: Territories, media: Sequence[Media],
             languages: LanguageScope, window: Window | None, clause: str | None) -> list[_Entry]:
        if window is None:
            term: Term | None = Term(pendulum.Date(1, 1, 1))
        else:
            term = window.resolve(self.ledger.events)
            missing = window.missing_events(self.ledger.events)
            if term is None:
                if missing:
                    self.unresolved.append((source, path, missing))
                else:
                    self.empty.append((source, path))
                return []
            if missing:  # it has begun and runs until an event not yet dated: open-ended
                self.running_until.append((source, path, missing))
        leaves = expand_media(media)
        out = []
        assert term is not None
        # The same clause ("FR", "Europe") recurs across thousands of grants: work out once
        # whether it names dated groups, and if not, the countries it stands for.
        known = self._countries.get(territories)
        if known is None:
            known = self._countries[territories] = self._clause_countries(territories)
        if isinstance(known, TerritorySet):
            pieces: tuple[tuple[Term, TerritorySet], ...] = ((term, known),)
        else:  # dated groups: split the term where their membership changes
            pieces = territories.segments(term, self.groups)
        for piece, countries in pieces:
            if countries.is_empty:
                continue
            first, last = term_days(piece)
            entry = _Entry(
                key=len(self.entries), kind=kind, source=source, path=path, party=party,
                grantor=grantor, exclusive=exclusive,
                box=Box(countries.codes, leaves, self.atoms.atoms(languages), first, last),
                scope=languages, territories=countries, media=leaves, term=piece, clause=clause,
            )
            self.entries.append(entry)
            out.append(entry)
        return out

    def _clause_countries(self, territories: Territories) -> TerritorySet | object:
        """What ``territories.resolve(groups=...)`` gives, or _DATED if a token is dated.

        Token by token, each worked out once per ledger: the clauses of a catalogue differ
        (every "worldwide except ..." its own list) but name the same few hundred tokens.
        """
        groups = self.groups or TerritoryGroups.default()
        tokens = self._tokens
        named = []
        for token in territories.tokens:
            countries = tokens.get(token)
            if countries is None:
                countries = tokens[token] = (
                    _DATED if groups.is_dated(token) else groups.resolve(token))
            if countries is _DATED:
                return _DATED
            named.append(countries)
        union = TerritorySet.empty().union(*named)  # type: ignore[arg-type]
        return ~union if territories.is_exclusion else union

    def _resolve(self) -> None:
        led = self.ledger
        for i, g in enumerate(led.grants):
            path = f"$.grants[{i}]"
            self.by_grant[g.id] = self._add(
                kind="grant", source=g.id, path=path, party=g.grantee, grantor=g.grantor,
                exclusive=g.exclusive, territories=g.territories, media=g.media,
                languages=g.languages, window=g.term, clause=g.clause)
            for j, h in enumerate(g.holdbacks):
                for e in self._add(
                    kind="holdback", source=f"the holdback of {g.id} ({path}.holdbacks[{j}])",
                    path=f"{path}.holdbacks[{j}]",
                    party=h.beneficiary or g.grantee, grantor=None, exclusive=True,
                    territories=h.territories, media=h.media, languages=h.languages,
                    window=h.window, clause=h.clause or g.clause):
                    self.holdback_entries.append((e, g.id))
        for j, h in enumerate(led.holdbacks):
            for e in self._add(
                kind="holdback", source=f"the holdback at $.holdbacks[{j}]",
                path=f"$.holdbacks[{j}]",
                party=h.beneficiary or "", grantor=None, exclusive=True,
                territories=h.territories, media=h.media, languages=h.languages,
                window=h.window, clause=h.clause):
                self.holdback_entries.append((e, None))
        self.allocations: list[_Entry] = []
        if led.ownership:
            for j, a in enumerate(led.ownership.allocations):
                self.allocations += self._add(
                    kind="allocation", source=f"allocation to {a.holder}",
                    path=f"$.ownership.allocations[{j}]", party=a.holder, grantor=None,
                    exclusive=a.exclusive, territories=a.territories, media=a.media,
                    languages=a.languages, window=a.term, clause=a.clause)
        self.requirements: list[_Entry] = []
        for j, r in enumerate(led.requirements):
            self.requirements += self._add(
                kind="requirement", source=f"requirement {j + 1}", path=f"$.requirements[{j}]",
                party="", grantor=None, exclusive=False, territories=r.territories,
                media=r.media, languages=r.languages, window=r.term, clause=r.clause)
        self.grant_entries = [e for e in self.entries if e.kind == "grant"]

    def slice_of(self, box: Box) -> RightsSlice:
        return RightsSlice(
            TerritorySet._trusted(box.codes),
            summarise_media(box.media),
            self.atoms.scope(box.langs),
            days_term(box.first, box.last),
        )

    # ---- index
    def index(self) -> dict[tuple[str, Media], list[_Bucket]]:
        """Entries by (country, medium); territory sets wider than a region go by medium.

        Within a cell, entries are split by length (up to a year, five years, ten years,
        longer or open) and sorted by start, so a query only scans entries that start
        within one length of its period.
        """
        return self._index_and_wide()[0]

    def _index_and_wide(
        self,
    ) -> tuple[dict[tuple[str, Media], list[_Bucket]], dict[Media, list[_Bucket]]]:
        built = self._built
        if built is None:
            cells: dict[tuple[str, Media], list[tuple[int, int, int]]] = {}
            wide: dict[Media, list[tuple[int, int, int]]] = {}
            for e in self.entries:
                if e.kind not in {"grant", "holdback"}:
                    continue
                item = (e.box.first, e.box.last, e.key)
                if len(e.box.codes) > _CELL_LIMIT:
                    for m in e.box.media:
                        wide.setdefault(m, []).append(item)
                else:
                    for c in e.box.codes:
                        for m in e.box.media:
                            cells.setdefault((c, m), []).append(item)
            built = ({k: _buckets(v) for k, v in cells.items()},
                     {k: _buckets(v) for k, v in wide.items()})
            self._built = built
        return built

    def candidates(
        self, codes: frozenset[str], media: frozenset[Media], first: int, last: int
    ) -> list[_Entry]:
        """Grant and holdback entries touching the footprint in [first, last]."""
        cells, wide = self._index_and_wide()
        keys: set[int] = set()
        entries = self.entries
        for m in media:
            for c in codes:
                buckets = cells.get((c, m))
                if buckets:
                    for bucket in buckets:
                        bucket.collect(first, last, keys)
            for bucket in wide.get(m, ()):
                found: set[int] = set()
                bucket.collect(first, last, found)
                keys.update(k for k in found if not codes.isdisjoint(entries[k].box.codes))
        return [entries[k] for k in sorted(keys)]

    def candidates_linear(
        self, codes: frozenset[str], media: frozenset[Media], first: int, last: int
    ) -> list[_Entry]:
        return [
            e for e in self.entries
            if e.kind in {"grant", "holdback"} and e.box.last >= first and e.box.first <= last
            and not e.box.media.isdisjoint(media) and not e.box.codes.isdisjoint(codes)
        ]

    # ---- chains
    def _upstream(self, grant_id: str) -> frozenset[str]:
        """Grants the grantor of *grant_id* received that overlap it, transitively."""
        cache: dict[str, frozenset[str]] = self.__dict__.setdefault("_up", {})
        if grant_id in cache:
            return cache[grant_id]
        cache[grant_id] = frozenset()  # cycle guard
        g = self.ledger.grant(grant_id)
        mine = self.by_grant.get(grant_id, [])
        out: set[str] = set()
        for h in self.ledger.grants:
            if h.grantee != g.grantor or h.id == grant_id:
                continue
            if any(a.box.overlaps(b.box) for a in mine for b in self.by_grant.get(h.id, [])):
                out.add(h.id)
                out |= self._upstream(h.id)
        cache[grant_id] = frozenset(out)
        return cache[grant_id]

    def related(self, a: str, b: str) -> bool:
        return a in self._upstream(b) or b in self._upstream(a)

    # ---- conflicts
    def conflicts(self) -> tuple[Conflict, ...]:
        hit = self.__dict__.get("_conflicts")
        if hit is not None:
            return hit  # type: ignore[no-any-return]
        found: dict[tuple[str, str, ConflictReason], list[Box]] = {}
        for e in self.grant_entries:
            for c in self.candidates(e.box.codes, e.box.media, e.box.first, e.box.last):
                if c.kind != "grant" or c.source <= e.source:
                    continue
                if not (e.exclusive or c.exclusive):
                    continue
                both = e.box.intersection(c.box)
                if both is None:
                    continue
                if e.party == c.party:
                    reason = ConflictReason.SAME_GRANTEE
                elif self.related(e.source, c.source):
                    continue
                elif e.exclusive and c.exclusive:
                    reason = ConflictReason.EXCLUSIVE_EXCLUSIVE
                else:
                    reason = ConflictReason.EXCLUSIVE_NON_EXCLUSIVE
                found.setdefault((e.source, c.source, reason), []).append(both)
        allocs = self.allocations
        for i, a in enumerate(allocs):
            for b in allocs[i + 1:]:
                if a.party == b.party or not (a.exclusive and b.exclusive):
                    continue
                both = a.box.intersection(b.box)
                if both is not None:
                    key = tuple(sorted((a.source, b.source)))
                    found.setdefault((key[0], key[1], ConflictReason.ALLOCATION), []).append(both)
        out = tuple(
            Conflict(x, y, reason, tuple(self.slice_of(b) for b in merge(boxes)))
            for (x, y, reason), boxes in sorted(
                found.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2].value)
            )
        )
        self.__dict__["_conflicts"] = out
        return out

    # ---- holdings
    def holdings_of(self, party: str) -> list[_Entry]:
        return [e for e in self.allocations if e.party == party] + [
            e for e in self.grant_entries if e.party == party
        ]

    def _unallocated(self) -> list[Box]:
        everything = Box(
            TerritorySet.worldwide().codes, expand_media([Media.ALL_MEDIA]),
            self.atoms.atoms(LanguageScope.any()), DAWN, OPEN,
        )
        return subtract([everything], (e.box for e in self.allocations))

    # ---- findings
    def findings(self) -> Iterator[Finding]:
        led = self.ledger
        yield from self._conflict_findings()
        yield from self._excess_findings()
        yield from self._holdback_findings()
        yield from self._gap_findings()
        for source, path, missing in self.unresolved:
            yield Finding(
                code="RIGHTS-TERM-UNRESOLVED", severity=Severity.WARNING, path=path,
                message=(f"{source}: the term depends on {', '.join(missing)}, whose date is not "
                         "known yet; not checked (add the date under events)"),
                citation=_citation(led, self._clause_at(path)))
        for source, path, missing in self.running_until:
            yield Finding(
                code="RIGHTS-TERM-UNRESOLVED", severity=Severity.WARNING, path=path,
                message=(f"{source}: the term runs until {', '.join(missing)}, whose date is not "
                         "known yet; it is taken as running until further notice (add the date "
                         "under events)"),
                citation=_citation(led, self._clause_at(path)))
        for source, path in self.empty:
            yield Finding(
                code="RIGHTS-TERM-EMPTY", severity=Severity.WARNING, path=path,
                message=f"{source}: the term resolves to no day at all (it ends before it starts)",
                citation=_citation(led, self._clause_at(path)))

    def _clause_at(self, path: str) -> str | None:
        for e in self.entries:
            if e.path == path:
                return e.clause
        for i, g in enumerate(self.ledger.grants):
            if path.startswith(f"$.grants[{i}]"):
                return g.clause
        return None

    def _conflict_findings(self) -> Iterator[Finding]:
        index = {g.id: i for i, g in enumerate(self.ledger.grants)}
        for c in self.conflicts():
            if c.reason is ConflictReason.ALLOCATION:
                path = "$.ownership.allocations"
                clause = None
                what = f"allocations {c.first} and {c.second} both claim exclusively"
            else:
                path = f"$.grants[{index[c.second]}]"
                clause = self.ledger.grants[index[c.second]].clause
                what = {
                    ConflictReason.EXCLUSIVE_EXCLUSIVE:
                        f"grants {c.first} and {c.second} are both exclusive and overlap in",
                    ConflictReason.EXCLUSIVE_NON_EXCLUSIVE:
                        f"grants {c.first} and {c.second} (one exclusive) overlap in",
                    ConflictReason.SAME_GRANTEE:
                        f"grants {c.first} and {c.second} to the same grantee overlap in",
                }[c.reason]
            yield Finding(
                code=c.reason.code,
                severity=Severity.INFO
                if c.reason is ConflictReason.SAME_GRANTEE
                else Severity.ERROR,
                path=path,
                message=f"{what} {'; '.join(map(str, c.slices))}",
                citation=_citation(self.ledger, clause),
            )

    def _excess_findings(self) -> Iterator[Finding]:
        led = self.ledger
        owners = {o.party for o in led.ownership.owners} if led.ownership else set()
        receivers = {g.grantee for g in led.grants}
        unallocated = self._unallocated() if led.ownership else []
        unchecked: set[str] = set()
        for i, g in enumerate(led.grants):
            boxes = [e.box for e in self.by_grant.get(g.id, [])]
            if not boxes:
                continue
            if led.ownership is None and g.grantor not in receivers:
                unchecked.add(g.grantor)
                continue
            held = self.holdings_of(g.grantor)
            held_boxes = [e.box for e in held]
            if g.grantor in owners:
                held_boxes += unallocated
            rest = subtract(boxes, held_boxes)
            path = f"$.grants[{i}]"
            cite = _citation(led, g.clause)
            if rest:
                yield Finding(
                    code="RIGHTS-EXCEEDS-GRANTOR", severity=Severity.ERROR, path=path,
                    message=(f"grant {g.id}: {g.grantor} does not hold "
                             f"{'; '.join(str(self.slice_of(b)) for b in merge(rest))}"),
                    citation=cite)
            if g.grantor in owners and len(owners) > 1 and unallocated:
                joint = [b for box in boxes for u in unallocated if (b := box.intersection(u))]
                # only the part not also covered by the grantor's own holdings
                joint = subtract(joint, [e.box for e in held])
                if joint:
                    yield Finding(
                        code="RIGHTS-JOINT-CONSENT", severity=Severity.WARNING, path=path,
                        message=(f"grant {g.id}: {g.grantor} grants rights held jointly by the "
                                 "co-owners ("
                                 f"{'; '.join(str(self.slice_of(b)) for b in merge(joint))}); "
                                 "the other co-owners must consent"),
                        citation=cite)
            if g.exclusive:
                excl = [e.box for e in held if e.exclusive]
                if g.grantor in owners:
                    excl += unallocated
                covered = subtract(boxes, rest) if rest else boxes
                weak = subtract(covered, excl)
                if weak:
                    yield Finding(
                        code="RIGHTS-EXCLUSIVITY-EXCEEDS", severity=Severity.ERROR, path=path,
                        message=(f"grant {g.id} is exclusive, but {g.grantor} holds only "
                                 "non-exclusively "
                                 f"{'; '.join(str(self.slice_of(b)) for b in merge(weak))}"),
                        citation=cite)
        if unchecked:
            yield Finding(
                code="RIGHTS-OWNERSHIP-UNKNOWN", severity=Severity.INFO, path="$.ownership",
                message=(f"no ownership is stated: grants by {', '.join(sorted(unchecked))} "
                         "(who received no grant) were not checked against what they hold"),
                citation=None)

    def _holdback_findings(self) -> Iterator[Finding]:
        led = self.ledger
        index = {g.id: i for i, g in enumerate(led.grants)}
        found: dict[tuple[str, str], list[Box]] = {}
        meta: dict[tuple[str, str], _Entry] = {}
        for h, protected in self.holdback_entries:
            for c in self.candidates(h.box.codes, h.box.media, h.box.first, h.box.last):
                if c.kind != "grant" or c.source == protected:
                    continue
                if h.party and (c.party == h.party or c.grantor == h.party):
                    continue
                if protected is not None and self.related(protected, c.source):
                    continue
                both = h.box.intersection(c.box)
                if both is not None:
                    found.setdefault((h.source, c.source), []).append(both)
                    meta[(h.source, c.source)] = h
        for (hsrc, gid), boxes in sorted(found.items()):
            h = meta[(hsrc, gid)]
            yield Finding(
                code="RIGHTS-HOLDBACK-VIOLATION", severity=Severity.ERROR,
                path=f"$.grants[{index[gid]}]",
                message=(f"grant {gid} breaks {hsrc} (protecting {h.party or 'the grantee'}) in "
                         f"{'; '.join(str(self.slice_of(b)) for b in merge(boxes))}"),
                citation=_citation(led, h.clause))

    def _gap_findings(self) -> Iterator[Finding]:
        led = self.ledger
        covering = [e.box for e in self.allocations] + [e.box for e in self.grant_entries]
        for r in self.requirements:
            rest = subtract([r.box], covering)
            if rest:
                yield Finding(
                    code="RIGHTS-GAP-REQUIRED", severity=Severity.WARNING, path=r.path,
                    message=(f"{r.source}: not allocated or granted: "
                             f"{'; '.join(str(self.slice_of(b)) for b in merge(rest))}"),
                    citation=_citation(led, r.clause))
        if led.ownership and led.ownership.allocations:
            rest = self._unallocated()
            if rest:
                yield Finding(
                    code="RIGHTS-GAP-UNALLOCATED", severity=Severity.INFO,
                    path="$.ownership.allocations",
                    message=("held jointly by the co-owners (no allocation covers it): "
                             f"{'; '.join(str(self.slice_of(b)) for b in merge(rest))}"),
                    citation=None)
            for a in self.allocations:
                made = [e.box for e in self.grant_entries if e.grantor == a.party]
                rest = subtract([a.box], made)
                if rest and made:
                    yield Finding(
                        code="RIGHTS-GAP-UNLICENSED", severity=Severity.INFO, path=a.path,
                        message=(f"{a.party} has not licensed "
                                 f"{'; '.join(str(self.slice_of(b)) for b in merge(rest))}"),
                        citation=_citation(led, a.clause))

    # ---- availability
    def availability(self, q: AvailabilityQuery, linear: bool = False) -> Availability:
        assert q.period.end is not None
        unresolved = self._unresolved_sources()
        verdict = None if linear else self.verdict(q)
        if verdict is None:
            rows, blockers = self.detail(q, linear)
            return Availability(query=q, available=all(r.matches for r in rows), rows=rows,
                                blockers=blockers, unresolved=unresolved)
        return Availability._lazy(q, verdict, _Detail(lambda: self.detail(q)), unresolved)

    def _unresolved_sources(self) -> tuple[str, ...]:
        hit = self.__dict__.get("_unresolved_sources_")
        if hit is None:
            hit = tuple(sorted({s for s, _, _ in self.unresolved}))
            self.__dict__["_unresolved_sources_"] = hit
        return hit

    def verdict(self, q: AvailabilityQuery) -> bool | None:
        """Whether every part of *q* matches, from the runs alone (None if they cannot tell).

        Equal to ``all(row.matches for row in rows)`` of :meth:`detail`: a row's verdict is
        the verdict of each language atom in it, and an atom's free days in a cell are the
        days outside the merged runs of the grants blocking it there.
        """
        runs = self.runs()
        if runs is None or not self.atoms.knows(q.languages):
            return None
        q_langs = self.atoms.atoms(q.languages)
        a, b = term_days(q.period)
        match = q.match
        mode = 1 if q.exclusive_only else 0
        media = expand_media(q.media)
        unblocked = _runs_match(_NO_RUNS, match, a, b)
        seen: dict[int, bool] = {}
        for code in q.territories.codes:
            for medium in media:
                cell = runs.get((code, medium))
                if cell is None:
                    if not unblocked and q_langs:
                        return False
                    continue
                for atom in q_langs:
                    pair = cell.get(atom)
                    if pair is None:
                        ok = unblocked
                    else:
                        r = pair[mode]
                        ok_seen = seen.get(id(r))
                        if ok_seen is None:
                            ok_seen = seen[id(r)] = _runs_match(r, match, a, b)
                        ok = ok_seen
                    if not ok:
                        return False
        return True

    def runs(self) -> dict[tuple[str, Media], dict[Atom, tuple[_Runs, _Runs]]] | None:
        """Per (country, medium) and language atom: the merged days blocked, two ways.

        The first runs count exclusive grants and holdbacks, the second every grant too (for
        exclusive-only queries). Runs are maximal: two runs never touch or overlap. None if
        the ledger is too wide to expand country by country (then queries take the index).
        """
        if "_runs" in self.__dict__:
            return self.__dict__["_runs"]  # type: ignore[no-any-return]
        indexed = [e for e in self.entries if e.kind in {"grant", "holdback"}]
        if sum(len(e.box.codes) * len(e.box.media) for e in indexed) > _RUNS_BUDGET:
            self.__dict__["_runs"] = None
            return None
        # Cell by cell, what lies in it: (footprint, days) items, gathered per medium and
        # country (a wide grant lands in hundreds of cells: one append each, no key built).
        cells: dict[Media, dict[str, list[tuple[_Footprint, tuple[int, int]]]]] = {}
        for e in indexed:
            box = e.box
            item = ((box.langs, e.exclusive or e.kind == "holdback"), (box.first, box.last))
            for m in box.media:
                per_code = cells.get(m)
                if per_code is None:
                    per_code = cells[m] = {}
                for c in box.codes:
                    items = per_code.get(c)
                    if items is None:
                        per_code[c] = [item]
                    else:
                        items.append(item)
        shared: dict[_Runs, _Runs] = {}
        out: dict[tuple[str, Media], dict[Atom, tuple[_Runs, _Runs]]] = {}
        # Cells holding the same items (the countries only wide grants reach) share one answer.
        answers: dict[tuple[tuple[_Footprint, tuple[int, int]], ...],
                      dict[Atom, tuple[_Runs, _Runs]]] = {}
        for m, per_code in cells.items():
            for c, items in per_code.items():
                signature = tuple(items)
                per_atom = answers.get(signature)
                if per_atom is None:
                    per_atom = answers[signature] = self._cell_runs(items, shared)
                out[(c, m)] = per_atom
        self.__dict__["_runs"] = out
        return out

    @staticmethod
    def _cell_runs(items: list[tuple[_Footprint, tuple[int, int]]],
                   shared: dict[_Runs, _Runs]) -> dict[Atom, tuple[_Runs, _Runs]]:
        """One cell's runs per language atom, from the (footprint, days) items in it."""
        groups: dict[_Footprint, list[tuple[int, int]]] = {}
        for key, days in items:
            group = groups.get(key)
            if group is None:
                groups[key] = [days]
            else:
                group.append(days)
        merged = {key: days if len(days) == 1 else _merge_days(days)
                  for key, days in groups.items()}
        by_atom: dict[Atom, list[_Footprint]] = {}
        for key in groups:
            for atom in key[0]:
                by_atom.setdefault(atom, []).append(key)
        made: dict[tuple[_Footprint, ...], tuple[_Runs, _Runs]] = {}
        per_atom: dict[Atom, tuple[_Runs, _Runs]] = {}
        for atom, keys in by_atom.items():
            sig = tuple(keys)
            pair = made.get(sig)
            if pair is None:
                blocking = _runs_of([d for k in keys if k[1] for d in merged[k]])
                everything = _runs_of([d for k in keys for d in merged[k]])
                pair = made[sig] = (shared.setdefault(blocking, blocking),
                                    shared.setdefault(everything, everything))
            per_atom[atom] = pair
        return per_atom

    def detail(self, q: AvailabilityQuery, linear: bool = False
               ) -> tuple[tuple[AvailabilityRow, ...], tuple[Blocker, ...]]:
        """The rows and blockers answering *q*, found through the index (or by a scan)."""
        assert q.period.end is not None
        a, b = term_days(q.period)
        # for starts-within, look one day back: a window free on the day before the
        # period did not start within it
        hf = a - 1 if q.match is MatchType.STARTS_WITHIN else a
        media = expand_media(q.media)
        codes = q.territories.codes
        find = self.candidates_linear if linear else self.candidates
        cands = find(codes, media, hf, b)
        own = self.atoms.knows(q.languages)
        atoms = self.atoms if own else LanguageAtoms([q.languages, *self.scopes])
        q_langs = atoms.atoms(q.languages)
        hits: list[tuple[_Entry, Box]] = []
        for c in cands:
            if not (c.exclusive or q.exclusive_only or c.kind == "holdback"):
                continue
            common = (c.box.langs if own else atoms.atoms(c.scope)) & q_langs
            if not common:
                continue
            box = c.box
            hits.append((c, Box(box.codes & codes, box.media & media, common,
                                max(box.first, hf), min(box.last, b))))
        # Answer cell by cell (one country, one medium), cutting each cell's languages by
        # the blockers that touch it; cells with the same answer are merged afterwards.
        by_cell: dict[tuple[str, Media], list[Box]] = {}
        for _, h in hits:
            for code in h.codes:
                for medium in h.media:
                    by_cell.setdefault((code, medium), []).append(h)
        rows: dict[tuple[tuple[tuple[int, int], ...], bool], list[Box]] = {}
        # Cells the same blockers touch (a wide grant's countries) have the same answer.
        answers: dict[tuple[int, ...], list[tuple[frozenset[Atom], tuple[Any, bool]]]] = {}
        for code in codes:
            cell_codes = frozenset((code,))
            for medium in media:
                cell_hits = by_cell.get((code, medium), [])
                signature = tuple(map(id, cell_hits))
                answer = answers.get(signature)
                if answer is None:
                    answer = _cell_answer(cell_hits, q_langs, q.match, a, b, hf)
                    answers[signature] = answer
                cell_media = frozenset((medium,))
                for lc, key in answer:
                    rows.setdefault(key, []).append(Box(cell_codes, cell_media, lc, 0, 0))
        out_rows = []
        for (shown, ok), cells in rows.items():
            for box in merge(cells):
                out_rows.append(AvailabilityRow(
                    TerritorySet._trusted(box.codes), summarise_media(box.media),
                    atoms.scope(box.langs), tuple(days_term(f, last) for f, last in shown), ok))
        out_rows.sort(key=lambda r: (not r.matches, sorted(r.territories.codes),
                                     [m.value for m in r.media], str(r.languages)))
        out_blockers = []
        for c, h in sorted(hits, key=lambda ch: (ch[0].source, ch[1].first)):
            first = max(h.first, a)
            if first > h.last:
                continue
            reason = (
                "holdback"
                if c.kind == "holdback"
                else ("exclusive" if c.exclusive else "non-exclusive")
            )
            out_blockers.append(Blocker(c.source, reason, RightsSlice(
                TerritorySet._trusted(h.codes), _summarise(h.media), atoms.scope(h.langs),
                days_term(first, h.last))))
        return tuple(out_rows), tuple(out_blockers)


def _cell_answer(cell_hits: list[Box], q_langs: frozenset[Atom], match: MatchType,
                 a: int, b: int, hf: int
                 ) -> list[tuple[frozenset[Atom], tuple[tuple[tuple[int, int], ...], bool]]]:
    """One cell's answer: per class of query languages, its free days shown and verdict."""
    # The blockers' days, grouped by their languages: a class's blockers are the groups
    # whose languages hold it.
    by_langs: dict[frozenset[Atom], list[tuple[int, int]]] = {}
    for h in cell_hits:
        days = by_langs.get(h.langs)
        if days is None:
            by_langs[h.langs] = [(h.first, h.last)]
        else:
            days.append((h.first, h.last))
    out = []
    for lc in _refine(q_langs, list(by_langs)):
        l_any = next(iter(lc))
        intervals = sorted([d for langs, days in by_langs.items() if l_any in langs
                            for d in days])
        free = _free(intervals, hf, b)
        ok = _matches(free, match, a, b)
        shown = tuple((max(f, a), end) for f, end in free if end >= a)
        out.append((lc, (shown, ok)))
    return out


#: Lengths (in days) that split a cell's entries into buckets; the last bucket is unbounded.
_LENGTHS = (366, 1827, 3653)


class _Bucket:
    """Entries of one cell whose lengths are at most ``span`` days, sorted by start."""

    __slots__ = ("ends", "keys", "span", "starts")

    def __init__(self, span: int | None, items: list[tuple[int, int, int]]) -> None:
        items.sort()
        self.span = span
        self.starts = [i[0] for i in items]
        self.ends = [i[1] for i in items]
        self.keys = [i[2] for i in items]

    def collect(self, first: int, last: int, out: set[int]) -> None:
        lo = 0 if self.span is None else bisect.bisect_left(self.starts, first - self.span)
        hi = bisect.bisect_right(self.starts, last)
        ends, keys = self.ends, self.keys
        for i in range(lo, hi):
            if ends[i] >= first:
                out.add(keys[i])


def _buckets(items: list[tuple[int, int, int]]) -> list[_Bucket]:
    groups: dict[int | None, list[tuple[int, int, int]]] = {}
    short, medium, long = _LENGTHS
    for item in items:
        length = item[1] - item[0] + 1
        # the first of _LENGTHS the entry fits in, None past the last (spelt out: a
        # ledger has hundreds of thousands of cell entries)
        span = (short if length <= short else medium if length <= medium
                else long if length <= long else None)
        group = groups.get(span)
        if group is None:
            groups[span] = [item]
        else:
            group.append(item)
    return [_Bucket(span, group) for span, group in groups.items()]


def _refine(universe: frozenset, footprints: Sequence[frozenset]) -> list[frozenset]:  # type: ignore[type-arg]
    """Cut *universe* into classes no footprint splits (each footprint is a union of classes)."""
    if not universe:
        return []
    classes = [universe]
    # a footprint covering everything splits nothing; equal footprints split alike
    for fp in {fp for fp in footprints if not fp >= universe}:
        nxt = []
        for cls in classes:
            inside = cls & fp
            if inside and len(inside) < len(cls):
                nxt.append(inside)
                nxt.append(cls - inside)
            else:
                nxt.append(cls)
        classes = nxt
    return classes


#: Merged blocked days: (first days, last days), both sorted; runs never touch or overlap.
_Runs = tuple[tuple[int, ...], tuple[int, ...]]
_NO_RUNS: _Runs = ((), ())
#: A group of entries in one cell: their language atoms, and whether they block by default.
_Footprint = tuple[frozenset[Atom], bool]
#: Most (country, medium) pairs the grants may cover before :meth:`_Analysis.runs` gives up.
_RUNS_BUDGET = 4_000_000


#: Marks a territory clause that names dated groups (its countries depend on the day).
_DATED = object()


def _merge_days(days: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Intervals of days merged into maximal runs (touching intervals join)."""
    days = sorted(days)
    out = [days[0]]
    for first, last in days[1:]:
        top_first, top_last = out[-1]
        if first <= top_last + 1:
            if last > top_last:
                out[-1] = (top_first, last)
        else:
            out.append((first, last))
    return out


def _runs_of(days: list[tuple[int, int]]) -> _Runs:
    if not days:
        return _NO_RUNS
    merged = _merge_days(days)
    return tuple(d[0] for d in merged), tuple(d[1] for d in merged)


def _runs_match(runs: _Runs, match: MatchType, a: int, b: int) -> bool:
    """Whether the days free outside *runs* meet [a, b] as *match* asks (as :func:`_matches`)."""
    starts, ends = runs
    j = bisect.bisect_left(ends, a - 1 if match is MatchType.STARTS_WITHIN else a)
    if match is MatchType.COVER:
        # free on every day: no run reaches into [a, b]
        return j == len(ends) or starts[j] > b
    if match is MatchType.OVERLAP:
        # free on some day: no single run holds all of [a, b]
        return j == len(ends) or starts[j] > a or ends[j] < b
    # a free run starts on a day of [a, b] exactly when a run ends on a day of [a - 1, b - 1]
    return j < len(ends) and ends[j] <= b - 1


def _free(intervals: list[tuple[int, int]], first: int, last: int) -> list[tuple[int, int]]:
    out = []
    cursor = first
    for s, e in intervals:
        if s > cursor:
            out.append((cursor, s - 1))
        cursor = max(cursor, e + 1)
        if cursor > last:
            break
    if cursor <= last:
        out.append((cursor, last))
    return out


def _matches(free: list[tuple[int, int]], match: MatchType, a: int, b: int) -> bool:
    if match is MatchType.COVER:
        return any(f <= a and end >= b for f, end in free)
    if match is MatchType.OVERLAP:
        return any(end >= a and f <= b for f, end in free)
    # starts within: a free run begins on a day in [a, b] (the day before it is not free);
    # the horizon starts on a - 1, so a run starting on the horizon's first day was free
    # the day before the period and does not count.
    return any(a <= f <= b for f, _ in free)
