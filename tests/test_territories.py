"""Territory sets and clauses: data sources, dated groups, and the laws of set algebra."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coprod.errors import InvalidValueError, UnknownReferenceError
from coprod.strategies import territory_codes, territory_sets
from coprod.terms import Term
from coprod.territories import (
    EU,
    Membership,
    Territories,
    TerritoryGroup,
    TerritoryGroups,
    TerritorySet,
    _cldr_containment,
    territory_name,
    universe,
)

D = pendulum.Date
W = TerritorySet.worldwide()
E = TerritorySet.empty()


# ---------------------------------------------------------------- laws (Hypothesis)


@given(territory_sets(), territory_sets())
def test_union_and_intersection_commute(a: TerritorySet, b: TerritorySet) -> None:
    """Union and intersection are commutative."""
    assert a | b == b | a
    assert a & b == b & a


@given(territory_sets(), territory_sets(), territory_sets())
def test_union_and_intersection_associate_and_distribute(
    a: TerritorySet, b: TerritorySet, c: TerritorySet
) -> None:
    """Union and intersection are associative and distribute over each other."""
    assert (a | b) | c == a | (b | c)
    assert (a & b) & c == a & (b & c)
    assert a & (b | c) == (a & b) | (a & c)
    assert a | (b & c) == (a | b) & (a | c)


@given(territory_sets(), territory_sets())
def test_de_morgan_and_difference(a: TerritorySet, b: TerritorySet) -> None:
    """De Morgan's laws hold, and a difference is an intersection with the complement."""
    assert ~(a | b) == ~a & ~b
    assert ~(a & b) == ~a | ~b
    assert a - b == a & ~b


@given(territory_sets())
def test_identities_complement_and_idempotence(a: TerritorySet) -> None:
    """Empty and worldwide are identities; complement is an involution; ops are idempotent."""
    assert a | E == a
    assert a & W == a
    assert a | ~a == W
    assert (a & ~a).is_empty
    assert ~~a == a
    assert a | a == a
    assert a & a == a
    assert (a - a).is_empty


@given(territory_sets(), territory_sets())
def test_overlaps_contains_and_subset_agree(a: TerritorySet, b: TerritorySet) -> None:
    """overlaps, contains and issubset agree with intersection and difference."""
    assert a.overlaps(b) == (not (a & b).is_empty) == b.overlaps(a)
    assert a.contains(b) == (b - a).is_empty == (b <= a)


@given(territory_sets(), territory_codes())
def test_membership_is_consistent(a: TerritorySet, code: str) -> None:
    """A country is in exactly one of a set and its complement."""
    assert (code in a) != (code in ~a)


@given(territory_sets())
def test_printing_round_trips(a: TerritorySet) -> None:
    """A non-empty set prints as a clause that resolves back to the same set."""
    if not a.is_empty:
        assert a.to_territories().resolve() == a
        clause = a.to_territories()
        text = (
            ", ".join(clause.include)
            if clause.include
            else ", ".join(f"-{c}" for c in clause.exclude or ())
        )
        assert TerritorySet.parse(text or "worldwide") == a


# ---------------------------------------------------------------- data


def test_regions_come_from_cldr_containment() -> None:
    """UN M.49 regions expand through the CLDR containment tree to current countries."""
    assert "RU" in TerritorySet.parse("151")
    assert "RU" in TerritorySet.parse("150")
    assert TerritorySet.parse("143") == TerritorySet.of("KZ", "KG", "TJ", "TM", "UZ")
    assert TerritorySet.parse("001") == W == TerritorySet.parse("worldwide")
    assert "XK" in TerritorySet.parse("039")
    # parts of countries listed by CLDR (Canary Islands) are not separate territories
    assert "IC" not in TerritorySet.parse("015").codes
    assert territory_name("150") == "Europe"


def test_historic_codes_expand_to_successors() -> None:
    """SU covers the fifteen successor states; CS and YU follow coprod.geo's (earlier) meaning."""
    assert len(TerritorySet.of("SU")) == 15
    assert TerritorySet.of("CS") == TerritorySet.of("CZ", "SK")
    assert TerritorySet.of("YU") == TerritorySet.of("SI", "HR", "BA", "ME", "MK", "RS", "XK")
    assert TerritorySet.of("DD") == TerritorySet.of("DE")
    assert TerritorySet.of("SU").overlaps(TerritorySet.of("EE"))
    assert "SU" in TerritorySet.worldwide()
    assert "SU" not in TerritorySet.of("RU")


def test_eu_is_resolved_on_a_date_around_brexit() -> None:
    """The EU includes GB up to 31 January 2020 and not from 1 February 2020."""
    assert "GB" in TerritorySet.parse("EU", on=D(2020, 1, 31))
    assert "GB" not in TerritorySet.parse("EU", on=D(2020, 2, 1))
    assert "HR" not in TerritorySet.parse("EU", on=D(2013, 6, 30))
    assert "HR" in TerritorySet.parse("EU", on=D(2013, 7, 1))
    assert "GL" in TerritorySet.parse("EU", on=D(1980, 1, 1))
    assert len(TerritorySet.parse("EU", on=D(1958, 1, 1))) == 6


