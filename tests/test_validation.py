"""Validation: structural checks, choice of instrument, reports, and the contribution property."""

from __future__ import annotations

import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coprod import CoProductionAgreement, Money, UnknownTreatyError, load, treaties, validate
from coprod.agreements import (
    AgreementDates,
    Contribution,
    CopyrightShare,
    ExchangeRate,
    Location,
    LocationKind,
)
from coprod.errors import InvalidValueError
from coprod.findings import Severity
from coprod.geo import Country
from coprod.money import Currency
from coprod.share import Share
from coprod.strategies import _agreement_from_shares as from_shares
from coprod.strategies import bilateral_shares
from coprod.terms import parse_date
from coprod.treaties.rules import ContributionRange, RuleScope
from coprod.validation import finding_codes, relevant_date

sys.path.insert(0, str(Path(__file__).parent / "treaties"))
from _treaty_support import CONTRIBUTION_CODES

DATA = Path(__file__).resolve().parents[1] / "examples" / "data"


def _example(name: str = "ru-cn-animated-feature.yaml") -> CoProductionAgreement:
    return load(DATA / name, kind=CoProductionAgreement)  # type: ignore[no-any-return]


def test_qualifying_example() -> None:
    """The shipped example qualifies under CN-RU-2017, as of its application date."""
    report = validate(_example())
    assert report.valid
    assert report.instrument == "CN-RU-2017"
    assert report.as_of == parse_date("2024-03-01")
    assert report.errors == ()
    assert all(f.citation is not None for f in report.findings if f.code != "STRUCT-SHARES"
               and not f.code.startswith("STRUCT-"))


def test_report_keeps_every_finding_in_severity_order() -> None:
    """A report never stops at the first problem and lists errors, then warnings, then infos."""
    a = _example("ru-cn-animated-feature-15-percent.yaml")
    broken = attrs.evolve(a, production=attrs.evolve(a.production, original_languages=("ru",)))
    report = validate(broken)
    assert {"CONTRIB-BELOW-MIN", "LANG-VERSION-MISSING"} <= {f.code for f in report.errors}
    ranks = [f.severity.rank for f in report.findings]
    assert ranks == sorted(ranks)
    assert report.counts()["error"] == len(report.errors)


def test_structural_checks() -> None:
    """Contributions must add up, dates be ordered, copyright add up to 100 %."""
    a = _example()
    changed = attrs.evolve(
        a,
        contributions=(*a.contributions, Contribution(party="volga-frame",
                                                       amount=Money.parse("1 USD"))),
        dates=attrs.evolve(a.dates, delivery=parse_date("2024-04-01")),
        copyright=(CopyrightShare(party="volga-frame", share=Share.parse("55%")),),
    )
    codes = {f.code for f in validate(changed).errors}
    assert {"STRUCT-CONTRIB-TOTAL", "STRUCT-DATES-ORDER", "STRUCT-COPYRIGHT-TOTAL"} <= codes


def test_converted_contributions_are_totalled_in_whole_minor_units() -> None:
    """Converted contributions count in whole cents of the budget's currency.

    So contributions that convert to the budget to the cent add up; a cent more does not.
    """
    a = _example()
    assert str(a.production.budget) == "12000000.00 USD"
    rates = (ExchangeRate(base=Currency("USD"), quote=Currency("RUB"), rate=Decimal("91.37")),
             ExchangeRate(base=Currency("USD"), quote=Currency("CNY"), rate=Decimal("7.1983")))

    def total_findings(rub: str) -> list[str]:
        changed = attrs.evolve(a, exchange_rates=rates, contributions=(
            Contribution(party="volga-frame", amount=Money.parse(f"{rub} RUB")),
            Contribution(party="jade-lantern", amount=Money.parse("38870820.01 CNY"))))
        return [f.message for f in validate(changed).with_code("STRUCT-CONTRIB-TOTAL")]

    # 6 600 000.000109... USD and 5 400 000.0013... USD: exactly, 0.0015 USD too much.
    assert total_findings("603042000.01") == []
    # 6 600 000.0109... USD rounds to 6 600 000.01: one cent over the budget.
    (message,) = total_findings("603042001.00")
    assert "more than it" in message
    assert message.startswith("the contributions add up to 12000000.01 USD, about "
                              "100.00000008% of the budget of 12000000.00 USD")


