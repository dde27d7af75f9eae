"""Hypothesis properties of the waterfall.

Conservation, caps, pari passu, monotony, period-splitting invariance, and equality of the
bulk and per-receipt paths.
"""

from __future__ import annotations

from fractions import Fraction

import pendulum
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from coprod import Money
from coprod.strategies import rate_tables, receipts, waterfalls
from coprod.waterfall import (
    CorridorTier,
    DefermentTier,
    ExpenseTier,
    ReceiptColumns,
    RecoupmentTier,
    aggregate,
    apportion,
    distribute,
    statements,
)

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MULTI = ("USD", "RUB", "CNY", "EUR")


@SETTINGS
@given(waterfalls(interest=True), receipts(currencies=MULTI), rate_tables())
def test_conservation(wf, rs, rates) -> None:
    """Receipts = retained + unrouted + pooled per currency; pooled = paid + unallocated."""
    d = distribute(wf, rs, rates=rates)
    for what, left, right in d.balance():
        assert left == right, what
    assert d.paid() + d.unallocated() == d.converted_routed()


@SETTINGS
@given(waterfalls(interest=True), receipts())
def test_payouts_never_exceed_caps_or_entitlements(wf, rs) -> None:
    """No tier pays beyond its cap or beyond what it may claim.

    Nor an expense beyond what was incurred, a position beyond its entitlement (interest
    aside), a corridor beyond its rate of the band.
    """
    d = distribute(wf, rs)
    tiers = {t.id: t for t in wf.tiers()}
    for s in d.tiers:
        tier = tiers[s.tier]
        cap = getattr(tier, "cap", None)
        if cap is not None:
            assert s.paid_to_date <= cap
        assert s.paid_to_date <= s.reached
        if isinstance(tier, ExpenseTier):
            assert s.paid_to_date <= tier.incurred
        if isinstance(tier, CorridorTier) and tier.upper is not None:
            assert s.paid_to_date <= (tier.upper - tier.lower).scale(tier.rate)
    for line in d.lines:
        tier = tiers[line.tier]
        if isinstance(tier, RecoupmentTier) and tier.interest is None:
            pos = next(p for p in tier.positions if p.id == line.position)
            assert line.to_date <= pos.entitlement
        if isinstance(tier, DefermentTier):
            item = next(p for p in tier.deferments if p.id == line.position)
            assert line.to_date <= item.amount


@SETTINGS
@given(waterfalls(), receipts())
def test_pari_passu_positions_stay_in_proportion(wf, rs) -> None:
    """Positions of a pari passu tier stay in proportion.

    Each position is within one unit per two positions of its exact pro rata share, a
    larger entitlement never gets less, and a fully paid tier pays every entitlement exactly.
    """
    d = distribute(wf, rs)
    for tier in wf.tiers():
        if not isinstance(tier, RecoupmentTier | DefermentTier):
            continue
        items = tier.positions if isinstance(tier, RecoupmentTier) else tier.deferments
        ents = [
            p.entitlement.minor_units if isinstance(tier, RecoupmentTier) else p.amount.minor_units
            for p in items
        ]
        paid = {x.position: x.to_date.minor_units for x in d.lines if x.tier == tier.id}
        got = [paid[p.id] for p in items]
        total = sum(got)
        for e, g in zip(ents, got, strict=True):
            assert abs(g - Fraction(total * e, sum(ents))) <= max(1, Fraction(len(ents), 2))
        for i in range(len(ents)):
            for j in range(len(ents)):
                if ents[i] > ents[j]:
                    assert got[i] >= got[j]
        if total == sum(ents):
            assert got == ents


@SETTINGS
@given(waterfalls(), receipts(), receipts(max_size=4))
def test_more_receipts_never_pay_anyone_less(wf, rs, extra) -> None:
    """Monotony, for waterfalls in the standard form (rates on pool receipts only at the top)."""
    before = distribute(wf, rs).payouts_to_date()
    after = distribute(wf, rs + extra).payouts_to_date()
    for payee, amount in before.items():
        assert after[payee] >= amount


@SETTINGS
@given(waterfalls(interest=True), receipts(currencies=MULTI), rate_tables(),
       st.sampled_from(["month", "quarter", "year"]))