def test_dated_groups_agree_with_cldr_today() -> None:
    """The EU history gives CLDR's current list, and the euro area CLDR's list in 2022.

    CLDR's euro-area list predates Croatia's euro (1 January 2023).
    """
    cldr = _cldr_containment()
    assert TerritorySet.parse("EU", on=D(2025, 6, 1)).codes == set(cldr["EU"])
    assert TerritorySet.parse("EZ", on=D(2022, 6, 1)).codes == set(cldr["EZ"]) - {"HR"}
    assert "HR" in TerritorySet.parse("EZ", on=D(2023, 1, 1))


def test_dated_group_needs_a_date() -> None:
    """Resolving the EU without a date is refused rather than guessed."""
    with pytest.raises(InvalidValueError, match="changes over time"):
        TerritorySet.parse("EU")


def test_segments_split_a_term_where_membership_changes() -> None:
    """A clause naming the EU splits a term at Brexit, each piece with its countries."""
    pieces = Territories.parse("EU").segments(Term(D(2019, 1, 1), D(2021, 12, 31)))
    assert [str(t) for t, _ in pieces] == ["2019-01-01..2020-01-31", "2020-02-01..2021-12-31"]
    assert "GB" in pieces[0][1]
    assert "GB" not in pieces[1][1]
    static = Territories.parse("RU, BY").segments(Term(D(2019, 1, 1)))
    assert len(static) == 1


def test_user_defined_and_nested_groups() -> None:
    """User groups can name countries, regions and other groups, and may be dated."""
    groups = TerritoryGroups.default().with_groups(
        TerritoryGroup(id="greater-china", name="Greater China", members=("CN", "HK", "MO", "TW")),
        TerritoryGroup(id="Asia deals", members=("greater-china", "143")),
        TerritoryGroup(id="cis", memberships=(Membership("GE", D(1993, 12, 3), D(2009, 8, 18)),
                                              Membership("RU", D(1991, 12, 21)))),
    )
    assert len(groups.resolve("asia deals")) == 9
    assert "GE" in groups.resolve("CIS", on=D(2000, 1, 1))
    assert "GE" not in groups.resolve("CIS", on=D(2010, 1, 1))
    assert groups.is_dated("cis")
    assert not groups.is_dated("greater-china")
    assert TerritorySet.parse("-greater-china", groups=groups) == ~groups.resolve("greater-china")


def test_group_cycles_and_bad_names_are_refused() -> None:
    """A group containing itself, or named like a country, is refused."""
    groups = TerritoryGroups.default().with_groups(
        TerritoryGroup(id="a", members=("b",)), TerritoryGroup(id="b", members=("a",)))
    with pytest.raises(InvalidValueError, match="contains itself"):
        groups.resolve("a")
    with pytest.raises(InvalidValueError, match="country or region code"):
        TerritoryGroups.default().with_groups(TerritoryGroup(id="RU", members=("BY",)))


def test_unknown_tokens_are_reported() -> None:
    """An unknown country is an invalid value; an unknown group is an unknown reference."""
    with pytest.raises(InvalidValueError, match="unknown country 'QQ'"):
        TerritorySet.of("QQ")
    with pytest.raises(InvalidValueError):
        Territories.parse("RU, QQ").check()
    with pytest.raises(UnknownReferenceError, match="unknown territory 'Narnia'"):
        Territories.parse("Narnia").check()
    with pytest.raises(InvalidValueError, match=r"never both|both include and exclude"):
        Territories.parse("RU, -CN")
    with pytest.raises(InvalidValueError, match="exactly one"):
        Territories(include=("RU",), exclude=("CN",))
    with pytest.raises(InvalidValueError):
        TerritorySet(frozenset({"SU"}))


@settings(max_examples=30)
@given(st.frozensets(territory_codes(), min_size=1, max_size=5))
def test_clauses_include_xor_exclude(codes: frozenset[str]) -> None:
    """An include list and the matching exclude list are complements."""
    inc = Territories(include=tuple(sorted(codes))).resolve()
    exc = Territories(exclude=tuple(sorted(codes))).resolve()
    assert inc == ~exc
    assert inc | exc == W


def test_membership_and_names() -> None:
    """A membership is inclusive at both ends; names come from ISO and CLDR data."""
    gb = next(m for m in EU.memberships if m.code == "GB")
    assert gb.is_member_on(D(1973, 1, 1))
    assert not gb.is_member_on(D(1972, 12, 31))
    with pytest.raises(InvalidValueError):
        Membership("GB", D(2020, 1, 1), D(2019, 1, 1))
    assert territory_name("worldwide") == "Worldwide"
    assert territory_name("EU") == "European Union"
    assert "RU" in universe()
    assert len(universe()) >= 249


def test_a_membership_until_the_last_day_has_no_change_after_it() -> None:
    """Membership until 9999-12-31 (a way to say "for good") changes nothing past that day."""
    from coprod.territories import Membership, TerritoryGroup

    group = TerritoryGroup(id="forever", name="Forever", memberships=(
        Membership("FR", since=pendulum.Date(2000, 1, 1), until=pendulum.Date(9999, 12, 31)),))
    assert group.change_dates() == frozenset({pendulum.Date(2000, 1, 1)})
