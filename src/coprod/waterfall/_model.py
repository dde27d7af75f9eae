"""The waterfall model: receipts, routing, pools and tiers.

A :class:`Waterfall` says who is paid what, in which order, from a production's receipts:

1. **Routing.** Each :class:`Receipt` is matched against the :class:`Route` list in order;
   the first route that matches either *retains* the receipt for a co-producer (territorial
   retention: the receipt stays in its own currency with that co-producer and never enters
   the waterfall) or sends it to a :class:`Pool`. A receipt no route matches is
   *unrouted* and stays unallocated.
2. **Pools.** A pool is a stream of receipts in the waterfall's currency running through its
   own tiers, in order. What is left at the bottom of a pool flows into the pool named by
   ``flows_to`` (two pools flowing into a third are *cross-collateralised* from there on), or
   stays unallocated in the pool.
3. **Tiers**, each with an id, an optional cap and the clause of the contract it implements:
   :class:`FeeTier`, :class:`ExpenseTier`, :class:`RecoupmentTier`, :class:`DefermentTier`,
   :class:`CorridorTier`, :class:`BackendTier` and :class:`ResidualSplit`.

The model only says what the contract says; :func:`coprod.waterfall.distribute` computes.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterator, Mapping
from fractions import Fraction
from typing import Any, TypeAlias

import attrs
import pendulum

from coprod._fields import country, enum_member, instance_of, items_of
from coprod.agreements import Contribution
from coprod.errors import InvalidValueError, quote
from coprod.geo import Country
from coprod.money import Currency, Money, _to_currency
from coprod.parties import Organisation, Party, Person, _countries
from coprod.share import Share

__all__ = [
    "BackendTier",
    "Base",
    "CorridorTier",
    "DayCount",
    "Deferment",
    "DefermentTier",
    "ExpenseTier",
    "FeeTier",
    "Participation",
    "Pool",
    "Position",
    "Receipt",
    "ReceiptBasis",
    "ReceiptLedger",
    "RecoupmentTier",
    "ResidualSplit",
    "Route",
    "SimpleInterest",
    "Tier",
    "Waterfall",
]

_ID_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789._-")
_instance_of = instance_of


def _check_id(_i: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if (
        not isinstance(value, str)
        or not value
        or not (value[0].isascii() and (value[0].isalnum()))
        or not set(value) <= _ID_CHARS
        or value != value.lower()
    ):
        raise InvalidValueError(
            f"{attribute.name} must be an id of lower-case letters, digits, '.', '_' or '-', "
            f"got {quote(value)}", field=attribute.name
        )


def _check_optional_id(i: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _check_id(i, attribute, value)


def _tuple(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


def _to_date(value: object) -> object:
    if isinstance(value, _dt.date) and not isinstance(value, (_dt.datetime, pendulum.Date)):
        return pendulum.Date(value.year, value.month, value.day)
    return value


def _check_date(_i: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, pendulum.Date) or isinstance(value, _dt.datetime):
        raise InvalidValueError(f"{attribute.name} must be a date, got {quote(value)}",
                                field=attribute.name)


def _day(name: str, value: object) -> pendulum.Date:
    """An argument that is a day (a ``datetime.date`` is the same day), or an error naming it."""
    value = _to_date(value)
    if not isinstance(value, pendulum.Date) or isinstance(value, _dt.datetime):
        raise InvalidValueError(f"{name} must be a date, got {quote(value)}", field=name)
    return value


def _check_rounded(_i: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Money):
        raise InvalidValueError(f"{attribute.name} must be an amount of money, got {quote(value)}",
                                field=attribute.name)
    if not value.is_rounded:
        raise InvalidValueError(
            f"{attribute.name} must be a whole number of minor units of {value.currency}, "
            f"got {value}", field=attribute.name
        )


def _check_optional_money(i: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _check_rounded(i, attribute, value)


def _check_positive(_i: object, attribute: attrs.Attribute[Any], value: Money) -> None:
    if value.amount < 0:
        raise InvalidValueError(f"{attribute.name} must not be negative, got {value}",
                                field=attribute.name)


#: Optional text (a medium, a clause reference, a name) is text or None, nothing else.
_optional_text = attrs.validators.optional(_instance_of(str))


def _territories(value: object) -> object:
    # Lossless normalisation: country codes become countries (as for a party's countries);
    # an unknown code is reported at the field.
    try:
        return _countries(value)
    except InvalidValueError as exc:
        raise InvalidValueError(f"territories: {exc}", field="territories") from None


def _except_territories(value: object) -> object:
    try:
        return _countries(value)
    except InvalidValueError as exc:
        raise InvalidValueError(f"except_territories: {exc}",
                                field="except_territories") from None


def _territory(value: object) -> object:
    return country(value, "territory")


# Lossless normalisation of enum values given as text (``"net"``, ``"tier-input"``); each enum
# is looked up when called, so these may stand before the enums they name.


def _receipt_basis(value: object) -> object:
    return enum_member(ReceiptBasis, value)


def _base(value: object) -> object:
    return enum_member(Base, value)


def _day_count(value: object) -> object:
    return enum_member(DayCount, value)


def _currency(value: object) -> object:
    # Lossless normalisation: an ISO 4217 code becomes its currency (as for exchange rates).
    if isinstance(value, str):
        try:
            return _to_currency(value)
        except InvalidValueError as exc:
            raise InvalidValueError(f"currency: {exc}", field="currency") from None
    return value


# ---------------------------------------------------------------------------------------------
# receipts


class ReceiptBasis(enum.Enum):
    """Whether a receipt is reported gross, or net of something the payer kept.

    .. versionadded:: 0.1.0
    """

    GROSS = "gross"
    NET = "net"


@attrs.frozen(kw_only=True)
class Receipt:
    """Money received from the exploitation of the work.

    Args:
        amount: What was received, a whole number of minor units (a negative amount is a
            refund or a correction; a pool's receipts in a statement must not add up to
            less than zero).
        date: When it was received; it picks the exchange rate and the statement period.
        territory: The country the receipt comes from, if known (a ``Country``, or its code).
        medium: How the work was exploited (``theatrical``, ``svod``, ``free-tv``...).
        source: Who paid (a distributor, a platform).
        basis: Gross, or net of something the payer kept (a ``ReceiptBasis``, or its value
            ``"gross"`` or ``"net"``).
        net_of: What a net receipt is net of, in words ("distributor's fee 25%").
        reference: A line reference (an invoice or a report line), carried into the trace.

    Example:
        >>> r = Receipt(amount=Money.parse("1000.00 USD"), date=pendulum.Date(2025, 1, 15),
        ...             territory=Country("FR"), medium="theatrical")
        >>> str(r.amount), r.territory.code
        ('1000.00 USD', 'FR')

    .. versionadded:: 0.1.0
    """

    amount: Money = attrs.field(validator=_check_rounded)
    date: pendulum.Date = attrs.field(converter=_to_date, validator=_check_date)
    territory: Country | None = attrs.field(
        default=None, converter=_territory,
        validator=attrs.validators.optional(_instance_of(Country))
    )
    medium: str | None = attrs.field(default=None, validator=_optional_text)
    source: str | None = attrs.field(default=None, validator=_optional_text)
    basis: ReceiptBasis = attrs.field(
        default=ReceiptBasis.GROSS, converter=_receipt_basis, validator=_instance_of(ReceiptBasis)
    )
    net_of: str | None = attrs.field(default=None, validator=_optional_text)
    reference: str | None = attrs.field(default=None, validator=_optional_text)


@attrs.frozen(kw_only=True)
class ReceiptLedger:
    """A list of receipts, as a document of its own (kind ``receipts``).

    .. versionadded:: 0.1.0
    """

    receipts: tuple[Receipt, ...] = attrs.field(converter=_tuple, validator=items_of(Receipt))


# ---------------------------------------------------------------------------------------------
# routing


@attrs.frozen(kw_only=True)
class Route:
    """Where receipts that match go: to a pool, or retained by a co-producer.

    A route matches a receipt when every filter it sets matches (an empty filter matches
    everything): its territory is in ``territories`` and not in ``except_territories``, its
    medium is in ``media`` and its source in ``sources``. A receipt with no territory
    matches only routes without territory filters. Routes are tried in order; the first
    that matches wins, so put the specific ones (home territories) before the catch-all
    (rest of the world).

    Args:
        pool: The pool the receipts go to. Exactly one of ``pool`` and ``retained_by``.
        retained_by: The payee that keeps these receipts (territorial retention).
        territories: Countries the route covers (empty: any); codes such as ``"RU"`` are
            read as countries.
        except_territories: Countries the route does not cover.
        media: Media the route covers (empty: any).
        sources: Payers the route covers (empty: any).
        clause: The clause of the contract the route implements.

    Example:
        >>> Route(retained_by="volga", territories=(Country("RU"),)).matches(
        ...     Receipt(amount=Money.parse("5 RUB"), date=pendulum.Date(2025, 1, 1),
        ...             territory=Country("RU")))
        True

    .. versionadded:: 0.1.0
    """

    pool: str | None = attrs.field(default=None, validator=_check_optional_id)
    retained_by: str | None = attrs.field(default=None, validator=_check_optional_id)
    territories: tuple[Country, ...] = attrs.field(
        default=(), converter=_territories, validator=items_of(Country))
    except_territories: tuple[Country, ...] = attrs.field(
        default=(), converter=_except_territories, validator=items_of(Country))
    media: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=items_of(str))
    sources: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=items_of(str))
    clause: str | None = attrs.field(default=None, validator=_optional_text)

    def __attrs_post_init__(self) -> None:
        if (self.pool is None) == (self.retained_by is None):
            raise InvalidValueError("a route names exactly one of 'pool' and 'retained_by'")
        if self.territories and self.except_territories:
            raise InvalidValueError(
                "a route lists territories it covers or territories it excludes, never both"
            )

    def matches(self, receipt: Receipt) -> bool:
        """Whether *receipt* takes this route.

        Raises:
            InvalidValueError: If *receipt* is not a :class:`~coprod.Receipt`.
        """
        if not isinstance(receipt, Receipt):
            raise InvalidValueError(f"receipt must be a Receipt, got {quote(receipt)}",
                                    field="receipt")
        return self.matches_keys(
            receipt.territory.code if receipt.territory else None, receipt.medium, receipt.source
        )

    def matches_keys(self, territory: str | None, medium: str | None, source: str | None) -> bool:
        """Whether a receipt with these territory code, medium and source takes this route."""
        if self.territories or self.except_territories:
            if territory is None:
                return False
            if self.territories and territory not in {c.code for c in self.territories}:
                return False
            if territory in {c.code for c in self.except_territories}:
                return False
        if self.media and medium not in self.media:
            return False
        return not (self.sources and source not in self.sources)

    @property
    def target(self) -> str:
        """``pool:<id>`` or ``retained:<payee>``, for messages."""
        return f"pool:{self.pool}" if self.pool is not None else f"retained:{self.retained_by}"


# ---------------------------------------------------------------------------------------------
# tiers


class Base(enum.Enum):
    """What a rate is a rate *of*.

    * ``pool-receipts``: every receipt that has entered the pool to date (for the first tier
      of a pool this is the pool's gross);
    * ``tier-input``: what reaches this tier after the tiers above it.

    .. versionadded:: 0.1.0
    """

    POOL_RECEIPTS = "pool-receipts"
    TIER_INPUT = "tier-input"


class DayCount(enum.Enum):
    """How interest counts days.

    * ``act/365-fixed``: actual days elapsed over 365 (also in leap years);
    * ``act/360``: actual days elapsed over 360 (money-market convention).

    .. versionadded:: 0.1.0
    """

    ACT_365_FIXED = "act/365-fixed"
    ACT_360 = "act/360"

    @property
    def basis(self) -> int:
        """Days in the year of this convention."""
        return 365 if self is DayCount.ACT_365_FIXED else 360


@attrs.frozen(kw_only=True)
class SimpleInterest:
    """Simple interest agreed on a recoupment tier.

    Interest accrues on the tier's *outstanding principal* (the investments not yet repaid,
    premiums excluded) at ``rate`` a year, from ``start``, counted with ``day_count``. It is
    simple: unpaid interest earns none. Payments to the tier go first to accrued interest,
    then to investment and premium. Interest is accrued exactly (as a fraction) from one
    receipt date to the next and rounded half-even to the minor unit only when it is
    claimed; see the explanation page for why receipt dates, not statement dates.

    Args:
        rate: The yearly rate (``8%``).
        start: The day interest starts to run (the day the money was advanced).
        day_count: The day-count convention.

    .. versionadded:: 0.1.0
    """

    rate: Share = attrs.field(validator=_instance_of(Share))
    start: pendulum.Date = attrs.field(converter=_to_date, validator=_check_date)
    day_count: DayCount = attrs.field(
        default=DayCount.ACT_365_FIXED, converter=_day_count, validator=_instance_of(DayCount)
    )

    def accrued(self, principal: Fraction, since: pendulum.Date, until: pendulum.Date) -> Fraction:
        """Exact interest on *principal* between two dates (zero if *until* is not later).

        Works in any unit: interest on a principal in minor units is in minor units.

        Example:
            >>> i = SimpleInterest(rate=Share.parse("10%"), start=pendulum.Date(2025, 1, 1))
            >>> i.accrued(Fraction(36500), pendulum.Date(2025, 1, 1), pendulum.Date(2025, 1, 11))
            Fraction(100, 1)
        """
        if isinstance(principal, bool) or not isinstance(principal, (int, Fraction)):
            raise InvalidValueError(
                f"principal must be an exact number of units (an int or a Fraction), got "
                f"{quote(principal)}", field="principal")
        since, until = _day("since", since), _day("until", until)
        days = (until - since).in_days() if until > since else 0
        return principal * self.rate.value * days / self.day_count.basis


def _check_share(_i: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Share):
        raise InvalidValueError(
            f"{attribute.name} must be a share such as '15%', got {quote(value)}",
            field=attribute.name
        )


@attrs.frozen(kw_only=True)
class FeeTier:
    """An off-the-top fee: a rate of a named base (a sales agent's 15 % of gross).

    Args:
        id: The tier's id, unique in the waterfall.
        payee: Who is paid the fee.
        rate: The fee rate.
        base: What the rate applies to (pool receipts by default); a ``Base`` or its value,
            ``"pool-receipts"`` or ``"tier-input"``.
        cap: The most the fee may take to date, if capped.
        clause: The clause of the contract.

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=_check_id)
    payee: str = attrs.field(validator=_check_id)
    rate: Share = attrs.field(validator=_check_share)
    base: Base = attrs.field(default=Base.POOL_RECEIPTS, converter=_base,
                             validator=_instance_of(Base))
    cap: Money | None = attrs.field(default=None, validator=_check_optional_money)
    clause: str | None = attrs.field(default=None, validator=_optional_text)

    kind = "fee"

    def payees(self) -> tuple[str, ...]:
        """The payees of the tier."""
        return (self.payee,)


