"""The waterfall engine: receipts in, an exact and explained distribution out.

How it computes, in the order a reader checks it:

1. **Routing and conversion** (per receipt). Retained receipts stay with their payee in
   their own currency. Receipts routed to a pool are converted to the waterfall's currency
   at the rate of their date and rounded half-even to the minor unit, once per receipt
   (rounding step 1, recorded in :attr:`Distribution.conversions`).
2. **Figures to date.** Every tier's figure is computed from amounts *to date* (cumulative
   since the first statement), in whole minor units: a fee is ``round(rate × base to
   date)`` (rounding step 2: half-even, once per figure), a recoupment tier is the lesser
   of what reached it and its entitlement, and splits among payees use the house-monotone
   divisor method of :func:`coprod.waterfall.apportion` (no rounding: whole units only).
3. **This period** is the figure to date minus the figure to date in the carried
   :class:`WaterfallState`. So two consecutive statements add up exactly to one statement
   over both periods: the figures to date after the second are the same figures.

Tiers with interest are the one place where *when* money arrives matters: interest
accrues between receipt dates on the outstanding principal, so the engine evaluates the
waterfall at every receipt date (not at statement dates, which would make the result
depend on how the periods are cut).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import decimal
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any

import attrs
import pendulum

from coprod._exact import round_fraction
from coprod.agreements import CoProductionAgreement
from coprod.errors import InvalidValueError
from coprod.money import Currency, Money
from coprod.share import Share
from coprod.terms import LAST_DAY
from coprod.waterfall import _args
from coprod.waterfall._fx import Conversion, RateTable
from coprod.waterfall._model import (
    BackendTier,
    Base,
    CorridorTier,
    DefermentTier,
    ExpenseTier,
    FeeTier,
    Receipt,
    RecoupmentTier,
    ResidualSplit,
    Route,
    Tier,
    Waterfall,
    _check_date,
    _to_date,
)
from coprod.waterfall._split import apportion
from coprod.waterfall._state import (
    InterestAccrual,
    PaidToDate,
    PoolToDate,
    RetainedToDate,
    WaterfallState,
    fingerprint,
)

__all__ = [
    "Distribution",
    "Period",
    "PoolSummary",
    "Retention",
    "TierSummary",
    "TraceLine",
    "WaterfallError",
    "distribute",
]

_HALF_EVEN = decimal.ROUND_HALF_EVEN
#: Key of the share of a residual split that no participation takes (shares below 100 %).
_UNALLOCATED = "(unallocated)"


class WaterfallError(InvalidValueError):
    """A waterfall that cannot be computed as given (shares above 100 %, a negative cap...).

    .. versionadded:: 0.1.0
    """


#: Where an :class:`InputError`'s message names the state, a reader that knows the state's
#: file puts its name (see :meth:`InputError.naming`).
STATE_FILE = "\x00state\x00"


class InputError(InvalidValueError):
    """Receipts or a state that cannot be used as given, with what in them is at fault.

    Not public API: the command line reads ``receipt``, ``day`` and ``state_path`` to point
    at the file and the line or path of the problem; a program sees an
    :class:`~coprod.InvalidValueError` like any other.

    Args:
        message: What is wrong; :data:`STATE_FILE` marks where the state's file name goes.
        receipt: The receipt at fault, if one is.
        day: The receipt date at fault, when the receipt itself is not at hand.
        state_path: The path in the state document at fault (``$.as_of``), if the state is.
    """

    def __init__(self, message: str, *, receipt: Receipt | None = None,
                 day: pendulum.Date | None = None, state_path: str | None = None) -> None:
        super().__init__(message.replace(STATE_FILE, ""))
        self.template = message
        self.receipt = receipt
        self.day = day
        self.state_path = state_path

    def naming(self, state_file: str | None) -> str:
        """The message, naming the state's file where it refers to the state."""
        return self.template.replace(STATE_FILE, f" in {state_file}" if state_file else "")


# ---------------------------------------------------------------------------------------------
# results


@attrs.frozen(kw_only=True)
class Period:
    """A statement period, inclusive at both ends.

    Args:
        start: The first day of the period.
        end: The last day of the period.

    Raises:
        InvalidValueError: If a day is not a date (a :class:`datetime.date` is taken as the
            same day; text is refused, as for every date in coprod: read it with
            :func:`coprod.parse_date`), or if the period ends before it starts.

    Example:
        >>> Period(start=pendulum.Date(2025, 1, 1), end=pendulum.Date(2025, 3, 31)).label
        '2025-Q1'

    .. versionadded:: 0.1.0
    """

    start: pendulum.Date = attrs.field(converter=_to_date, validator=_check_date)
    end: pendulum.Date = attrs.field(converter=_to_date, validator=_check_date)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidValueError(
                f"a period cannot end ({self.end}) before it starts ({self.start})", field="end"
            )

    @property
    def label(self) -> str:
        """Return ``2025-Q1``, ``2025-03`` or ``2025`` for such a period, else ``start..end``."""
        s, e = self.start, self.end
        if s == s.start_of("month") and e == s.end_of("month"):
            return f"{s.year}-{s.month:02d}"
        if s == s.first_of("quarter") and e == s.last_of("quarter"):
            return f"{s.year}-Q{s.quarter}"
        if s == s.first_of("year") and e == s.last_of("year"):
            return str(s.year)
        return f"{s.isoformat()}..{e.isoformat()}"

    def contains(self, day: pendulum.Date) -> bool:
        """Whether *day* falls in the period."""
        return self.start <= day <= self.end


