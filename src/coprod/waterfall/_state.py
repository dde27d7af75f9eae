"""What carries from one statement to the next: amounts to date.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from fractions import Fraction
from typing import Any

import attrs
import pendulum

from coprod._fields import instance_of, items_of
from coprod.errors import InvalidValueError, quote
from coprod.money import Currency, Money
from coprod.waterfall._model import _currency

__all__ = [
    "InterestAccrual",
    "PaidToDate",
    "PoolToDate",
    "RetainedToDate",
    "WaterfallState",
]


def _tuple(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


_text = instance_of(str)
_optional_text = attrs.validators.optional(instance_of(str))
_money = instance_of(Money)


def _to_date(value: object) -> object:
    # Lossless normalisation: a plain datetime.date becomes the same day as pendulum.Date.
    if isinstance(value, _dt.date) and not isinstance(value, (_dt.datetime, pendulum.Date)):
        return pendulum.Date(value.year, value.month, value.day)
    return value


def _check_date(_i: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (not isinstance(value, pendulum.Date)
                              or isinstance(value, _dt.datetime)):
        raise InvalidValueError(f"{attribute.name} must be a date, got {quote(value)}",
                                field=attribute.name)


def _count(_i: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise InvalidValueError(
            f"{attribute.name} must be a whole number, zero or more, got {quote(value)}",
            field=attribute.name)


@attrs.frozen(kw_only=True)
class PoolToDate:
    """A pool's receipts to date (converted), and what is left unallocated at its bottom.

    .. versionadded:: 0.1.0
    """

    pool: str = attrs.field(validator=_text)
    receipts: Money = attrs.field(validator=_money)
    unallocated: Money = attrs.field(validator=_money)


@attrs.frozen(kw_only=True)
class PaidToDate:
    """What one tier has paid one payee (for one position) to date.

    .. versionadded:: 0.1.0
    """

    tier: str = attrs.field(validator=_text)
    payee: str = attrs.field(validator=_text)
    position: str | None = attrs.field(default=None, validator=_optional_text)
    amount: Money = attrs.field(validator=_money)


@attrs.frozen(kw_only=True)
class InterestAccrual:
    """Interest accrued on a tier to a date, exactly, in minor units (a fraction).

    .. versionadded:: 0.1.0
    """

    tier: str = attrs.field(validator=_text)
    accrued: Fraction = attrs.field(validator=instance_of(Fraction))
    accrued_to: pendulum.Date = attrs.field(converter=_to_date, validator=_check_date)


@attrs.frozen(kw_only=True)
class RetainedToDate:
    """Receipts a payee has retained to date, in their own currency.

    .. versionadded:: 0.1.0
    """

    payee: str = attrs.field(validator=_text)
    amount: Money = attrs.field(validator=_money)


@attrs.frozen(kw_only=True)
class WaterfallState:
    """Amounts to date after a statement: the input of the next one.

    Every figure of the waterfall is a function of amounts *to date*; a statement pays the
    difference between the figures to date after it and those in this state. The state is
    a document of its own (kind ``waterfall-state``), written by ``coprod waterfall
    --new-state`` and read back with ``--state``.

    Args:
        waterfall: The id of the waterfall it belongs to.
        fingerprint: A hash of the waterfall as it stood, to notice a changed contract.
        currency: The waterfall's currency.
        as_of: The last day accounted for; the next statement takes receipts after it.
        statements: How many statements led to this state.
        pools: Each pool's receipts and unallocated balance to date.
        paid: What each tier paid each payee to date.
        interest: Interest accrued on tiers with interest.
        retained: Receipts retained by payees to date, per currency.
        unrouted: Receipts no route matched, to date, per currency.
        receipts: All receipts to date, per currency.

    .. versionadded:: 0.1.0
    """

    waterfall: str = attrs.field(validator=_text)
    fingerprint: str = attrs.field(validator=_text)
    currency: Currency = attrs.field(converter=_currency, validator=instance_of(Currency))
    as_of: pendulum.Date | None = attrs.field(default=None, converter=_to_date,
                                             validator=_check_date)
    statements: int = attrs.field(default=0, validator=_count)
    pools: tuple[PoolToDate, ...] = attrs.field(
        default=(), converter=_tuple, validator=items_of(PoolToDate))
    paid: tuple[PaidToDate, ...] = attrs.field(
        default=(), converter=_tuple, validator=items_of(PaidToDate))
    interest: tuple[InterestAccrual, ...] = attrs.field(
        default=(), converter=_tuple, validator=items_of(InterestAccrual))
    retained: tuple[RetainedToDate, ...] = attrs.field(
        default=(), converter=_tuple, validator=items_of(RetainedToDate))
    unrouted: tuple[Money, ...] = attrs.field(
        default=(), converter=_tuple, validator=items_of(Money))
    receipts: tuple[Money, ...] = attrs.field(
        default=(), converter=_tuple, validator=items_of(Money))

    def __attrs_post_init__(self) -> None:
        # Figures to date are in the waterfall's currency, whole minor units, and what was
        # paid is never negative: a state that breaks this would move money on its own.
        figures: list[tuple[str, Money]] = [
            *((f"paid[{i}].amount", p.amount) for i, p in enumerate(self.paid)),
            *((f"pools[{i}].receipts", p.receipts) for i, p in enumerate(self.pools)),
            *((f"pools[{i}].unallocated", p.unallocated) for i, p in enumerate(self.pools)),
        ]
        for where, amount in figures:
            if amount.currency != self.currency:
                raise InvalidValueError(
                    f"{where} is in {amount.currency}, but the state is in {self.currency}",
                    field=where)
            if not amount.is_rounded:
                raise InvalidValueError(
                    f"{where} ({amount}) is not a whole number of minor units", field=where)
        for i, p in enumerate(self.paid):
            if p.amount.amount < 0:
                raise InvalidValueError(
                    f"paid[{i}].amount is negative ({p.amount}): a waterfall pays, it never "
                    "takes back", field=f"paid[{i}].amount")

    def paid_to(self, payee: str) -> Money:
        """What *payee* has been paid by the waterfall to date (retention excluded)."""
        total = Money.zero(self.currency)
        for p in self.paid:
            if p.payee == payee:
                total += p.amount
        return total


#: Keys that describe a waterfall without moving money: a change to them is not a change of
#: the contract's terms (a new title, a pool's or a party's name, a clause reference).
_DESCRIPTIVE_KEYS = frozenset({"title", "name", "clause", "description"})


def _terms(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _terms(v) for k, v in data.items() if k not in _DESCRIPTIVE_KEYS}
    if isinstance(data, list):
        return [_terms(v) for v in data]
    return data


def fingerprint(waterfall: object) -> str:
    """A short hash of what moves money in *waterfall*, to notice a changed contract.

    It is taken over the waterfall's canonical JSON (the document coprod writes) without the
    keys that only describe it (titles, names, clause references, descriptions), so the hash
    is the same on every machine and every version of Python, attrs and pendulum, and
    renaming a title does not read as a new contract.
    """
    from coprod.serialization import unstructure

    text = json.dumps(_terms(unstructure(waterfall)), sort_keys=True, ensure_ascii=False,
                      separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
