"""Exact shares."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprod import InvalidValueError, Money, Share
from coprod.strategies import shares


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("20%", Fraction(1, 5)),
        ("20 %", Fraction(1, 5)),
        ("0.2", Fraction(1, 5)),
        ("1/3", Fraction(1, 3)),
        (" 1 / 3 ", Fraction(1, 3)),
        ("12.5%", Fraction(1, 8)),
        ("100%", Fraction(1)),
        ("0", Fraction(0)),
        ("1", Fraction(1)),
        (".5", Fraction(1, 2)),
        ("19.99%", Fraction(1999, 10000)),
    ],
)
def test_parse(text: str, value: Fraction) -> None:
    """Percentages, decimals and fractions all parse to the exact fraction."""
    assert Share.parse(text).value == value


@pytest.mark.parametrize(
    "text",
    ["120%", "-1%", "4/3", "1/0", "abc", "", "20 percent", "1e-2", "0." + "1" * 30, "1" * 100, 0.2],
)
def test_parse_refuses(text: object) -> None:
    """Out-of-range, malformed, too precise or non-text shares are refused."""
    with pytest.raises(InvalidValueError):
        Share.parse(text)  # type: ignore[arg-type]


def test_thirds_add_up_to_exactly_one_hundred_percent() -> None:
    """The issue's example: 1/3 added three times equals 100 %."""
    third = Share.parse("1/3")
    assert third + third + third == Share.parse("100%") == Share.ONE


def test_display() -> None:
    """Terminating percentages print as such; others print as an exact fraction."""
    assert str(Share.parse("0.2")) == "20%"
    assert str(Share.parse("1/8")) == "12.5%"
    assert str(Share.parse("1/3")) == "1/3"
    assert str(Share.parse("2/3")) == "2/3"
    assert str(Share.ONE) == "100%"
    assert str(Share.ZERO) == "0%"
    assert repr(Share.parse("1/3")) == "Share.parse('1/3')"
    assert Share.parse("1/3").as_percent() is None
    assert Share.parse("19.99%").as_percent() == Decimal("19.99")


def test_arithmetic_and_bounds() -> None:
    """Sums and differences are exact and must stay within 0 %..100 %; total() may exceed it."""
    a, b = Share.parse("60%"), Share.parse("50%")
    with pytest.raises(InvalidValueError, match="between 0% and 100%, got 110%"):
        _ = a + b
    with pytest.raises(InvalidValueError):
        _ = b - a
    assert a - b == Share.parse("10%")
    assert Share.total([a, b]) == Fraction(11, 10)
    assert a.complement() == Share.parse("40%")
    assert Share.of(Decimal("0.25")) == Share.of(Fraction(1, 4)) == Share.of("25%")
    assert Share.of(1) == Share.ONE
    with pytest.raises(InvalidValueError):
        Share.of(0.25)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="must be a Fraction"):
        Share(0.5)  # type: ignore[arg-type]
    assert Share.ratio(Money.parse("300 USD"), Money.parse("1200 USD")) == Share.parse("25%")
    with pytest.raises(TypeError):
        _ = a + 0.1  # type: ignore[operator]
    with pytest.raises(TypeError):
        _ = a - 0.1  # type: ignore[operator]


def test_boundary_comparisons_are_exact() -> None:
    """19.99 % is below 20 %, and 20 % equals 1/5: the comparisons the validators rely on."""
    assert Share.parse("19.99%") < Share.parse("20%")
    assert Share.parse("20%") == Share.parse("1/5")
    assert Share.parse("80%") <= Share.parse("0.8")


@given(s=shares())
def test_str_round_trips(s: Share) -> None:
    """Whatever the share, str() parses back to the same exact share."""
    assert Share.parse(str(s)) == s


@given(a=shares(), b=shares())
def test_addition_is_exact_when_in_range(a: Share, b: Share) -> None:
    """When the sum is within 100 %, addition is exact and commutative."""
    if a.value + b.value <= 1:
        assert (a + b).value == a.value + b.value
        assert a + b == b + a
        assert (a + b) - b == a


@given(st.lists(shares(), min_size=1, max_size=10))
def test_total_is_the_exact_sum(items: list[Share]) -> None:
    """total() is the exact sum of the values."""
    assert Share.total(items) == sum(s.value for s in items)


