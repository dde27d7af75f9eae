"""Remakes: the source work, the licence a remake rests on, and whether the plan fits it.

A remake (or sequel, prequel, series adaptation, format) rests on a licence from whoever
holds the rights in the source work, often a Soviet-era film whose country code (``SU``)
no longer exists. :class:`SourceWork` identifies the work (with an EIDR content id checked
by its ISO 7064 Mod 37,36 check character, computed by ``python-stdnum``);
:class:`RemakeLicense` records the licence: who licenses what to whom, where, in which
languages and media, for how long, the option and its exercise deadline, the price, the
backend participation, the credit, approvals, holdbacks on the source work, and reversion
if principal photography has not started in time.

:func:`check_remake` compares a licence with a :class:`RemakePlan` and reports findings
with stable codes (listed in :data:`FINDING_CODES`), each citing the licence clause.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterator, Mapping
from typing import Any

import attrs
import pendulum

from coprod._fields import enum_member, enum_members, items_of, non_empty_text
from coprod._rights_algebra import Box, LanguageAtoms, days_term, merge, subtract, term_days
from coprod.eidr import validate_eidr
from coprod.errors import InvalidValueError, quote
from coprod.findings import Citation, Confidence, Finding, FindingCode, Report, Severity
from coprod.geo import Country
from coprod.languages import LanguageScope, normalise_language
from coprod.media import Media, expand_media, summarise_media
from coprod.money import Money
from coprod.parties import Organisation, Person
from coprod.rights import (
    Holdback,
    RightsGrant,
    RightsLedger,
    RightsSlice,
    _check_events,
    _check_id,
    _check_media,
    _events,
    _instance,
    _languages,
    _media,
    _territories,
    _tuple,
)
from coprod.share import Share
from coprod.terms import LAST_DAY, Term, parse_date
from coprod.territories import Territories, TerritoryGroups, TerritorySet
from coprod.windows import Duration, Window, _check_duration, _duration

__all__ = [
    "FINDING_CODES",
    "Approval",
    "BackendParticipation",
    "CreditObligation",
    "Option",
    "OptionExtension",
    "PlannedRelease",
    "RemakeKind",
    "RemakeLicense",
    "RemakePlan",
    "Reversion",
    "SourceWork",
    "TitleTransfer",
    "check_remake",
    "validate_eidr",
]

def _eidr(value: Any) -> Any:
    return None if value is None else validate_eidr(value)


def _country(value: Any) -> Any:
    return Country(value) if isinstance(value, str) else value


def _titles(value: Any) -> Any:
    if isinstance(value, str):
        return (value,)
    return tuple(value) if isinstance(value, list) else value


def _check_titles(_i: object, _a: object, value: tuple[str, ...]) -> None:
    if (not isinstance(value, tuple) or not value
            or not all(isinstance(t, str) and t.strip() for t in value)):
        raise InvalidValueError(
            f"a work needs at least one non-empty title, got {quote(value)}", field="titles")


def _check_year(_i: object, _a: object, value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not 1888 <= value <= 2200:
        raise InvalidValueError(
            f"year must be a year of the cinema (1888 or later), got {quote(value)}"
        )


def _optional_language(value: Any) -> Any:
    return None if value is None else normalise_language(value)


@attrs.frozen(kw_only=True)
class SourceWork:
    """The work a remake is based on.

    Args:
        id: An id for the work.
        titles: Its titles, the original title first.
        year: Year of first release.
        country: Country of origin; historic codes (``SU``) are accepted.
        rights_holder: The party id holding the remake rights today.
        eidr: Its EIDR content id, checked.
        original_language: The BCP 47 tag of its original language.

    Example:
        >>> w = SourceWork(id="ironia", titles=("Ирония судьбы", "The Irony of Fate"),
        ...                year=1976, country="SU", rights_holder="mosfilm-like")
        >>> w.country.is_historic, w.title
        (True, 'Ирония судьбы')

    .. versionadded:: 0.1.0

    """

    id: str = attrs.field(validator=_check_id)
    titles: tuple[str, ...] = attrs.field(converter=_titles, validator=_check_titles)
    year: int = attrs.field(validator=_check_year)
    country: Country = attrs.field(converter=_country, validator=_instance(Country))
    rights_holder: str = attrs.field(validator=_check_id)
    eidr: str | None = attrs.field(default=None, converter=_eidr)
    original_language: str | None = attrs.field(default=None, converter=_optional_language)

    @property
    def title(self) -> str:
        """The original title."""
        return self.titles[0]


class RemakeKind(enum.StrEnum):
    """What kind of new work a licence allows.

    .. versionadded:: 0.1.0
    """

    REMAKE = "remake"
    SEQUEL = "sequel"
    PREQUEL = "prequel"
    SERIES_ADAPTATION = "series-adaptation"
    FORMAT = "format"

    @property
    def medium(self) -> Media:
        """The derivative right in :class:`coprod.media.Media` this kind needs."""
        return Media(self.value)


def _date(value: Any) -> Any:
    return parse_date(value) if isinstance(value, (str, _dt.date)) else value


def _optional_date(value: Any) -> Any:
    return None if value is None else _date(value)


def _check_date(_i: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    # Text and dates are read by the converter (_date); what is left is not a date.
    if not isinstance(value, pendulum.Date):
        raise InvalidValueError(
            f"{attribute.name} must be a date (YYYY-MM-DD), got {quote(value)}",
            field=attribute.name)


_check_optional_date = attrs.validators.optional(_check_date)


def _money(value: Any) -> Any:
    return Money.parse(value) if isinstance(value, str) else value


def _optional_money(value: Any) -> Any:
    return None if value is None else _money(value)


_check_optional_money = attrs.validators.optional(_instance(Money))


@attrs.frozen(kw_only=True)
class TitleTransfer:
    """One link of the chain of title: rights in the source work passing from one party to another.

    Args:
        assignor: Who passed the rights on.
        assignee: Who received them.
        date: When.
        document: The instrument (assignment, succession decree, court ruling).
        clause: Where in it.

    .. versionadded:: 0.1.0

    """

    assignor: str = attrs.field(validator=_check_id)
    assignee: str = attrs.field(validator=_check_id)
    date: pendulum.Date = attrs.field(converter=_date, validator=_check_date)
    document: str | None = None
    clause: str | None = None


@attrs.frozen(kw_only=True)
class OptionExtension:
    """An extension of the option period, and whether (and when) it was taken.

    .. versionadded:: 0.1.0
    """

    period: Duration = attrs.field(converter=_duration, validator=_check_duration)
    fee: Money | None = attrs.field(
        default=None, converter=_optional_money, validator=_check_optional_money)
    taken: pendulum.Date | None = attrs.field(
        default=None, converter=_optional_date, validator=_check_optional_date)


@attrs.frozen(kw_only=True)
class Option:
    """The option to acquire the remake rights: how long it runs, what it costs, when exercised.

    The option runs from *start* for *period* (exclusive end, so ``P18M`` from 2024-03-01 ends
    on 2025-08-31), plus each extension taken before the option lapsed; an explicit
    *exercise_deadline* overrides that arithmetic.

    Args:
        start: The first day of the option period.
        period: Its length (``P18M``).
        fee: The option fee.
        extensions: Extensions, each with its period, fee and the day it was taken.
        exercise_deadline: The last day to exercise, if the licence states it.
        exercised: The day the option was exercised, if it was.
        clause: The option clause.

    Example:
        >>> o = Option(start="2024-03-01", period="P18M",
        ...            extensions=(OptionExtension(period="P6M", taken="2025-08-01"),))
        >>> o.deadline()
        Date(2026, 2, 28)

    .. versionadded:: 0.1.0

    """

    start: pendulum.Date = attrs.field(converter=_date, validator=_check_date)
    period: Duration = attrs.field(converter=_duration, validator=_check_duration)
    fee: Money | None = attrs.field(
        default=None, converter=_optional_money, validator=_check_optional_money)
    extensions: tuple[OptionExtension, ...] = attrs.field(
        default=(), converter=_tuple, validator=items_of(OptionExtension))
    exercise_deadline: pendulum.Date | None = attrs.field(
        default=None, converter=_optional_date, validator=_check_optional_date)
    exercised: pendulum.Date | None = attrs.field(
        default=None, converter=_optional_date, validator=_check_optional_date)
    clause: str | None = None

    def deadline(self) -> pendulum.Date:
        """The last day on which the option can be exercised.

        An option that would run past 9999-12-31 (:data:`coprod.terms.LAST_DAY`) runs to it.
        """
        if self.exercise_deadline is not None:
            return self.exercise_deadline
        try:
            last = self.period.last_day(self.start)
            for ext in self.extensions:
                if last == LAST_DAY:
                    break
                if ext.taken is not None and ext.taken <= last:
                    last = ext.period.last_day(last.add(days=1))
        except InvalidValueError:  # Duration.after: past the last day a date can be
            return LAST_DAY
        return last

    def total_fees(self) -> tuple[Money, ...]:
        """The option fee and the fees of extensions taken."""
        fees = [self.fee] if self.fee is not None else []
        fees += [e.fee for e in self.extensions if e.taken is not None and e.fee is not None]
        return tuple(fees)


@attrs.frozen(kw_only=True)
class BackendParticipation:
    """The licensor's share of the remake's receipts, for the waterfall to honour.

    Args:
        party: Who participates (the licensor, usually).
        share: The share of the receipts (``2.5%``).
        basis: Of which receipts, in the licence's words ("gross receipts", "producer's
            gross receipts", "net profits"); None when the licence does not say. It decides
            where the waterfall's backend tier goes (see
            :meth:`coprod.waterfall.BackendTier.from_remake_licence`).
        clause: The clause.

    .. versionadded:: 0.1.0

    """

    party: str = attrs.field(validator=_check_id)
    share: Share = attrs.field(validator=_instance(Share))
    basis: str | None = None
    clause: str | None = None


@attrs.frozen(kw_only=True)
class CreditObligation:
    """A credit the remake must carry ("Based on the film ... by ...").

    .. versionadded:: 0.1.0
    """

    text: str = attrs.field(validator=non_empty_text)
    placement: str | None = None
    clause: str | None = None


@attrs.frozen(kw_only=True)
class Approval:
    """Something the licensor must approve (screenplay, director, lead cast), and whether it did.

    .. versionadded:: 0.1.0
    """

    subject: str = attrs.field(validator=non_empty_text)
    by: str = attrs.field(validator=_check_id)
    given: pendulum.Date | None = attrs.field(
        default=None, converter=_optional_date, validator=_check_optional_date)
    clause: str | None = None


@attrs.frozen(kw_only=True)
class Reversion:
    """The rights revert to the licensor if principal photography has not started by a date.

    .. versionadded:: 0.1.0
    """

    principal_photography_by: pendulum.Date = attrs.field(converter=_date, validator=_check_date)
    clause: str | None = None


def _remake_kind(value: Any) -> Any:
    return enum_member(RemakeKind, value)


def _kinds(value: Any) -> Any:
    if isinstance(value, (str, RemakeKind)):
        value = [value]
    return enum_members(RemakeKind, value)


def _check_kinds(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, tuple) and not value:
        raise InvalidValueError(
            "a remake licence must name at least one kind (remake, sequel, ...)",
            field=attribute.name)
    items_of(RemakeKind)(instance, attribute, value)


def _window(value: Any) -> Any:
    return Window.from_term(value) if isinstance(value, Term) else value


@attrs.frozen(kw_only=True)
class RemakeLicense:
    """A licence to make a remake (sequel, prequel, series adaptation, format) of a source work.

    Args:
        id: The licence id.
        source_work: The work licensed.
        licensor: Who grants the licence (the rights holder, or its successor in title).
        licensee: Who may make the remake.
        kinds: What may be made.
        territories: Where the remake may be exploited.
        languages: In which languages.
        media: In which media the remake may be exploited.
        term: How long the remake may be exploited.
        signed: When the licence was signed.
        option: The option, if the rights are optioned before they are bought.
        purchase_price: The price on exercise (or of the outright licence).
        backend: The licensor's participation in the remake's receipts.
        credit: The credit the remake must carry.
        approvals: What the licensor must approve.
        holdbacks: Promises about the source work (e.g. no competing remake licence, no TV
            showing of the source film in a territory while the remake is released).
        reversion: Reversion if principal photography has not started in time.
        chain_of_title: Transfers from the source work's rights holder to the licensor.
        parties: The parties named.

    .. versionadded:: 0.1.0

    """

    id: str = attrs.field(validator=_check_id)
    source_work: SourceWork = attrs.field(validator=_instance(SourceWork))
    licensor: str = attrs.field(validator=_check_id)
    licensee: str = attrs.field(validator=_check_id)
    kinds: tuple[RemakeKind, ...] = attrs.field(converter=_kinds, validator=_check_kinds)
    territories: Territories = attrs.field(converter=_territories, validator=_instance(Territories))
    languages: LanguageScope = attrs.field(factory=LanguageScope.any, converter=_languages,
                                           validator=_instance(LanguageScope))
    media: tuple[Media, ...] = attrs.field(
        default=(Media.ALL_MEDIA,), converter=_media, validator=_check_media
    )
    term: Window = attrs.field(converter=_window, validator=_instance(Window))
    signed: pendulum.Date | None = attrs.field(
        default=None, converter=_optional_date, validator=_check_optional_date)
    option: Option | None = attrs.field(
        default=None, validator=attrs.validators.optional(_instance(Option)))
    purchase_price: Money | None = attrs.field(
        default=None, converter=_optional_money, validator=_check_optional_money)
    backend: BackendParticipation | None = attrs.field(
        default=None, validator=attrs.validators.optional(_instance(BackendParticipation)))
    credit: CreditObligation | None = attrs.field(
        default=None, validator=attrs.validators.optional(_instance(CreditObligation)))
    approvals: tuple[Approval, ...] = attrs.field(
        default=(), converter=_tuple, validator=items_of(Approval))
    holdbacks: tuple[Holdback, ...] = attrs.field(
        default=(), converter=_tuple, validator=items_of(Holdback))
    reversion: Reversion | None = attrs.field(
        default=None, validator=attrs.validators.optional(_instance(Reversion)))
    chain_of_title: tuple[TitleTransfer, ...] = attrs.field(
        default=(), converter=_tuple, validator=items_of(TitleTransfer))
    parties: tuple[Organisation | Person, ...] = attrs.field(
        default=(), converter=_tuple, validator=items_of(Organisation, Person))
    clause: str | None = None

    def participations(self) -> tuple[BackendParticipation, ...]:
        """The backend participations the remake's waterfall must honour."""
        return (self.backend,) if self.backend is not None else ()


