"""The rights ledger: conflicts, excess, gaps, holdbacks, unresolved terms and availability."""

from __future__ import annotations

import pickle
from pathlib import Path

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coprod.errors import DocumentError, InvalidValueError, UnknownReferenceError
from coprod.geo import Country
from coprod.languages import LanguageScope
from coprod.parties import Organisation, OrganisationKind
from coprod.rights import (
    FINDING_CODES,
    Allocation,
    Availability,
    AvailabilityQuery,
    ConflictReason,
    CoOwner,
    CoverageRequirement,
    Holdback,
    LedgerReferenceError,
    MatchType,
    Ownership,
    RightsGrant,
    RightsLedger,
)
from coprod.serialization import dumps, loads
from coprod.share import Share
from coprod.strategies import language_scopes, rights_grants, rights_ledgers, territory_codes
from coprod.terms import Term
from coprod.territories import TerritoryGroup, TerritorySet
from coprod.windows import Duration, EventDate, Window

D = pendulum.Date
AS_OF = D(2025, 1, 1)


def grant(gid: str, grantor: str, grantee: str, territories: str, media: object, start: str,
          end: str | None = None, *, exclusive: bool = True, **kw: object) -> RightsGrant:
    return RightsGrant(id=gid, grantor=grantor, grantee=grantee, territories=territories,
                       media=media, term=Window.fixed(start, end), exclusive=exclusive, **kw)


OWNERSHIP = Ownership(
    owners=(CoOwner("volga", Share.parse("50%")), CoOwner("panda", Share.parse("50%"))),
    allocations=(Allocation(holder="volga", territories="RU, BY, KZ"),
                 Allocation(holder="panda", territories="CN, HK, MO")),
)


def codes(ledger: RightsLedger) -> list[str]:
    return list(ledger.check(as_of=AS_OF).codes)


# ---------------------------------------------------------------- conflicts


def test_two_exclusive_grants_conflict_with_the_exact_slice() -> None:
    """Two exclusive grants to different grantees conflict; the slice is the exact overlap."""
    led = RightsLedger(id="w", ownership=OWNERSHIP, grants=(
        grant("a", "volga", "kinostream", "RU", ["svod"], "2025-01-01", "2027-12-31",
              languages="ru"),
        grant("b", "volga", "okko-like", "RU, BY", ["all-vod"], "2026-06-01"),
    ))
    (c,) = led.conflicts()
    assert (c.first, c.second, c.reason) == ("a", "b", ConflictReason.EXCLUSIVE_EXCLUSIVE)
    (s,) = c.slices
    assert s.territories == TerritorySet.of("RU")
    assert [m.value for m in s.media] == ["svod"]
    assert str(s.languages) == "ru"
    assert s.term == Term(D(2026, 6, 1), D(2027, 12, 31))
    assert "RIGHTS-CONFLICT-EXCLUSIVE" in codes(led)


def test_exclusive_against_non_exclusive() -> None:
    """An exclusive grant and a non-exclusive one to another grantee conflict."""
    led = RightsLedger(id="w", ownership=OWNERSHIP, grants=(
        grant("a", "volga", "kinostream", "RU", ["svod"], "2025-01-01", "2025-12-31"),
        grant("b", "volga", "okko-like", "RU", ["svod"], "2025-06-01", "2025-12-31",
              exclusive=False),
    ))
    assert [c.reason for c in led.conflicts()] == [ConflictReason.EXCLUSIVE_NON_EXCLUSIVE]
    assert "RIGHTS-CONFLICT-EXCLUSIVE-NONEXCLUSIVE" in codes(led)


def test_non_exclusive_grants_and_separate_slices_do_not_conflict() -> None:
    """Non-exclusive grants coexist; grants apart in any one dimension never conflict."""
    led = RightsLedger(id="w", ownership=OWNERSHIP, grants=(
        grant("a", "volga", "x1", "RU", ["svod"], "2025-01-01", "2025-12-31", exclusive=False),
        grant("b", "volga", "x2", "RU", ["svod"], "2025-01-01", "2025-12-31", exclusive=False),
        grant("c", "volga", "x3", "BY", ["svod"], "2025-01-01", "2025-12-31"),
        grant("d", "volga", "x4", "RU", ["pay-tv"], "2025-01-01", "2025-12-31"),
        grant("e", "volga", "x5", "RU", ["svod"], "2026-01-01", "2026-12-31"),
        grant("f", "volga", "x6", "KZ", ["svod"], "2025-01-01", languages="ru (dubbed)"),
        grant("g", "volga", "x7", "KZ", ["svod"], "2025-01-01", languages="ru (subtitled)"),
    ))
    assert led.conflicts() == ()


def test_same_grantee_overlap_is_information() -> None:
    """Two overlapping grants to the same grantee are reported as info, not as a conflict."""
    led = RightsLedger(id="w", ownership=OWNERSHIP, grants=(
        grant("a", "volga", "kinostream", "RU", ["svod"], "2025-01-01", "2025-12-31"),
        grant("b", "volga", "kinostream", "RU", ["svod"], "2025-06-01", "2026-12-31"),
    ))
    report = led.check(as_of=AS_OF)
    assert "RIGHTS-OVERLAP-SAME-GRANTEE" in report.codes
    assert report.valid


