"""Invariants that hold for every instrument in the catalogue."""

from __future__ import annotations

import datetime

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coprod import dumps, loads, treaties
from coprod.errors import UnknownTreatyError
from coprod.findings import FindingCode
from coprod.treaties import Bound, StateStatus, Treaty, TreatyKind, canonical_id
from coprod.treaties.rules import PointsTest
from coprod.validation import finding_codes

CATALOGUE = treaties.all()
EXPECTED = {"CN-RU-2017", "ETS-147", "CETS-220", "CA-CN-2016", "AU-CN-2007", "FR-RU-1967",
            "IT-JP-2023", "AT-CH-DE-2011", "RU-UZ-2024", "CN-GB-2014", "CN-FR-2010",
            "IT-RU-1967", "CA-CN-1987", "DE-RU-2011", "CN-KZ-2017", "CN-NZ-2010", "CN-IN-2014",
            "AU-CA-1990", "AU-GB-1990", "AU-IT-1993", "AU-IN-2023", "AU-IE-1998", "AU-KR-2014",
            "AU-MY-2019", "AU-SG-2007", "AU-ZA-2010", "AU-DE-2001"}
ids = [t.id for t in CATALOGUE]


def test_catalogue_holds_the_issue_instruments() -> None:
    """Every instrument the issue names is in the catalogue, and ids are unique."""
    assert set(ids) >= EXPECTED
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("treaty", CATALOGUE, ids=ids)
def test_id_is_canonical_and_found_in_any_order(treaty: Treaty) -> None:
    """Ids are canonical; look-up is case-insensitive and accepts the countries in any order."""
    assert canonical_id(treaty.id) == treaty.id
    assert treaties.get(treaty.id.lower()) is treaty
    parts = treaty.id.split("-")
    if parts[0] not in ("ETS", "CETS"):
        assert treaties.get("-".join([*reversed(parts[:-1]), parts[-1]])) is treaty
        assert parts[:-1] == sorted(parts[:-1])
        assert {s.country.code for s in treaty.states} == set(parts[:-1])


@pytest.mark.parametrize("treaty", CATALOGUE, ids=ids)
def test_dates_are_ordered(treaty: Treaty) -> None:
    """Signature before entry into force; per state, signature ≤ ratification ≤ in force."""
    if treaty.signature and treaty.entry_into_force:
        assert treaty.signature <= treaty.entry_into_force
    if treaty.entry_into_force and treaty.ended:
        assert treaty.entry_into_force < treaty.ended
    for s in treaty.states:
        known = [d for d in (s.signed, s.ratified, s.in_force) if d is not None]
        assert known == sorted(known), s
        if s.in_force and treaty.entry_into_force:
            assert s.in_force >= treaty.entry_into_force, s
    for a in treaty.amendments:
        start = a.in_force or a.signed
        assert start is None or treaty.signature is None or start >= treaty.signature


@pytest.mark.parametrize("treaty", CATALOGUE, ids=ids)
def test_every_value_has_a_source_and_confidence(treaty: Treaty) -> None:
    """Every rule, parameter, state and date cites sources the entry lists, with a confidence."""
    known = {s.id for s in treaty.sources}
    assert treaty.sources
    assert all(s.url.startswith("http") for s in treaty.sources)
    for p in (treaty.signed, treaty.in_force):
        assert p.sources
        assert set(p.sources) <= known
        assert p.confidence is not None
    for s in treaty.states:
        assert s.sources
        assert set(s.sources) <= known
    for rule in treaty.rules:
        assert rule.sources, rule.id
        assert set(rule.sources) <= known, rule.id
        assert rule.confidence is not None
        for name, param in rule.params().items():
            assert set(param.sources) <= known, (rule.id, name)
    rule_ids = [r.id for r in treaty.rules]
    assert len(rule_ids) == len(set(rule_ids))
    for rule in treaty.rules:
        if rule.introduced_by is not None:
            treaty.amendment(rule.introduced_by)