@attrs.frozen(kw_only=True)
class TraceLine:
    """One payment: who, from which pool and tier, under which clause, and why.

    .. versionadded:: 0.1.0
    """

    pool: str
    tier: str
    kind: str
    clause: str | None
    payee: str
    position: str | None
    previously: Money
    this_period: Money
    to_date: Money
    explanation: str


@attrs.frozen(kw_only=True)
class TierSummary:
    """A tier's figures to date and in the period.

    Args:
        reached: What reached the tier to date.
        base: The base its rate applies to, to date (None for tiers without a rate).
        claim: What the tier is entitled to to date (before the cap and before what
            reached it), or None for a residual split.
        paid_to_date: What it paid to date.
        paid_this_period: What it paid in the period.

    .. versionadded:: 0.1.0
    """

    pool: str
    tier: str
    kind: str
    clause: str | None
    reached: Money
    base: Money | None
    claim: Money | None
    paid_to_date: Money
    paid_this_period: Money
    explanation: str


@attrs.frozen(kw_only=True)
class PoolSummary:
    """A pool's receipts and bottom balance, in the period and to date.

    .. versionadded:: 0.1.0
    """

    pool: str
    name: str | None
    receipts_this_period: Money
    receipts_to_date: Money
    inflow_to_date: Money
    flows_to: str | None
    unallocated_this_period: Money
    unallocated_to_date: Money


@attrs.frozen(kw_only=True)
class Retention:
    """Receipts a payee retained (territorial retention), in their own currency.

    .. versionadded:: 0.1.0
    """

    payee: str
    this_period: Money
    to_date: Money
    clause: str | None = None


@attrs.frozen(kw_only=True)
class Distribution:
    """The result of one statement: payments, retention, balances, trace and the new state.

    Invariant (checked by :meth:`check_balance` and by the test suite): for each currency,
    receipts = retained + unrouted + receipts sent to pools; and in the waterfall's currency,
    receipts sent to pools after conversion = payments + unallocated, to the minor unit.

    .. versionadded:: 0.1.0
    """

    waterfall: str
    title: str
    currency: Currency
    period: Period | None
    receipts: tuple[Money, ...]
    routed: tuple[Money, ...]
    conversions: tuple[Conversion, ...]
    retained: tuple[Retention, ...]
    unrouted: tuple[Money, ...]
    pools: tuple[PoolSummary, ...]
    tiers: tuple[TierSummary, ...]
    lines: tuple[TraceLine, ...]
    state: WaterfallState
    notes: tuple[str, ...] = ()
    payee_names: tuple[tuple[str, str], ...] = ()

    # -- views ----------------------------------------------------------------------------

    def payouts(self) -> dict[str, Money]:
        """What each payee is paid in the period (waterfall currency), in order of first line."""
        out: dict[str, Money] = {}
        for line in self.lines:
            out[line.payee] = out.get(line.payee, Money.zero(self.currency)) + line.this_period
        return out

    def payouts_to_date(self) -> dict[str, Money]:
        """What each payee has been paid to date."""
        out: dict[str, Money] = {}
        for line in self.lines:
            out[line.payee] = out.get(line.payee, Money.zero(self.currency)) + line.to_date
        return out

    def by_tier(self) -> dict[str, Money]:
        """What each tier paid in the period."""
        return {t.tier: t.paid_this_period for t in self.tiers}

    def paid(self) -> Money:
        """Everything the waterfall paid in the period."""
        return sum((line.this_period for line in self.lines), Money.zero(self.currency))

    def unallocated(self) -> Money:
        """What was left at the bottom of pools in the period (converted receipts not paid)."""
        return sum((p.unallocated_this_period for p in self.pools), Money.zero(self.currency))

    def name_of(self, payee: str) -> str:
        """The payee's name (or its id)."""
        return dict(self.payee_names).get(payee, payee)

    def lines_for(self, payee: str) -> tuple[TraceLine, ...]:
        """The trace lines paying *payee*."""
        return tuple(line for line in self.lines if line.payee == payee)

    def balance(self) -> list[tuple[str, Money, Money]]:
        """The conservation checks as ``(what, left side, right side)`` rows.

        One row per currency received (receipts vs retained + unrouted + routed), and one in
        the waterfall's currency (routed after conversion vs paid + unallocated).
        """
        rows: list[tuple[str, Money, Money]] = []
        by_cur: dict[Currency, list[Money]] = defaultdict(list)
        for m in self.receipts:
            by_cur[m.currency].append(m)
        for cur in sorted(by_cur, key=lambda c: c.code):
            received = _sum(by_cur[cur], cur)
            retained = _sum(
                [r.this_period for r in self.retained if r.this_period.currency == cur], cur
            )
            unrouted = _sum([m for m in self.unrouted if m.currency == cur], cur)
            routed = _sum([m for m in self.routed if m.currency == cur], cur)
            rows.append((f"receipts in {cur}", received, retained + unrouted + routed))
        converted = self.converted_routed()
        rows.append(
            (f"pooled receipts in {self.currency}", converted, self.paid() + self.unallocated())
        )
        return rows

    def converted_routed(self) -> Money:
        """Receipts sent to pools in the period, in the waterfall's currency after conversion."""
        return sum(
            (p.receipts_this_period for p in self.pools), Money.zero(self.currency)
        )

    def check_balance(self) -> None:
        """Raise :class:`~coprod.waterfall.WaterfallError` if a conservation row is off."""
        bad = [f"{what}: {a} != {b}" for what, a, b in self.balance() if a != b]
        if bad:  # pragma: no cover - a failure here is a bug in coprod
            raise WaterfallError("the distribution does not balance: " + "; ".join(bad))


