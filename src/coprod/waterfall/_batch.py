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
arrays in one pass per currency; without it, in plain Python.

How the vectorised path stays exact (the reasons behind each bound are in the helpers):

* Lines are grouped into *cells*, one per (routing key, receipt day). A routing key is a
  distinct (territory, medium, source), so each is routed once, not once per line; a cell
  is either wholly retained, unrouted or bound for one pool, and lies under one rate.
* Per-cell counts and sums come from one ``bincount`` each. ``bincount`` adds in float64,
  which is exact for integers as long as every partial sum stays below 2**53; the bound
  is checked from the largest amount and the number of lines, and larger ledgers are
  summed in int64 (below 2**62) or as Python integers.
* A line's conversion is ``round_half_even(amount * N / D)`` for the rate's exact ratio
  ``N / D``. It is first computed in float64 (a product by the correctly rounded
  ``float(N / D)``, relative error below 2**-51); only a line whose float result lies
  within a wide margin of a half-unit boundary can round differently, and exactly those
  lines are recomputed in integers. Amounts too large for the margin take the integer
  path throughout.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import importlib.util
import math
from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, TypeGuard, Union, cast

import attrs
import pendulum

from coprod._exact import EXACT
from coprod.errors import InvalidValueError, quote
from coprod.money import Currency, Money
from coprod.waterfall import _args
from coprod.waterfall._engine import Ingested, route_for
from coprod.waterfall._fx import Conversion, RateTable, no_rate_error
from coprod.waterfall._model import Route, Waterfall

# numpy is the optional extra coprod[fast]; the suite runs both paths. It is imported on
# first use, not with coprod: it is a third of the time `import coprod` would take, and
# most programs (and every command but `coprod waterfall`) never aggregate a ledger.
_USE_NUMPY = importlib.util.find_spec("numpy") is not None


class _Numpy:
    """Stands for the numpy module until the first attribute is read, then imports it."""

    def __getattr__(self, name: str) -> Any:
        import numpy

        globals()["np"] = numpy
        return getattr(numpy, name)


if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from coprod.agreements import ExchangeRate
else:
    np = _Numpy()

__all__ = ["ReceiptColumns", "aggregate"]

#: int64 arithmetic stays exact while magnitudes stay below this (headroom under 2**63).
_INT64_SAFE = 2**62
#: float64 represents every integer below this exactly, so float sums of integers are exact
#: while every partial sum stays below it.
_FLOAT_EXACT = 2**53
#: Converted values up to this use the float64 rounding with its exact fix-up (an ulp at
#: 2**40 is 2**-12, far finer than the margin below).
_FLOAT_ROUNDING_LIMIT = 2**40
#: A float64 conversion is trusted when it lies farther than ``(|value| + 1) * 2**-44``
#: from a half-unit boundary; its error is below ``|value| * 2**-51``, 128 times less.
_FLOAT_MARGIN = 2.0**-44
#: Cells (routing keys x days) beyond this many per line are compressed by sorting instead
#: of being laid out densely.
_DENSE_CELLS_PER_LINE = 4
_DENSE_CELLS_MIN = 1 << 16
#: The last day ``pendulum.Date.fromordinal`` accepts (9999-12-31).
_MAX_ORDINAL = 3_652_059


def _to_currency(value: Currency | str) -> Currency:
    return value if isinstance(value, Currency) else Currency(value)


#: A dictionary-encoded column: one code per line, indexing the labels.
_Categorical = tuple[Sequence[int], Sequence[str | None]]


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

    Raises:
        InvalidValueError: If a column's length differs from that of ``amounts``.

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
    territories: Sequence[str | None] | _Categorical | None = None
    media: Sequence[str | None] | _Categorical | None = None
    sources: Sequence[str | None] | _Categorical | None = None

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


def _is_categorical(col: object) -> TypeGuard[_Categorical]:
    """Tell a ``(codes, labels)`` pair, as Arrow and Polars give, from a plain column."""
    return isinstance(col, tuple) and len(col) == 2 and not isinstance(col[0], str | None)