@attrs.frozen(kw_only=True)
class PlannedRelease:
    """One planned release of the remake: where, in which media and languages, from when.

    Args:
        territories: Where the remake is released.
        media: In which media.
        languages: In which languages (any by default).
        date: The first day of the release.
        end: Its last day, if known; not before *date*. With it the release is checked on
            every day of its span; without it, on its first day.

    Raises:
        InvalidValueError: If *end* comes before *date*, or a field has the wrong type.

    .. versionadded:: 0.1.0
    """

    territories: Territories = attrs.field(converter=_territories, validator=_instance(Territories))
    media: tuple[Media, ...] = attrs.field(converter=_media, validator=_check_media)
    languages: LanguageScope = attrs.field(factory=LanguageScope.any, converter=_languages,
                                           validator=_instance(LanguageScope))
    date: pendulum.Date = attrs.field(converter=_date, validator=_check_date)
    end: pendulum.Date | None = attrs.field(
        default=None, converter=_optional_date, validator=_check_optional_date)

    @end.validator
    def _check_end(self, attribute: attrs.Attribute[Any], value: pendulum.Date | None) -> None:
        if value is not None and value < self.date:
            raise InvalidValueError(
                f"a release cannot end ({value}) before it starts ({self.date})",
                field=attribute.name)


