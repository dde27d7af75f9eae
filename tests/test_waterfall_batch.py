"""The bulk path (:class:`ReceiptColumns` and :func:`aggregate`) in detail.

numpy and plain Python give identical results, both equal the :class:`Receipt` objects' to
the minor unit, lines on a half-unit boundary round half-even, and amounts beyond the float
and int64 guards stay exact.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Any
from unittest import mock

import numpy as np
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coprod import Country, Currency, InvalidValueError, Money, Share
from coprod.agreements import ExchangeRate
from coprod.waterfall import (
    Participation,
    Pool,
    RateTable,
    Receipt,
    ReceiptColumns,
    ResidualSplit,
    Route,
    Waterfall,
    aggregate,
)
from coprod.waterfall import _batch as batch
from coprod.waterfall._engine import Ingested, ingest

USD = Currency("USD")
DAY0 = dt.date(2025, 1, 1).toordinal()


def _pool(pool_id: str) -> Pool:
    return Pool(id=pool_id, tiers=(ResidualSplit(id=f"{pool_id}-net", participations=(
        Participation(payee="a", share=Share.ONE),)),))


# RU retained with a clause; German TV to pool "tv"; SVOD paid by "net" to "main"; the rest
# of the world with a territory to "main"; lines without a territory are unrouted.
WF = Waterfall(
    id="bulk", title="Bulk", currency=USD,
    routes=(
        Route(territories=(Country("RU"),), retained_by="ru", clause="Art. 5"),
        Route(territories=(Country("DE"),), media=("tv",), pool="tv"),
        Route(media=("svod",), sources=("net",), pool="main"),
        Route(except_territories=(Country("RU"),), pool="main"),
    ),
    pools=(_pool("main"), _pool("tv")),
)


def _rate(base: str, quote: str, rate: str, day: int | None) -> ExchangeRate:
    return ExchangeRate(base=Currency(base), quote=Currency(quote), rate=Decimal(rate),
                        date=None if day is None else dt.date.fromordinal(day))


# Rates chosen to put many lines exactly on a half unit: EUR x 1.5 and x 1.25, CNY / 8 (an
# inverted USD->CNY rate), KWD (3 decimals) x 3.25; JPY (no decimals) at an ordinary rate.
RATES = RateTable(rates=(
    _rate("EUR", "USD", "1.5", DAY0),
    _rate("EUR", "USD", "1.25", DAY0 + 3),
    _rate("USD", "CNY", "8", DAY0),
    _rate("USD", "CNY", "7.1234", DAY0 + 5),
    _rate("KWD", "USD", "3.25", None),
    _rate("JPY", "USD", "0.0067", DAY0),
))

LABELS = {"territories": ["RU", "DE", "FR", None], "media": ["tv", "svod", None],
          "sources": ["net", None]}
SCALES = {"small": 10**6, "large": 2**50, "huge": 2**70}  # float / int64 / Python integers


@st.composite
def batches(draw: st.DrawFn) -> tuple[str, list[int], list[int], dict[str, list[Any]]]:
    """One currency's lines: amounts at one scale, days in a week, routing columns."""
    cur = draw(st.sampled_from(["USD", "EUR", "CNY", "KWD", "JPY"]))
    limit = SCALES[draw(st.sampled_from(list(SCALES)))]
    n = draw(st.integers(1, 40))
    amounts = draw(st.lists(st.integers(-limit, limit), min_size=n, max_size=n))
    days = draw(st.lists(st.integers(DAY0, DAY0 + 6), min_size=n, max_size=n))
    columns = {
        name: draw(st.lists(st.sampled_from(labels), min_size=n, max_size=n))
        for name, labels in LABELS.items() if draw(st.booleans())
    }
    return cur, amounts, days, columns


def _columns(cur: str, amounts: list[int], days: list[int], columns: dict[str, list[Any]],
             categorical: bool, arrays: bool) -> ReceiptColumns:
    given_cols: dict[str, Any] = dict(columns)
    if categorical:  # dictionary-encoded, with a label no line uses
        for name, values in columns.items():
            labels = [*LABELS[name], "unused"]
            given_cols[name] = ([labels.index(v) for v in values], labels)
    amount_col: Any = amounts
    if arrays:
        amount_col = np.asarray(amounts) if all(abs(a) < 2**63 for a in amounts) else amounts
    return ReceiptColumns(currency=cur, amounts=amount_col, days=days, **given_cols)


