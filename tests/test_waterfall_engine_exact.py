"""The waterfall engine to the cent: every figure, explanation, note and refusal, word for word.

The golden tests in ``test_waterfall.py`` check payouts; these check everything else a
statement shows (what reached each tier, its base, claim and explanation, the pool balances,
retention, the carried state) and the exact text of every refusal. Each expected figure is
worked out by hand in the docstring or the comment above it.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import attrs
import pendulum
import pytest

from coprod import Country, Currency, InvalidValueError, Money, Organisation, Share
from coprod.agreements import Contribution, ExchangeRate
from coprod.waterfall import (
    Base,
    CorridorTier,
    DayCount,
    Deferment,
    DefermentTier,
    Distribution,
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
    distribute,
)
from coprod.waterfall._engine import Ingested, InputError, contribution_weights, ingest

USD = Currency("USD")
EUR = Currency("EUR")


def usd(text: str) -> Money:
    return Money.of(text, "USD")


def on(day: str) -> pendulum.Date:
    return pendulum.Date.fromisoformat(day)


def tiers(d: Distribution) -> list[tuple[str, str, str, str | None, str | None, str, str, str]]:
    """(pool, tier, reached, base, claim, paid to date, paid this period, explanation)."""
    return [(t.pool, t.tier, str(t.reached), None if t.base is None else str(t.base),
             None if t.claim is None else str(t.claim), str(t.paid_to_date),
             str(t.paid_this_period), t.explanation) for t in d.tiers]


def lines(d: Distribution) -> list[tuple[str, str | None, str, str | None, str, str, str]]:
    """(tier, clause, payee, position, previously, this period, to date)."""
    return [(x.tier, x.clause, x.payee, x.position, str(x.previously), str(x.this_period),
             str(x.to_date)) for x in d.lines]


def pools(d: Distribution) -> list[tuple[str, str | None, str, str, str, str | None, str, str]]:
    """(pool, name, receipts, receipts to date, inflow to date, flows to, unallocated, to date)."""
    return [(p.pool, p.name, str(p.receipts_this_period), str(p.receipts_to_date),
             str(p.inflow_to_date), p.flows_to, str(p.unallocated_this_period),
             str(p.unallocated_to_date)) for p in d.pools]


def caps_waterfall() -> Waterfall:
    """A TV pool (capped fee on its input) flowing into a main pool, retention and a band."""
    return Waterfall(
        id="caps", title="Caps", currency=USD,
        parties=(Organisation(id="agent", name="Agent Ltd", country=Country("GB")),),
        routes=(Route(media=("tv",), pool="tv", clause="2.1"),
                Route(media=("dvd",), retained_by="agent", clause="9.9"),
                Route(media=("vod",), pool="main")),
        pools=(
            Pool(id="tv", name="Television", flows_to="main", tiers=(
                FeeTier(id="tv-fee", payee="agent", rate=Share.parse("10%"),
                        base=Base.TIER_INPUT, cap=usd("5.00"), clause="4.1"),)),
            Pool(id="main", tiers=(
                CorridorTier(id="band", payee="c", rate=Share.parse("50%"), lower=usd("20.00"),
                             base=Base.POOL_RECEIPTS),
                ExpenseTier(id="exp", payee="agent", incurred=usd("50.00")),
                ResidualSplit(id="net", cap=usd("3.00"), participations=(
                    Participation(payee="a", share=Share.parse("1/3")),
                    Participation(payee="b", share=Share.parse("1/3")))),
            )),
        ),
    )


def test_caps_bands_flows_and_unallocated_first_statement() -> None:
    """A first statement, by hand.

    TV 100.00: fee 10 % of its input = 10.00, capped at 5.00; 95.00 flows to main.
    Main receives 30.01 directly, 125.01 in all. Band: 50 % of (125.01 - 20.00) = 52.505
    -> 52.50 (half-even). Expenses 50.00 of 50.00. Residual 22.51, capped at 3.00, split
    1/3 : 1/3 : 1/3 unallocated -> 1.00, 1.00 and 1.00 unallocated; the main pool keeps
    22.51 - 2.00 = 20.51. 7.00 EUR of DVD is retained by the agent; 2.50 EUR of cinema has
    no route.
    """
    rs = [Receipt(amount=usd("100.00"), date=on("2025-01-03"), medium="tv"),
          Receipt(amount=usd("30.01"), date=on("2025-01-05"), medium="vod"),
          Receipt(amount=Money.parse("7.00 EUR"), date=on("2025-01-04"), medium="dvd"),
          Receipt(amount=Money.parse("2.50 EUR"), date=on("2025-01-04"), medium="cinema")]
    d = distribute(caps_waterfall(), rs)
    assert tiers(d) == [
        ("tv", "tv-fee", "100.00 USD", "100.00 USD", "10.00 USD", "5.00 USD", "5.00 USD",
         "10% of tier-input 100.00 USD; claim to date 10.00 USD; cap 5.00 USD"),
        ("main", "band", "125.01 USD", "125.01 USD", "52.50 USD", "52.50 USD", "52.50 USD",
         "50% of 105.01 USD of pool-receipts between 20.00 USD and no upper threshold (base to "
         "date 125.01 USD); claim to date 52.50 USD"),
        ("main", "exp", "72.51 USD", None, "50.00 USD", "50.00 USD", "50.00 USD",
         "expenses incurred 50.00 USD; claim to date 50.00 USD"),
        ("main", "net", "22.51 USD", None, None, "2.00 USD", "2.00 USD",
         "residual 22.51 USD split a 1/3, b 1/3; cap 3.00 USD"),
    ]
    assert lines(d) == [
        ("tv-fee", "4.1", "agent", None, "0.00 USD", "5.00 USD", "5.00 USD"),
        ("band", None, "c", None, "0.00 USD", "52.50 USD", "52.50 USD"),
        ("exp", None, "agent", None, "0.00 USD", "50.00 USD", "50.00 USD"),
        ("net", None, "a", None, "0.00 USD", "1.00 USD", "1.00 USD"),
        ("net", None, "b", None, "0.00 USD", "1.00 USD", "1.00 USD"),
    ]
    assert pools(d) == [
        ("tv", "Television", "100.00 USD", "100.00 USD", "100.00 USD", "main", "0.00 USD",
         "0.00 USD"),
        ("main", None, "30.01 USD", "30.01 USD", "125.01 USD", None, "20.51 USD", "20.51 USD"),
    ]
    assert d.period == Period(start=on("2025-01-03"), end=on("2025-01-05"))
    assert [(r.payee, str(r.this_period), str(r.to_date), r.clause) for r in d.retained] == [
        ("agent", "7.00 EUR", "7.00 EUR", "9.9")]
    assert [str(m) for m in d.unrouted] == ["2.50 EUR"]
    assert [str(m) for m in d.state.unrouted] == ["2.50 EUR"]
    per_line = [t for t in d.tiers for _ in range(2 if t.tier == "net" else 1)]
    assert [(x.pool, x.kind, x.explanation) for x in d.lines] == [
        (t.pool, t.kind, t.explanation) for t in per_line]
    assert [(t.kind, t.clause) for t in d.tiers] == [
        ("fee", "4.1"), ("corridor", None), ("expense", None), ("residual", None)]
    assert [str(m) for m in d.receipts] == ["9.50 EUR", "130.01 USD"]
    assert [str(m) for m in d.routed] == ["130.01 USD"]
    assert [(w, str(a), str(b)) for w, a, b in d.balance()] == [
        ("receipts in EUR", "9.50 EUR", "9.50 EUR"),
        ("receipts in USD", "130.01 USD", "130.01 USD"),
        ("pooled receipts in USD", "130.01 USD", "130.01 USD"),
    ]
    assert str(d.unallocated()) == "20.51 USD"
    assert str(d.paid()) == "109.50 USD"
    assert str(d.converted_routed()) == "130.01 USD"
    assert {k: str(v) for k, v in d.payouts().items()} == {
        "agent": "55.00 USD", "c": "52.50 USD", "a": "1.00 USD", "b": "1.00 USD"}
    assert {k: str(v) for k, v in d.by_tier().items()} == {
        "tv-fee": "5.00 USD", "band": "52.50 USD", "exp": "50.00 USD", "net": "2.00 USD"}
    assert d.name_of("agent") == "Agent Ltd"
    assert d.name_of("c") == "c"
    assert [x.tier for x in d.lines_for("agent")] == ["tv-fee", "exp"]
    assert (d.waterfall, d.title, d.currency, d.notes) == ("caps", "Caps", USD, ())


def test_caps_second_statement_carries_every_figure() -> None:
    """The second statement starts the day after the first and pays only the difference.

    Main receives 1 000.00 more (1 030.01 to date, 1 125.01 with TV). Band to date 50 % of
    1 105.01 = 552.505 -> 552.50, 500.00 this period. Expenses were paid in full. Residual
    1 125.01 - 552.50 - 50.00 = 522.51, capped at 3.00 as before: nothing more. The main pool
    keeps 522.51 - 2.00 = 520.51 to date, 500.00 of it this period.
    """
    wf = caps_waterfall()
    first = distribute(wf, [Receipt(amount=usd("100.00"), date=on("2025-01-03"), medium="tv"),
                            Receipt(amount=usd("30.01"), date=on("2025-01-05"), medium="vod"),
                            Receipt(amount=Money.parse("7.00 EUR"), date=on("2025-01-04"),
                                    medium="dvd")])
    d = distribute(wf, [Receipt(amount=usd("1000.00"), date=on("2025-02-03"), medium="vod"),
                        Receipt(amount=Money.parse("1.00 EUR"), date=on("2025-02-04"),
                                medium="dvd")], first.state)
    assert d.period == Period(start=on("2025-01-06"), end=on("2025-02-04"))
    assert d.notes == ()
    assert {k: str(v) for k, v in d.payouts_to_date().items()} == {
        "agent": "55.00 USD", "c": "552.50 USD", "a": "1.00 USD", "b": "1.00 USD"}
    assert {k: str(v) for k, v in d.payouts().items()} == {
        "agent": "0.00 USD", "c": "500.00 USD", "a": "0.00 USD", "b": "0.00 USD"}
    assert [t[5:7] for t in tiers(d)] == [
        ("5.00 USD", "0.00 USD"), ("552.50 USD", "500.00 USD"), ("50.00 USD", "0.00 USD"),
        ("2.00 USD", "0.00 USD")]
    assert lines(d)[1] == ("band", None, "c", None, "52.50 USD", "500.00 USD", "552.50 USD")
    assert pools(d) == [
        ("tv", "Television", "0.00 USD", "100.00 USD", "100.00 USD", "main", "0.00 USD",
         "0.00 USD"),
        ("main", None, "1000.00 USD", "1030.01 USD", "1125.01 USD", None, "500.00 USD",
         "520.51 USD"),
    ]
    assert [(r.payee, str(r.this_period), str(r.to_date), r.clause) for r in d.retained] == [
        ("agent", "1.00 EUR", "8.00 EUR", "9.9")]
    s = d.state
    assert (s.waterfall, s.currency, s.as_of, s.statements) == ("caps", USD, on("2025-02-04"), 2)
    assert [(p.pool, str(p.receipts), str(p.unallocated)) for p in s.pools] == [
        ("tv", "100.00 USD", "0.00 USD"), ("main", "1030.01 USD", "520.51 USD")]
    assert [(p.tier, p.payee, p.position, str(p.amount)) for p in s.paid] == [
        ("tv-fee", "agent", None, "5.00 USD"), ("band", "c", None, "552.50 USD"),
        ("exp", "agent", None, "50.00 USD"), ("net", "a", None, "1.00 USD"),
        ("net", "b", None, "1.00 USD")]
    assert [(r.payee, str(r.amount)) for r in s.retained] == [("agent", "8.00 EUR")]
    assert [str(m) for m in s.receipts] == ["8.00 EUR", "1130.01 USD"]
    assert s.unrouted == ()
    # Nothing received: an empty statement keeps every figure and the date.
    empty = distribute(wf, [], d.state)
    assert empty.period is None
    assert empty.state.as_of == on("2025-02-04")
    assert empty.state.statements == 3
    assert [t[5:7] for t in tiers(empty)][1] == ("552.50 USD", "0.00 USD")
    assert [(r.payee, str(r.this_period), str(r.to_date)) for r in empty.retained] == [
        ("agent", "0.00 EUR", "8.00 EUR")]


def test_corridor_band_edges_and_tier_input_base() -> None:
    """Below the lower threshold a corridor pays nothing; above the upper, the full band.

    The band 20.00-30.00 applies to what reaches the corridor, after a 0 % fee. Receipts
    10.00: nothing. Receipts 40.00: 25 % of the 10.00 band = 2.50.
    """
    wf = Waterfall(id="band", title="Band", currency=USD, routes=(Route(pool="p"),), pools=(
        Pool(id="p", tiers=(
            FeeTier(id="zero", payee="z", rate=Share.parse("0%")),
            CorridorTier(id="c", payee="c", rate=Share.parse("25%"), lower=usd("20.00"),
                         upper=usd("30.00"), base=Base.TIER_INPUT),)),))
    low = distribute(wf, [Receipt(amount=usd("10.00"), date=on("2025-01-01"))])
    assert tiers(low)[1] == (
        "p", "c", "10.00 USD", "10.00 USD", "0.00 USD", "0.00 USD", "0.00 USD",
        "25% of 0.00 USD of tier-input between 20.00 USD and 30.00 USD (base to date 10.00 "
        "USD); claim to date 0.00 USD")
    assert tiers(low)[0][7] == "0% of pool-receipts 10.00 USD; claim to date 0.00 USD"
    high = distribute(wf, [Receipt(amount=usd("40.00"), date=on("2025-01-01"))])
    assert tiers(high)[1][4:7] == ("2.50 USD", "2.50 USD", "2.50 USD")
    exact = distribute(wf, [Receipt(amount=usd("30.00"), date=on("2025-01-01"))])
    assert tiers(exact)[1][4] == "2.50 USD"
    inside = distribute(wf, [Receipt(amount=usd("20.04"), date=on("2025-01-01"))])
    # 25 % of 0.04 = 0.01 exactly
    assert tiers(inside)[1][4] == "0.01 USD"


def test_fee_rounds_half_even_once_per_figure() -> None:
    """10 % of 0.25 is 0.025 -> 0.02 (half to even); of 0.35, 0.035 -> 0.04."""
    wf = Waterfall(id="r", title="R", currency=USD, routes=(Route(pool="p"),), pools=(
        Pool(id="p", tiers=(FeeTier(id="f", payee="a", rate=Share.parse("10%")),)),))
    assert str(distribute(wf, [Receipt(amount=usd("0.25"), date=on("2025-01-01"))])
               .by_tier()["f"]) == "0.02 USD"
    assert str(distribute(wf, [Receipt(amount=usd("0.35"), date=on("2025-01-01"))])
               .by_tier()["f"]) == "0.04 USD"


def interest_waterfall() -> Waterfall:
    """A loan at 8 % a year with a deferment and a capped, limited recoupment behind it."""
    return Waterfall(id="loan", title="Loan", currency=USD, routes=(Route(pool="main"),), pools=(
        Pool(id="main", tiers=(
            RecoupmentTier(id="gap", clause="7.1", interest=SimpleInterest(
                rate=Share.parse("8%"), start=on("2024-01-01")), positions=(
                Position(id="loan", payee="bank", amount=usd("100.00"), clause="7.2"),)),
            DefermentTier(id="def", deferments=(
                Deferment(id="fee-x", payee="x", amount=usd("30.00"), clause="8.1"),
                Deferment(id="fee-y", payee="y", amount=usd("10.00")))),
            RecoupmentTier(id="eq", cap=usd("6.00"), positions=(
                Position(id="e1", payee="e", amount=usd("50.00"), premium=Share.parse("10%")),)),
        )),))


def test_interest_deferments_and_a_capped_recoupment() -> None:
    """Interest to date in the explanation; deferments pari passu; a cap and a shortfall.

    2024-07-01, 150.00 received. Interest on 100.00 for 182 days at 8 %: 3.989041... ->
    3.99; claim 103.99, paid in full. 46.01 reach the deferments (30:10): 30.00 and 10.00.
    6.01 reach the equity tier, entitled to 55.00 and capped at 6.00: 6.00.
    """
    d = distribute(interest_waterfall(), [Receipt(amount=usd("150.00"), date=on("2024-07-01"))])
    assert tiers(d) == [
        ("main", "gap", "150.00 USD", None, "103.99 USD", "103.99 USD", "103.99 USD",
         "entitlements loan 100.00 USD; interest 8% a year (act/365-fixed) accrued to "
         "2024-07-01: 3.99 USD; pari passu; claim to date 103.99 USD"),
        ("main", "def", "46.01 USD", None, "40.00 USD", "40.00 USD", "40.00 USD",
         "entitlements fee-x 30.00 USD, fee-y 10.00 USD; pari passu; claim to date 40.00 USD"),
        ("main", "eq", "6.01 USD", None, "55.00 USD", "6.00 USD", "6.00 USD",
         "entitlements e1 55.00 USD (50.00 USD + premium); pari passu; claim to date 55.00 USD; "
         "cap 6.00 USD"),
    ]
    assert lines(d) == [
        ("gap", "7.2", "bank", "loan", "0.00 USD", "103.99 USD", "103.99 USD"),
        ("def", "8.1", "x", "fee-x", "0.00 USD", "30.00 USD", "30.00 USD"),
        ("def", None, "y", "fee-y", "0.00 USD", "10.00 USD", "10.00 USD"),
        ("eq", None, "e", "e1", "0.00 USD", "6.00 USD", "6.00 USD"),
    ]
    assert pools(d)[0][6:] == ("0.01 USD", "0.01 USD")
    [acc] = d.state.interest
    assert (acc.tier, acc.accrued, acc.accrued_to) == (
        "gap", Fraction(100_00 * 8 * 182, 100 * 365), on("2024-07-01"))


def test_interest_before_any_receipt_and_limited_by_what_reached() -> None:
    """With nothing received yet, interest shows as accrued to its start; a shortfall is noted.

    2024-04-01, 50.00 received: interest on 100.00 for 91 days at 8 % = 1.994520... -> 1.99;
    claim 101.99; only 50.00 reached it.
    """
    wf = interest_waterfall()
    d = distribute(wf, [Receipt(amount=usd("50.00"), date=on("2024-04-01"))])
    assert tiers(d)[0] == (
        "main", "gap", "50.00 USD", None, "101.99 USD", "50.00 USD", "50.00 USD",
        "entitlements loan 100.00 USD; interest 8% a year (act/365-fixed) accrued to "
        "2024-04-01: 1.99 USD; pari passu; claim to date 101.99 USD; limited to what reached "
        "the tier (50.00 USD)")
    assert tiers(d)[1][7] == (
        "entitlements fee-x 30.00 USD, fee-y 10.00 USD; pari passu; claim to date 40.00 USD; "
        "limited to what reached the tier (0.00 USD)")
    nothing = distribute(wf, [])
    assert tiers(nothing)[0][7] == (
        "entitlements loan 100.00 USD; interest 8% a year (act/365-fixed) accrued to "
        "2024-01-01: 0.00 USD; pari passu; claim to date 100.00 USD; limited to what reached "
        "the tier (0.00 USD)")


def test_interest_runs_on_the_principal_left_after_each_receipt() -> None:
    """Two receipts in one statement: the second accrual uses the principal then outstanding.

    As in the golden test: 50.00 on 2024-07-01 pays 3.99 interest and 46.01 principal;
    53.99 outstanding for 184 days at 8 % is 2.177336...; interest to date 6.166377... ->
    6.17. A later statement continues from the carried accrual.
    """
    wf = interest_waterfall()
    rs = [Receipt(amount=usd("50.00"), date=on("2024-07-01")),
          Receipt(amount=usd("50.00"), date=on("2025-01-01"))]
    d = distribute(wf, rs)
    [acc] = d.state.interest
    assert acc.accrued == Fraction(100_00 * 8 * 182, 100 * 365) + Fraction(53_99 * 8 * 184,
                                                                            100 * 365)
    assert acc.accrued_to == on("2025-01-01")
    assert tiers(d)[0][4] == "106.17 USD"
    first = distribute(wf, rs[:1])
    second = distribute(wf, rs[1:], first.state)
    assert second.state.interest == d.state.interest
    assert second.state.paid == d.state.paid
    # an earlier-dated receipt in a later step never moves the accrual date back
    late = distribute(wf, [Receipt(amount=usd("1.00"), date=on("2025-01-02"))], d.state)
    assert late.state.interest[0].accrued_to == on("2025-01-02")
    assert late.state.interest[0].accrued > acc.accrued


def test_interest_on_360_days_and_premium_free_positions_pari_passu() -> None:
    """act/360 counts a 90-day quarter as a quarter of a year; positions split by principal.

    Principal 60.00 + 40.00 at 12 % for 90 days act/360: 100 x 0.12 x 90/360 = 3.00.
    Claim 103.00; 51.50 received pays 60:40 -> 30.90 and 20.60.
    """
    wf = Waterfall(id="q", title="Q", currency=USD, routes=(Route(pool="m"),), pools=(
        Pool(id="m", tiers=(RecoupmentTier(id="r", interest=SimpleInterest(
            rate=Share.parse("12%"), start=on("2025-01-01"), day_count=DayCount.ACT_360),
            positions=(Position(id="p1", payee="a", amount=usd("60.00")),
                       Position(id="p2", payee="b", amount=usd("40.00")))),)),))
    d = distribute(wf, [Receipt(amount=usd("51.50"), date=on("2025-04-01"))])
    assert tiers(d)[0][4:6] == ("103.00 USD", "51.50 USD")
    assert "(act/360) accrued to 2025-04-01: 3.00 USD" in tiers(d)[0][7]
    assert [x[5] for x in lines(d)] == ["30.90 USD", "20.60 USD"]


def test_only_a_change_of_terms_is_noted() -> None:
    """A new title, pool name or clause reference is no new contract; a new rate is.

    The fingerprint was a hash of the repr, so renaming the title of a waterfall noted a
    change of contract on the next statement.
    """
    def wf(rate: str = "15%", title: str = "W", name: str | None = None,
           clause: str | None = None) -> Waterfall:
        return Waterfall(id="w", title=title, currency=USD, routes=(Route(pool="p"),), pools=(
            Pool(id="p", name=name, tiers=(
                FeeTier(id="fee", payee="agent", rate=Share.parse(rate), clause=clause),
                ResidualSplit(id="net", participations=(
                    Participation(payee="p", share=Share.ONE),)))),))
    first = distribute(wf(), [Receipt(amount=usd("100.00"), date=on("2025-01-01"))])
    second = [Receipt(amount=usd("1.00"), date=on("2025-02-01"))]
    for same in (wf(title="Ice Road, final cut"), wf(name="Worldwide"), wf(clause="CPA 9.1")):
        assert distribute(same, second, first.state).notes == ()
    changed = distribute(wf(rate="10%"), second, first.state)
    assert changed.notes[0].startswith("the waterfall changed since the previous statement")


def test_a_changed_waterfall_is_noted_and_overpayment_shown_negative() -> None:
    """After the fee falls from 15 % to 10 %, the fee to date is less than already paid.

    100.00 received at 15 %: 15.00 paid. Then 1.00 more under 10 %: fee to date 10.10, so
    this period -4.90, with a note; the residual to date 90.90 less 85.00 paid = 5.90.
    """
    def wf(rate: str) -> Waterfall:
        return Waterfall(id="w", title="W", currency=USD, routes=(Route(pool="p"),), pools=(
            Pool(id="p", tiers=(
                FeeTier(id="fee", payee="agent", rate=Share.parse(rate)),
                ResidualSplit(id="net", participations=(
                    Participation(payee="p", share=Share.ONE),)))),))
    first = distribute(wf("15%"), [Receipt(amount=usd("100.00"), date=on("2025-01-01"))])
    d = distribute(wf("10%"), [Receipt(amount=usd("1.00"), date=on("2025-02-01"))], first.state)
    assert d.notes == (
        "the waterfall changed since the previous statement (its fingerprint differs); "
        "payments this period settle the difference between the new figures to date and "
        "those already paid",
        "agent (fee) was paid 4.90 USD more in earlier statements than the figures to date "
        "now allow; the difference is shown as a negative payment to recover",
    )
    assert lines(d) == [
        ("fee", None, "agent", None, "15.00 USD", "-4.90 USD", "10.10 USD"),
        ("net", None, "p", None, "85.00 USD", "5.90 USD", "90.90 USD"),
    ]
    assert tiers(d)[0][6] == "-4.90 USD"
    same = distribute(wf("15%"), [Receipt(amount=usd("1.00"), date=on("2025-02-01"))],
                      first.state)
    assert same.notes == ()


def test_residual_by_contributions_from_the_agreement_or_the_waterfall() -> None:
    """The agreement's contributions weigh the split when given (zero ones left out)."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent / "treaties"))
    from _treaty_support import build

    agreement = build([("RU", "75%", "majority"), ("CN", "25%", "minority"),
                       ("KZ", "0%", "third-country")])
    wf = Waterfall(id="c", title="C", currency=USD, routes=(Route(pool="p"),),
                   contributions=(Contribution(party="x", amount=usd("1.00")),),
                   pools=(Pool(id="p", tiers=(ResidualSplit(id="net"),)),))
    d = distribute(wf, [Receipt(amount=usd("10.00"), date=on("2025-01-01"))],
                   agreement=agreement)
    assert {k: str(v) for k, v in d.payouts().items()} == {
        "p0-ru": "7.50 USD", "p1-cn": "2.50 USD"}
    assert tiers(d)[0][7] == "residual 10.00 USD split p0-ru 75%, p1-cn 25%"
    assert contribution_weights(wf, agreement) == {
        "p0-ru": Fraction(7_500_000), "p1-cn": Fraction(2_500_000)}
    assert contribution_weights(wf) == {"x": Fraction(1)}
    nobody = build([("RU", "0%", "majority"), ("CN", "0%", "minority")])
    assert contribution_weights(wf, nobody) == {"x": Fraction(1)}
    rouble = attrs.evolve(agreement.contributions[1], amount=Money.parse("1.00 RUB"))
    odd = attrs.evolve(agreement, contributions=(agreement.contributions[0], rouble),
                       exchange_rates=())
    with pytest.raises(WaterfallError) as info:
        distribute(wf, [Receipt(amount=usd("10.00"), date=on("2025-01-01"))], agreement=odd)
    assert str(info.value) == (
        "cannot weigh 'p1-cn' by contributions: a contribution is in a currency with no "
        "agreed rate in the agreement")