@attrs.frozen(kw_only=True)
class RemakePlan:
    """What the licensee plans: the kind of work, the shoot, the releases, the credit, its grants.

    Args:
        licence: The id of the licence the plan rests on.
        title: The remake's working title.
        kind: What is made.
        principal_photography: When principal photography started (or is planned to).
        principal_photography_started: Whether it has started.
        releases: The planned releases.
        credit: The credit the remake will carry.
        grants: The remake's own grants (to distributors and platforms).
        source_grants: Known grants of the *source* work, checked against the holdbacks.

    .. versionadded:: 0.1.0

    """

    licence: str = attrs.field(validator=_check_id)
    title: str | None = None
    kind: RemakeKind = attrs.field(
        default=RemakeKind.REMAKE, converter=_remake_kind, validator=_instance(RemakeKind))
    principal_photography: pendulum.Date | None = attrs.field(
        default=None, converter=_optional_date, validator=_check_optional_date
    )
    principal_photography_started: bool = attrs.field(default=False, validator=_instance(bool))
    releases: tuple[PlannedRelease, ...] = attrs.field(
        default=(), converter=_tuple, validator=items_of(PlannedRelease))
    credit: str | None = None
    grants: tuple[RightsGrant, ...] = attrs.field(
        default=(), converter=_tuple, validator=items_of(RightsGrant))
    source_grants: tuple[RightsGrant, ...] = attrs.field(
        default=(), converter=_tuple, validator=items_of(RightsGrant))
    events: Mapping[str, pendulum.Date] = attrs.field(
        factory=dict, converter=_events, validator=_check_events)


