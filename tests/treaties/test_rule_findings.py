"""Every rule kind, checked directly: exact findings, messages, paths, citations and summaries.

The per-instrument tests check the catalogue at each boundary; these build one rule at a time
(with a value of each parameter on both sides of its limit) and compare every finding it
yields, word for word, with the article each one cites.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest
from _treaty_support import build
from hypothesis import given
from hypothesis import strategies as st

from coprod import Country, Money, Share, parse_date, treaties
from coprod.agreements import (
    ApprovalKind,
    CoProductionAgreement,
    CreativeRole,
    KeyPerson,
    LocationKind,
    ProductionKind,
    Provision,
)
from coprod.errors import InvalidValueError
from coprod.findings import ARTICLE_UNKNOWN, Confidence, Severity
from coprod.treaties import UNKNOWN, Param
from coprod.treaties.rules import (
    AllowedStates,
    ApplicationDeadline,
    CompanyGroup,
    CompanyMinimum,
    ConditionTrigger,
    ContributionRange,
    Derogation,
    FinancialCoProduction,
    LanguageVersions,
    LocationRule,
    ManualCheck,
    MinimumPersonnel,
    NonPartyCap,
    PersonnelNationality,
    PointsElement,
    PointsTest,
    ProportionalContribution,
    RoleRequirement,
    RuleBase,
    RuleContext,
    RuleScope,
    Scope,
    ScopeRule,
    ShareUnit,
    percent,
)

TREATY = treaties.get("CN-RU-2017")
#: The rule's own provenance; parameters below cite their own article, so a finding shows
#: which of the two it rests on.
BASE: dict[str, Any] = {
    "article": "Art. 5", "sources": ("voprosy-prava",), "confidence": Confidence.MEDIUM,
}
BILATERAL = [("RU", "70%", "majority"), ("CN", "30%", "minority")]

Row = tuple[str, str, str, str, str]


def _share(value: str, article: str = "Art. 5(1)") -> Param[Share]:
    return Param(value=Share.parse(value), article=article)


def _unknown(article: str = "Art. 5(9)") -> Param[Any]:
    return Param(value=UNKNOWN, article=article)


def _ctx(agreement: CoProductionAgreement, bound: Sequence[str] = ("RU", "CN")) -> RuleContext:
    return RuleContext(agreement=agreement, treaty=TREATY, on=parse_date("2025-01-10"),
                       bound=frozenset(Country(c) for c in bound))


def _rows(rule: RuleBase, agreement: CoProductionAgreement,
          bound: Sequence[str] = ("RU", "CN")) -> list[Row]:
    """(code, severity, path, message, article) of every finding, in order."""
    out = []
    for f in rule.check(_ctx(agreement, bound)):
        assert f.citation is not None
        assert f.citation.instrument == "CN-RU-2017"
        out.append((f.code, f.severity.value, f.path, f.message, f.citation.article))
    return out


# -- helpers and the context -------------------------------------------------------------------


def test_percent_is_exact_where_it_can_be_and_says_when_it_rounds() -> None:
    """Terminating percentages print exactly; others say "about" and keep a small fraction."""
    assert percent(Fraction(0)) == "0%"
    assert percent(Fraction(1)) == "100%"
    assert percent(Fraction(1001, 1000)) == "100.1%"
    assert percent(Fraction(-1, 1000)) == "-0.1%"
    assert percent(Fraction(21, 5)) == "420%"
    assert percent(Fraction(1, 3)) == "1/3 (about 33.33%)"
    # A contribution converted at an agreed rate: never "about 80.00%", which reads as 80%.
    assert percent(Fraction(9600001, 12000000)) == "about 80.000008%"


_ABOUT = re.compile(r"about (-?\d+\.(\d+))%\)?$")


@given(st.fractions(min_value=-50, max_value=50))
def test_percent_never_misstates_a_value(value: Fraction) -> None:
    """Exact text is the exact value; rounded text says so and is close.

    Rounded text is within half its last place, and is not a whole percentage unless the
    value is within 10**-12 of one.
    """
    text = percent(value)
    if text.startswith("less than 0.000000000001%"):  # too small for twelve places
        assert value != 0
        assert abs(value * 100) <= Fraction(1, 2 * 10**12)  # a half rounds to even: 0
        assert text.endswith("below zero") is (value < 0)
        return
    match = _ABOUT.search(text)
    if match is None:
        assert Fraction(Decimal(text.removesuffix("%"))) == value * 100
        return
    shown, places = Fraction(Decimal(match[1])), len(match[2])
    assert shown != value * 100
    assert abs(shown - value * 100) <= Fraction(1, 2 * 10**places)
    if shown.denominator == 1:
        assert abs(shown - value * 100) < Fraction(1, 10**12)
    if value.denominator <= 1000:
        assert text.startswith(f"{value.numerator}/{value.denominator} (")


def test_scope_counts_states_and_third_countries() -> None:
    """One bound state: no scope; two: bilateral; two plus a third country: multilateral."""
    assert _ctx(build([("RU", "50%", "majority"), ("US", "50%", "third-country")])).scope is None
    assert _ctx(build(BILATERAL)).scope is Scope.BILATERAL
    three = build([("RU", "50%", "majority"), ("CN", "30%", "minority"),
                   ("US", "20%", "third-country")])
    assert _ctx(three).scope is Scope.MULTILATERAL
    assert _ctx(three, bound=("RU", "CN", "US")).co_producing_states == (
        Country("RU"), Country("CN"), Country("US"))


def test_under_a_convention_only_co_producers_from_parties_make_it_multilateral() -> None:
    """Under a convention, only co-producers from its Parties make it multilateral.

    ETS 147 Art. 2(2)(a)-(b): three co-producers in three Parties; non-party ones come in
    addition, so two Parties and a non-party partner make a bilateral co-production.
    """
    ets = treaties.get("ETS-147")
    on = parse_date("2016-01-01")

    def scope(rows: list[tuple[str, str, str]], bound: Sequence[str]) -> Scope | None:
        return RuleContext(agreement=build(rows), treaty=ets, on=on,
                           bound=frozenset(Country(c) for c in bound)).scope

    two_and_outsider = [("IT", "85%", "majority"), ("ES", "5%", "minority"),
                        ("BR", "10%", "third-country")]
    assert scope(two_and_outsider, ("IT", "ES")) is Scope.BILATERAL
    three = [("IT", "60%", "majority"), ("ES", "20%", "minority"), ("FR", "20%", "minority")]
    assert scope(three, ("IT", "ES", "FR")) is Scope.MULTILATERAL


def test_rule_scope_covers() -> None:
    """ANY covers every scope, even none; the others only their own."""
    assert RuleScope.ANY.covers(None)
    assert not RuleScope.BILATERAL.covers(None)
    assert RuleScope.BILATERAL.covers(Scope.BILATERAL)
    assert not RuleScope.BILATERAL.covers(Scope.MULTILATERAL)
    assert RuleScope.MULTILATERAL.covers(Scope.MULTILATERAL)
    assert RuleScope.ANY.text == "all co-productions"
    assert RuleScope.MULTILATERAL.text == "multilateral co-productions"


def test_state_fraction_adds_a_states_companies_and_is_none_without_a_rate() -> None:
    """A state's fraction is the sum over its companies; unknown if one cannot be converted."""
    a = build([("RU", "10%", "majority"), ("CN", "60%", "minority"), ("RU", "30%", "majority")])
    ctx = _ctx(a)
    assert ctx.state_fraction(Country("RU")) == Fraction(2, 5)
    assert ctx.state_fraction(Country("CN")) == Fraction(3, 5)
    assert ctx.state_fraction(Country("US")) == 0
    rouble = attrs.evolve(a.contributions[2], amount=Money.parse("100 RUB"))
    odd = attrs.evolve(a, contributions=(*a.contributions[:2], rouble))
    assert _ctx(odd).state_fraction(Country("RU")) is None
    assert _ctx(odd).state_fraction(Country("CN")) == Fraction(3, 5)


def test_paths_names_and_approvals() -> None:
    """Paths lead to the first contribution, else the co-producer entry; approvals need all."""
    a = build([*BILATERAL, ("US", "0%", "third-country")],
              approvals=[("contribution-derogation", "RU"), ("points-shortfall", "CN")])
    a = attrs.evolve(a, contributions=a.contributions[:2])
    ctx = _ctx(a)
    assert ctx.path_of("p1-cn") == "$.contributions[1]"
    assert ctx.path_of("p2-us") == "$.co_producers[2]"
    assert ctx.name("p1-cn") == "Producer 1 CN (CN)"
    assert ctx.approved(ApprovalKind.CONTRIBUTION_DEROGATION, [Country("RU")])
    assert not ctx.approved(ApprovalKind.CONTRIBUTION_DEROGATION,
                            [Country("RU"), Country("CN")])
    assert not ctx.approved(ApprovalKind.CONTRIBUTION_DEROGATION, [])
    assert [x.country.code for x in ctx.approvals(ApprovalKind.POINTS_SHORTFALL)] == ["CN"]