@attrs.frozen(kw_only=True)
class ExpenseTier:
    """Expenses reimbursed up to a cap (a sales agent's marketing and delivery costs).

    Args:
        id: The tier's id.
        payee: Who is reimbursed.
        incurred: Expenses incurred and reported to date.
        cap: The most that may be reimbursed, if capped.
        clause: The clause of the contract.

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=_check_id)
    payee: str = attrs.field(validator=_check_id)
    incurred: Money = attrs.field(validator=[_check_rounded, _check_positive])
    cap: Money | None = attrs.field(default=None, validator=_check_optional_money)
    clause: str | None = attrs.field(default=None, validator=_optional_text)

    kind = "expense"

    def payees(self) -> tuple[str, ...]:
        """The payees of the tier."""
        return (self.payee,)


@attrs.frozen(kw_only=True)
class Position:
    """One investment to be recouped, possibly with a premium.

    Args:
        id: The position's id, unique in its tier.
        payee: Who recoups.
        amount: The amount invested.
        premium: The premium on top of the amount (``20%`` recoups 120 % of the amount).
        clause: The clause of the contract.

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=_check_id)
    payee: str = attrs.field(validator=_check_id)
    amount: Money = attrs.field(validator=[_check_rounded, _check_positive])
    premium: Share = attrs.field(default=Share.ZERO, validator=_check_share)
    clause: str | None = attrs.field(default=None, validator=_optional_text)

    @property
    def entitlement(self) -> Money:
        """Amount plus premium, rounded half-even to the minor unit (a named rounding step).

        Example:
            >>> Position(id="a", payee="x", amount=Money.parse("1000.00 USD"),
            ...          premium=Share.parse("20%")).entitlement
            Money.parse('1200.00 USD')
        """
        return self.amount.scale(1 + self.premium.value)