# -- refusals, word for word -------------------------------------------------------------------


def _simple() -> Waterfall:
    return Waterfall(id="s", title="S", currency=USD, routes=(Route(pool="p"),), pools=(
        Pool(id="p", tiers=(ResidualSplit(id="net", participations=(
            Participation(payee="a", share=Share.parse("60%")),
            Participation(payee="b", share=Share.parse("30%")))),)),))


def test_structural_refusals() -> None:
    """Negative caps are listed together; residual shares above 100 % are refused."""
    wf = Waterfall(id="n", title="N", currency=USD, routes=(Route(pool="p"),), pools=(
        Pool(id="p", tiers=(
            FeeTier(id="f", payee="a", rate=Share.parse("10%"), cap=usd("-1.00")),
            ExpenseTier(id="e", payee="a", incurred=usd("2.00"), cap=usd("-2.00")),
            ResidualSplit(id="r", cap=usd("-0.01"), participations=(
                Participation(payee="a", share=Share.ONE),)))),))
    with pytest.raises(WaterfallError) as info:
        distribute(wf, [])
    assert str(info.value) == (
        "tier 'f': cap -1.00 USD is negative; tier 'e': cap -2.00 USD is negative; "
        "tier 'r': cap -0.01 USD is negative")
    over = Waterfall(id="o", title="O", currency=USD, routes=(Route(pool="p"),), pools=(
        Pool(id="p", tiers=(ResidualSplit(id="net", participations=(
            Participation(payee="a", share=Share.parse("60%")),
            Participation(payee="b", share=Share.parse("40.5%")))),)),))
    with pytest.raises(WaterfallError) as info:
        distribute(over, [])
    assert str(info.value) == "residual split 'net': shares add up to 201/2% (more than 100%)"
    full = attrs.evolve(over, pools=(Pool(id="p", tiers=(ResidualSplit(id="net", participations=(
        Participation(payee="a", share=Share.parse("60%")),
        Participation(payee="b", share=Share.parse("40%")))),)),))
    d = distribute(full, [Receipt(amount=usd("1.00"), date=on("2025-01-01"))])
    assert str(d.unallocated()) == "0.00 USD"
    assert tiers(d)[0][7] == "residual 1.00 USD split a 60%, b 40%"
    empty = Waterfall(id="c", title="C", currency=USD, routes=(Route(pool="p"),),
                      pools=(Pool(id="p", tiers=(ResidualSplit(id="net"),)),))
    with pytest.raises(WaterfallError) as info:
        distribute(empty, [])
    assert str(info.value) == (
        "residual split 'net' is in proportion to contributions, but neither the waterfall "
        "nor its agreement lists any contribution")
    zero = attrs.evolve(empty, contributions=(Contribution(party="x", amount=usd("0.00")),))
    with pytest.raises(WaterfallError, match="lists any contribution"):
        distribute(zero, [])