def test_position_country_order_of_precedence() -> None:
    """counts_for, then the co-producer, then a co-producing nationality, then the first."""
    a = build(BILATERAL, personnel=[("director", "US", None)])
    ctx = _ctx(a)
    k = a.key_personnel[0]
    assert ctx.position_country(k) == Country("US")
    assert ctx.position_country(attrs.evolve(k, co_producer="p1-cn")) == Country("CN")
    assert ctx.position_country(
        attrs.evolve(k, co_producer="p1-cn", counts_for=Country("FR"))) == Country("FR")
    person = attrs.evolve(a.parties[2], nationalities=(Country("US"), Country("CN")))
    dual = attrs.evolve(a, parties=(*a.parties[:2], person))
    assert _ctx(dual).position_country(k) == Country("CN")
    dual_first = attrs.evolve(person, nationalities=(Country("DE"), Country("US")))
    other = attrs.evolve(a, parties=(*a.parties[:2], dual_first))
    assert _ctx(other).position_country(k) == Country("DE")


def test_citation_takes_the_parameter_first_then_the_rule() -> None:
    """A parameter's article, sources and confidence win; the rule's fill the gaps."""
    ctx = _ctx(build(BILATERAL))
    rule = ScopeRule(id="s", **BASE, kinds=Param(value=UNKNOWN))
    plain = ctx.cite(rule)
    assert (plain.article, plain.confidence, plain.source) == (
        "Art. 5", Confidence.MEDIUM,
        "https://voprosy-prava.blogspot.com/2017/07/sotrudnichestvo-s-kitaem-v-kinoproizvodstve.html")
    param = Param(value=1, article="Art. 6", sources=("kino-mail-2025",),
                  confidence=Confidence.HIGH)
    refined = ctx.cite(rule, param)
    assert (refined.article, refined.confidence, refined.source) == (
        "Art. 6", Confidence.HIGH, "https://kino.mail.ru/news/106161")
    bare = ctx.cite(rule, Param(value=1))
    assert (bare.article, bare.confidence, bare.source) == (
        plain.article, plain.confidence, plain.source)
    nothing = ScopeRule(id="s", sources=(), confidence=Confidence.LOW,
                        kinds=Param(value=UNKNOWN))
    cited = ctx.cite(nothing)
    assert (cited.article, cited.confidence, cited.source) == (
        ARTICLE_UNKNOWN, Confidence.LOW, "source unknown")
    assert ARTICLE_UNKNOWN == "article unknown"


def test_params_lists_nested_parameters_by_dotted_name() -> None:
    """params() finds parameters on the rule and one level down (a derogation's)."""
    low, high = _share("10%"), _share("90%")
    rule = ContributionRange(id="c", **BASE, minimum=_share("20%"),
                             derogation=Derogation(minimum=low, maximum=high))
    assert rule.params() == {"minimum": rule.minimum, "derogation.minimum": low,
                             "derogation.maximum": high}


# -- contribution range ------------------------------------------------------------------------


def test_contribution_range_boundaries_are_inclusive() -> None:
    """A share equal to the minimum or maximum passes; one unit beyond fails, on each side."""
    rule = ContributionRange(id="c", **BASE, minimum=_share("20%"), maximum=_share("80%"))
    assert _rows(rule, build([("RU", "80%", "majority"), ("CN", "20%", "minority")])) == []
    assert _rows(rule, build([("RU", "80.01%", "majority"), ("CN", "19.99%", "minority")])) == [
        ("CONTRIB-ABOVE-MAX", "error", "$.contributions[0]",
         "Producer 0 RU (RU) contributes 80.01% of the budget, above the maximum of 80%.",
         "Art. 5(1)"),
        ("CONTRIB-BELOW-MIN", "error", "$.contributions[1]",
         "Producer 1 CN (CN) contributes 19.99% of the budget, below the minimum of 20%.",
         "Art. 5(1)"),
    ]


def test_contribution_range_names_its_scope_and_skips_other_scopes() -> None:
    """A bilateral range says so in its message and does not apply to a multilateral work."""
    rule = ContributionRange(id="c", **BASE, scope=RuleScope.BILATERAL,
                             minimum=_share("20%", "Art. 5(2)"), maximum=_share("80%", "Art. 5(3)"))
    assert _rows(rule, build([("RU", "15%", "majority"), ("CN", "85%", "minority")])) == [
        ("CONTRIB-BELOW-MIN", "error", "$.contributions[0]",
         "Producer 0 RU (RU) contributes 15% of the budget, below the minimum of 20% for "
         "bilateral co-productions.", "Art. 5(2)"),
        ("CONTRIB-ABOVE-MAX", "error", "$.contributions[1]",
         "Producer 1 CN (CN) contributes 85% of the budget, above the maximum of 80% for "
         "bilateral co-productions.", "Art. 5(3)"),
    ]
    multi = build([("RU", "15%", "majority"), ("CN", "80%", "minority"),
                   ("US", "5%", "third-country")])
    assert _rows(rule, multi) == []
    assert rule.summary() == (
        "bilateral co-productions: each co-producer's share between 20% and 80% of the budget")


def test_contribution_range_per_state_adds_the_companies_of_a_side() -> None:
    """With unit 'state', two Russian companies of 10 % and 5 % are one side of 15 %."""
    rule = ContributionRange(id="c", **BASE, unit=ShareUnit.STATE, minimum=_share("20%"))
    a = build([("RU", "10%", "majority"), ("RU", "5%", "majority"), ("CN", "85%", "minority")])
    assert _rows(rule, a) == [
        ("CONTRIB-BELOW-MIN", "error", "$.contributions[0]",
         "the Russian Federation side contributes 15% of the budget, below the minimum of 20%.",
         "Art. 5(1)"),
    ]
    ok = build([("RU", "10%", "majority"), ("RU", "10%", "majority"), ("CN", "80%", "minority")])
    assert _rows(rule, ok) == []
    assert rule.summary() == (
        "all co-productions: each state's share at least 20% of the budget")


def test_contribution_range_unknown_bounds_and_unknown_shares() -> None:
    """Unknown bounds give one 'not checked' each; a share that cannot be computed is skipped."""
    rule = ContributionRange(id="c", **BASE, minimum=_unknown("Art. 5(7)"),
                             maximum=_unknown("Art. 5(8)"))
    a = build([("RU", "15%", "majority"), ("CN", "85%", "minority")])
    assert _rows(rule, a) == [
        ("CONTRIB-RANGE-NOT-CHECKED", "info", "$",
         "not checked: the minimum share for all co-productions under CN-RU-2017 is not known",
         "Art. 5(7)"),
        ("CONTRIB-RANGE-NOT-CHECKED", "info", "$",
         "not checked: the maximum share for all co-productions under CN-RU-2017 is not known",
         "Art. 5(8)"),
    ]
    assert rule.summary() == (
        "all co-productions: each co-producer's share of the budget: limits not known")
    known = ContributionRange(id="c", **BASE, minimum=_share("20%"), maximum=_share("80%"))
    rouble = attrs.evolve(a.contributions[0], amount=Money.parse("100 RUB"))
    # the first share cannot be computed (no rate); the second is still checked
    assert _rows(known, attrs.evolve(a, contributions=(rouble, a.contributions[1]))) == [
        ("CONTRIB-ABOVE-MAX", "error", "$.contributions[1]",
         "Producer 1 CN (CN) contributes 85% of the budget, above the maximum of 80%.",
         "Art. 5(1)"),
    ]
    only_max = ContributionRange(id="c", **BASE, maximum=_share("80%"))
    assert [r[0] for r in _rows(only_max, a)] == ["CONTRIB-ABOVE-MAX"]
    assert only_max.summary() == (
        "all co-productions: each co-producer's share at most 80% of the budget")


