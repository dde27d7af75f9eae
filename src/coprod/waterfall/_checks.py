"""Checks on a waterfall, as findings (never exceptions).

:func:`check` looks at the waterfall alone (shares, payees, caps, routes, pools, tier
order) and, when given the co-production agreement, at the two together: a financial-only
co-producer must share in the receipts (ETS 147 Art. 9, CETS 220 Art. 9: the contract must
have receipts-sharing clauses), and a net-profit split should follow the contributions.

Every code is listed in :data:`FINDING_CODES` and on the reference page.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from fractions import Fraction
from typing import TYPE_CHECKING

import pendulum

from coprod.agreements import CoProducerRole, CoProductionAgreement, Provision
from coprod.findings import Citation, Finding, FindingCode, Report, Severity
from coprod.money import Money
from coprod.waterfall import _args
from coprod.waterfall._engine import contribution_weights
from coprod.waterfall._model import (
    BackendTier,
    Base,
    CorridorTier,
    FeeTier,
    ResidualSplit,
    Waterfall,
)

if TYPE_CHECKING:
    from coprod.treaties import Rule, Treaty

__all__ = ["FINDING_CODES", "check"]

_ORIGIN = "waterfall"

#: Every finding code :func:`check` may emit.
FINDING_CODES: tuple[FindingCode, ...] = (
    FindingCode(code="WF-SHARES-TOTAL", severity=Severity.ERROR, origin=_ORIGIN,
                summary="The shares of a residual split do not add up to 100%."),
    FindingCode(code="WF-PAYEE-UNKNOWN", severity=Severity.ERROR, origin=_ORIGIN,
                summary="A route or tier pays a payee that is not among the parties."),
    FindingCode(code="WF-CAP-NEGATIVE", severity=Severity.ERROR, origin=_ORIGIN,
                summary="A cap is negative."),
    FindingCode(code="WF-FINONLY-NO-RECEIPTS-SHARE", severity=Severity.ERROR, origin=_ORIGIN,
                summary="A financial-only co-producer has no share in the receipts, which "
                        "the instrument requires the contract to give it."),
    FindingCode(code="WF-FINONLY-NOT-CHECKED", severity=Severity.INFO, origin=_ORIGIN,
                summary="A financial-only co-producer's receipts share was not checked "
                        "against an instrument (none governs, or it states no such rule)."),
    FindingCode(code="WF-RESIDUAL-NOT-PROPORTIONAL", severity=Severity.WARNING, origin=_ORIGIN,
                summary="The residual split differs from the co-producers' contributions "
                        "(an error when proportion is required)."),
    FindingCode(code="WF-RESIDUAL-NO-CONTRIBUTIONS", severity=Severity.ERROR, origin=_ORIGIN,
                summary="A residual split follows contributions, but none are given."),
    FindingCode(code="WF-NO-CATCH-ALL", severity=Severity.WARNING, origin=_ORIGIN,
                summary="No route matches every receipt: some receipts may stay unrouted."),
    FindingCode(code="WF-POOL-UNFED", severity=Severity.WARNING, origin=_ORIGIN,
                summary="No route and no pool feeds a pool."),
    FindingCode(code="WF-POOL-UNALLOCATED", severity=Severity.INFO, origin=_ORIGIN,
                summary="A pool ends with no residual split that takes everything (uncapped, "
                        "shares of 100%) and flows nowhere: what reaches its bottom stays "
                        "unallocated."),
    FindingCode(code="WF-TIER-UNREACHABLE", severity=Severity.WARNING, origin=_ORIGIN,
                summary="A tier sits below a residual split that takes everything (uncapped, "
                        "shares of 100% or in proportion to contributions) and never receives "
                        "anything."),
    FindingCode(code="WF-GROSS-BELOW", severity=Severity.WARNING, origin=_ORIGIN,
                summary="A tier computed on pool receipts sits below another kind of tier; "
                        "as receipts grow it can take back from the tiers below it."),
)



def _receipts_sharing_rule(instrument: Treaty) -> Rule | None:
    """Return the instrument's financial co-production rule that requires receipts sharing."""
    for r in instrument.rules:
        if getattr(r, "kind", "") == "financial-co-production" and (
            Provision.RECEIPTS_SHARING in getattr(r, "required_provisions", ())
        ):
            return r
    return None


def _cite(instrument: Treaty, rule: Rule) -> Citation:
    best = instrument.best_source(rule.sources)
    return Citation(
        instrument=instrument.id,
        article=rule.article or "article unknown",
        source=best.url if best is not None else "source unknown",
        confidence=rule.confidence,
    )