def test_sublicences_down_a_chain_do_not_conflict() -> None:
    """A distributor's sublicence of what it holds exclusively does not conflict with its grant."""
    led = RightsLedger(id="w", ownership=OWNERSHIP, grants=(
        grant("a", "volga", "distributor", "RU", ["all-media"], "2025-01-01", "2030-12-31"),
        grant("b", "distributor", "platform", "RU", ["svod"], "2025-06-01", "2027-12-31"),
        grant("c", "platform", "reseller", "RU", ["svod"], "2026-01-01", "2026-12-31"),
    ))
    assert led.conflicts() == ()
    assert led.check(as_of=AS_OF).valid


def test_allocations_that_overlap_conflict() -> None:
    """Two co-producers allocated the same territory exclusively is a conflict."""
    own = Ownership(
        owners=(CoOwner("volga", Share.parse("1/3")), CoOwner("panda", Share.parse("2/3"))),
        allocations=(Allocation(holder="volga", territories="RU, KZ"),
                     Allocation(holder="panda", territories="CN, KZ")),
    )
    led = RightsLedger(id="w", ownership=own)
    (c,) = led.conflicts()
    assert c.reason is ConflictReason.ALLOCATION
    assert c.slices[0].territories == TerritorySet.of("KZ")
    assert "RIGHTS-CONFLICT-ALLOCATION" in codes(led)


def test_dated_territories_conflict_only_while_membership_lasts() -> None:
    """A grant for 'the EU' collides with a GB grant only until Brexit."""
    led = RightsLedger(id="w", grants=(
        grant("eu", "seller", "pan-euro", "EU", ["svod"], "2019-01-01", "2021-12-31"),
        grant("gb", "seller", "uk-only", "GB", ["svod"], "2019-06-01", "2021-12-31"),
    ))
    (c,) = led.conflicts()
    assert [str(s.term) for s in c.slices] == ["2019-06-01..2020-01-31"]


@settings(max_examples=60, deadline=None)
@given(rights_grants(grant_id="g1"), rights_grants(grant_id="g2"),
       st.dictionaries(st.sampled_from(["first-theatrical-release", "delivery"]),
                       st.dates().map(lambda d: D(d.year, d.month, d.day)), max_size=2))
def test_conflicts_are_symmetric(a: RightsGrant, b: RightsGrant, events: dict[str, D]) -> None:
    """The conflicts found do not depend on the order of the grants (or their ids)."""
    one = RightsLedger(id="w", grants=(a, b), events=events).conflicts()
    two = RightsLedger(id="w", grants=(b, a), events=events).conflicts()
    assert one == two
    swapped_a = RightsGrant(**{**_fields(a), "id": "g2"})
    swapped_b = RightsGrant(**{**_fields(b), "id": "g1"})
    three = RightsLedger(id="w", grants=(swapped_b, swapped_a), events=events).conflicts()
    assert [(c.reason, c.slices) for c in one] == [(c.reason, c.slices) for c in three]


def _fields(g: RightsGrant) -> dict[str, object]:
    return {f: getattr(g, f) for f in ("id", "grantor", "grantee", "territories", "media",
                                       "languages", "term", "exclusive", "holdbacks", "clause")}


# ---------------------------------------------------------------- excess and joint holding


def test_grant_exceeding_what_the_grantor_holds() -> None:
    """A co-producer granting another's territory exceeds what it holds."""
    led = RightsLedger(id="w", ownership=OWNERSHIP, grants=(
        grant("a", "panda", "silkroad", "RU, CN", ["svod"], "2025-01-01", "2025-12-31"),
    ))
    f = led.check(as_of=AS_OF).with_code("RIGHTS-EXCEEDS-GRANTOR")[0]
    assert "RU / svod" in f.message
    assert "CN" not in f.message.split("hold ")[1]


def test_sublicence_beyond_the_licence_term_exceeds() -> None:
    """A licensee cannot sublicense beyond its own term."""
    led = RightsLedger(id="w", ownership=OWNERSHIP, grants=(
        grant("a", "volga", "distributor", "RU", ["svod"], "2025-01-01", "2025-12-31"),
        grant("b", "distributor", "platform", "RU", ["svod"], "2025-06-01", "2026-06-30"),
    ))
    f = led.check(as_of=AS_OF).with_code("RIGHTS-EXCEEDS-GRANTOR")[0]
    assert "2026-01-01..2026-06-30" in f.message


def test_exclusive_sublicence_of_non_exclusive_rights() -> None:
    """A non-exclusive licensee granting exclusively exceeds the exclusivity it holds."""
    led = RightsLedger(id="w", ownership=OWNERSHIP, grants=(
        grant("a", "volga", "distributor", "RU", ["svod"], "2025-01-01", "2025-12-31",
              exclusive=False),
        grant("b", "distributor", "platform", "RU", ["svod"], "2025-01-01", "2025-12-31"),
    ))
    assert "RIGHTS-EXCLUSIVITY-EXCEEDS" in codes(led)