FINDING_CODES: tuple[FindingCode, ...] = tuple(
    FindingCode(code=c, severity=s, summary=t, origin="remakes")
    for c, s, t in (
        ("REMAKE-CHAIN-BROKEN", Severity.ERROR,
         "The chain of title does not lead from the source work's rights holder to the licensor."),
        ("REMAKE-CHAIN-AFTER-LICENCE", Severity.WARNING,
         "A link of the chain of title is dated after the licence was signed."),
        ("REMAKE-KIND-NOT-COVERED", Severity.ERROR,
         "The plan makes a kind of work (e.g. a series) the licence does not allow."),
        ("REMAKE-TERRITORY-NOT-COVERED", Severity.ERROR,
         "A planned release reaches territories the licence does not cover."),
        ("REMAKE-MEDIA-NOT-COVERED", Severity.ERROR,
         "A planned release uses media the licence does not cover."),
        ("REMAKE-LANGUAGE-NOT-COVERED", Severity.ERROR,
         "A planned release uses languages the licence does not cover."),
        ("REMAKE-RELEASE-OUTSIDE-TERM", Severity.ERROR,
         "A planned release falls outside the licence term."),
        ("REMAKE-TERM-UNRESOLVED", Severity.WARNING,
         "The licence term hangs on an event whose date is not known; dates not checked."),
        ("REMAKE-OPTION-LAPSED", Severity.ERROR,
         "The option was not exercised by its deadline."),
        ("REMAKE-OPTION-OPEN", Severity.INFO,
         "The option is not exercised yet and has not lapsed."),
        ("REMAKE-PRODUCTION-BEFORE-EXERCISE", Severity.ERROR,
         "Principal photography starts before the option is exercised."),
        ("REMAKE-REVERSION-TRIGGERED", Severity.ERROR,
         "Principal photography did not start by the reversion date: the rights revert."),
        ("REMAKE-REVERSION-AT-RISK", Severity.WARNING,
         "Principal photography is planned after the reversion date."),
        ("REMAKE-GRANT-EXCEEDS-LICENCE", Severity.ERROR,
         "A grant of the remake gives rights beyond the licence."),
        ("REMAKE-SOURCE-HOLDBACK-VIOLATION", Severity.ERROR,
         "A grant of the source work breaks a holdback the licence promises."),
        ("REMAKE-APPROVAL-PENDING", Severity.WARNING,
         "An approval the licence requires has not been given."),
        ("REMAKE-CREDIT-MISSING", Severity.WARNING,
         "The planned credit does not carry the credit the licence requires."),
        ("REMAKE-BACKEND-PARTICIPATION", Severity.INFO,
         "The licensor's share of the remake's receipts, for the waterfall."),
    )
)