def test_state_and_period_refusals() -> None:
    """Another waterfall's state, a period already covered, receipts outside the period."""
    wf = _simple()
    d = distribute(wf, [Receipt(amount=usd("10.00"), date=on("2025-01-10"))])
    other = Waterfall(id="other", title="O", currency=USD)
    with pytest.raises(InvalidValueError) as info:
        distribute(other, [], d.state)
    assert str(info.value) == "the state belongs to waterfall 's' in USD, not to 'other' in USD"
    euros = attrs.evolve(wf, currency=EUR)
    with pytest.raises(InvalidValueError) as info:
        distribute(euros, [], d.state)
    assert str(info.value) == "the state belongs to waterfall 's' in USD, not to 's' in EUR"
    with pytest.raises(InvalidValueError) as info:
        distribute(wf, [], d.state, period=Period(start=on("2025-01-10"), end=on("2025-01-31")))
    assert str(info.value) == (
        "the statement period starts 2025-01-10, on or before the last day already accounted "
        "for (2025-01-10)")
    ok = distribute(wf, [], d.state, period=Period(start=on("2025-01-11"), end=on("2025-01-31")))
    assert ok.state.as_of == on("2025-01-31")
    with pytest.raises(InvalidValueError) as info:
        distribute(wf, [Receipt(amount=usd("1.00"), date=on("2025-01-10"))], d.state)
    assert str(info.value) == (
        "the statement period starts 2025-01-10, on or before the last day already accounted "
        "for (2025-01-10)")
    march = Period(start=on("2025-03-01"), end=on("2025-03-31"))
    with pytest.raises(InvalidValueError) as info:
        distribute(wf, [Receipt(amount=usd("1.00"), date=on("2025-02-28")),
                        Receipt(amount=usd("1.00"), date=on("2025-04-01"))], period=march)
    assert str(info.value) == (
        "receipts dated 2025-02-28 fall outside the period 2025-03-01..2025-03-31")
    with pytest.raises(InvalidValueError) as info:
        distribute(wf, [Receipt(amount=usd("1.00"), date=on("2025-03-31")),
                        Receipt(amount=usd("1.00"), date=on("2025-04-01"))], period=march)
    assert str(info.value) == (
        "receipts dated 2025-04-01 fall outside the period 2025-03-01..2025-03-31")
    inside = distribute(wf, [Receipt(amount=usd("1.00"), date=on("2025-03-01")),
                             Receipt(amount=usd("1.00"), date=on("2025-03-31"))], period=march)
    assert inside.period == march
    # a first statement's default period reaches back to the earliest receipt
    early = distribute(wf, [Receipt(amount=usd("1.00"), date=on("2025-01-20")),
                            Receipt(amount=usd("1.00"), date=on("2025-01-12"))], d.state)
    assert early.period == Period(start=on("2025-01-11"), end=on("2025-01-20"))


