"""Tutorial: a Chinese remake of a Soviet-era Russian film, and a release plan that goes too far.

Red Lotus Pictures (China) remakes "Autumn Waltz", a 1979 film of a Soviet studio whose
rights passed to Gorizont Film Archive (Russia) on privatisation. The licence
(examples/data/autumn-waltz-remake-licence.yaml) covers Greater China, in Chinese, for 15
years from the remake's first theatrical release, with an 18-month option. The plan
(examples/data/autumn-waltz-remake-plan.yaml) adds Singapore and Malaysia. This script shows
what coprod says about the licence, about the plan, and about the plan once it is fixed.
The companies and the film are invented; the countries are real.
"""

from __future__ import annotations

from pathlib import Path

import attrs

from coprod import load, parse_date
from coprod.languages import LanguageScope
from coprod.remakes import RemakeLicense, RemakePlan, check_remake
from coprod.territories import Territories

DATA = Path(__file__).parent / "data"
licence = load(DATA / "autumn-waltz-remake-licence.yaml", kind=RemakeLicense)
plan = load(DATA / "autumn-waltz-remake-plan.yaml", kind=RemakePlan)

work = licence.source_work
print(f"Source work: {work.title} ({work.year}), country {work.country.code} "
      f"({work.country.name}, historic: {work.country.is_historic})")
print(f"Licence {licence.id}: {licence.licensor} -> {licence.licensee}, "
      f"{', '.join(k.value for k in licence.kinds)} in {licence.territories}, {licence.languages}")
option = licence.option
assert option is not None
print(f"Option: from {option.start} for {option.period.describe()}, deadline {option.deadline()}, "
      f"exercised {option.exercised}; price {licence.purchase_price}")
for participation in licence.participations():
    print(f"Backend for the waterfall: {participation.party} takes {participation.share} "
          f"of {participation.basis} (clause {participation.clause})")


def show(title: str, report: object) -> None:
    print(f"\n{title}")
    for finding in report.findings:  # type: ignore[attr-defined]
        clause = finding.citation.article if finding.citation else "-"
        print(f"  {finding.severity.value:<7} {finding.code} @ {finding.path} [clause {clause}]")
        print(f"          {finding.message}")
    print(f"  -> {'no errors' if report.valid else 'errors to resolve'}")  # type: ignore[attr-defined]


as_of = parse_date("2026-01-15")
show(f"The plan as drafted, checked on {as_of}", check_remake(licence, plan, as_of=as_of))

# The producer drops Singapore and Malaysia (or negotiates them into the licence), keeps the
# Taiwanese SVOD licence but in Chinese only (the licence covers no other language), and the
# archive moves its TV package of the old film out of the holdback window.
fixed = attrs.evolve(
    plan,
    releases=tuple(r for r in plan.releases if "SG" not in (r.territories.include or ())),
    grants=tuple(
        attrs.evolve(g, territories=Territories.of("TW"), languages=LanguageScope.of("zh"))
        if g.id == "sea-svod" else g
        for g in plan.grants
    ),
    source_grants=(),
)
show("The plan without Singapore and Malaysia", check_remake(licence, fixed, as_of=as_of))