# ---------------------------------------------------------------------------------------------
# routing keys


_Key = tuple[str | None, str | None, str | None]
#: Per-line codes: a numpy array, a list, or 0 for a column that is absent (one label).
_Codes = Union["npt.NDArray[np.int64]", list[int], int]


def _encode(col: Sequence[str | None] | _Categorical | None, name: str) -> tuple[
    _Codes, list[str | None]
]:
    """Return per-line codes and their labels, for a plain column or a (codes, labels) pair.

    An absent column has the single label None and no codes (``0`` stands for all of them).
    """
    if col is None:
        return 0, [None]
    if _is_categorical(col):
        codes, labels = col[0], list(col[1])
        if _USE_NUMPY:
            arr = np.asarray(codes)
            if arr.size and arr.dtype.kind not in "iu":
                raise InvalidValueError(f"column {name}: dictionary codes must be integers")
            arr = arr.astype(np.int64, copy=False)
            if arr.size and (int(arr.min()) < 0 or int(arr.max()) >= len(labels)):
                raise InvalidValueError(
                    f"column {name}: dictionary codes must lie in 0..{len(labels) - 1}"
                )
            return arr, labels
        out = list(codes)
        if any(isinstance(c, bool) or not isinstance(c, int) or not 0 <= c < len(labels)
               for c in out):
            raise InvalidValueError(
                f"column {name}: dictionary codes must be integers in 0..{len(labels) - 1}"
            )
        return out, labels
    index: dict[str | None, int] = {}
    plain = cast("Sequence[str | None]", col)  # not a (codes, labels) pair: one value a line
    codes_l = [index.setdefault(v, len(index)) for v in plain]
    return (np.asarray(codes_l, dtype=np.int64) if _USE_NUMPY else codes_l), list(index)


def _keys(cols: ReceiptColumns) -> tuple[list[_Key], Any]:
    """Return the distinct (territory, medium, source) keys and, per line, its key's index."""
    (c0, l0), (c1, l1), (c2, l2) = (
        _encode(col, name)
        for col, name in ((cols.territories, "territories"), (cols.media, "media"),
                          (cols.sources, "sources"))
    )
    n1, n2 = len(l1), len(l2)
    inverse: _Codes
    if n1 == 1 and n2 == 1:  # territory alone routes: its codes are the keys
        if isinstance(c0, int):
            inverse = np.zeros(len(cols), dtype=np.int64) if _USE_NUMPY else [0] * len(cols)
        else:
            inverse = c0
        return [(label, l1[0], l2[0]) for label in l0], inverse
    if _USE_NUMPY:
        # at least one of the columns is an array (a column with two labels or more)
        combined = (np.asarray(c0) * n1 + c1) * n2 + c2
        size = len(l0) * n1 * n2
        if size <= max(_DENSE_CELLS_PER_LINE * len(cols), _DENSE_CELLS_MIN):
            present = np.bincount(combined, minlength=size) > 0
            ukeys = np.flatnonzero(present)
            remap = np.zeros(size, dtype=np.int64)
            remap[ukeys] = np.arange(len(ukeys), dtype=np.int64)
            inverse = remap[combined]
        else:
            ukeys, inverse = np.unique(combined, return_inverse=True)
        key_list: list[int] = ukeys.tolist()
    else:
        d0, d1, d2 = ([c] * len(cols) if isinstance(c, int) else list(c) for c in (c0, c1, c2))
        combined_l = [(a * n1 + b) * n2 + c for a, b, c in zip(d0, d1, d2, strict=True)]
        order = {k: i for i, k in enumerate(dict.fromkeys(combined_l))}
        inverse = [order[k] for k in combined_l]
        key_list = list(order)
    keys: list[_Key] = []
    for k in key_list:
        rest, c = divmod(k, n2)
        a, b = divmod(rest, n1)
        keys.append((l0[a], l1[b], l2[c]))
    return keys, inverse


# ---------------------------------------------------------------------------------------------
# cells: lines grouped by (routing target, day)


