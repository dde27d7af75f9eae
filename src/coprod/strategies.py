"""Hypothesis strategies for coprod's value types, for your own property tests.

Install with the ``hypothesis`` extra (``pip install 'coprod[hypothesis]'``). Every
strategy is named as a plural noun of what it generates, and every value it generates is
valid: it constructs, serializes and loads back to an equal value.

Example:
    >>> from hypothesis import given, strategies as st
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
from typing import TYPE_CHECKING

import pendulum
from hypothesis import strategies as st

from coprod.geo import Country
from coprod.money import Currency, Money
from coprod.parties import Organisation, OrganisationKind, Party, Person
from coprod.share import Share
from coprod.terms import Term

if TYPE_CHECKING:
    from coprod.agreements import CoProductionAgreement, ExchangeRate
    from coprod.languages import LanguageScope
    from coprod.remakes import RemakeLicense, RemakePlan, SourceWork
    from coprod.rights import RightsGrant, RightsLedger
    from coprod.territories import Territories, TerritorySet
    from coprod.treaties import Treaty
    from coprod.waterfall import RateTable, Waterfall, WaterfallState
    from coprod.waterfall._model import Tier

__all__ = [
    "countries",
    "currencies",
    "dates",
    "documents",
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
    cur = (
        st.just(Currency(currency) if isinstance(currency, str) else currency)
        if currency
        else currencies()
    )

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


#: The strategy for each document kind (see :func:`coprod.serialization.kinds`). Every
#: kind must have one: a test round-trips every kind in every format.
KIND_STRATEGIES: dict[str, st.SearchStrategy[object]] = {
    "money": moneys(rounded=False),
    "currency": currencies(),
    "share": shares(),
    "country": countries(),
    "term": terms(),
    "organisation": organisations(),
    "person": persons(),
}


def documents(kind: str | None = None) -> st.SearchStrategy[object]:
    """Objects that can be written as a coprod document: of one *kind*, or of any kind.

    Example:
        >>> from hypothesis import given, settings
        >>> from coprod import dumps, loads
        >>> @settings(deadline=None, max_examples=20)
        ... @given(documents())
        ... def test_round_trip(obj):
        ...     assert loads(dumps(obj, "yaml"), "yaml") == obj
        >>> test_round_trip()
    """
    if kind is not None:
        return KIND_STRATEGIES[kind]
    return st.sampled_from(sorted(KIND_STRATEGIES)).flatmap(lambda k: KIND_STRATEGIES[k])


# --- agreements & treaties (strategies added by that domain go below; register each
# document kind in KIND_STRATEGIES)


def _agreement_from_shares(
    countries_: tuple[Country, ...],
    parts: tuple[Fraction, ...],
    *,
    roles: tuple[str, ...] | None = None,
    languages: tuple[str, ...] = ("en",),
    kind: str = "feature-film",
    budget_units: int = 1_000_000_000,
    currency: str = "USD",
    signed: _dt.date = _dt.date(2024, 6, 1),
    treaty: str | None = None,
) -> CoProductionAgreement:
    """An agreement whose co-producers (one per country) hold exactly *parts* of the budget."""
    from coprod.agreements import (
        AgreementDates,
        Contribution,
        CoProducer,
        CoProducerRole,
        CoProductionAgreement,
        CopyrightShare,
        Production,
        ProductionKind,
        Title,
    )

    cur = Currency(currency)
    budget = Money.from_minor_units(budget_units, cur)
    orgs = tuple(Organisation(id=f"producer-{i}", name=f"Producer {i}", country=c)
                 for i, c in enumerate(countries_))
    top = max(range(len(parts)), key=lambda i: parts[i])
    role_of = roles or tuple("majority" if i == top else "minority" for i in range(len(parts)))
    contributions = []
    for org, part in zip(orgs, parts, strict=True):
        units = part * budget_units
        if units.denominator != 1:
            raise ValueError("a part must be a whole number of minor units of the budget")
        contributions.append(Contribution(
            party=org.id, amount=Money.from_minor_units(int(units), cur)))
    return CoProductionAgreement(
        id="generated",
        production=Production(kind=ProductionKind(kind), titles=(Title("Generated", "en"),),
                              original_languages=languages, budget=budget),
        parties=orgs,
        co_producers=tuple(CoProducer(party=o.id, role=CoProducerRole(r))
                           for o, r in zip(orgs, role_of, strict=True)),
        contributions=tuple(contributions),
        dates=AgreementDates(signed=pendulum.Date(signed.year, signed.month, signed.day)),
        copyright=tuple(CopyrightShare(party=o.id, share=Share(p))
                        for o, p in zip(orgs, parts, strict=True)),
        treaty=treaty,
    )


@st.composite
def agreements(draw: st.DrawFn, *, max_co_producers: int = 4) -> CoProductionAgreement:
    """Co-production agreements.

    Two to *max_co_producers* co-producers, contributions that add up to the budget, key
    personnel, locations, copyright shares and dates.

    The agreements are well formed (they load and dump losslessly); they may or may not
    qualify under any treaty.

    .. versionadded:: 0.1.0
    """
    import attrs

    from coprod.agreements import (
        Approval,
        ApprovalKind,
        ContributionKind,
        CreativeRole,
        ExchangeRate,
        KeyPerson,
        Location,
        LocationKind,
        Provision,
    )

    n = draw(st.integers(2, max_co_producers))
    states = tuple(draw(st.lists(countries(historic=False), min_size=n, max_size=n, unique=True)))
    cuts = sorted(draw(st.lists(st.integers(1, 9_999), min_size=n - 1, max_size=n - 1,
                                unique=True)))
    bounds = [0, *cuts, 10_000]
    parts = tuple(Fraction(bounds[i + 1] - bounds[i], 10_000) for i in range(n))
    base = draw(st.sampled_from(["feature-film", "animation", "documentary", "tv-series"]))
    agreement = _agreement_from_shares(
        states, parts, kind=base if base != "tv-series" else "feature-film",
        languages=tuple(draw(st.lists(st.sampled_from(["ru", "zh", "en", "fr", "it", "uz"]),
                                      min_size=1, max_size=3, unique=True))),
        signed=draw(dates(_dt.date(1990, 1, 1), _dt.date(2030, 12, 31))),
    )
    people = tuple(
        Person(id=f"person-{i}", name=f"Person {i}",
               nationalities=(draw(st.sampled_from(states)),))
        for i in range(draw(st.integers(0, 4)))
    )
    personnel = tuple(
        KeyPerson(role=draw(st.sampled_from(CreativeRole)), person=p.id,
                  rank=draw(st.none() | st.integers(1, 3)))
        for p in people
    )
    locations = tuple(
        Location(kind=draw(st.sampled_from(LocationKind)), country=draw(st.sampled_from(states)),
                 spend=Money.from_minor_units(draw(st.integers(0, 10**8)),
                                              agreement.production.budget.currency))
        for _ in range(draw(st.integers(0, 3)))
    )
    contributions = agreement.contributions
    if draw(st.booleans()):
        first = contributions[0]
        contributions = (attrs.evolve(first, kind=ContributionKind.IN_KIND,
                                      description="studio"), *contributions[1:])
    return attrs.evolve(
        agreement,
        parties=agreement.parties + people,
        key_personnel=personnel,
        locations=locations,
        contributions=contributions,
        approvals=tuple(draw(st.lists(st.builds(
            Approval, kind=st.sampled_from(ApprovalKind), country=st.sampled_from(states)),
            max_size=2))),
        provisions=tuple(draw(st.lists(st.sampled_from(Provision), max_size=2, unique=True))),
        exchange_rates=tuple(draw(st.lists(st.builds(
            ExchangeRate, base=st.just(Currency("RUB")), quote=st.just(Currency("CNY")),
            rate=st.decimals(Decimal("0.001"), Decimal("1000"), places=3)), max_size=1))),
        treaty=draw(st.none() | st.sampled_from(["CN-RU-2017", "ETS-147"])),
    )


def bilateral_shares(minimum: Fraction, maximum: Fraction,
                     denominator: int = 10_000) -> st.SearchStrategy[Fraction]:
    """A first co-producer's share such that both it and the rest stay within the bounds.

    Both stay within ``[minimum, maximum]`` (edges included): the shares of a two-party
    co-production.

    .. versionadded:: 0.1.0
    """
    low = max(minimum, 1 - maximum)
    high = min(maximum, 1 - minimum)
    lo_n = -(-low.numerator * denominator // low.denominator)
    hi_n = high.numerator * denominator // high.denominator
    return st.one_of(st.just(low), st.just(high),
                     st.integers(lo_n, hi_n).map(lambda k: Fraction(k, denominator)))


def instruments() -> st.SearchStrategy[Treaty]:
    """Instruments of the catalogue.

    .. versionadded:: 0.1.0
    """
    from coprod import treaties

    return st.sampled_from(treaties.all())


KIND_STRATEGIES["co-production-agreement"] = agreements()
KIND_STRATEGIES["treaty"] = st.deferred(instruments)
__all__ += ["agreements", "bilateral_shares", "instruments"]

# --- rights & remakes (strategies added by that domain go below; register kinds in KIND_STRATEGIES)


def territory_codes() -> st.SearchStrategy[str]:
    """Current ISO 3166-1 alpha-2 codes (those a :class:`~coprod.territories.TerritorySet` holds).

    .. versionadded:: 0.1.0
    """
    from coprod.territories import universe

    front = ["RU", "CN", "BY", "KZ", "HK", "MO", "TW", "FR", "DE", "GB", "US"]
    return st.sampled_from(front + sorted(universe() - set(front)))


def territory_sets() -> st.SearchStrategy[TerritorySet]:
    """Territory sets: small include lists, worldwide-except lists, nowhere and worldwide.

    .. versionadded:: 0.1.0
    """
    from coprod.territories import TerritorySet

    small = st.frozensets(territory_codes(), max_size=6)
    return st.one_of(
        small.map(lambda c: TerritorySet(c)),
        small.map(lambda c: ~TerritorySet(c)),
        st.just(TerritorySet.worldwide()),
        st.just(TerritorySet.empty()),
    )


def territory_clauses() -> st.SearchStrategy[Territories]:
    """Territory clauses as written: include lists (codes, regions, ``EU``) or exclude lists.

    .. versionadded:: 0.1.0
    """
    from coprod.territories import Territories

    token = st.one_of(territory_codes(), st.sampled_from(["SU", "150", "143", "030", "EU", "EZ"]))
    tokens = st.lists(token, min_size=1, max_size=4, unique=True).map(tuple)
    return st.one_of(
        tokens.map(lambda t: Territories(include=t)),
        st.lists(territory_codes(), max_size=3, unique=True).map(
            lambda t: Territories(exclude=tuple(t))
        ),
    )


def media_lists() -> st.SearchStrategy[tuple[object, ...]]:
    """One to three media or media groups.

    .. versionadded:: 0.1.0
    """
    from coprod.media import Media

    return st.lists(st.sampled_from(list(Media)), min_size=1, max_size=3, unique=True).map(tuple)


def language_scopes() -> st.SearchStrategy[LanguageScope]:
    """Language scopes: any language, or a few tags, some limited to some versions.

    .. versionadded:: 0.1.0
    """
    from coprod.languages import LanguageRight, LanguageScope, LanguageVersion

    right = st.builds(
        LanguageRight,
        st.sampled_from(["ru", "zh", "zh-Hans", "zh-Hant", "en", "kk", "*"]),
        st.one_of(st.none(), st.frozensets(st.sampled_from(list(LanguageVersion)), min_size=1)),
    )
    return st.one_of(
        st.just(LanguageScope.any()),
        st.frozensets(right, min_size=1, max_size=3).map(LanguageScope),
    )


def windows(
    *, events: tuple[str, ...] = ("first-theatrical-release", "delivery")
) -> st.SearchStrategy[object]:
    """Windows of every shape coprod reads.

    Fixed dates, a start and a duration, a start on an event plus a lag, or a start running
    until an event (plus a lag).

    .. versionadded:: 0.1.0
    """
    from coprod.windows import Duration, EventDate, Window

    durations = st.builds(Duration, st.integers(0, 10), st.integers(0, 24), st.integers(0, 400))
    start = dates(_dt.date(2000, 1, 1), _dt.date(2040, 12, 31))
    fixed = st.builds(
        lambda s, days, is_open: Window(start=s, end=None if is_open else s.add(days=days)),
        start, st.integers(0, 365 * 12), st.booleans())
    lasting = st.builds(lambda s, d: Window(start=s, duration=d),
                        start, durations.filter(lambda d: not d.is_zero))
    on_event = st.builds(
        lambda e, lag, d: Window(start=EventDate(e, lag), duration=d),
        st.sampled_from(events),
        durations,
        st.one_of(st.none(), durations.filter(lambda d: not d.is_zero)),
    )
    until_event = st.builds(
        lambda s, e, lag: Window(start=s, end=EventDate(e, lag)),
        st.one_of(start, st.builds(EventDate, st.sampled_from(events), durations)),
        st.sampled_from(events),
        durations,
    )
    return st.one_of(fixed, lasting, on_event, until_event)


def holdbacks(
    parties: tuple[str, ...] = ("volga", "panda", "kinostream", "silkroad"),
) -> st.SearchStrategy[object]:
    """Holdbacks over small territory sets and a medium or two.

    .. versionadded:: 0.1.0
    """
    from coprod.rights import Holdback
    from coprod.territories import Territories

    return st.builds(
        lambda t, m, w, b: Holdback(
            territories=Territories(include=tuple(t)), media=m, window=w, beneficiary=b
        ),
        st.lists(territory_codes(), min_size=1, max_size=3, unique=True),
        media_lists(),
        windows(),
        st.one_of(st.none(), st.sampled_from(parties)),
    )


@st.composite
def rights_grants(
    draw: st.DrawFn,
    *,
    grant_id: str | None = None,
    parties: tuple[str, ...] = ("volga", "panda", "kinostream", "silkroad"),
) -> RightsGrant:
    """Grants between the given parties.

    .. versionadded:: 0.1.0
    """
    from coprod.rights import RightsGrant

    grantor, grantee = draw(st.lists(st.sampled_from(parties), min_size=2, max_size=2, unique=True))
    return RightsGrant(
        id=grant_id or draw(st.from_regex(r"\Ag[0-9]{1,4}\Z")),
        grantor=grantor, grantee=grantee,
        territories=draw(territory_clauses()), media=draw(media_lists()),
        languages=draw(language_scopes()), term=draw(windows()),
        exclusive=draw(st.booleans()),
        holdbacks=tuple(draw(st.lists(holdbacks(parties), max_size=1))),
        clause=draw(st.one_of(st.none(), st.just("cl. 2.1"))),
    )


@st.composite
def rights_ledgers(draw: st.DrawFn, *, max_grants: int = 5) -> RightsLedger:
    """Small ledgers: grants among four parties, maybe ownership, maybe known event dates.

    .. versionadded:: 0.1.0
    """
    from coprod.rights import Allocation, CoOwner, Ownership, RightsLedger

    n = draw(st.integers(0, max_grants))
    grants = tuple(draw(rights_grants(grant_id=f"g{i}")) for i in range(n))
    ownership = None
    if draw(st.booleans()):
        first = draw(st.fractions(Fraction(0), Fraction(1), max_denominator=20))
        ownership = Ownership(
            owners=(CoOwner("volga", Share.of(first)), CoOwner("panda", Share.of(1 - first))),
            allocations=tuple(draw(st.lists(st.builds(
                lambda h, t: Allocation(holder=h, territories=t),
                st.sampled_from(["volga", "panda"]), territory_clauses()), max_size=2))))
    events = draw(st.dictionaries(st.sampled_from(["first-theatrical-release", "delivery"]),
                                  dates(_dt.date(2000, 1, 1), _dt.date(2040, 12, 31)), max_size=2))
    return RightsLedger(id="work", grants=grants, ownership=ownership, events=events)


def source_works() -> st.SearchStrategy[SourceWork]:
    """Source works, some Soviet-era (``SU``), some with an EIDR id.

    .. versionadded:: 0.1.0
    """
    from coprod.remakes import SourceWork

    return st.builds(
        lambda year, country, eidr: SourceWork(id="source", titles=("Ирония судьбы",), year=year,
                                               country=country, rights_holder="kinofond",
                                               eidr=eidr),
        st.integers(1925, 2024), st.sampled_from(["SU", "RU", "CN", "FR"]),
        st.sampled_from(
            [None, "10.5240/7EC7-228A-510A-053E-CBB8-J", "10.5240/0196-4177-FF62-A346-D0F6-Z"]))


def remake_licences() -> st.SearchStrategy[RemakeLicense]:
    """Remake licences with options, prices, backend shares and reversion.

    .. versionadded:: 0.1.0
    """
    from coprod.remakes import BackendParticipation, Option, RemakeKind, RemakeLicense, Reversion
    from coprod.windows import Duration

    return st.builds(
        lambda work, kinds, terr, langs, window, months, backend, rev: RemakeLicense(
            id="licence", source_work=work, licensor="kinofond", licensee="dragon", kinds=kinds,
            territories=terr, languages=langs, term=window,
            option=Option(start=_dt.date(2024, 3, 1), period=Duration(months=months)),
            purchase_price=Money.parse("400000.00 USD"),
            backend=BackendParticipation(party="kinofond", share=backend),
            reversion=None if rev is None else Reversion(principal_photography_by=rev)),
        source_works(),
        st.lists(st.sampled_from(list(RemakeKind)), min_size=1, max_size=2, unique=True).map(tuple),
        territory_clauses(), language_scopes(), windows(), st.integers(1, 36),
        shares(max_value=Fraction(1, 10)),
        st.one_of(st.none(), dates(_dt.date(2025, 1, 1), _dt.date(2030, 1, 1))))


def remake_plans() -> st.SearchStrategy[RemakePlan]:
    """Plans of remakes: kind, shoot, releases.

    .. versionadded:: 0.1.0
    """
    from coprod.remakes import PlannedRelease, RemakeKind, RemakePlan

    release = st.builds(
        lambda t, m, d: PlannedRelease(territories=t, media=m, date=d),
        territory_clauses(), media_lists(), dates(_dt.date(2025, 1, 1), _dt.date(2035, 1, 1)))
    return st.builds(
        lambda kind, pp, rs: RemakePlan(licence="licence", kind=kind, principal_photography=pp,
                                        releases=tuple(rs)),
        st.sampled_from(list(RemakeKind)),
        st.one_of(st.none(), dates(_dt.date(2024, 1, 1), _dt.date(2030, 1, 1))),
        st.lists(release, max_size=3))


KIND_STRATEGIES["rights-ledger"] = rights_ledgers()
KIND_STRATEGIES["remake-licence"] = remake_licences()
KIND_STRATEGIES["remake-plan"] = remake_plans()
__all__ += [
    "holdbacks", "language_scopes", "media_lists", "remake_licences", "remake_plans",
    "rights_grants", "rights_ledgers", "source_works", "territory_clauses", "territory_codes",
    "territory_sets", "windows",
]


# --- waterfall (strategies added by that domain go below; register kinds in KIND_STRATEGIES)


def _wf_amount(currency: Currency, low: int = 0, high: int = 2_000_000) -> st.SearchStrategy[Money]:
    return st.integers(low, high).map(lambda u: Money.from_minor_units(u, currency))


@st.composite
def waterfall_tiers(draw: st.DrawFn, currency: Currency, *, interest: bool = False,
                    top_gross: bool = True, payees: tuple[str, ...] = ("p1", "p2", "p3"),
                    prefix: str = "") -> tuple[Tier, ...]:
    """A tier list in the standard form.

    At most one fee on pool receipts at the top, every other tier on what reaches it, and a
    residual split that adds up to 100 % at the bottom.

    .. versionadded:: 0.1.0
    """
    from coprod.waterfall import (
        BackendTier,
        Base,
        CorridorTier,
        Deferment,
        DefermentTier,
        ExpenseTier,
        FeeTier,
        Participation,
        Position,
        RecoupmentTier,
        ResidualSplit,
        SimpleInterest,
    )

    payee = st.sampled_from(payees)
    rate = st.integers(0, 100).map(lambda k: Share(Fraction(k, 100)))
    cap = st.none() | _wf_amount(currency, 0, 3_000_000)
    tiers: list[Tier] = []
    n = 0

    def tid(kind: str) -> str:
        nonlocal n
        n += 1
        return f"{prefix}{kind}-{n}"

    if top_gross and draw(st.booleans()):
        tiers.append(FeeTier(id=tid("fee"), payee=draw(payee), rate=draw(rate), cap=draw(cap)))
    kinds = draw(st.lists(st.sampled_from(
        ["fee", "expense", "recoupment", "deferment", "corridor", "backend"]), max_size=5))
    for kind in kinds:
        if kind == "fee":
            tiers.append(FeeTier(id=tid(kind), payee=draw(payee), rate=draw(rate),
                                 base=Base.TIER_INPUT, cap=draw(cap)))
        elif kind == "expense":
            tiers.append(ExpenseTier(id=tid(kind), payee=draw(payee),
                                     incurred=draw(_wf_amount(currency)), cap=draw(cap)))
        elif kind == "recoupment":
            k = draw(st.integers(1, 3))
            premium = draw(st.sampled_from(["0%", "10%", "20%", "1/3"]))
            with_interest = interest and draw(st.booleans())
            positions = tuple(
                Position(id=f"pos{i}", payee=draw(payee),
                         amount=draw(_wf_amount(currency, 1, 2_000_000)),
                         premium=Share.parse(premium if with_interest else
                                             draw(st.sampled_from(["0%", "10%", "20%", "1/3"]))))
                for i in range(k)
            )
            interest_terms = (
                SimpleInterest(
                    rate=draw(
                        st.sampled_from(
                            [Share.parse("5%"), Share.parse("8%"), Share.parse("12.5%")]
                        )
                    ),
                    start=_dt.date(2024, 1, 1),
                )
                if with_interest
                else None
            )
            tiers.append(RecoupmentTier(id=tid(kind), positions=positions, interest=interest_terms,
                                        cap=draw(st.none() | _wf_amount(currency, 0, 5_000_000))))
        elif kind == "deferment":
            k = draw(st.integers(1, 3))
            tiers.append(
                DefermentTier(
                    id=tid(kind),
                    deferments=tuple(
                        Deferment(
                            id=f"d{i}",
                            payee=draw(payee),
                            amount=draw(_wf_amount(currency, 1, 1_000_000)),
                        )
                        for i in range(k)
                    ),
                )
            )
        elif kind == "corridor":
            lower = draw(st.integers(0, 3_000_000))
            upper = draw(st.none() | st.integers(lower, lower + 3_000_000))
            tiers.append(CorridorTier(
                id=tid(kind), payee=draw(payee), rate=draw(rate),
                lower=Money.from_minor_units(lower, currency),
                upper=None if upper is None else Money.from_minor_units(upper, currency),
                base=Base.TIER_INPUT))
        else:
            tiers.append(BackendTier(id=tid(kind), payee=draw(payee), share=draw(rate),
                                     base=Base.TIER_INPUT, cap=draw(cap)))
    k = draw(st.integers(1, len(payees)))
    cuts = sorted(draw(st.lists(st.integers(0, 1000), min_size=k - 1, max_size=k - 1)))
    bounds = [0, *cuts, 1000]
    parts = tuple(
        Participation(payee=payees[i], share=Share(Fraction(bounds[i + 1] - bounds[i], 1000)))
        for i in range(k)
    )
    tiers.append(ResidualSplit(id=tid("residual"), participations=parts))
    return tuple(tiers)


@st.composite
def waterfalls(draw: st.DrawFn, *, currency: str = "USD", interest: bool = False,
               retention: bool = True) -> Waterfall:
    """Waterfalls in the standard form (see :func:`waterfall_tiers`) with one or two pools.

    Routes: RU receipts retained by ``p1`` (when *retention*), CN receipts to pool ``cn``
    (which flows into ``main`` when cross-collateralised, else has its own residual), the
    rest to ``main``.

    .. versionadded:: 0.1.0
    """
    from coprod.parties import Organisation, OrganisationKind
    from coprod.waterfall import Pool, Route, Waterfall

    cur = Currency(currency)
    payees = ("p1", "p2", "p3")
    parties = tuple(
        Organisation(id=p, name=f"Party {p.upper()}", country=Country("GB"),
                     kind=OrganisationKind.PRODUCER) for p in payees)
    routes = []
    if retention:
        routes.append(Route(territories=(Country("RU"),), retained_by="p1", clause="retention"))
    two = draw(st.booleans())
    pools = []
    if two:
        crossed = draw(st.booleans())
        cn_tiers = draw(waterfall_tiers(cur, interest=interest, payees=payees, prefix="cn-"))
        if crossed:
            cn_tiers = tuple(t for t in cn_tiers if t.kind != "residual")
        pools.append(Pool(id="cn", tiers=cn_tiers, flows_to="main" if crossed else None))
        routes.append(Route(territories=(Country("CN"),), pool="cn"))
    routes.append(Route(pool="main"))
    pools.append(
        Pool(id="main", tiers=draw(waterfall_tiers(cur, interest=interest, payees=payees)))
    )
    return Waterfall(id="generated", title="Generated", currency=cur, parties=parties,
                     routes=tuple(routes), pools=tuple(pools))


def receipts(*, currencies: tuple[str, ...] = ("USD",), start: _dt.date = _dt.date(2025, 1, 1),
             end: _dt.date = _dt.date(2025, 12, 31), max_size: int = 12,
             max_units: int = 3_000_000) -> st.SearchStrategy[list[object]]:
    """Lists of receipts from RU, CN, FR, US or nowhere, in the given currencies.

    .. versionadded:: 0.1.0
    """
    from coprod.waterfall import Receipt

    one = st.builds(
        lambda units, cur, day, terr: Receipt(
            amount=Money.from_minor_units(units, cur), date=day,
            territory=None if terr is None else Country(terr)),
        st.integers(0, max_units), st.sampled_from(currencies),
        st.dates(start, end), st.sampled_from(["RU", "CN", "FR", "US", None]))
    return st.lists(one, max_size=max_size)


def rate_tables(
    base: tuple[str, ...] = ("RUB", "CNY", "EUR"), quote: str = "USD"
) -> st.SearchStrategy[RateTable]:
    """Rate tables with a rate for each *base* currency into *quote*.

    The rates are dated 2025-01-01 (and maybe later), one a day for each pair, so that none
    contradicts another.

    .. versionadded:: 0.1.0
    """
    from decimal import Decimal

    from coprod.agreements import ExchangeRate
    from coprod.waterfall import RateTable

    def rate(code: str) -> st.SearchStrategy[ExchangeRate]:
        return st.builds(
            lambda mant, day: ExchangeRate(
                base=Currency(code), quote=Currency(quote), rate=Decimal(mant).scaleb(-5), date=day
            ),
            st.integers(1, 10_000_000),
            st.sampled_from([_dt.date(2025, 1, 1), _dt.date(2025, 6, 1)]),
        )

    return st.builds(
        lambda groups: RateTable(rates=tuple(r for g in groups for r in g)),
        st.tuples(*[st.lists(rate(c), min_size=1, max_size=2, unique_by=lambda r: r.date)
                    .filter(_has_first_of_year) for c in base]))


def _has_first_of_year(rates: list[ExchangeRate]) -> bool:
    return any(r.date == _dt.date(2025, 1, 1) for r in rates)


def waterfall_states() -> st.SearchStrategy[WaterfallState]:
    """States left by a statement of generated receipts through a generated waterfall.

    .. versionadded:: 0.1.0
    """
    from coprod.waterfall import distribute

    return st.builds(lambda wf, rs: distribute(wf, rs).state, waterfalls(), receipts())


KIND_STRATEGIES["waterfall"] = waterfalls()
KIND_STRATEGIES["waterfall-state"] = waterfall_states()
KIND_STRATEGIES["receipts"] = st.builds(
    lambda rs: __import__("coprod.waterfall", fromlist=["ReceiptLedger"]).ReceiptLedger(
        receipts=tuple(rs)
    ),
    receipts(currencies=("USD", "RUB", "JPY")),
)
KIND_STRATEGIES["exchange-rates"] = rate_tables()
__all__ += ["rate_tables", "receipts", "waterfall_states", "waterfall_tiers", "waterfalls"]