def test_receipt_refusals() -> None:
    """A non-receipt, a foreign receipt without rates, a negative pool total: exact messages."""
    wf = _simple()
    with pytest.raises(InvalidValueError) as info:
        distribute(wf, ["100.00 USD"])  # type: ignore[list-item]
    assert str(info.value) == "expected a Receipt, got str"
    with pytest.raises(InvalidValueError) as info:
        distribute(wf, [Receipt(amount=Money.parse("1.00 EUR"), date=on("2025-01-06"),
                                reference="inv-9")])
    assert str(info.value) == (
        "a receipt in EUR (inv-9) goes to pool 'p', but no rate table was given to convert it "
        "to USD")
    with pytest.raises(InvalidValueError) as info:
        distribute(wf, [Receipt(amount=Money.parse("1.00 EUR"), date=on("2025-01-06"))])
    assert str(info.value) == (
        "a receipt in EUR (2025-01-06) goes to pool 'p', but no rate table was given to "
        "convert it to USD")
    first = distribute(wf, [Receipt(amount=usd("100.00"), date=on("2025-01-01"))])
    with pytest.raises(InvalidValueError) as info:
        distribute(wf, [Receipt(amount=usd("-100.01"), date=on("2025-02-01"))], first.state)
    assert str(info.value) == (
        "receipts of pool 'p' to date add up to less than zero (-0.01 USD) after the period "
        "2025-01-02..2025-02-01: refunds exceed what the pool ever received")
    # a refund of part of what came before, in a period of its own, is netted to date
    refunded = distribute(wf, [Receipt(amount=usd("-40.00"), date=on("2025-02-01"))],
                          first.state)
    assert [p.receipts for p in refunded.state.pools] == [usd("60.00")]
    # a refund netted against a receipt of the same period: 0.10 net, to date 100.10 of which
    # a is paid 60 % = 60.06 and b 30 % = 30.03
    netted = distribute(wf, [Receipt(amount=usd("-100.00"), date=on("2025-02-01")),
                             Receipt(amount=usd("100.10"), date=on("2025-02-02"))], first.state)
    assert [x[4:] for x in lines(netted)] == [("60.00 USD", "0.06 USD", "60.06 USD"),
                                              ("30.00 USD", "0.03 USD", "30.03 USD")]
    assert pools(netted)[0][2:4] == ("0.10 USD", "100.10 USD")