@attrs.define
class _Cells:
    """Lines grouped by (routing target, day): per cell its target, day, line count and sum.

    A cell is wholly retained, unrouted or bound for one pool, and lies under one rate.
    """

    targets: list[int]
    days: list[int]
    counts: list[int]
    sums: list[int]
    first: int
    last: int


def _half_even_div(num: int, den: int) -> int:
    """Round ``num / den`` (``den > 0``) to an integer, half to even."""
    q, r = divmod(num, den)
    twice = 2 * r
    return q + (1 if twice > den or (twice == den and q % 2 == 1) else 0)


def _check_day_range(lo: int, hi: int) -> None:
    if lo < 1 or hi > _MAX_ORDINAL:
        raise InvalidValueError(
            f"days must be date ordinals between 1 and {_MAX_ORDINAL}, got {lo}..{hi}"
        )


class _PythonGrid:
    """The cells of one batch, in plain Python (no numpy)."""

    def __init__(self, cols: ReceiptColumns, line_key: list[int], target_of_key: list[int]) -> None:
        amounts = list(cols.amounts)
        if any(isinstance(a, bool) or not isinstance(a, int) for a in amounts):
            raise InvalidValueError("amounts must be whole numbers of minor units (integers)")
        days = list(cols.days)
        if any(isinstance(d, bool) or not isinstance(d, int) for d in days):
            raise InvalidValueError("days must be whole day numbers (date.toordinal())")
        _check_day_range(min(days), max(days))
        line_target = [target_of_key[k] for k in line_key]
        acc: dict[tuple[int, int], list[int]] = {}
        for t, d, a in zip(line_target, days, amounts, strict=True):
            cell = acc.get((t, d))
            if cell is None:
                acc[(t, d)] = [1, a]
            else:
                cell[0] += 1
                cell[1] += a
        order = sorted(acc)
        self._lines = (line_target, days, amounts)
        self._index = {td: i for i, td in enumerate(order)}
        self.cells = _Cells(
            targets=[t for t, _ in order],
            days=[d for _, d in order],
            counts=[acc[td][0] for td in order],
            sums=[acc[td][1] for td in order],
            first=min(days),
            last=max(days),
        )

    def convert(self, ratios: list[tuple[int, int]], ratio_of_cell: list[int]) -> list[int]:
        """Return per cell the sum of its lines, each converted and rounded half-even.

        Args:
            ratios: Exact ratios ``(N, D)`` between minor units of the two currencies.
            ratio_of_cell: Per cell, the index of its ratio, or -1 for cells not converted
                (their result is 0).
        """
        out = [0] * len(ratio_of_cell)
        index = self._index
        for t, d, a in zip(*self._lines, strict=True):
            i = index[(t, d)]
            r = ratio_of_cell[i]
            if r >= 0:
                out[i] += _half_even_div(a * ratios[r][0], ratios[r][1])
        return out


def _amount_array(values: Sequence[int]) -> npt.NDArray[Any]:
    """*values* as an integer array, or an object array of Python ints past 64 bits.

    ``numpy.asarray`` turns a list holding an integer past 64 bits into floats, silently
    rounding every amount; a list is therefore read as Python integers first.
    """
    if isinstance(values, np.ndarray):
        return values
    items = list(values)
    if items and all(isinstance(a, int) and not isinstance(a, bool) for a in items):
        if min(items) >= -(2**63) and max(items) < 2**63:
            return np.asarray(items, dtype=np.int64)
        return np.asarray(items, dtype=object)
    return np.asarray(items)