def _cite(licence: RemakeLicense, clause: str | None) -> Citation:
    return Citation(
        instrument=f"remake-licence:{licence.id}",
        article=clause or licence.clause or "clause not stated",
        source=f"remake licence {licence.id!r}",
        confidence=Confidence.HIGH,
    )


def check_remake(
    licence: RemakeLicense,
    plan: RemakePlan | None = None,
    *,
    as_of: _dt.date | str | None = None,
    groups: TerritoryGroups | None = None,
) -> Report:
    """Check a remake licence, and a plan against it.

    Args:
        licence: The licence.
        plan: What the licensee plans (releases, shoot, grants), if known.
        as_of: The day to judge deadlines on (today if not given).
        groups: Territory groups the clauses name (built-in ones if not given).

    Returns:
        A report of findings (codes in :data:`FINDING_CODES`).

    Raises:
        InvalidValueError: If an argument is of the wrong type, or *as_of* is not a date.

    A release with an ``end`` is checked on every day from its date to its end: where a
    territory group changes its members within that span (the United Kingdom left the EU
    on 2020-01-31), the part of the release the licence does not cover is reported with
    its dates. A release without an end is checked on its first day.

    .. versionadded:: 0.1.0

    """
    for name, value, wanted in (("licence", licence, RemakeLicense),
                                ("plan", plan, (RemakePlan, type(None))),
                                ("groups", groups, (TerritoryGroups, type(None)))):
        if not isinstance(value, wanted):
            expected = {"licence": "a RemakeLicense", "plan": "a RemakePlan or None",
                        "groups": "a TerritoryGroups or None"}[name]
            raise InvalidValueError(f"{name} must be {expected}, got {quote(value)}", field=name)
    when = parse_date(as_of) if as_of is not None else pendulum.today().date()
    findings = list(_check(licence, plan, when, groups or TerritoryGroups.default()))
    return Report(findings=tuple(findings), as_of=when, agreement=licence.id)


