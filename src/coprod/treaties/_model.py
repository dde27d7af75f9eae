"""The treaty model: one :class:`Treaty` class, loaded from data files.

Every number a treaty sets is a :class:`Param`: a value (or :data:`UNKNOWN`) that carries the
article it comes from, the sources that state it and how reliable they are. A value the
sources do not give stays :data:`UNKNOWN`; rules that need it report "not checked".

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime
import enum
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Protocol, TypeVar, runtime_checkable

import attrs
import pendulum

from coprod._fields import (
    Validator,
    bounded_whole_number,
    enum_member,
    instance_of,
    items_of,
    non_empty_text,
)
from coprod._fields import country as _to_country
from coprod.agreements import ProductionKind, Title
from coprod.errors import InvalidValueError, Problem, ProblemsError, quote
from coprod.findings import Confidence
from coprod.geo import Country
from coprod.share import Share
from coprod.terms import _to_date, _to_optional_date

if TYPE_CHECKING:
    from coprod.findings import Finding, FindingCode
    from coprod.treaties.rules import RuleContext

__all__ = [
    "UNKNOWN",
    "Amendment",
    "Bound",
    "CompetentAuthority",
    "Param",
    "Rule",
    "Source",
    "StateParty",
    "StateStatus",
    "Treaty",
    "TreatyKind",
    "Unknown",
]

T = TypeVar("T")

_instance_of = instance_of
#: Text (an id, a title, a URL); optional text, or nothing.
_text = instance_of(str)
_optional_text = instance_of(str, type(None))
#: A list of text (ids of sources or instruments, notes, reservations): a tuple of str.
_texts = items_of(str)
_bool = instance_of(bool)


class Unknown(enum.Enum):
    """The type of :data:`UNKNOWN`: a value the sources do not give.

    .. versionadded:: 0.1.0
    """

    UNKNOWN = "unknown"

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __str__(self) -> str:
        return "unknown"


#: A value that no source read gives. Written ``unknown`` in catalogue files.
UNKNOWN = Unknown.UNKNOWN


def _tuple(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _optional_date(_i: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    # A date with a time of day is no date (comparing it with a date raises TypeError).
    if value is not None and (
        not isinstance(value, pendulum.Date) or isinstance(value, datetime.datetime)
    ):
        raise InvalidValueError(f"{attribute.name} must be a date, got {quote(value)}",
                                field=attribute.name)


# Lossless normalisation of enum values given as text (``"high"``); each enum is looked up
# when called, so these may stand before the enums they name.


def _confidence(value: Any) -> Any:
    return enum_member(Confidence, value)


def _treaty_kind(value: Any) -> Any:
    return enum_member(TreatyKind, value)


def _state_status(value: Any) -> Any:
    return enum_member(StateStatus, value)


# A country given as its code (``"RU"``) becomes the Country, as in agreements.


def _country(value: Any) -> Any:
    return _to_country(value, "country")


def _continues(value: Any) -> Any:
    return _to_country(value, "continues")


def _authority_name(value: Any) -> Any:
    # ``unknown`` is how documents write UNKNOWN: built in Python, it means the same.
    return UNKNOWN if isinstance(value, str) and value == UNKNOWN.value else value


def _authority_name_check(_i: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not UNKNOWN and (not isinstance(value, str) or not value.strip()):
        raise InvalidValueError(
            f"{attribute.name} must be non-empty text or unknown, got {quote(value)}",
            field=attribute.name)


@attrs.frozen(kw_only=True)
class Source:
    """A document a catalogue value was read in.

    Args:
        id: A short id other entries refer to (``eurimages-revised``); not empty.
        title: What the document is; not empty.
        url: Where it can be read; not empty.
        retrieved: When it was read, if recorded.
        confidence: How reliable it is (high: treaty text or official body).
        note: Anything a reader should know about it.

    .. versionadded:: 0.1.0

    """

    id: str = attrs.field(validator=non_empty_text)
    title: str = attrs.field(validator=non_empty_text)
    url: str = attrs.field(validator=non_empty_text)
    confidence: Confidence = attrs.field(converter=_confidence,
                                         validator=_instance_of(Confidence))
    retrieved: pendulum.Date | None = attrs.field(
        default=None, converter=_to_optional_date, validator=_optional_date
    )
    note: str | None = attrs.field(default=None, validator=_optional_text)


@attrs.frozen(kw_only=True)
class Param(Generic[T]):
    """A value set by an instrument, with its provenance.

    Args:
        value: The value, or :data:`UNKNOWN` when no source gives it.
        article: The article it comes from; None to use the rule's article.
        sources: Ids of the treaty's sources that state it; empty to use the rule's.
        confidence: How reliable the value is; None to use the rule's confidence.
        note: Anything a reader should know (a quote, a caveat).

    Example:
        >>> from coprod import Share
        >>> Param(value=Share.parse("20%")).known, Param(value=UNKNOWN).known
        (True, False)

    .. versionadded:: 0.1.0

    """

    value: T | Unknown
    article: str | None = attrs.field(default=None, validator=_optional_text)
    sources: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_texts)
    confidence: Confidence | None = attrs.field(
        default=None, converter=_confidence, validator=_instance_of(Confidence, type(None)))
    note: str | None = attrs.field(default=None, validator=_optional_text)

    @property
    def known(self) -> bool:
        """Whether the value is known."""
        return self.value is not UNKNOWN

    def get(self) -> T:
        """The value.

        Raises:
            coprod.InvalidValueError: If the value is unknown.

        """
        if isinstance(self.value, Unknown):
            raise InvalidValueError("this value is unknown")
        return self.value


#: A parameter of a rule or an instrument: a :class:`Param` (or, where optional, nothing).
_param = instance_of(Param)
_optional_param = instance_of(Param, type(None))


@attrs.frozen
class _Value:
    """What a parameter's value may be besides :data:`UNKNOWN`.

    Attributes:
        expected: How messages name it (``a Share``, ``a whole number``).
        accepts: Whether a value is one.
        minimum: For a whole number, the least it may be.
    """

    expected: str
    accepts: Callable[[Any], bool]
    minimum: int | None = None


def _is_whole_number(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_date(value: Any) -> bool:
    # A date with a time of day is no date (comparing it with a date raises TypeError).
    return isinstance(value, pendulum.Date) and not isinstance(value, datetime.datetime)


def _is_language_tag(value: Any) -> bool:
    from coprod.languages import ANY_LANGUAGE, normalise_language

    if not isinstance(value, str) or value.strip() == ANY_LANGUAGE:
        return False
    try:
        normalise_language(value)
    except InvalidValueError:
        return False
    return True


#: The values parameters hold (besides UNKNOWN); see :func:`_param_of`.
_SHARE = _Value("a Share", lambda v: isinstance(v, Share))
_BOOL = _Value("true or false", lambda v: isinstance(v, bool))
_DATE = _Value("a date", _is_date)
_LANGUAGE_TAG = _Value("a language tag such as 'ru' or 'zh-Hans'", _is_language_tag)


def _whole_number_value(minimum: int) -> _Value:
    return _Value("a whole number", _is_whole_number, minimum)


def _member_value(enum_type: type[enum.Enum]) -> _Value:
    return _Value("one of " + ", ".join(repr(m.value) for m in enum_type),
                  lambda v: isinstance(v, enum_type))


def _param_of(kind: _Value, *, optional: bool = False, items: bool = False,
              non_empty: bool = False) -> Validator:
    """A validator: a :class:`Param` whose value is :data:`UNKNOWN` or a *kind*.

    With *items*, the value is a list (a tuple) of *kind*, and with *non_empty* one of at
    least one item (an empty list of required languages or of covered kinds could never be
    met, or met by nothing); with *optional*, the parameter may be left out (None). A wrong
    value is refused naming the field and the value (``allowed.value must be one of
    'co-producing-states', 'bound-states' or unknown, got 'bound'``); a loader reports it
    at the value's path (``$.rules[3].allowed.value``).
    """
    outer = _optional_param if optional else _param

    def refuse(attribute: Any, where: str, what: str, value: Any) -> None:
        raise InvalidValueError(f"{attribute.name}.{where} must be {what}, got {quote(value)}",
                                field=attribute.name, within=where)

    def one(attribute: Any, where: str, value: Any, alone: bool) -> None:
        if not kind.accepts(value):
            refuse(attribute, where, kind.expected + (" or unknown" if alone else ""), value)
        if kind.minimum is not None and value < kind.minimum:
            refuse(attribute, where, f"at least {kind.minimum}", value)

    def check(instance: Any, attribute: Any, value: Any) -> None:
        outer(instance, attribute, value)
        if value is None or value.value is UNKNOWN:
            return
        given = value.value
        if not items:
            one(attribute, "value", given, True)
            return
        if type(given) is not tuple:
            refuse(attribute, "value", "a list or unknown", given)
        if non_empty and not given:
            refuse(attribute, "value", "a list of at least one item, or unknown", given)
        for i, item in enumerate(given):
            one(attribute, f"value[{i}]", item, False)

    check.__qualname__ = (f"_param_of({kind.expected!r}, optional={optional}, items={items}, "
                          f"non_empty={non_empty})")
    return check


def _param_value(value: Any, convert: Callable[[Any], Any] | None = None) -> Any:
    """A parameter with its value normalised losslessly, for converters.

    ``"unknown"`` (how documents write it) becomes :data:`UNKNOWN`; any other value is
    passed to *convert* (an enum's value as text becomes its member, a list a tuple). The
    parameter is rebuilt with :func:`attrs.evolve` only when its value changes, keeping its
    article, sources, confidence and note; anything but a parameter is left to the validator.
    """
    if not isinstance(value, Param):
        return value
    given = value.value
    if isinstance(given, str) and given == UNKNOWN.value:
        new: Any = UNKNOWN
    elif convert is None or given is UNKNOWN:
        return value
    else:
        new = convert(given)
    return value if new is given else attrs.evolve(value, value=new)


def _plain_param(value: Any) -> Any:
    return _param_value(value)


def _date_param(value: Any) -> Any:
    return _param_value(value, _to_date)


@runtime_checkable
class Rule(Protocol):
    """What every rule kind implements.

    Attributes:
        kind: The rule kind's name in catalogue files (``contribution-range``).
        codes: The finding codes the kind may emit, documented on the findings page.
        id: The rule's id, unique within its instrument.
        article: The article the rule comes from, or None if unknown.
        sources: Ids of the instrument's sources for the rule.
        confidence: How reliable those sources are.

    .. versionadded:: 0.1.0

    """

    kind: ClassVar[str]
    codes: ClassVar[tuple[FindingCode, ...]]

    @property
    def id(self) -> str: ...

    @property
    def article(self) -> str | None: ...

    @property
    def sources(self) -> tuple[str, ...]: ...

    @property
    def confidence(self) -> Confidence: ...

    @property
    def introduced_by(self) -> str | None: ...

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        """Yield the findings for the agreement in *ctx*."""
        ...

    def summary(self) -> str:
        """One line saying what the rule requires (for ``coprod treaties show``)."""
        ...

    def params(self) -> Mapping[str, Param[Any]]:
        """The rule's parameters by name (for docs and invariant tests)."""
        ...


class TreatyKind(enum.Enum):
    """Bilateral (two states) or multilateral (three or more, or a convention).

    .. versionadded:: 0.1.0
    """

    BILATERAL = "bilateral"
    MULTILATERAL = "multilateral"


class StateStatus(enum.Enum):
    """Where a state stands towards an instrument.

    .. versionadded:: 0.1.0
    """

    PARTY = "party"
    SIGNATORY = "signatory"
    WITHDRAWN = "withdrawn"


class Bound(enum.Enum):
    """Whether a state is bound by an instrument on a date: yes, no, or not known.

    .. versionadded:: 0.1.0
    """

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


@attrs.frozen(kw_only=True)
class StateParty:
    """A state's relation to an instrument.

    Args:
        country: The state (a :class:`~coprod.Country`, or its code as text).
        status: Party, signatory only, or withdrawn.
        signed: Date of signature, if known.
        ratified: Date of ratification, acceptance, approval or accession, if known.
        in_force: Date from which the instrument binds the state; None when not known.
        left: Date from which it no longer binds the state, if known.
        continues: The predecessor state whose obligations this state continues (RU for SU;
            a country or its code).
        reservations: Reservations and declarations, in words.
        excludes_bilateral_use: The state made the reservation excluding the convention's
            use as a bilateral framework (ETS 147 Art. 20 on Art. 2(4)).
        sources: Ids of the treaty's sources for these facts.
        confidence: How reliable they are.
        note: Caveats (e.g. a status that later events put in doubt).

    .. versionadded:: 0.1.0

    """

    country: Country = attrs.field(converter=_country, validator=_instance_of(Country))
    status: StateStatus = attrs.field(default=StateStatus.PARTY, converter=_state_status,
                                      validator=_instance_of(StateStatus))
    signed: pendulum.Date | None = attrs.field(
        default=None, converter=_to_optional_date, validator=_optional_date
    )
    ratified: pendulum.Date | None = attrs.field(
        default=None, converter=_to_optional_date, validator=_optional_date
    )
    in_force: pendulum.Date | None = attrs.field(
        default=None, converter=_to_optional_date, validator=_optional_date
    )
    left: pendulum.Date | None = attrs.field(
        default=None, converter=_to_optional_date, validator=_optional_date
    )
    continues: Country | None = attrs.field(default=None, converter=_continues,
                                            validator=_instance_of(Country, type(None)))
    reservations: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_texts)
    excludes_bilateral_use: bool = attrs.field(default=False, validator=_bool)
    sources: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_texts)
    confidence: Confidence = attrs.field(default=Confidence.HIGH, converter=_confidence,
                                         validator=_instance_of(Confidence))
    note: str | None = attrs.field(default=None, validator=_optional_text)

    def bound_on(self, day: pendulum.Date, treaty_in_force: pendulum.Date | None) -> Bound:
        """Whether the instrument binds this state on *day*.

        *treaty_in_force* is the instrument's own entry into force, used when the state's
        own date is not recorded.
        """
        if self.status is not StateStatus.PARTY and self.status is not StateStatus.WITHDRAWN:
            return Bound.NO
        if self.left is not None and day >= self.left:
            return Bound.NO
        start = self.in_force
        if start is None:
            if treaty_in_force is not None and day < treaty_in_force:
                return Bound.NO
            return Bound.UNKNOWN
        return Bound.YES if day >= start else Bound.NO