class _NumpyGrid:
    """The cells of one batch, on numpy arrays: one pass per figure, no masking.

    Lines are first summed per (routing key, day) with ``bincount``, then those few sums
    per (target, day).
    """

    def __init__(
        self, cols: ReceiptColumns, line_key: npt.NDArray[np.int64], target_of_key: list[int]
    ) -> None:
        n_keys = len(target_of_key)
        amounts = _amount_array(cols.amounts)
        n = amounts.size
        if amounts.dtype.kind not in "iu" and not (
            amounts.dtype == object
            and all(isinstance(a, int) and not isinstance(a, bool) for a in amounts.tolist())
        ):
            raise InvalidValueError("amounts must be whole numbers of minor units (integers)")
        peak = max(abs(int(amounts.max())), abs(int(amounts.min())))
        # int64 while every sum fits with headroom, else exact Python integers
        if amounts.dtype != object and peak * n < _INT64_SAFE:
            amounts = amounts.astype(np.int64, copy=False)
        else:
            amounts = amounts.astype(object)
        days = np.asarray(cols.days)
        if days.dtype.kind not in "iu" and not (
            days.dtype == object
            and all(isinstance(d, int) and not isinstance(d, bool) for d in days.tolist())
        ):
            raise InvalidValueError("days must be whole day numbers (date.toordinal())")
        lo, hi = int(days.min()), int(days.max())
        _check_day_range(lo, hi)
        days = days.astype(np.int64, copy=False)
        span = hi - lo + 1
        # one (key, day) cell per line: a dense layout when small, else sorted
        cell = line_key * span
        cell += days
        cell -= lo
        size = n_keys * span
        ids: npt.NDArray[np.int64] | None = None
        if size > max(_DENSE_CELLS_PER_LINE * n, _DENSE_CELLS_MIN):
            ids, cell = np.unique(cell, return_inverse=True)
            size = ids.size
        counts = np.bincount(cell, minlength=size)
        present = np.flatnonzero(counts)
        present_ids = present if ids is None else ids[present]
        # the (target, day) cell of each (key, day) cell present
        key_targets = np.asarray(target_of_key, dtype=np.int64)
        target_ids = key_targets[present_ids // span] * span + present_ids % span
        cell_ids, to_cell = np.unique(target_ids, return_inverse=True)
        self._n_cells = cell_ids.size
        self._amounts = amounts
        self._peak = peak
        self._cell = cell
        self._size = size
        self._present = present
        self._to_cell = to_cell
        self.cells = _Cells(
            targets=(cell_ids // span).tolist(),
            days=(cell_ids % span + lo).tolist(),
            counts=_to_ints(self._regroup(counts[present])),
            sums=_to_ints(self._regroup(_cell_sums(cell, amounts, size, peak)[present])),
            first=lo,
            last=hi,
        )

    def _regroup(self, values: npt.NDArray[Any]) -> npt.NDArray[Any]:
        """Sum figures of the (key, day) cells present into their (target, day) cells."""
        out = np.zeros(self._n_cells, dtype=values.dtype)
        np.add.at(out, self._to_cell, values)
        return out

    def convert(self, ratios: list[tuple[int, int]], ratio_of_cell: list[int]) -> list[int]:
        """Return per cell the sum of its lines, each converted and rounded half-even.

        Args:
            ratios: Exact ratios ``(N, D)`` between minor units of the two currencies.
            ratio_of_cell: Per cell, the index of its ratio, or -1 for cells not converted
                (their result is 0).
        """
        amounts, cell, peak = self._amounts, self._cell, self._peak
        # ratio index per (key, day) cell; -1 picks the appended neutral ratio 0/1
        key_ratio = np.full(self._size, -1, dtype=np.int64)
        key_ratio[self._present] = np.asarray(ratio_of_cell, dtype=np.int64)[self._to_cell]
        bound = max(-(-peak * num // den) for num, den in ratios) + 1  # |line converted| <= bound
        if amounts.dtype != object and peak < _FLOAT_EXACT and bound < _FLOAT_ROUNDING_LIMIT:
            factors = np.asarray([num / den for num, den in ratios] + [0.0])  # correctly rounded
            converted, fix = _round_float(amounts, factors[key_ratio][cell], float(bound))
            if fix.size:  # the few lines near a half-unit boundary, exactly in integers
                converted[fix] = [
                    _half_even_div(a * ratios[r][0], ratios[r][1])
                    for a, r in zip(amounts[fix].tolist(), key_ratio[cell[fix]].tolist(),
                                    strict=True)
                ]
        else:
            exact: Any = object
            if amounts.dtype != object and all(
                peak * num < _INT64_SAFE and den < _INT64_SAFE for num, den in ratios
            ):
                exact = np.int64
            nums = np.asarray([num for num, _ in ratios] + [0], dtype=exact)[key_ratio]
            dens = np.asarray([den for _, den in ratios] + [1], dtype=exact)[key_ratio]
            converted = _round_int(amounts.astype(exact) * nums[cell], dens[cell])
        sums = _cell_sums(cell, converted, self._size, bound)
        return _to_ints(self._regroup(sums[self._present]))


def _round_float(
    amounts: npt.NDArray[np.int64], factor: npt.NDArray[np.float64], bound: float
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.intp]]:
    """Round ``amounts * factor`` to whole numbers; return them and the lines to redo exactly.

    ``factor`` is the correctly rounded float of an exact ratio, so the product is within
    a relative ``2**-51`` of the exact value, and below *bound*. Where the product lies
    farther than the margin from a half-unit boundary, the nearest integer to it is the
    nearest integer to the exact value; the other lines (exact halves among them) are
    returned for an exact recomputation.
    """
    x = amounts * factor
    rounded = np.rint(x)
    x -= rounded  # the gap to the nearest integer: exact (Sterbenz), within [-0.5, 0.5]
    np.abs(x, out=x)
    return rounded, np.flatnonzero(x >= 0.5 - (bound + 1.0) * _FLOAT_MARGIN)


def _round_int(num: npt.NDArray[Any], den: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """Round ``num / den`` (``den > 0``) half-even, elementwise, exactly."""
    q = num // den  # np.divmod has no loop for Python integers (object arrays)
    twice = 2 * (num - q * den)
    up = (twice > den) | ((twice == den) & (q % 2 == 1))
    return q + up.astype(q.dtype)  # type: ignore[no-any-return]  # numpy's stubs: Any


def _cell_sums(
    cell: npt.NDArray[np.int64], values: npt.NDArray[Any], size: int, peak: int
) -> npt.NDArray[Any]:
    """Return the exact sum of *values* per cell; *peak* bounds their magnitude."""
    if values.dtype != object and peak * cell.size < _FLOAT_EXACT:
        # float64 accumulation of integers is exact below 2**53 (see the module docstring)
        return np.bincount(cell, weights=values, minlength=size).astype(np.int64)
    if values.dtype.kind == "f":  # whole numbers below 2**40 (see _round_float)
        values = values.astype(np.int64)
    if values.dtype != object and peak * cell.size < _INT64_SAFE:
        sums: npt.NDArray[Any] = np.zeros(size, dtype=np.int64)
        np.add.at(sums, cell, values.astype(np.int64))
        return sums
    sums = np.zeros(size, dtype=object)
    np.add.at(sums, cell, values.astype(object))
    return sums


def _to_ints(values: npt.NDArray[Any]) -> list[int]:
    return [int(v) for v in values.tolist()]


# ---------------------------------------------------------------------------------------------
# aggregation


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

    Raises:
        InvalidValueError: For amounts or days that are not integers, dictionary codes out
            of range, days that are not date ordinals, or lines bound for a pool in another
            currency with no rate table or no rate in force on their day; for an argument
            of the wrong type.

    Example:
        >>> from coprod import Share
        >>> from coprod.waterfall import Waterfall, Route, Pool, FeeTier, distribute
        >>> wf = Waterfall(id="demo", title="Demo", currency=Currency("USD"),
        ...     routes=(Route(pool="world"),),
        ...     pools=(Pool(id="world", tiers=(
        ...         FeeTier(id="fee", payee="agent", rate=Share.parse("10%")),)),))
        >>> day = pendulum.Date(2025, 3, 1).toordinal()
        >>> ing = aggregate(wf, [ReceiptColumns(currency="USD", amounts=[1000] * 5,
        ...                                     days=[day] * 5)])
        >>> str(distribute(wf, ing).payouts()["agent"])
        '5.00 USD'

    .. versionadded:: 0.1.0
    """
    _args.instance("waterfall", waterfall, Waterfall)
    batches = _args.iterable("batches", batches, "ReceiptColumns")
    _args.instance("rates", rates, RateTable, optional=True)
    out = Ingested()
    dates: dict[int, pendulum.Date] = {}
    for i, cols in enumerate(batches):
        if not isinstance(cols, ReceiptColumns):
            raise InvalidValueError(
                f"batches[{i}] must be a ReceiptColumns, got {quote(cols)}", field="batches",
                within=f"[{i}]")
        if len(cols) == 0:
            continue
        _aggregate_one(waterfall, cols, rates, out, dates)
    return out


def _date(dates: dict[int, pendulum.Date], day: int) -> pendulum.Date:
    found = dates.get(day)
    if found is None:
        found = dates[day] = pendulum.Date.fromordinal(day)
    return found


def _money(units: int, currency: Currency, exponent: int) -> Money:
    # Money.from_minor_units checks the digits twice; once (in Money's validator) suffices
    # The exact context: the default one keeps 28 digits, and amounts may have 48.
    return Money(Decimal(units).scaleb(-exponent, context=EXACT), currency)


#: Where a routing key sends its lines: ("pool", id, None), ("retained", payee, clause) or
#: ("unrouted", None, None).
_Target = tuple[str, str | None, str | None]


def _target(route: Route | None) -> _Target:
    if route is None:
        return ("unrouted", None, None)
    if route.retained_by is not None:
        return ("retained", route.retained_by, route.clause)
    return ("pool", route.pool, None)


def _aggregate_one(
    waterfall: Waterfall,
    cols: ReceiptColumns,
    rates: RateTable | None,
    out: Ingested,
    dates: dict[int, pendulum.Date],
) -> None:
    """Route, convert and sum one batch into *out*."""
    cur, target = cols.currency, waterfall.currency
    keys, line_key = _keys(cols)
    # route each distinct key once; keys with the same destination share a target
    targets: list[_Target] = []
    target_of_key: list[int] = []
    for key in keys:
        dest = _target(route_for(waterfall.routes, *key))
        if dest not in targets:
            targets.append(dest)
        target_of_key.append(targets.index(dest))
    grid: _NumpyGrid | _PythonGrid = (
        _NumpyGrid(cols, line_key, target_of_key) if _USE_NUMPY
        else _PythonGrid(cols, line_key, target_of_key)
    )
    cells = grid.cells
    out.see(_date(dates, cells.first))
    out.see(_date(dates, cells.last))
    # totals per target, then into the running figures
    per_target: dict[int, int] = {}  # only targets with lines, as for Receipt objects
    for t, units in zip(cells.targets, cells.sums, strict=True):
        per_target[t] = per_target.get(t, 0) + units
    out.received[cur] = out.received.get(cur, 0) + sum(per_target.values())
    for t, units in per_target.items():
        kind, name, clause = targets[t]
        if kind == "unrouted":
            out.unrouted[cur] = out.unrouted.get(cur, 0) + units
        elif kind == "retained":
            assert name is not None
            out.retained[(name, cur)] = out.retained.get((name, cur), 0) + units
            out.retained_clause.setdefault(name, clause)
        else:
            out.routed[cur] = out.routed.get(cur, 0) + units
    pool_cells = [i for i, t in enumerate(cells.targets) if targets[t][0] == "pool"]
    if not pool_cells:
        return
    pool_of = [name or "" for _, name, _ in targets]

    if cur == target:
        pooled = cells.sums
    else:
        if rates is None:
            raise InvalidValueError(
                f"receipts in {cur} go to pool {pool_of[cells.targets[pool_cells[0]]]!r}, but "
                f"no rate table was given to convert them to {target}"
            )
        applied, rate_of_day = _day_rates(
            rates, cur, target, sorted({cells.days[i] for i in pool_cells}), dates
        )
        ratio_of_cell = [-1] * len(cells.targets)
        for i in pool_cells:
            ratio_of_cell[i] = rate_of_day[cells.days[i]]
        pooled = grid.convert([a[3] for a in applied], ratio_of_cell)
        _record_conversions(out, cells, pool_cells, pooled, ratio_of_cell, applied, pool_of,
                            cur, target, dates)
    # by receipt day, as for Receipt objects (distribute merges the days unless a tier
    # bears interest)
    for i in pool_cells:
        bucket = out.by_date.setdefault(_date(dates, cells.days[i]), {})
        pool = pool_of[cells.targets[i]]
        bucket[pool] = bucket.get(pool, 0) + pooled[i]


#: A rate applied: the table's entry, whether it was inverted, the exact factor from the
#: batch's currency to the waterfall's as (numerator, denominator), and that factor between
#: minor units as a reduced ``(N, D)``.
_Rate = tuple["ExchangeRate", bool, tuple[int, int], tuple[int, int]]


def _day_rates(
    rates: RateTable,
    cur: Currency,
    target: Currency,
    days: list[int],
    dates: dict[int, pendulum.Date],
) -> tuple[list[_Rate], dict[int, int]]:
    """Return the rates applied to *days* and, per day, the index of its rate.

    The rate of a day is chosen exactly as :meth:`RateTable.lookup` chooses it for a
    :class:`Receipt`; each rate's exact factor is built once.

    Raises:
        InvalidValueError: If no rate applies on one of the days.
    """
    candidates = rates._candidates(cur, target)
    scale_target, scale_source = 10**target.exponent, 10**cur.exponent
    applied: list[_Rate] = []
    applied_index: dict[int, int] = {}
    rate_of_day: dict[int, int] = {}
    for day in days:
        c = rates._position(cur, target, day)
        if c < 0:
            raise no_rate_error(cur, target, _date(dates, day))
        i = applied_index.get(c)
        if i is None:
            _, rate, inverted = candidates[c]
            p, q = rate.rate.as_integer_ratio()  # reduced, q > 0; rates are positive
            num, den = (q, p) if inverted else (p, q)
            n, d = num * scale_target, den * scale_source
            g = math.gcd(n, d)
            applied.append((rate, inverted, (num, den), (n // g, d // g)))
            i = applied_index[c] = len(applied) - 1
        rate_of_day[day] = i
    return applied, rate_of_day


def _record_conversions(
    out: Ingested,
    cells: _Cells,
    pool_cells: list[int],
    converted: list[int],
    ratio_of_cell: list[int],
    applied: list[_Rate],
    pool_of: list[str],
    cur: Currency,
    target: Currency,
    dates: dict[int, pendulum.Date],
) -> None:
    """Record one conversion per pool and rate applied, with the lines it covers."""
    # per (pool, rate): first day, lines, source sum, converted sum
    groups: dict[tuple[str, int], list[int]] = {}
    for i in pool_cells:
        key = (pool_of[cells.targets[i]], ratio_of_cell[i])
        row = groups.get(key)
        if row is None:
            groups[key] = [cells.days[i], cells.counts[i], cells.sums[i], converted[i]]
        else:
            row[0] = min(row[0], cells.days[i])
            row[1] += cells.counts[i]
            row[2] += cells.sums[i]
            row[3] += converted[i]
    src_exp, target_exp = cur.exponent, target.exponent
    scale = 10**src_exp
    for (pool, index), (day, n, src, conv) in sorted(
        groups.items(), key=lambda item: (item[0][0], item[1][0])
    ):
        rate, inverted, (num, den), _ = applied[index]
        out.conversions.append(
            Conversion(
                date=_date(dates, day),
                source=_money(src, cur, src_exp),
                rate=rate,
                inverted=inverted,
                exact=Fraction(src * num, den * scale),
                converted=_money(conv, target, target_exp),
                reference=f"{n} line(s) to pool {pool}",
                lines=n,
            )
        )