def _sum(items: Iterable[Money], currency: Currency) -> Money:
    return sum(items, Money.zero(currency))


# ---------------------------------------------------------------------------------------------
# ingestion: receipts -> amounts per pool per date (minor units)


@attrs.define
class Ingested:
    """Receipts of one statement, routed and converted, in whole minor units.

    Made by :func:`coprod.waterfall.aggregate` (or internally from :class:`~coprod.Receipt`
    objects) and accepted by :func:`coprod.distribute` in place of receipts.

    .. versionadded:: 0.1.0
    """

    by_date: dict[pendulum.Date, dict[str, int]] = attrs.field(factory=dict)
    retained: dict[tuple[str, Currency], int] = attrs.field(factory=dict)
    retained_clause: dict[str, str | None] = attrs.field(factory=dict)
    unrouted: dict[Currency, int] = attrs.field(factory=dict)
    routed: dict[Currency, int] = attrs.field(factory=dict)
    received: dict[Currency, int] = attrs.field(factory=dict)
    conversions: list[Conversion] = attrs.field(factory=list)
    first: pendulum.Date | None = None
    last: pendulum.Date | None = None

    def see(self, day: pendulum.Date) -> None:
        """Widen the span of receipt dates."""
        if self.first is None or day < self.first:
            self.first = day
        if self.last is None or day > self.last:
            self.last = day


def _add(d: dict[Any, int], key: Any, units: int) -> None:
    d[key] = d.get(key, 0) + units


def route_for(
    routes: Sequence[Route], territory: str | None, medium: str | None, source: str | None
) -> Route | None:
    """The first route that matches, or None."""
    for route in routes:
        if route.matches_keys(territory, medium, source):
            return route
    return None


def ingest(waterfall: Waterfall, receipts: Iterable[Receipt], rates: RateTable | None) -> Ingested:
    """Route and convert receipt objects."""
    out = Ingested()
    cache: dict[tuple[str | None, str | None, str | None], Route | None] = {}
    target = waterfall.currency
    for i, r in enumerate(receipts):
        if not isinstance(r, Receipt):
            raise InvalidValueError(f"expected a Receipt, got {type(r).__name__}",
                                    field="receipts", within=f"[{i}]")
        cur = r.amount.currency
        units = r.amount.minor_units
        out.see(r.date)
        _add(out.received, cur, units)
        key = (r.territory.code if r.territory else None, r.medium, r.source)
        if key not in cache:
            cache[key] = route_for(waterfall.routes, *key)
        route = cache[key]
        if route is None:
            _add(out.unrouted, cur, units)
            continue
        if route.retained_by is not None:
            _add(out.retained, (route.retained_by, cur), units)
            out.retained_clause.setdefault(route.retained_by, route.clause)
            continue
        assert route.pool is not None
        _add(out.routed, cur, units)
        if cur != target:
            if rates is None:
                raise InputError(
                    f"a receipt in {cur} ({r.reference or r.date.isoformat()}) goes to pool "
                    f"{route.pool!r}, but no rate table was given to convert it to {target}",
                    receipt=r)
            try:
                conv = rates.convert(r.amount, target, r.date, reference=r.reference)
            except InvalidValueError as exc:  # no rate in force on the receipt's date
                raise InputError(str(exc), receipt=r) from None
            out.conversions.append(conv)
            units = conv.converted.minor_units
        pools = out.by_date.setdefault(r.date, {})
        _add(pools, route.pool, units)
    return out


# ---------------------------------------------------------------------------------------------
# evaluation: figures to date