def _tuple_nonempty(_i: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple) or not value:
        raise InvalidValueError(f"{attribute.name} must list at least one entry",
                                field=attribute.name)


def _unique_ids(items: tuple[object, ...], what: str) -> None:
    seen: set[str] = set()
    for item in items:
        ident = getattr(item, "id", None) or getattr(item, "payee", None)
        if ident in seen:
            raise InvalidValueError(f"{what} {quote(ident)} appears twice")
        seen.add(str(ident))


@attrs.frozen(kw_only=True)
class RecoupmentTier:
    """Investments recouped pari passu (pro rata to their entitlements) within one tier.

    Recoupment across tiers is sequential: a lower tier receives nothing until this tier is
    fully recouped (or capped).

    Args:
        id: The tier's id.
        positions: The investments, recouped pari passu.
        interest: Simple interest, if the contract grants it (positions of a tier with
            interest must share one premium, so that pari passu stays one proportion).
        cap: The most the tier may take to date, if capped.
        clause: The clause of the contract.

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=_check_id)
    positions: tuple[Position, ...] = attrs.field(
        converter=_tuple, validator=[items_of(Position), _tuple_nonempty])
    interest: SimpleInterest | None = attrs.field(
        default=None, validator=attrs.validators.optional(_instance_of(SimpleInterest))
    )
    cap: Money | None = attrs.field(default=None, validator=_check_optional_money)
    clause: str | None = attrs.field(default=None, validator=_optional_text)

    kind = "recoupment"

    def __attrs_post_init__(self) -> None:
        _unique_ids(self.positions, "position")
        if self.interest is not None and len({p.premium for p in self.positions}) > 1:
            raise InvalidValueError(
                f"tier {self.id!r}: positions of a tier with interest must share one premium; "
                "put positions with different premiums in separate tiers"
            )

    def payees(self) -> tuple[str, ...]:
        """The payees of the tier."""
        return tuple(p.payee for p in self.positions)


@attrs.frozen(kw_only=True)
class Deferment:
    """A fee or salary deferred until receipts allow (a director's deferred fee).

    Args:
        id: The deferment's id, unique in its tier.
        payee: Who is owed.
        amount: The amount deferred.
        clause: The clause of the contract.

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=_check_id)
    payee: str = attrs.field(validator=_check_id)
    amount: Money = attrs.field(validator=[_check_rounded, _check_positive])
    clause: str | None = attrs.field(default=None, validator=_optional_text)