def _reference_citation() -> Citation | None:
    """ETS 147 Art. 9 from the catalogue: the model rule, cited when no instrument governs."""
    from coprod import treaties

    try:
        ets = treaties.get("ETS-147")
    except Exception:  # a catalogue without ETS 147
        return None
    rule = _receipts_sharing_rule(ets)
    return None if rule is None else _cite(ets, rule)


def _finding(code: str, path: str, message: str, severity: Severity | None = None,
             citation: Citation | None = None) -> Finding:
    default = next(c.severity for c in FINDING_CODES if c.code == code)
    return Finding(code=code, severity=severity or default, path=path, message=message,
                   citation=citation)


def _payee_paths(waterfall: Waterfall) -> Iterator[tuple[str, str]]:
    for i, route in enumerate(waterfall.routes):
        if route.retained_by is not None:
            yield route.retained_by, f"$.routes[{i}].retained_by"
    for p, pool in enumerate(waterfall.pools):
        for t, tier in enumerate(pool.tiers):
            base = f"$.pools[{p}].tiers[{t}]"
            if isinstance(tier, ResidualSplit):
                for k, part in enumerate(tier.participations):
                    yield part.payee, f"{base}.participations[{k}].payee"
            elif hasattr(tier, "positions"):
                for k, pos in enumerate(tier.positions):
                    yield pos.payee, f"{base}.positions[{k}].payee"
            elif hasattr(tier, "deferments"):
                for k, d in enumerate(tier.deferments):
                    yield d.payee, f"{base}.deferments[{k}].payee"
            else:
                yield tier.payee, f"{base}.payee"


def _structure(waterfall: Waterfall, known_parties: set[str]) -> Iterator[Finding]:
    for payee, path in _payee_paths(waterfall):
        if payee not in known_parties:
            yield _finding("WF-PAYEE-UNKNOWN", path,
                           f"payee {payee!r} is not among the parties of the waterfall"
                           + (" or its agreement" if known_parties else ""))
    for p, pool in enumerate(waterfall.pools):
        seen_other = False
        # Set below a residual split that takes all that reaches it: uncapped, and shares of
        # 100% or in proportion to contributions. Shares below 100% pass the rest on to the
        # tiers below (the engine splits the rest off as unallocated and lets it flow on),
        # and a cap passes on what reaches the split beyond it.
        takes_all: str | None = None
        for t, tier in enumerate(pool.tiers):
            path = f"$.pools[{p}].tiers[{t}]"
            cap = getattr(tier, "cap", None)
            if isinstance(cap, Money) and cap.amount < 0:
                yield _finding("WF-CAP-NEGATIVE", f"{path}.cap",
                               f"tier {tier.id!r} has a negative cap ({cap}); a cap is the most "
                               "a tier may take and cannot be below zero")
            if takes_all is not None:
                yield _finding("WF-TIER-UNREACHABLE", path,
                               f"tier {tier.id!r} comes after residual split {takes_all!r} in "
                               f"pool {pool.id!r}, which is uncapped and takes everything that "
                               "reaches it; it will never be paid")
            if isinstance(tier, ResidualSplit):
                total = Fraction(1)
                if tier.participations:
                    total = sum((x.share.value for x in tier.participations), Fraction(0))
                    if total != 1:
                        rest = "" if total > 1 else (
                            f": the other {_pct(1 - total)} of what reaches it passes on to the "
                            "tiers below it, then "
                            + (f"to pool {pool.flows_to!r}" if pool.flows_to is not None else
                               "stays unallocated at the bottom of the pool")
                        )
                        yield _finding(
                            "WF-SHARES-TOTAL", f"{path}.participations",
                            f"the shares of residual split {tier.id!r} add up to "
                            f"{_pct(total)}, not 100%{rest}")
                if tier.cap is None and total >= 1 and takes_all is None:
                    takes_all = tier.id
            gross = (
                isinstance(tier, (FeeTier, BackendTier, CorridorTier))
                and tier.base is Base.POOL_RECEIPTS
            )
            if gross and seen_other:
                yield _finding(
                    "WF-GROSS-BELOW", f"{path}.base",
                    f"tier {tier.id!r} is computed on pool receipts but sits below other kinds "
                    "of tiers: when receipts grow, its claim grows while the tiers above absorb "
                    "the new receipts, so it can take back what a statement already paid to "
                    "tiers below it; compute it on 'tier-input' or move it up if the contract "
                    "allows")
            if not gross:
                seen_other = True
        if pool.flows_to is None and takes_all is None:
            yield _finding("WF-POOL-UNALLOCATED", f"$.pools[{p}]",
                           f"pool {pool.id!r} has no residual split that takes everything "
                           "(uncapped, with shares of 100%) and flows nowhere: what reaches its "
                           "bottom stays unallocated")
    fed = {r.pool for r in waterfall.routes if r.pool} | {
        p.flows_to for p in waterfall.pools if p.flows_to
    }
    for p, pool in enumerate(waterfall.pools):
        if pool.id not in fed:
            yield _finding("WF-POOL-UNFED", f"$.pools[{p}]",
                           f"no route sends receipts to pool {pool.id!r} and no pool flows into it")
    if not any(
        not (r.territories or r.except_territories or r.media or r.sources)
        for r in waterfall.routes
    ):
        yield _finding("WF-NO-CATCH-ALL", "$.routes",
                       "no route without filters ends the list: receipts that match no route "
                       "stay unrouted (and unallocated)")