def test_derogation_needs_every_approval() -> None:
    """Inside the derogation range but without approvals: an error naming the states."""
    rule = ContributionRange(
        id="c", **BASE, minimum=_share("20%"), maximum=_share("80%"),
        derogation=Derogation(minimum=_share("10%", "Art. 5(4)"),
                              maximum=_share("90%", "Art. 5(5)")))
    assert rule.summary() == (
        "all co-productions: each co-producer's share between 20% and 80% of the budget; "
        "by derogation 10%–90% with every authority's approval")
    unapproved = build([("RU", "10%", "majority"), ("CN", "90%", "minority")],
                       approvals=[("contribution-derogation", "RU")])
    assert _rows(rule, unapproved) == [
        ("CONTRIB-BELOW-MIN", "error", "$.contributions[0]",
         "Producer 0 RU (RU) contributes 10% of the budget, below the minimum of 20%. A "
         "derogation down to 10% is possible only with the approval of the competent "
         "authorities of RU, CN; none is recorded for every state. Once given, record it in "
         "'approvals': kind 'contribution-derogation' for CN.", "Art. 5(4)"),
        ("CONTRIB-ABOVE-MAX", "error", "$.contributions[1]",
         "Producer 1 CN (CN) contributes 90% of the budget, above the maximum of 80%. A "
         "derogation up to 90% is possible only with the approval of the competent "
         "authorities of RU, CN; none is recorded for every state. Once given, record it in "
         "'approvals': kind 'contribution-derogation' for CN.", "Art. 5(5)"),
    ]
    approved = build([("RU", "10%", "majority"), ("CN", "90%", "minority")],
                     approvals=[("contribution-derogation", "RU"),
                                ("contribution-derogation", "CN")])
    assert _rows(rule, approved) == [
        ("CONTRIB-DEROGATION-APPROVED", "info", "$.contributions[0]",
         "Producer 0 RU (RU) contributes 10% of the budget, below the minimum of 20%; within "
         "the derogation limit of 10%, approved by the competent authorities of RU, CN.",
         "Art. 5(4)"),
        ("CONTRIB-DEROGATION-APPROVED", "info", "$.contributions[1]",
         "Producer 1 CN (CN) contributes 90% of the budget, above the maximum of 80%; within "
         "the derogation limit of 90%, approved by the competent authorities of RU, CN.",
         "Art. 5(5)"),
    ]
    beyond = build([("RU", "9.99%", "majority"), ("CN", "90.01%", "minority")],
                   approvals=[("contribution-derogation", "RU"),
                              ("contribution-derogation", "CN")])
    assert _rows(rule, beyond) == [
        ("CONTRIB-BELOW-MIN", "error", "$.contributions[0]",
         "Producer 0 RU (RU) contributes 9.99% of the budget, below the minimum of 20% (and "
         "below the minimum of 10% a derogation allows).", "Art. 5(1)"),
        ("CONTRIB-ABOVE-MAX", "error", "$.contributions[1]",
         "Producer 1 CN (CN) contributes 90.01% of the budget, above the maximum of 80% (and "
         "above the maximum of 90% a derogation allows).", "Art. 5(1)"),
    ]


def test_derogation_on_a_condition_is_a_warning() -> None:
    """A derogation without approval but with a condition coprod cannot verify: a warning."""
    rule = ContributionRange(
        id="c", **BASE, minimum=_share("20%"),
        derogation=Derogation(minimum=_share("10%", "Art. 5(4)"), requires_approval=False,
                              condition="the film is of high artistic value"))
    assert rule.summary() == (
        "all co-productions: each co-producer's share at least 20% of the budget; "
        "by derogation at least 10% (the film is of high artistic value)")
    assert _rows(rule, build([("RU", "10%", "majority"), ("CN", "90%", "minority")])) == [
        ("CONTRIB-DEROGATION-CONDITION", "warning", "$.contributions[0]",
         "Producer 0 RU (RU) contributes 10% of the budget, below the minimum of 20%; allowed "
         "down to 10% only if: the film is of high artistic value. coprod cannot verify this "
         "condition.", "Art. 5(4)"),
    ]
    silent = attrs.evolve(rule, derogation=Derogation(minimum=_share("10%", "Art. 5(4)"),
                                                      requires_approval=False))
    assert _rows(silent, build([("RU", "10%", "majority"), ("CN", "90%", "minority")]))[0][3] == (
        "Producer 0 RU (RU) contributes 10% of the budget, below the minimum of 20%; allowed "
        "down to 10% only if: see the article. coprod cannot verify this condition.")
    ceiling = attrs.evolve(rule, maximum=_share("80%"), derogation=Derogation(
        maximum=_share("90%", "Art. 5(5)"), requires_approval=False, condition="a co-financed "
        "sequel"))
    assert _rows(ceiling, build([("RU", "10%", "majority"), ("CN", "90%", "minority")]))[1] == (
        "CONTRIB-DEROGATION-CONDITION", "warning", "$.contributions[1]",
        "Producer 1 CN (CN) contributes 90% of the budget, above the maximum of 80%; allowed up "
        "to 90% only if: a co-financed sequel. coprod cannot verify this condition.",
        "Art. 5(5)")
    one_sided = attrs.evolve(rule, maximum=_share("80%"))
    assert _rows(one_sided, build([("RU", "10%", "majority"), ("CN", "90%", "minority")]))[1] == (
        "CONTRIB-ABOVE-MAX", "error", "$.contributions[1]",
        "Producer 1 CN (CN) contributes 90% of the budget, above the maximum of 80%.",
        "Art. 5(1)")


# -- company minimum ---------------------------------------------------------------------------

_MANY = [("RU", "15%", "majority"), ("RU", "5%", "majority"), ("CN", "69.99%", "minority"),
         ("CN", "4.99%", "minority"), ("US", "4.99%", "third-country"),
         ("KZ", "0.03%", "third-country")]


def test_company_minimum_applies_where_a_side_is_several_companies() -> None:
    """Each of several companies of one state needs the minimum; the limit itself passes."""
    rule = CompanyMinimum(id="c", **BASE, minimum=_share("5%"))
    assert rule.summary() == ("all co-productions: each company where one state's side is "
                              "several companies contributes at least 5%")
    assert _rows(rule, build(_MANY)) == [
        ("COMPANY-BELOW-MIN", "error", "$.contributions[3]",
         "Producer 3 CN (CN) contributes 4.99% of the budget, below the minimum of 5% for "
         "each company.", "Art. 5(1)"),
    ]
    single = build([("RU", "1%", "majority"), ("CN", "99%", "minority")])
    assert _rows(rule, single) == []


def test_company_minimum_for_non_party_companies() -> None:
    """Non-party companies each need the minimum; outside its scope the rule says nothing."""
    rule = CompanyMinimum(id="c", **BASE, scope=RuleScope.MULTILATERAL,
                          companies=CompanyGroup.NON_PARTY, minimum=_share("4.99%"))
    assert rule.summary() == (
        "multilateral co-productions: each non-party company contributes at least 4.99%")
    assert _rows(rule, build(_MANY)) == [
        ("COMPANY-BELOW-MIN", "error", "$.contributions[5]",
         f"Producer 5 KZ (KZ) contributes {percent(Fraction(3, 10000))} of the budget, below "
         "the minimum of 4.99% for each company.", "Art. 5(1)"),
    ]
    assert _rows(rule, build(BILATERAL)) == []
    assert _rows(attrs.evolve(rule, scope=RuleScope.BILATERAL), build(_MANY)) == []


def test_company_minimum_unknown() -> None:
    """An unknown minimum is 'not checked' only when some company is covered."""
    rule = CompanyMinimum(id="c", **BASE, minimum=_unknown())
    assert _rows(rule, build(_MANY)) == [
        ("COMPANY-MIN-NOT-CHECKED", "info", "$",
         "not checked: the per-company minimum under CN-RU-2017 is not known", "Art. 5(9)"),
    ]
    assert _rows(rule, build(BILATERAL)) == []


# -- non-party co-producers --------------------------------------------------------------------


def test_non_party_cap_at_and_above_the_limit() -> None:
    """Non-party co-producers together at the cap pass; above it, one error naming them all."""
    rule = NonPartyCap(id="n", **BASE, maximum_total=_share("5.02%", "Art. 8(1)"))
    assert _rows(rule, build(_MANY)) == []
    tighter = attrs.evolve(rule, maximum_total=_share("5.01%", "Art. 8(1)"))
    assert _rows(tighter, build(_MANY)) == [
        ("NONPARTY-ABOVE-CAP", "error", "$.contributions[4]",
         "co-producers from states not bound by CN-RU-2017 (Producer 4 US (US), Producer 5 KZ "
         "(KZ)) contribute 5.02% of the budget together, above the cap of 5.01%.", "Art. 8(1)"),
    ]
    assert tighter.summary() == (
        "all co-productions: non-party co-producers together at most 5.01% of the budget")


def test_non_party_minimum_each_and_ceiling_of_a_side() -> None:
    """Each non-party co-producer needs the floor and may not outweigh a party state's side."""
    rule = NonPartyCap(id="n", **BASE, minimum_each=_share("20%", "Art. 8(2)"),
                       at_most_each_party_state=Param(value=True, article="Art. 8(3)"))
    assert rule.summary() == (
        "all co-productions: non-party co-producers each at least 20%; each no more than any "
        "party state's side")
    a = build([("RU", "40%", "majority"), ("CN", "20%", "minority"),
               ("US", "20%", "third-country"), ("KZ", "20%", "third-country")])
    assert _rows(rule, a) == []
    b = build([("RU", "40%", "majority"), ("CN", "19.99%", "minority"),
               ("US", "20.01%", "third-country"), ("KZ", "20%", "third-country")])
    assert _rows(rule, b) == [
        ("NONPARTY-ABOVE-PARTY-SHARE", "error", "$.contributions[2]",
         "Producer 2 US (US) contributes 20.01% of the budget, more than the China side "
         "(19.99%).", "Art. 8(3)"),
        ("NONPARTY-ABOVE-PARTY-SHARE", "error", "$.contributions[3]",
         "Producer 3 KZ (KZ) contributes 20% of the budget, more than the China side "
         "(19.99%).", "Art. 8(3)"),
    ]
    c = build([("RU", "40.01%", "majority"), ("CN", "20%", "minority"),
               ("US", "19.99%", "third-country"), ("KZ", "20%", "third-country")])
    assert _rows(rule, c) == [
        ("NONPARTY-BELOW-MIN", "error", "$.contributions[2]",
         "Producer 2 US (US), from a state not bound by CN-RU-2017, contributes 19.99% of the "
         "budget, below the minimum of 20% for such a co-producer.", "Art. 8(2)"),
    ]
    off = attrs.evolve(rule, at_most_each_party_state=Param(value=False))
    assert _rows(off, b) == []
    assert _rows(rule, build(BILATERAL)) == []
    assert _rows(attrs.evolve(rule, scope=RuleScope.BILATERAL), b) == []