def test_ingest_converts_each_receipt_once_and_caches_routes() -> None:
    """Conversion per receipt, half-even; the span of dates; retention and no-route totals."""
    wf = Waterfall(id="fx", title="FX", currency=USD,
                   routes=(Route(territories=(Country("RU"),), retained_by="a", clause="3.1"),
                           Route(territories=(Country("KZ"),), retained_by="a", clause="3.2"),
                           Route(territories=(Country("FR"),), pool="p")),
                   pools=(Pool(id="p"),))
    rates = RateTable(rates=(ExchangeRate(base=EUR, quote=USD, rate=Decimal("1.125"),
                                          date=on("2025-01-01")),))
    rs = [Receipt(amount=Money.parse("0.02 EUR"), date=on("2025-01-09"),
                  territory=Country("FR")),
          Receipt(amount=Money.parse("0.06 EUR"), date=on("2025-01-02"),
                  territory=Country("FR")),
          Receipt(amount=Money.parse("5.00 EUR"), date=on("2025-01-05"),
                  territory=Country("RU")),
          Receipt(amount=Money.parse("1.00 EUR"), date=on("2025-01-04"),
                  territory=Country("KZ")),
          Receipt(amount=usd("3.00"), date=on("2025-01-07"), territory=Country("US"))]
    ing = ingest(wf, rs, rates)
    # 0.02 x 1.125 = 0.0225 -> 0.02; 0.06 x 1.125 = 0.0675 -> 0.07
    assert ing.by_date == {on("2025-01-09"): {"p": 2}, on("2025-01-02"): {"p": 7}}
    assert (ing.first, ing.last) == (on("2025-01-02"), on("2025-01-09"))
    assert ing.retained == {("a", EUR): 600}
    assert ing.retained_clause == {"a": "3.1"}
    assert ing.unrouted == {USD: 300}
    assert ing.routed == {EUR: 8}
    assert ing.received == {EUR: 608, USD: 300}
    assert [str(c.converted) for c in ing.conversions] == ["0.02 USD", "0.07 USD"]
    d = distribute(wf, ing)
    assert [(r.payee, str(r.this_period), r.clause) for r in d.retained] == [
        ("a", "6.00 EUR", "3.1")]
    assert pools(d) == [("p", None, "0.09 USD", "0.09 USD", "0.09 USD", None, "0.09 USD",
                         "0.09 USD")]
    assert [(w, str(a), str(b)) for w, a, b in d.balance()] == [
        ("receipts in EUR", "6.08 EUR", "6.08 EUR"),
        ("receipts in USD", "3.00 USD", "3.00 USD"),
        ("pooled receipts in USD", "0.09 USD", "0.09 USD"),
    ]
    span = Ingested()
    for day in ("2025-01-05", "2025-01-03", "2025-01-08", "2025-01-04"):
        span.see(on(day))
    assert (span.first, span.last) == (on("2025-01-03"), on("2025-01-08"))


