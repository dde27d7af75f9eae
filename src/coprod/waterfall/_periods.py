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
from coprod.waterfall._engine import Distribution, Period, distribute
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

    Example:
        >>> period_of(pendulum.Date(2025, 5, 17), "quarter").label
        '2025-Q2'
        >>> p = period_of(pendulum.Date(2024, 2, 10), Frequency.MONTH)
        >>> p.start.isoformat(), p.end.isoformat()
        ('2024-02-01', '2024-02-29')

    .. versionadded:: 0.1.0
    """
    freq = Frequency(frequency)
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
) -> tuple[Distribution, ...]:
    """One statement per calendar period, each starting from the state the previous left.

    Every period from the one holding the first receipt to the one holding the last gets a
    statement, including periods without receipts (a statement that pays nothing is still
    a statement). Because every figure is computed to date, the figures to date after the
    last statement are exactly those of a single statement over all the receipts.

    Args:
        waterfall: The waterfall.
        receipts: Receipts of any dates after the state's ``as_of``.
        frequency: ``month``, ``quarter`` or ``year``.
        state: The state after the previous statement, if any.
        rates: Exchange rates.
        agreement: The co-production agreement (for splits in proportion to contributions).

    Returns:
        The statements, oldest first; the last one's ``state`` is the state to keep.

    Raises:
        InvalidValueError: For a receipt dated on or before the state's ``as_of``.

    .. versionadded:: 0.1.0
    """
    freq = Frequency(frequency)
    groups: dict[pendulum.Date, list[Receipt]] = {}
    for r in receipts:
        if state is not None and state.as_of is not None and r.date <= state.as_of:
            raise InvalidValueError(
                f"a receipt dated {r.date.isoformat()} falls on or before the last day already "
                f"accounted for ({state.as_of.isoformat()})"
            )
        groups.setdefault(period_of(r.date, freq).start, []).append(r)
    if not groups:
        return ()
    out: list[Distribution] = []
    current = period_of(min(groups), freq)
    last = max(groups)
    while current.start <= last:
        start = current.start
        if state is not None and state.as_of is not None and start <= state.as_of:
            start = state.as_of.add(days=1)  # the first period continues a partial one
        period = Period(start=start, end=current.end)
        dist = distribute(waterfall, groups.get(current.start, []), state, rates=rates,
                          period=period, agreement=agreement)
        out.append(dist)
        state = dist.state
        if current.end >= LAST_DAY:  # no period after the last day a date can be
            break
        current = period_of(current.end.add(days=1), freq)
    return tuple(out)
