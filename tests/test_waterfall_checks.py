"""Every finding code of :func:`coprod.waterfall.check`, each produced by a test."""

from __future__ import annotations

from pathlib import Path

import attrs
import pendulum

from coprod import Country, Currency, Money, Organisation, OrganisationKind, Share, load
from coprod.agreements import CoProducer, CoProducerRole, CoProductionAgreement, Provision
from coprod.findings import Severity
from coprod.waterfall import (
    FINDING_CODES,
    Base,
    FeeTier,
    Participation,
    Pool,
    Position,
    RecoupmentTier,
    ResidualSplit,
    Route,
    Waterfall,
    check,
)

USD = Currency("USD")
DATA = Path(__file__).parent.parent / "examples" / "data"
SEEN: set[str] = set()


def org(pid: str) -> Organisation:
    return Organisation(id=pid, name=pid, country=Country("GB"), kind=OrganisationKind.PRODUCER)


def codes(report) -> list[str]:
    found = [f.code for f in report.findings]
    SEEN.update(found)
    return found


def base_wf(**kw) -> Waterfall:
    fields = {
        "id": "w", "title": "W", "currency": USD, "parties": (org("a"), org("b")),
        "routes": (Route(pool="p"),),
        "pools": (Pool(id="p", tiers=(ResidualSplit(id="net", participations=(
            Participation(payee="a", share=Share.parse("50%")),
            Participation(payee="b", share=Share.parse("50%")))),)),),
    }
    fields.update(kw)
    return Waterfall(**fields)


def test_a_clean_waterfall_has_no_findings() -> None:
    """A complete waterfall with a catch-all route and a 100 % residual is clean."""
    assert codes(check(base_wf())) == []


def test_structural_codes() -> None:
    """Shares, payees, caps, routes, pools and tier order, one code each."""
    wf = base_wf(
        routes=(
            Route(territories=(Country("RU"),), retained_by="ghost"),
            Route(pool="p", media=("tv",)),
        ),
        pools=(
            Pool(
                id="p",
                tiers=(
                    RecoupmentTier(
                        id="r",
                        positions=(Position(id="x", payee="a", amount=Money.parse("1.00 USD")),),
                    ),
                    FeeTier(
                        id="late-fee",
                        payee="a",
                        rate=Share.parse("5%"),
                        cap=Money.parse("-1.00 USD"),
                    ),
                    ResidualSplit(
                        id="net",
                        participations=(Participation(payee="a", share=Share.parse("40%")),),
                    ),
                    # A split that takes everything: the fee after it is never paid (the 40 %
                    # split before passes the rest on, so it alone would not make it so).
                    ResidualSplit(
                        id="rest",
                        participations=(Participation(payee="b", share=Share.parse("100%")),),
                    ),
                    FeeTier(id="after", payee="b", rate=Share.parse("5%"), base=Base.TIER_INPUT),
                ),
            ),
            Pool(id="orphan"),
        ),
    )
    found = codes(check(wf))
    for code in ("WF-PAYEE-UNKNOWN", "WF-CAP-NEGATIVE", "WF-GROSS-BELOW", "WF-SHARES-TOTAL",
                 "WF-TIER-UNREACHABLE", "WF-POOL-UNFED", "WF-POOL-UNALLOCATED", "WF-NO-CATCH-ALL"):
        assert code in found, code
    report = check(wf)
    assert not report.valid
    assert (
        next(f for f in report.findings if f.code == "WF-CAP-NEGATIVE").path
        == "$.pools[0].tiers[1].cap"
    )


def test_residual_without_contributions() -> None:
    """A split by contributions with none given is an error."""
    wf = base_wf(pools=(Pool(id="p", tiers=(ResidualSplit(id="net"),)),))
    assert "WF-RESIDUAL-NO-CONTRIBUTIONS" in codes(check(wf))


def _agreement(path: str = "ru-cn-animated-feature.yaml") -> CoProductionAgreement:
    return load(DATA / path)