def test_grant_of_jointly_held_rights_needs_consent() -> None:
    """A co-owner granting rights no allocation gives it (held jointly) needs consent."""
    led = RightsLedger(id="w", ownership=OWNERSHIP, grants=(
        grant("a", "volga", "euro-dist", "FR", ["theatrical"], "2025-01-01", "2026-12-31"),
    ))
    report = led.check(as_of=AS_OF)
    assert "RIGHTS-JOINT-CONSENT" in report.codes
    assert "RIGHTS-EXCEEDS-GRANTOR" not in report.codes


def test_ownership_unknown_is_said_once() -> None:
    """Without ownership, grants by parties who received nothing are not checked, and it says so."""
    led = RightsLedger(id="w", grants=(
        grant("a", "volga", "distributor", "RU", ["svod"], "2025-01-01", "2025-12-31"),
    ))
    assert codes(led) == ["RIGHTS-OWNERSHIP-UNKNOWN"]


# ---------------------------------------------------------------- gaps


def test_required_coverage_gap() -> None:
    """What the agreement says must be covered and is not is a gap, sliced exactly."""
    led = RightsLedger(id="w", ownership=OWNERSHIP, requirements=(
        CoverageRequirement(territories="RU, CN, FR", media=["all-tv"], clause="cl. 8"),))
    (f,) = led.check(as_of=AS_OF).with_code("RIGHTS-GAP-REQUIRED")
    assert "FR / all-tv" in f.message
    assert f.citation is not None
    assert f.citation.article == "cl. 8"


def test_unallocated_and_unlicensed_gaps() -> None:
    """Rights no allocation covers stay joint; allocated rights not licensed onwards are listed."""
    led = RightsLedger(id="w", ownership=OWNERSHIP, grants=(
        grant("a", "volga", "kinostream", "RU", ["svod"], "2025-01-01", "2025-12-31"),))
    report = led.check(as_of=AS_OF)
    assert "RIGHTS-GAP-UNALLOCATED" in report.codes
    (f,) = report.with_code("RIGHTS-GAP-UNLICENSED")
    assert f.path == "$.ownership.allocations[0]"
    assert "KZ / all-media" in f.message


# ---------------------------------------------------------------- holdbacks and terms


def test_holdback_violation_on_an_event_window() -> None:
    """A free-TV grant inside the SVOD licensee's holdback window violates it."""
    svod = grant("svod", "volga", "kinostream", "RU", ["svod"], "2025-01-01", "2027-12-31",
                 holdbacks=(Holdback(territories="RU", media=["free-tv"], clause="cl. 5",
                                     window=Window(start=EventDate("first-svod-release"),
                                                   duration=Duration(months=12))),))
    tv = grant("tv", "volga", "channel", "RU", ["free-tv"], "2025-06-01", exclusive=False)
    led = RightsLedger(id="w", ownership=OWNERSHIP, grants=(svod, tv),
                       events={"first-svod-release": "2025-03-01"})
    (f,) = led.check(as_of=AS_OF).with_code("RIGHTS-HOLDBACK-VIOLATION")
    assert "2025-06-01..2026-02-28" in f.message
    assert f.path == "$.grants[1]"
    assert f.citation is not None
    assert f.citation.article == "cl. 5"


def test_standalone_holdback_spares_its_beneficiary() -> None:
    """A ledger-level holdback binds everyone but its beneficiary."""
    hb = Holdback(
        territories="CN",
        media=["theatrical"],
        window=Window.fixed("2025-01-01", "2025-12-31"),
        beneficiary="dragon",
    )
    led = RightsLedger(id="w", ownership=OWNERSHIP, holdbacks=(hb,), grants=(
        grant("ok", "panda", "dragon", "CN", ["theatrical"], "2025-01-01"),
        grant("bad", "panda", "other", "CN", ["theatrical"], "2025-03-01", exclusive=False),
    ))
    violations = led.check(as_of=AS_OF).with_code("RIGHTS-HOLDBACK-VIOLATION")
    assert [f.path for f in violations] == ["$.grants[1]"]


def test_unresolved_and_empty_terms_are_reported() -> None:
    """A term waiting for an unknown event is reported, not guessed; an empty one too."""
    waiting = RightsGrant(
        id="tv",
        grantor="volga",
        grantee="channel",
        territories="RU",
        media=["free-tv"],
        exclusive=False,
        term=Window(start=EventDate("first-theatrical-release", Duration(months=18))),
    )
    empty = RightsGrant(id="e", grantor="volga", grantee="channel", territories="BY",
                        media=["free-tv"], exclusive=False,
                        term=Window(start=D(2025, 1, 1), end=EventDate("delivery")))
    led = RightsLedger(
        id="w", ownership=OWNERSHIP, grants=(waiting, empty), events={"delivery": "2024-12-01"}
    )
    report = led.check(as_of=AS_OF)
    assert report.with_code("RIGHTS-TERM-UNRESOLVED")[0].path == "$.grants[0]"
    assert report.with_code("RIGHTS-TERM-EMPTY")[0].path == "$.grants[1]"