def test_period_labels_and_bounds() -> None:
    """Month, quarter, year or a plain span; both ends inclusive; an end before the start."""
    def label(a: str, b: str) -> str:
        return Period(start=on(a), end=on(b)).label

    assert label("2025-02-01", "2025-02-28") == "2025-02"
    assert label("2025-04-01", "2025-06-30") == "2025-Q2"
    assert label("2024-01-01", "2024-12-31") == "2024"
    assert label("2025-02-01", "2025-02-27") == "2025-02-01..2025-02-27"
    assert label("2025-02-02", "2025-02-28") == "2025-02-02..2025-02-28"
    assert label("2025-04-01", "2025-06-29") == "2025-04-01..2025-06-29"
    assert label("2025-04-02", "2025-06-30") == "2025-04-02..2025-06-30"
    assert label("2024-01-01", "2024-12-30") == "2024-01-01..2024-12-30"
    assert label("2024-01-02", "2024-12-31") == "2024-01-02..2024-12-31"
    p = Period(start=on("2025-01-01"), end=on("2025-01-31"))
    assert p.contains(on("2025-01-01"))
    assert p.contains(on("2025-01-31"))
    assert not p.contains(on("2024-12-31"))
    assert not p.contains(on("2025-02-01"))
    assert Period(start=on("2025-01-01"), end=on("2025-01-01")).label == "2025-01-01..2025-01-01"
    with pytest.raises(InvalidValueError) as info:
        Period(start=on("2025-02-01"), end=on("2025-01-31"))
    assert str(info.value) == "a period cannot end (2025-01-31) before it starts (2025-02-01)"