def _pct(value: Fraction) -> str:
    percent = value * 100
    if percent.denominator == 1:
        return f"{percent.numerator}%"
    return f"{float(percent):.4g}% ({value.numerator}/{value.denominator})"


def _paid_payees(waterfall: Waterfall, agreement: CoProductionAgreement | None) -> set[str]:
    paid = set(waterfall.payees())
    for tier in waterfall.tiers():
        if isinstance(tier, ResidualSplit) and not tier.participations:
            with contextlib.suppress(Exception):  # reported by WF-RESIDUAL-NO-CONTRIBUTIONS
                weights = contribution_weights(waterfall, agreement)
                paid |= {k for k, w in weights.items() if w > 0}
    return paid


def _instrument(
    agreement: CoProductionAgreement, treaty: str | None, on: pendulum.Date | None
) -> Treaty | None:
    from coprod import treaties

    ident = treaty or agreement.treaty
    try:
        if ident:
            return treaties.get(ident)
        countries = agreement.countries
        answers = treaties.applicable(countries, on=on)
        if answers and answers[0].instrument:
            return treaties.get(answers[0].instrument)
    except Exception:  # an unknown instrument is the validator's finding
        return None
    return None


def _with_agreement(
    waterfall: Waterfall,
    agreement: CoProductionAgreement,
    treaty: str | None,
    on: pendulum.Date | None,
    require_proportion: bool,
) -> Iterator[Finding]:
    co_producers = agreement.co_producers
    paid = _paid_payees(waterfall, agreement)
    financial = [cp for cp in co_producers if cp.role is CoProducerRole.FINANCIAL_ONLY]
    if financial:
        instrument = _instrument(agreement, treaty, on)
        rule = None if instrument is None else _receipts_sharing_rule(instrument)
        for cp in financial:
            if rule is None:
                yield _finding(
                    "WF-FINONLY-NOT-CHECKED", "$",
                    f"{cp.party!r} is a financial-only co-producer; "
                    + ("no instrument governs the agreement" if instrument is None else
                       f"{instrument.id} states no receipts-sharing requirement coprod knows")
                    + ", so its share of receipts was not checked against one",
                    citation=_reference_citation() if instrument is None else None)
                continue
            if cp.party in paid:
                continue
            assert instrument is not None  # a rule comes from an instrument
            citation = _cite(instrument, rule)
            yield _finding(
                "WF-FINONLY-NO-RECEIPTS-SHARE", "$.pools",
                f"{cp.party!r} is a financial-only co-producer, and {instrument.id} "
                f"({citation.article}) requires the contract to share the receipts with it; "
                "no route or tier of the waterfall pays it anything",
                citation=citation)
    # residual vs contributions
    try:
        weights = contribution_weights(waterfall, agreement)
    except Exception:  # no weights: reported as WF-RESIDUAL-NO-CONTRIBUTIONS
        weights = {}
    total = sum(weights.values(), Fraction(0))
    for p, pool in enumerate(waterfall.pools):
        for t, tier in enumerate(pool.tiers):
            if not isinstance(tier, ResidualSplit) or not tier.participations or total == 0:
                continue
            shares = {x.payee: x.share.value for x in tier.participations}
            diffs = []
            for party, w in weights.items():
                expected = w / total
                got = shares.get(party, Fraction(0))
                if got != expected:
                    diffs.append(f"{party} {_pct(got)} (contributed {_pct(expected)})")
            if diffs:
                yield _finding(
                    "WF-RESIDUAL-NOT-PROPORTIONAL", f"$.pools[{p}].tiers[{t}].participations",
                    f"residual split {tier.id!r} differs from the contributions: "
                    + "; ".join(diffs)
                    + (" — the contract or instrument requires the split to follow them"
                       if require_proportion else ""),
                    severity=Severity.ERROR if require_proportion else None)