def test_non_party_limits_unknown_and_shares_unknown() -> None:
    """Each unknown limit is 'not checked'; a share without a rate skips the cap and floor."""
    rule = NonPartyCap(id="n", **BASE, maximum_total=_unknown("Art. 8(1)"),
                       minimum_each=_unknown("Art. 8(2)"),
                       at_most_each_party_state=_unknown("Art. 8(3)"))
    assert _rows(rule, build(_MANY)) == [
        ("NONPARTY-NOT-CHECKED", "info", "$",
         "not checked: the cap on non-party co-producers under CN-RU-2017 is not known",
         "Art. 8(1)"),
        ("NONPARTY-NOT-CHECKED", "info", "$",
         "not checked: the minimum for each non-party co-producer under CN-RU-2017 is not "
         "known", "Art. 8(2)"),
        ("NONPARTY-NOT-CHECKED", "info", "$",
         "not checked: the ceiling relative to the party states under CN-RU-2017 is not known",
         "Art. 8(3)"),
    ]
    assert rule.summary() == (
        "all co-productions: non-party co-producers together at most unknown of the budget; "
        "each at least unknown; each no more than any party state's side")
    a = build(_MANY)
    rouble = attrs.evolve(a.contributions[4], amount=Money.parse("100 RUB"))
    odd = attrs.evolve(a, contributions=(*a.contributions[:4], rouble, a.contributions[5]))
    strict = NonPartyCap(id="n", **BASE, maximum_total=_share("0%"), minimum_each=_share("5%"),
                         at_most_each_party_state=Param(value=True))
    assert [r[0] for r in _rows(strict, a)] == [
        "NONPARTY-ABOVE-CAP", "NONPARTY-BELOW-MIN", "NONPARTY-BELOW-MIN"]
    assert [(r[0], r[2]) for r in _rows(strict, odd)] == [
        ("NONPARTY-BELOW-MIN", "$.contributions[5]")]


# -- financial-only co-producers ---------------------------------------------------------------


def test_financial_only_range_and_conditions() -> None:
    """Range on both sides, majority with creative input, each clause, approval, conditions."""
    rule = FinancialCoProduction(
        id="f", **BASE, minimum=_share("10%", "Art. 9(1)"), maximum=_share("25%", "Art. 9(2)"),
        requires_majority_with_creative=True, requires_approval=True,
        required_provisions=(Provision.RECEIPTS_SHARING, Provision.CREDITS),
        conditions=("the work is of cultural value",))
    assert rule.summary() == (
        "financial-only co-producers: each between 10% and 25%; case-by-case approval")
    a = build([("RU", "55.02%", "majority"), ("CN", "9.99%", "financial-only"),
               ("CN", "25.01%", "financial-only"), ("CN", "10%", "financial-only")])
    assert _rows(rule, a) == [
        ("FINONLY-BELOW-MIN", "error", "$.contributions[1]",
         "Producer 1 CN (CN) is a financial-only co-producer contributing 9.99%, below the "
         "minimum of 10%.", "Art. 9(1)"),
        ("FINONLY-ABOVE-MAX", "error", "$.contributions[2]",
         "Producer 2 CN (CN) is a financial-only co-producer contributing 25.01%, above the "
         "maximum of 25%.", "Art. 9(2)"),
        ("FINONLY-NO-MAJORITY", "error", "$.co_producers",
         "a financial co-production needs a majority co-producer that makes an effective "
         "technical and artistic contribution; no majority co-producer has key personnel "
         "counting for its state.", "Art. 5"),
        ("FINONLY-PROVISION-MISSING", "error", "$.provisions",
         "a financial co-production contract must contain a receipts-sharing clause; none is "
         "recorded (required provision 1).", "Art. 5"),
        ("FINONLY-PROVISION-MISSING", "error", "$.provisions",
         "a financial co-production contract must contain a credits clause; none is recorded "
         "(required provision 2).", "Art. 5"),
        ("FINONLY-NO-APPROVAL", "warning", "$.approvals",
         "financial co-productions are approved case by case by the competent authorities; "
         "the approval of every co-producing state is not recorded. Once given, record it in "
         "'approvals': kind 'financial-co-production' for CN, RU.", "Art. 5"),
        ("FINONLY-CONDITION", "info", "$", "check by hand: the work is of cultural value.",
         "Art. 5"),
    ]


def test_financial_only_satisfied() -> None:
    """Shares at both limits, a creative majority, the clause and both approvals: no finding."""
    rule = FinancialCoProduction(id="f", **BASE, minimum=_share("10%"), maximum=_share("25%"),
                                 requires_majority_with_creative=True, requires_approval=True,
                                 required_provisions=(Provision.RECEIPTS_SHARING,))
    a = build([("RU", "65%", "majority"), ("CN", "10%", "financial-only"),
               ("CN", "25%", "financial-only")], personnel=[("director", "RU", None)],
              approvals=[("financial-co-production", "RU"), ("financial-co-production", "CN")])
    a = attrs.evolve(a, provisions=(Provision.RECEIPTS_SHARING,))
    assert _rows(rule, a) == []
    one_approval = attrs.evolve(a, approvals=a.approvals[:1])
    assert [r[0] for r in _rows(rule, one_approval)] == ["FINONLY-NO-APPROVAL"]
    minority_director = attrs.evolve(
        a, key_personnel=(KeyPerson(role=CreativeRole.DIRECTOR, counts_for=Country("CN")),))
    assert [r[0] for r in _rows(rule, minority_director)] == ["FINONLY-NO-MAJORITY"]
    assert _rows(rule, build(BILATERAL)) == []


def test_financial_only_conditions_the_sources_do_not_give_are_not_checked() -> None:
    """Conditions a catalogue does not state are neither demanded nor waived.

    Whether a creative majority or an approval is needed: each is reported as not checked.
    """
    rule = FinancialCoProduction(id="f", **BASE, minimum=_share("10%"), maximum=_share("20%"))
    assert rule.requires_majority_with_creative is None
    assert rule.requires_approval is None
    a = build([("RU", "85%", "majority"), ("CN", "15%", "financial-only")])
    assert _rows(rule, a) == [
        ("FINONLY-NOT-CHECKED", "info", "$.co_producers",
         "not checked: whether a majority co-producer must make an effective technical and "
         "artistic contribution under CN-RU-2017 is not known", "Art. 5"),
        ("FINONLY-NOT-CHECKED", "info", "$.co_producers",
         "not checked: whether the competent authorities approve each financial co-production "
         "case by case under CN-RU-2017 is not known", "Art. 5"),
    ]


def test_financial_only_unknown_and_relaxed() -> None:
    """Unknown limits are 'not checked'; without approval or majority demands none is made."""
    rule = FinancialCoProduction(id="f", **BASE, minimum=_unknown("Art. 9(1)"),
                                 maximum=_unknown("Art. 9(2)"), requires_approval=False,
                                 requires_majority_with_creative=False)
    assert rule.summary() == "financial-only co-producers: each: limits not known"
    a = build([("RU", "60%", "majority"), ("CN", "40%", "financial-only")])
    assert _rows(rule, a) == [
        ("FINONLY-NOT-CHECKED", "info", "$",
         "not checked: the minimum share of a financial-only co-producer under CN-RU-2017 is "
         "not known", "Art. 9(1)"),
        ("FINONLY-NOT-CHECKED", "info", "$",
         "not checked: the maximum share of a financial-only co-producer under CN-RU-2017 is "
         "not known", "Art. 9(2)"),
    ]
    rouble = attrs.evolve(a.contributions[1], amount=Money.parse("100 RUB"))
    known = attrs.evolve(rule, minimum=_share("50%"), maximum=_share("10%"))
    assert _rows(known, attrs.evolve(a, contributions=(a.contributions[0], rouble))) == []
    # an unknown share is skipped, the next financial-only co-producer still checked
    b = build([("RU", "60%", "majority"), ("CN", "20%", "financial-only"),
               ("CN", "20%", "financial-only")])
    rouble = attrs.evolve(b.contributions[1], amount=Money.parse("100 RUB"))
    odd = attrs.evolve(b, contributions=(b.contributions[0], rouble, b.contributions[2]))
    assert [r[:3] for r in _rows(known, odd)] == [("FINONLY-BELOW-MIN", "error",
                                                   "$.contributions[2]"),
                                                  ("FINONLY-ABOVE-MAX", "error",
                                                   "$.contributions[2]")]


# -- proportionality ---------------------------------------------------------------------------