@attrs.frozen(kw_only=True)
class DefermentTier:
    """Deferments paid pari passu (pro rata to the amounts deferred).

    Args:
        id: The tier's id.
        deferments: The deferred amounts.
        cap: The most the tier may take to date, if capped.
        clause: The clause of the contract.

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=_check_id)
    deferments: tuple[Deferment, ...] = attrs.field(
        converter=_tuple, validator=[items_of(Deferment), _tuple_nonempty])
    cap: Money | None = attrs.field(default=None, validator=_check_optional_money)
    clause: str | None = attrs.field(default=None, validator=_optional_text)

    kind = "deferment"

    def __attrs_post_init__(self) -> None:
        _unique_ids(self.deferments, "deferment")

    def payees(self) -> tuple[str, ...]:
        """The payees of the tier."""
        return tuple(d.payee for d in self.deferments)


@attrs.frozen(kw_only=True)
class CorridorTier:
    """A rate of the receipts between two cumulative thresholds, alongside the main flow.

    The payee receives ``rate`` of the part of the base that lies between ``lower`` and
    ``upper`` (to date); the rest of the flow continues to the tiers below.

    Args:
        id: The tier's id.
        payee: Who receives the corridor.
        rate: The corridor rate.
        lower: Where the corridor opens (cumulative base).
        upper: Where it closes, or None for no upper threshold.
        base: What the thresholds measure (pool receipts by default).
        cap: The most the corridor may take to date, if capped.
        clause: The clause of the contract.

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=_check_id)
    payee: str = attrs.field(validator=_check_id)
    rate: Share = attrs.field(validator=_check_share)
    lower: Money = attrs.field(validator=[_check_rounded, _check_positive])
    upper: Money | None = attrs.field(default=None, validator=_check_optional_money)
    base: Base = attrs.field(default=Base.POOL_RECEIPTS, converter=_base,
                             validator=_instance_of(Base))
    cap: Money | None = attrs.field(default=None, validator=_check_optional_money)
    clause: str | None = attrs.field(default=None, validator=_optional_text)

    kind = "corridor"

    def __attrs_post_init__(self) -> None:
        if (
            self.upper is not None
            and self.upper.currency == self.lower.currency
            and self.upper < self.lower
        ):
            raise InvalidValueError(
                f"corridor {self.id!r}: upper threshold {self.upper} is below lower {self.lower}"
            )

    def payees(self) -> tuple[str, ...]:
        """The payees of the tier."""
        return (self.payee,)