def _receipts(cur: str, amounts: list[int], days: list[int],
              columns: dict[str, list[Any]]) -> list[Receipt]:
    n = len(amounts)
    terr = columns.get("territories", [None] * n)
    media = columns.get("media", [None] * n)
    sources = columns.get("sources", [None] * n)
    return [
        Receipt(amount=Money.from_minor_units(a, cur), date=pendulum.Date.fromordinal(d),
                territory=None if t is None else Country(t), medium=m, source=s)
        for a, d, t, m, s in zip(amounts, days, terr, media, sources, strict=True)
    ]


def _figures(ing: Ingested) -> tuple[object, ...]:
    return (ing.by_date, ing.retained, ing.retained_clause, ing.unrouted, ing.routed,
            ing.received, ing.first, ing.last)


def _python(*args: Any) -> Ingested:
    with mock.patch.object(batch, "_USE_NUMPY", False):
        return aggregate(*args)


@settings(max_examples=80, deadline=None)
@given(st.lists(batches(), min_size=1, max_size=3), st.booleans(), st.booleans())
def test_numpy_python_and_receipt_objects_agree(drawn, categorical, arrays) -> None:
    """Both bulk paths agree with each other and with the same lines as Receipt objects.

    Figures and conversion records are identical between the two bulk paths; against the
    objects, figures are identical and conversions cover the same lines, sources, exact
    values and cents per rate.
    """
    cols = [_columns(*b, categorical=categorical, arrays=arrays) for b in drawn]
    plain = [_columns(*b, categorical=categorical, arrays=False) for b in drawn]
    fast = aggregate(WF, cols, RATES)
    slow = _python(WF, plain, RATES)
    objects = ingest(WF, [r for b in drawn for r in _receipts(*b)], RATES)
    assert _figures(fast) == _figures(slow) == _figures(objects)
    assert fast.conversions == slow.conversions
    for field in ("lines", "source", "exact", "converted"):
        got = {}
        for name, records in (("bulk", fast.conversions), ("objects", objects.conversions)):
            totals: dict[object, Any] = {}
            for c in records:
                key = (c.source.currency, c.rate)
                value = getattr(c, field)
                totals[key] = totals[key] + value if key in totals else value
            got[name] = totals
        assert got["bulk"] == got["objects"], field


def test_half_units_round_to_even() -> None:
    """Lines exactly on a half cent round to the even cent, line by line, on both paths.

    Odd cents x 1.5: 0.01 EUR -> 0.015 -> 0.02 USD, 0.03 -> 0.045 -> 0.04.
    """
    cols = [ReceiptColumns(currency="EUR", amounts=[1, 3, 5, 7] * 1000, days=[DAY0] * 4000,
                           territories=["FR"] * 4000)]
    for ing in (aggregate(WF, cols, RATES), _python(WF, cols, RATES)):
        # 2 + 4 + 8 + 10 cents per group of four (0.015, 0.045, 0.075, 0.105)
        assert ing.by_date == {pendulum.Date(2025, 1, 1): {"main": 24 * 1000}}
        (conv,) = ing.conversions
        assert conv.lines == 4000
        assert conv.exact == Fraction(16 * 1000 * 3, 2 * 100)


def test_amounts_beyond_the_guards_stay_exact() -> None:
    """Amounts beyond the int64 guards are summed and converted exactly.

    Near 2**62 (int64 sums would overflow) and beyond 2**63, as Python integers.
    """
    big = 2**62 - 1
    cols = [ReceiptColumns(currency="KWD", amounts=np.asarray([big, big, -1], dtype=np.int64),
                           days=[DAY0] * 3, territories=["FR"] * 3),
            ReceiptColumns(currency="USD", amounts=[2**70, 1], days=[DAY0, DAY0 + 1],
                           territories=["RU", "FR"])]
    ing = aggregate(WF, cols, RATES)
    assert ing.received == {Currency("KWD"): 2 * big - 1, USD: 2**70 + 1}
    assert ing.retained == {("ru", USD): 2**70}
    expected = sum(batch._half_even_div(a * 325, 1000) for a in (big, big, -1))
    assert ing.by_date[pendulum.Date(2025, 1, 1)]["main"] == expected
    assert _figures(ing) == _figures(_python(WF, [
        ReceiptColumns(currency="KWD", amounts=[big, big, -1], days=[DAY0] * 3,
                       territories=["FR"] * 3), cols[1]], RATES))


