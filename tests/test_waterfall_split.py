"""The waterfall's house-monotone split (Sainte-Laguë / Webster), against its definition."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coprod import InvalidValueError
from coprod.waterfall import apportion

_WEIGHTS = st.lists(
    st.one_of(st.integers(0, 20), st.fractions(0, 5, max_denominator=12)), min_size=1, max_size=6
)


def _by_definition(total: int, weights: list[Fraction | int]) -> list[int]:
    """The top-*total* unit slots by priority w / (k + 1/2), ties to the lower index."""
    slots = [
        (-Fraction(w) / (k + Fraction(1, 2)), i, k)
        for i, w in enumerate(weights)
        if w > 0
        for k in range(total)
    ]
    parts = [0] * len(weights)
    for _, i, _ in sorted(slots)[:total]:
        parts[i] += 1
    return parts


@settings(max_examples=300)
@given(total=st.integers(0, 40), weights=_WEIGHTS.filter(any))
def test_apportion_is_the_top_slots_of_webster(total: int, weights: list[Fraction | int]) -> None:
    """The split is exactly the slots of highest priority, as apportion's definition says."""
    assert apportion(total, weights) == _by_definition(total, weights)


@pytest.mark.parametrize(
    ("total", "weights"),
    [(25, [73, 2, 2, 2, 3, 3, 1]), (37, [3, 3, 2, 1, 3, 2, 3, 2, 118, 2, 3]),
     (30, [1, 3, 1, 1, 33, 2, 3, 1, 2, 2, 1, 1, 3, 1])],
)
def test_below_the_floor_of_the_quota(total: int, weights: list[int]) -> None:
    """Webster may give a large party less than the floor of its quota; the split follows it."""
    parts = apportion(total, weights)
    assert parts == _by_definition(total, weights)
    big = weights.index(max(weights))
    assert parts[big] < max(weights) * total // sum(weights)


@settings(max_examples=300)
@given(
    total=st.integers(1, 40),
    big=st.integers(20, 200),
    small=st.lists(st.integers(0, 3), min_size=2, max_size=13),
    at=st.integers(0, 13),
)
def test_one_large_weight_among_many_small(total: int, big: int, small: list[int], at: int) -> None:
    """With one large and many small weights (where quotas are violated), still the definition."""
    weights = [*small[:at], big, *small[at:]]
    assert apportion(total, weights) == _by_definition(total, weights)


@given(total=st.integers(0, 60), weights=_WEIGHTS.filter(any))
def test_apportion_never_takes_a_unit_back(total: int, weights: list[Fraction | int]) -> None:
    """One more unit to split never gives anyone less (no Alabama paradox); parts sum exactly."""
    now, more = apportion(total, weights), apportion(total + 1, weights)
    assert sum(now) == total
    assert sum(more) == total + 1
    assert all(b >= a for a, b in zip(now, more, strict=True))
    assert all(p == 0 for p, w in zip(now, weights, strict=True) if w == 0)


@given(weights=st.lists(st.integers(0, 9), min_size=1, max_size=6).filter(any),
       times=st.integers(0, 7))
def test_whole_quotas_are_paid_exactly(weights: list[int], times: int) -> None:
    """When every exact quota is a whole number, each part is exactly its quota."""
    assert apportion(sum(weights) * times, weights) == [w * times for w in weights]


def test_documented_examples_and_ties() -> None:
    """Ties go to the lower index; a zero total needs no positive weight."""
    assert apportion(100, [1, 1, 1]) == [34, 33, 33]
    assert apportion(7, [Fraction(3, 5), Fraction(2, 5)]) == [4, 3]
    assert apportion(0, [0, 0]) == [0, 0]
    assert apportion(1, [0, 1, 1]) == [0, 1, 0]
    assert apportion(2, [1, 0, 1]) == [1, 0, 1]
    # Webster, not largest remainder: 5 units by 6:3:1 -> quotas 3, 1.5, 0.5.
    assert apportion(5, [6, 3, 1]) == _by_definition(5, [6, 3, 1])


@pytest.mark.parametrize(
    ("total", "weights", "message"),
    [
        (-1, [1], "cannot split a negative number of units (-1)"),
        (1, [1, -1], "split weights must not be negative"),
        (0, [-1], "split weights must not be negative"),
        (1, [0, 0], "cannot split an amount when every weight is zero"),
    ],
)
def test_apportion_refusals(total: int, weights: list[int], message: str) -> None:
    """A negative total or weight, or nothing to split by, is refused with the reason."""
    with pytest.raises(InvalidValueError) as info:
        apportion(total, weights)
    assert str(info.value) == message


@pytest.mark.parametrize(("total", "weights", "message", "field", "within"), [
    (10, "12", "weights must be a list of numbers, got '12'", "weights", None),
    (10, [1, 0.5], "weights[1] must be exact (int, Fraction or Decimal), got float 0.5; floats "
                   "cannot hold weights exactly", "weights", "[1]"),
    (10, [1, 2, "x"], "weights[2] must be an exact number (int, Fraction or Decimal), got 'x'",
     "weights", "[2]"),
    (10.5, [1], "total must be a whole number of minor units (an int), got 10.5", "total", None),
])
def test_refusals_say_what_and_where(total: object, weights: object, message: str,
                                     field: str, within: str | None) -> None:
    """Word for word, with the field and the item a loader adds to the path."""
    with pytest.raises(InvalidValueError) as info:
        apportion(total, weights)  # type: ignore[arg-type]
    assert (str(info.value), info.value.field, info.value.within) == (message, field, within)


def test_equal_priorities_go_to_the_earlier_position() -> None:
    """4 units by 1:1:1:3: the last unit's candidates all have priority 1 (1/1 and 3/3).

    The three first units of the equal parties and the second of the large one tie; ties
    go by position, so the large party keeps one unit. A `worst_last` that looked one unit
    too far back gave [1, 1, 0, 2]; random examples find such exact ties only now and then.
    """
    assert apportion(4, [1, 1, 1, 3]) == [1, 1, 1, 1]
    assert apportion(4, [3, 1, 1, 1]) == [2, 1, 1, 0]
