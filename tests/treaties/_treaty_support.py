"""Helpers for the per-instrument tests: build an agreement from a few numbers (not a test)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from coprod import Country, Money, Organisation, Person, Share, parse_date
from coprod.agreements import (
    AgreementDates,
    Approval,
    ApprovalKind,
    Contribution,
    CoProducer,
    CoProducerRole,
    CoProductionAgreement,
    CreativeRole,
    KeyPerson,
    Location,
    LocationKind,
    Production,
    ProductionKind,
    Title,
)
from coprod.findings import Report
from coprod.validation import validate

BUDGET = Money.parse("10000000.00 USD")

#: Codes the contribution rules emit (financial shares and caps).
CONTRIBUTION_CODES = ("CONTRIB-", "NONPARTY-", "COMPANY-", "FINONLY-")


def build(
    parts: Sequence[tuple[str, str, str]],
    *,
    kind: str = "feature-film",
    languages: Sequence[str] = ("en",),
    versions: Sequence[str] = (),
    signed: str = "2025-01-10",
    application: str | None = None,
    photography: str | None = None,
    personnel: Sequence[tuple[str, str, int | None]] = (),
    locations: Sequence[tuple[str, str, str]] = (),
    approvals: Sequence[tuple[str, str]] = (),
    treaty: str | None = None,
) -> CoProductionAgreement:
    """An agreement from ``(country, share, role)`` triples, one co-producer each.

    Each co-producer contributes exactly its share of a 10 000 000.00 USD budget.
    *personnel* are ``(role, nationality, rank)``; *locations* ``(kind, country, amount)``;
    *approvals* ``(kind, country)``.
    """
    orgs = []
    co_producers = []
    contributions = []
    for i, (cc, share, role) in enumerate(parts):
        org = Organisation(id=f"p{i}-{cc.lower()}", name=f"Producer {i} {cc}", country=Country(cc))
        orgs.append(org)
        co_producers.append(CoProducer(party=org.id, role=CoProducerRole(role)))
        amount = Share.parse(share).value * Fraction(BUDGET.amount)
        contributions.append(Contribution(
            party=org.id, amount=Money.of(Decimal(amount.numerator) / amount.denominator, "USD")))
    people = []
    positions = []
    for j, (role, cc, rank) in enumerate(personnel):
        people.append(Person(id=f"person-{j}", name=f"Person {j}", nationalities=(Country(cc),)))
        positions.append(KeyPerson(role=CreativeRole(role), person=f"person-{j}", rank=rank))
    return CoProductionAgreement(
        id="test",
        production=Production(
            kind=ProductionKind(kind), titles=(Title("Test", "en"),),
            original_languages=tuple(languages), language_versions=tuple(versions),
            budget=BUDGET, running_time_minutes=90,
        ),
        parties=(*orgs, *people),
        co_producers=tuple(co_producers),
        contributions=tuple(contributions),
        key_personnel=tuple(positions),
        locations=tuple(Location(kind=LocationKind(k), country=Country(c), spend=Money.parse(a))
                        for k, c, a in locations),
        approvals=tuple(Approval(kind=ApprovalKind(k), country=Country(c)) for k, c in approvals),
        dates=AgreementDates(
            signed=parse_date(signed),
            application=parse_date(application) if application else None,
            principal_photography=parse_date(photography) if photography else None),
        treaty=treaty,
    )


def contribution_codes(report: Report) -> list[str]:
    """The codes of the contribution-rule findings of severity error or warning."""
    return sorted(f.code for f in report.findings
                  if f.code.startswith(CONTRIBUTION_CODES) and f.severity.value != "info")


def errors(report: Report) -> list[str]:
    """The error codes, sorted."""
    return sorted(f.code for f in report.errors)


def check(parts: Sequence[tuple[str, str, str]], treaty: str | None = None,
          as_of: str | None = None, **kwargs: Any) -> Report:
    """Build and validate in one call."""
    return validate(build(parts, treaty=treaty, **kwargs), as_of=as_of)
