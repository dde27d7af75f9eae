"""Fix what the validator found, and check the fix.

The draft in ``ru-cn-animated-feature-15-percent.yaml`` gives the Chinese co-producer 15 % of
the budget; the Russia–China agreement of 2017 requires at least 20 %. The producers agree to
move 600 000 USD worth of financing from the Russian side to the Chinese side (paid in yuan at
the rate the contract fixes), and to align the copyright shares. This script makes that change
on the loaded agreement, validates again, and shows the result. Values are frozen: a change
makes a new agreement (``attrs.evolve``), the draft is untouched.

Run it:  python examples/11_fix_what_the_validator_found.py
"""

from pathlib import Path

import attrs

import coprod

DATA = Path(__file__).parent / "data"

draft = coprod.load(
    DATA / "ru-cn-animated-feature-15-percent.yaml", kind=coprod.CoProductionAgreement
)
before = coprod.validate(draft)
print("Before:", "qualifies" if before.valid else "does NOT qualify")
for f in before.errors:
    print(f"  {f.code} at {f.path}: {f.message}")

# The finding's path points at the contribution to change.
[finding] = before.with_code("CONTRIB-BELOW-MIN")
assert finding.path == "$.contributions[2]"

# 600 000 USD is 54 000 000 RUB and 4 320 000 CNY at the agreed rates (90 and 7.2).
contributions = list(draft.contributions)
contributions[0] = attrs.evolve(contributions[0],
                                amount=contributions[0].amount - coprod.Money.parse("54000000 RUB"))
contributions[2] = attrs.evolve(contributions[2],
                                amount=contributions[2].amount + coprod.Money.parse("4320000 CNY"))
copyright_ = (
    coprod.CopyrightShare(party="volga-frame", share=coprod.Share.parse("60%")),
    coprod.CopyrightShare(party="jade-lantern", share=coprod.Share.parse("20%")),
    coprod.CopyrightShare(party="steppe-light", share=coprod.Share.parse("20%")),
)
# A new version of the agreement gets an id of its own, so the two files are never confused.
fixed = attrs.evolve(draft, id="snow-fox-rev-2", contributions=tuple(contributions),
                     copyright=copyright_)

after = coprod.validate(fixed)
print()
print("After:", "qualifies" if after.valid else "does NOT qualify")
for cp in fixed.co_producers:
    print(f"  {fixed.party(cp.party).name:<32} {cp.role.value:<14} {fixed.share_of(cp.party)}")
for f in after.warnings:
    print(f"  warning {f.code}: {f.message}")
assert after.valid

# The fixed agreement can be written back as a document for the lawyers' file.
print()
print("\n".join(coprod.dumps(fixed, "yaml").splitlines()[:3]))
