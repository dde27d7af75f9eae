"""Territories: countries, regions and groups, as sets you can compute with.

Two types, one for each side of a contract:

* :class:`Territories` is the territory clause *as written*: an include list **or** an
  exclude list (never both, as in EMA Avails ``Territory``/``TerritoryExcluded`` and DDEX
  ``TerritoryCode``/``ExcludedTerritoryCode``) of tokens: ``worldwide``, ISO 3166-1 alpha-2
  country codes (current or historic, e.g. ``SU``), UN M.49 region codes (``150`` Europe,
  ``143`` Central Asia), the CLDR groups ``EU``, ``EZ`` (euro area), ``UN`` and ``QO``,
  and user-defined groups ("Greater China", "CIS").
* :class:`TerritorySet` is what a clause *means* on a given day: a finite set of current
  ISO 3166-1 alpha-2 codes, with set algebra (union, intersection, difference, complement,
  contains, overlaps, is_empty). It prints as an include list or an exclude list,
  whichever is shorter.

Where the data comes from:

* Region containment (UN M.49 and the CLDR groupings) is the ``territoryContainment`` table
  of the Unicode CLDR ``supplementalData.xml`` shipped by the ``language_data`` package
  (the data package of ``langcodes``).
* Historic codes stand for the area they covered, in today's codes, following the CLDR
  ``territoryAlias`` replacements shipped by ``babel`` (``SU`` is the fifteen successor
  states; ``DD`` is ``DE``). Two entries differ from CLDR so that a territory means the same
  thing as :class:`coprod.geo.Country` does: ``CS`` is Czechoslovakia (``CZ``, ``SK``),
  its meaning in contracts before 1993, not Serbia and Montenegro; ``YU`` is the Socialist
  Federal Republic of Yugoslavia (its six republics and ``XK``), its meaning before 1992.
* Groups whose membership changes over time (the European Union, the euro area) carry
  dated memberships with their sources, and resolve only on a date: "the EU" on
  2020-01-31 includes ``GB``, on 2020-02-01 it does not.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as _dt
import functools
import importlib.resources
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs
import pendulum
import pycountry

from coprod._fields import instance_of, items_of
from coprod.errors import InvalidValueError, UnknownReferenceError, quote
from coprod.terms import LAST_DAY, Term

__all__ = [
    "Membership",
    "Territories",
    "TerritoryGroup",
    "TerritoryGroups",
    "TerritorySet",
    "territory_name",
    "universe",
]

WORLDWIDE = "worldwide"
_CODE_RE = re.compile(r"^[A-Z]{2}$")
_M49_RE = re.compile(r"^\d{3}$")

#: ISO 3166-1 user-assigned code in established use for Kosovo (CLDR, European Commission).
_USER_ASSIGNED = frozenset({"XK"})

#: Historic codes whose CLDR replacement is the *later* meaning of a reused code; coprod
#: follows :class:`coprod.geo.Country`, which keeps the meaning a film archive uses.
_HISTORIC_OVERRIDES: dict[str, tuple[str, ...]] = {
    # Czechoslovakia (withdrawn 1993); CLDR maps CS to Serbia and Montenegro (2003-2006).
    "CS": ("CZ", "SK"),
    # SFR Yugoslavia (until 1992): its six republics and Kosovo; CLDR maps YU to RS, ME.
    "YU": ("BA", "HR", "ME", "MK", "RS", "SI", "XK"),
}

#: Codes CLDR lists inside regions that are not ISO 3166-1 countries but parts of one
#: (exceptionally reserved: Ceuta and Melilla, Canary Islands, Ascension, Clipperton,
#: Diego Garcia, Tristan da Cunha, Sark). A territory set counts them within their country.
_CLDR_PARTS = frozenset({"EA", "IC", "AC", "CP", "DG", "TA", "CQ"})


# --------------------------------------------------------------------------- data


@functools.cache
def universe() -> frozenset[str]:
    """Every current ISO 3166-1 alpha-2 code (plus ``XK``): what "worldwide" means.

    Example:
        >>> {"RU", "CN", "XK"} <= universe() and "SU" not in universe()
        True

    .. versionadded:: 0.1.0

    """
    return frozenset(c.alpha_2 for c in pycountry.countries) | _USER_ASSIGNED


@functools.cache
def _historic() -> dict[str, tuple[str, ...]]:
    from babel.core import get_global

    aliases: Mapping[str, Sequence[str]] = get_global("territory_aliases")
    current = universe()
    table: dict[str, tuple[str, ...]] = {}
    for c in pycountry.historic_countries:
        code = getattr(c, "alpha_2", None)
        if code is None or code in current:  # reassigned codes keep their current meaning
            continue
        successors = _HISTORIC_OVERRIDES.get(code) or tuple(aliases.get(code, ()))
        table[code] = tuple(sorted(s for s in successors if s in current))
    return table


@functools.cache
def _cldr_containment() -> dict[str, tuple[str, ...]]:
    """Region code -> direct members, from CLDR ``territoryContainment``."""
    path = importlib.resources.files("language_data") / "data" / "supplementalData.xml"
    # A trusted data file inside an installed package, not user input.
    root = ET.fromstring(path.read_bytes())
    groups: dict[str, list[str]] = {}
    for group in root.iterfind("./territoryContainment/group"):
        # "deprecated" lists withdrawn codes; "grouping" adds EU/EZ/UN under World.
        if group.get("status") in {"deprecated", "grouping"}:
            continue
        groups.setdefault(group.attrib["type"], []).extend(group.attrib["contains"].split())
    return {k: tuple(v) for k, v in groups.items()}


@functools.cache
def _region_codes(region: str) -> frozenset[str]:
    table = _cldr_containment()
    out: set[str] = set()
    for member in table[region]:
        if member in table:
            out |= _region_codes(member)
        elif member in _CLDR_PARTS:
            continue
        elif member in universe():
            out.add(member)
    return frozenset(out)


def territory_name(code: str) -> str:
    """The English name of a country, historic code, region or CLDR group.

    Args:
        code: ``RU``, ``SU``, ``150``, ``EU``, or ``worldwide``.

    Example:
        >>> territory_name("RU"), territory_name("150"), territory_name("SU")
        ('Russian Federation', 'Europe', 'USSR, Union of Soviet Socialist Republics')

    .. versionadded:: 0.1.0

    """
    if code.casefold() == WORLDWIDE or code == "001":
        return "Worldwide"
    from coprod.geo import Country

    if code in Country.codes():
        return Country(code).name
    if code in _BUILTIN_DATED:
        return _BUILTIN_DATED[code].name or code
    import langcodes

    return str(langcodes.Language.get(f"und-{code}").territory_name("en"))


# --------------------------------------------------------------------------- TerritorySet


def _frozen(value: Any) -> Any:
    return frozenset(value)


def _tuple(value: Any) -> Any:
    # A list becomes a tuple; anything else is left for the validator to refuse (a string
    # would otherwise become a tuple of its letters).
    return tuple(value) if isinstance(value, list) else value


def _check_codes(_instance: object, _attribute: object, value: frozenset[str]) -> None:
    unknown = value - universe()
    if unknown:
        raise InvalidValueError(
            f"territory sets hold current ISO 3166-1 alpha-2 codes; unknown: "
            f"{', '.join(sorted(unknown))} (use TerritorySet.of() to expand historic codes)"
        )


@attrs.frozen(repr=False, order=False)
class TerritorySet:
    """A set of countries, with set algebra.

    The set is finite: every member is a current ISO 3166-1 alpha-2 code, and "worldwide"
    is all of them (:func:`universe`). Build one with :meth:`of`, :meth:`worldwide`,
    :meth:`excluding`, :meth:`empty` or :meth:`parse`; historic codes are expanded to their
    successors, so ``SU`` overlaps ``RU``.

    Args:
        codes: The current alpha-2 codes in the set.

    Example:
        >>> cis = TerritorySet.of("RU", "BY", "KZ")
        >>> ussr = TerritorySet.of("SU")
        >>> cis <= ussr, "RU" in ussr, ussr.overlaps(TerritorySet.of("EE"))
        (True, True, True)
        >>> str(TerritorySet.worldwide() - TerritorySet.of("CN"))
        'worldwide excluding CN'
        >>> (TerritorySet.of("RU") & TerritorySet.of("CN")).is_empty
        True

    .. versionadded:: 0.1.0

    """

    codes: frozenset[str] = attrs.field(converter=_frozen, validator=_check_codes)

    # ---- constructors
    @classmethod
    def of(cls, *codes: str) -> TerritorySet:
        """Exactly these countries (historic codes expanded to their successors).

        Raises:
            InvalidValueError: For a code that is not ISO 3166-1 alpha-2.

        """
        out: set[str] = set()
        for code in codes:
            out |= _country_codes(code)
        return cls(frozenset(out))

    @classmethod
    def worldwide(cls) -> TerritorySet:
        """Every country."""
        return cls(universe())

    @classmethod
    def empty(cls) -> TerritorySet:
        """No country."""
        return cls(frozenset())

    @classmethod
    def excluding(cls, *codes: str) -> TerritorySet:
        """Every country except these."""
        return ~cls.of(*codes)

    @classmethod
    def parse(
        cls,
        text: str | Iterable[str],
        *,
        on: _dt.date | None = None,
        groups: TerritoryGroups | None = None,
    ) -> TerritorySet:
        """Read a territory clause such as ``"RU, BY, KZ"`` or ``"worldwide, -CN"``.

        A leading ``-`` excludes: ``"-CN"`` alone means worldwide except China. Groups that
        change over time (``EU``) need *on*.

        Example:
            >>> str(TerritorySet.parse("EU", on=pendulum.Date(2020, 1, 31)) & TerritorySet.of("GB"))
            'GB'
            >>> TerritorySet.parse("EU", on=pendulum.Date(2020, 2, 1)).contains("GB")
            False

        """
        return Territories.parse(text).resolve(on=on, groups=groups)

    @classmethod
    def _trusted(cls, codes: frozenset[str]) -> TerritorySet:
        # For codes that come out of other territory sets: no need to check them again.
        ts = object.__new__(cls)
        object.__setattr__(ts, "codes", codes)
        return ts

    # ---- views
    @property
    def is_empty(self) -> bool:
        """Whether the set holds no country."""
        return not self.codes

    @property
    def is_worldwide(self) -> bool:
        """Whether the set holds every country."""
        return self.codes == universe()

    @property
    def excluded(self) -> frozenset[str]:
        """The countries *not* in the set (its exclude list)."""
        return universe() - self.codes

    @property
    def prefers_exclusion(self) -> bool:
        """Whether the exclude list is shorter than the include list (how it prints)."""
        return len(self.excluded) < len(self.codes)

    def contains(self, territory: str | TerritorySet) -> bool:
        """Whether every country of *territory* (a code, historic code or set) is in the set."""
        other = territory if isinstance(territory, TerritorySet) else TerritorySet.of(territory)
        return other.codes <= self.codes

    def overlaps(self, other: TerritorySet) -> bool:
        """Whether the two sets share a country."""
        return not self.codes.isdisjoint(other.codes)

    def issubset(self, other: TerritorySet) -> bool:
        """Whether every country of this set is in *other*."""
        return self.codes <= other.codes

    # ---- algebra
    def union(self, *others: TerritorySet) -> TerritorySet:
        """Countries in any of the sets."""
        return TerritorySet(self.codes.union(*(o.codes for o in others)))

    def intersection(self, *others: TerritorySet) -> TerritorySet:
        """Countries in all of the sets."""
        return TerritorySet(self.codes.intersection(*(o.codes for o in others)))

    def difference(self, *others: TerritorySet) -> TerritorySet:
        """Countries in this set and in none of the others."""
        return TerritorySet(self.codes.difference(*(o.codes for o in others)))

    def complement(self) -> TerritorySet:
        """Every country not in this set."""
        return TerritorySet(self.excluded)

    __or__ = union
    __and__ = intersection
    __sub__ = difference
    __invert__ = complement
    __le__ = issubset

    def __contains__(self, territory: object) -> bool:
        if not isinstance(territory, (str, TerritorySet)):
            return False
        try:
            return self.contains(territory)
        except InvalidValueError:
            return False

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self.codes))

    def __len__(self) -> int:
        return len(self.codes)

    def __bool__(self) -> bool:
        return bool(self.codes)

    def to_territories(self) -> Territories:
        """This set as a clause: an include list, or an exclude list when that is shorter."""
        if self.prefers_exclusion:
            return Territories(exclude=tuple(sorted(self.excluded)))
        return Territories(include=tuple(sorted(self.codes)))

    def __str__(self) -> str:
        if self.is_empty:
            return "nowhere"
        if self.is_worldwide:
            return WORLDWIDE
        if self.prefers_exclusion:
            return f"{WORLDWIDE} excluding {', '.join(sorted(self.excluded))}"
        return ", ".join(sorted(self.codes))

    def __repr__(self) -> str:
        return f"TerritorySet.parse({str(self)!r})" if not self.is_empty else "TerritorySet.empty()"


def _country_codes(code: str) -> frozenset[str]:
    normal = code.strip().upper() if isinstance(code, str) else code
    if not isinstance(normal, str) or not _CODE_RE.match(normal):
        raise InvalidValueError(f"expected an ISO 3166-1 alpha-2 code, got {quote(code)}")
    if normal in universe():
        return frozenset({normal})
    historic = _historic()
    if normal in historic:
        return frozenset(historic[normal])
    raise InvalidValueError(
        f"unknown country {quote(code)}: expected an ISO 3166-1 alpha-2 code such as 'RU' "
        "(historic codes such as 'SU' are accepted)"
    )


# --------------------------------------------------------------------------- groups


def _optional_date(value: Any) -> Any:
    if value is None or isinstance(value, pendulum.Date):
        return value
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return pendulum.Date(value.year, value.month, value.day)
    return value


def _check_optional_date(_i: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and (
        not isinstance(value, pendulum.Date) or isinstance(value, _dt.datetime)
    ):
        raise InvalidValueError(
            f"{attribute.name} must be a date or None, got {quote(value)}", field=attribute.name)


def _check_group_id(_i: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidValueError(
            f"{attribute.name} must be a non-empty name such as 'greater-china', got "
            f"{quote(value)}", field=attribute.name)


def _upper(code: Any) -> Any:
    return code.strip().upper() if isinstance(code, str) else code


@attrs.frozen
class Membership:
    """A country's membership of a group, from one day to another (both inclusive).

    Args:
        code: The member's ISO 3166-1 alpha-2 code.
        since: The first day of membership, or None if it has always been a member.
        until: The last day of membership, or None if it still is.

    Example:
        >>> gb = Membership("GB", since=pendulum.Date(1973, 1, 1), until=pendulum.Date(2020, 1, 31))
        >>> gb.is_member_on(pendulum.Date(2020, 1, 31)), gb.is_member_on(pendulum.Date(2020, 2, 1))
        (True, False)

    .. versionadded:: 0.1.0

    """

    code: str = attrs.field(converter=_upper)
    since: pendulum.Date | None = attrs.field(
        default=None, converter=_optional_date, validator=_check_optional_date)
    until: pendulum.Date | None = attrs.field(default=None, converter=_optional_date)

    @code.validator
    def _check_code(self, _attribute: object, value: str) -> None:
        _country_codes(value)

    @until.validator
    def _check_until(self, attribute: attrs.Attribute[Any], value: pendulum.Date | None) -> None:
        _check_optional_date(self, attribute, value)
        if value is not None and self.since is not None and value < self.since:
            raise InvalidValueError(
                f"membership of {self.code} cannot end ({value}) before it starts ({self.since})"
            )

    def is_member_on(self, day: _dt.date) -> bool:
        """Whether the country is a member on *day*."""
        return (self.since is None or self.since <= day) and (
            self.until is None or day <= self.until
        )


@attrs.frozen(kw_only=True)
class TerritoryGroup:
    """A named group of territories: fixed members, dated memberships, or both.

    Args:
        id: How clauses name the group (``greater-china``, ``EU``); matched ignoring case.
        name: A human name.
        members: Tokens that are always members: countries, regions or other groups.
        memberships: Countries that are members between two dates.
        source: Where the membership data comes from (URL or citation).

    Example:
        >>> gc = TerritoryGroup(id="greater-china", name="Greater China",
        ...                     members=("CN", "HK", "MO", "TW"))
        >>> str(TerritoryGroups.default().with_groups(gc).resolve("greater-china"))
        'CN, HK, MO, TW'

    .. versionadded:: 0.1.0

    """

    id: str = attrs.field(validator=_check_group_id)
    name: str | None = attrs.field(default=None, validator=attrs.validators.optional(
        instance_of(str)))
    members: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=items_of(str))
    memberships: tuple[Membership, ...] = attrs.field(
        default=(), converter=_tuple, validator=items_of(Membership))
    source: str | None = attrs.field(default=None, validator=attrs.validators.optional(
        instance_of(str)))

    @property
    def is_dated(self) -> bool:
        """Whether membership depends on the date."""
        return bool(self.memberships)

    def change_dates(self) -> frozenset[pendulum.Date]:
        """The days on which membership changes (a member joins, or one left the day before)."""
        out: set[pendulum.Date] = set()
        for m in self.memberships:
            if m.since is not None:
                out.add(m.since)
            if m.until is not None and m.until < LAST_DAY:  # a change after it never comes
                out.add(m.until.add(days=1))
        return frozenset(out)


def _d(text: str) -> pendulum.Date:
    return pendulum.Date.fromisoformat(text)


def _dated(pairs: Iterable[tuple[str, str, str | None]]) -> tuple[Membership, ...]:
    out = []
    for codes, since, until in pairs:
        for code in codes.split():
            out.append(Membership(code, _d(since), _d(until) if until else None))
    return tuple(out)


#: Member states of the European Union and, before 1 November 1993, of the European
#: Communities it continues, with the first and last day of membership. Sources are the
#: European Union's "EU enlargement" and "Country profiles" pages,
#: https://european-union.europa.eu/principles-countries-history/eu-countries_en (retrieved
#: 2025); Treaty of Rome in force 1958-01-01; Greenland left on 1985-02-01 (Greenland
#: Treaty, OJ L 29, 1.2.1985); the United Kingdom left at the end of 2020-01-31 (Withdrawal
#: Agreement, OJ L 29, 31.1.2020, Art. 185; the transition period to 2020-12-31 did not
#: make it a member). CLDR's undated ``EU`` list matches this on any date from 2020-02-01.
EU = TerritoryGroup(
    id="EU",
    name="European Union",
    memberships=_dated(
        [
            ("BE DE FR IT LU NL", "1958-01-01", None),
            ("DK IE", "1973-01-01", None),
            ("GB", "1973-01-01", "2020-01-31"),
            ("GL", "1973-01-01", "1985-01-31"),
            ("GR", "1981-01-01", None),
            ("ES PT", "1986-01-01", None),
            ("AT FI SE", "1995-01-01", None),
            ("CY CZ EE HU LT LV MT PL SI SK", "2004-05-01", None),
            ("BG RO", "2007-01-01", None),
            ("HR", "2013-07-01", None),
        ]
    ),
    source="https://european-union.europa.eu/principles-countries-history/eu-countries_en",
)

#: Member states whose currency is the euro, from the day each adopted it, after the European
#: Central Bank's page "Our money - euro area", https://www.ecb.europa.eu/euro/intro/html/map.en.html
#: (retrieved 2025); Bulgaria from 2026-01-01 under the Council decision of 8 July 2025.
EZ = TerritoryGroup(
    id="EZ",
    name="Euro area",
    memberships=_dated(
        [
            ("AT BE DE ES FI FR IE IT LU NL PT", "1999-01-01", None),
            ("GR", "2001-01-01", None),
            ("SI", "2007-01-01", None),
            ("CY MT", "2008-01-01", None),
            ("SK", "2009-01-01", None),
            ("EE", "2011-01-01", None),
            ("LV", "2014-01-01", None),
            ("LT", "2015-01-01", None),
            ("HR", "2023-01-01", None),
            ("BG", "2026-01-01", None),
        ]
    ),
    source="https://www.ecb.europa.eu/euro/intro/html/map.en.html",
)

_BUILTIN_DATED = {"EU": EU, "EZ": EZ}


def _group_key(name: str) -> str:
    return name.strip().casefold()


@attrs.frozen
class TerritoryGroups:
    """The groups a territory clause may name, beyond countries and UN M.49 regions.

    :meth:`default` knows the CLDR groups ``UN`` and ``QO`` (undated, current membership)
    and the dated groups ``EU`` and ``EZ``; add your own with :meth:`with_groups`.

    Example:
        >>> groups = TerritoryGroups.default().with_groups(
        ...     TerritoryGroup(id="CIS-core", members=("RU", "BY", "KZ", "KG", "TJ")))
        >>> "KG" in groups.resolve("cis-core")
        True

    .. versionadded:: 0.1.0

    """

    groups: Mapping[str, TerritoryGroup] = attrs.field(factory=dict)

    @classmethod
    def default(cls) -> TerritoryGroups:
        """The built-in groups."""
        return _DEFAULT_GROUPS

    def with_groups(self, *groups: TerritoryGroup) -> TerritoryGroups:
        """A registry with these groups added (a group with the same id is replaced).

        Raises:
            InvalidValueError: If an id is a country or region code.

        """
        table = dict(self.groups)
        for group in groups:
            key = _group_key(group.id)
            if key == WORLDWIDE or _M49_RE.match(key) or (
                _CODE_RE.match(group.id.strip().upper()) and key.upper() not in _BUILTIN_DATED
                and _is_country(key.upper())
            ):
                raise InvalidValueError(
                    f"a group cannot be named {quote(group.id)}: that is a country or region code"
                )
            table[key] = group
        return TerritoryGroups(table)

    def get(self, name: str) -> TerritoryGroup | None:
        """The group called *name* (ignoring case), or None."""
        return self.groups.get(_group_key(name))

    def knows(self, token: str) -> bool:
        """Whether *token* means something: worldwide, a country, a region or a group."""
        try:
            _token_kind(token, self)
        except (InvalidValueError, UnknownReferenceError):
            return False
        return True

    def is_dated(self, token: str, _seen: frozenset[str] = frozenset()) -> bool:
        """Whether the meaning of *token* depends on the date."""
        group = self.get(token) if _token_kind(token, self) == "group" else None
        if group is None or _group_key(group.id) in _seen:
            return False
        seen = _seen | {_group_key(group.id)}
        return group.is_dated or any(self.is_dated(m, seen) for m in group.members)

    def change_dates(
        self, token: str, _seen: frozenset[str] = frozenset()
    ) -> frozenset[pendulum.Date]:
        """Every day on which the meaning of *token* changes."""
        group = self.get(token) if _token_kind(token, self) == "group" else None
        if group is None or _group_key(group.id) in _seen:
            return frozenset()
        seen = _seen | {_group_key(group.id)}
        out = set(group.change_dates())
        for member in group.members:
            out |= self.change_dates(member, seen)
        return frozenset(out)

    def resolve(self, token: str, on: _dt.date | None = None) -> TerritorySet:
        """The countries *token* stands for (on the day *on*, for dated groups).

        Raises:
            InvalidValueError: For a malformed token, or a dated group without *on*.
            UnknownReferenceError: For an unknown group or region.

        """
        return TerritorySet(self._resolve(token, on, ()))

    def _resolve(self, token: str, on: _dt.date | None, stack: tuple[str, ...]) -> frozenset[str]:
        kind = _token_kind(token, self)
        if kind == "worldwide":
            return universe()
        if kind == "country":
            return _country_codes(token)
        if kind == "region":
            return _region_codes(token.strip().upper())
        group = self.get(token)
        assert group is not None
        key = _group_key(group.id)
        if key in stack:
            raise InvalidValueError(
                f"territory group {quote(group.id)} contains itself "
                f"(via {' -> '.join((*stack, key))})"
            )
        out: set[str] = set()
        for member in group.members:
            out |= self._resolve(member, on, (*stack, key))
        if group.memberships:
            if on is None:
                raise InvalidValueError(
                    f"membership of {quote(group.id)} changes over time; resolve it on a date"
                )
            for m in group.memberships:
                if m.is_member_on(on):
                    out |= _country_codes(m.code)
        return frozenset(out)


def _is_country(code: str) -> bool:
    return code in universe() or code in _historic()


def _token_kind(token: str, groups: TerritoryGroups) -> str:
    if not isinstance(token, str) or not token.strip():
        raise InvalidValueError(f"expected a territory code or group name, got {quote(token)}")
    text = token.strip()
    if text.casefold() == WORLDWIDE or text == "001":
        return "worldwide"
    if groups.get(text) is not None:
        return "group"
    upper = text.upper()
    if _CODE_RE.match(upper) and _is_country(upper):
        return "country"
    if (_M49_RE.match(text) or _CODE_RE.match(upper)) and upper in _cldr_containment():
        return "region"
    if _CODE_RE.match(upper):
        raise InvalidValueError(
            f"unknown country {quote(token)}: expected an ISO 3166-1 alpha-2 code such as "
            "'RU' (historic codes such as 'SU' are accepted)"
        )
    raise UnknownReferenceError(
        f"unknown territory {quote(token)}: not a country code, a UN M.49 region code "
        "(such as '150' for Europe) or a known group"
    )


_DEFAULT_GROUPS = TerritoryGroups({_group_key(g.id): g for g in (EU, EZ)})


# --------------------------------------------------------------------------- Territories


def _tokens(value: Any) -> Any:
    if isinstance(value, str):
        return tuple(t.strip() for t in value.split(",") if t.strip())
    return tuple(value)


def _check_tokens(_instance: Any, attribute: Any, value: Any) -> None:
    assert isinstance(value, tuple)
    for token in value:
        if not isinstance(token, str) or not token.strip():
            raise InvalidValueError(
                f"{attribute.name}: expected territory codes or group names, got {quote(token)}"
            )


@attrs.frozen
class Territories:
    """A territory clause as written: an include list or an exclude list, never both.

    ``Territories(include=("RU", "BY"))`` is those countries; ``Territories(exclude=("CN",))``
    is worldwide except China; ``Territories(exclude=())`` (or :meth:`worldwide`) is the
    whole world. Tokens are country codes (current or historic), UN M.49 region codes,
    ``worldwide``, or group ids known to a :class:`TerritoryGroups`.

    Args:
        include: What the clause covers (when it is an include list).
        exclude: What the clause leaves out of the whole world (when it is an exclude list).

    Raises:
        InvalidValueError: If both lists are given, or neither.

    Example:
        >>> t = Territories.parse("EU")
        >>> t.is_dated()
        True
        >>> [(str(term), str(ts & TerritorySet.of("GB"))) for term, ts in t.segments(
        ...     Term(pendulum.Date(2019, 1, 1), pendulum.Date(2021, 12, 31)))]
        [('2019-01-01..2020-01-31', 'GB'), ('2020-02-01..2021-12-31', 'nowhere')]

    .. versionadded:: 0.1.0

    """

    include: tuple[str, ...] | None = attrs.field(
        default=None, converter=attrs.converters.optional(_tokens),
        validator=attrs.validators.optional(_check_tokens),
    )
    exclude: tuple[str, ...] | None = attrs.field(
        default=None, converter=attrs.converters.optional(_tokens),
        validator=attrs.validators.optional(_check_tokens),
    )

    def __attrs_post_init__(self) -> None:
        if (self.include is None) == (self.exclude is None):
            raise InvalidValueError(
                "a territory clause is an include list or an exclude list: give exactly one"
            )
        if self.include is not None and not self.include:
            raise InvalidValueError(
                "an include list cannot be empty (for the whole world, use exclude: [])"
            )

    @classmethod
    def worldwide(cls) -> Territories:
        """The whole world."""
        return cls(exclude=())

    @classmethod
    def of(cls, *tokens: str) -> Territories:
        """An include list."""
        return cls(include=tokens)

    @classmethod
    def excluding(cls, *tokens: str) -> Territories:
        """The whole world except these."""
        return cls(exclude=tokens)

    @classmethod
    def parse(cls, text: str | Iterable[str]) -> Territories:
        """Read ``"RU, BY"``, ``"worldwide"`` or ``"-CN, -HK"`` (worldwide except).

        Raises:
            InvalidValueError: If the text mixes included and excluded tokens (other than
                ``worldwide`` followed by exclusions).

        Example:
            >>> Territories.parse("worldwide, -CN")
            Territories(include=None, exclude=('CN',))

        """
        tokens = list(_tokens(text))
        minus = [t[1:].strip() for t in tokens if t.startswith("-")]
        plus = [t for t in tokens if not t.startswith("-")]
        if minus:
            if any(t.casefold() != WORLDWIDE for t in plus):
                raise InvalidValueError(
                    "a territory clause cannot both include and exclude: write an include "
                    "list, or 'worldwide' and exclusions"
                )
            return cls(exclude=tuple(minus))
        if not plus:
            raise InvalidValueError("empty territory clause")
        if len(plus) == 1 and plus[0].casefold() == WORLDWIDE:
            return cls.worldwide()
        return cls(include=tuple(plus))

    @property
    def is_exclusion(self) -> bool:
        """Whether this is an exclude list (worldwide except ...)."""
        return self.exclude is not None

    @property
    def tokens(self) -> tuple[str, ...]:
        """The tokens of the list that was given."""
        return self.include if self.include is not None else self.exclude or ()

    def check(self, groups: TerritoryGroups | None = None) -> None:
        """Raise if a token means nothing to *groups*.

        Raises:
            InvalidValueError: For a malformed or unknown country code.
            UnknownReferenceError: For an unknown region or group.

        """
        groups = groups or TerritoryGroups.default()
        for token in self.tokens:
            _token_kind(token, groups)

    def is_dated(self, groups: TerritoryGroups | None = None) -> bool:
        """Whether what the clause covers depends on the date."""
        groups = groups or TerritoryGroups.default()
        return any(groups.is_dated(t) for t in self.tokens)

    def change_dates(self, groups: TerritoryGroups | None = None) -> frozenset[pendulum.Date]:
        """The days on which what the clause covers changes."""
        groups = groups or TerritoryGroups.default()
        out: set[pendulum.Date] = set()
        for token in self.tokens:
            out |= groups.change_dates(token)
        return frozenset(out)

    def resolve(
        self, on: _dt.date | None = None, groups: TerritoryGroups | None = None
    ) -> TerritorySet:
        """The countries the clause covers (on the day *on*, if it names dated groups).

        Raises:
            InvalidValueError: If a dated group is named and *on* is None.

        """
        groups = groups or TerritoryGroups.default()
        named = TerritorySet.empty().union(*(groups.resolve(t, on) for t in self.tokens))
        return ~named if self.is_exclusion else named

    def segments(
        self, term: Term, groups: TerritoryGroups | None = None
    ) -> tuple[tuple[Term, TerritorySet], ...]:
        """Split *term* where the clause's meaning changes; each piece with its countries.

        Pieces whose countries are the same as the previous piece's are merged.
        """
        groups = groups or TerritoryGroups.default()
        if not self.is_dated(groups):
            return ((term, self.resolve(groups=groups)),)
        cuts = sorted(
            d for d in self.change_dates(groups)
            if d > term.start and (term.end is None or d <= term.end)
        )
        starts = [term.start, *cuts]
        out: list[tuple[Term, TerritorySet]] = []
        for i, start in enumerate(starts):
            end = starts[i + 1].subtract(days=1) if i + 1 < len(starts) else term.end
            countries = self.resolve(on=start, groups=groups)
            if out and out[-1][1] == countries:
                out[-1] = (Term(out[-1][0].start, end), countries)
            else:
                out.append((Term(start, end), countries))
        return tuple(out)

    def __str__(self) -> str:
        if self.exclude is not None:
            if not self.exclude:
                return WORLDWIDE
            return f"{WORLDWIDE} excluding {', '.join(self.exclude)}"
        return ", ".join(self.include or ())