def test_proportional_contribution_tolerance_is_inclusive() -> None:
    """A gap equal to the tolerance passes; a larger one is reported for each side."""
    rule = ProportionalContribution(id="p", **BASE, tolerance=_share("5%", "Art. 7"))
    assert rule.summary() == ("creative and technical contribution in proportion to the "
                              "financial one (tolerance 5%)")
    four = [("director", "RU", None), ("screenwriter", "RU", None), ("composer", "RU", None),
            ("editor", "CN", None)]
    assert _rows(rule, build(BILATERAL, personnel=four)) == []
    assert _rows(rule, build([("RU", "80%", "majority"), ("CN", "20%", "minority")],
                             personnel=four)) == []
    off = build([("RU", "80.01%", "majority"), ("CN", "19.99%", "minority")], personnel=four)
    assert _rows(rule, off) == [
        ("PROPORTION-OFF", "warning", "$.contributions[0]",
         "the Russian Federation side holds 75% of the key positions but contributes 80.01% "
         "of the budget; the tolerance is 5%.", "Art. 7"),
        ("PROPORTION-OFF", "warning", "$.contributions[1]",
         "the China side holds 25% of the key positions but contributes 19.99% of the budget; "
         "the tolerance is 5%.", "Art. 7"),
    ]


def test_proportional_contribution_side_with_nothing() -> None:
    """A side with money but no position and no spend is flagged; spend there is enough."""
    rule = ProportionalContribution(id="p", **BASE, tolerance=_unknown("Art. 7"))
    a = build(BILATERAL, personnel=[("director", "RU", None)])
    assert _rows(rule, a) == [
        ("PROPORTION-NOT-CHECKED", "info", "$",
         "not checked: the tolerance between creative and financial shares under CN-RU-2017 is "
         "not known", "Art. 7"),
        ("PROPORTION-NONE", "warning", "$.contributions[1]",
         "the China side contributes 30% of the budget but no key creative or technical "
         "position counts for it and no location spend is recorded there.", "Art. 7"),
    ]
    spent = build(BILATERAL, personnel=[("director", "RU", None)],
                  locations=[("studio", "CN", "0.01 USD")])
    assert [r[0] for r in _rows(rule, spent)] == ["PROPORTION-NOT-CHECKED"]
    nothing_spent = build(BILATERAL, personnel=[("director", "RU", None)],
                          locations=[("studio", "CN", "0 USD")])
    assert [r[0] for r in _rows(rule, nothing_spent)] == [
        "PROPORTION-NOT-CHECKED", "PROPORTION-NONE"]
    zero = build([("RU", "100%", "majority"), ("CN", "0%", "minority")],
                 personnel=[("director", "RU", None)])
    known = attrs.evolve(rule, tolerance=_share("0%"))
    assert _rows(known, zero) == []
    fin = build([("RU", "70%", "majority"), ("CN", "30%", "financial-only")],
                personnel=[("director", "RU", None)])
    # the financial-only side is exempt; the other holds every position for 70 % of the money
    assert _rows(attrs.evolve(rule, tolerance=_share("30%")), fin) == []
    assert _rows(known, build(BILATERAL)) == [
        ("PROPORTION-NONE", "warning", "$.contributions[0]",
         "the Russian Federation side contributes 70% of the budget but no key creative or "
         "technical position counts for it and no location spend is recorded there.",
         "Art. 5(1)"),
        ("PROPORTION-NONE", "warning", "$.contributions[1]",
         "the China side contributes 30% of the budget but no key creative or technical "
         "position counts for it and no location spend is recorded there.", "Art. 5(1)"),
    ]


# -- minimum personnel -------------------------------------------------------------------------


def test_minimum_personnel_counts_each_side() -> None:
    """Each non-financial side needs every required count; reached exactly is enough."""
    rule = MinimumPersonnel(id="m", **BASE, requirements=(
        RoleRequirement(label="author", roles=(CreativeRole.DIRECTOR, CreativeRole.SCREENWRITER),
                        count=2),
        RoleRequirement(label="lead actor", roles=(CreativeRole.LEAD_ROLE,))))
    assert rule.summary() == (
        "each co-producing state's contribution includes at least: 2 author, 1 lead actor")
    people = [("director", "RU", None), ("screenwriter", "RU", None), ("lead-role", "RU", 1),
              ("director", "CN", None), ("lead-role", "CN", 2)]
    assert _rows(rule, build(BILATERAL, personnel=people)) == [
        ("PERSONNEL-MINIMUM-MISSING", "error", "$.key_personnel",
         "the China side's contribution includes 1 author position(s); at least 2 required.",
         "Art. 5"),
    ]
    approved = build(BILATERAL, personnel=people,
                     approvals=[("staffing-exception", "RU"), ("staffing-exception", "CN")])
    assert _rows(rule, approved) == [
        ("PERSONNEL-MINIMUM-APPROVED", "info", "$.key_personnel",
         "the China side's contribution includes 1 author position(s); at least 2 required; "
         "exception approved.", "Art. 5"),
    ]
    financial = build([("RU", "70%", "majority"), ("CN", "30%", "financial-only")],
                      personnel=people[:3])
    assert _rows(rule, financial) == []


# -- language versions -------------------------------------------------------------------------


def test_language_versions_every_one_required() -> None:
    """Every required language must be planned; the message lists what is missing and planned."""
    rule = LanguageVersions(id="l", **BASE, required=Param(value=("ru", "zh"), article="Art. 10"))
    assert rule.summary() == "final versions in ru and zh"
    assert _rows(rule, build(BILATERAL, languages=("ru",))) == [
        ("LANG-VERSION-MISSING", "error", "$.production.language_versions",
         "no Chinese (zh) version is planned; CN-RU-2017 requires Russian (ru) and Chinese "
         "(zh) versions. Planned: ru.", "Art. 10"),
    ]
    assert _rows(rule, build(BILATERAL, languages=("ru",), versions=("zh-Hans",))) == []
    both = build(BILATERAL, languages=("en",))
    assert _rows(rule, both)[0][3] == (
        "no Russian (ru) and Chinese (zh) version is planned; CN-RU-2017 requires Russian (ru) "
        "and Chinese (zh) versions. Planned: en.")


def test_language_versions_any_of() -> None:
    """With any_of one planned language is enough; none gives one error listing them all."""
    rule = LanguageVersions(id="l", **BASE, required=Param(value=("ru", "zh"), article="Art. 10"),
                            any_of=True)
    assert rule.summary() == "final versions in ru or zh"
    assert _rows(rule, build(BILATERAL, languages=("en",), versions=("fr",))) == [
        ("LANG-VERSION-MISSING", "error", "$.production.language_versions",
         "no Russian (ru) or Chinese (zh) version is planned; CN-RU-2017 requires Russian (ru) "
         "or Chinese (zh) versions. Planned: en, fr.", "Art. 10"),
    ]
    assert _rows(rule, build(BILATERAL, languages=("en",), versions=("zh",))) == []


def test_language_versions_authority_may_require_and_unknown() -> None:
    """An authority's right to demand a version is reported; unknown languages not checked."""
    rule = LanguageVersions(id="l", **BASE, authority_may_require=True,
                            required=_unknown("Art. 10"))
    assert rule.summary() == (
        "a competent authority may demand a final version in one of its languages")
    assert _rows(rule, build(BILATERAL)) == [
        ("LANG-MAY-BE-REQUIRED", "info", "$.production.language_versions",
         "the competent authority of each co-producing state may demand a final version in one "
         "of its languages: RU, CN.", "Art. 5"),
        ("LANG-NOT-CHECKED", "info", "$.production.language_versions",
         "not checked: the list of required language versions under CN-RU-2017 is not known",
         "Art. 10"),
    ]
    bare = LanguageVersions(id="l", **BASE)
    assert bare.summary() == "final versions in unknown"
    assert _rows(bare, build(BILATERAL)) == []
    assert LanguageVersions(id="l", **BASE, required=_unknown()).summary() == (
        "final versions in unknown")


# -- points test -------------------------------------------------------------------------------

_TABLE = (
    PointsElement(id="director", label="Director", points=3, role=CreativeRole.DIRECTOR),
    PointsElement(id="lead1", label="First lead", points=2, role=CreativeRole.LEAD_ROLE, rank=1),
    PointsElement(id="composer", label="Composer", points=1, role=CreativeRole.COMPOSER),
    PointsElement(id="shoot", label="Shooting", points=2,
                  locations=(LocationKind.SHOOTING, LocationKind.STUDIO)),
    PointsElement(id="vfx", label="VFX", points=1, locations=(LocationKind.VFX,)),
)


def _points(**kw: Any) -> PointsTest:
    fields: dict[str, Any] = {
        "production_kinds": (ProductionKind.FEATURE_FILM,), "elements": _TABLE,
        "pass_mark": Param(value=6, article="Art. 4"), "total": Param(value=9)}
    return PointsTest(id="pt", **BASE, **{**fields, **kw})