def test_period_splitting_invariance(wf, rs, rates, frequency) -> None:
    """Statements by period end at exactly the figures of one statement over all receipts.

    By month, quarter or year, with carried state, the figures to date are the same.
    """
    whole = distribute(wf, rs, rates=rates)
    parts = statements(wf, rs, frequency=frequency, rates=rates)
    if not rs:
        assert parts == ()
        return
    last = parts[-1].state
    assert last.paid == whole.state.paid
    assert last.pools == whole.state.pools
    assert last.interest == whole.state.interest
    assert last.retained == whole.state.retained
    assert last.receipts == whole.state.receipts
    # the periods' payments add up to the whole
    for payee, amount in whole.payouts().items():
        total = sum(
            (p.payouts().get(payee, Money.zero(wf.currency)) for p in parts),
            Money.zero(wf.currency),
        )
        assert total == amount


@SETTINGS
@given(waterfalls(interest=True), receipts(currencies=MULTI, max_size=30), rate_tables())
def test_bulk_columns_equal_receipt_objects(wf, rs, rates) -> None:
    """Aggregating receipt columns gives the same distribution as the Receipt objects."""
    by_cur: dict[str, list] = {}
    for r in rs:
        by_cur.setdefault(r.amount.currency.code, []).append(r)
    batches = [
        ReceiptColumns(
            currency=cur,
            amounts=[r.amount.minor_units for r in items],
            days=[r.date.toordinal() for r in items],
            territories=[r.territory.code if r.territory else None for r in items],
        )
        for cur, items in by_cur.items()
    ]
    a = distribute(wf, rs, rates=rates)
    b = distribute(wf, aggregate(wf, batches, rates), rates=rates)
    assert a.state.paid == b.state.paid
    assert a.state.pools == b.state.pools
    assert a.state.retained == b.state.retained
    assert a.state.unrouted == b.state.unrouted
    assert sum(c.lines for c in a.conversions) == sum(c.lines for c in b.conversions)
    for cur in {c.converted.currency for c in a.conversions}:
        assert sum((c.converted for c in a.conversions), Money.zero(cur)) == sum(
            (c.converted for c in b.conversions), Money.zero(cur))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 10**6), min_size=1, max_size=6).filter(any),
       st.integers(0, 10**7), st.integers(0, 10**4))
def test_apportion_is_exact_and_house_monotone(weights, total, more) -> None:
    """Parts add up exactly, and a larger total never gives any part less."""
    a = apportion(total, weights)
    b = apportion(total + more, weights)
    assert sum(a) == total
    assert sum(b) == total + more
    assert all(y >= x for x, y in zip(a, b, strict=True))


