"""Availability queries over 100,000 grants: the index against a linear scan, in one run.

Run from the repository root::

    python benchmarks/bench_avails.py [--grants 100000] [--queries 300] [--seed 7]

It generates a ledger of random but plausible grants (mostly single countries, some regions,
a few worldwide-except grants; one to three media; mixed languages, exclusivity and terms),
answers the same queries through :meth:`coprod.rights.RightsLedger.availability` (indexed)
and :meth:`~coprod.rights.RightsLedger.availability_linear` (every grant scanned), checks that
both give the same answers, and prints the median latency of each and their ratio.

The indexed answer decides ``available`` from per-cell runs of blocked days and works out its
rows and blockers when they are first read, so it is timed twice: as returned, and with the
rows and blockers read too (the work the linear scan always does). The figures are printed,
never asserted: they depend on the machine.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import time

import pendulum

from coprod._rights_algebra import term_days
from coprod.languages import LanguageScope
from coprod.media import expand_media
from coprod.rights import AvailabilityQuery, MatchType, RightsGrant, RightsLedger
from coprod.terms import Term
from coprod.territories import Territories, TerritorySet, universe
from coprod.windows import Window

MEDIA = ["theatrical", "free-tv", "pay-tv", "svod", "avod", "tvod", "est", "all-vod", "all-tv",
         "physical-home-video", "airline-ship-hotel"]
REGIONS = ["150", "143", "030", "035", "005", "021", "145", "EU"]
LANGS = ["ru", "zh", "en", "fr", "de", "es", "kk", "zh-Hans"]


def generate(n: int, seed: int) -> RightsLedger:
    rng = random.Random(seed)
    countries = sorted(universe())
    grants = []
    for i in range(n):
        roll = rng.random()
        if roll < 0.78:
            territories = Territories.of(rng.choice(countries))
        elif roll < 0.978:
            territories = Territories.of(*rng.sample(countries, rng.randint(2, 6)))
        elif roll < 0.998:
            territories = Territories.of(rng.choice(REGIONS))
        else:
            territories = Territories.excluding(*rng.sample(countries, rng.randint(1, 3)))
        start = pendulum.Date(rng.randint(2000, 2030), rng.randint(1, 12), rng.randint(1, 28))
        end = None if rng.random() < 0.1 else start.add(years=rng.randint(1, 10)).subtract(days=1)
        if rng.random() < 0.5:
            languages = LanguageScope.any()
        else:
            languages = LanguageScope.of(*rng.sample(LANGS, rng.randint(1, 2)),
                                         versions=rng.choice([None, ["dubbed"], ["subtitled"]]))
        grants.append(RightsGrant(
            id=f"g{i:06d}", grantor=f"seller-{rng.randint(1, 50)}",
            grantee=f"buyer-{rng.randint(1, 500)}", territories=territories,
            media=rng.sample(MEDIA, rng.randint(1, 3)), languages=languages,
            term=Window(start=start, end=end), exclusive=rng.random() < 0.6,
        ))
    return RightsLedger(id="benchmark", grants=tuple(grants))


def queries(k: int, seed: int) -> list[AvailabilityQuery]:
    rng = random.Random(seed + 1)
    countries = sorted(universe())
    out = []
    for _ in range(k):
        start = pendulum.Date(rng.randint(2005, 2030), rng.randint(1, 12), 1)
        out.append(AvailabilityQuery(
            territories=TerritorySet.of(rng.choice(countries)),
            media=[rng.choice(["svod", "free-tv", "tvod", "theatrical"])],
            languages=LanguageScope.of(rng.choice(LANGS)),
            period=Term(start, start.add(years=1).subtract(days=1)),
            match=rng.choice(list(MatchType)),
            exclusive_only=rng.random() < 0.3,
        ))
    return out


def _time(fn, q) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    result = fn(q)
    return time.perf_counter() - t0, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grants", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--linear-queries", type=int, default=15)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    t0 = time.perf_counter()
    ledger = generate(args.grants, args.seed)
    t1 = time.perf_counter()
    warm = queries(1, args.seed)[0]
    _rows = ledger.availability(warm).rows  # resolves every grant, builds runs and index
    t2 = time.perf_counter()
    print(f"grants: {len(ledger.grants):,}  (generated in {t1 - t0:.1f} s; "
          f"resolved and indexed in {t2 - t1:.1f} s)")

    # The ledger is long-lived: keep the collector from rescanning it on every query.
    gc.collect()
    gc.freeze()

    qs = queries(args.queries, args.seed)
    analysis = ledger._analysis()
    lookup_i, lookup_l = [], []
    for q in qs[: args.linear_queries * 4]:
        first, last = term_days(q.period)
        media = expand_media(q.media)
        t0 = time.perf_counter()
        found = analysis.candidates(q.territories.codes, media, first, last)
        t1 = time.perf_counter()
        scanned = analysis.candidates_linear(q.territories.codes, media, first, last)
        t2 = time.perf_counter()
        assert [e.key for e in found] == [e.key for e in scanned]
        lookup_i.append(t1 - t0)
        lookup_l.append(t2 - t1)
    indexed = []
    detailed = []
    answers = []
    for q in qs:
        t0 = time.perf_counter()
        result = ledger.availability(q)
        t1 = time.perf_counter()
        _detail = result.rows, result.blockers
        t2 = time.perf_counter()
        indexed.append(t1 - t0)
        detailed.append(t2 - t0)
        answers.append(result)
    linear = []
    for q, expected in zip(qs[: args.linear_queries], answers, strict=False):
        dt, result = _time(ledger.availability_linear, q)
        linear.append(dt)
        assert result == expected, f"index and scan disagree on {q}"
    wide = AvailabilityQuery(territories=TerritorySet.parse("150"), media=["all-vod"],
                             period=Term(pendulum.Date(2026, 1, 1), pendulum.Date(2026, 12, 31)),
                             match=MatchType.OVERLAP)
    wide_dt = statistics.median(_time(ledger.availability, wide)[0] for _ in range(5))
    wide_full = statistics.median(
        _time(lambda q: ledger.availability(q).rows, wide)[0] for _ in range(3))

    med_i, med_l = statistics.median(indexed), statistics.median(linear)
    med_d = statistics.median(detailed)
    p95 = sorted(indexed)[int(0.95 * (len(indexed) - 1))]
    p95_d = sorted(detailed)[int(0.95 * (len(detailed) - 1))]
    li, ll = statistics.median(lookup_i), statistics.median(lookup_l)
    print(f"index look-up (grants touching the query): median {li * 1e6:,.0f} µs; "
          f"linear scan {ll * 1e3:,.1f} ms; ratio {ll / li:,.0f}x over {len(lookup_i)} queries")
    print(f"indexed query (1 country, 1 medium, 1 language, 1 year): median {med_i * 1e6:,.0f} µs, "
          f"p95 {p95 * 1e6:,.0f} µs over {len(indexed)} queries")
    print(f"indexed query with its rows and blockers read: median {med_d * 1e6:,.0f} µs, "
          f"p95 {p95_d * 1e6:,.0f} µs")
    print(f"linear scan, same queries: median {med_l * 1e3:,.1f} ms over {len(linear)} queries")
    print(f"ratio linear/indexed: {med_l / med_i:,.0f}x; with rows and blockers read: "
          f"{med_l / med_d:,.0f}x (answers identical)")
    print(f"wide query (Europe, all VOD media, any language): median {wide_dt * 1e3:,.2f} ms; "
          f"with its rows and blockers read: {wide_full * 1e3:,.0f} ms")


if __name__ == "__main__":
    main()
