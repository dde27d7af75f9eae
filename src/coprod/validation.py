"""Validate a co-production agreement against the instrument that governs it.

:func:`validate` runs the structural cross-checks (contributions add up to the budget,
currencies can be compared, copyright shares add up, dates are in order, roles are
consistent), finds the governing instrument (the one passed, the one the agreement invokes,
or the one :func:`coprod.treaties.applicable` names), checks that the instrument binds the
co-producers' states on the relevant date, and runs every rule of the instrument. It returns
a :class:`~coprod.findings.Report` with every finding; it never stops at the first one and
never raises on a legal problem.

The relevant date (``as_of``) is, unless given: the date of application to the competent
authorities, else the date the contract was signed. The law "as it stood" on that date decides
which instrument and which amendments apply.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

import pendulum

from coprod.agreements import CoProducerRole, CoProductionAgreement
from coprod.errors import InvalidValueError, quote
from coprod.findings import ARTICLE_UNKNOWN, Citation, Finding, FindingCode, Report, Severity
from coprod.money import Money
from coprod.terms import parse_date
from coprod.treaties import Bound, StateStatus, Treaty, applicable, canonical_id, get
from coprod.treaties._applicable import Applicability, Basis
from coprod.treaties._registry import rule_kinds
from coprod.treaties.rules import RuleContext, RuleScope, percent

__all__ = ["STRUCTURE_CODES", "finding_codes", "relevant_date", "validate"]


def _c(code: str, severity: Severity, summary: str, origin: str) -> FindingCode:
    return FindingCode(code=code, severity=severity, summary=summary, origin=origin)


#: Codes of the checks that rest on the document alone, and of the instrument checks.
STRUCTURE_CODES: tuple[FindingCode, ...] = (
    _c("STRUCT-CONTRIB-TOTAL", Severity.ERROR,
       "The contributions do not add up to the budget.", "structure"),
    _c("STRUCT-CURRENCY", Severity.ERROR,
       "An amount is in a currency with no agreed rate to the budget's currency, so shares "
       "cannot be computed.", "structure"),
    _c("STRUCT-RATE-CONFLICT", Severity.ERROR,
       "Two agreed rates convert the same currencies differently: an error for the same date, "
       "a warning (every amount is converted at the first) for different dates.", "structure"),
    _c("STRUCT-SHARES", Severity.INFO,
       "Each co-producer's share of the budget, derived from its contributions.", "structure"),
    _c("STRUCT-NO-CONTRIBUTION", Severity.ERROR,
       "A co-producer has no contribution.", "structure"),
    _c("STRUCT-COPYRIGHT-TOTAL", Severity.ERROR,
       "The copyright shares do not add up to 100 %.", "structure"),
    _c("STRUCT-COPYRIGHT-MISSING", Severity.INFO,
       "The agreement does not record the ownership of the copyright.", "structure"),
    _c("STRUCT-DATES-ORDER", Severity.ERROR,
       "Dates are out of order (e.g. principal photography after delivery).", "structure"),
    _c("STRUCT-MAJORITY", Severity.WARNING,
       "The co-producer named majority is not the largest contributor, or several are named "
       "majority.", "structure"),
    _c("STRUCT-LOCATION-SPEND", Severity.WARNING,
       "Location spend adds up to more than the budget.", "structure"),
    _c("INSTRUMENT-NONE", Severity.ERROR,
       "No instrument in the catalogue governs a co-production between these states on this "
       "date.", "instrument"),
    _c("INSTRUMENT-BASIS", Severity.INFO,
       "Which instrument was applied, and why.", "instrument"),
    _c("INSTRUMENT-NOT-IN-FORCE", Severity.ERROR,
       "The instrument is not in force on the relevant date.", "instrument"),
    _c("INSTRUMENT-IN-FORCE-UNKNOWN", Severity.WARNING,
       "The sources do not establish that the instrument is in force on the relevant date.",
       "instrument"),
    _c("INSTRUMENT-STATE-NOT-BOUND", Severity.ERROR,
       "A co-producer declared as a party co-producer is established in a state the instrument "
       "does not bind on the relevant date.", "instrument"),
    _c("INSTRUMENT-STATE-UNCERTAIN", Severity.WARNING,
       "Whether the instrument binds a co-producer's state on the relevant date is not "
       "recorded, or a later event puts it in doubt.", "instrument"),
    _c("INSTRUMENT-INVOKED-DIFFERS", Severity.WARNING,
       "The agreement invokes an instrument other than the one coprod finds governing.",
       "instrument"),
    _c("INSTRUMENT-TOO-FEW-STATES", Severity.ERROR,
       "Fewer co-producing states than the instrument requires (e.g. a convention used "
       "between two states that have a bilateral agreement).", "instrument"),
    _c("INSTRUMENT-BILATERAL-MAY-GOVERN", Severity.WARNING,
       "A convention is used as the bilateral framework between two states whose bilateral "
       "agreement may be in force (the sources do not establish it); if it is, it governs "
       "instead.", "instrument"),
    _c("ROLE-MISMATCH", Severity.WARNING,
       "A co-producer's declared role does not match where it is established.", "instrument"),
    _c("NONPARTY-NO-RULE", Severity.INFO,
       "A co-producer is established outside the states bound, and the catalogue records no "
       "cap on such partners' share for this kind of co-production (bilateral or "
       "multilateral) under this instrument: not checked.", "instrument"),
    _c("FINONLY-NO-RULE", Severity.INFO,
       "A co-producer is financial-only, and the catalogue records no rule on financial "
       "co-productions for this instrument: not checked.", "instrument"),
)


def finding_codes() -> tuple[FindingCode, ...]:
    """Every finding code validation may emit: structural, instrument and rule-kind codes.

    Example:
        >>> "CONTRIB-BELOW-MIN" in {c.code for c in finding_codes()}
        True

    .. versionadded:: 0.1.0

    """
    out = list(STRUCTURE_CODES)
    for cls in rule_kinds().values():
        out.extend(getattr(cls, "codes", ()))
    seen: dict[str, FindingCode] = {}
    for c in out:
        seen.setdefault(c.code, c)
    return tuple(seen.values())


def relevant_date(agreement: CoProductionAgreement) -> pendulum.Date:
    """The date the law is taken as it stood on: application date, else signature.

    .. versionadded:: 0.1.0
    """
    return agreement.dates.application or agreement.dates.signed


def _rate_conflicts(agreement: CoProductionAgreement) -> Iterator[Finding]:
    # in_budget_currency converts at the first rate between two currencies, either way round.
    first: dict[frozenset[str], int] = {}
    for i, r in enumerate(agreement.exchange_rates):
        j = first.setdefault(frozenset((r.base.code, r.quote.code)), i)
        if j == i:
            continue
        f = agreement.exchange_rates[j]
        same_way = f.base == r.base
        if Fraction(f.rate) == (Fraction(r.rate) if same_way else 1 / Fraction(r.rate)):
            continue
        said = f"{r.base.code} to {r.quote.code} at {r.rate}"
        if same_way and f.date == r.date:
            yield Finding(code="STRUCT-RATE-CONFLICT", severity=Severity.ERROR,
                          path=f"$.exchange_rates[{i}]",
                          message=(f"{said} contradicts $.exchange_rates[{j}], at {f.rate} for "
                                   "the same date: keep the one the contract agrees"))
        else:
            yield Finding(code="STRUCT-RATE-CONFLICT", severity=Severity.WARNING,
                          path=f"$.exchange_rates[{i}]",
                          message=(f"{said} is not used: every amount is converted at the "
                                   f"first rate between {f.base.code} and {f.quote.code}, "
                                   f"$.exchange_rates[{j}] ({f.base.code} to {f.quote.code} "
                                   f"at {f.rate})"))


def _structure(agreement: CoProductionAgreement) -> Iterator[Finding]:
    yield from _rate_conflicts(agreement)
    budget = agreement.production.budget
    b = Fraction(budget.amount)
    total = Fraction(0)
    convertible = True
    for i, c in enumerate(agreement.contributions):
        value = agreement.in_budget_currency(c.amount)
        if value is None:
            convertible = False
            yield Finding(
                code="STRUCT-CURRENCY", severity=Severity.ERROR,
                path=f"$.contributions[{i}].amount",
                message=(f"{c.amount} cannot be compared with the budget in "
                         f"{budget.currency.code}: add an agreed exchange rate "
                         f"({c.amount.currency.code} to {budget.currency.code}) to "
                         "exchange_rates"))
        elif c.amount.currency != budget.currency:
            # The named rounding step of the total: an amount converted at an agreed rate
            # rarely lands on a whole minor unit, so it is counted in whole minor units of the
            # budget's currency (half to even), as a ledger would book it.
            units = 10**budget.currency.exponent
            total += Fraction(round(value * units), units)
        else:
            total += value
    if convertible and total != b:
        word = "short of" if total < b else "more than"
        units = total * 10**budget.currency.exponent
        amount = (f"{Money.from_minor_units(units.numerator, budget.currency)}, "
                  if units.denominator == 1 else "")
        yield Finding(
            code="STRUCT-CONTRIB-TOTAL", severity=Severity.ERROR, path="$.contributions",
            message=(f"the contributions add up to {amount}{percent(total / b)} of the budget "
                     f"of {budget}, {word} it; every share is computed on the budget"))
    if convertible:
        parts = []
        for cp in agreement.co_producers:
            value = agreement.fraction_of(cp.party)
            if value is not None:
                party = agreement.party(cp.party)
                parts.append(f"{party.name} ({agreement.country_of(cp.party).code}, "
                             f"{cp.role.value}) {percent(value)}")
        yield Finding(code="STRUCT-SHARES", severity=Severity.INFO, path="$.contributions",
                      message=f"shares of the budget of {budget}: " + "; ".join(parts))
    contributors = {c.party for c in agreement.contributions}
    for i, cp in enumerate(agreement.co_producers):
        if cp.party not in contributors:
            yield Finding(code="STRUCT-NO-CONTRIBUTION", severity=Severity.ERROR,
                          path=f"$.co_producers[{i}]",
                          message=f"co-producer {cp.party!r} has no contribution")
    spends = [agreement.in_budget_currency(loc.spend) for loc in agreement.locations]
    for i, (loc, spend) in enumerate(zip(agreement.locations, spends, strict=True)):
        if spend is None:
            yield Finding(
                code="STRUCT-CURRENCY", severity=Severity.ERROR, path=f"$.locations[{i}].spend",
                message=(f"{loc.spend} cannot be compared with the budget in "
                         f"{budget.currency.code}: add an agreed exchange rate"))
    if spends and all(s is not None for s in spends):
        spent = sum((s for s in spends if s is not None), Fraction(0))
        if spent > b:
            yield Finding(code="STRUCT-LOCATION-SPEND", severity=Severity.WARNING,
                          path="$.locations",
                          message=f"location spend adds up to {percent(spent / b)} of the budget")
    if agreement.copyright:
        owned = sum((s.share.value for s in agreement.copyright), Fraction(0))
        if owned != 1:
            yield Finding(code="STRUCT-COPYRIGHT-TOTAL", severity=Severity.ERROR,
                          path="$.copyright",
                          message=f"the copyright shares add up to {percent(owned)}, not 100%")
    else:
        yield Finding(code="STRUCT-COPYRIGHT-MISSING", severity=Severity.INFO, path="$.copyright",
                      message="the agreement does not record who owns the copyright")
    d = agreement.dates
    order = [("signed", d.signed), ("application", d.application),
             ("principal_photography", d.principal_photography)]
    if d.delivery is not None:
        for name, day in order:
            if day is not None and day > d.delivery:
                yield Finding(code="STRUCT-DATES-ORDER", severity=Severity.ERROR,
                              path=f"$.dates.{name}",
                              message=(f"{name.replace('_', ' ')} ({day.isoformat()}) is after "
                                       f"delivery ({d.delivery.isoformat()})"))
    majority = [(i, cp) for i, cp in enumerate(agreement.co_producers)
                if cp.role is CoProducerRole.MAJORITY]
    shares = agreement.shares()
    if len(majority) > 1:
        yield Finding(code="STRUCT-MAJORITY", severity=Severity.WARNING, path="$.co_producers",
                      message="more than one co-producer is named majority: "
                      + ", ".join(cp.party for _, cp in majority))
    elif majority and all(v is not None for v in shares.values()):
        i, cp = majority[0]
        top = max(v for v in shares.values() if v is not None)
        if shares[cp.party] != top:
            yield Finding(code="STRUCT-MAJORITY", severity=Severity.WARNING,
                          path=f"$.co_producers[{i}]",
                          message=f"{cp.party!r} is named majority but another co-producer "
                                  "contributes more")


def _instrument_citation(treaty: Treaty, article: str | None = None,
                         source_ids: tuple[str, ...] = ()) -> Citation:
    best = treaty.best_source(source_ids) if source_ids else None
    if best is None:
        best = min(treaty.sources, key=lambda s: s.confidence.rank)
    return Citation(instrument=treaty.id, article=article or ARTICLE_UNKNOWN, source=best.url,
                    confidence=best.confidence)


def _resolve(
    agreement: CoProductionAgreement, on: pendulum.Date, treaty: Treaty | str | None
) -> tuple[Treaty | None, str | None, list[Finding]]:
    findings: list[Finding] = []
    declared = [agreement.country_of(cp.party) for cp in agreement.co_producers
                if cp.role is not CoProducerRole.THIRD_COUNTRY]
    declared = list(dict.fromkeys(declared))
    answers: tuple[Applicability, ...] = ()
    if len(declared) >= 2:
        answers = applicable(declared, on=on)
    found = answers[0] if answers and answers[0].basis is not Basis.NONE else None
    if isinstance(treaty, Treaty):
        chosen = treaty
        return chosen, f"{chosen.id} passed to validate()", findings
    wanted = treaty or agreement.treaty
    if wanted is not None:
        chosen = get(wanted)
        basis = (f"{chosen.id} requested on the command line" if treaty is not None
                 else f"{chosen.id} invoked by the agreement")
        if found is not None and found.instrument == chosen.id:
            basis += "; it is also the instrument coprod finds governing: " + _explain(found)
        if found is not None and found.instrument != chosen.id and treaty is None:
            findings.append(Finding(
                code="INSTRUMENT-INVOKED-DIFFERS", severity=Severity.WARNING, path="$.treaty",
                message=(f"the agreement invokes {chosen.id}, but coprod finds that "
                         f"{found.instrument} governs: {found.reason}"),
                citation=found.citation))
        return chosen, basis, findings
    if found is None:
        reason = (answers[0].reason if answers else
                  "fewer than two states are represented by party co-producers")
        findings.append(Finding(
            code="INSTRUMENT-NONE", severity=Severity.ERROR, path="$.co_producers",
            message=("no instrument governs this co-production, so it cannot qualify as an "
                     f"official co-production: {reason}")))
        return None, None, findings
    chosen = get(found.instrument or "")
    return chosen, _explain(found), findings


def _explain(found: Applicability) -> str:
    text = found.reason
    if found.caveats:
        text += " Caveats: " + "; ".join(found.caveats) + "."
    return text


def _covers(rule: object, ctx: RuleContext) -> bool:
    """Whether *rule* applies to the kind of co-production under review (scope-less: always)."""
    scope = getattr(rule, "scope", None)
    return not isinstance(scope, RuleScope) or scope.covers(ctx.scope)


def _non_party_citation(treaty: Treaty) -> Citation:
    """What makes a co-producer from a state the instrument does not bind a non-party one.

    The instrument's rule on such co-producers where it has one (ETS 147 Art. 2(2)(b)),
    else the instrument itself.
    """
    for rule in treaty.rules:
        if rule.kind == "non-party-cap":
            return _instrument_citation(treaty, getattr(rule, "article", None),
                                        tuple(getattr(rule, "sources", ())))
    return _instrument_citation(treaty)


def _instrument_checks(ctx: RuleContext) -> Iterator[Finding]:
    treaty, agreement, on = ctx.treaty, ctx.agreement, ctx.on
    status = treaty.in_force_on(on)
    if status is Bound.NO:
        signed = treaty.signature
        start = treaty.entry_into_force
        when = (f"it entered into force on {start.isoformat()}" if start
                else f"it was signed on {signed.isoformat()}" if signed else "")
        # Cite the fact the finding rests on: the entry into force, or else the signature.
        fact = treaty.in_force if start is not None or signed is None else treaty.signed
        if treaty.ended is not None and on >= treaty.ended:
            when = f"it ceased to apply on {treaty.ended.isoformat()}"
        yield Finding(code="INSTRUMENT-NOT-IN-FORCE", severity=Severity.ERROR, path="$.dates",
                      message=(f"{treaty.id} does not apply on {on.isoformat()}: {when}; the "
                               "other findings check the agreement against its rules as if it "
                               "applied"),
                      citation=_instrument_citation(treaty, fact.article, fact.sources))
    elif status is Bound.UNKNOWN:
        note = f" ({treaty.in_force.note.strip()})" if treaty.in_force.note else ""
        yield Finding(
            code="INSTRUMENT-IN-FORCE-UNKNOWN", severity=Severity.WARNING, path="$.dates",
            message=(f"the sources do not establish the date {treaty.id} entered into force"
                     f"{note}; confirm with the competent authorities that it applies on "
                     f"{on.isoformat()}"),
            citation=_instrument_citation(treaty, treaty.in_force.article, treaty.in_force.sources))
    for i, cp in enumerate(agreement.co_producers):
        country = agreement.country_of(cp.party)
        if status is Bound.NO:  # reported above; its states count as bound (see validate)
            bound = Bound.YES if country in ctx.bound else Bound.NO
        else:
            bound = treaty.bound_on(country, on)
        entry = treaty.state(country)
        if cp.role is CoProducerRole.THIRD_COUNTRY:
            if bound is not Bound.NO:
                yield Finding(code="ROLE-MISMATCH", severity=Severity.WARNING,
                              path=f"$.co_producers[{i}].role",
                              message=(f"{cp.party!r} is declared third-country but is "
                                       f"established in {country.code}, which {treaty.id} binds"),
                              citation=_instrument_citation(treaty, None,
                                                            entry.sources if entry else ()))
            continue
        if bound is Bound.NO:
            if treaty.is_convention and entry is None:
                # A non-party co-producer under a convention (ETS 147 Art. 2(2)(b)).
                yield Finding(code="ROLE-MISMATCH", severity=Severity.WARNING,
                              path=f"$.co_producers[{i}].role",
                              message=(f"{cp.party!r} is established in {country.code}, which "
                                       f"{treaty.id} does not bind; it counts as a non-party "
                                       "co-producer, so declare its role third-country"),
                              citation=_non_party_citation(treaty))
            else:
                yield Finding(code="INSTRUMENT-STATE-NOT-BOUND", severity=Severity.ERROR,
                              path=f"$.co_producers[{i}]",
                              message=(f"{cp.party!r} is established in {country.code}, which "
                                       f"{treaty.id} does not bind on {on.isoformat()}"),
                              citation=_instrument_citation(treaty, None,
                                                            entry.sources if entry else ()))
        elif treaty.is_convention and entry is not None and (
            bound is Bound.UNKNOWN or entry.note
        ):
            why = (f"the date from which {treaty.id} binds {country.code} is not recorded"
                   if bound is Bound.UNKNOWN else entry.note or "")
            yield Finding(code="INSTRUMENT-STATE-UNCERTAIN", severity=Severity.WARNING,
                          path=f"$.co_producers[{i}]", message=why,
                          citation=_instrument_citation(treaty, None, entry.sources))
    if ctx.scope is None:
        yield Finding(code="INSTRUMENT-TOO-FEW-STATES", severity=Severity.ERROR,
                      path="$.co_producers",
                      message=(f"co-producers from at least two states bound by {treaty.id} are "
                               "needed; there are "
                               f"{len(ctx.co_producing_states)}"),
                      citation=_instrument_citation(treaty))
    elif treaty.is_convention and ctx.scope.value == "bilateral":
        others = [a for a in applicable(ctx.co_producing_states, on=on)
                  if a.basis is Basis.BILATERAL_TREATY]
        if others and get(others[0].instrument or "").in_force_on(on) is Bound.UNKNOWN:
            yield Finding(
                code="INSTRUMENT-BILATERAL-MAY-GOVERN", severity=Severity.WARNING,
                path="$.co_producers",
                message=(f"{treaty.id} serves as a bilateral framework only where the two "
                         f"states have no bilateral agreement in force; {others[0].instrument} "
                         "may be in force (the sources do not establish its entry into force), "
                         "and then it governs instead"),
                citation=others[0].citation)
        elif others:
            yield Finding(
                code="INSTRUMENT-TOO-FEW-STATES", severity=Severity.ERROR, path="$.co_producers",
                message=(f"{treaty.id} serves as a bilateral framework only where the two "
                         f"states have no bilateral agreement; {others[0].instrument} "
                         "governs instead"),
                citation=others[0].citation)
    kinds = {r.kind for r in treaty.rules}
    caps = [r for r in treaty.rules if r.kind == "non-party-cap"]
    covering = [r for r in caps if _covers(r, ctx)]
    if not treaty.is_convention and ctx.scope is not None and ctx.scope.value == "multilateral":
        # A bilateral agreement's range for multilateral co-productions bounds third
        # countries' shares too (Italy-Japan Art. 9(3)): they are checked, not left out.
        covering += [r for r in treaty.rules if r.kind == "contribution-range"
                     and getattr(getattr(r, "scope", None), "value", None) == "multilateral"]
    if ctx.non_party_producers and not covering:
        # No cap for this kind of co-production: say so, and which kinds the caps cover
        # (ETS 147 caps non-party shares in multilateral co-productions only, Art. 2(2)(b)).
        where = "" if ctx.scope is None else f" in {ctx.scope.value} co-productions"
        scopes = sorted({scope.text for r in caps
                         if isinstance(scope := getattr(r, "scope", None), RuleScope)})
        also = f" (its rules on them cover {' and '.join(scopes)})" if scopes else ""
        yield Finding(code="NONPARTY-NO-RULE", severity=Severity.INFO, path="$.co_producers",
                      message=(f"not checked: the catalogue records no cap on the share of "
                               f"co-producers from states not bound by {treaty.id}{where}"
                               f"{also}"),
                      citation=_instrument_citation(treaty))
    if ("financial-co-production" not in kinds and any(
            cp.role is CoProducerRole.FINANCIAL_ONLY for cp in agreement.co_producers)):
        yield Finding(code="FINONLY-NO-RULE", severity=Severity.INFO, path="$.co_producers",
                      message=(f"not checked: the catalogue records no rule on financial-only "
                               f"co-producers under {treaty.id}"),
                      citation=_instrument_citation(treaty))


def validate(
    agreement: CoProductionAgreement,
    as_of: pendulum.Date | str | None = None,
    treaty: Treaty | str | None = None,
) -> Report:
    """Check an agreement against the instrument that governs it, finding by finding.

    Args:
        agreement: The agreement.
        as_of: The date to take the law as it stood on (default: the application date,
            else the signature date).
        treaty: An instrument (or id) to apply instead of the one the agreement invokes or
            the one coprod finds.

    Returns:
        A report with every finding: structural, about the instrument, and from each rule.

    Raises:
        coprod.UnknownTreatyError: If *treaty*, or the instrument the agreement invokes, is
            not in the catalogue.
        coprod.InvalidValueError: If *agreement* is not an agreement, *as_of* not a date
            (a datetime is refused: its time of day would be dropped), or *treaty* neither
            an instrument nor an id.

    Example:
        >>> from coprod.agreements import _demo
        >>> report = validate(_demo())
        >>> report.instrument, report.valid
        ('CN-RU-2017', True)
        >>> [f.code for f in report.warnings]
        ['INSTRUMENT-IN-FORCE-UNKNOWN']

    .. versionadded:: 0.1.0

    """
    if not isinstance(agreement, CoProductionAgreement):
        raise InvalidValueError(
            f"validate() checks a CoProductionAgreement, got {quote(agreement)}")
    on = relevant_date(agreement) if as_of is None else parse_date(as_of)
    if treaty is not None and not isinstance(treaty, (str, Treaty)):
        raise InvalidValueError(f"treaty must be a Treaty or an id, got {quote(treaty)}")
    if isinstance(treaty, str):
        treaty = canonical_id(treaty)
    findings = list(_structure(agreement))
    chosen, basis, extra = _resolve(agreement, on, treaty)
    findings += extra
    if chosen is None:
        return Report(findings=tuple(findings), instrument=None, as_of=on,
                      agreement=agreement.id, basis=None)
    if chosen.in_force_on(on) is Bound.NO:
        # The instrument does not apply on the date, which INSTRUMENT-NOT-IN-FORCE reports
        # once; its rules are then checked as if it applied, so that the co-producers of its
        # own states are not counted as outsiders finding after finding.
        bound = frozenset(s.country for s in chosen.states
                          if s.status is not StateStatus.SIGNATORY
                          and (s.left is None or on < s.left))
    else:
        bound = chosen.bound_states(on)
    # A predecessor state (SU) is bound through the state that continues it (RU).
    bound |= {s.continues for s in chosen.states
              if s.continues is not None and s.country in bound}
    ctx = RuleContext(agreement=agreement, treaty=chosen, on=on, bound=bound)
    findings.append(Finding(code="INSTRUMENT-BASIS", severity=Severity.INFO, path="$",
                            message=f"checked under {chosen.id} as it stood on {on.isoformat()}: "
                                    f"{basis}",
                            citation=_instrument_citation(chosen)))
    findings += _instrument_checks(ctx)
    for rule in chosen.rules:
        if (rule.introduced_by is not None
                and not chosen.amendment(rule.introduced_by).in_force_on(on)):
            continue
        findings += rule.check(ctx)
    return Report(findings=tuple(findings), instrument=chosen.id, as_of=on, agreement=agreement.id,
                  basis=basis)