@attrs.define
class _TierEval:
    pool: str
    tier: Tier
    reached: int
    base: int | None
    claim: int | None
    take: int
    parts: list[tuple[str, str | None, int]]
    explanation: str


@attrs.define
class _Eval:
    inflow: dict[str, int]
    unallocated: dict[str, int]
    tiers: list[_TierEval]


def _round(value: Fraction) -> int:
    return round_fraction(value, _HALF_EVEN)


def _fmt(units: int, currency: Currency) -> str:
    return str(Money.from_minor_units(units, currency))


def _cap(tier: Tier) -> int | None:
    cap = getattr(tier, "cap", None)
    return None if cap is None else cap.minor_units


def _entitlements(tier: RecoupmentTier | DefermentTier) -> list[tuple[str, str, int, int]]:
    """(payee, position id, amount units, entitlement units) for each position."""
    if isinstance(tier, RecoupmentTier):
        return [
            (p.payee, p.id, p.amount.minor_units, p.entitlement.minor_units) for p in tier.positions
        ]
    return [(d.payee, d.id, d.amount.minor_units, d.amount.minor_units) for d in tier.deferments]


@attrs.define
class _Interest:
    accrued: Fraction
    accrued_to: pendulum.Date


def _interest_principal(tier: RecoupmentTier, paid: int, accrued: Fraction) -> Fraction:
    """Outstanding principal of a tier with interest, given what it has been paid to date."""
    ents = _entitlements(tier)
    total_ent = sum(e for *_, e in ents)
    principal = sum(a for _, _, a, _ in ents)
    interest_paid = min(paid, _round(accrued))
    towards_entitlement = paid - interest_paid
    if total_ent == 0:
        return Fraction(0)
    left = Fraction(total_ent - min(towards_entitlement, total_ent), total_ent)
    return principal * left


def _evaluate(
    waterfall: Waterfall,
    direct: Mapping[str, int],
    interest: Mapping[str, _Interest],
    residual_weights: Mapping[str, list[tuple[str, Fraction]]],
) -> _Eval:
    cur = waterfall.currency
    inflow: dict[str, int] = {}
    unallocated: dict[str, int] = {}
    tiers: list[_TierEval] = []
    into: dict[str, int] = defaultdict(int)
    for pool in waterfall.pool_order():
        received = direct.get(pool.id, 0) + into[pool.id]
        inflow[pool.id] = received
        avail = received
        for tier in pool.tiers:
            reached = avail
            cap = _cap(tier)
            base: int | None = None
            claim: int | None = None
            parts: list[tuple[str, str | None, int]]
            if isinstance(tier, (FeeTier, BackendTier, CorridorTier)):
                base = received if tier.base is Base.POOL_RECEIPTS else reached
                rate = tier.rate if not isinstance(tier, BackendTier) else tier.share
                if isinstance(tier, CorridorTier):
                    lower = tier.lower.minor_units
                    band = max(0, base - lower)
                    if tier.upper is not None:
                        band = min(band, tier.upper.minor_units - lower)
                    claim = _round(rate.value * band)
                    how = (
                        f"{rate} of {_fmt(band, cur)} of {tier.base.value} between "
                        f"{tier.lower} and {tier.upper or 'no upper threshold'} "
                        f"(base to date {_fmt(base, cur)})"
                    )
                else:
                    claim = _round(rate.value * base)
                    how = f"{rate} of {tier.base.value} {_fmt(base, cur)}"
                take = min(reached, claim, cap if cap is not None else claim)
                parts = [(tier.payee, None, take)]
            elif isinstance(tier, ExpenseTier):
                claim = tier.incurred.minor_units
                take = min(reached, claim, cap if cap is not None else claim)
                how = f"expenses incurred {tier.incurred}"
                parts = [(tier.payee, None, take)]
            elif isinstance(tier, (RecoupmentTier, DefermentTier)):
                ents = _entitlements(tier)
                total_ent = sum(e for *_, e in ents)
                claim = total_ent
                interest_note = ""
                if isinstance(tier, RecoupmentTier) and tier.interest is not None:
                    state = interest.get(tier.id)
                    accrued = state.accrued if state else Fraction(0)
                    interest_units = _round(accrued)
                    accrued_to = state.accrued_to if state else tier.interest.start
                    claim += interest_units
                    interest_note = (
                        f"; interest {tier.interest.rate} a year ({tier.interest.day_count.value}) "
                        f"accrued to {accrued_to.isoformat()}"
                        f": {_fmt(interest_units, cur)}"
                    )
                take = min(reached, claim, cap if cap is not None else claim)
                if take > total_ent:
                    # Every entitlement is met in full (each rounded once, on its own); the
                    # interest beyond them is shared in proportion to the principal it
                    # accrued on.
                    extra = apportion(take - total_ent, [Fraction(a) for _, _, a, _ in ents])
                    split = [e + x for (*_, e), x in zip(ents, extra, strict=True)]
                else:
                    # Pari passu on the entitlements: no position beyond its own.
                    split = apportion(take, [Fraction(e) for *_, e in ents])
                parts = [
                    (payee, pid, units)
                    for (payee, pid, _, _), units in zip(ents, split, strict=True)
                ]
                each = ", ".join(
                    f"{pid} {_fmt(e, cur)}"
                    + (f" ({_fmt(a, cur)} + premium)" if e != a else "")
                    for _, pid, a, e in ents
                )
                how = f"entitlements {each}{interest_note}; pari passu"
            elif isinstance(tier, ResidualSplit):
                weights_by = residual_weights[tier.id]
                take = reached if cap is None else min(reached, cap)
                split = apportion(take, [w for _, w in weights_by])
                parts = [
                    (payee, None, units)
                    for (payee, _), units in zip(weights_by, split, strict=True)
                    if payee != _UNALLOCATED
                ]
                unpaid = sum(
                    units
                    for (payee, _), units in zip(weights_by, split, strict=True)
                    if payee == _UNALLOCATED
                )
                take -= unpaid
                wsum = sum((w for _, w in weights_by), Fraction(0))
                shares = ", ".join(
                    f"{payee} {Share(w / wsum)}" for payee, w in weights_by if payee != _UNALLOCATED
                )
                how = f"residual {_fmt(reached, cur)} split {shares}"
            else:  # pragma: no cover - the union is closed
                raise WaterfallError(f"unknown tier {tier!r}")
            if claim is not None:
                how += f"; claim to date {_fmt(claim, cur)}"
            if cap is not None:
                how += f"; cap {_fmt(cap, cur)}"
            if claim is not None and take < min(claim, cap if cap is not None else claim):
                how += f"; limited to what reached the tier ({_fmt(reached, cur)})"
            tiers.append(_TierEval(pool.id, tier, reached, base, claim, take, parts, how))
            avail -= take
        if pool.flows_to is not None:
            into[pool.flows_to] += avail
            unallocated[pool.id] = 0
        else:
            unallocated[pool.id] = avail
    return _Eval(inflow, unallocated, tiers)