def _check(
    lic: RemakeLicense, plan: RemakePlan | None, as_of: pendulum.Date, groups: TerritoryGroups
) -> Iterator[Finding]:
    yield from _chain(lic)
    yield from _option(lic, plan, as_of)
    yield from _reversion(lic, plan, as_of)
    for i, a in enumerate(lic.approvals):
        if a.given is None:
            yield Finding(
                code="REMAKE-APPROVAL-PENDING",
                severity=Severity.WARNING,
                path=f"$.approvals[{i}]",
                message=f"{a.by} has not yet approved the {a.subject}",
                citation=_cite(lic, a.clause),
            )
    if lic.backend is not None:
        b = lic.backend
        yield Finding(
            code="REMAKE-BACKEND-PARTICIPATION", severity=Severity.INFO, path="$.backend",
            message=(f"{b.party} participates in {b.share} of the remake's receipts "
                     f"({b.basis or 'basis not stated in the licence'})"),
            citation=_cite(lic, b.clause))
    if plan is None:
        return
    if plan.kind not in lic.kinds:
        yield Finding(
            code="REMAKE-KIND-NOT-COVERED", severity=Severity.ERROR, path="$.kind", document="plan",
            message=(f"the plan makes a {plan.kind.value}; the licence allows only "
                     f"{', '.join(k.value for k in lic.kinds)}"),
            citation=_cite(lic, lic.clause))
    if lic.credit is not None and (
        not plan.credit or lic.credit.text.casefold() not in plan.credit.casefold()
    ):
        yield Finding(
            code="REMAKE-CREDIT-MISSING", severity=Severity.WARNING, path="$.credit",
            document="plan",
            message=f"the remake must carry the credit {lic.credit.text!r}",
            citation=_cite(lic, lic.credit.clause))
    events = {**plan.events}
    term = lic.term.resolve(events)
    if term is None and lic.term.missing_events(events):
        yield Finding(
            code="REMAKE-TERM-UNRESOLVED", severity=Severity.WARNING, path="$.term",
            message=(f"the licence term depends on {', '.join(lic.term.missing_events(events))}, "
                     "whose date is not known; release dates not checked"),
            citation=_cite(lic, lic.clause))
    lic_media = expand_media(lic.media)
    for i, r in enumerate(plan.releases):
        path = f"$.releases[{i}]"
        uncovered = _uncovered(lic.territories, r, groups)
        if uncovered:
            if len(uncovered) == 1 and uncovered[0][0] == Term(r.date, r.end or r.date):
                where = str(uncovered[0][1])  # the whole release: as a one-day release reads
            else:
                where = "; ".join(f"{countries} from {part.start} to {part.end}"
                                  for part, countries in uncovered)
            yield Finding(
                code="REMAKE-TERRITORY-NOT-COVERED",
                severity=Severity.ERROR, path=f"{path}.territories", document="plan",
                message=(f"the release of {r.date} reaches {where}, which the licence "
                         f"(territories: {lic.territories}) does not cover"),
                citation=_cite(lic, lic.clause))
        extra_media = expand_media(r.media) - lic_media
        if extra_media:
            yield Finding(
                code="REMAKE-MEDIA-NOT-COVERED", severity=Severity.ERROR, path=f"{path}.media",
                document="plan",
                message=(f"the release of {r.date} uses "
                         f"{', '.join(m.value for m in summarise_media(extra_media))}, "
                         f"which the licence does not cover"),
                citation=_cite(lic, lic.clause))
        if not lic.languages.covers(r.languages):
            missing = [
                str(x) for x in r.languages if not any(a.covers(x) for a in lic.languages.rights)
            ]
            yield Finding(
                code="REMAKE-LANGUAGE-NOT-COVERED",
                severity=Severity.ERROR, path=f"{path}.languages", document="plan",
                message=(f"the release of {r.date} is in {', '.join(missing)}; the licence covers "
                         f"{lic.languages}"),
                citation=_cite(lic, lic.clause))
        if term is not None:
            wanted_term = Term(r.date, r.end if r.end is not None else r.date)
            if not term.covers(wanted_term):
                yield Finding(
                    code="REMAKE-RELEASE-OUTSIDE-TERM",
                    severity=Severity.ERROR,
                    path=f"{path}.date",
                    document="plan",
                    message=f"the release ({wanted_term}) falls outside the licence term ({term})",
                    citation=_cite(lic, lic.clause),
                )
    yield from _grants(lic, plan, groups)
    yield from _source_holdbacks(lic, plan, groups)


