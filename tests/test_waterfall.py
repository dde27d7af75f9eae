"""Golden tests of the waterfall engine: statements worked out by hand in the comments.

Every expected figure below can be checked with a calculator from the comment above it.
Rounding is half-even to the cent, once per figure to date.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pendulum
import pytest

from coprod import (
    Country,
    Currency,
    InvalidValueError,
    Money,
    Organisation,
    OrganisationKind,
    Share,
)
from coprod.agreements import ExchangeRate
from coprod.waterfall import (
    BackendTier,
    Base,
    CorridorTier,
    Deferment,
    DefermentTier,
    ExpenseTier,
    FeeTier,
    Participation,
    Period,
    Pool,
    Position,
    RateTable,
    Receipt,
    RecoupmentTier,
    ResidualSplit,
    Route,
    SimpleInterest,
    Waterfall,
    WaterfallError,
    apportion,
    distribute,
    period_of,
    statements,
)

USD = Currency("USD")


def usd(text: str) -> Money:
    return Money.of(text, "USD")


def receipt(amount: str, day: str, territory: str | None = None) -> Receipt:
    return Receipt(amount=Money.parse(amount), date=pendulum.parse(day).date(),
                   territory=None if territory is None else Country(territory))


def party(pid: str) -> Organisation:
    return Organisation(
        id=pid, name=pid.title(), country=Country("GB"), kind=OrganisationKind.PRODUCER
    )


def golden_waterfall() -> Waterfall:
    return Waterfall(
        id="golden",
        title="Golden",
        currency=USD,
        parties=tuple(party(p) for p in ("agent", "a", "b", "c")),
        routes=(Route(pool="world"),),
        pools=(
            Pool(
                id="world",
                tiers=(
                    FeeTier(id="sales-fee", payee="agent", rate=Share.parse("15%"), clause="5.1"),
                    ExpenseTier(
                        id="expenses", payee="agent", incurred=usd("60000.00"), cap=usd("50000.00")
                    ),
                    RecoupmentTier(
                        id="equity",
                        clause="12.3",
                        positions=(
                            Position(
                                id="a-cash",
                                payee="a",
                                amount=usd("400000.00"),
                                premium=Share.parse("20%"),
                            ),
                            Position(
                                id="b-cash",
                                payee="b",
                                amount=usd("200000.00"),
                                premium=Share.parse("20%"),
                            ),
                        ),
                    ),
                    CorridorTier(
                        id="corridor",
                        payee="c",
                        rate=Share.parse("10%"),
                        lower=usd("0.00"),
                        upper=usd("50000.00"),
                        base=Base.TIER_INPUT,
                    ),
                    ResidualSplit(
                        id="net",
                        participations=(
                            Participation(payee="a", share=Share.parse("1/3")),
                            Participation(payee="b", share=Share.parse("2/3")),
                        ),
                    ),
                ),
            ),
        ),
    )


def test_golden_single_statement() -> None:
    """A full statement, computed by hand.

    Receipts: 1 000 000.07 USD.
    * sales fee 15 % of 1 000 000.07 = 150 000.0105 -> 150 000.01
    * expenses: incurred 60 000, cap 50 000 -> 50 000.00
    * reaches equity: 1 000 000.07 - 150 000.01 - 50 000.00 = 800 000.06
      entitlements a 400 000 x 1.2 = 480 000, b 200 000 x 1.2 = 240 000 (total 720 000),
      fully paid: a 480 000.00, b 240 000.00
    * reaches corridor: 80 000.06; 10 % of the band [0, 50 000] = 5 000.00
    * residual 75 000.06: a 1/3 = 25 000.02, b 2/3 = 50 000.04
    Total 150 000.01 + 50 000 + 720 000 + 5 000 + 75 000.06 = 1 000 000.07.
    """
    d = distribute(golden_waterfall(), [receipt("1000000.07 USD", "2025-03-01")])
    assert {k: str(v) for k, v in d.payouts().items()} == {
        "agent": "200000.01 USD",
        "a": "505000.02 USD",
        "b": "290000.04 USD",
        "c": "5000.00 USD",
    }
    assert {k: str(v) for k, v in d.by_tier().items()} == {
        "sales-fee": "150000.01 USD", "expenses": "50000.00 USD", "equity": "720000.00 USD",
        "corridor": "5000.00 USD", "net": "75000.06 USD",
    }
    d.check_balance()
    assert d.unallocated() == usd("0.00")
    equity = next(t for t in d.tiers if t.tier == "equity")
    assert equity.claim == usd("720000.00")
    assert equity.reached == usd("800000.06")
    assert {(x.tier, x.clause) for x in d.lines} >= {("sales-fee", "5.1"), ("equity", "12.3")}


def test_golden_two_periods_carry_state() -> None:
    """Two statements with carried state, by hand, and equal to one statement over both.

    Period 1 (Q1): receipts 500 000.00.
    * fee 75 000.00; expenses 50 000.00; equity reached 375 000.00, pari passu 480:240,
      so a 250 000.00 and b 125 000.00; nothing further.
    Period 2 (Q2): receipts 500 000.07; to date 1 000 000.07, the figures of the single
    statement above. This period = to date - previously:
    * fee 150 000.01 - 75 000.00 = 75 000.01
    * a: equity 480 000 - 250 000 = 230 000.00, residual 25 000.02 -> 255 000.02
    * b: equity 240 000 - 125 000 = 115 000.00, residual 50 000.04 -> 165 000.04
    """
    wf = golden_waterfall()
    q1 = distribute(wf, [receipt("500000.00 USD", "2025-02-10")],
                    period=period_of(pendulum.Date(2025, 2, 10), "quarter"))
    assert {k: str(v) for k, v in q1.payouts().items()} == {
        "agent": "125000.00 USD", "a": "250000.00 USD", "b": "125000.00 USD", "c": "0.00 USD",
    }
    q2 = distribute(wf, [receipt("500000.07 USD", "2025-05-10")], q1.state,
                    period=period_of(pendulum.Date(2025, 5, 10), "quarter"))
    assert {k: str(v) for k, v in q2.payouts().items()} == {
        "agent": "75000.01 USD", "a": "255000.02 USD", "b": "165000.04 USD", "c": "5000.00 USD",
    }
    whole = distribute(
        wf, [receipt("500000.00 USD", "2025-02-10"), receipt("500000.07 USD", "2025-05-10")]
    )
    assert q2.state.paid == whole.state.paid
    assert q2.state.pools == whole.state.pools
    assert q2.state.as_of == pendulum.Date(2025, 6, 30)


def test_receipts_on_or_before_the_state_are_refused() -> None:
    """A receipt already accounted for (dated on or before the state's as_of) is refused."""
    wf = golden_waterfall()
    q1 = distribute(
        wf,
        [receipt("10.00 USD", "2025-02-10")],
        period=period_of(pendulum.Date(2025, 2, 1), "month"),
    )
    with pytest.raises(InvalidValueError, match="on or before"):
        distribute(wf, [receipt("10.00 USD", "2025-02-27")], q1.state)
    with pytest.raises(InvalidValueError, match="on or before"):
        statements(wf, [receipt("10.00 USD", "2025-02-27")], state=q1.state)


def test_retention_conversion_and_inverted_rate() -> None:
    """Territorial retention keeps RUB; other receipts convert, each rounded half-even.

    * 5 000 000.00 RUB from RU: retained by ``a``, never converted.
    * 1 000 000.55 RUB from KZ at 1 RUB = 0.011 USD: 11 000.00605 -> 11 000.01 USD.
    * 100 000.00 CNY from SG, table gives 1 USD = 7.2 CNY: 100 000 / 7.2 = 13 888.888...
      -> 13 888.89 USD (inverted).
    Pool receipts 24 888.90 USD; the residual pays a and b half each: 12 444.45 each.
    """
    wf = Waterfall(
        id="fx",
        title="FX",
        currency=USD,
        parties=(party("a"), party("b")),
        routes=(
            Route(territories=(Country("RU"),), retained_by="a", clause="12.1"),
            Route(pool="row"),
        ),
        pools=(
            Pool(
                id="row",
                tiers=(
                    ResidualSplit(
                        id="net",
                        participations=(
                            Participation(payee="a", share=Share.parse("50%")),
                            Participation(payee="b", share=Share.parse("50%")),
                        ),
                    ),
                ),
            ),
        ),
    )
    rates = RateTable(
        rates=(
            ExchangeRate(
                base=Currency("RUB"),
                quote=USD,
                rate=Decimal("0.011"),
                date=pendulum.Date(2025, 1, 1),
            ),
            ExchangeRate(
                base=USD, quote=Currency("CNY"), rate=Decimal("7.2"), date=pendulum.Date(2025, 1, 1)
            ),
        )
    )
    d = distribute(wf, [receipt("5000000.00 RUB", "2025-01-05", "RU"),
                        receipt("1000000.55 RUB", "2025-01-06", "KZ"),
                        receipt("100000.00 CNY", "2025-01-07", "SG")], rates=rates)
    assert [(r.payee, str(r.this_period), r.clause) for r in d.retained] == [
        ("a", "5000000.00 RUB", "12.1")
    ]
    conv = {str(c.source): (str(c.converted), c.inverted, c.exact) for c in d.conversions}
    assert conv["1000000.55 RUB"] == ("11000.01 USD", False, Fraction("11000.00605"))
    assert conv["100000.00 CNY"] == ("13888.89 USD", True, Fraction(100000) / Fraction("7.2"))
    assert {k: str(v) for k, v in d.payouts().items()} == {"a": "12444.45 USD", "b": "12444.45 USD"}
    d.check_balance()
    with pytest.raises(InvalidValueError, match="no rate table"):
        distribute(wf, [receipt("1.00 EUR", "2025-01-06", "FR")])
    with pytest.raises(InvalidValueError, match="no exchange rate"):
        distribute(wf, [receipt("1.00 RUB", "2024-12-31", "KZ")], rates=rates)


def test_golden_interest_by_receipt_dates() -> None:
    """Simple interest accrues between receipt dates on the outstanding principal.

    Position 100.00 USD at 8 % a year (act/365 fixed) from 2024-01-01, no premium.
    * 2024-07-01 (182 days): interest 100 x 0.08 x 182/365 = 3.989041...; claim
      100 + 3.99 = 103.99; 50.00 paid: 3.99 to interest, 46.01 to principal;
      outstanding principal 53.99.
    * 2025-01-01 (184 more days): 53.99 x 0.08 x 184/365 = 2.177336...; interest to date
      3.989041 + 2.177336 = 6.166377 -> 6.17; claim 106.17; 100.00 paid to date.
    Cut into two statements or not, the figures to date are the same.
    """
    wf = Waterfall(
        id="loan",
        title="Loan",
        currency=USD,
        parties=(party("bank"), party("p")),
        routes=(Route(pool="main"),),
        pools=(
            Pool(
                id="main",
                tiers=(
                    RecoupmentTier(
                        id="gap",
                        interest=SimpleInterest(
                            rate=Share.parse("8%"), start=pendulum.Date(2024, 1, 1)
                        ),
                        positions=(Position(id="loan", payee="bank", amount=usd("100.00")),),
                    ),
                    ResidualSplit(
                        id="rest", participations=(Participation(payee="p", share=Share.ONE),)
                    ),
                ),
            ),
        ),
    )
    rs = [receipt("50.00 USD", "2024-07-01"), receipt("50.00 USD", "2025-01-01")]
    one = distribute(wf, rs)
    gap = next(t for t in one.tiers if t.tier == "gap")
    assert gap.claim == usd("106.17")
    assert gap.paid_to_date == usd("100.00")
    acc = one.state.interest[0].accrued
    assert acc == Fraction(100 * 8 * 182, 100 * 365) * 100 + Fraction(5399 * 8 * 184, 100 * 365)
    first = distribute(wf, rs[:1])
    assert next(t for t in first.tiers if t.tier == "gap").claim == usd("103.99")
    split = statements(wf, rs, frequency="quarter")
    assert len(split) == 3  # 2024-Q3, 2024-Q4 (empty, still a statement), 2025-Q1
    assert split[-1].state.paid == one.state.paid
    assert split[-1].state.interest == one.state.interest


def test_residual_in_proportion_to_contributions() -> None:
    """Without participations the residual follows contributions (here 600:400)."""
    from coprod.agreements import Contribution

    wf = Waterfall(id="c", title="C", currency=USD, parties=(party("a"), party("b")),
                   routes=(Route(pool="p"),),
                   contributions=(Contribution(party="a", amount=usd("600.00")),
                                  Contribution(party="b", amount=usd("400.00"))),
                   pools=(Pool(id="p", tiers=(ResidualSplit(id="net"),)),))
    d = distribute(wf, [receipt("100.01 USD", "2025-01-01")])
    # 100.01 x 0.6 = 60.006 -> 60.01; 100.01 x 0.4 = 40.004 -> 40.00
    assert {k: str(v) for k, v in d.payouts().items()} == {"a": "60.01 USD", "b": "40.00 USD"}
    empty = Waterfall(id="c", title="C", currency=USD, routes=(Route(pool="p"),),
                      pools=(Pool(id="p", tiers=(ResidualSplit(id="net"),)),))
    with pytest.raises(WaterfallError, match=r"no contribution|any contribution"):
        distribute(empty, [receipt("1.00 USD", "2025-01-01")])


def test_shares_below_100_leave_the_rest_unallocated_and_above_100_fail() -> None:
    """Residual shares of 90 % leave 10 % in the pool; 110 % cannot be computed."""
    def wf(a: str, b: str) -> Waterfall:
        return Waterfall(id="s", title="S", currency=USD, routes=(Route(pool="p"),),
                         pools=(Pool(id="p", tiers=(ResidualSplit(id="net", participations=(
                             Participation(payee="a", share=Share.parse(a)),
                             Participation(payee="b", share=Share.parse(b)))),)),))
    d = distribute(wf("60%", "30%"), [receipt("100.00 USD", "2025-01-01")])
    assert d.unallocated() == usd("10.00")
    assert d.paid() == usd("90.00")
    d.check_balance()
    with pytest.raises(WaterfallError, match="more than 100%"):
        distribute(wf("60%", "50%"), [receipt("100.00 USD", "2025-01-01")])


def test_cross_collateralised_pools_and_separate_pools() -> None:
    """Pools that flow into one pool are cross-collateralised; a separate pool is not.

    TV (20 % fee) and cinema (30 % fee) flow into ``all``, which recoups 100.00 for ``inv``;
    games has its own residual. TV 100 -> 80 onward; cinema 50 -> 35 onward; ``all`` gets 115,
    recoups 100, residual 15 to ``p``. Games 10 -> all to ``g``.
    """
    wf = Waterfall(
        id="x",
        title="X",
        currency=USD,
        routes=(
            Route(media=("tv",), pool="tv"),
            Route(media=("theatrical",), pool="cinema"),
            Route(pool="games"),
        ),
        pools=(
            Pool(
                id="tv",
                flows_to="all",
                tiers=(FeeTier(id="tv-fee", payee="d", rate=Share.parse("20%")),),
            ),
            Pool(
                id="cinema",
                flows_to="all",
                tiers=(FeeTier(id="cin-fee", payee="d", rate=Share.parse("30%")),),
            ),
            Pool(
                id="all",
                tiers=(
                    RecoupmentTier(
                        id="rec", positions=(Position(id="i", payee="inv", amount=usd("100.00")),)
                    ),
                    ResidualSplit(
                        id="net", participations=(Participation(payee="p", share=Share.ONE),)
                    ),
                ),
            ),
            Pool(
                id="games",
                tiers=(
                    ResidualSplit(
                        id="g-net", participations=(Participation(payee="g", share=Share.ONE),)
                    ),
                ),
            ),
        ),
    )
    rs = [Receipt(amount=usd("100.00"), date=pendulum.Date(2025, 1, 1), medium="tv"),
          Receipt(amount=usd("50.00"), date=pendulum.Date(2025, 1, 1), medium="theatrical"),
          Receipt(amount=usd("10.00"), date=pendulum.Date(2025, 1, 1), medium="game")]
    d = distribute(wf, rs)
    assert {k: str(v) for k, v in d.payouts().items()} == {
        "d": "35.00 USD", "inv": "100.00 USD", "p": "15.00 USD", "g": "10.00 USD"}
    assert wf.cross_collateralised("tv", "cinema")
    assert not wf.cross_collateralised("tv", "games")
    assert [p.id for p in wf.pool_order()][-2:] in (["all", "games"], ["games", "all"])
    with pytest.raises(InvalidValueError, match="circle"):
        Waterfall(
            id="loop",
            title="L",
            currency=USD,
            pools=(Pool(id="a", flows_to="b"), Pool(id="b", flows_to="a")),
        )


def test_deferments_backend_and_gross_fee_below() -> None:
    """Deferments pari passu, a backend share and caps.

    Receipts 1 000.00: backend 5 % of pool receipts capped at 40 -> 40.00 (50 capped);
    deferments x 300, y 100 get 960 -> full 300 and 100; residual 560 to p.
    """
    wf = Waterfall(
        id="d",
        title="D",
        currency=USD,
        routes=(Route(pool="p"),),
        pools=(
            Pool(
                id="p",
                tiers=(
                    BackendTier(
                        id="backend",
                        payee="holder",
                        share=Share.parse("5%"),
                        cap=usd("40.00"),
                        licence="lic-1",
                    ),
                    DefermentTier(
                        id="def",
                        deferments=(
                            Deferment(id="x", payee="x", amount=usd("300.00")),
                            Deferment(id="y", payee="y", amount=usd("100.00")),
                        ),
                    ),
                    ResidualSplit(
                        id="net", participations=(Participation(payee="p", share=Share.ONE),)
                    ),
                ),
            ),
        ),
    )
    d = distribute(wf, [receipt("1000.00 USD", "2025-01-01")])
    assert {k: str(v) for k, v in d.payouts().items()} == {
        "holder": "40.00 USD", "x": "300.00 USD", "y": "100.00 USD", "p": "560.00 USD"}
    # half the receipts: deferments get 460 of 400 owed -> full; then 60 to p
    half = distribute(wf, [receipt("200.00 USD", "2025-01-01")])
    # 200 - 10 backend = 190 shared 300:100 -> 142.50 and 47.50
    assert str(half.payouts()["x"]) == "142.50 USD"
    assert str(half.payouts()["y"]) == "47.50 USD"


def test_backend_from_remake_licence() -> None:
    """A remake licence's backend participation becomes a backend tier paying the licensor."""
    from coprod.remakes import RemakeLicense  # noqa: F401 - the other domain's type exists

    class Licence:
        id = "lic-7"
        licensor = "source-holder"
        backend_participation = Share.parse("7.5%")

    tier = BackendTier.from_remake_licence(Licence(), clause="8.2")
    assert (tier.payee, str(tier.share), tier.licence, tier.clause) == (
        "source-holder",
        "7.5%",
        "lic-7",
        "8.2",
    )

    class NoBackend:
        licensor = "x"
        backend_participation = None

    with pytest.raises(InvalidValueError, match="no backend"):
        BackendTier.from_remake_licence(NoBackend())


def test_model_refuses_what_cannot_exist() -> None:
    """Structural errors raise on construction, each naming the problem."""
    with pytest.raises(InvalidValueError, match="exactly one"):
        Route()
    with pytest.raises(InvalidValueError, match="never both"):
        Route(pool="p", territories=(Country("RU"),), except_territories=(Country("CN"),))
    with pytest.raises(InvalidValueError, match="unknown pool"):
        Waterfall(id="w", title="W", currency=USD, routes=(Route(pool="nope"),))
    with pytest.raises(InvalidValueError, match="not in the waterfall's currency"):
        Waterfall(id="w", title="W", currency=USD, pools=(Pool(id="p", tiers=(
            ExpenseTier(id="e", payee="a", incurred=Money.parse("1.00 EUR")),)),))
    with pytest.raises(InvalidValueError, match="appears twice"):
        Waterfall(id="w", title="W", currency=USD, pools=(
            Pool(id="p", tiers=(FeeTier(id="f", payee="a", rate=Share.ONE),)),
            Pool(id="q", tiers=(FeeTier(id="f", payee="a", rate=Share.ONE),))))
    with pytest.raises(InvalidValueError, match="share one premium"):
        RecoupmentTier(
            id="r",
            interest=SimpleInterest(rate=Share.parse("5%"), start=pendulum.Date(2024, 1, 1)),
            positions=(
                Position(id="a", payee="a", amount=usd("1.00"), premium=Share.parse("10%")),
                Position(id="b", payee="b", amount=usd("1.00")),
            ),
        )
    with pytest.raises(InvalidValueError, match="below lower"):
        CorridorTier(id="c", payee="a", rate=Share.ONE, lower=usd("10.00"), upper=usd("5.00"))
    with pytest.raises(InvalidValueError, match="whole number of minor units"):
        Receipt(amount=Money.parse("1.005 USD"), date=pendulum.Date(2025, 1, 1))
    with pytest.raises(InvalidValueError, match="end"):
        Period(start=pendulum.Date(2025, 2, 1), end=pendulum.Date(2025, 1, 1))


def test_negative_caps_and_negative_period_receipts_are_refused() -> None:
    """A negative cap cannot be computed; a pool's net receipts in a period cannot be negative."""
    wf = Waterfall(
        id="n",
        title="N",
        currency=USD,
        routes=(Route(pool="p"),),
        pools=(
            Pool(
                id="p",
                tiers=(FeeTier(id="f", payee="a", rate=Share.parse("10%"), cap=usd("-1.00")),),
            ),
        ),
    )
    with pytest.raises(WaterfallError, match="negative"):
        distribute(wf, [receipt("1.00 USD", "2025-01-01")])
    ok = golden_waterfall()
    first = distribute(ok, [receipt("100.00 USD", "2025-01-01")])
    with pytest.raises(InvalidValueError, match="less than zero"):
        distribute(ok, [receipt("-150.00 USD", "2025-02-01")], first.state)
    refund = distribute(
        ok, [receipt("-50.00 USD", "2025-02-01"), receipt("60.00 USD", "2025-02-02")], first.state
    )
    refund.check_balance()


def test_state_from_another_waterfall_is_refused_and_a_changed_one_noted() -> None:
    """The state names its waterfall; a changed contract is noted, not hidden."""
    wf = golden_waterfall()
    d = distribute(wf, [receipt("100.00 USD", "2025-01-01")])
    other = Waterfall(id="other", title="O", currency=USD)
    with pytest.raises(InvalidValueError, match="belongs to"):
        distribute(other, [], d.state)
    import attrs

    fee = attrs.evolve(wf.pools[0].tiers[0], rate=Share.parse("12%"))
    changed = attrs.evolve(wf, pools=(attrs.evolve(wf.pools[0], tiers=(
        fee, *wf.pools[0].tiers[1:])),))
    later = distribute(changed, [receipt("1.00 USD", "2025-02-01")], d.state)
    assert any("changed" in n for n in later.notes)
    renamed = attrs.evolve(wf, title="Golden (amended)")
    assert distribute(renamed, [receipt("1.00 USD", "2025-02-01")], d.state).notes == ()


def test_apportion_examples() -> None:
    """Webster splits: ties to the lower index; whole quotas exactly; zero weights get nothing."""
    assert apportion(100, [1, 1, 1]) == [34, 33, 33]
    assert apportion(720_000_00, [480, 240]) == [480_000_00, 240_000_00]
    assert apportion(5, [0, 1, 0]) == [0, 5, 0]
    with pytest.raises(InvalidValueError):
        apportion(-1, [1])
    with pytest.raises(InvalidValueError):
        apportion(1, [0, 0])
    with pytest.raises(InvalidValueError):
        apportion(1, [-1, 2])


def test_period_labels() -> None:
    """Periods name themselves like statements do."""
    assert period_of(pendulum.Date(2025, 11, 3), "month").label == "2025-11"
    assert period_of(pendulum.Date(2025, 11, 3), "year").label == "2025"
    assert (
        Period(start=pendulum.Date(2025, 1, 2), end=pendulum.Date(2025, 1, 9)).label
        == "2025-01-02..2025-01-09"
    )


def test_statements_stop_at_the_last_day_a_date_can_be() -> None:
    """Receipts in 9999: the last statement ends on 9999-12-31, with no period after it.

    A state on that day leaves no day for later receipts, which are refused in words.
    """
    wf = golden_waterfall()
    parts = statements(wf, [receipt("10.00 USD", "9999-11-10")], frequency="quarter")
    assert [(p.period.start, p.period.end) for p in parts] == [
        (pendulum.Date(9999, 10, 1), pendulum.Date(9999, 12, 31))]
    last = distribute(wf, [receipt("10.00 USD", "9999-12-31")])
    assert last.state.as_of == pendulum.Date(9999, 12, 31)
    with pytest.raises(InvalidValueError, match="on or before the last day already accounted"):
        distribute(wf, [receipt("10.00 USD", "9999-12-31")], last.state)


def test_quiet_periods_after_the_state_and_up_to_through_get_statements() -> None:
    """Statements are owed for quiet quarters: after the state, and up to *through*.

    A receipt after the last period to state is refused in words.
    """
    wf = golden_waterfall()
    first = statements(wf, [receipt("10.00 USD", "2025-02-10")], frequency="quarter")
    assert [p.period.label for p in first] == ["2025-Q1"]
    later = statements(wf, [receipt("10.00 USD", "2025-08-01")], frequency="quarter",
                       state=first[-1].state, through=pendulum.Date(2025, 12, 31))
    # Q2 had no receipt and used to get no statement; Q4 is stated because it was asked for.
    assert [p.period.label for p in later] == ["2025-Q2", "2025-Q3", "2025-Q4"]
    assert [any(m.amount for m in p.payouts().values()) for p in later] == [False, True, False]
    assert later[-1].state.as_of == pendulum.Date(2025, 12, 31)
    quiet = statements(wf, [], frequency="month", state=later[-1].state,
                       through=pendulum.Date(2026, 2, 1))
    assert [p.period.label for p in quiet] == ["2026-01", "2026-02"]
    assert statements(wf, [], frequency="month", state=later[-1].state) == ()
    with pytest.raises(InvalidValueError, match="falls after the last period to state"):
        statements(wf, [receipt("1.00 USD", "2026-04-01")], frequency="quarter",
                   state=later[-1].state, through=pendulum.Date(2026, 3, 1))
    with pytest.raises(InvalidValueError, match="on or before the last day already accounted"):
        statements(wf, [], state=later[-1].state, through=pendulum.Date(2025, 12, 31))