def _residual_weights(
    waterfall: Waterfall, agreement: CoProductionAgreement | None
) -> dict[str, list[tuple[str, Fraction]]]:
    out: dict[str, list[tuple[str, Fraction]]] = {}
    for tier in waterfall.tiers():
        if not isinstance(tier, ResidualSplit):
            continue
        if tier.participations:
            total = sum((p.share.value for p in tier.participations), Fraction(0))
            if total > 1:
                raise WaterfallError(
                    f"residual split {tier.id!r}: shares add up to {total * 100}% (more than 100%)"
                )
            weights = [(p.payee, p.share.value) for p in tier.participations]
            if total < 1:
                weights.append((_UNALLOCATED, 1 - total))
        else:
            weights = list(contribution_weights(waterfall, agreement).items())
            if not weights or sum(w for _, w in weights) == 0:
                raise WaterfallError(
                    f"residual split {tier.id!r} is in proportion to contributions, but neither "
                    "the waterfall nor its agreement lists any contribution"
                )
        out[tier.id] = weights
    return out


def contribution_weights(
    waterfall: Waterfall, agreement: CoProductionAgreement | None = None
) -> dict[str, Fraction]:
    """Exact weights for a split in proportion to contributions.

    From the co-production agreement when given (each co-producer's contributions,
    converted at the agreement's own rates), else from the waterfall's ``contributions``.

    Raises:
        WaterfallError: If a contribution is in a currency the agreement has no rate for.
        InvalidValueError: If the waterfall's contributions are in several currencies, or
            for an argument of the wrong type.
    """
    _args.instance("waterfall", waterfall, Waterfall)
    _args.instance("agreement", agreement, CoProductionAgreement, optional=True)
    if agreement is not None:
        weights: dict[str, Fraction] = {}
        for cp in agreement.co_producers:
            value = agreement.contributed(cp.party)
            if value is None:
                raise WaterfallError(
                    f"cannot weigh {cp.party!r} by contributions: a contribution is in a "
                    "currency with no agreed rate in the agreement"
                )
            if value > 0:
                weights[cp.party] = value
        if weights:
            return weights
    return waterfall.contribution_weights()


def _structural_errors(waterfall: Waterfall) -> list[str]:
    problems: list[str] = []
    for tier in waterfall.tiers():
        for name in ("cap", "lower", "upper", "incurred"):
            value = getattr(tier, name, None)
            if isinstance(value, Money) and value.amount < 0:
                problems.append(f"tier {tier.id!r}: {name} {value} is negative")
    return problems


