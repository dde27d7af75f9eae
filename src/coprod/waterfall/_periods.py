"""Statement periods: months, quarters and years, with state carried between them.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

import pendulum

from coprod.agreements import CoProductionAgreement
from coprod.errors import InvalidValueError
from coprod.terms import LAST_DAY
from coprod.waterfall import _args
from coprod.waterfall._engine import STATE_FILE, Distribution, InputError, Period, distribute
from coprod.waterfall._fx import RateTable
from coprod.waterfall._model import Receipt, Waterfall
from coprod.waterfall._state import WaterfallState

__all__ = ["Frequency", "period_of", "statements"]


class Frequency(enum.Enum):
    """How often statements are drawn up.

    .. versionadded:: 0.1.0
    """

    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


def period_of(day: pendulum.Date, frequency: Frequency | str) -> Period:
    """The calendar month, quarter or year that contains *day*.

    Args:
        day: A date (a :class:`datetime.date` is taken as the same day).
        frequency: A :class:`Frequency`, or its value: ``month``, ``quarter`` or ``year``.

    Raises:
        InvalidValueError: If *day* is not a date or *frequency* is not a frequency.

    Example:
        >>> period_of(pendulum.Date(2025, 5, 17), "quarter").label
        '2025-Q2'
        >>> p = period_of(pendulum.Date(2024, 2, 10), Frequency.MONTH)
        >>> p.start.isoformat(), p.end.isoformat()
        ('2024-02-01', '2024-02-29')

    .. versionadded:: 0.1.0
    """
    day = _args.date("day", day)
    freq = _args.member("frequency", Frequency, frequency)
    if freq is Frequency.MONTH:
        return Period(start=day.start_of("month"), end=day.end_of("month"))
    if freq is Frequency.QUARTER:
        return Period(start=day.first_of("quarter"), end=day.last_of("quarter"))
    return Period(start=day.first_of("year"), end=day.last_of("year"))


def statements(
    waterfall: Waterfall,
    receipts: Iterable[Receipt],
    *,
    frequency: Frequency | str = Frequency.QUARTER,
    state: WaterfallState | None = None,
    rates: RateTable | None = None,
    agreement: CoProductionAgreement | None = None,
    through: pendulum.Date | None = None,
) -> tuple[Distribution, ...]:
    """One statement per calendar period, each starting from the state the previous left.

    Every period gets a statement, including periods without receipts (a statement that
    pays nothing is still a statement): from the period after the state's ``as_of`` (or,
    with no state, the period of the first receipt) to the period of the last receipt, or
    to the period holding *through* when it is given. Because every figure is computed to
    date, the figures to date after the last statement are exactly those of a single
    statement over all the receipts.

    Args:
        waterfall: The waterfall.
        receipts: Receipts of any dates after the state's ``as_of``.
        frequency: ``month``, ``quarter`` or ``year``.
        state: The state after the previous statement, if any.
        rates: Exchange rates.
        agreement: The co-production agreement (for splits in proportion to contributions).
        through: A day of the last period to state, with receipts or without (quarterly
            statements are owed for quiet quarters too).

    Returns:
        The statements, oldest first; the last one's ``state`` is the state to keep. Empty
        when there is nothing to state: no receipt, and no period between the state and
        *through*.

    Raises:
        InvalidValueError: For a receipt dated on or before the state's ``as_of``, or after
            the period holding *through*; for *through* on or before the state's ``as_of``;
            for an argument of the wrong type, or a frequency other than those above.

    Example:
        >>> from coprod import Currency, Money, Share
        >>> from coprod.waterfall import Waterfall, Route, Pool, FeeTier, Receipt
        >>> wf = Waterfall(id="w", title="W", currency=Currency("USD"),
        ...     routes=(Route(pool="p"),), pools=(Pool(id="p", tiers=(
        ...         FeeTier(id="fee", payee="agent", rate=Share.parse("10%")),)),))
        >>> got = [Receipt(amount=Money.parse("500.00 USD"), date=pendulum.Date(2025, 2, 3))]
        >>> [d.period.label for d in statements(wf, got, through=pendulum.Date(2025, 9, 30))]
        ['2025-Q1', '2025-Q2', '2025-Q3']

    .. versionadded:: 0.1.0
    """
    _args.instance("waterfall", waterfall, Waterfall)
    receipts = _args.iterable("receipts", receipts, "Receipt objects")
    freq = _args.member("frequency", Frequency, frequency)
    _args.instance("state", state, WaterfallState, optional=True)
    _args.instance("rates", rates, RateTable, optional=True)
    _args.instance("agreement", agreement, CoProductionAgreement, optional=True)
    through = _args.date("through", through, optional=True)
    after = state.as_of if state is not None else None
    groups: dict[pendulum.Date, list[Receipt]] = {}
    for i, r in enumerate(receipts):
        if not isinstance(r, Receipt):
            raise InvalidValueError(f"expected a Receipt, got {type(r).__name__}",
                                    field="receipts", within=f"[{i}]")
        if after is not None and r.date <= after:
            raise InputError(
                f"a receipt dated {r.date.isoformat()} falls on or before the last day already "
                f"accounted for ({after.isoformat()}{STATE_FILE})",
                receipt=r, state_path="$.as_of")
        groups.setdefault(period_of(r.date, freq).start, []).append(r)
    if after is not None:
        if after >= LAST_DAY:
            return ()
        first: pendulum.Date | None = after.add(days=1)
    else:
        first = min(groups) if groups else None
    if first is None:  # no state and no receipt: nothing to start from
        return ()
    if through is not None:
        if after is not None and through <= after:
            raise InputError(
                f"through {through.isoformat()} is on or before the last day already "
                f"accounted for ({after.isoformat()}{STATE_FILE})",
                state_path="$.as_of")
        last = period_of(through, freq)
        beyond = [day for day in groups if day > last.start]
        if beyond:
            late = min(groups[min(beyond)], key=lambda r: r.date)
            raise InputError(
                f"a receipt dated {late.date.isoformat()} falls after the last period to state "
                f"({last.label}, through {through.isoformat()})",
                receipt=late)
        end = last.start
    elif groups:
        end = max(groups)
    else:
        return ()
    out: list[Distribution] = []
    current = period_of(first, freq)
    while current.start <= end:
        start = current.start
        if after is not None and start <= after:
            start = after.add(days=1)  # the first period continues a partial one
        period = Period(start=start, end=current.end)
        dist = distribute(waterfall, groups.get(current.start, []), state, rates=rates,
                          period=period, agreement=agreement)
        out.append(dist)
        state = dist.state
        if current.end >= LAST_DAY:  # no period after the last day a date can be
            break
        current = period_of(current.end.add(days=1), freq)
    return tuple(out)