# --- mutation-testing hardening (issue 7): exact messages, boundaries, exact rendering ---


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: Share.parse(0.2), "a share must be text such as '20%', got 0.2"),
        (lambda: Share.parse("0" * 61 + "1/3 "), None),  # 64 characters: still a share
        (lambda: Share.parse("0" * 62 + "1/3"), "not a share: '" + "0" * 62 + "1/3' is too long"),
        (lambda: Share.parse("2/0"), "not a share: '2/0' divides by zero"),
        (lambda: Share.parse("abc"), "not a share: 'abc' (expected a percentage '20%', a decimal "
                                     "'0.2' or a fraction '1/3')"),
        (lambda: Share.parse("0." + "1" * 19), "not a share: '0." + "1" * 19
         + "' has more than 18 decimal places"),
        (lambda: Share.parse("0." + "1" * 19 + "%"), "not a share: '0." + "1" * 19
         + "%' has more than 18 decimal places"),
        (lambda: Share(0.5), "share must be a Fraction, got 0.5; use Share.parse() or Share.of()"),
        (lambda: Share.of(Decimal("1.5")), "share must be between 0% and 100%, got Decimal('1.5')"),
        (lambda: Share.of(Decimal("1E-101")),
         "not a share: Decimal('1E-101') has more than 100 decimal places"),
        (lambda: Share.of(0.25),
         "share must be exact (int, Decimal, Fraction or Share), got float"),
        (lambda: Share.of(Decimal("NaN")), "share must be finite, got NaN"),
        (lambda: Share.of([1]), "share must be a number, got list"),
        (lambda: Share(Fraction(10**50)), "share must be between 0% and 100%, got a number of "
                                          "more than 38 digits"),
        (lambda: Share(Fraction(-(10**50))), "share must be between 0% and 100%, got -a number of "
                                             "more than 38 digits"),
        (lambda: Share(Fraction(2**127)), f"got {2**127 * 100}%"),  # 128 bits: still shown exactly
        (lambda: Share(Fraction(2**128)), "got a number of more than 38 digits"),  # 129 bits
    ],
)
def test_refusals_say_exactly_what_was_wrong(call: object, message: str | None) -> None:
    """Each refusal names the offending input and the rule; the 64-character limit is inclusive."""
    if message is None:
        assert call() == Share.parse("1/3")  # type: ignore[operator]
        return
    with pytest.raises(InvalidValueError) as info:
        call()  # type: ignore[operator]
    text = str(info.value)
    assert message in text if message.startswith("got") else text.startswith(message), text


def test_limits_are_inclusive() -> None:
    """Exactly 18 decimal places parse, exactly 100 are accepted by of(), and 0 and 1 are shares."""
    assert Share.parse("0." + "1" * 18).value == Fraction(int("1" * 18), 10**18)
    assert Share.parse("0." + "1" * 16 + "%").value == Fraction(int("1" * 16), 10**18)
    assert Share.of(Decimal("1E-100")).value == Fraction(1, 10**100)
    assert Share.of(Decimal(0)) == Share.ZERO
    assert Share.of(Decimal(1)) == Share.ONE
    assert Share.of(Decimal("0E+101")) == Share.ZERO  # a zero with a large exponent is still zero
    # A percentage with exactly 18 places is still written as one; with 19, as a fraction.
    assert str(Share(Fraction(1, 10**20))) == "0.000000000000000001%"
    assert str(Share(Fraction(1, 10**21))) == f"1/{10**21}"


def test_as_percent_is_exact_and_written_plainly() -> None:
    """as_percent() is the exact decimal, not rounded at 28 digits; whole ones have no exponent."""
    assert str(Share.ONE.as_percent()) == "100"
    assert str(Share.parse("50%").as_percent()) == "50"
    assert str(Share.ZERO.as_percent()) == "0"
    tiny = Share(Fraction(1, 2**100))
    assert Fraction(tiny.as_percent()) == Fraction(100, 2**100)  # type: ignore[arg-type]
    assert Share(Fraction(1, 5**40)).as_percent() == Decimal(100) / Decimal(5**40)
    # Too many places to parse back as a percentage: shown as the exact fraction instead.
    assert str(tiny) == f"1/{2**100}"
    assert Share.parse(str(tiny)) == tiny


