"""Exact, house-monotone splits of whole minor units.

Why not :func:`coprod.allocate` here: the waterfall computes every figure *cumulatively*
(to date), and a period's payment is the difference between two cumulative figures. That
is what makes two consecutive statements add up exactly to one statement over both periods.
But then a split must never give a payee *less* to date when the amount to split grows, or
a statement would show a negative payment (a claw-back of a cent). The largest-remainder
method behind :func:`coprod.allocate` (Hamilton's method) does not guarantee this: it
suffers the "Alabama paradox", where a larger total gives one party one unit less.

Divisor methods never do. :func:`apportion` uses the Sainte-Laguë / Webster divisor method,
defined unit by unit: the *k*-th minor unit of party *i* has the priority ``w_i / (k + 1/2)``;
a total of ``T`` units goes to the ``T`` unit slots of highest priority (ties to the lower
index). Each party's part is therefore a non-decreasing function of ``T`` by construction,
parts add up to ``T`` exactly, and when every exact quota is a whole number the parts are
exactly those quotas (so a pari passu tier paid in full pays each position its entitlement
to the unit).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

from coprod.errors import InvalidValueError, quote

__all__ = ["apportion"]


def _before(wa: Fraction, ka: int, ia: int, wb: Fraction, kb: int, ib: int) -> bool:
    """Whether slot (ia, ka) ranks before slot (ib, kb): higher priority, then lower index."""
    # priority w / (k + 1/2) compared as w_a * (2 kb + 1) vs w_b * (2 ka + 1)
    left = wa * (2 * kb + 1)
    right = wb * (2 * ka + 1)
    if left != right:
        return left > right
    return ia < ib


def _weights(weights: object) -> list[Fraction]:
    """The weights as exact fractions; floats and anything that is not a number are refused."""
    if not isinstance(weights, Sequence) or isinstance(weights, (str, bytes, bytearray)):
        raise InvalidValueError(f"weights must be a list of numbers, got {quote(weights)}",
                                field="weights")
    out = []
    for i, w in enumerate(weights):
        if isinstance(w, float):
            raise InvalidValueError(
                f"weights[{i}] must be exact (int, Fraction or Decimal), got float {w!r}; "
                "floats cannot hold weights exactly", field="weights", within=f"[{i}]")
        if isinstance(w, bool) or not isinstance(w, (int, Fraction, Decimal)) or (
            isinstance(w, Decimal) and not w.is_finite()
        ):
            raise InvalidValueError(
                f"weights[{i}] must be an exact number (int, Fraction or Decimal), "
                f"got {quote(w)}", field="weights", within=f"[{i}]")
        out.append(Fraction(w))
    return out


def apportion(total: int, weights: Sequence[Fraction | int]) -> list[int]:
    """Split *total* whole units in proportion to *weights*, house-monotonically.

    Args:
        total: A non-negative whole number of minor units.
        weights: Non-negative exact weights (whole numbers, fractions or decimals; floats
            are refused, as everywhere in coprod), at least one positive when *total* > 0.

    Returns:
        One whole number per weight, summing exactly to *total*; zero weights get zero.

    Raises:
        InvalidValueError: For a negative total or weight, a positive total and no
            positive weight, a total that is not a whole number, or a weight that is not an
            exact number.

    Example:
        >>> apportion(100, [1, 1, 1])
        [34, 33, 33]
        >>> apportion(7, [Fraction(3, 5), Fraction(2, 5)])
        [4, 3]
        >>> apportion(0, [0, 0])
        [0, 0]

    .. versionadded:: 0.1.0
    """
    if not isinstance(total, int) or isinstance(total, bool):
        raise InvalidValueError(
            f"total must be a whole number of minor units (an int), got {quote(total)}",
            field="total")
    ws = _weights(weights)
    if total < 0:
        raise InvalidValueError(f"cannot split a negative number of units ({total})")
    if any(w < 0 for w in ws):
        raise InvalidValueError("split weights must not be negative")
    n = len(ws)
    if total == 0:
        return [0] * n
    wsum = sum(ws, Fraction(0))
    if wsum == 0:
        raise InvalidValueError("cannot split an amount when every weight is zero")
    live = [i for i in range(n) if ws[i] > 0]
    # Start from the floor of each exact quota, then move to the top-`total` slot set.
    s = [0] * n
    for i in live:
        q = ws[i] * total / wsum
        s[i] = q.numerator // q.denominator

    def best_next() -> int:
        best = live[0]
        for i in live[1:]:
            if _before(ws[i], s[i], i, ws[best], s[best], best):
                best = i
        return best

    def worst_last() -> int | None:
        worst: int | None = None
        for i in live:
            if s[i] == 0:
                continue
            if worst is None or _before(ws[worst], s[worst] - 1, worst, ws[i], s[i] - 1, i):
                worst = i
        return worst

    assigned = sum(s)
    while assigned < total:
        s[best_next()] += 1
        assigned += 1
    while assigned > total:  # pragma: no cover - floors never overshoot
        w = worst_last()
        assert w is not None
        s[w] -= 1
        assigned -= 1
    # Swap until no excluded slot outranks an included one (a handful of steps at most).
    while True:
        b = best_next()
        w = worst_last()
        if w is None or b == w:
            break
        if _before(ws[b], s[b], b, ws[w], s[w] - 1, w):
            s[b] += 1
            s[w] -= 1
        else:
            break
    return s