@pytest.mark.parametrize("use_numpy", [True, False])
@pytest.mark.parametrize(("columns", "message"), [
    ({"amounts": [1.5], "days": [DAY0]}, "whole numbers of minor units"),
    ({"amounts": [1], "days": [float(DAY0)]}, "whole day numbers"),
    ({"amounts": [1], "days": [0]}, "date ordinals"),
    ({"amounts": [1], "days": [DAY0], "territories": ([3], ["FR"])}, "dictionary codes"),
    ({"amounts": [1], "days": [DAY0], "territories": ([0.0], ["FR"])}, "dictionary codes"),
])
def test_bad_columns_are_refused(use_numpy, columns, message) -> None:
    """Bad columns are refused with an InvalidValueError on both paths.

    Fractional amounts or days, days outside the calendar, dictionary codes out of range.
    """
    cols = ReceiptColumns(currency="USD", **columns)
    with mock.patch.object(batch, "_USE_NUMPY", use_numpy), \
            pytest.raises(InvalidValueError, match=message):
        aggregate(WF, [cols], RATES)


@pytest.mark.parametrize("use_numpy", [True, False])
def test_missing_rate_is_refused_only_for_pooled_lines(use_numpy) -> None:
    """A line bound for a pool on a day with no rate is refused; a retained one needs none."""
    early = DAY0 - 10
    with mock.patch.object(batch, "_USE_NUMPY", use_numpy):
        ing = aggregate(WF, [ReceiptColumns(currency="EUR", amounts=[100], days=[early],
                                            territories=["RU"])], RATES)
        assert ing.retained == {("ru", Currency("EUR")): 100}
        with pytest.raises(InvalidValueError, match="no exchange rate EUR->USD"):
            aggregate(WF, [ReceiptColumns(currency="EUR", amounts=[100], days=[early],
                                          territories=["FR"])], RATES)
        with pytest.raises(InvalidValueError, match="no rate table"):
            aggregate(WF, [ReceiptColumns(currency="EUR", amounts=[100], days=[DAY0],
                                          territories=["FR"])])


def test_wide_spans_and_many_keys_are_compressed() -> None:
    """Lines over centuries with thousands of keys give the plain Python path's figures.

    The layout of keys and of (key, day) cells switches from dense to sorted.
    """
    rng = np.random.default_rng(3)
    n = 3000
    days = rng.integers(1, 3_000_000, size=n)
    sources = [f"s{i}" for i in range(n)]
    media = [["svod", "tv"][i % 2] if i % 3 else f"m{i % 40}" for i in range(n)]
    amounts = rng.integers(-1000, 10**6, size=n)
    cols = ReceiptColumns(currency="USD", amounts=amounts, days=days, sources=sources,
                          media=media, territories=["FR"] * n)
    plain = ReceiptColumns(currency="USD", amounts=amounts.tolist(), days=days.tolist(),
                           sources=sources, media=media, territories=["FR"] * n)
    assert _figures(aggregate(WF, [cols, plain])) == _figures(_python(WF, [plain, plain]))


def test_many_large_conversions_are_summed_exactly() -> None:
    """Large converted lines beyond float64's exact sums add up exactly.

    Ten thousand lines near 2**40 each add up to the total of the lines converted one by one.
    """
    amounts = [2**40 // 3 * 2 - 20_000 + i for i in range(10_000)]
    cols = ReceiptColumns(currency="EUR", amounts=np.asarray(amounts), days=[DAY0] * 10_000,
                          territories=["FR"] * 10_000)
    ing = aggregate(WF, [cols], RATES)
    expected = sum(batch._half_even_div(a * 3, 2) for a in amounts)
    assert ing.by_date == {pendulum.Date(2025, 1, 1): {"main": expected}}


def test_columns_must_have_one_entry_per_line() -> None:
    """Columns of different lengths are refused; an empty batch contributes nothing."""
    with pytest.raises(InvalidValueError, match="column days has 1 entries, but amounts has 2"):
        ReceiptColumns(currency="USD", amounts=[1, 2], days=[DAY0])
    with pytest.raises(InvalidValueError, match="column media has 1 entries"):
        ReceiptColumns(currency="USD", amounts=[1, 2], days=[DAY0] * 2, media=([0], ["tv"]))
    empty = ReceiptColumns(currency="USD", amounts=[], days=[])
    assert _figures(aggregate(WF, [empty])) == _figures(Ingested())


def test_a_list_with_an_amount_past_64_bits_is_not_read_as_floats() -> None:
    """A list holding 2**63 keeps Python integers (numpy alone would read it as floats)."""
    from coprod.waterfall._batch import _amount_array

    big = _amount_array([0, 2**63, -5])
    assert big.dtype == object
    assert big.tolist() == [0, 2**63, -5]
    assert _amount_array([1, -2]).dtype.kind == "i"