def test_points_score_element_by_element_and_pass_mark_inclusive() -> None:
    """Each element scores only when all its holders or places qualify; the mark is inclusive."""
    a = build(BILATERAL, personnel=[("director", "RU", None), ("lead-role", "US", 1),
                                    ("lead-role", "CN", 2), ("composer", "CN", None)],
              locations=[("shooting", "RU", "100 USD"), ("studio", "CN", "100 USD")])
    rule = _points()
    assert rule.summary() == "points test for feature-film: at least 6 of 9 points (5 elements)"
    assert _rows(rule, a) == [
        ("POINTS-SCORE", "info", "$.key_personnel",
         "6 of 9 points (pass mark 6): Director 3/3 (RU); First lead 0/2 (US); Composer 1/1 "
         "(CN); Shooting 2/2 (CN/RU); VFX 0/1 (none recorded).", "Art. 4"),
    ]
    seven = attrs.evolve(rule, pass_mark=Param(value=7, article="Art. 4"))
    assert _rows(seven, a)[1:] == [
        ("POINTS-BELOW-PASS", "error", "$.key_personnel",
         "the work scores 6 points, below the pass mark of 7 of 9.", "Art. 4"),
    ]
    assert _rows(seven, a, bound=("RU", "CN", "US"))[0][3].startswith("8 of 9 points")
    co_producing = attrs.evolve(seven, qualifying=AllowedStates.CO_PRODUCING_STATES)
    assert _rows(co_producing, a, bound=("RU", "CN", "US"))[0][3].startswith("6 of 9 points")
    abroad = build(BILATERAL, locations=[("shooting", "RU", "1 USD"), ("studio", "US", "1 USD")])
    assert _rows(rule, abroad)[0][3] == (
        "0 of 9 points (pass mark 6): Director 0/3 (vacant); First lead 0/2 (vacant); Composer "
        "0/1 (vacant); Shooting 0/2 (RU/US); VFX 0/1 (none recorded).")


def test_points_shortfall_with_and_without_discretion() -> None:
    """With discretion, recorded acceptance turns the error into a warning; else it says how."""
    a = build(BILATERAL, personnel=[("lead-role", "US", 1)])
    message = "the work scores 0 points, below the pass mark of 6 of 9"
    assert _rows(_points(discretion=True), a)[1:] == [
        ("POINTS-BELOW-PASS", "error", "$.key_personnel",
         message + ". The competent authorities may, after consulting each other, accept fewer "
         "points; no such acceptance is recorded. Once given, record it in 'approvals': kind "
         "'points-shortfall' for CN, RU.", "Art. 4"),
    ]
    accepted = build(BILATERAL, personnel=[("lead-role", "US", 1)],
                     approvals=[("points-shortfall", "RU"), ("points-shortfall", "CN")])
    assert _rows(_points(discretion=True), accepted)[1:] == [
        ("POINTS-SHORTFALL-APPROVED", "warning", "$.key_personnel",
         message + "; the competent authorities' acceptance of fewer points is recorded.",
         "Art. 4"),
    ]
    assert _rows(_points(), accepted)[1:] == [
        ("POINTS-BELOW-PASS", "error", "$.key_personnel", message + ".", "Art. 4")]


def test_points_not_checked_and_other_kinds() -> None:
    """No table or no pass mark: 'not checked'; another production kind: nothing."""
    a = build(BILATERAL)
    assert _rows(_points(elements=()), a) == [
        ("POINTS-NOT-CHECKED", "info", "$.key_personnel",
         "not checked: the points table for feature-film under CN-RU-2017 is not known",
         "Art. 4"),
    ]
    assert _rows(_points(pass_mark=_unknown("Art. 4")), a) == [
        ("POINTS-NOT-CHECKED", "info", "$.key_personnel",
         "not checked: the pass mark for feature-film under CN-RU-2017 is not known", "Art. 4"),
    ]
    assert _rows(_points(production_kinds=(ProductionKind.ANIMATION, ProductionKind.TV_FILM)),
                 a) == []
    assert _points(production_kinds=(ProductionKind.ANIMATION, ProductionKind.TV_FILM),
                   elements=(), pass_mark=_unknown()).summary() == (
        "points test for animation, tv-film: at least unknown of 9 points (0 elements)")


# -- application deadline ----------------------------------------------------------------------


def test_application_deadline_day_by_day() -> None:
    """2 months and 10 days before 1 April 2025 is 22 January: that day is in time."""
    rule = ApplicationDeadline(id="d", **BASE, months=Param(value=2, article="Art. 12"), days=10)
    assert rule.summary() == "apply at least 2 months and 10 days before principal photography"
    on_time = build(BILATERAL, application="2025-01-22", photography="2025-04-01")
    assert _rows(rule, on_time) == []
    late = build(BILATERAL, application="2025-01-23", photography="2025-04-01")
    assert _rows(rule, late) == [
        ("APPLICATION-LATE", "error", "$.dates.application",
         "the application (2025-01-23) is later than 2025-01-22, 2 months before principal "
         "photography (2025-04-01).", "Art. 12"),
    ]
    mild = attrs.evolve(rule, severity=Severity.WARNING, days=0)
    assert mild.summary() == "apply at least 2 months before principal photography"
    assert _rows(mild, late) == []
    assert _rows(mild, build(BILATERAL, application="2025-02-02", photography="2025-04-01")) == [
        ("APPLICATION-LATE", "warning", "$.dates.application",
         "the application (2025-02-02) is later than 2025-02-01, 2 months before principal "
         "photography (2025-04-01).", "Art. 12"),
    ]


def test_application_deadline_before_the_first_day_a_date_can_be() -> None:
    """A deadline before 0001-01-01 makes every application late, said without a date."""
    rule = ApplicationDeadline(id="d", **BASE, months=Param(value=2, article="Art. 12"))
    early = build(BILATERAL, application="0001-01-01", photography="0001-02-01")
    assert _rows(rule, early) == [
        ("APPLICATION-LATE", "error", "$.dates.application",
         "the application (0001-01-01) is later than 2 months before principal photography "
         "(0001-02-01), a day before the first day a date can be.", "Art. 12"),
    ]


def test_application_deadline_missing_dates_and_unknown() -> None:
    """A missing date is named in the path and message; an unknown deadline is not checked."""
    rule = ApplicationDeadline(id="d", **BASE, months=Param(value=2, article="Art. 12"))
    assert _rows(rule, build(BILATERAL, photography="2025-04-01")) == [
        ("APPLICATION-DATE-MISSING", "warning", "$.dates.application",
         "the application date is missing; the deadline of 2 months before principal "
         "photography cannot be checked.", "Art. 12"),
    ]
    assert _rows(rule, build(BILATERAL, application="2025-01-21")) == [
        ("APPLICATION-DATE-MISSING", "warning", "$.dates.principal_photography",
         "the principal photography date is missing; the deadline of 2 months before principal "
         "photography cannot be checked.", "Art. 12"),
    ]
    unknown = ApplicationDeadline(id="d", **BASE, months=_unknown("Art. 12"))
    assert unknown.summary() == (
        "apply before principal photography; how long before is not known")
    # One month, not "1 months"; days alone without "0 months and"; none at all.
    assert [ApplicationDeadline(id="d", **BASE, months=Param(value=m), days=d).summary()
            for m, d in ((1, 0), (0, 30), (1, 1), (0, 0))] == [
        "apply at least 1 month before principal photography",
        "apply at least 30 days before principal photography",
        "apply at least 1 month and 1 day before principal photography",
        "apply no later than the start of principal photography"]
    assert _rows(unknown, build(BILATERAL)) == [
        ("APPLICATION-NOT-CHECKED", "info", "$.dates.application",
         "not checked: the application deadline under CN-RU-2017 is not known", "Art. 12"),
    ]


# -- nationality of personnel ------------------------------------------------------------------


def test_personnel_nationality_of_covered_roles() -> None:
    """Covered positions held by nationals of no accepted state are reported, by index."""
    rule = PersonnelNationality(
        id="pn", **BASE, roles=(CreativeRole.DIRECTOR, CreativeRole.COMPOSER),
        allowed=Param(value=AllowedStates.CO_PRODUCING_STATES, article="Art. 11"),
        also_allowed=(Country("KZ"),), exception_with_approval=True)
    assert rule.summary() == (
        "director, composer: nationals of the co-producing states or of KZ (residents count)")
    a = build(BILATERAL, personnel=[("director", "US", None), ("screenwriter", "US", None),
                                    ("composer", "KZ", None), ("composer", "FR", None)])
    assert _rows(rule, a) == [
        ("PERSONNEL-NATIONALITY", "error", "$.key_personnel[0]",
         "Person 0 (director) is a national of US, not of an accepted state (CN, KZ, RU); an "
         "exception needs the approval of every competent authority.", "Art. 11"),
        ("PERSONNEL-NATIONALITY", "error", "$.key_personnel[3]",
         "Person 3 (composer) is a national of FR, not of an accepted state (CN, KZ, RU); an "
         "exception needs the approval of every competent authority.", "Art. 11"),
    ]
    approved = attrs.evolve(a, approvals=build(
        BILATERAL, approvals=[("personnel-exception", "RU"), ("personnel-exception", "CN")]
    ).approvals)
    assert _rows(rule, approved)[1] == (
        "PERSONNEL-EXCEPTION-APPROVED", "info", "$.key_personnel[3]",
        "Person 3 (composer) is a national of FR, not of an accepted state (CN, KZ, RU); "
        "exception approved.", "Art. 11")
    no_exception = attrs.evolve(rule, exception_with_approval=False)
    assert _rows(no_exception, approved)[1][:4] == (
        "PERSONNEL-NATIONALITY", "error", "$.key_personnel[3]",
        "Person 3 (composer) is a national of FR, not of an accepted state (CN, KZ, RU).")