@attrs.frozen(kw_only=True)
class CompetentAuthority:
    """The body that approves co-productions for one state.

    Args:
        country: The state (a :class:`~coprod.Country`, or its code as text).
        name: The authority: non-empty text, or UNKNOWN when the sources do not name it
            (``"unknown"`` is taken for UNKNOWN, as documents write it).
        article: The article that designates it.
        sources: Ids of the sources.
        confidence: How reliable they are.

    .. versionadded:: 0.1.0

    """

    country: Country = attrs.field(converter=_country, validator=_instance_of(Country))
    name: str | Unknown = attrs.field(converter=_authority_name, validator=_authority_name_check)
    article: str | None = attrs.field(default=None, validator=_optional_text)
    sources: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_texts)
    confidence: Confidence = attrs.field(default=Confidence.HIGH, converter=_confidence,
                                         validator=_instance_of(Confidence))


@attrs.frozen(kw_only=True)
class Amendment:
    """A protocol or amendment that changes an instrument from a date.

    Rules introduced by an amendment name it in ``introduced_by`` and apply only once it is
    in force.

    Args:
        id: A short id (``protocol-2007``); not empty.
        title: What it is; not empty.
        signed: Date of signature.
        in_force: Date from which it applies.
        sources: Ids of the sources.
        confidence: How reliable they are.
        note: Caveats.

    .. versionadded:: 0.1.0

    """

    id: str = attrs.field(validator=non_empty_text)
    title: str = attrs.field(validator=non_empty_text)
    signed: pendulum.Date | None = attrs.field(
        default=None, converter=_to_optional_date, validator=_optional_date
    )
    in_force: pendulum.Date | None = attrs.field(
        default=None, converter=_to_optional_date, validator=_optional_date
    )
    sources: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_texts)
    confidence: Confidence = attrs.field(default=Confidence.HIGH, converter=_confidence,
                                         validator=_instance_of(Confidence))
    note: str | None = attrs.field(default=None, validator=_optional_text)

    def in_force_on(self, day: pendulum.Date) -> bool:
        """Whether the amendment applies on *day* (from its in-force date, else signature)."""
        start = self.in_force or self.signed
        return start is not None and day >= start