def test_bulk_path_without_numpy(monkeypatch) -> None:
    """The pure-Python fallback of :func:`aggregate` gives the numpy path's result."""
    from decimal import Decimal

    import coprod.waterfall._batch as batch
    from coprod import Country, Currency, Share
    from coprod.agreements import ExchangeRate
    from coprod.waterfall import (
        Participation,
        Pool,
        Position,
        RateTable,
        ResidualSplit,
        Route,
        SimpleInterest,
        Waterfall,
    )

    usd = Currency("USD")
    wf = Waterfall(
        id="w",
        title="W",
        currency=usd,
        routes=(
            Route(territories=(Country("RU"),), retained_by="a"),
            Route(territories=(Country("FR"),), pool="p"),
        ),
        pools=(
            Pool(
                id="p",
                tiers=(
                    RecoupmentTier(
                        id="r",
                        interest=SimpleInterest(
                            rate=Share.parse("8%"), start=pendulum.Date(2025, 1, 1)
                        ),
                        positions=(Position(id="x", payee="a", amount=Money.parse("5.00 USD")),),
                    ),
                    ResidualSplit(
                        id="n", participations=(Participation(payee="b", share=Share.ONE),)
                    ),
                ),
            ),
        ),
    )
    rates = RateTable(
        rates=(
            ExchangeRate(
                base=usd,
                quote=Currency("RUB"),
                rate=Decimal("90.5"),
                date=pendulum.Date(2025, 1, 1),
            ),
            ExchangeRate(
                base=Currency("RUB"),
                quote=usd,
                rate=Decimal("0.0111"),
                date=pendulum.Date(2025, 3, 20),
            ),
        )
    )
    day = pendulum.Date(2025, 3, 1).toordinal()
    cols = [
        ReceiptColumns(
            currency="USD",
            amounts=[123, 456, 789, 10**6],
            days=[day, day + 1, day + 40, day],
            territories=["RU", "FR", None, "FR"],
        ),
        ReceiptColumns(
            currency="RUB",
            amounts=[12345, 99999, 5],
            days=[day, day + 30, day + 30],
            territories=(([0, 1, 1]), ["FR", "RU"]),
            media=["tv", None, "tv"],
        ),
    ]
    with_np = batch.aggregate(wf, cols, rates)
    monkeypatch.setattr(batch, "_USE_NUMPY", False)
    without = batch.aggregate(wf, cols, rates)
    assert with_np.by_date == without.by_date
    assert with_np.retained == without.retained
    assert with_np.unrouted == without.unrouted
    assert with_np.routed == without.routed
    assert [(c.source, c.converted, c.lines) for c in with_np.conversions] == [
        (c.source, c.converted, c.lines) for c in without.conversions]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(1, 10**8), st.sampled_from(["0%", "10%", "50%", "33.3%"])),
         min_size=1, max_size=4),
    st.integers(0, 3 * 10**8),
    st.booleans(),
)
# Found by a brute-force audit: 150 000.03 and 250 000.01 USD at 50 % each, fully paid, were
# paid 225 000.05 and 375 000.01 against entitlements of 225 000.04 and 375 000.02.
@example([(15_000_003, "50%"), (25_000_001, "50%")], 90_000_000, True)
def test_a_position_never_gets_more_than_its_entitlement(
    positions: list[tuple[int, str]], received: int, with_interest: bool
) -> None:
    """Pari passu with premiums, with or without an interest clause, no one is overpaid.

    Every position gets at most its own entitlement until all are met, and exactly it once
    they are.
    """
    from coprod import Currency, Share
    from coprod.waterfall import (
        Pool,
        Position,
        Receipt,
        RecoupmentTier,
        Route,
        SimpleInterest,
        Waterfall,
    )

    if with_interest:  # a tier with interest has one premium for all its positions
        positions = [(units, positions[0][1]) for units, _ in positions]
    tier = RecoupmentTier(
        id="t",
        positions=tuple(Position(id=f"p{i}", payee=f"payee{i}",
                                 amount=Money.from_minor_units(units, "USD"),
                                 premium=Share.parse(premium))
                        for i, (units, premium) in enumerate(positions)),
        # interest from a later date: the clause is there, none has accrued yet
        interest=SimpleInterest(rate=Share.parse("5%"), start=pendulum.Date(2030, 1, 1))
        if with_interest else None,
    )
    wf = Waterfall(id="w", title="w", currency=Currency("USD"), routes=(Route(pool="p"),),
                   pools=(Pool(id="p", tiers=(tier,)),))
    d = distribute(wf, [Receipt(amount=Money.from_minor_units(received, "USD"),
                                date=pendulum.Date(2025, 1, 1))])
    ents = {p.id: p.entitlement.minor_units for p in tier.positions}
    paid = {line.position: line.to_date.minor_units for line in d.lines}
    assert sum(paid.values()) == min(received, sum(ents.values()))
    for pid, units in paid.items():
        assert units <= ents[pid]
    if received >= sum(ents.values()):
        assert paid == ents


@SETTINGS
@given(waterfalls(interest=True), receipts(), st.data(),
       st.sampled_from(["month", "quarter", "year"]))
def test_refunds_in_later_periods_split_like_the_whole(wf, rs, data, frequency) -> None:
    """Returns and chargebacks in periods of their own split like the whole.

    Each refunds part of an earlier receipt; statements by period still end at the figures
    of one statement over all receipts.
    """
    from coprod.waterfall import Receipt

    refunds = []
    for r in rs:
        if r.amount.minor_units and data.draw(st.booleans()):
            units = data.draw(st.integers(1, r.amount.minor_units))
            later = data.draw(st.dates(r.date, pendulum.Date(2025, 12, 31)))
            refunds.append(Receipt(amount=Money.from_minor_units(-units, r.amount.currency),
                                   date=pendulum.Date(later.year, later.month, later.day),
                                   territory=r.territory, reference="refund"))
    everything = rs + refunds
    whole = distribute(wf, everything)
    parts = statements(wf, everything, frequency=frequency)
    if not everything:
        return
    assert parts[-1].state.paid == whole.state.paid
    assert parts[-1].state.pools == whole.state.pools
    for payee, amount in whole.payouts().items():
        total = sum((p.payouts().get(payee, Money.zero(wf.currency)) for p in parts),
                    Money.zero(wf.currency))
        assert total == amount