def test_bases_caps_and_claims_decide_each_take() -> None:
    """Pool receipts or tier input as the base; a take is the least of reached, claim and cap.

    Receipts 100.00. Expenses take 60.00 (their cap of 80.00 is no limit). A 10 % fee on
    pool receipts claims 10.00 of the 40.00 left (cap 50.00 is no limit); a 10 % fee on its
    input claims 3.00 of the 30.00 left. A 50 % fee on pool receipts claims 50.00 but only
    27.00 reach it. A recoupment with a cap of 99.00 then gets nothing.
    """
    wf = Waterfall(id="b", title="B", currency=USD, routes=(Route(pool="p"),), pools=(
        Pool(id="p", tiers=(
            ExpenseTier(id="e", payee="x", incurred=usd("60.00"), cap=usd("80.00")),
            FeeTier(id="pool", payee="y", rate=Share.parse("10%"), cap=usd("50.00")),
            FeeTier(id="input", payee="z", rate=Share.parse("10%"), base=Base.TIER_INPUT),
            FeeTier(id="big", payee="w", rate=Share.parse("50%")),
            RecoupmentTier(id="r", cap=usd("99.00"), positions=(
                Position(id="r1", payee="v", amount=usd("1.00")),)),
        )),))
    d = distribute(wf, [Receipt(amount=usd("100.00"), date=on("2025-01-01"))])
    assert [t[1:7] for t in tiers(d)] == [
        ("e", "100.00 USD", None, "60.00 USD", "60.00 USD", "60.00 USD"),
        ("pool", "40.00 USD", "100.00 USD", "10.00 USD", "10.00 USD", "10.00 USD"),
        ("input", "30.00 USD", "30.00 USD", "3.00 USD", "3.00 USD", "3.00 USD"),
        ("big", "27.00 USD", "100.00 USD", "50.00 USD", "27.00 USD", "27.00 USD"),
        ("r", "0.00 USD", None, "1.00 USD", "0.00 USD", "0.00 USD"),
    ]
    more = distribute(wf, [Receipt(amount=usd("300.00"), date=on("2025-01-01"))])
    # 300 - 60 - 30 - 21 (10 % of 210) - 150 = 39 reach the recoupment, entitled to 1.00
    assert [t[1:7] for t in tiers(more)][4] == (
        "r", "39.00 USD", None, "1.00 USD", "1.00 USD", "1.00 USD")


def test_pari_passu_by_entitlement_when_premiums_differ() -> None:
    """Without interest, positions share by entitlement (premium included), not by principal.

    a 100.00 at 50 % premium (150.00) and b 100.00 without (100.00): 50.00 reached split
    150:100 = 30.00 and 20.00.
    """
    wf = Waterfall(id="pp", title="PP", currency=USD, routes=(Route(pool="p"),), pools=(
        Pool(id="p", tiers=(RecoupmentTier(id="r", positions=(
            Position(id="a1", payee="a", amount=usd("100.00"), premium=Share.parse("50%")),
            Position(id="b1", payee="b", amount=usd("100.00")))),)),))
    d = distribute(wf, [Receipt(amount=usd("50.00"), date=on("2025-01-01"))])
    assert [x[5] for x in lines(d)] == ["30.00 USD", "20.00 USD"]
    assert tiers(d)[0][7] == (
        "entitlements a1 150.00 USD (100.00 USD + premium), b1 100.00 USD; pari passu; claim "
        "to date 250.00 USD; limited to what reached the tier (50.00 USD)")


def test_interest_on_nothing_outstanding() -> None:
    """A position of 0.00 accrues no interest; the tier claims nothing."""
    wf = Waterfall(id="z", title="Z", currency=USD, routes=(Route(pool="p"),), pools=(
        Pool(id="p", tiers=(RecoupmentTier(id="r", interest=SimpleInterest(
            rate=Share.parse("8%"), start=on("2024-01-01")), positions=(
            Position(id="p0", payee="a", amount=usd("0.00")),)),)),))
    d = distribute(wf, [Receipt(amount=usd("5.00"), date=on("2025-01-01"))])
    assert d.state.interest[0].accrued == 0
    assert tiers(d)[0][4:6] == ("0.00 USD", "0.00 USD")
    assert pools(d)[0][6] == "5.00 USD"


def test_routing_by_source_order_of_receipts_and_references() -> None:
    """Routes match on source; an unrouted receipt does not stop the ones after it.

    Currencies are listed in alphabetical order whatever the order of the receipts, and
    retention is listed by payee.
    """
    wf = Waterfall(id="src", title="Src", currency=USD,
                   routes=(Route(sources=("festival",), retained_by="d", clause="6.4"),
                           Route(sources=("sales",), retained_by="b"),
                           Route(sources=("tv",), retained_by="c"),
                           Route(sources=("vod",), retained_by="a"),
                           Route(sources=("box-office",), pool="p")),
                   pools=(Pool(id="p"), Pool(id="q", name="Unused")))
    rates = RateTable(rates=(ExchangeRate(base=EUR, quote=USD, rate=Decimal("2"),
                                          date=on("2025-01-01")),))
    rs = [Receipt(amount=usd("1.00"), date=on("2025-01-02"), source="unknown"),
          Receipt(amount=Money.parse("0.50 GBP"), date=on("2025-01-02"), source="unknown"),
          Receipt(amount=Money.parse("2.00 EUR"), date=on("2025-01-02"), source="box-office",
                  reference="bo-1"),
          Receipt(amount=Money.parse("4.00 EUR"), date=on("2025-01-03"), source="festival"),
          Receipt(amount=Money.parse("1.00 JPY"), date=on("2025-01-03"), source="sales"),
          Receipt(amount=usd("3.00"), date=on("2025-01-03"), source="tv"),
          Receipt(amount=usd("5.00"), date=on("2025-01-03"), source="vod")]
    d = distribute(wf, rs, rates=rates)
    assert [(c.reference, str(c.converted)) for c in d.conversions] == [("bo-1", "4.00 USD")]
    assert [str(m) for m in d.unrouted] == ["0.50 GBP", "1.00 USD"]
    assert [str(m) for m in d.receipts] == ["6.00 EUR", "0.50 GBP", "1 JPY", "9.00 USD"]
    assert [(r.payee, str(r.this_period), r.clause) for r in d.retained] == [
        ("a", "5.00 USD", None), ("b", "1 JPY", None), ("c", "3.00 USD", None),
        ("d", "4.00 EUR", "6.4")]
    assert pools(d) == [
        ("p", None, "4.00 USD", "4.00 USD", "4.00 USD", None, "4.00 USD", "4.00 USD"),
        ("q", "Unused", "0.00 USD", "0.00 USD", "0.00 USD", None, "0.00 USD", "0.00 USD"),
    ]
    assert [str(m) for m in d.state.unrouted] == ["0.50 GBP", "1.00 USD"]