#: Classes already seen to implement :class:`Rule`. ``isinstance`` against a runtime
#: protocol inspects every member each time (about 30 µs); a class passes or fails once.
_RULE_CLASSES: set[type] = set()
_rule_items = items_of(Rule)


def _rules(instance: Any, attribute: Any, value: Any) -> None:
    """A validator: a tuple of objects implementing :class:`Rule`."""
    if type(value) is tuple and all(type(r) in _RULE_CLASSES for r in value):
        return
    _rule_items(instance, attribute, value)
    _RULE_CLASSES.update(type(r) for r in value)


#: The years a date can have (``pendulum.Date`` refuses any other).
_YEARS = bounded_whole_number(datetime.MINYEAR, datetime.MAXYEAR, optional=True)


def _signed_year(instance: Treaty, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A validator: a year a date can have, and the year of ``signed`` when that is known."""
    _YEARS(instance, attribute, value)
    signed = instance.signed.value
    if value is not None and isinstance(signed, pendulum.Date) and signed.year != value:
        raise InvalidValueError(
            f"{attribute.name} must be the year of signed ({signed.isoformat()}), "
            f"got {quote(value)}", field=attribute.name)


def _listing(what: str, ids: list[str]) -> str:
    """``the treaty's sources are a, b`` (at most a dozen named), or that it lists none."""
    if not ids:
        return f"the treaty lists no {what}"
    shown = ", ".join(ids[:12]) + (", …" if len(ids) > 12 else "")
    return f"the treaty's {what} are {shown}"


def _reference_problems(treaty: Treaty) -> Iterator[Problem]:
    """Every id inside *treaty* that names no source or amendment of it, at its path.

    Also: no source at all (every fact rests on one, and findings cite the best of them),
    an id listed twice among its sources, amendments or rules (look-ups would take the
    first silently), and a competent authority for a state the instrument does not list.
    """
    sources = [s.id for s in treaty.sources]
    amendments = [a.id for a in treaty.amendments]
    known_sources, known_amendments = set(sources), set(amendments)
    if not sources:
        yield Problem("$.sources", "an instrument lists at least one source: every fact in "
                                   "it rests on one, and findings cite it")
    for where, ids in (("sources", sources), ("amendments", amendments),
                       ("rules", [r.id for r in treaty.rules])):
        first: dict[str, int] = {}
        for i, item_id in enumerate(ids):
            if item_id in first:
                yield Problem(f"$.{where}[{i}].id",
                              f"{quote(item_id)} is already the id of $.{where}[{first[item_id]}]")
            else:
                first[item_id] = i
    states = {s.country for s in treaty.states}
    for i, authority in enumerate(treaty.competent_authorities):
        if authority.country not in states:
            yield Problem(f"$.competent_authorities[{i}].country",
                          f"{authority.country.code} is not among the instrument's states "
                          f"({', '.join(sorted(c.code for c in states)) or 'none'})")

    def cited(path: str, ids: Iterable[str]) -> Iterator[Problem]:
        for j, source_id in enumerate(ids):
            if source_id not in known_sources:
                yield Problem(f"{path}.sources[{j}]",
                              f"unknown source {quote(source_id)} "
                              f"({_listing('sources', sources)})")

    for name in ("signed", "in_force", "bilateral_use", "min_co_producers"):
        param = getattr(treaty, name)
        if param is not None:
            yield from cited(f"$.{name}", param.sources)
    entries: list[tuple[str, tuple[StateParty | CompetentAuthority | Amendment, ...]]] = [
        ("states", treaty.states), ("competent_authorities", treaty.competent_authorities),
        ("amendments", treaty.amendments)]
    for where, listed in entries:
        for i, entry in enumerate(listed):
            yield from cited(f"$.{where}[{i}]", entry.sources)
    for i, rule in enumerate(treaty.rules):
        yield from cited(f"$.rules[{i}]", rule.sources)
        if rule.introduced_by is not None and rule.introduced_by not in known_amendments:
            yield Problem(f"$.rules[{i}].introduced_by",
                          f"unknown amendment {quote(rule.introduced_by)} "
                          f"({_listing('amendments', amendments)})")
        for name, param in rule.params().items():
            yield from cited(f"$.rules[{i}].{name}", param.sources)


@attrs.frozen(kw_only=True)
class Treaty:
    """One co-production instrument: a bilateral agreement or a multilateral convention.

    Treaties are data: every instance is loaded from a catalogue file (see
    :func:`coprod.treaties.get`), never subclassed.

    Args:
        id: The instrument id (``CN-RU-2017``, ``ETS-147``); not empty.
        title: The English title; not empty.
        titles: Titles in the original languages.
        kind: Bilateral or multilateral.
        description: What the instrument does, in a few sentences.
        states: The states and their status (for a convention, each with its own dates).
        signed: The date of signature (or of opening for signature), or UNKNOWN.
        signed_year: The year of signature, when the sources give the year but not the day
            (the instrument then applies no earlier than 1 January of that year): a year a
            date can have (1 to 9999), and the year of ``signed`` when both are given.
        in_force: The date the instrument entered into force, or UNKNOWN.
        ended: The date it ceased to apply, if it did.
        bilateral_use: For a convention: whether it serves as the bilateral framework when two
            of its Parties have no bilateral agreement.
        min_co_producers: For a convention: how many co-producers from different Parties a
            multilateral co-production needs (at least 2: a co-production has two
            co-producers or more).
        supersedes: Ids of instruments this one replaces between states bound by both.
        competent_authorities: Who approves co-productions, per state.
        amendments: Protocols and amendments.
        sources: Every source the entry uses.
        rules: The rules a co-production must meet.
        notes: Facts a reader should know that no rule expresses.

    Raises:
        coprod.errors.ProblemsError: If an entry names a source the instrument does not
            list (a rule, a parameter, a state, an authority or an amendment), or a rule is
            ``introduced_by`` an amendment it does not list: every such problem, each at its
            path (``$.rules[2].sources[0]``), which a loader reports inside the document.

    .. versionadded:: 0.1.0

    """

    id: str = attrs.field(validator=non_empty_text)
    title: str = attrs.field(validator=non_empty_text)
    titles: tuple[Title, ...] = attrs.field(default=(), converter=_tuple,
                                            validator=items_of(Title))
    kind: TreatyKind = attrs.field(converter=_treaty_kind, validator=_instance_of(TreatyKind))
    description: str = attrs.field(validator=_text)
    states: tuple[StateParty, ...] = attrs.field(converter=_tuple, validator=items_of(StateParty))
    signed: Param[pendulum.Date] = attrs.field(converter=_date_param,
                                               validator=_param_of(_DATE))
    signed_year: int | None = attrs.field(
        default=None, validator=_signed_year,
        metadata={"json_schema": {"minimum": datetime.MINYEAR, "maximum": datetime.MAXYEAR}})
    in_force: Param[pendulum.Date] = attrs.field(converter=_date_param,
                                                 validator=_param_of(_DATE))
    ended: pendulum.Date | None = attrs.field(
        default=None, converter=_to_optional_date, validator=_optional_date
    )
    bilateral_use: Param[bool] | None = attrs.field(
        default=None, converter=_plain_param, validator=_param_of(_BOOL, optional=True))
    min_co_producers: Param[int] | None = attrs.field(
        default=None, converter=_plain_param,
        validator=_param_of(_whole_number_value(2), optional=True))
    supersedes: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_texts)
    competent_authorities: tuple[CompetentAuthority, ...] = attrs.field(
        default=(), converter=_tuple, validator=items_of(CompetentAuthority)
    )
    amendments: tuple[Amendment, ...] = attrs.field(default=(), converter=_tuple,
                                                    validator=items_of(Amendment))
    sources: tuple[Source, ...] = attrs.field(converter=_tuple, validator=items_of(Source))
    rules: tuple[Rule, ...] = attrs.field(default=(), converter=_tuple, validator=_rules)
    notes: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_texts)

    def __attrs_post_init__(self) -> None:
        problems = tuple(_reference_problems(self))
        if problems:
            raise ProblemsError(problems)

    # -- states -------------------------------------------------------------------------

    @functools.cached_property
    def countries(self) -> frozenset[Country]:
        """Every state listed, whatever its status (worked out once: the treaty is frozen)."""
        return frozenset(s.country for s in self.states)

    @functools.cached_property
    def country_codes(self) -> frozenset[str]:
        """The codes of :attr:`countries` (``{"CN", "RU"}``): quick to compare with others.

        Example:
            >>> from coprod import treaties
            >>> sorted(treaties.get("CN-RU-2017").country_codes)
            ['CN', 'RU']
        """
        return frozenset(c.code for c in self.countries)

    @property
    def is_convention(self) -> bool:
        """Whether the instrument is a convention open to many states (per-state dates)."""
        return self.bilateral_use is not None

    @functools.cached_property
    def _state_index(self) -> dict[Country, StateParty]:
        # First entry wins, as a linear search would; computed once (the treaty is immutable).
        index: dict[Country, StateParty] = {}
        for entry in self.states:
            index.setdefault(entry.country, entry)
        # A predecessor state is found through the state that continues its obligations
        # (SU through RU), unless it has an entry of its own.
        for entry in self.states:
            if entry.continues is not None:
                index.setdefault(entry.continues, entry)
        return index

    def state(self, country: Country) -> StateParty | None:
        """The entry for *country*, or None.

        A predecessor state is answered by the entry of the state that continues it: under
        the USSR–France agreement continued by Russia, ``state(Country("SU"))`` is Russia's.
        """
        return self._state_index.get(country)

    @functools.cached_property
    def predecessors(self) -> frozenset[Country]:
        """The predecessor states whose obligations a listed state continues (SU for RU)."""
        return frozenset(e.continues for e in self.states if e.continues is not None)

    def member(self, country: Country) -> Country:
        """The state whose entry answers for *country*: itself, or its continuing state."""
        entry = self.state(country)
        return country if entry is None else entry.country

    @property
    def entry_into_force(self) -> pendulum.Date | None:
        """The in-force date, or None when unknown."""
        value = self.in_force.value
        return None if isinstance(value, Unknown) else value

    @property
    def signature(self) -> pendulum.Date | None:
        """The signature date, or None when unknown."""
        value = self.signed.value
        return None if isinstance(value, Unknown) else value

    @property
    def earliest(self) -> pendulum.Date | None:
        """The earliest day the instrument can apply.

        That is its signature, or 1 January of the year of signature when only the year is
        known.
        """
        if self.signature is not None:
            return self.signature
        return pendulum.Date(self.signed_year, 1, 1) if self.signed_year else None

    @functools.cached_property
    def _bound_spans(self) -> tuple[tuple[Country, pendulum.Date | None,
                                          pendulum.Date | None], ...]:
        # For each listed state, the days on which bound_on() is not NO: from the first
        # (inclusive) to the second (exclusive); None is open. Worked out once per instrument
        # from the same facts bound_on() reads (tests/treaties/test_catalogue.py compares
        # the two on generated days).
        spans = []
        for country in self.countries:
            entry = self._state_index[country]
            stops = [d for d in (entry.left, self.ended) if d is not None]
            if self.is_convention:
                if entry.status not in (StateStatus.PARTY, StateStatus.WITHDRAWN):
                    continue
                start = entry.in_force if entry.in_force is not None else self.entry_into_force
            else:
                start = (self.entry_into_force if self.entry_into_force is not None
                         else self.earliest)
            spans.append((country, start, min(stops) if stops else None))
        return tuple(spans)

    def bound_states(self, day: pendulum.Date) -> frozenset[Country]:
        """The listed states the instrument binds on *day*, or may bind (dates not known).

        The same as every listed country whose :meth:`bound_on` is not ``Bound.NO``, without
        asking state by state: a convention lists some forty states, and validation needs
        this set for every agreement.
        """
        return frozenset(c for c, start, stop in self._bound_spans
                         if (start is None or day >= start) and (stop is None or day < stop))

    def bound_on(self, country: Country, day: pendulum.Date) -> Bound:
        """Whether the instrument binds *country* on *day* (yes, no or unknown).

        For a bilateral or closed multilateral agreement, the instrument's own dates decide;
        for a convention, each state's own dates.
        """
        entry = self.state(country)
        if entry is None:
            return Bound.NO
        if self.ended is not None and day >= self.ended:
            return Bound.NO
        if self.is_convention:
            return entry.bound_on(day, self.entry_into_force)
        if entry.left is not None and day >= entry.left:
            return Bound.NO
        return self.in_force_on(day)

    def in_force_on(self, day: pendulum.Date) -> Bound:
        """Whether the instrument itself is in force on *day* (yes, no or unknown)."""
        if self.ended is not None and day >= self.ended:
            return Bound.NO
        start = self.entry_into_force
        if start is not None:
            return Bound.YES if day >= start else Bound.NO
        earliest = self.earliest
        if earliest is not None and day < earliest:
            return Bound.NO
        return Bound.UNKNOWN

    # -- sources ------------------------------------------------------------------------

    def source(self, source_id: str) -> Source:
        """The source with this id.

        Raises:
            coprod.UnknownReferenceError: If the entry has no such source.

        """
        from coprod.errors import UnknownReferenceError

        try:
            return self._source_index[source_id]
        except KeyError:
            raise UnknownReferenceError(f"{self.id} has no source {source_id!r}") from None

    @functools.cached_property
    def _source_index(self) -> dict[str, Source]:
        # Source ids are unique (checked when the treaty is built); worked out once.
        return {s.id: s for s in self.sources}

    def best_source(self, source_ids: Iterable[str]) -> Source | None:
        """The most reliable of the named sources (the first among equals)."""
        found = [self.source(i) for i in source_ids]
        return min(found, key=lambda s: s.confidence.rank) if found else None

    def amendment(self, amendment_id: str) -> Amendment:
        """The amendment with this id.

        Raises:
            coprod.UnknownReferenceError: If the entry has no such amendment.

        """
        from coprod.errors import UnknownReferenceError

        for a in self.amendments:
            if a.id == amendment_id:
                return a
        raise UnknownReferenceError(f"{self.id} has no amendment {amendment_id!r}")

    def rule(self, rule_id: str) -> Rule:
        """The rule with this id.

        Raises:
            coprod.UnknownReferenceError: If the entry has no such rule.

        """
        from coprod.errors import UnknownReferenceError

        for r in self.rules:
            if r.id == rule_id:
                return r
        raise UnknownReferenceError(f"{self.id} has no rule {rule_id!r}")

    @property
    def production_kinds(self) -> tuple[ProductionKind, ...] | None:
        """The production kinds the instrument covers, when a scope rule says which.

        None when no scope rule is recorded, or its kinds are unknown.

        Example:
            >>> from coprod import treaties
            >>> [k.value for k in treaties.get("CA-CN-2016").production_kinds]
            ['feature-film', 'animation', 'documentary']
            >>> treaties.get("CN-RU-2017").production_kinds is None
            True
        """
        for r in self.rules:
            kinds = getattr(r, "kinds", None)
            if r.kind == "scope" and isinstance(kinds, Param):
                return None if isinstance(kinds.value, Unknown) else tuple(kinds.value)
        return None