def test_a_grant_running_until_an_undated_event_blocks_until_further_notice() -> None:
    """A grant begun, and exclusive until an undated first TV broadcast, is running.

    So it blocks the slice and collides with a later exclusive grant.
    """
    running = RightsGrant(id="a", grantor="volga", grantee="sever", territories="RU",
                          media=["svod"], exclusive=True,
                          term=Window(start=EventDate("first-theatrical-release",
                                                      Duration(months=6)),
                                      end=EventDate("first-tv-broadcast")))
    later = RightsGrant(id="c", grantor="volga", grantee="steppe", territories="RU",
                        media=["svod"], exclusive=True,
                        term=Window.fixed("2025-10-01", "2026-12-31"))
    led = RightsLedger(id="w", ownership=OWNERSHIP, grants=(running, later),
                       events={"first-theatrical-release": "2025-03-01"})
    q = AvailabilityQuery(territories="RU", media="svod",
                          period=Term(D(2025, 9, 1), D(2025, 9, 30)))
    answer = led.availability(q)
    assert not answer.available
    assert [b.source for b in answer.blockers] == ["a"]
    assert answer.unresolved == ()
    [conflict] = led.conflicts()
    assert (conflict.first, conflict.second) == ("a", "c")
    [warning] = led.check(as_of=AS_OF).with_code("RIGHTS-TERM-UNRESOLVED")
    assert warning.path == "$.grants[0]"
    assert "taken as running until further notice" in warning.message


def test_every_finding_code_is_documented_and_produced_here() -> None:
    """Each rights finding code is listed once; the tests above produce every one of them."""
    listed = [c.code for c in FINDING_CODES]
    assert len(listed) == len(set(listed))
    source = Path(__file__).read_text(encoding="utf-8")
    assert [code for code in listed if code not in source] == []
    docs = (Path(__file__).parents[1] / "docs" / "reference" / "rights.md").read_text(
        encoding="utf-8"
    )
    assert [code for code in listed if f"`{code}`" not in docs] == []


# ---------------------------------------------------------------- validation of the ledger


def test_ledger_refuses_what_cannot_exist() -> None:
    """Duplicate ids, unknown parties, bad shares and unknown territories are refused."""
    a = grant("a", "volga", "x", "RU", ["svod"], "2025-01-01")
    with pytest.raises(InvalidValueError, match="used twice"):
        RightsLedger(id="w", grants=(a, a))
    parties = (Organisation(id="volga", name="Volga Film", country=Country("RU"),
                            kind=OrganisationKind.PRODUCER),)
    with pytest.raises(UnknownReferenceError, match="unknown party 'x'"):
        RightsLedger(id="w", parties=parties, grants=(a,))
    with pytest.raises(InvalidValueError, match="exactly 100%"):
        Ownership(
            owners=(CoOwner("volga", Share.parse("60%")), CoOwner("panda", Share.parse("30%")))
        )
    with pytest.raises(InvalidValueError, match="twice"):
        Ownership(
            owners=(CoOwner("volga", Share.parse("50%")), CoOwner("volga", Share.parse("50%")))
        )
    with pytest.raises(UnknownReferenceError):
        RightsLedger(
            id="w", grants=(grant("a", "v", "x", "greater-china", ["svod"], "2025-01-01"),)
        )
    with pytest.raises(InvalidValueError, match="to itself"):
        grant("a", "volga", "volga", "RU", ["svod"], "2025-01-01")
    ok = RightsLedger(
        id="w",
        territory_groups=(TerritoryGroup(id="greater-china", members=("CN", "HK")),),
        grants=(grant("a", "v", "x", "greater-china", ["svod"], "2025-01-01"),),
    )
    assert ok.grant("a").id == "a"
    with pytest.raises(UnknownReferenceError):
        ok.grant("zz")
    assert len(ok.with_grants(grant("b", "v", "y", "RU", ["svod"], "2025-01-01")).grants) == 2
    assert ok.holdings("x")[0].territories == TerritorySet.of("CN", "HK")


def test_ownership_from_an_agreement() -> None:
    """Ownership can be read from an agreement's copyright shares."""
    from coprod.agreements import CopyrightShare

    class Agreement:
        copyright = (CopyrightShare(party="volga", share=Share.parse("70%")),
                     CopyrightShare(party="panda", share=Share.parse("30%")))

    own = Ownership.from_agreement(Agreement())
    assert str(own.share_of("panda")) == "30%"
    assert own.share_of("nobody") == Share.ZERO
    assert own.is_owner("volga")
    assert not own.is_owner("kinostream")


# ---------------------------------------------------------------- availability