def test_personnel_groups_are_named_in_the_summary_and_a_typo_is_refused() -> None:
    """Groups of accepted states: in the summary; an unknown group is an error naming it."""
    rule = PersonnelNationality(id="pn", **BASE, also_allowed_groups=("EU",),
                                also_allowed=(Country("NO"),),
                                allowed=Param(value=AllowedStates.CO_PRODUCING_STATES))
    assert rule.summary() == (
        "key personnel: nationals of the co-producing states or of EU, NO (residents count)")
    with pytest.raises(InvalidValueError, match=r"also_allowed_groups\[1\] must name a "
                       r"territory group \(.*EU.*\), got 'EEU'"):
        PersonnelNationality(id="pn", **BASE, also_allowed_groups=("EU", "EEU"),
                             allowed=Param(value=AllowedStates.CO_PRODUCING_STATES))


def test_personnel_nationality_bound_states_residents_and_unknown() -> None:
    """Bound states are accepted, residents count unless excluded; unknown is not checked."""
    rule = PersonnelNationality(id="pn", **BASE, severity=Severity.WARNING,
                                allowed=Param(value=AllowedStates.BOUND_STATES))
    assert rule.summary() == "key personnel: nationals of the bound states (residents count)"
    a = build(BILATERAL, personnel=[("director", "US", None), ("composer", "FR", None)])
    assert _rows(rule, a, bound=("RU", "CN", "FR")) == [
        ("PERSONNEL-NATIONALITY", "warning", "$.key_personnel[0]",
         "Person 0 (director) is a national of US, not of an accepted state (CN, FR, RU).",
         "Art. 5"),
    ]
    resident = attrs.evolve(a.parties[2], residences=(Country("RU"),))
    with_resident = attrs.evolve(a, parties=(*a.parties[:2], resident, a.parties[3]))
    assert [r[2] for r in _rows(rule, with_resident)] == ["$.key_personnel[1]"]
    nationals_only = attrs.evolve(rule, residents=False)
    assert nationals_only.summary() == "key personnel: nationals of the bound states"
    assert [r[2] for r in _rows(nationals_only, with_resident)] == [
        "$.key_personnel[0]", "$.key_personnel[1]"]
    unnamed = attrs.evolve(a, key_personnel=(
        KeyPerson(role=CreativeRole.EDITOR, counts_for=Country("US")),))
    assert _rows(rule, unnamed) == []
    unknown = PersonnelNationality(id="pn", **BASE, allowed=_unknown("Art. 11"))
    assert unknown.summary() == "key personnel: whose nationals are accepted is not known"
    assert _rows(unknown, a) == [
        ("PERSONNEL-NOT-CHECKED", "info", "$.key_personnel",
         "not checked: the nationality rule for key personnel under CN-RU-2017 is not known",
         "Art. 11"),
    ]


# -- scope and locations -----------------------------------------------------------------------


def test_scope_rule() -> None:
    """A production of a kind not covered is an error naming the kinds covered."""
    rule = ScopeRule(id="s", **BASE, kinds=Param(
        value=(ProductionKind.ANIMATION, ProductionKind.DOCUMENTARY), article="Art. 1"))
    assert rule.summary() == "covers: animation, documentary"
    assert _rows(rule, build(BILATERAL)) == [
        ("SCOPE-KIND-NOT-COVERED", "error", "$.production.kind",
         "CN-RU-2017 covers animation, documentary; this production is a feature-film.",
         "Art. 1"),
    ]
    assert _rows(rule, build(BILATERAL, kind="documentary")) == []
    unknown = ScopeRule(id="s", **BASE, kinds=_unknown("Art. 1"))
    assert unknown.summary() == "covers: unknown"
    assert _rows(unknown, build(BILATERAL)) == [
        ("SCOPE-NOT-CHECKED", "info", "$.production.kind",
         "not checked: the list of production kinds covered under CN-RU-2017 is not known",
         "Art. 1"),
    ]
    # A scope that covers nothing would refuse every production: it is refused instead.
    with pytest.raises(InvalidValueError, match=r"kinds\.value must be a list of at least one "
                       r"item, or unknown, got \(\)"):
        ScopeRule(id="s", **BASE, kinds=Param(value=()))


def test_location_rule_consent_and_spend_cap() -> None:
    """Work abroad of a covered kind needs consent; its spend is capped, the cap inclusive."""
    rule = LocationRule(id="l", **BASE, kinds=(LocationKind.SHOOTING, LocationKind.VFX),
                        spend_cap=_share("1%", "Art. 13"))
    assert rule.summary() == ("shooting, vfx outside the co-producing states only with the "
                              "authorities' consent; at most 1% of the budget")
    places = [("shooting", "RU", "1000 USD"), ("shooting", "FR", "60000 USD"),
              ("studio", "US", "900000 USD"), ("vfx", "US", "40000.01 USD")]
    assert _rows(rule, build(BILATERAL, locations=places)) == [
        ("LOCATION-NON-PARTY", "warning", "$.locations[1]",
         "shooting work in France, outside the co-producing states, needs the competent "
         "authorities' consent; none is recorded. Once given, record it in 'approvals': kind "
         "'non-party-location' for CN, RU.", "Art. 5"),
        ("LOCATION-NON-PARTY", "warning", "$.locations[3]",
         "vfx work in United States, outside the co-producing states, needs the competent "
         "authorities' consent; none is recorded. Once given, record it in 'approvals': kind "
         "'non-party-location' for CN, RU.", "Art. 5"),
        ("LOCATION-SPEND-ABOVE-CAP", "error", "$.locations[1]",
         "1.0000001% of the budget is spent outside the co-producing states on shooting, vfx, "
         "above the cap of 1%.", "Art. 13"),
    ]
    at_cap = [*places[:3], ("vfx", "US", "40000.00 USD")]
    consent = [("non-party-location", "RU"), ("non-party-location", "CN")]
    assert _rows(rule, build(BILATERAL, locations=at_cap, approvals=consent)) == [
        ("LOCATION-NON-PARTY-APPROVED", "info", "$.locations[1]",
         "shooting work in France, outside the co-producing states; consent recorded.",
         "Art. 5"),
        ("LOCATION-NON-PARTY-APPROVED", "info", "$.locations[3]",
         "vfx work in United States, outside the co-producing states; consent recorded.",
         "Art. 5"),
    ]


def test_location_rule_without_consent_and_unconvertible_spend() -> None:
    """No consent needed: only the cap; a spend without a rate leaves the cap unchecked."""
    rule = LocationRule(id="l", **BASE, kinds=(LocationKind.STUDIO,), consent_required=False,
                        severity=Severity.ERROR, spend_cap=_share("0%", "Art. 13"))
    assert rule.summary() == "studio outside the co-producing states; at most 0% of the budget"
    assert LocationRule(id="l", **BASE, kinds=(LocationKind.STUDIO,),
                        consent_required=False).summary() == (
        "studio outside the co-producing states")
    a = build(BILATERAL, locations=[("studio", "US", "0.01 USD"), ("studio", "CN", "5 USD")])
    assert _rows(rule, a) == [
        ("LOCATION-SPEND-ABOVE-CAP", "error", "$.locations[0]",
         f"{percent(Fraction(1, 1_000_000_000))} of the budget is spent outside the "
         "co-producing states on studio, above the cap of 0%.", "Art. 13"),
    ]
    rouble = attrs.evolve(a.locations[0], spend=Money.parse("1 RUB"))
    assert _rows(rule, attrs.evolve(a, locations=(rouble,))) == []
    consent = attrs.evolve(rule, consent_required=True, spend_cap=None)
    assert [r[:3] for r in _rows(consent, a)] == [
        ("LOCATION-NON-PARTY", "error", "$.locations[0]")]
    assert _rows(consent, build(BILATERAL, locations=[("studio", "CN", "5 USD")])) == []


@pytest.mark.parametrize("rule", [
    ContributionRange(id="c", **BASE, scope=RuleScope.MULTILATERAL, minimum=_share("90%")),
    CompanyMinimum(id="c", **BASE, scope=RuleScope.MULTILATERAL, minimum=_share("90%")),
    NonPartyCap(id="n", **BASE, scope=RuleScope.MULTILATERAL, maximum_total=_share("0%")),
])
def test_rules_of_another_scope_say_nothing(rule: RuleBase) -> None:
    """A rule for multilateral co-productions yields nothing for a bilateral one."""
    a = build([("RU", "60%", "majority"), ("RU", "10%", "majority"), ("CN", "30%", "minority")])
    assert list(rule.check(_ctx(a))) == []