@attrs.frozen(kw_only=True)
class BackendTier:
    """A backend participation: a share of a base (the source-work holder's share of a remake).

    Args:
        id: The tier's id.
        payee: Who participates.
        share: The participation.
        base: What the share applies to (pool receipts by default).
        cap: The most the participation may take to date, if capped.
        licence: The remake licence (or other contract) that grants the participation.
        clause: The clause of the contract.

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=_check_id)
    payee: str = attrs.field(validator=_check_id)
    share: Share = attrs.field(validator=_check_share)
    base: Base = attrs.field(default=Base.POOL_RECEIPTS, converter=_base,
                             validator=_instance_of(Base))
    cap: Money | None = attrs.field(default=None, validator=_check_optional_money)
    licence: str | None = attrs.field(default=None, validator=_optional_text)
    clause: str | None = attrs.field(default=None, validator=_optional_text)

    kind = "backend"

    @classmethod
    def from_remake_licence(
        cls,
        licence: object,
        *,
        id: str = "backend",
        base: Base = Base.POOL_RECEIPTS,
        cap: Money | None = None,
        clause: str | None = None,
    ) -> BackendTier:
        """The backend tier that honours a remake licence's backend participation.

        The share, the payee and the clause come from the licence. Its ``basis`` is the
        contract's own words, which decide where the tier goes and what it is a share of; the
        tier cannot read them, so place it and choose *base* to match. On "gross receipts",
        put it first: a share of everything received. On "producer's gross receipts" (what
        reaches the producer once the distributor has kept its fee), put it after the
        distribution fee with ``base=Base.TIER_INPUT``; with the default ``pool-receipts``
        it would still be a share of everything received.

        Args:
            licence: A ``coprod.remakes.RemakeLicense``: its ``backend`` participation
                (party, share, clause) becomes the tier; the licence's ``licensor`` is the
                payee when the participation names no party.
            id: The tier's id.
            base: What the share applies to.
            cap: An optional cap.
            clause: The clause; defaults to the licence's own reference.

        Raises:
            InvalidValueError: If the licence grants no backend participation.
        """
        backend = getattr(licence, "backend_participation", None)
        if backend is None:
            backend = getattr(licence, "backend", None)
        share = getattr(backend, "share", backend)  # a participation object carrying a share
        if not isinstance(share, Share):
            raise InvalidValueError("the licence grants no backend participation")
        licensor = getattr(backend, "party", None) or getattr(licence, "licensor", None)
        payee = getattr(licensor, "id", licensor)
        if not isinstance(payee, str):
            raise InvalidValueError("the licence names no licensor")
        ref = getattr(licence, "id", None)
        clause = clause or getattr(backend, "clause", None) or getattr(licence, "clause", None)
        return cls(
            id=id,
            payee=payee,
            share=share,
            base=base,
            cap=cap,
            licence=ref if isinstance(ref, str) else None,
            clause=clause,
        )

    def payees(self) -> tuple[str, ...]:
        """The payees of the tier."""
        return (self.payee,)


@attrs.frozen(kw_only=True)
class Participation:
    """A payee's share of the residual (net profits).

    .. versionadded:: 0.1.0
    """

    payee: str = attrs.field(validator=_check_id)
    share: Share = attrs.field(validator=_check_share)


@attrs.frozen(kw_only=True)
class ResidualSplit:
    """The split of what is left (net profits), by shares or in proportion to contributions.

    With no participations listed, the residual is split in proportion to the
    contributions of the waterfall (or of the co-production agreement it belongs to).
    Shares that add up to less than 100 % pay each payee its share of what reaches the
    split and pass the rest on, like the rest of any tier: to the tiers below, then to the
    pool named by ``flows_to``, or it stays unallocated at the bottom of the pool. An
    uncapped split whose shares add up to 100 % takes everything that reaches it, so a tier
    below it is never paid (:func:`~coprod.waterfall.check` says so).

    A cap limits how much of the residual the split takes in, *before* the shares are
    applied: the first ``cap`` of what reaches it is split by the shares, and the rest
    passes on ("the first 1,000,000 of net profits 50/50, the rest to the next split"). With
    shares below 100 %, the payees are paid their shares of the cap (a 50 % share under a
    cap of 100.00 is paid 50.00 however much reaches the split) and the unshared part of
    the cap passes on with the rest.

    Args:
        id: The tier's id.
        participations: The payees and their shares (empty: in proportion to contributions).
        cap: The most of the residual the split takes in to date, before its shares are
            applied, if capped.
        clause: The clause of the contract.

    Example:
        >>> from coprod import Currency
        >>> from coprod.waterfall import distribute
        >>> wf = Waterfall(id="w", title="W", currency=Currency("USD"),
        ...     routes=(Route(pool="p"),), pools=(Pool(id="p", tiers=(
        ...         ResidualSplit(id="first", cap=Money.parse("100.00 USD"), participations=(
        ...             Participation(payee="a", share=Share.parse("50%")),)),
        ...         ResidualSplit(id="rest", participations=(
        ...             Participation(payee="b", share=Share.parse("100%")),)))),))
        >>> d = distribute(wf, [Receipt(amount=Money.parse("1000.00 USD"),
        ...                             date=pendulum.Date(2025, 1, 15))])
        >>> {k: str(v) for k, v in d.payouts().items()}
        {'a': '50.00 USD', 'b': '950.00 USD'}

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=_check_id)
    participations: tuple[Participation, ...] = attrs.field(
        default=(), converter=_tuple, validator=items_of(Participation))
    cap: Money | None = attrs.field(default=None, validator=_check_optional_money)
    clause: str | None = attrs.field(default=None, validator=_optional_text)

    kind = "residual"

    def __attrs_post_init__(self) -> None:
        _unique_ids(self.participations, "participation for payee")

    def payees(self) -> tuple[str, ...]:
        """The payees of the tier (empty when split by contributions)."""
        return tuple(p.payee for p in self.participations)