LEDGER = RightsLedger(id="w", ownership=OWNERSHIP, grants=(
    grant("svod", "volga", "kinostream", "RU", ["svod"], "2025-01-01", "2025-12-31",
          languages="ru"),
    grant("avod", "volga", "free-vod", "RU", ["avod"], "2025-01-01", "2025-06-30", exclusive=False),
    grant("tv", "volga", "channel", "RU", ["free-tv"], "2025-04-01", "2025-04-30"),
))


def query(match: MatchType, start: str, end: str, *, media: object = ("svod",), excl: bool = False,
          languages: str = "ru") -> AvailabilityQuery:
    return AvailabilityQuery(territories="RU", media=media, languages=languages,
                             period=Term(D.fromisoformat(start), D.fromisoformat(end)),
                             match=match, exclusive_only=excl)


def test_cover_overlap_and_starts_within() -> None:
    """The three match types read the free windows as Rightsline's Avails API does."""
    q = query(MatchType.COVER, "2025-06-01", "2026-06-30")
    a = LEDGER.availability(q)
    assert not a.available
    assert [b.source for b in a.blockers] == ["svod"]
    assert [str(t) for t in a.rows[0].free] == ["2026-01-01..2026-06-30"]
    assert LEDGER.availability(query(MatchType.OVERLAP, "2025-06-01", "2026-06-30")).available
    assert LEDGER.availability(query(MatchType.STARTS_WITHIN, "2025-06-01", "2026-06-30")).available
    # free from the first day of the period and before it: nothing *starts* within
    assert not LEDGER.availability(
        query(MatchType.STARTS_WITHIN, "2026-02-01", "2026-06-30")
    ).available
    assert LEDGER.availability(query(MatchType.COVER, "2026-02-01", "2026-06-30")).available


def test_exclusive_only_counts_non_exclusive_grants() -> None:
    """Wanting rights exclusively makes non-exclusive grants block too."""
    plain = LEDGER.availability(query(MatchType.COVER, "2025-01-01", "2025-03-31", media=["avod"]))
    excl = LEDGER.availability(
        query(MatchType.COVER, "2025-01-01", "2025-03-31", media=["avod"], excl=True)
    )
    assert plain.available
    assert not excl.available
    assert [b.reason for b in excl.blockers] == ["non-exclusive"]


def test_other_languages_are_free() -> None:
    """An exclusive Russian-language grant leaves English free."""
    assert LEDGER.availability(
        query(MatchType.COVER, "2025-01-01", "2025-03-31", languages="en")
    ).available


def test_rows_split_by_territory_and_medium() -> None:
    """A query over several territories and media answers part by part."""
    q = AvailabilityQuery(territories="RU, BY", media=["svod", "free-tv"], languages="ru",
                          period=Term(D(2025, 4, 1), D(2025, 4, 30)))
    a = LEDGER.availability(q)
    verdicts = {(str(r.territories), tuple(m.value for m in r.media)): r.matches for r in a.rows}
    assert verdicts[("BY", ("free-tv", "svod"))] is True
    assert verdicts[("RU", ("free-tv", "svod"))] is False
    with pytest.raises(InvalidValueError, match="end date"):
        AvailabilityQuery(territories="RU", media=["svod"], period=Term(D(2025, 1, 1)))


@settings(max_examples=40, deadline=None)
@given(rights_ledgers(max_grants=6), st.frozensets(territory_codes(), min_size=1, max_size=3),
       st.sampled_from(list(MatchType)), st.booleans(),
       st.dates().map(lambda d: D(d.year, d.month, d.day)), st.integers(0, 800))
def test_index_agrees_with_a_linear_scan(led: RightsLedger, terr: frozenset[str], match: MatchType,
                                         excl: bool, start: D, days: int) -> None:
    """The indexed answer is exactly the answer found by scanning every grant."""
    q = AvailabilityQuery(
        territories=TerritorySet(terr),
        media=["svod", "free-tv"],
        period=Term(start, start.add(days=days)),
        match=match,
        exclusive_only=excl,
    )
    assert led.availability(q) == led.availability_linear(q)


@settings(max_examples=60, deadline=None)
@given(rights_ledgers(max_grants=6), st.frozensets(territory_codes(), min_size=0, max_size=3),
       st.sampled_from([["svod"], ["all-tv"], ["svod", "free-tv", "theatrical"]]),
       st.sampled_from(list(MatchType)), st.booleans(), language_scopes(),
       st.dates().map(lambda d: D(d.year, d.month, d.day)), st.integers(0, 800))
def test_verdict_from_runs_agrees_with_the_scanned_rows(
        led: RightsLedger, terr: frozenset[str], media: list[str], match: MatchType, excl: bool,
        languages: LanguageScope, start: D, days: int) -> None:
    """``available`` decided from the runs of blocked days is the verdict of the scanned rows.

    Languages, media groups, empty territory sets and exclusive-only queries included; a
    language no grant names takes the general path and must agree too.
    """
    q = AvailabilityQuery(
        territories=TerritorySet(terr),
        media=media,
        languages=languages,
        period=Term(start, start.add(days=days)),
        match=match,
        exclusive_only=excl,
    )
    fast, scanned = led.availability(q), led.availability_linear(q)
    assert fast.available == all(r.matches for r in scanned.rows) == scanned.available
    assert fast == scanned


