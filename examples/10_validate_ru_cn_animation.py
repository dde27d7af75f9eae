"""Validate a Russian–Chinese animated feature under the 2017 Russia–China agreement.

A legal team receives the co-production agreement for "The Snow Fox" (two invented studios,
one in Kazan, one in Hangzhou) and wants to know, finding by finding, whether it qualifies as
an official co-production under the Russia–China agreement of 2017 (CN-RU-2017), and which
provision says so. Then it looks at three drafts that do not qualify: one where the Chinese
share is 15 %, one where a third-country partner puts in more than 30 %, and one without a
Chinese version.

Run it:  python examples/10_validate_ru_cn_animation.py
"""

from pathlib import Path

import coprod
from coprod.reporting import render_text

DATA = Path(__file__).parent / "data"

# 1. Load the agreement. Loading checks every cross-reference: a contribution from a party the
#    agreement does not list would be reported with its path, before any legal check runs.
agreement = coprod.load(DATA / "ru-cn-animated-feature.yaml", kind=coprod.CoProductionAgreement)

# 2. Shares are derived from the contributions, converted at the rates agreed in the contract.
for cp in agreement.co_producers:
    print(
        f"{agreement.party(cp.party).name:<32} {cp.role.value:<10} {agreement.share_of(cp.party)}"
    )
print()

# 3. Validate. With no treaty given, coprod uses the one the agreement invokes and checks it
#    is the one that governs Russia and China on the relevant date.
report = coprod.validate(agreement)
print(render_text(report, "ru-cn-animated-feature.yaml", agreement.production.title))
assert report.valid
assert report.instrument == "CN-RU-2017"

# 4. Three drafts that do not qualify, and the finding a legal team would see in each.
for name, expected in [
    ("ru-cn-animated-feature-15-percent.yaml", "CONTRIB-BELOW-MIN"),
    ("ru-cn-animated-feature-third-country.yaml", "NONPARTY-ABOVE-CAP"),
    ("ru-cn-animated-feature-no-chinese.yaml", "LANG-VERSION-MISSING"),
]:
    draft = coprod.load(DATA / name, kind=coprod.CoProductionAgreement)
    result = coprod.validate(draft)
    print(f"{name}: {'qualifies' if result.valid else 'does NOT qualify'}")
    for finding in result.errors:
        c = finding.citation
        print(f"  {finding.code} at {finding.path}")
        print(f"    {finding.message}")
        if c is not None:
            print(f"    {c.instrument}, {c.article} ({c.confidence.value} confidence) {c.source}")
    assert [f.code for f in result.errors] == [expected]