def check(
    waterfall: Waterfall,
    agreement: CoProductionAgreement | None = None,
    *,
    treaty: str | None = None,
    as_of: pendulum.Date | None = None,
    require_proportion: bool = False,
) -> Report:
    """Check a waterfall (and its agreement) and return every finding.

    A residual split takes everything that reaches it when it is uncapped and its shares add
    up to 100 % (or it follows the contributions): a tier below it is never paid
    (``WF-TIER-UNREACHABLE``). Shares below 100 % pass the rest on to the tiers below, as
    :func:`~coprod.distribute` does, and a capped split passes on what reaches it
    beyond its cap.

    Args:
        waterfall: The waterfall.
        agreement: The :class:`coprod.CoProductionAgreement` it belongs to, if any.
        treaty: The instrument id to check against (default: the agreement's, or the one
            that governs its co-producers' states on *as_of*).
        as_of: The date for choosing the instrument (default: today).
        require_proportion: Whether the residual split must follow the contributions
            (the contract or an instrument says so); a difference is then an error. No
            instrument in the catalogue states such a requirement, so it is off by default.

    Returns:
        A :class:`coprod.findings.Report` (instrument set when one was applied).

    Raises:
        InvalidValueError: For an argument of the wrong type (a waterfall that is not a
            :class:`~coprod.Waterfall`, an agreement that is not a
            :class:`~coprod.CoProductionAgreement`...).

    Example:
        >>> from coprod import Currency, Share
        >>> from coprod.waterfall import Waterfall, Route, Pool, ResidualSplit, Participation
        >>> wf = Waterfall(id="demo", title="Demo", currency=Currency("USD"),
        ...     routes=(Route(pool="world"),),
        ...     pools=(Pool(id="world", tiers=(ResidualSplit(id="net", participations=(
        ...         Participation(payee="a", share=Share.parse("60%")),
        ...         Participation(payee="b", share=Share.parse("30%")))),)),))
        >>> report = check(wf)
        >>> [f.code for f in report.findings]
        ['WF-PAYEE-UNKNOWN', 'WF-PAYEE-UNKNOWN', 'WF-SHARES-TOTAL', 'WF-POOL-UNALLOCATED']
        >>> print(report.with_code("WF-SHARES-TOTAL")[0].message)
        the shares of residual split 'net' add up to 90%, not 100%: the other 10% of what
        reaches it passes on to the tiers below it, then stays unallocated at the bottom of
        the pool

    .. versionadded:: 0.1.0
    """
    _args.instance("waterfall", waterfall, Waterfall)
    _args.instance("agreement", agreement, CoProductionAgreement, optional=True)
    _args.instance("treaty", treaty, str, optional=True)
    as_of = _args.date("as_of", as_of, optional=True)
    _args.instance("require_proportion", require_proportion, bool)
    day = as_of or pendulum.today().date()
    known = {p.id for p in waterfall.parties} | {
        p.id for p in (agreement.parties if agreement is not None else ())
    }
    findings = list(_structure(waterfall, known))
    residual_by_contrib = any(
        isinstance(t, ResidualSplit) and not t.participations for t in waterfall.tiers()
    )
    if residual_by_contrib:
        try:
            weights = contribution_weights(waterfall, agreement)
        except Exception:  # no weights: reported as WF-RESIDUAL-NO-CONTRIBUTIONS
            weights = {}
        if not weights or sum(weights.values()) == 0:
            findings.append(_finding(
                "WF-RESIDUAL-NO-CONTRIBUTIONS", "$.contributions",
                "a residual split follows contributions, but neither the waterfall nor its "
                "agreement lists any (or they are in several currencies)"))
    instrument_id = None
    if agreement is not None:
        findings.extend(_with_agreement(waterfall, agreement, treaty, day, require_proportion))
        inst = _instrument(agreement, treaty, day)
        instrument_id = None if inst is None else inst.id
    return Report(findings=tuple(findings), instrument=instrument_id, as_of=day,
                  agreement=None if agreement is None else agreement.id, basis=None)
