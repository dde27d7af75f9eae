"""Tutorial: the revenue waterfall of a Russian–Chinese animated feature, in RUB, CNY and USD.

"The Snow Fox" (examples/data/ru-cn-animated-feature.yaml) is co-produced by Volga Frame
Animation (Russia, 55 % of the budget) and Jade Lantern Pictures (China, 45 %) under the 2017
Russia–China agreement. Its waterfall (examples/data/ru-cn-animated-feature.waterfall.yaml):

* receipts from Russia stay with Volga Frame, receipts from China with Jade Lantern, each in
  its own currency (territorial retention);
* the rest of the world goes through the sales agent, Northern Bridge Sales: a 15 % fee,
  then its expenses up to a cap of 150 000 USD;
* then both co-producers recoup their cash pari passu with a 10 % premium;
* then the rest is split in proportion to the contributions (55/45).

Receipts in RUB and CNY from outside Russia and China are converted to US dollars with the
rate table the parties agreed (examples/data/snow-fox-rates.csv), each conversion rounded
once and recorded. We draw up two quarterly statements: Q3 2026, then Q4 2026 starting from
the state Q3 left, exactly as a finance team would, and check that they add up to a single
statement over both quarters. The companies are invented; the countries and treaty are real.

Run it:  python examples/30_waterfall_ru_cn_three_currencies.py [--chart snow-fox.png]

With ``--chart`` (and the extra ``coprod[plot]``, which installs matplotlib) it also draws the
recoupment progress of both investments and who got what, as ``coprod waterfall --chart`` does.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from coprod import Money, load
from coprod.serialization import dump
from coprod.waterfall import (
    WaterfallState,
    check,
    distribute,
    load_rates,
    load_receipts,
    period_of,
    render_text,
    statements,
)

DATA = Path(__file__).parent / "data"
parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--chart", type=Path, help="draw the chart into this file (PNG, SVG, PDF)")
options = parser.parse_args()

agreement = load(DATA / "ru-cn-animated-feature.yaml")
waterfall = load(DATA / "ru-cn-animated-feature.waterfall.yaml")
rates = load_rates(DATA / "snow-fox-rates.csv")
receipts = load_receipts(DATA / "snow-fox-receipts.csv")

# 1. Check the waterfall against the agreement before paying anyone.
report = check(waterfall, agreement)
print(f"Waterfall check: {len(report.findings)} finding(s)")
for finding in report.findings:
    print(f"  {finding}")

# 2. The Q3 statement: only the receipts of July to September.
q3_period = period_of(receipts[0].date, "quarter")
q3 = distribute(waterfall, [r for r in receipts if q3_period.contains(r.date)],
                rates=rates, period=q3_period, agreement=agreement)
print()
print(render_text(q3))

# 3. Keep the state as a file, as `coprod waterfall --new-state` does, and read it back.
with tempfile.TemporaryDirectory() as tmp:
    state_file = Path(tmp) / "snow-fox-state.json"
    dump(q3.state, state_file)
    carried = load(state_file, kind=WaterfallState)

# 4. The Q4 statement starts from the carried state.
q4_receipts = [r for r in receipts if r.date > q3_period.end]
q4 = distribute(waterfall, q4_receipts, carried, rates=rates,
                period=period_of(q4_receipts[0].date, "quarter"), agreement=agreement)
print()
print(render_text(q4, trace=False))

# 5. Two statements add up exactly to one over both quarters.
whole = distribute(waterfall, receipts, rates=rates, agreement=agreement)
assert q4.state.paid == whole.state.paid
assert statements(waterfall, receipts, frequency="quarter", rates=rates,
                  agreement=agreement)[-1].state.paid == whole.state.paid
print()
def grouped(money: Money) -> str:
    """``2 592 961.26 USD``: digits in groups of three, as the statements print them."""
    return f"{money.amount:,f} {money.currency.code}".replace(",", " ")


print("Paid in the two quarters, per payee (equal to one statement over both):")
for payee, amount in whole.payouts().items():
    print(f"  {whole.name_of(payee):34} {grouped(q3.payouts()[payee]):>18} + "
          f"{grouped(q4.payouts()[payee]):>18} = {grouped(amount):>18}")

# 6. The chart: recoupment progress after each quarter, and who got what to date.
if options.chart is not None:
    from coprod.waterfall.plot import plot_distribution

    plot_distribution([q3, q4], waterfall, options.chart)
    print()
    print(f"Chart written to {options.chart.name}")