def test_a_period_whose_receipts_net_to_zero_is_accepted() -> None:
    """A refund equal to a receipt of the same pool nets to zero: nothing moves, no refusal."""
    wf = _simple()
    first = distribute(wf, [Receipt(amount=usd("10.00"), date=on("2025-01-01"))])
    d = distribute(wf, [Receipt(amount=usd("-2.00"), date=on("2025-02-01")),
                        Receipt(amount=usd("2.00"), date=on("2025-02-02"))], first.state)
    assert [x[4:] for x in lines(d)] == [("6.00 USD", "0.00 USD", "6.00 USD"),
                                         ("3.00 USD", "0.00 USD", "3.00 USD")]
    assert d.notes == ()
    assert pools(d)[0][2:4] == ("0.00 USD", "10.00 USD")


def test_contribution_weights_keep_fractions_of_a_unit() -> None:
    """A contribution of 0.50 in the budget's currency still weighs in the split."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent / "treaties"))
    from _treaty_support import build

    agreement = build([("RU", "99.999995%", "majority"), ("CN", "0.000005%", "minority")])
    wf = Waterfall(id="c", title="C", currency=USD, routes=(Route(pool="p"),),
                   pools=(Pool(id="p", tiers=(ResidualSplit(id="net"),)),))
    assert contribution_weights(wf, agreement) == {
        "p0-ru": Fraction("9999999.50"), "p1-cn": Fraction(1, 2)}


def test_errors_name_the_field_and_the_place_the_command_line_points_at() -> None:
    """``field``, ``within``, ``day`` and ``state_path`` of each refusal, not only its words.

    The command line reads them to name the line of the receipts file or the path in the
    state file; a mutation run showed no test read them.
    """
    with pytest.raises(InvalidValueError) as period:
        Period(start=on("2025-02-01"), end=on("2025-01-31"))
    assert period.value.field == "end"
    wf = _simple()
    with pytest.raises(InvalidValueError) as not_receipt:
        distribute(wf, [Receipt(amount=usd("1.00"), date=on("2025-01-06")),
                        7])  # type: ignore[list-item]
    assert (not_receipt.value.field, not_receipt.value.within) == ("receipts", "[1]")
    d = distribute(wf, [Receipt(amount=usd("10.00"), date=on("2025-01-10"))])
    with pytest.raises(InputError) as other:
        distribute(Waterfall(id="other", title="O", currency=USD), [], d.state)
    assert other.value.state_path == "$.waterfall"
    with pytest.raises(InputError) as euros:
        distribute(attrs.evolve(wf, currency=EUR), [], d.state)
    assert euros.value.state_path == "$.currency"
    # A receipt on the last day accounted for is the receipt at fault (no period given) ...
    with pytest.raises(InputError) as same_day:
        distribute(wf, [Receipt(amount=usd("1.00"), date=on("2025-01-10"))], d.state)
    assert (same_day.value.day, same_day.value.state_path) == (on("2025-01-10"), "$.as_of")
    # ... but with a period given that starts too early, the period is, not the receipts.
    with pytest.raises(InputError) as early_period:
        distribute(wf, [Receipt(amount=usd("1.00"), date=on("2025-01-20"))], d.state,
                   period=Period(start=on("2025-01-05"), end=on("2025-01-31")))
    assert (early_period.value.day, early_period.value.state_path) == (None, "$.as_of")


def test_receipts_to_date_may_reach_zero_but_a_first_refund_may_not_go_below() -> None:
    """A pool refunded down to exactly nothing is accepted; a first period of refunds is not.

    The first statement has no figures to date: a refund there is below zero from the start.
    """
    wf = _simple()
    first = distribute(wf, [Receipt(amount=usd("10.00"), date=on("2025-01-01"))])
    emptied = distribute(wf, [Receipt(amount=usd("-10.00"), date=on("2025-02-01"))],
                         first.state)
    assert [p.receipts for p in emptied.state.pools] == [usd("0.00")]
    assert [x[4:] for x in lines(emptied)] == [("6.00 USD", "-6.00 USD", "0.00 USD"),
                                               ("3.00 USD", "-3.00 USD", "0.00 USD")]
    with pytest.raises(InputError) as info:
        distribute(wf, [Receipt(amount=usd("-0.01"), date=on("2025-01-06"))])
    assert str(info.value) == (
        "receipts of pool 'p' to date add up to less than zero (-0.01 USD) after the period "
        "2025-01-06..2025-01-06: refunds exceed what the pool ever received")


def test_a_refund_dated_first_pays_nothing_and_interest_runs_on_the_whole_principal() -> None:
    """Within a period, a pool below zero for a while pays out nothing meanwhile.

    -1.00 on 2024-03-01, then 101.00 on 2024-07-01 (net 100.00): on 2024-03-01 nothing is
    there, so the whole 100.00 principal stays outstanding and interest runs on all of it
    for the 182 days, exactly as for 100.00 received on 2024-07-01 alone.
    """
    wf = interest_waterfall()
    d = distribute(wf, [Receipt(amount=usd("-1.00"), date=on("2024-03-01")),
                        Receipt(amount=usd("101.00"), date=on("2024-07-01"))])
    [acc] = d.state.interest
    assert acc.accrued == Fraction(100_00 * 8 * 182, 100 * 365)
    alone = distribute(wf, [Receipt(amount=usd("100.00"), date=on("2024-07-01"))])
    assert d.state.interest == alone.state.interest
    assert d.state.paid == alone.state.paid
