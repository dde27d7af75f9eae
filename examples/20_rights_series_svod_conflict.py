"""Tutorial: a streaming service's exclusive SVOD rights in Russia, and a grant that collides.

"Northern Silk" is a TV series co-produced by Polar Lights Studio (Russia) and Jade River
Media (China), each keeping its home territories. Sever Stream holds exclusive SVOD rights
in Russia until 31 August 2028. Jade River then licensed exclusive VOD rights for "the CIS"
(a group that includes Russia) to Steppe Play. This script loads the rights ledger
(examples/data/northern-silk-rights.yaml) and shows what a rights team would see: the
conflict with its exact slice, everything else the check finds, and what is still free.
The companies are invented; the countries are real.
"""

from __future__ import annotations

from pathlib import Path

from coprod import load, parse_date
from coprod.rights import AvailabilityQuery, MatchType, RightsLedger
from coprod.terms import Term

DATA = Path(__file__).parent / "data"
ledger = load(DATA / "northern-silk-rights.yaml", kind=RightsLedger)
print(f"{ledger.title}: {len(ledger.grants)} grants\n")

# 1. Conflicts: which grants collide, why, and exactly where.
print("Conflicts")
for conflict in ledger.conflicts():
    print(f"  {conflict.reason.code}: {conflict.first} x {conflict.second}")
    for piece in conflict.slices:
        print(f"    overlap: {piece}")

# 2. The full check: conflicts, grants beyond what the grantor holds, holdbacks, gaps.
report = ledger.check(as_of=parse_date("2025-12-01"))
print(f"\nCheck as of {report.as_of}: {report.counts()}")
for finding in report.findings:
    clause = finding.citation.article if finding.citation else "-"
    print(f"  {finding.severity.value:<7} {finding.code} @ {finding.path} [{clause}]")
    print(f"          {finding.message}")

# 3. Availability: could Steppe Play have had SVOD in Russia and Kazakhstan in 2026-2027?
query = AvailabilityQuery(
    territories="RU, KZ", media=["svod"], languages="ru",
    period=Term(parse_date("2026-01-01"), parse_date("2027-12-31")), match=MatchType.COVER,
)
# Leave Steppe Play's own grant out: the question is what was free before it was signed.
before = RightsLedger(
    id=ledger.id, ownership=ledger.ownership, events=ledger.events,
    territory_groups=ledger.territory_groups,
    grants=tuple(g for g in ledger.grants if g.id != "vod-cis-steppe"),
)
answer = before.availability(query)
print(f"\nSVOD in RU and KZ, all of 2026-2027, in Russian: "
      f"{'available' if answer.available else 'not available'}")
for row in answer.rows:
    print(f"  {row}")
for blocker in answer.blockers:
    print(f"  blocked by {blocker}")

# 4. When does Russian SVOD become free again?
later = AvailabilityQuery(
    territories="RU", media=["svod"], languages="ru",
    period=Term(parse_date("2028-01-01"), parse_date("2028-12-31")), match=MatchType.STARTS_WITHIN,
)
free = before.availability(later).rows[0].free
print(f"\nRussian SVOD becomes free on {free[0].start} (a window starting within 2028)")