def distribute(
    waterfall: Waterfall,
    receipts: Iterable[Receipt] | Ingested,
    state: WaterfallState | None = None,
    *,
    rates: RateTable | None = None,
    period: Period | None = None,
    agreement: CoProductionAgreement | None = None,
) -> Distribution:
    """Run one statement: distribute *receipts* through *waterfall*, after *state*.

    Args:
        waterfall: The waterfall.
        receipts: The period's receipts (:class:`Receipt` objects), or receipts already
            routed and aggregated (see :func:`coprod.waterfall.aggregate`).
        state: The state after the previous statement (None for the first).
        rates: Exchange rates for receipts not in the waterfall's currency.
        period: The statement period; by default from the day after the state's ``as_of``
            (or the first receipt) to the last receipt.
        agreement: The co-production agreement, to weigh a residual split in proportion to
            contributions.

    Returns:
        The distribution, with the new state in its ``state``.

    Raises:
        InvalidValueError: For receipts dated on or before the state's ``as_of`` or outside
            the period, a receipt without a rate, a pool whose receipts to date would add up
            to less than zero (a period of net refunds is fine: what was paid beyond the new
            figures to date is shown as a negative payment to recover), a state from another
            waterfall, or a state recording payments under a tier, payee or position this
            waterfall no longer has; for an argument of the wrong type (one receipt where a
            list of them is expected, a state that is not a ``WaterfallState``...).
        WaterfallError: For a waterfall that cannot be computed (a negative cap, residual
            shares above 100 %, a split by contributions with none given).

    Example:
        >>> from decimal import Decimal
        >>> from coprod import Country, Money, Share
        >>> from coprod.waterfall import (Waterfall, Route, Pool, FeeTier, ResidualSplit,
        ...     Participation, Receipt)
        >>> wf = Waterfall(id="demo", title="Demo", currency=Currency("USD"),
        ...     routes=(Route(pool="world"),),
        ...     pools=(Pool(id="world", tiers=(
        ...         FeeTier(id="sales-fee", payee="agent", rate=Share.parse("15%")),
        ...         ResidualSplit(id="net", participations=(
        ...             Participation(payee="a", share=Share.parse("1/3")),
        ...             Participation(payee="b", share=Share.parse("2/3")))))),))
        >>> d = distribute(wf, [Receipt(amount=Money.parse("1000.00 USD"),
        ...                             date=pendulum.Date(2025, 2, 1))])
        >>> {k: str(v) for k, v in d.payouts().items()}
        {'agent': '150.00 USD', 'a': '283.33 USD', 'b': '566.67 USD'}

    .. versionadded:: 0.1.0
    """
    _args.instance("waterfall", waterfall, Waterfall)
    if not isinstance(receipts, Ingested):
        receipts = _args.iterable("receipts", receipts, "Receipt objects")
    _args.instance("state", state, WaterfallState, optional=True)
    _args.instance("rates", rates, RateTable, optional=True)
    _args.instance("period", period, Period, optional=True)
    _args.instance("agreement", agreement, CoProductionAgreement, optional=True)
    problems = _structural_errors(waterfall)
    if problems:
        raise WaterfallError("; ".join(problems))
    cur = waterfall.currency
    fp = fingerprint(waterfall)
    notes: list[str] = []
    if state is None:
        state = WaterfallState(waterfall=waterfall.id, fingerprint=fp, currency=cur)
    elif state.waterfall != waterfall.id or state.currency != cur:
        raise InputError(
            f"the state{STATE_FILE} belongs to waterfall {state.waterfall!r} in "
            f"{state.currency}, not to {waterfall.id!r} in {cur}",
            state_path="$.waterfall" if state.waterfall != waterfall.id else "$.currency")
    elif state.fingerprint != fp:
        notes.append(
            "the waterfall changed since the previous statement (its fingerprint differs); "
            "payments this period settle the difference between the new figures to date and "
            "those already paid"
        )
    ing = receipts if isinstance(receipts, Ingested) else ingest(waterfall, receipts, rates)
    if period is None and ing.first is not None:
        assert ing.last is not None
        # The day after the state, if there is one: a state on the last day a date can be
        # leaves no day for these receipts, which the check below refuses.
        start = (state.as_of.add(days=1) if state.as_of is not None and state.as_of < LAST_DAY
                 else ing.first)
        period = Period(start=min(start, ing.first), end=ing.last)
    if period is not None:
        if state.as_of is not None and period.start <= state.as_of:
            # Without a period given, the period starts at the earliest receipt: that receipt
            # is what is out of place.
            early = ing.first if ing.first is not None and ing.first <= state.as_of else None
            raise InputError(
                f"the statement period starts {period.start.isoformat()}, on or before the last "
                f"day already accounted for ({state.as_of.isoformat()}{STATE_FILE})",
                day=early, state_path="$.as_of")
        outside = [d for d in (ing.first, ing.last) if d is not None and not period.contains(d)]
        if outside:
            raise InputError(
                f"receipts dated {outside[0].isoformat()} fall outside the period "
                f"{period.start.isoformat()}..{period.end.isoformat()}",
                day=outside[0])
    residual_weights = _residual_weights(waterfall, agreement)

    # previous figures to date
    direct: dict[str, int] = {p.pool: p.receipts.minor_units for p in state.pools}
    prev_unalloc: dict[str, int] = {p.pool: p.unallocated.minor_units for p in state.pools}
    prev_direct = dict(direct)
    prev_paid: dict[tuple[str, str, str | None], int] = {
        (p.tier, p.payee, p.position): p.amount.minor_units for p in state.paid
    }
    interest: dict[str, _Interest] = {
        i.tier: _Interest(i.accrued, i.accrued_to) for i in state.interest
    }
    interest_tiers = [
        t for t in waterfall.tiers() if isinstance(t, RecoupmentTier) and t.interest is not None
    ]
    for t in interest_tiers:
        assert t.interest is not None
        interest.setdefault(t.id, _Interest(Fraction(0), t.interest.start))

    # A pool's receipts *to date* must not be negative; a period of net refunds is fine (its
    # figures to date go down, and what was paid beyond them is shown as owed back), so that
    # splitting a period in two gives the same totals as running it whole. Checked before any
    # figure is computed: a negative amount reaching a split would otherwise fail there.
    dates = sorted(ing.by_date)
    merged: dict[str, int] = {}
    for day in dates:
        for pool_id, units in ing.by_date[day].items():
            _add(merged, pool_id, units)
    for pool_id, units in merged.items():
        if direct.get(pool_id, 0) + units < 0:
            span = (f" {period.start.isoformat()}..{period.end.isoformat()}"
                    if period is not None else "")
            raise InputError(
                f"receipts of pool {pool_id!r} to date add up to less than zero "
                f"({_fmt(direct.get(pool_id, 0) + units, cur)}) after the period{span}: "
                "refunds exceed what the pool ever received"
            )

    # evaluation points: every receipt date when interest runs, else once
    if not interest_tiers:
        steps: list[tuple[pendulum.Date | None, dict[str, int]]] = [(None, merged)] if dates else []
    else:
        steps = [(day, ing.by_date[day]) for day in dates]
    result: _Eval | None = None
    for step_day, amounts in steps:
        for pool_id, units in amounts.items():
            direct[pool_id] = direct.get(pool_id, 0) + units
        if step_day is not None:
            for t in interest_tiers:
                assert t.interest is not None
                st = interest[t.id]
                paid_before = sum(
                    units for (tier_id, _, _), units in prev_paid.items() if tier_id == t.id
                ) if result is None else next(te.take for te in result.tiers if te.tier.id == t.id)
                principal = _interest_principal(t, paid_before, st.accrued)
                st.accrued += t.interest.accrued(principal, st.accrued_to, step_day)
                if step_day > st.accrued_to:
                    st.accrued_to = step_day
        # Within a period, a refund dated before the receipts it is netted against may take
        # a pool below zero for a few days: nothing is there to pay out meanwhile.
        result = _evaluate(waterfall, {k: max(v, 0) for k, v in direct.items()}, interest,
                           residual_weights)
    if result is None:
        result = _evaluate(waterfall, direct, interest, residual_weights)

    # Every payment already made must still have its place: a record the waterfall no longer
    # has (a tier renamed, a position reassigned to another payee) would otherwise be
    # forgotten, and the amount paid again under the new name.
    placed = {(te.tier.id, payee, position) for te in result.tiers
              for payee, position, _ in te.parts}
    orphans = [(key, units) for key, units in prev_paid.items() if units and key not in placed]
    if orphans:
        (tier_id, payee, position), units = orphans[0]
        where = f"tier {tier_id!r}" + (f", position {position!r}" if position else "")
        more = f" (and {len(orphans) - 1} more)" if len(orphans) > 1 else ""
        index = next(i for i, p in enumerate(state.paid)
                     if (p.tier, p.payee, p.position) == (tier_id, payee, position))
        raise InputError(
            f"the state{STATE_FILE} records {_fmt(units, cur)} already paid to {payee!r} under "
            f"{where}, which this waterfall no longer has{more}: a renamed tier or a reassigned "
            "position would pay it again. Record it in the state under the tier, payee and "
            "position that now carry it",
            state_path=f"$.paid[{index}]")

    # lines: to date vs previously
    lines: list[TraceLine] = []
    tier_summaries: list[TierSummary] = []
    paid_records: list[PaidToDate] = []
    for te in result.tiers:
        tier = te.tier
        paid_this = 0
        for payee, position, units in te.parts:
            before = prev_paid.get((tier.id, payee, position), 0)
            delta = units - before
            paid_this += delta
            if delta < 0:
                notes.append(
                    f"{payee} ({tier.id}) was paid {_fmt(-delta, cur)} more in earlier statements "
                    "than the figures to date now allow; the difference is shown as a negative "
                    "payment to recover"
                )
            clause = getattr(tier, "clause", None)
            if position is not None:
                for item in (*getattr(tier, "positions", ()), *getattr(tier, "deferments", ())):
                    if item.id == position and item.clause:
                        clause = item.clause
            lines.append(
                TraceLine(
                    pool=te.pool,
                    tier=tier.id,
                    kind=tier.kind,
                    clause=clause,
                    payee=payee,
                    position=position,
                    previously=Money.from_minor_units(before, cur),
                    this_period=Money.from_minor_units(delta, cur),
                    to_date=Money.from_minor_units(units, cur),
                    explanation=te.explanation,
                )
            )
            paid_records.append(
                PaidToDate(tier=tier.id, payee=payee, position=position,
                           amount=Money.from_minor_units(units, cur))
            )
        tier_summaries.append(
            TierSummary(
                pool=te.pool,
                tier=tier.id,
                kind=tier.kind,
                clause=tier.clause,
                reached=Money.from_minor_units(te.reached, cur),
                base=None if te.base is None else Money.from_minor_units(te.base, cur),
                claim=None if te.claim is None else Money.from_minor_units(te.claim, cur),
                paid_to_date=Money.from_minor_units(te.take, cur),
                paid_this_period=Money.from_minor_units(paid_this, cur),
                explanation=te.explanation,
            )
        )
    pools: list[PoolSummary] = []
    pool_records: list[PoolToDate] = []
    for pool in waterfall.pool_order():
        d_now = direct.get(pool.id, 0)
        d_before = prev_direct.get(pool.id, 0)
        u_now = result.unallocated.get(pool.id, 0)
        u_before = prev_unalloc.get(pool.id, 0)
        pools.append(
            PoolSummary(
                pool=pool.id,
                name=pool.name,
                receipts_this_period=Money.from_minor_units(d_now - d_before, cur),
                receipts_to_date=Money.from_minor_units(d_now, cur),
                inflow_to_date=Money.from_minor_units(result.inflow.get(pool.id, 0), cur),
                flows_to=pool.flows_to,
                unallocated_this_period=Money.from_minor_units(u_now - u_before, cur),
                unallocated_to_date=Money.from_minor_units(u_now, cur),
            )
        )
        pool_records.append(
            PoolToDate(pool=pool.id, receipts=Money.from_minor_units(d_now, cur),
                       unallocated=Money.from_minor_units(u_now, cur))
        )

    # retention, unrouted and receipts, to date per currency
    def merge(prev: Iterable[Money], now: Mapping[Currency, int]) -> tuple[Money, ...]:
        totals: dict[Currency, int] = {m.currency: m.minor_units for m in prev}
        for c, units in now.items():
            totals[c] = totals.get(c, 0) + units
        return tuple(
            Money.from_minor_units(u, c)
            for c, u in sorted(totals.items(), key=lambda kv: kv[0].code)
        )

    retained_prev: dict[tuple[str, Currency], int] = {
        (r.payee, r.amount.currency): r.amount.minor_units for r in state.retained
    }
    retained_keys = sorted(set(retained_prev) | set(ing.retained), key=lambda k: (k[0], k[1].code))
    retentions = tuple(
        Retention(
            payee=payee,
            this_period=Money.from_minor_units(ing.retained.get((payee, c), 0), c),
            to_date=Money.from_minor_units(
                retained_prev.get((payee, c), 0) + ing.retained.get((payee, c), 0), c
            ),
            clause=_retention_clause(waterfall, payee),
        )
        for payee, c in retained_keys
    )
    new_state = WaterfallState(
        waterfall=waterfall.id,
        fingerprint=fp,
        currency=cur,
        as_of=period.end if period is not None else state.as_of,
        statements=state.statements + 1,
        pools=tuple(pool_records),
        paid=tuple(paid_records),
        interest=tuple(
            InterestAccrual(tier=tid, accrued=st.accrued, accrued_to=st.accrued_to)
            for tid, st in sorted(interest.items())
        ),
        retained=tuple(RetainedToDate(payee=r.payee, amount=r.to_date) for r in retentions),
        unrouted=merge(state.unrouted, ing.unrouted),
        receipts=merge(state.receipts, ing.received),
    )
    names = tuple((pid, party.name) for pid, party in waterfall.party_index.items())
    dist = Distribution(
        waterfall=waterfall.id,
        title=waterfall.title,
        currency=cur,
        period=period,
        receipts=tuple(
            Money.from_minor_units(u, c)
            for c, u in sorted(ing.received.items(), key=lambda kv: kv[0].code)
        ),
        routed=tuple(
            Money.from_minor_units(u, c)
            for c, u in sorted(ing.routed.items(), key=lambda kv: kv[0].code)
        ),
        conversions=tuple(ing.conversions),
        retained=retentions,
        unrouted=tuple(
            Money.from_minor_units(u, c)
            for c, u in sorted(ing.unrouted.items(), key=lambda kv: kv[0].code)
        ),
        pools=tuple(pools),
        tiers=tuple(tier_summaries),
        lines=tuple(lines),
        state=new_state,
        notes=tuple(notes),
        payee_names=names,
    )
    return dist


def _retention_clause(waterfall: Waterfall, payee: str) -> str | None:
    for r in waterfall.routes:
        if r.retained_by == payee and r.clause:
            return r.clause
    return None
