"""Validation of one agreement against its instrument: median time per call.

Run from the repository root::

    python benchmarks/bench_validation.py [--calls 2000]

Each example agreement in ``examples/data`` is loaded once, then :func:`coprod.validate`
is timed on a fresh copy of it for every call, so nothing an agreement caches about itself
is reused (the instrument found from the agreement, every applicable rule run, the report
built). The target of issue 7 is a median below 1 ms. Figures are printed, never
asserted: they depend on the machine.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from pathlib import Path

import attrs

import coprod
from coprod.agreements import CoProductionAgreement

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=2000, help="timed calls per agreement")
    args = parser.parse_args()
    agreements = []
    for path in sorted((ROOT / "examples" / "data").glob("*.yaml")):
        try:
            agreements.append((path.name, coprod.load(path, kind=CoProductionAgreement)))
        except coprod.DocumentError:
            continue  # another kind of document
    all_times = []
    for name, agreement in agreements:
        coprod.validate(agreement)  # warm: the catalogue is loaded once
        # A fresh copy for every call: an agreement caches what it derives (party index,
        # totals), and an application validates each agreement once, caches cold.
        copies = [attrs.evolve(agreement) for _ in range(args.calls)]
        times = []
        gc.collect()
        for copy in copies:
            t0 = time.perf_counter()
            report = coprod.validate(copy)
            times.append(time.perf_counter() - t0)
        all_times.extend(times)
        med = statistics.median(times)
        p95 = sorted(times)[int(0.95 * (len(times) - 1))]
        print(f"validate {name} ({report.instrument}, {len(report.findings)} findings): "
              f"median {med * 1e6:,.0f} µs, p95 {p95 * 1e6:,.0f} µs")
    med = statistics.median(all_times)
    print(f"validate, all agreements: median {med * 1e6:,.0f} µs per agreement "
          f"(target < 1,000 µs: {'met' if med < 1e-3 else 'not met'})")


if __name__ == "__main__":
    main()
