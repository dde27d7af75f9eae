"""Large ledgers: receipts as columns of whole minor units, routed and summed in bulk.

A platform report of a million lines does not need a million :class:`Receipt` objects: the
waterfall only needs, per pool, the receipts to date (and per receipt date when a tier
bears interest). :class:`ReceiptColumns` holds one currency's lines as parallel columns
(amounts in minor units, day numbers, territory codes, media, sources) and
:func:`aggregate` routes, converts and sums them into the input of
:func:`coprod.waterfall.distribute`.

The result is *identical* to feeding the same lines as :class:`Receipt` objects: each
line is converted and rounded on its own (half-even), exactly as there, and sums of
whole minor units are exact. With numpy installed (``coprod[fast]``) the work is done on
int64 arrays, guarded against overflow (amounts beyond the guard fall back to Python
integers); without it, in plain Python.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any

import attrs
import pendulum

from coprod.errors import InvalidValueError
from coprod.money import Currency, Money
from coprod.waterfall._engine import Ingested, route_for
from coprod.waterfall._fx import Conversion, RateTable
from coprod.waterfall._model import RecoupmentTier, Route, Waterfall

try:  # pragma: no cover - exercised in both states by the test suite's environment
    import numpy as np
except ImportError:  # pragma: no cover
    np = None

__all__ = ["ReceiptColumns", "aggregate"]

_INT64_SAFE = 2**62


def _to_currency(value: Currency | str) -> Currency:
    return value if isinstance(value, Currency) else Currency(value)


@attrs.frozen(kw_only=True, eq=False)
class ReceiptColumns:
    """Receipt lines in one currency, as parallel columns.

    Args:
        currency: The currency of every amount.
        amounts: Amounts in whole minor units (a list of ints or an integer numpy array).
        days: Receipt dates as proleptic Gregorian ordinals (``date.toordinal()``).
        territories: ISO 3166-1 alpha-2 codes, one per line (or None: no territory), or a
            dictionary-encoded pair ``(codes, labels)``: one integer per line indexing
            *labels* (as Arrow dictionary arrays and Polars categoricals give them, and much
            faster than a million strings).
        media: Media, one per line or as ``(codes, labels)`` (or None).
        sources: Payers, one per line or as ``(codes, labels)`` (or None).

    Example:
        >>> cols = ReceiptColumns(currency="USD", amounts=[1000, 250],
        ...                       days=[pendulum.Date(2025, 1, 5).toordinal()] * 2,
        ...                       territories=["FR", "DE"])
        >>> len(cols)
        2

    .. versionadded:: 0.1.0
    """

    currency: Currency = attrs.field(converter=_to_currency)
    amounts: Sequence[int]
    days: Sequence[int]
    territories: Sequence[str | None] | None = None
    media: Sequence[str | None] | None = None
    sources: Sequence[str | None] | None = None

    def __attrs_post_init__(self) -> None:
        n = len(self.amounts)
        for name in ("days", "territories", "media", "sources"):
            col = getattr(self, name)
            if _is_categorical(col):
                col = col[0]
            if col is not None and len(col) != n:
                raise InvalidValueError(
                    f"column {name} has {len(col)} entries, but amounts has {n}"
                )

    def __len__(self) -> int:
        return len(self.amounts)


Column = Sequence[str | None] | tuple[Sequence[int], Sequence[str | None]]


def _is_categorical(col: object) -> bool:
    """A ``(codes, labels)`` pair, as Arrow dictionary arrays and Polars categoricals give."""
    return isinstance(col, tuple) and len(col) == 2 and not isinstance(col[0], str | None)


def _column(col: Column | None, n: int) -> tuple[Any, list[str | None]]:
    """Per-line codes and their labels, for a plain column or a (codes, labels) pair."""
    if col is None:
        return ([0] * n if np is None else np.zeros(n, dtype=np.int64)), [None]
    if _is_categorical(col):
        codes, labels = col  # type: ignore[misc]
        return (list(codes) if np is None else np.asarray(codes, dtype=np.int64)), list(labels)
    index: dict[str | None, int] = {}
    if np is not None:
        arr = np.asarray(col, dtype=object)
        labels_u, inv = np.unique(np.where(np.equal(arr, None), "\x00", arr).astype(str),
                                  return_inverse=True)
        return inv.astype(np.int64), [None if x == "\x00" else str(x) for x in labels_u.tolist()]
    codes_l = [index.setdefault(v, len(index)) for v in col]  # type: ignore[union-attr]
    return codes_l, list(index)


def _keys(cols: ReceiptColumns) -> tuple[list[tuple[str | None, str | None, str | None]], Any]:
    """The distinct (territory, medium, source) keys and, per line, the index of its key."""
    n = len(cols)
    if np is not None and cols.media is None and cols.sources is None and _is_categorical(cols.territories):
        codes, labels = cols.territories  # type: ignore[misc]
        return [(label, None, None) for label in labels], np.asarray(codes, dtype=np.int64)
    (c0, l0), (c1, l1), (c2, l2) = (_column(c, n) for c in (cols.territories, cols.media, cols.sources))
    n1, n2 = len(l1), len(l2)
    if np is not None:
        combined = (c0 * n1 + c1) * n2 + c2
        size = len(l0) * n1 * n2
        present = np.bincount(combined, minlength=size) > 0
        ukeys = np.nonzero(present)[0]
        remap = np.zeros(size, dtype=np.int64)
        remap[ukeys] = np.arange(len(ukeys), dtype=np.int64)
        inverse = remap[combined]
        key_list = ukeys.tolist()
    else:
        combined_l = [(a * n1 + b) * n2 + c for a, b, c in zip(c0, c1, c2, strict=True)]
        order = {k: i for i, k in enumerate(dict.fromkeys(combined_l))}
        inverse = [order[k] for k in combined_l]
        key_list = list(order)
    keys = []
    for k in key_list:
        k, c = divmod(k, n2)
        a, b = divmod(k, n1)
        keys.append((l0[a], l1[b], l2[c]))
    return keys, inverse


def _round_half_even_div(num: Any, den: Any) -> Any:
    """Round num/den half-even, elementwise (numpy arrays) or for ints."""
    if np is not None and isinstance(num, np.ndarray):
        q, r = np.divmod(num, den)
        twice = 2 * r
        up = (twice > den) | ((twice == den) & ((q & 1) == 1) if q.dtype != object else (twice == den) & (q % 2 == 1))
        return q + up.astype(q.dtype)
    q = num // den
    r = num - q * den
    twice = 2 * r
    return q + (1 if twice > den or (twice == den and q % 2 == 1) else 0)


def aggregate(
    waterfall: Waterfall,
    batches: Iterable[ReceiptColumns],
    rates: RateTable | None = None,
) -> Ingested:
    """Route, convert and sum receipt columns into the input of :func:`coprod.distribute`.

    Args:
        waterfall: The waterfall (its routes and currency).
        batches: Receipt columns, one currency each.
        rates: Exchange rates for batches not in the waterfall's currency.

    Returns:
        The routed and summed receipts; pass them to :func:`coprod.distribute`
        as its ``receipts``. Conversions are recorded per rate applied (one record per
        batch, pool and rate, with the number of lines it covers).

    Example:
        >>> from coprod import Share
        >>> from coprod.waterfall import Waterfall, Route, Pool, FeeTier, distribute
        >>> wf = Waterfall(id="demo", title="Demo", currency=Currency("USD"),
        ...     routes=(Route(pool="world"),),
        ...     pools=(Pool(id="world", tiers=(
        ...         FeeTier(id="fee", payee="agent", rate=Share.parse("10%")),)),))
        >>> day = pendulum.Date(2025, 3, 1).toordinal()
        >>> ing = aggregate(wf, [ReceiptColumns(currency="USD", amounts=[1000] * 5, days=[day] * 5)])
        >>> str(distribute(wf, ing).payouts()["agent"])
        '5.00 USD'

    .. versionadded:: 0.1.0
    """
    out = Ingested()
    target = waterfall.currency
    interest = any(isinstance(t, RecoupmentTier) and t.interest is not None for t in waterfall.tiers())
    for cols in batches:
        if len(cols) == 0:
            continue
        _aggregate_one(waterfall, cols, rates, target, interest, out)
    return out


def _aggregate_one(
    waterfall: Waterfall,
    cols: ReceiptColumns,
    rates: RateTable | None,
    target: Currency,
    by_date: bool,
    out: Ingested,
) -> None:
    cur = cols.currency
    if np is not None:
        amounts = np.asarray(cols.amounts)
        if amounts.dtype.kind not in "iu" and not (
            amounts.dtype == object and all(isinstance(a, int) and not isinstance(a, bool) for a in amounts)
        ):
            raise InvalidValueError("amounts must be whole numbers of minor units (integers)")
        if amounts.dtype.kind == "u" or (
            amounts.dtype.kind == "i" and amounts.size
            and max(int(amounts.max()), -int(amounts.min())) * amounts.size >= _INT64_SAFE
        ):
            amounts = amounts.astype(object)
        elif amounts.dtype.kind == "i":
            amounts = amounts.astype(np.int64)
        days = np.asarray(cols.days, dtype=np.int64)
        first, last = int(days.min()), int(days.max())
        total = int(amounts.sum())
    else:
        amounts = list(cols.amounts)
        if any(isinstance(a, bool) or not isinstance(a, int) for a in amounts):
            raise InvalidValueError("amounts must be whole numbers of minor units (integers)")
        days = list(cols.days)
        first, last = min(days), max(days)
        total = sum(amounts)
    out.see(pendulum.Date.fromordinal(first))
    out.see(pendulum.Date.fromordinal(last))
    out.received[cur] = out.received.get(cur, 0) + total

    keys, line_key = _keys(cols)
    routes: list[Route | None] = [route_for(waterfall.routes, *k) for k in keys]
    names: list[str] = []
    target_of_key: list[int] = []
    for route in routes:
        name = "unrouted" if route is None else (
            f"retained:{route.retained_by}" if route.retained_by else f"pool:{route.pool}"
        )
        if name not in names:
            names.append(name)
        target_of_key.append(names.index(name))
    if np is not None:
        line_target = np.asarray(target_of_key, dtype=np.int64)[line_key]
    else:
        line_target = [target_of_key[k] for k in line_key]
    if np is not None and len(names) > 1:
        sums = np.zeros(len(names), dtype=amounts.dtype if amounts.dtype == object else np.int64)
        np.add.at(sums, line_target, amounts)
    for t, name in enumerate(names):
        if np is not None:
            if len(names) == 1:
                sel_amounts, sel_days, subtotal = amounts, days, total
            elif name.startswith("pool:"):
                mask = line_target == t
                sel_amounts, sel_days, subtotal = amounts[mask], days[mask], int(sums[t])
            else:
                sel_amounts = sel_days = None
                subtotal = int(sums[t])
        else:
            pick = [j for j, g in enumerate(line_target) if g == t]
            sel_amounts = [amounts[j] for j in pick]
            sel_days = [days[j] for j in pick]
            subtotal = sum(sel_amounts)
        if name == "unrouted":
            out.unrouted[cur] = out.unrouted.get(cur, 0) + subtotal
            continue
        if name.startswith("retained:"):
            payee = name.split(":", 1)[1]
            out.retained[(payee, cur)] = out.retained.get((payee, cur), 0) + subtotal
            continue
        pool = name.split(":", 1)[1]
        out.routed[cur] = out.routed.get(cur, 0) + subtotal
        converted = sel_amounts
        if cur != target:
            if rates is None:
                raise InvalidValueError(
                    f"receipts in {cur} go to pool {pool!r}, but no rate table was given to "
                    f"convert them to {target}"
                )
            converted = _convert(cur, target, sel_amounts, sel_days, rates, pool, out)
        _sum_into(out, pool, converted, sel_days, by_date, last)


def _convert(
    cur: Currency,
    target: Currency,
    amounts: Any,
    days: Any,
    rates: RateTable,
    pool: str,
    out: Ingested,
) -> Any:
    """Convert line by line (each rounded half-even), recording one conversion per rate."""
    use_np = np is not None and not isinstance(amounts, list)
    if use_np:
        lo, hi = int(days.min()), int(days.max())
    else:
        lo, hi = min(days), max(days)
    # the days where the applicable rate may change, within [lo, hi]
    change = sorted({lo} | {
        r.date.toordinal() for r in rates.rates
        if r.date is not None and lo < r.date.toordinal() <= hi
        and {r.base, r.quote} == {cur, target}
    })
    scale_num = 10**target.exponent
    scale_den = 10**cur.exponent
    segments = []
    for start in change:
        factor, rate, inverted = rates.factor(cur, target, pendulum.Date.fromordinal(start))
        segments.append((factor.numerator * scale_num, factor.denominator * scale_den, rate, inverted))
    if use_np:
        # segment of each day through a small table (faster than a search per line)
        table = np.searchsorted(np.asarray(change, dtype=np.int64),
                                np.arange(lo, hi + 1, dtype=np.int64), side="right") - 1
        seg = table[days - lo]
        nums = [s[0] for s in segments]
        dens = [s[1] for s in segments]
        big = max(nums) >= _INT64_SAFE or max(dens) >= _INT64_SAFE or (
            amounts.dtype == object
            or (amounts.size and int(np.abs(amounts).max()) * max(nums) >= _INT64_SAFE)
        )
        dtype = object if big else np.int64
        num_line = np.asarray(nums, dtype=dtype)[seg]
        den_line = np.asarray(dens, dtype=dtype)[seg]
        result = _round_half_even_div(amounts.astype(dtype) * num_line, den_line)
        count = np.bincount(seg, minlength=len(segments))
        src_sum = np.zeros(len(segments), dtype=dtype)
        conv_sum = np.zeros(len(segments), dtype=dtype)
        np.add.at(src_sum, seg, amounts.astype(dtype))
        np.add.at(conv_sum, seg, result)
        first_day = [0] * len(segments)
        firsts = np.full(len(segments), np.iinfo(np.int64).max, dtype=np.int64)
        np.minimum.at(firsts, seg, days)
        first_day = firsts.tolist()
        rows = [(int(count[i]), int(src_sum[i]), int(conv_sum[i]), first_day[i]) for i in range(len(segments))]
    else:
        import bisect

        result = []
        acc = [[0, 0, 0, None] for _ in segments]
        for a, d in zip(amounts, days, strict=True):
            i = bisect.bisect_right(change, d) - 1
            num, den = segments[i][0], segments[i][1]
            c = _round_half_even_div(a * num, den)
            result.append(c)
            row = acc[i]
            row[0] += 1
            row[1] += a
            row[2] += c
            row[3] = d if row[3] is None else min(row[3], d)
        rows = [(r[0], r[1], r[2], r[3]) for r in acc]
    for (num, den, rate, inverted), (n, src, conv, day) in zip(segments, rows, strict=True):
        if n == 0:
            continue
        out.conversions.append(
            Conversion(
                date=pendulum.Date.fromordinal(day),
                source=Money.from_minor_units(src, cur),
                rate=rate,
                inverted=inverted,
                exact=Fraction(src * num, den) / scale_num,
                converted=Money.from_minor_units(conv, target),
                reference=f"{n} line(s) to pool {pool}",
                lines=n,
            )
        )
    return result


def _sum_into(out: Ingested, pool: str, amounts: Any, days: Any, by_date: bool, last: int) -> None:
    use_np = np is not None and not isinstance(amounts, list)
    if not by_date:
        day = pendulum.Date.fromordinal(last)
        total = int(amounts.sum()) if use_np else sum(amounts)
        bucket = out.by_date.setdefault(day, {})
        bucket[pool] = bucket.get(pool, 0) + total
        return
    if use_np:
        lo = int(days.min())
        span = int(days.max()) - lo + 1
        sums = np.zeros(span, dtype=amounts.dtype if amounts.dtype == object else np.int64)
        np.add.at(sums, days - lo, amounts)
        present = np.bincount(days - lo, minlength=span) > 0
        pairs = [(lo + i, int(sums[i])) for i in np.nonzero(present)[0].tolist()]
    else:
        acc: dict[int, int] = {}
        for a, d in zip(amounts, days, strict=True):
            acc[d] = acc.get(d, 0) + a
        pairs = list(acc.items())
    for d, total in pairs:
        bucket = out.by_date.setdefault(pendulum.Date.fromordinal(int(d)), {})
        bucket[pool] = bucket.get(pool, 0) + int(total)