def test_agreed_rates_that_disagree_are_reported() -> None:
    """A second, different rate for the same currencies is reported.

    An error on the same date, else a warning saying which rate converts; the same rate
    written the other way round is no conflict.
    """
    a = _example()
    usd_rub = a.exchange_rates[0]
    assert (usd_rub.base.code, usd_rub.quote.code, usd_rub.rate) == ("USD", "RUB", Decimal(90))

    def conflicts(*extra: ExchangeRate) -> list[tuple[str, str, str]]:
        report = validate(attrs.evolve(a, exchange_rates=(*a.exchange_rates, *extra)))
        return [(f.severity.value, f.path, f.message)
                for f in report.with_code("STRUCT-RATE-CONFLICT")]

    same_day = attrs.evolve(usd_rub, rate=Decimal(45))
    assert conflicts(same_day) == [("error", "$.exchange_rates[2]",
                                    "USD to RUB at 45 contradicts $.exchange_rates[0], at 90 for "
                                    "the same date: keep the one the contract agrees")]
    later = attrs.evolve(usd_rub, rate=Decimal(92), date=parse_date("2024-06-01"))
    ((severity, _, message),) = conflicts(later)
    assert severity == "warning"
    assert "every amount is converted at the first rate" in message
    inverse = ExchangeRate(base=Currency("RUB"), quote=Currency("USD"), rate=Decimal("0.0125"))
    assert [c[0] for c in conflicts(inverse)] == ["warning"]  # 1/0.0125 = 80, not 90
    assert conflicts(attrs.evolve(usd_rub)) == []  # the same rate twice
    eur_usd = ExchangeRate(base=Currency("EUR"), quote=Currency("USD"), rate=Decimal("1.25"))
    usd_eur = ExchangeRate(base=Currency("USD"), quote=Currency("EUR"), rate=Decimal("0.8"))
    assert conflicts(eur_usd, usd_eur) == []  # exactly the same rate, written the other way


def test_currency_without_rate() -> None:
    """An amount in a currency with no agreed rate is an error at its path, not a crash."""
    a = _example()
    changed = attrs.evolve(a, exchange_rates=a.exchange_rates[:1],
                           locations=(Location(kind=LocationKind.VFX, country=Country("CN"),
                                               spend=Money.parse("1 CNY")),))
    report = validate(changed)
    paths = [f.path for f in report.with_code("STRUCT-CURRENCY")]
    assert paths == ["$.contributions[2].amount", "$.locations[0].spend"]


def test_relevant_date() -> None:
    """The law is taken as of the application date, else the signature date."""
    a = _example()
    assert relevant_date(a) == parse_date("2024-03-01")
    no_app = attrs.evolve(a, dates=AgreementDates(signed=parse_date("2024-02-15")))
    assert relevant_date(no_app) == parse_date("2024-02-15")
    assert validate(a, as_of="2025-01-01").as_of == parse_date("2025-01-01")


def test_no_instrument() -> None:
    """Between states with no instrument, the report says so with an error."""
    a = from_shares((Country("BR"), Country("KE")), (Fraction(1, 2), Fraction(1, 2)))
    report = validate(a)  # type: ignore[arg-type]
    assert report.instrument is None
    assert [f.code for f in report.errors] == ["INSTRUMENT-NONE"]


def test_invoked_instrument_differs() -> None:
    """Invoking ETS 147 for RU–CN is flagged; --treaty overrides; unknown ids raise."""
    a = attrs.evolve(_example(), treaty="ETS-147")
    report = validate(a)
    assert report.instrument == "ETS-147"
    assert "INSTRUMENT-INVOKED-DIFFERS" in report.codes
    # China is not bound by ETS 147: its co-producer counts as a non-party one, and one Party
    # is too few.
    assert {"ROLE-MISMATCH", "INSTRUMENT-TOO-FEW-STATES"} <= set(report.codes)
    # Every legal finding cites its instrument; the non-party role, the Convention's rule on
    # non-party co-producers (Art. 2(2)(b)).
    [role] = report.with_code("ROLE-MISMATCH")
    [few] = report.with_code("INSTRUMENT-TOO-FEW-STATES")
    assert role.citation is not None
    assert few.citation is not None
    assert (role.citation.instrument, role.citation.article) == ("ETS-147", "Art. 2(2)(b)")
    assert few.citation.instrument == "ETS-147"
    assert validate(a, treaty="cn-ru-2017").instrument == "CN-RU-2017"
    with pytest.raises(UnknownTreatyError):
        validate(a, treaty="XX-YY-2000")


def test_convention_not_used_where_bilateral_treaty_exists() -> None:
    """ETS 147 is no bilateral framework for states with an agreement of their own in force.

    Italy–Russia (in force since 1967): an error. France–Russia, whose agreement's entry
    into force the sources do not establish: a warning that it may govern instead.
    """
    a = from_shares((Country("IT"), Country("RU")), (Fraction(1, 2), Fraction(1, 2)),
                    treaty="ETS-147")
    report = validate(a)  # type: ignore[arg-type]
    [error] = report.with_code("INSTRUMENT-TOO-FEW-STATES")
    assert error.message.endswith("IT-RU-1967 governs instead")
    assert "INSTRUMENT-BILATERAL-MAY-GOVERN" not in report.codes
    b = from_shares((Country("FR"), Country("RU")), (Fraction(1, 2), Fraction(1, 2)),
                    treaty="ETS-147")
    report = validate(b)  # type: ignore[arg-type]
    assert "INSTRUMENT-TOO-FEW-STATES" not in report.codes
    [warning] = report.with_code("INSTRUMENT-BILATERAL-MAY-GOVERN")
    assert warning.severity.value == "warning"
    assert "FR-RU-1967 may be in force" in warning.message