def test_rows_and_blockers_are_worked_out_when_read() -> None:
    """A lazily detailed answer equals, hashes, prints and pickles like an eager one."""
    q = query(MatchType.COVER, "2025-06-01", "2026-06-30")
    lazy = LEDGER.availability(q)
    eager = Availability(query=q, available=lazy.available, rows=lazy.rows, blockers=lazy.blockers,
                         unresolved=lazy.unresolved)
    again = LEDGER.availability(q)
    assert again == eager
    assert eager == again
    assert hash(again) == hash(eager)
    assert repr(LEDGER.availability(q)) == repr(eager)
    assert pickle.loads(pickle.dumps(LEDGER.availability(q))) == eager
    assert attrs.evolve(eager, available=True).blockers == eager.blockers
    assert lazy.rows is lazy.rows


# ---------------------------------------------------------------- documents


@settings(max_examples=25, deadline=None)
@given(rights_ledgers(), st.sampled_from(["json", "yaml", "toml"]))
def test_ledger_documents_round_trip(led: RightsLedger, fmt: str) -> None:
    """A ledger dumps and loads back to the same ledger, in every format."""
    text = dumps(led, fmt)
    assert loads(text, fmt) == led
    assert dumps(loads(text, fmt), fmt) == text


# ---------------------------------------------------------------- EMA export and document errors


def test_export_of_unresolved_and_dated_terms() -> None:
    """Unresolved terms export as EMA conditions with lags.

    A dated group with an unresolved term is skipped and said so; fixed ends and durations are
    written as EMA expects.
    """
    from coprod.avails import export_avails

    led = RightsLedger(id="w", title="Ice Road", grants=(
        RightsGrant(id="est", grantor="v", grantee="x", territories="RU", media=["est"],
                    exclusive=False,
                    term=Window(start=EventDate("first-theatrical-release", Duration(months=4)),
                                end=EventDate("first-tv-broadcast"))),
        RightsGrant(id="tvod", grantor="v", grantee="y", territories="BY", media=["tvod"],
                    exclusive=False,
                    term=Window(start=EventDate("festival-premiere"), duration=Duration(years=2))),
        RightsGrant(id="svod-eu", grantor="v", grantee="z", territories="EU", media=["svod"],
                    exclusive=True,
                    term=Window(start=EventDate("delivery"))),
        RightsGrant(id="fvod", grantor="v", grantee="w", territories="KZ", media=["fvod"],
                    exclusive=False, languages="kk (subtitled)",
                    term=Window(start=D(2025, 1, 1), end=D(2025, 6, 30))),
    ))
    export = export_avails(led, content_id="10.5240/7EC7-228A-510A-053E-CBB8-J")
    rows = {r["AvailID"].split(":")[0]: r for r in export.rows}
    assert (
        rows["est"]["StartCondition"],
        rows["est"]["StartLag"],
        rows["est"]["EndCondition"],
    ) == ("Theatrical", "P4M", "Broadcast")
    assert (rows["tvod"]["StartCondition"], rows["tvod"]["WindowDuration"]) == ("TBD", "P2Y")
    assert (rows["fvod"]["End"], rows["fvod"]["LocalizationType"]) == ("2025-06-30", "sub")
    assert export.skipped == (
        ("svod-eu", "its territories change over time and its term is not resolved"),
    )
    assert export.to_csv().startswith("AvailID,EntryType")
    resolved = export_avails(attrs.evolve(led, events={"delivery": "2019-06-01"}))
    eu_rows = [r for r in resolved.rows if r["AvailID"].startswith("svod-eu:GB")]
    assert [r["End"] for r in eu_rows] == ["2020-01-31"]


def _svod(languages: str | LanguageScope) -> RightsLedger:
    return RightsLedger(id="w", grants=(RightsGrant(
        id="g", grantor="v", grantee="x", territories="KZ", media=["svod"], exclusive=False,
        languages=languages, term=Window.fixed("2025-01-01", "2025-12-31")),))


