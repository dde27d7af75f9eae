"""A three-country European co-production under the revised convention (CETS 220).

An Italian, a Spanish and a Portuguese company (all invented) co-produce a feature film with
a small Brazilian partner. coprod finds the instrument (CETS 220: every European state
involved is bound by it, so Eurimages applies the revised percentages), checks the shares
(5–80 % for multilateral co-productions, non-party partners together at most 30 %) and scores
the film on the Appendix II points table for fiction (16 of 21 needed). Then it shows what
happens if the Italian director and lead actor are replaced by people from outside the
Parties: the points fall below the pass mark.

Run it:  python examples/12_european_three_country_cets220.py
"""

from pathlib import Path

import attrs

import coprod
from coprod.reporting import render_text

DATA = Path(__file__).parent / "data"

agreement = coprod.load(DATA / "eu-three-country-cets220.yaml", kind=coprod.CoProductionAgreement)

# Which instrument governs Italy, Spain and Portugal together, and why?
[answer] = coprod.treaties.applicable(["IT", "ES", "PT"], on="2025-02-03")
print(f"{answer.instrument}: {answer.reason}")
print()

report = coprod.validate(agreement)
print(render_text(report, "eu-three-country-cets220.yaml", agreement.production.title))
assert report.valid
assert report.instrument == "CETS-220"

# The points table, element by element, straight from the catalogue.
rule = coprod.treaties.get("CETS-220").rule("fiction")
for element in rule.elements:
    print(f"  {element.points} pt  {element.label}")
print()

# Replace the director and the first lead with people from a state that is not a Party.
outsider = coprod.Person(id="john-doe", name="John Doe", nationalities=(coprod.Country("US"),))
personnel = tuple(
    attrs.evolve(k, person="john-doe")
    if k.role.value in ("director", "lead-role") and k.rank in (None, 1)
    else k
    for k in agreement.key_personnel
)
recast = attrs.evolve(agreement, parties=(*agreement.parties, outsider), key_personnel=personnel)
result = coprod.validate(recast)
for f in (*result.with_code("POINTS-SCORE"), *result.errors):
    print(f"{f.severity.value} {f.code}: {f.message}")
assert [f.code for f in result.errors] == ["POINTS-BELOW-PASS"]