def test_every_emitted_code_is_documented() -> None:
    """Every code seen on the examples is in the documented list."""
    documented = {c.code for c in finding_codes()}
    agreements = [doc for doc in (load(path) for path in sorted(DATA.glob("*.yaml")))
                  if isinstance(doc, CoProductionAgreement)]
    assert len(agreements) >= 5
    for agreement in agreements:
        for f in validate(agreement).findings:
            assert f.code in documented


def test_applicable_none_reason_and_precedence() -> None:
    """applicable() names the bilateral treaty, CETS 220 for three Parties, or none with why."""
    assert treaties.applicable(["CN", "RU"], on="2024-06-01")[0].instrument == "CN-RU-2017"
    assert treaties.applicable(["IT", "ES", "PT"], on="2024-06-01")[0].instrument == "CETS-220"
    [none] = treaties.applicable(["BR", "KE"], on="2024-06-01")
    assert none.basis.value == "none"
    assert "no instrument" in none.reason
    with pytest.raises(InvalidValueError, match="at least two co-producers"):
        treaties.applicable(["RU"], on="2024-06-01")


# -- the property of the "Done when" --------------------------------------------------

#: Bilateral settings: instrument, the two states, and the date to check on.
_BILATERAL = [
    ("CN-RU-2017", ("CN", "RU"), ("ru", "zh")),
    ("RU-UZ-2024", ("RU", "UZ"), ("ru", "uz")),
    ("FR-RU-1967", ("FR", "RU"), ("fr",)),
    ("IT-JP-2023", ("IT", "JP"), ("it",)),
    ("AU-CN-2007", ("AU", "CN"), ("en",)),
    ("CA-CN-2016", ("CA", "CN"), ("en",)),
    ("ETS-147", ("FR", "DE"), ("fr",)),
    ("CETS-220", ("IT", "ES"), ("it",)),
]


def _bounds(instrument: str) -> tuple[Fraction, Fraction, ContributionRange]:
    """The bilateral range (widest normal bounds), with unknown bounds as 0 % and 100 %."""
    for rule in treaties.get(instrument).rules:
        if isinstance(rule, ContributionRange) and rule.scope is not RuleScope.MULTILATERAL:
            low = rule.minimum.value if rule.minimum is not None else None
            high = rule.maximum.value if rule.maximum is not None else None
            return (low.value if isinstance(low, Share) else Fraction(0),
                    high.value if isinstance(high, Share) else Fraction(1), rule)
    raise AssertionError(instrument)  # pragma: no cover


def _contribution_findings(a: object, instrument: str) -> list[tuple[str, str, str]]:
    report = validate(a, as_of="2025-01-10", treaty=instrument)  # type: ignore[arg-type]
    return [(f.code, f.severity.value, f.path) for f in report.findings
            if f.code.startswith(CONTRIBUTION_CODES) and f.severity is not Severity.INFO]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(_BILATERAL).flatmap(
    lambda case: st.tuples(st.just(case), bilateral_shares(*_bounds(case[0])[:2]))))
def test_within_bounds_no_contribution_error(case_and_share: tuple) -> None:  # type: ignore[type-arg]
    """Any two-party agreement within an instrument's bounds has no contribution finding."""
    (instrument, states, langs), share = case_and_share
    a = from_shares(tuple(Country(c) for c in states), (share, 1 - share), languages=langs)
    assert _contribution_findings(a, instrument) == []


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(_BILATERAL).flatmap(
    lambda case: st.tuples(st.just(case), bilateral_shares(*_bounds(case[0])[:2]),
                           st.sampled_from(["below", "above"]))))
def test_one_share_past_a_bound_gives_exactly_that_finding(case_and_move: tuple) -> None:  # type: ignore[type-arg]
    """One share just past a bound yields exactly that one contribution finding.

    Moving one co-producer's contribution just past a bound (its derogation bound, where
    there is one) yields exactly one contribution finding: CONTRIB-BELOW-MIN or
    CONTRIB-ABOVE-MAX, at that contribution. The other share and the budget stay as they were,
    so the total no longer matches (a structural finding, not a contribution one).
    """
    (instrument, states, langs), share, side = case_and_move
    low, high, rule = _bounds(instrument)
    d = rule.derogation
    if d is not None:
        if d.minimum is not None and isinstance(d.minimum.value, Share):
            low = d.minimum.value.value
        if d.maximum is not None and isinstance(d.maximum.value, Share):
            high = d.maximum.value.value
    eps = Fraction(1, 10_000)
    if (side == "below" and low == 0) or (side == "above" and high == 1):
        return  # an unknown bound cannot be crossed
    moved = low - eps if side == "below" else high + eps
    a = from_shares(tuple(Country(c) for c in states), (share, 1 - share), languages=langs)
    budget = a.production.budget
    units = moved * budget.minor_units
    amount = Money.from_minor_units(int(units), budget.currency)
    first = attrs.evolve(a.contributions[0], amount=amount)
    a = attrs.evolve(a, contributions=(first, a.contributions[1]))
    expected = "CONTRIB-BELOW-MIN" if side == "below" else "CONTRIB-ABOVE-MAX"
    assert _contribution_findings(a, instrument) == [(expected, "error", "$.contributions[0]")]