def _uncovered(
    licensed: Territories, release: PlannedRelease, groups: TerritoryGroups
) -> list[tuple[Term, TerritorySet]]:
    """The parts of *release* outside *licensed*, each with its days and countries.

    A release with an end is cut wherever a group named by the licence or by the release
    changes its members within it (as ``rights avails`` cuts its period); one without an
    end is taken on its first day. Consecutive parts with the same countries are merged.
    """
    first, last = release.date, release.end or release.date
    cuts = sorted(
        d for d in licensed.change_dates(groups) | release.territories.change_dates(groups)
        if first < d <= last
    )
    starts = [first, *cuts]
    out: list[tuple[Term, TerritorySet]] = []
    for k, start in enumerate(starts):
        end = starts[k + 1].subtract(days=1) if k + 1 < len(starts) else last
        outside = (release.territories.resolve(on=start, groups=groups)
                   - licensed.resolve(on=start, groups=groups))
        if not outside:
            continue
        if out and out[-1][1] == outside and out[-1][0].end == start.subtract(days=1):
            out[-1] = (Term(out[-1][0].start, end), outside)
        else:
            out.append((Term(start, end), outside))
    return out


def _chain(lic: RemakeLicense) -> Iterator[Finding]:
    holder = lic.source_work.rights_holder
    for i, t in enumerate(lic.chain_of_title):
        if t.assignor != holder:
            yield Finding(
                code="REMAKE-CHAIN-BROKEN", severity=Severity.ERROR, path=f"$.chain_of_title[{i}]",
                message=(f"the chain of title breaks: {t.assignor} assigns to {t.assignee}, "
                         f"but the rights were then held by {holder}"),
                citation=_cite(lic, t.clause))
            return
        if lic.signed is not None and t.date > lic.signed:
            yield Finding(
                code="REMAKE-CHAIN-AFTER-LICENCE", severity=Severity.WARNING,
                path=f"$.chain_of_title[{i}]",
                message=(f"{t.assignee} received the rights on {t.date}, after the licence was "
                         f"signed on {lic.signed}"),
                citation=_cite(lic, t.clause))
        holder = t.assignee
    if holder != lic.licensor:
        yield Finding(
            code="REMAKE-CHAIN-BROKEN", severity=Severity.ERROR, path="$.licensor",
            message=(f"the chain of title ends with {holder}, but the licence is granted by "
                     f"{lic.licensor}: nothing shows that {lic.licensor} holds the remake rights "
                     f"in {lic.source_work.title!r}"),
            citation=_cite(lic, lic.clause))


def _option(lic: RemakeLicense, plan: RemakePlan | None, as_of: pendulum.Date) -> Iterator[Finding]:
    o = lic.option
    if o is None:
        return
    deadline = o.deadline()
    if o.exercised is not None and o.exercised > deadline:
        yield Finding(
            code="REMAKE-OPTION-LAPSED", severity=Severity.ERROR, path="$.option.exercised",
            message=f"the option was exercised on {o.exercised}, after it lapsed on {deadline}",
            citation=_cite(lic, o.clause))
    elif o.exercised is None and as_of > deadline:
        yield Finding(
            code="REMAKE-OPTION-LAPSED", severity=Severity.ERROR, path="$.option",
            message=f"the option was not exercised and lapsed on {deadline}",
            citation=_cite(lic, o.clause))
    elif o.exercised is None:
        left = (deadline - as_of).in_days()
        yield Finding(
            code="REMAKE-OPTION-OPEN", severity=Severity.INFO, path="$.option",
            message=f"the option is open until {deadline} ({left} days left) and not yet exercised",
            citation=_cite(lic, o.clause))
    if plan is not None and plan.principal_photography is not None:
        pp = plan.principal_photography
        if o.exercised is None or pp < o.exercised:
            when = f"exercised on {o.exercised}" if o.exercised else "not exercised"
            yield Finding(
                code="REMAKE-PRODUCTION-BEFORE-EXERCISE", severity=Severity.ERROR,
                path="$.principal_photography", document="plan",
                message=(f"principal photography starts on {pp} but the option is {when}: "
                         "the licensee does not hold the rights yet"),
                citation=_cite(lic, o.clause))