@pytest.mark.parametrize(("languages", "rows"), [
    ("any", [("", "")]),
    ("ru", [("", "ru")]),
    ("ru (dubbed, subtitled), kk (subtitled)", [("sub", "kk"), ("subdub", "ru")]),
    ("ru (dubbed), en (dubbed), kk", [("", "kk"), ("dub", "en;ru")]),
    ("any language (subtitled), ru (dubbed, voice-over)", [("dub", "ru"), ("sub", "")]),
])
def test_export_writes_one_row_per_localisation_type(
    languages: str, rows: list[tuple[str, str]]
) -> None:
    """A localisation type never reaches a language it was not granted for."""
    from coprod.avails import export_avails

    export = export_avails(_svod(languages))
    assert export.skipped == ()
    assert [(r["LocalizationType"], r["AllowedLanguages"]) for r in export.rows] == rows
    ids = [r["AvailID"] for r in export.rows]
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize(("languages", "reason"), [
    ("ru (original)", "original version alone"),
    ("ru (original, subtitled)", "original version alone"),
    ("any language (original), en (subtitled)", "original version alone"),
    ("ru (voice-over)", "voice-over without dubbing"),
    ("zh other than zh-Hant", "exceptions"),
    ("no language", "covers no language"),
])
def test_export_skips_scopes_it_cannot_state(languages: str, reason: str) -> None:
    """Scopes with no EMA form are skipped with the reason, never widened or narrowed."""
    from coprod.avails import export_avails

    export = export_avails(_svod(languages))
    assert export.rows == ()
    assert [g for g, _ in export.skipped] == ["g"]
    assert reason in export.skipped[0][1]


_PROBE_TAGS = ("ru", "zh", "zh-Hans", "zh-Hant", "en", "kk", "fr")


@given(language_scopes())
@settings(max_examples=200, deadline=None)
def test_export_states_exactly_the_granted_languages(scope: LanguageScope) -> None:
    """Read back as a platform reads it, the export allows exactly what was granted.

    An empty ``AllowedLanguages`` allows every language, an empty ``LocalizationType`` every
    version; ``sub`` is the subtitled version and ``dub`` the dubbed one. For every probe
    language, subtitled and dubbed are allowed by some row exactly when the grant covers
    them, and a row allowing every version stands only for languages granted in every
    version. A scope the export cannot state is skipped, never written.
    """
    from coprod.avails import export_avails
    from coprod.languages import ALL_VERSIONS, LanguageVersion, tag_covers

    export = export_avails(_svod(scope))
    if export.skipped:
        assert export.rows == ()
        return
    kinds = {"": ALL_VERSIONS, "sub": {LanguageVersion.SUBTITLED},
             "dub": {LanguageVersion.DUBBED},
             "subdub": {LanguageVersion.SUBTITLED, LanguageVersion.DUBBED}}

    def allowed(row: dict[str, str], tag: str) -> bool:
        tags = row["AllowedLanguages"]
        return not tags or any(tag_covers(t, tag) for t in tags.split(";"))

    for tag in _PROBE_TAGS:
        for version in (LanguageVersion.SUBTITLED, LanguageVersion.DUBBED):
            by_rows = any(allowed(r, tag) and version in kinds[r["LocalizationType"]]
                          for r in export.rows)
            assert by_rows == scope.matches(tag, version), (tag, version, export.rows)
        for r in export.rows:
            if r["LocalizationType"] == "" and allowed(r, tag):
                assert all(scope.matches(tag, v) for v in LanguageVersion), (tag, r)


@pytest.mark.parametrize(("snippet", "message"), [
    ("territories: {include: [RU], extra: [CN]}", "unknown territory keys"),
    ("territories: {include: 7}", "must be a list"),
    ("territories: 7", "expected territories"),
    ("territories: [RU, 7]", "codes and group names"),
    ("languages: [{tag: ru, voice: yes}]", "unknown language keys"),
    ("languages: [{versions: [dubbed]}]", "needs a 'tag'"),
    ("languages: [{tag: ru, versions: 3}]", "versions must be a list"),
    ("languages: [3]", "expected a language tag"),
    ("languages: 3", "expected 'any' or a list"),
    ("term: {start: 2025-01-01, until: 2026-01-01}", "unknown term keys"),
    ("term: {end: 2026-01-01}", "needs a start"),
    ("term: {start: {lag: P1M}}", "needs an 'event'"),
    ("term: {start: {event: delivery, after: P1M}}", "unknown keys in start"),
    ("term: {start: 7}", "must be a date"),
    ("term: 7", "expected a term"),
])
def test_document_errors_name_the_field(snippet: str, message: str) -> None:
    """Malformed territories, languages and terms are reported with a message and a path."""
    from coprod.errors import DocumentError

    base = {"territories": "territories: [RU]", "languages": "", "term": "term: 2025-01-01..open"}
    key = snippet.split(":")[0]
    base[key] = snippet
    doc = ("schema_version: 1\ndocument: rights-ledger\nid: w\ngrants:\n  - id: a\n    grantor: v\n"
           "    grantee: x\n    media: [svod]\n    exclusive: true\n"
           + "".join(f"    {v}\n" for v in base.values() if v))
    with pytest.raises(DocumentError, match=message) as info:
        loads(doc, "yaml")
    assert any(p.path.startswith(f"$.grants[0].{key}") for p in info.value.problems)


