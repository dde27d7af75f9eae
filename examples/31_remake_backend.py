"""Tutorial: a remake whose source-work holder takes a backend share of its receipts.

Red Crane Pictures (China) remakes "A Winter Tale", a 1975 Soviet film whose remake rights
are held by Aurora Film Archive (Russia). The licence (examples/data/winter-tale-remake-
licence.yaml, clause 9.1) gives Aurora 5 % of the remake's gross receipts. The remake's
waterfall honours it with a backend tier built from the licence itself, so the share, the
payee and the clause cannot drift from the contract. The companies are invented; the
countries are real.
"""

from __future__ import annotations

from pathlib import Path

import pendulum

from coprod import Country, Currency, Money, Organisation, OrganisationKind, Share, load
from coprod.waterfall import (
    BackendTier,
    FeeTier,
    Participation,
    Pool,
    Position,
    Receipt,
    RecoupmentTier,
    ResidualSplit,
    Route,
    Waterfall,
    check,
    render_text,
    statements,
)

DATA = Path(__file__).parent / "data"
licence = load(DATA / "winter-tale-remake-licence.yaml")

CNY = Currency("CNY")
waterfall = Waterfall(
    id="winter-tale-2027",
    title="A Winter Tale (2027 remake)",
    currency=CNY,
    parties=(
        Organisation(id="red-crane", name="Red Crane Pictures Co. Ltd", country=Country("CN"),
                     kind=OrganisationKind.PRODUCER),
        Organisation(id="aurora-archive", name="Aurora Film Archive JSC", country=Country("RU"),
                     kind=OrganisationKind.PRODUCER),
        Organisation(id="golden-river", name="Golden River Distribution Co. Ltd",
                     country=Country("CN"), kind=OrganisationKind.DISTRIBUTOR),
    ),
    routes=(Route(pool="all", clause="14.1"),),
    pools=(Pool(id="all", name="Worldwide receipts", tiers=(
        # The backend is on gross receipts, so it comes first: 5 % of everything received.
        BackendTier.from_remake_licence(licence, id="source-backend"),
        FeeTier(id="distribution-fee", payee="golden-river", rate=Share.parse("25%"),
                clause="D 3.2"),
        RecoupmentTier(id="negative-cost", clause="14.2", positions=(
            Position(id="red-crane-budget", payee="red-crane",
                     amount=Money.parse("30000000.00 CNY")),)),
        ResidualSplit(id="net-profits", clause="14.3", participations=(
            Participation(payee="red-crane", share=Share.ONE),)),
    )),),
)

report = check(waterfall)
print(f"Licence {licence.id}: backend {licence.backend.share} to {licence.backend.party} "
      f"(clause {licence.backend.clause})")
print(f"Waterfall check: {len(report.findings)} finding(s)")

receipts = [
    Receipt(amount=Money.parse("18400000.00 CNY"), date=pendulum.Date(2027, 2, 12),
            territory=Country("CN"), medium="theatrical", source="Golden River",
            reference="GR-0212"),
    Receipt(amount=Money.parse("9650000.00 CNY"), date=pendulum.Date(2027, 3, 20),
            territory=Country("CN"), medium="theatrical", source="Golden River",
            reference="GR-0320"),
    Receipt(amount=Money.parse("12100000.00 CNY"), date=pendulum.Date(2027, 5, 8),
            territory=Country("CN"), medium="svod", source="Golden River", reference="GR-0508"),
]
for statement in statements(waterfall, receipts, frequency="quarter"):
    print()
    print(render_text(statement, trace=False))
    backend = statement.lines_for("aurora-archive")[0]
    print(f"-> Aurora's backend this quarter: {backend.this_period} "
          f"(5% of {statement.pools[0].receipts_this_period} received), clause {backend.clause}")