#: Any tier.
Tier: TypeAlias = (
    FeeTier
    | ExpenseTier
    | RecoupmentTier
    | DefermentTier
    | CorridorTier
    | BackendTier
    | ResidualSplit
)
TIER_TYPES: dict[str, type] = {
    "fee": FeeTier,
    "expense": ExpenseTier,
    "recoupment": RecoupmentTier,
    "deferment": DefermentTier,
    "corridor": CorridorTier,
    "backend": BackendTier,
    "residual": ResidualSplit,
}


_TIER_CLASSES = tuple(TIER_TYPES.values())


def _check_tiers(_i: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not tuple:
        raise InvalidValueError(f"tiers must be a list of tiers, got {quote(value)}",
                                field=attribute.name)
    for i, tier in enumerate(value):
        if not isinstance(tier, _TIER_CLASSES):
            raise InvalidValueError(
                f"tiers[{i}] must be a tier ("
                + ", ".join(t.__name__ for t in _TIER_CLASSES) + f"), got {quote(tier)}",
                field=attribute.name, within=f"[{i}]")


@attrs.frozen(kw_only=True)
class Pool:
    """A stream of receipts running through its tiers in order.

    Args:
        id: The pool's id.
        tiers: The tiers, top (paid first) to bottom.
        flows_to: The pool that receives what is left at the bottom of this one, if any.
        name: A name for statements ("Rest of the world").

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=_check_id)
    tiers: tuple[Tier, ...] = attrs.field(default=(), converter=_tuple, validator=_check_tiers)
    flows_to: str | None = attrs.field(default=None, validator=_check_optional_id)
    name: str | None = attrs.field(default=None, validator=_optional_text)


def _money_fields(tier: Tier) -> Iterator[tuple[str, Money]]:
    for name in ("cap", "incurred", "lower", "upper"):
        value = getattr(tier, name, None)
        if isinstance(value, Money):
            yield name, value
    for item in (*getattr(tier, "positions", ()), *getattr(tier, "deferments", ())):
        yield f"{item.id}.amount", item.amount


@attrs.frozen(kw_only=True)
class Waterfall:
    """A production's revenue waterfall.

    Args:
        id: The waterfall's id.
        title: The production's title, for statements.
        currency: The currency the waterfall accounts in; receipts in other currencies
            are converted with a rate table.
        parties: The payees (co-producers, sales agent, investors, talent), as parties.
        routes: Where receipts go, tried in order.
        pools: The pools and their tiers.
        contributions: Contributions that weigh a residual split "in proportion to
            contributions" (when the waterfall is not read with its agreement).
        agreement: The co-production agreement this waterfall belongs to (a file name,
            relative to the waterfall's file, or an id).

    Raises:
        InvalidValueError: For duplicate pool or tier ids, routes or flows to unknown pools,
            pools that flow in a circle, or amounts in another currency than ``currency``.

    Example:
        >>> from coprod import Organisation, OrganisationKind
        >>> wf = Waterfall(
        ...     id="demo", title="Demo", currency=Currency("USD"),
        ...     parties=(Organisation(id="agent", name="Agent Ltd", country=Country("GB"),
        ...                           kind=OrganisationKind.SALES_AGENT),),
        ...     routes=(Route(pool="world"),),
        ...     pools=(Pool(id="world", tiers=(
        ...         FeeTier(id="sales-fee", payee="agent", rate=Share.parse("15%")),)),))
        >>> [t.id for t in wf.tiers()]
        ['sales-fee']

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=_check_id)
    title: str = attrs.field(validator=_instance_of(str))
    currency: Currency = attrs.field(converter=_currency, validator=_instance_of(Currency))
    parties: tuple[Party, ...] = attrs.field(
        default=(), converter=_tuple, validator=items_of(Organisation, Person))
    routes: tuple[Route, ...] = attrs.field(
        default=(), converter=_tuple, validator=items_of(Route))
    pools: tuple[Pool, ...] = attrs.field(default=(), converter=_tuple, validator=items_of(Pool))
    contributions: tuple[Contribution, ...] = attrs.field(
        default=(), converter=_tuple, validator=items_of(Contribution))
    agreement: str | None = attrs.field(default=None, validator=_optional_text)

    def __attrs_post_init__(self) -> None:
        problems: list[str] = []
        pool_ids = [p.id for p in self.pools]
        if len(set(pool_ids)) != len(pool_ids):
            problems.append("pool ids must be unique")
        known = set(pool_ids)
        tier_ids: set[str] = set()
        for pool in self.pools:
            if pool.flows_to is not None and pool.flows_to not in known:
                problems.append(f"pool {pool.id!r} flows to unknown pool {pool.flows_to!r}")
            for tier in pool.tiers:
                if tier.id in tier_ids:
                    problems.append(f"tier id {tier.id!r} appears twice")
                tier_ids.add(tier.id)
                for name, money in _money_fields(tier):
                    if money.currency != self.currency:
                        problems.append(
                            f"tier {tier.id!r}: {name} {money} is not in the waterfall's "
                            f"currency {self.currency}"
                        )
        for i, route in enumerate(self.routes):
            if route.pool is not None and route.pool not in known:
                problems.append(f"route {i} goes to unknown pool {route.pool!r}")
        if not problems:
            try:
                self.pool_order()
            except InvalidValueError as exc:
                problems.append(str(exc))
        if problems:
            raise InvalidValueError("; ".join(problems))

    # -- look-ups ---------------------------------------------------------------------------

    @property
    def party_index(self) -> Mapping[str, Party]:
        """Every party by id."""
        return {p.id: p for p in self.parties}

    def pool(self, pool_id: str) -> Pool:
        """The pool with this id (raises :class:`coprod.UnknownReferenceError`)."""
        from coprod.errors import UnknownReferenceError

        for p in self.pools:
            if p.id == pool_id:
                return p
        raise UnknownReferenceError(f"no pool {pool_id!r} in waterfall {self.id!r}")

    def tiers(self) -> tuple[Tier, ...]:
        """Every tier, pool by pool in flow order, top to bottom."""
        return tuple(t for p in self.pool_order() for t in p.tiers)

    def payees(self) -> tuple[str, ...]:
        """Every payee id the waterfall names (routes and tiers), in order of appearance."""
        seen: dict[str, None] = {}
        for r in self.routes:
            if r.retained_by is not None:
                seen.setdefault(r.retained_by, None)
        for t in self.tiers():
            for payee in t.payees():
                seen.setdefault(payee, None)
        return tuple(seen)

    def pool_order(self) -> tuple[Pool, ...]:
        """The pools in flow order: a pool comes after every pool that flows into it.

        Raises:
            InvalidValueError: If pools flow in a circle.
        """
        by_id = {p.id: p for p in self.pools}
        upstream: dict[str, list[str]] = {p.id: [] for p in self.pools}
        for p in self.pools:
            if p.flows_to is not None and p.flows_to in upstream:
                upstream[p.flows_to].append(p.id)
        order: list[Pool] = []
        state: dict[str, int] = {}

        def visit(pid: str, chain: tuple[str, ...]) -> None:
            if state.get(pid) == 2:
                return
            if state.get(pid) == 1:
                raise InvalidValueError(
                    "pools flow in a circle: " + " -> ".join((*chain, pid))
                )
            state[pid] = 1
            for up in upstream[pid]:
                visit(up, (*chain, pid))
            state[pid] = 2
            order.append(by_id[pid])

        for p in self.pools:
            visit(p.id, ())
        return tuple(order)

    def cross_collateralised(self, a: str, b: str) -> bool:
        """Whether receipts of pools *a* and *b* meet in a common pool (cross-collateralised).

        Example:
            >>> wf = Waterfall(id="x", title="X", currency=Currency("USD"),
            ...                pools=(Pool(id="tv", flows_to="all"),
            ...                       Pool(id="cinema", flows_to="all"),
            ...                       Pool(id="all"), Pool(id="games")))
            >>> wf.cross_collateralised("tv", "cinema"), wf.cross_collateralised("tv", "games")
            (True, False)
        """

        def downstream(pid: str) -> set[str]:
            seen = {pid}
            current = self.pool(pid).flows_to
            while current is not None and current not in seen:
                seen.add(current)
                current = self.pool(current).flows_to
            return seen

        return bool(downstream(a) & downstream(b))

    def contribution_weights(self) -> dict[str, Fraction]:
        """The waterfall's contributions as exact weights per payee (in one currency).

        Raises:
            InvalidValueError: If the contributions are in more than one currency.
        """
        currencies = {c.amount.currency for c in self.contributions}
        if len(currencies) > 1:
            raise InvalidValueError(
                "contributions are in several currencies ("
                + ", ".join(sorted(c.code for c in currencies))
                + "); give them in one currency, or read the waterfall with its agreement"
            )
        weights: dict[str, Fraction] = {}
        for c in self.contributions:
            weights[c.party] = weights.get(c.party, Fraction(0)) + Fraction(c.amount.amount)
        return weights


def party_name(waterfall: Waterfall, payee: str) -> str:
    """The payee's name if the waterfall lists it, else its id."""
    party = waterfall.party_index.get(payee)
    if isinstance(party, (Organisation, Person)):
        return party.name
    return payee