def test_document_short_forms() -> None:
    """Documents accept the short forms: text territories, exclusions, text languages, '..open'."""
    doc = ("schema_version: 1\ndocument: rights-ledger\nid: w\ngrants:\n"
           "  - {id: a, grantor: v, grantee: x, territories: '-CN, -HK', media: [SVOD, all TV],"
           " languages: 'ru (dubbed), en', term: 2025-01-01..open, exclusive: true}\n"
           "  - {id: b, grantor: v, grantee: y, territories: {exclude: CN}, media: [dvd],"
           " term: {start: 2025-01-01, end: {event: delivery, lag: P1M}}, exclusive: false}\n")
    led = loads(doc, "yaml")
    assert str(led.grants[0].territories) == "worldwide excluding CN, HK"
    assert [m.value for m in led.grants[0].media] == ["svod", "all-tv"]
    assert str(led.grants[0].languages) == "en, ru (dubbed)"
    assert led.grants[1].term.end == EventDate("delivery", Duration(months=1))
    assert loads(dumps(led, "toml"), "toml") == led


def test_every_broken_reference_of_a_ledger_is_reported_at_its_path() -> None:
    """A duplicate id, an unknown territory and unknown parties: all at once, each at its path.

    From a file as from Python, where the error is a ValueError and a LookupError.
    """
    text = """schema_version: 1
document: rights-ledger
id: bad
parties:
  - {type: organisation, id: owner, name: Owner Films, country: RU, kind: producer}
grants:
  - {id: a, grantor: owner, grantee: nobody, territories: [RU], media: [svod],
     term: {start: 2025-01-01, end: 2025-12-31}, exclusive: true}
  - {id: a, grantor: owner, grantee: owner2, territories: [ZZ], media: [svod],
     term: {start: 2025-01-01, end: 2025-12-31}, exclusive: true}
"""
    with pytest.raises(DocumentError) as info:
        loads(text, "yaml")
    assert [p.path for p in info.value.problems] == [
        "$.grants[1].id", "$.grants[1].territories", "$.grants[0].grantee",
        "$.grants[1].grantee"]
    assert "unknown party 'nobody'" in info.value.problems[2].message
    a = grant("a", "volga", "x", "RU", ["svod"], "2025-01-01")
    with pytest.raises(LedgerReferenceError) as err:
        RightsLedger(id="w", grants=(a, a))
    assert isinstance(err.value, ValueError)
    assert isinstance(err.value, LookupError)
    assert [p.path for p in err.value.problems] == ["$.grants[1].id"]


def test_a_query_during_another_threads_index_build_sees_every_grant(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Threads share a ledger: a query made while another thread builds the index is whole.

    The index has two halves, by country and (for grants over many countries) by medium. The
    first was published before the second was built, so a query in between missed every
    worldwide grant. Here thread A stops while building the second half and thread B asks.
    """
    import threading

    from coprod import rights
    from coprod.rights import AvailabilityQuery

    ledger = RightsLedger(id="w", grants=(
        RightsGrant(id="world", grantor="v", grantee="x", territories="worldwide",
                    media=["svod"], exclusive=True, term=Window.fixed("2025-01-01", "2025-12-31")),
        RightsGrant(id="ru", grantor="v", grantee="y", territories="RU", media=["avod"],
                    exclusive=True, term=Window.fixed("2025-01-01", "2025-12-31")),
    ))
    analysis = ledger._analysis()
    wide_key = next(e.key for e in analysis.entries if e.source == "world")
    building, asked = threading.Event(), threading.Event()
    real = rights._buckets
    builder = "index-builder"

    def slow(items: list[tuple[int, int, int]]) -> list[rights._Bucket]:
        if threading.current_thread().name == builder and any(i[2] == wide_key for i in items):
            building.set()
            asked.wait(10)
        return real(items)

    monkeypatch.setattr(rights, "_buckets", slow)
    a = threading.Thread(target=analysis.index, name=builder)
    a.start()
    assert building.wait(10)
    answer = ledger.availability(AvailabilityQuery(
        territories="RU", media=["svod"], period=Term(D(2025, 3, 1), D(2025, 3, 31))))
    blockers = [b.source for b in answer.blockers]  # read now, while A is still building
    asked.set()
    a.join(10)
    assert not answer.available
    assert blockers == ["world"]


def test_event_dates_are_read_only_and_the_ledger_hashable() -> None:
    """A frozen ledger's event dates cannot change under its cached answers.

    They were a plain dict: a date changed in place left ``conflicts()`` answering from the
    old one, an equal ledger answered differently, and ``hash()`` failed.
    """
    import pickle

    ledger = RightsLedger(id="w", events={"first-theatrical-release": "2025-03-14"})
    with pytest.raises(TypeError):
        ledger.events["first-theatrical-release"] = D(2030, 1, 1)  # type: ignore[index]
    assert ledger.events == {"first-theatrical-release": D(2025, 3, 14)}
    same = RightsLedger(id="w", events={"first-theatrical-release": D(2025, 3, 14)})
    assert ledger == same
    assert hash(ledger) == hash(same)
    assert pickle.loads(pickle.dumps(ledger)) == ledger
    assert attrs.evolve(ledger, events={}).events == {}
    with pytest.raises(InvalidValueError, match="must map event names to dates"):
        RightsLedger(id="w", events=["first-theatrical-release"])  # type: ignore[arg-type]