def test_total_of_nothing_is_a_fraction() -> None:
    """total() of no shares is Fraction(0), keeping its declared return type."""
    assert isinstance(Share.total([]), Fraction)
    assert Share.total([]) == 0


@given(st.fractions(min_value=0, max_value=1, max_denominator=2**100))
def test_any_exact_share_round_trips_through_text(value: Fraction) -> None:
    """str() of any share whose fraction fits the 64-character limit parses back exactly."""
    s = Share(value)
    assert Share.parse(str(s)) == s
    percent = s.as_percent()
    if percent is not None:
        assert Fraction(percent) == value * 100


def _percent_by_definition(value: Fraction) -> Decimal | None:
    """The value in per cent as a terminating decimal, worked out with Fraction arithmetic."""
    percent = value * 100
    d = percent.denominator
    places = 0
    for p in (2, 5):
        count = 0
        while d % p == 0:
            d //= p
            count += 1
        places = max(places, count)
    if d != 1:
        return None
    return Decimal(f"{percent.numerator * 10**places // percent.denominator}E-{places}")


@given(
    numerator=st.integers(0, 10**40),
    denominator=st.one_of(
        st.integers(1, 10**40),
        st.builds(lambda i, j, k: 2**i * 5**j * k, st.integers(0, 80), st.integers(0, 80),
                  st.sampled_from([1, 1, 1, 3, 7])),
    ),
)
def test_percent_in_integers_is_the_percent_by_definition(numerator: int, denominator: int) -> None:
    """The integer-only computation behind Share's text agrees with the definition."""
    from coprod.share import _terminating_percent

    value = Fraction(numerator, denominator)
    got = _terminating_percent(value)
    expected = _percent_by_definition(value)
    assert got == expected
    if got is not None and expected is not None:
        assert got.as_tuple() == expected.as_tuple()


@given(
    numerator=st.integers(-(10**30), 10**30),
    denominator=st.one_of(
        st.integers(1, 10**30),
        st.builds(lambda i, j, k: 2**i * 5**j * k, st.integers(0, 30), st.integers(0, 30),
                  st.sampled_from([1, 1, 1, 3])),
    ),
)
def test_text_is_what_the_decimal_percent_prints(numerator: int, denominator: int) -> None:
    """Share text is built from digits; it is exactly what the Decimal percentage prints."""
    from coprod._exact import MAX_FRACTION_DIGITS
    from coprod.share import _render

    value = Fraction(numerator, denominator)
    percent = _percent_by_definition(value)
    if percent is None or -percent.as_tuple().exponent > MAX_FRACTION_DIGITS:
        expected = f"{value.numerator}/{value.denominator}"
    else:
        expected = f"{percent:f}%"
    assert _render(value) == expected


@given(st.integers(0, 10**12), st.integers(1, 10**12))
def test_ratio_of_whole_numbers_is_exact(part: int, whole: int) -> None:
    """``Share.ratio(1, 3)`` is one third exactly: never through a float division."""
    from hypothesis import assume

    assume(part <= whole)
    assert Share.ratio(part, whole).value == Fraction(part, whole)
    assert Share.ratio(Decimal(part), Decimal(whole)) == Share.ratio(part, whole)


def test_ratio_refuses_floats_zero_and_money_beside_numbers() -> None:
    """Inexact or meaningless ratios are refused in words."""
    for part, whole, message in (
        (0.1, 3, "part must be exact (int, Decimal, Fraction or Share), got float 0.1; "
                 "floats are not exact"),
        (1, 0.3, "whole must be exact (int, Decimal, Fraction or Share), got float 0.3; "
                 "floats are not exact"),
        (1, 0, "a share is taken of a positive whole, got 0"),
        (1, -2, "a share is taken of a positive whole, got -2"),
        (Money.parse("1 USD"), 3,
         "a share of money is taken of money: got Money.parse('1 USD') of 3"),
        (3, Money.parse("1 USD"),
         "a share of money is taken of money: got 3 of Money.parse('1 USD')"),
    ):
        with pytest.raises(InvalidValueError) as caught:
            Share.ratio(part, whole)
        assert str(caught.value) == message
