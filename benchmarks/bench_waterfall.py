"""Benchmark: 1,000,000 receipt lines through a 10-tier waterfall, exact.

They are run against a plain Decimal loop doing the same work in the same run.

Run:  python benchmarks/bench_waterfall.py [--lines 1000000] [--repeat 3]

The lines are in four currencies (USD, EUR, RUB, CNY) with daily exchange rates, from ten
territories; Russian and Chinese receipts are retained by their co-producers, the rest goes
to one pool through ten tiers (fees on gross and on what reaches them, capped expenses, a
backend, two pari passu recoupment tiers with premiums, a corridor, deferments and a
residual split).

* coprod: receipts as columns of integer minor units (what DuckDB, Polars or Arrow hand
  over), routed, converted line by line (half-even) and summed by
  :func:`coprod.waterfall.aggregate`, then :func:`coprod.waterfall.distribute`.
* plain Decimal loop, the same work: for each line, route it, convert it with
  ``Decimal.quantize`` (half-even) and add it to its pool's total; then the ten tiers on the
  totals, in Decimal.

Both must end with the same payments to the cent; the script checks it and prints the
throughput of each and the ratio (figures are printed, never asserted in tests).
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import random
import sys
import time
from decimal import ROUND_HALF_EVEN, Decimal

import pendulum

from coprod import Country, Currency, Money, Share
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
    Pool,
    Position,
    RateTable,
    ReceiptColumns,
    RecoupmentTier,
    ResidualSplit,
    Route,
    Waterfall,
    aggregate,
    apportion,
    distribute,
)

USD = Currency("USD")
TERRITORIES = ["US", "GB", "FR", "DE", "JP", "KZ", "SG", "BR", "RU", "CN"]
CURRENCIES = ["USD", "EUR", "RUB", "CNY"]
START = dt.date(2025, 1, 1)
DAYS = 90


def usd(text: str) -> Money:
    return Money.of(text, USD)


def build_waterfall() -> Waterfall:
    return Waterfall(
        id="bench", title="Benchmark", currency=USD,
        routes=(
            Route(territories=(Country("RU"),), retained_by="ru-producer"),
            Route(territories=(Country("CN"),), retained_by="cn-producer"),
            Route(pool="row"),
        ),
        pools=(Pool(id="row", tiers=(
            FeeTier(id="t1-sales-fee", payee="agent", rate=Share.parse("15%")),
            BackendTier(id="t2-backend", payee="source", share=Share.parse("2.5%")),
            ExpenseTier(id="t3-expenses", payee="agent", incurred=usd("2500000.00"),
                        cap=usd("2000000.00")),
            FeeTier(id="t4-distribution", payee="distributor", rate=Share.parse("10%"),
                    base=Base.TIER_INPUT, cap=usd("30000000.00")),
            RecoupmentTier(id="t5-senior", positions=(
                Position(id="bank", payee="bank", amount=usd("40000000.00"),
                         premium=Share.parse("8%")),
                Position(id="gap", payee="gap-fund", amount=usd("15000000.00"),
                         premium=Share.parse("8%")),
            )),
            CorridorTier(id="t6-corridor", payee="ru-producer", rate=Share.parse("5%"),
                         lower=usd("0.00"), upper=usd("100000000.00"), base=Base.TIER_INPUT),
            RecoupmentTier(id="t7-equity", positions=(
                Position(id="ru", payee="ru-producer", amount=usd("60000000.00"),
                         premium=Share.parse("20%")),
                Position(id="cn", payee="cn-producer", amount=usd("45000000.00"),
                         premium=Share.parse("20%")),
                Position(id="eu", payee="eu-investor", amount=usd("15000000.00"),
                         premium=Share.parse("20%")),
            )),
            DefermentTier(id="t8-deferments", deferments=(
                Deferment(id="director", payee="director", amount=usd("1500000.00")),
                Deferment(id="writer", payee="writer", amount=usd("500000.00")),
            )),
            FeeTier(id="t9-producer-fee", payee="ru-producer", rate=Share.parse("5%"),
                    base=Base.TIER_INPUT),
            ResidualSplit(id="t10-net", participations=(
                Participation(payee="ru-producer", share=Share.parse("50%")),
                Participation(payee="cn-producer", share=Share.parse("40%")),
                Participation(payee="eu-investor", share=Share.parse("10%")),
            )),
        )),),
    )


def build_rates() -> RateTable:
    rng = random.Random(7)
    rates = []
    for d in range(DAYS):
        day = START + dt.timedelta(days=d)
        rates.append(ExchangeRate(base=Currency("EUR"), quote=USD,
                                  rate=Decimal(rng.randint(105000, 112000)).scaleb(-5), date=day))
        rates.append(ExchangeRate(base=Currency("RUB"), quote=USD,
                                  rate=Decimal(rng.randint(1000, 1200)).scaleb(-5), date=day))
        rates.append(ExchangeRate(base=USD, quote=Currency("CNY"),
                                  rate=Decimal(rng.randint(71000, 72500)).scaleb(-4), date=day))
    return RateTable(rates=tuple(rates))


def build_lines(n: int):  # type: ignore[no-untyped-def]
    import numpy as np

    rng = np.random.default_rng(42)
    cur = rng.choice(len(CURRENCIES), size=n, p=[0.5, 0.2, 0.2, 0.1])
    amounts = rng.integers(1, 5_000_000, size=n, dtype=np.int64)  # up to 50 000.00
    days = START.toordinal() + rng.integers(0, DAYS, size=n, dtype=np.int64)
    terr = rng.integers(0, len(TERRITORIES), size=n, dtype=np.int64)
    return cur, amounts, days, terr


# --- the plain Decimal loop ---------------------------------------------------------------


def decimal_loop(wf: Waterfall, rates: RateTable, lines) -> dict[str, Decimal]:  # type: ignore[no-untyped-def]
    """The same work with Decimal.

    Per line route, convert (quantize half-even) and add to its pool; then the ten tiers on
    the totals. Same cents as coprod, by the same rules.
    """
    from fractions import Fraction

    cur_idx, amounts, days, terr = (x.tolist() for x in lines)
    cent = Decimal("0.01")
    # exact factors per (currency, day), as Decimal when they terminate, else as a fraction
    factors: dict[tuple[int, int], Decimal | Fraction] = {}
    for ci, c in enumerate(CURRENCIES):
        if c == "USD":
            continue
        for d in range(min(days), max(days) + 1):
            f, _, _ = rates.factor(Currency(c), USD, pendulum.Date.fromordinal(d))
            dec = Decimal(f.numerator) / Decimal(f.denominator)
            factors[(ci, d)] = dec if Fraction(dec) == f else f
    retained_codes = {TERRITORIES.index("RU"), TERRITORIES.index("CN")}
    pool = Decimal(0)
    retained = Decimal(0)
    for i in range(len(amounts)):
        amount = Decimal(amounts[i]).scaleb(-2)
        if terr[i] in retained_codes:
            retained += amount
            continue
        ci = cur_idx[i]
        if ci:
            factor = factors[(ci, days[i])]
            if isinstance(factor, Decimal):
                amount = (amount * factor).quantize(cent, rounding=ROUND_HALF_EVEN)
            else:  # a divided rate that does not terminate: exact, then rounded once
                exact = Fraction(amount) * factor
                amount = (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(
                    cent, rounding=ROUND_HALF_EVEN)
        pool += amount
    return _tiers_to_date(wf.pools[0].tiers, pool)


def _tiers_to_date(tiers, pool: Decimal) -> dict[str, Decimal]:  # type: ignore[no-untyped-def]
    cent = Decimal("0.01")
    avail = pool
    paid: dict[str, Decimal] = {}

    def pay(payee: str, amount: Decimal) -> None:
        paid[payee] = paid.get(payee, Decimal(0)) + amount

    def split(total: Decimal, weights: list[int]) -> list[Decimal]:
        units = apportion(int(total.scaleb(2)), weights)
        return [Decimal(u).scaleb(-2) for u in units]

    for t in tiers:
        if isinstance(t, FeeTier | BackendTier):
            rate = t.rate if isinstance(t, FeeTier) else t.share
            base = pool if t.base is Base.POOL_RECEIPTS else avail
            claim = (
                base * Decimal(rate.value.numerator) / Decimal(rate.value.denominator)
            ).quantize(cent, rounding=ROUND_HALF_EVEN)
            take = min(avail, claim, t.cap.amount if t.cap else claim)
            pay(t.payee, take)
        elif isinstance(t, ExpenseTier):
            take = min(avail, t.incurred.amount, t.cap.amount if t.cap else t.incurred.amount)
            pay(t.payee, take)
        elif isinstance(t, CorridorTier):
            band = max(Decimal(0), avail - t.lower.amount)
            if t.upper is not None:
                band = min(band, t.upper.amount - t.lower.amount)
            take = min(
                avail,
                (
                    band * Decimal(t.rate.value.numerator) / Decimal(t.rate.value.denominator)
                ).quantize(cent, rounding=ROUND_HALF_EVEN),
            )
            pay(t.payee, take)
        elif isinstance(t, RecoupmentTier | DefermentTier):
            items = t.positions if isinstance(t, RecoupmentTier) else t.deferments
            ents = [
                (p.entitlement if isinstance(t, RecoupmentTier) else p.amount).minor_units
                for p in items
            ]
            take = min(avail, Decimal(sum(ents)).scaleb(-2))
            for p, part in zip(items, split(take, ents), strict=True):
                pay(p.payee, part)
        else:
            take = avail
            weights = [p.share.value for p in t.participations]
            for p, part in zip(t.participations, split(take, weights), strict=True):  # type: ignore[arg-type]
                pay(p.payee, part)
        avail -= take
    return paid


def coprod_run(wf: Waterfall, rates: RateTable, lines):  # type: ignore[no-untyped-def]
    import numpy as np

    cur, amounts, days, terr = lines
    batches = []
    for i, code in enumerate(CURRENCIES):
        mask = cur == i
        batches.append(ReceiptColumns(currency=code, amounts=amounts[mask], days=days[mask],
                                      territories=(terr[mask], TERRITORIES)))
    del np
    return batches


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs for coprod")
    args = parser.parse_args()
    try:
        import numpy  # noqa: F401
    except ImportError:
        print("this benchmark needs numpy (pip install 'coprod[fast]')")
        return 2
    wf = build_waterfall()
    rates = build_rates()
    lines = build_lines(args.lines)
    batches = coprod_run(wf, rates, lines)  # splitting by currency is the caller's data prep

    best = float("inf")
    dist = None
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        ingested = aggregate(wf, batches, rates)
        dist = distribute(wf, ingested)
        best = min(best, time.perf_counter() - t0)
    assert dist is not None
    dist.check_balance()

    t0 = time.perf_counter()
    baseline = decimal_loop(wf, rates, lines)
    t_loop = time.perf_counter() - t0

    ours = {k: v.amount for k, v in dist.payouts().items()}
    same = (all(ours.get(k, Decimal(0)) == v for k, v in baseline.items())
            and set(ours) == set(baseline))
    n = args.lines
    print(f"waterfall benchmark: {n:,} receipt lines, 10 tiers, 4 currencies, daily rates "
          f"({platform.python_implementation()} {platform.python_version()}, {platform.machine()})")
    print(f"  coprod (columns -> aggregate -> distribute): {best:8.3f} s  "
          f"{n / best / 1e6:8.2f} M lines/s")
    print(f"  plain Decimal loop, same work:               {t_loop:8.3f} s  "
          f"{n / t_loop / 1e6:8.2f} M lines/s")
    print(f"  ratio coprod / Decimal loop: {t_loop / best:.1f}x")
    print(f"  identical payments to the cent: {'yes' if same else 'NO'}; balanced: yes")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