def test_residual_not_proportional_warning_and_error() -> None:
    """A 50/50 split against 55/45 contributions is a warning, an error when required."""
    agreement = _agreement()
    wf = base_wf(parties=(), routes=(Route(pool="p"),), pools=(Pool(id="p", tiers=(
        ResidualSplit(id="net", participations=(
            Participation(payee="volga-frame", share=Share.parse("50%")),
            Participation(payee="jade-lantern", share=Share.parse("50%")))),)),))
    report = check(wf, agreement, as_of=pendulum.Date(2026, 6, 1))
    assert "WF-RESIDUAL-NOT-PROPORTIONAL" in codes(report)
    f = report.with_code("WF-RESIDUAL-NOT-PROPORTIONAL")[0]
    assert f.severity is Severity.WARNING
    assert "55%" in f.message
    strict = check(wf, agreement, require_proportion=True)
    assert strict.with_code("WF-RESIDUAL-NOT-PROPORTIONAL")[0].severity is Severity.ERROR
    proportional = base_wf(parties=(), pools=(Pool(id="p", tiers=(ResidualSplit(id="net"),)),))
    assert codes(check(proportional, agreement)) == []


def _financial_only(treaty: str) -> CoProductionAgreement:
    base = _agreement()
    cps = (CoProducer(party="volga-frame", role=CoProducerRole.MAJORITY),
           CoProducer(party="jade-lantern", role=CoProducerRole.FINANCIAL_ONLY))
    return attrs.evolve(base, co_producers=cps, treaty=treaty, provisions=(Provision.CREDITS,))


def test_financial_only_co_producer_needs_a_share_of_receipts() -> None:
    """ETS 147 / CETS 220 Art. 9: a financial-only co-producer must share in the receipts."""
    agreement = _financial_only("CETS-220")
    unpaid = base_wf(parties=(), pools=(Pool(id="p", tiers=(ResidualSplit(id="net", participations=(
        Participation(payee="volga-frame", share=Share.ONE),)),)),))
    report = check(unpaid, agreement)
    assert "WF-FINONLY-NO-RECEIPTS-SHARE" in codes(report)
    f = report.with_code("WF-FINONLY-NO-RECEIPTS-SHARE")[0]
    assert f.citation is not None
    assert f.citation.instrument == "CETS-220"
    assert "9" in f.citation.article
    paid = base_wf(parties=(), pools=(Pool(id="p", tiers=(ResidualSplit(id="net"),)),))
    assert "WF-FINONLY-NO-RECEIPTS-SHARE" not in codes(check(paid, agreement))
    ets = check(unpaid, _financial_only("ETS-147"))
    assert ets.with_code("WF-FINONLY-NO-RECEIPTS-SHARE")[0].citation.instrument == "ETS-147"


def test_financial_only_not_checked_without_such_a_rule() -> None:
    """Under an instrument with no receipts-sharing rule the check says it did not check."""
    report = check(base_wf(parties=()), _financial_only("CN-RU-2017"))
    assert "WF-FINONLY-NOT-CHECKED" in codes(report)
    assert report.with_code("WF-FINONLY-NOT-CHECKED")[0].severity is Severity.INFO


def test_every_code_is_documented_and_tested() -> None:
    """The codes list is unique, and each code was produced by a test in this module."""
    all_codes = [c.code for c in FINDING_CODES]
    assert len(all_codes) == len(set(all_codes))
    # run the producing tests again, so this test does not depend on the order
    test_structural_codes()
    test_residual_without_contributions()
    test_residual_not_proportional_warning_and_error()
    test_financial_only_co_producer_needs_a_share_of_receipts()
    test_financial_only_not_checked_without_such_a_rule()
    assert set(all_codes) <= SEEN, set(all_codes) - SEEN
    doc = (Path(__file__).parent.parent / "docs" / "reference" / "waterfall.md").read_text(
        encoding="utf-8"
    )
    for code in all_codes:
        assert code in doc, f"{code} is not on docs/reference/waterfall.md"