@pytest.mark.parametrize("treaty", CATALOGUE, ids=ids)
def test_points_tables_add_up(treaty: Treaty) -> None:
    """Where a points table is known, its elements add up to the stated total."""
    for rule in treaty.rules:
        if isinstance(rule, PointsTest) and rule.elements:
            assert sum(e.points for e in rule.elements) == rule.total.get()
            assert rule.pass_mark.get() <= rule.total.get()


@pytest.mark.parametrize("treaty", CATALOGUE, ids=ids)
def test_round_trip(treaty: Treaty) -> None:
    """Each entry dumps and loads back to the same instrument, in every format."""
    for fmt in ("json", "yaml", "toml"):
        assert loads(dumps(treaty, fmt), fmt) == treaty


@pytest.mark.parametrize("treaty", CATALOGUE, ids=ids)
def test_kind_matches_states(treaty: Treaty) -> None:
    """Bilateral instruments have two states; multilateral ones more."""
    n = len(treaty.states)
    assert n == 2 if treaty.kind is TreatyKind.BILATERAL else n >= 3


def test_unknown_id() -> None:
    """An unknown id raises UnknownTreatyError, listing what is known."""
    with pytest.raises(UnknownTreatyError, match="CN-RU-2017"):
        treaties.get("XX-YY-1999")


def test_finding_codes_are_unique_and_documented() -> None:
    """Every code a rule kind or validation emits is listed once, with a summary."""
    codes = finding_codes()
    assert len({c.code for c in codes}) == len(codes)
    assert all(isinstance(c, FindingCode) and c.summary for c in codes)


@pytest.mark.parametrize("treaty", CATALOGUE, ids=ids)
@settings(max_examples=60, deadline=None)
@given(day=st.dates(min_value=datetime.date(1950, 1, 1), max_value=datetime.date(2060, 12, 31)))
def test_bound_states_are_the_states_bound_on_asks_about(treaty: Treaty,
                                                         day: datetime.date) -> None:
    """``bound_states`` (spans worked out once) agrees with ``bound_on`` state by state."""
    on = pendulum.Date(day.year, day.month, day.day)
    expected = frozenset(c for c in treaty.countries if treaty.bound_on(c, on) is not Bound.NO)
    assert treaty.bound_states(on) == expected


@pytest.mark.parametrize("treaty", CATALOGUE, ids=ids)
def test_bound_states_at_every_recorded_date(treaty: Treaty) -> None:
    """On, and the day before, every date the instrument records: the edges of the spans."""
    days = {d for s in treaty.states for d in (s.signed, s.ratified, s.in_force, s.left)
            if d is not None}
    days |= {d for d in (treaty.entry_into_force, treaty.earliest, treaty.ended) if d}
    for day in days:
        for on in (day, day.subtract(days=1)):
            expected = frozenset(c for c in treaty.countries
                                 if treaty.bound_on(c, on) is not Bound.NO)
            assert treaty.bound_states(on) == expected, on


_DAYS = st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2030, 12, 31)).map(
    lambda d: pendulum.Date(d.year, d.month, d.day))


@settings(max_examples=60, deadline=None)
@given(data=st.data(), day=_DAYS, ended=st.none() | _DAYS,
       base=st.sampled_from(["ETS-147", "CETS-220", "CN-RU-2017", "IT-JP-2023", "CA-CN-2016"]))
def test_bound_states_agree_on_instruments_the_catalogue_does_not_hold(
        data: st.DataObject, day: pendulum.Date, ended: pendulum.Date | None, base: str) -> None:
    """Withdrawals, signatories, end dates: states and dates no catalogue entry has yet."""
    treaty = treaties.get(base)
    states = tuple(
        attrs.evolve(
            s,
            status=data.draw(st.sampled_from(list(StateStatus))),
            in_force=data.draw(st.none() | _DAYS),
            left=data.draw(st.none() | _DAYS),
        )
        for s in treaty.states
    )
    changed = attrs.evolve(treaty, states=states, ended=ended)
    expected = frozenset(c for c in changed.countries if changed.bound_on(c, day) is not Bound.NO)
    assert changed.bound_states(day) == expected