# -- one item that cannot be judged does not stop the others -----------------------------------


def _no_rate_for_first(agreement: CoProductionAgreement) -> CoProductionAgreement:
    """The first contribution in roubles, with no agreed rate: its share is unknown."""
    rouble = attrs.evolve(agreement.contributions[0], amount=Money.parse("100 RUB"))
    return attrs.evolve(agreement, contributions=(rouble, *agreement.contributions[1:]))


def test_proportion_skips_a_side_of_unknown_share_and_checks_the_next() -> None:
    """The Russian side's share is unknown; the Chinese side is still reported."""
    rule = ProportionalContribution(id="p", **BASE, tolerance=_share("5%"))
    a = _no_rate_for_first(build(BILATERAL, personnel=[("director", "RU", None)]))
    assert [r[:3] for r in _rows(rule, a)] == [
        ("PROPORTION-NONE", "warning", "$.contributions[1]")]


def test_points_elements_after_a_vacant_place_still_score() -> None:
    """A place element with no location recorded scores nothing; later elements still count."""
    table = (_TABLE[4], _TABLE[3], _TABLE[0])
    a = build(BILATERAL, personnel=[("director", "RU", None), ("director", "CN", None)],
              locations=[("studio", "CN", "1 USD")])
    assert _rows(_points(elements=table), a)[0][3] == (
        "5 of 9 points (pass mark 6): VFX 0/1 (none recorded); Shooting 2/2 (CN); Director "
        "3/3 (RU/CN).")
    abroad = build(BILATERAL, personnel=[("director", "RU", None), ("director", "US", None)])
    assert _rows(_points(elements=table), abroad)[0][3] == (
        "0 of 9 points (pass mark 6): VFX 0/1 (none recorded); Shooting 0/2 (none recorded); "
        "Director 0/3 (RU/US).")


def test_personnel_nationality_lists_and_co_producing_states() -> None:
    """Several accepted extras and nationalities are listed; unnamed holders are skipped.

    Accepting co-producing states only, a French national is refused even when the
    instrument binds France.
    """
    rule = PersonnelNationality(
        id="pn", **BASE, allowed=Param(value=AllowedStates.CO_PRODUCING_STATES),
        also_allowed=(Country("KZ"), Country("UZ")), residents=False)
    assert rule.summary() == (
        "key personnel: nationals of the co-producing states or of KZ, UZ")
    a = build(BILATERAL, personnel=[("composer", "FR", None)])
    dual = attrs.evolve(a.parties[2], nationalities=(Country("FR"), Country("US")))
    positions = (KeyPerson(role=CreativeRole.EDITOR, counts_for=Country("US")),
                 a.key_personnel[0])
    b = attrs.evolve(a, parties=(*a.parties[:2], dual), key_personnel=positions)
    assert _rows(rule, b, bound=("RU", "CN", "FR")) == [
        ("PERSONNEL-NATIONALITY", "error", "$.key_personnel[1]",
         "Person 0 (composer) is a national of FR, US, not of an accepted state (CN, KZ, RU, "
         "UZ).", "Art. 5"),
    ]


def test_converters_turn_lists_into_tuples() -> None:
    """Lists from a data file become tuples, so rules stay hashable and comparable."""
    rule = LocationRule(id="l", article=None, sources=["voprosy-prava"],
                        confidence=Confidence.LOW, kinds=[LocationKind.VFX])
    assert rule.sources == ("voprosy-prava",)
    assert rule.kinds == (LocationKind.VFX,)
    assert hash(rule) == hash(attrs.evolve(rule))


@pytest.mark.parametrize(("value", "text"), [
    (Fraction(0), "0%"),
    (Fraction(1), "100%"),
    (Fraction(21, 5), "420%"),                        # above 100 %, exact
    (Fraction(-1, 8), "-12.5%"),
    (Fraction(7, 1000), "0.7%"),
    (Fraction(1, 2**14), "0.006103515625%"),          # terminates within twelve places
    (Fraction(1, 5**14), "0.000000016384%"),
    (Fraction(1, 2**15), "about 0.0031%"),            # terminates, but past twelve places
    (Fraction(1, 5**15), "about 0.0000000033%"),
    (Fraction(3, 2**15), "about 0.01%"),
    (Fraction(1, 3), "1/3 (about 33.33%)"),           # never terminates: the fraction too
    (Fraction(2, 3), "2/3 (about 66.67%)"),
    (Fraction(1, 1001), "about 0.10%"),               # past 1000, no fraction
    (Fraction(10**12 + 1, 10**14), "1.000000000001%"),
    (Fraction(9600001, 12000000), "about 80.000008%"),
    (Fraction(1, 10**15), "less than 0.000000000001%"),
    (Fraction(-1, 10**15), "less than 0.000000000001% below zero"),
])
def test_percent_is_exact_or_says_about(value: Fraction, text: str) -> None:
    """Percentages in findings are exact when they terminate within twelve places.

    Otherwise they say so ("about"), never reading as a bound they are not, and a share too
    small for twelve places reads as less than the smallest (it read "about 0.00%").
    """
    from coprod.treaties.rules import percent

    assert percent(value) == text


# -- support thresholds, groups of states and conditions checked by hand ----------------------


def test_support_threshold_is_summarised_and_cited_from_its_own_parameter() -> None:
    """The summary names the threshold; the warning cites the threshold's own article."""
    rule = ContributionRange(
        id="c", **BASE, minimum=_share("10%"), maximum=_share("80%"),
        support_threshold=Param(value=Share.parse("20%"), article="Art. 6(1), 2nd sentence"))
    assert rule.summary() == (
        "all co-productions: each co-producer's share between 10% and 80% of the budget; "
        "national support at risk below 20%")
    a = build([("RU", "85%", "majority"), ("CN", "15%", "minority")])
    assert _rows(rule, a) == [
        ("CONTRIB-ABOVE-MAX", "error", "$.contributions[0]",
         "Producer 0 RU (RU) contributes 85% of the budget, above the maximum of 80%.",
         "Art. 5(1)"),
        ("CONTRIB-SUPPORT-AT-RISK", "warning", "$.contributions[1]",
         "Producer 1 CN (CN) contributes 15% of the budget, within the range but below 20%: a "
         "state may reduce or bar access to its national support for a share below that; ask "
         "its competent authority.", "Art. 6(1), 2nd sentence"),
    ]


def test_an_unknown_group_names_the_field_the_item_and_the_groups_known() -> None:
    """The refusal says which item, and lists the groups there are (for a typo)."""
    with pytest.raises(InvalidValueError) as info:
        PersonnelNationality(id="pn", **BASE, also_allowed_groups=("EU", "EEU"),
                             allowed=Param(value=AllowedStates.CO_PRODUCING_STATES))
    assert str(info.value) == "also_allowed_groups[1] must name a territory group (EU, EZ), " \
                              "got 'EEU'"
    assert (info.value.field, info.value.within) == ("also_allowed_groups", "[1]")


def _manual(**kw: Any) -> ManualCheck:
    return ManualCheck(id="m", **BASE, condition="the third country has an agreement with Russia",
                       **kw)


def test_manual_check_summary_and_when_it_is_reported() -> None:
    """Always at $; for non-party or financial-only partners only when there are some."""
    always = _manual()
    assert always.summary() == (
        "all co-productions: the third country has an agreement with Russia (checked by hand)")
    plain = build(BILATERAL)
    assert _rows(always, plain) == [
        ("CONDITION-NOT-CHECKED", "info", "$",
         "not checked: the third country has an agreement with Russia (the agreement cannot "
         "show it; confirm it with the competent authorities)", "Art. 5")]
    non_party = _manual(scope=RuleScope.MULTILATERAL, applies_to="non-party-co-producers")
    assert non_party.summary() == (
        "multilateral co-productions (with non-party co-producers): the third country has an "
        "agreement with Russia (checked by hand)")
    assert _rows(non_party, plain) == []
    third = build([("RU", "60%", "majority"), ("CN", "30%", "minority"),
                   ("KZ", "10%", "third-country")])
    assert [r[:3] for r in _rows(non_party, third)] == [
        ("CONDITION-NOT-CHECKED", "info", "$.co_producers")]
    bilateral_only = _manual(scope=RuleScope.BILATERAL, applies_to="non-party-co-producers")
    assert _rows(bilateral_only, third) == []
    financial = _manual(applies_to=ConditionTrigger.FINANCIAL_ONLY_CO_PRODUCERS)
    assert _rows(financial, plain) == []
    assert _rows(financial, third) == []
    with_financial = build([("RU", "80%", "majority"), ("CN", "20%", "financial-only")])
    assert [r[:3] for r in _rows(financial, with_financial)] == [
        ("CONDITION-NOT-CHECKED", "info", "$.co_producers")]
    with pytest.raises(InvalidValueError, match="applies_to must be one of 'always'"):
        _manual(applies_to="sometimes")
    with pytest.raises(InvalidValueError, match="condition must be non-empty text"):
        ManualCheck(id="m", **BASE, condition=" ")