def _reversion(
    lic: RemakeLicense, plan: RemakePlan | None, as_of: pendulum.Date
) -> Iterator[Finding]:
    r = lic.reversion
    if r is None:
        return
    started = plan is not None and plan.principal_photography_started
    pp = plan.principal_photography if plan is not None else None
    if started and pp is not None and pp <= r.principal_photography_by:
        return
    if as_of > r.principal_photography_by and not (
        started and pp is not None and pp <= r.principal_photography_by
    ):
        yield Finding(
            code="REMAKE-REVERSION-TRIGGERED", severity=Severity.ERROR, path="$.reversion",
            message=(f"principal photography had not started by {r.principal_photography_by}: "
                     f"the rights revert to {lic.licensor}"),
            citation=_cite(lic, r.clause))
    elif pp is not None and pp > r.principal_photography_by:
        yield Finding(
            code="REMAKE-REVERSION-AT-RISK",
            severity=Severity.WARNING, path="$.principal_photography", document="plan",
            message=(f"principal photography is planned for {pp}, after the reversion date "
                     f"{r.principal_photography_by}"),
            citation=_cite(lic, r.clause))


def _licence_box(
    lic: RemakeLicense, atoms: LanguageAtoms, term: Term, groups: TerritoryGroups
) -> list[Box]:
    out = []
    for piece, countries in lic.territories.segments(term, groups):
        first, last = term_days(piece)
        out.append(
            Box(countries.codes, expand_media(lic.media), atoms.atoms(lic.languages), first, last)
        )
    return out


#: The span used to compare territories, media and languages when a term has no dates yet.
_ALL_TIME = Term(pendulum.Date(1, 1, 1), LAST_DAY)


def _grants(lic: RemakeLicense, plan: RemakePlan, groups: TerritoryGroups) -> Iterator[Finding]:
    if not plan.grants:
        return
    events = plan.events
    lic_term = lic.term.resolve(events)
    atoms = LanguageAtoms([lic.languages, *(g.languages for g in plan.grants)])
    allowed = _licence_box(lic, atoms, lic_term, groups) if lic_term is not None else []
    # Territories, media and languages do not wait for dates: a grant whose term (or the
    # licence's) cannot be dated yet is still compared on them, over all time.
    timeless = _licence_box(lic, atoms, _ALL_TIME, groups)
    for i, g in enumerate(plan.grants):
        term = g.term.resolve(events)
        dated = term is not None and lic_term is not None
        span = term if term is not None and lic_term is not None else _ALL_TIME
        boxes = [
            Box(c.codes, expand_media(g.media), atoms.atoms(g.languages), *term_days(p))
            for p, c in g.territories.segments(span, groups)
        ]
        rest = subtract(boxes, allowed if dated else timeless)
        if not rest:
            continue
        if dated:
            text = "; ".join(
                str(RightsSlice(TerritorySet(b.codes), summarise_media(b.media),
                                atoms.scope(b.langs), days_term(b.first, b.last)))
                for b in merge(rest)
            )
        else:
            text = "; ".join(dict.fromkeys(
                f"{TerritorySet(b.codes)} / {', '.join(m.value for m in summarise_media(b.media))}"
                f" / {atoms.scope(b.langs)}" for b in merge(rest)
            )) + " (in territory, media or language; its dates are not known yet)"
        yield Finding(
            code="REMAKE-GRANT-EXCEEDS-LICENCE", severity=Severity.ERROR, path=f"$.grants[{i}]",
            document="plan",
            message=f"grant {g.id} of the remake goes beyond the licence: {text}",
            citation=_cite(lic, g.clause or lic.clause))


def _source_holdbacks(
    lic: RemakeLicense, plan: RemakePlan, groups: TerritoryGroups
) -> Iterator[Finding]:
    if not lic.holdbacks or not plan.source_grants:
        return
    ledger = RightsLedger(
        id=f"{lic.source_work.id}",
        grants=plan.source_grants,
        holdbacks=tuple(
            attrs.evolve(h, beneficiary=h.beneficiary or lic.licensee) for h in lic.holdbacks
        ),
        events=plan.events,
    )
    for f in ledger.check().findings:
        if f.code == "RIGHTS-HOLDBACK-VIOLATION":
            yield Finding(
                code="REMAKE-SOURCE-HOLDBACK-VIOLATION",
                severity=Severity.ERROR,
                path=f.path.replace("$.grants", "$.source_grants"),
                document="plan",
                # the holdbacks are the licence's: its paths are in the licence's file
                message="the source work: " + f.message.replace(
                    "the holdback at $.", "the licence's holdback at $."),
                citation=_cite(
                    lic,
                    f.citation.article
                    if f.citation and f.citation.article != "clause not stated"
                    else None,
                ),
            )
