"""Currencies, exact money and exact allocation."""

from __future__ import annotations

import decimal
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprod import Currency, CurrencyMismatchError, InvalidValueError, Money, Share, allocate
from coprod.strategies import currencies, moneys


@pytest.mark.parametrize(
    ("code", "exponent"), [("JPY", 0), ("USD", 2), ("KWD", 3), ("CLF", 4), ("RUB", 2), ("CNY", 2)]
)
def test_currency_exponents_come_from_iso_4217(code: str, exponent: int) -> None:
    """Minor-unit exponents are ISO 4217's: yen 0, dollar 2, dinar 3, unidad de fomento 4."""
    assert Currency(code).exponent == exponent
    assert Currency(code).quantum == Decimal(1).scaleb(-exponent)


@pytest.mark.parametrize("code", ["XYZ", "usd1", "", "US", 840, "XAU", "XXX"])
def test_unknown_or_unit_less_currencies_are_refused(code: object) -> None:
    """Codes outside ISO 4217, and units without a minor unit (gold, XXX), are refused."""
    with pytest.raises(InvalidValueError):
        Currency(code)  # type: ignore[arg-type]


def test_currency_is_normalised_and_named() -> None:
    """Lower case and spaces are normalised; the name comes from the ISO list."""
    assert Currency(" rub ") == Currency("RUB")
    assert Currency("CNY").name == "Yuan Renminbi"
    assert str(Currency("EUR")) == "EUR"


@pytest.mark.parametrize(
    ("text", "amount", "code"),
    [
        ("1 250 000.50 RUB", "1250000.50", "RUB"),
        ("RUB 1250000.50", "1250000.50", "RUB"),
        ("1,250,000.50 rub", "1250000.50", "RUB"),
        ("1\u00a0250\u00a0000 CNY", "1250000", "CNY"),
        ("1_000 JPY", "1000", "JPY"),
        ("-12.345 KWD", "-12.345", "KWD"),
        ("0.001 USD", "0.001", "USD"),
        ("1'000.00 CHF", "1000.00", "CHF"),
    ],
)
def test_parse(text: str, amount: str, code: str) -> None:
    """Money.parse reads amounts written the ways contracts write them, exactly."""
    m = Money.parse(text)
    assert m.amount == Decimal(amount)
    assert m.currency == Currency(code)


@pytest.mark.parametrize(
    "text",
    ["12,5 EUR", "1.2.3 USD", "USD", "12 EURO", "1e5 USD", "NaN USD", "", "1,23,456 INR", 12],
)
def test_parse_refuses_ambiguous_or_malformed_text(text: object) -> None:
    """Comma decimals, exponents, NaN and missing codes are refused, not guessed."""
    with pytest.raises(InvalidValueError):
        Money.parse(text)  # type: ignore[arg-type]


def test_of_refuses_floats_and_bounds_digits() -> None:
    """Floats are refused; absurd magnitudes and precisions are refused with the reason."""
    with pytest.raises(InvalidValueError, match="floats cannot hold"):
        Money.of(0.1, "USD")  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="digits before the decimal point"):
        Money.of("1" + "0" * 40, "USD")
    with pytest.raises(InvalidValueError, match="digits after the decimal point"):
        Money.of("0." + "1" * 30, "USD")
    with pytest.raises(InvalidValueError, match="finite"):
        Money(Decimal("Infinity"), Currency("USD"))
    with pytest.raises(InvalidValueError, match="must be a Decimal"):
        Money(1, Currency("USD"))  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError):
        Money.of([1], "USD")  # type: ignore[arg-type]


def test_arithmetic_within_one_currency() -> None:
    """Addition, subtraction, negation and integer products are exact."""
    a, b = Money.parse("0.10 USD"), Money.parse("0.20 USD")
    assert a + b == Money.parse("0.30 USD")
    assert b - a == Money.parse("0.10 USD")
    assert -a == Money.parse("-0.10 USD")
    assert abs(-a) == a
    assert a * 3 == Money.parse("0.30 USD") == 3 * a
    assert a * Decimal("1.5") == Money.parse("0.150 USD")
    assert b / a == Fraction(2)
    assert a < b
    assert b > a
    assert a <= a
    assert a >= a
    assert not Money.zero("USD")
    assert bool(a)


def test_mixing_currencies_is_an_error() -> None:
    """Adding, subtracting, dividing or comparing across currencies names both amounts."""
    rub, cny = Money.parse("1 RUB"), Money.parse("1 CNY")
    for op in (lambda: rub + cny, lambda: rub - cny, lambda: rub / cny, lambda: rub < cny):
        with pytest.raises(CurrencyMismatchError, match="currencies differ"):
            op()
    with pytest.raises(TypeError):
        _ = rub < 1  # type: ignore[operator]
    with pytest.raises(InvalidValueError, match="by zero"):
        _ = rub / Money.zero("RUB")


def test_unsupported_operands_are_type_errors() -> None:
    """Money does not multiply by floats or add numbers: Python raises TypeError."""
    m = Money.parse("1 USD")
    with pytest.raises(TypeError):
        _ = m * 0.5  # type: ignore[operator]
    with pytest.raises(TypeError):
        _ = m + 1  # type: ignore[operator]
    with pytest.raises(TypeError):
        _ = m - 1  # type: ignore[operator]
    with pytest.raises(TypeError):
        _ = m / 2  # type: ignore[operator]


def test_rounding_is_explicit_and_named() -> None:
    """round() goes to minor units with the mode asked for; minor_units needs a rounded amount."""
    m = Money.parse("2.665 USD")
    assert not m.is_rounded
    assert m.round() == Money.parse("2.66 USD")
    assert m.round(decimal.ROUND_HALF_UP) == Money.parse("2.67 USD")
    assert m.round(decimal.ROUND_DOWN) == Money.parse("2.66 USD")
    assert Money.parse("-2.665 USD").round(decimal.ROUND_FLOOR) == Money.parse("-2.67 USD")
    assert Money.parse("0.5 JPY").round() == Money.parse("0 JPY")
    assert Money.parse("1.5 JPY").round() == Money.parse("2 JPY")
    with pytest.raises(InvalidValueError, match="round it first"):
        _ = m.minor_units
    assert Money.parse("2.66 USD").minor_units == 266
    with pytest.raises(InvalidValueError, match="rounding mode"):
        m.round("ROUND_SIDEWAYS")


def test_scale_rounds_the_exact_product_once() -> None:
    """Money.scale multiplies exactly by a fraction or share and rounds once, at that step."""
    assert Money.parse("100.00 USD").scale(Share.parse("1/3")) == Money.parse("33.33 USD")
    assert Money.parse("100.00 USD").scale(Fraction(2, 3)) == Money.parse("66.67 USD")
    assert Money.parse("1.000 KWD").scale(Decimal("0.0005")) == Money.parse("0.000 KWD")
    with pytest.raises(InvalidValueError, match="floats are not exact"):
        Money.parse("1 USD").scale(0.5)  # type: ignore[arg-type]


def test_minor_units_round_trip() -> None:
    """from_minor_units and minor_units are inverses; non-int units are refused."""
    assert Money.from_minor_units(-5, "KWD") == Money.parse("-0.005 KWD")
    with pytest.raises(InvalidValueError):
        Money.from_minor_units(1.0, "USD")  # type: ignore[arg-type]


def test_str_and_repr() -> None:
    """Money's str is 'amount CODE' without exponent notation; repr rebuilds the value."""
    m = Money(Decimal("1E+3"), Currency("USD"))
    assert str(m) == "1000 USD"
    assert eval(repr(m), {"Money": Money}) == m


def test_allocate_documented_example() -> None:
    """100.00 split 1:1:1 is 33.34 + 33.33 + 33.33 (the extra cent goes to the first)."""
    parts = allocate(Money.parse("100.00 USD"), [1, 1, 1])
    assert [str(p) for p in parts] == ["33.34 USD", "33.33 USD", "33.33 USD"]


def test_allocate_largest_remainder() -> None:
    """Units left over go to the largest remainders, not to the first weights."""
    # 1.00 by 1:2:2 -> quotas 20, 40, 40 cents: exact.
    assert [p.minor_units for p in allocate(Money.parse("1.00 EUR"), [1, 2, 2])] == [20, 40, 40]
    # 0.10 by 3:3:4 -> quotas 3, 3, 4 cents exactly.
    # 0.11 by 1:1:8 -> quotas 1.1, 1.1, 8.8 -> floors 1,1,8 (10), one left -> largest remainder 0.8.
    assert [p.minor_units for p in allocate(Money.parse("0.11 EUR"), [1, 1, 8])] == [1, 1, 9]
    # Zero weights get nothing; negative totals mirror positive ones: quotas 33.3, 66.6
    # -> floors 33, 66, the one cent left goes to the larger remainder (0.67).
    assert [p.minor_units for p in allocate(Money.parse("-1.00 EUR"), [0, 1, 2])] == [0, -33, -67]
    assert allocate(Money.parse("5 JPY"), [Share.parse("1/3"), Decimal("0.5")]) == (
        Money.parse("2 JPY"), Money.parse("3 JPY"))


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ([], "at least one weight"),
        ([1, -1], "negative"),
        ([0, 0], "all zero"),
        ([0.5], "floats are not exact"),
        (["1"], "must be a number"),
        ([True], "floats are not exact|exact"),
    ],
)
def test_allocate_refuses_bad_weights(weights: list[object], message: str) -> None:
    """Empty, negative, all-zero or inexact weights are refused with the reason."""
    with pytest.raises(InvalidValueError, match=message):
        allocate(Money.parse("1.00 USD"), weights)


def test_allocate_needs_a_rounded_total() -> None:
    """A total with sub-minor-unit digits must be rounded at a named step first."""
    with pytest.raises(InvalidValueError, match="round it first"):
        allocate(Money.parse("1.005 USD"), [1, 1])
    with pytest.raises(InvalidValueError, match="total must be Money"):
        allocate(Decimal(1), [1])  # type: ignore[arg-type]


@given(
    total=moneys(min_units=-(10**12), max_units=10**12),
    weights=st.lists(
        st.one_of(st.integers(0, 10**6), st.fractions(0, 1000).filter(lambda f: f >= 0)),
        min_size=1,
        max_size=12,
    ).filter(lambda ws: any(ws)),
)
def test_allocate_conserves_and_is_fair(total: Money, weights: list[object]) -> None:
    """Parts always sum to the total exactly, and each is within one minor unit of its quota."""
    parts = allocate(total, weights)
    assert len(parts) == len(weights)
    assert sum((p.minor_units for p in parts), 0) == total.minor_units
    wsum = sum(Fraction(w) for w in weights)  # type: ignore[arg-type]
    for part, w in zip(parts, weights, strict=True):
        quota = Fraction(total.minor_units) * Fraction(w) / wsum  # type: ignore[arg-type]
        assert abs(part.minor_units - quota) < 1
        assert part.currency == total.currency
        if w == 0:
            assert part.minor_units == 0


@given(total=moneys(min_units=0, max_units=10**9), n=st.integers(1, 20))
def test_allocate_equal_weights_is_deterministic(total: Money, n: int) -> None:
    """Equal weights: parts differ by at most one unit, the larger ones first."""
    units = [p.minor_units for p in allocate(total, [1] * n)]
    assert units == sorted(units, reverse=True)
    assert max(units) - min(units) <= 1
    assert allocate(total, [1] * n) == allocate(total, [1] * n)


@given(a=moneys("USD"), b=moneys("USD"), c=moneys("USD"))
def test_addition_is_exact_and_associative(a: Money, b: Money, c: Money) -> None:
    """Money addition is associative and commutative (no rounding ever happens)."""
    assert (a + b) + c == a + (b + c)
    assert a + b == b + a
    assert (a + b) - b == a


@given(m=moneys(rounded=False), cur=currencies())
def test_rounded_amounts_are_whole_minor_units(m: Money, cur: object) -> None:
    """round() always yields whole minor units within half a unit of the original."""
    r = m.round()
    assert r.is_rounded
    assert abs(Fraction(r.amount) - Fraction(m.amount)) <= Fraction(1, 2 * 10**m.currency.exponent)


# --- mutation-testing hardening (issue 7): exact messages, boundaries, rounding modes ---


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: Currency("US"), "unknown currency 'US': expected a three-letter ISO 4217 code"),
        (lambda: Currency("XAU"), "currency XAU (Gold) has no minor unit in ISO 4217 and cannot "
                                  "express an amount of money"),
        (lambda: Money(1, Currency("USD")),
         "amount must be a Decimal, got int 1; use Money.of() or Money.parse() to build one "
         "from other input"),
        (lambda: Money.of(0.1, "USD"), "amount must be exact (Decimal, int or str), got float 0.1; "
                                       "floats cannot hold amounts of money exactly"),
        (lambda: Money.of("1,5", "USD"), "not an amount: '1,5'"),
        (lambda: Money.of(True, "USD"), "amount must be a Decimal, int or str, got True "
                                        "(true or false)"),
        (lambda: Money.of([1], "USD"), "amount must be a Decimal, int or str, got [1]"),
        (lambda: Money.of("0." + "1" * 19, "USD"), "amount has 19 digits after the decimal point"),
        (lambda: Money.of(Decimal("1E+35"), "USD"),
         "amount has 36 digits before the decimal point"),
        (lambda: Money.parse(12), "an amount of money must be text, got 12"),
        (lambda: Money.parse("12 EURO"), "not an amount of money: '12 EURO' (expected e.g. "
                                         "'1 250 000.50 RUB')"),
        (lambda: Money.from_minor_units(1.0, "USD"), "minor units must be an int, got 1.0"),
        (lambda: Money.parse("1 USD").scale(0.5), "factor must be exact"),
        (lambda: Money.parse("1 USD").scale("x"), "factor must be a number, got str"),
        (lambda: allocate(Decimal(1), [1]), "total must be Money, got Decimal('1')"),
        (lambda: allocate(Money.parse("1.00 USD"), [1, 0.5]),
         "weight 1 must be exact (int, Decimal, Fraction or Share), got float 0.5"),
        (lambda: allocate(Money.parse("1.00 USD"), []), "allocate needs at least one weight"),
        (lambda: allocate(Money.parse("1.00 USD"), [0, 0]),
         "weights are all zero; nothing to split by"),
    ],
)
def test_refusals_say_exactly_what_was_wrong(call: object, message: str) -> None:
    """Each refusal names the offending input (quoted) and the rule it broke."""
    with pytest.raises(InvalidValueError) as info:
        call()  # type: ignore[operator]
    assert str(info.value).startswith(message), str(info.value)


def test_digit_limits_are_inclusive() -> None:
    """Exactly 18 digits after and 30 before the point are allowed; a large exponent counts."""
    assert Money.of("0." + "1" * 18, "USD").amount == Decimal("0." + "1" * 18)
    assert Money.of("9" * 30, "USD").amount == Decimal("9" * 30)
    assert Money.of(Decimal("1E+29"), "USD").amount == Decimal("1E+29")
    with pytest.raises(InvalidValueError, match="31 digits before"):
        Money.of(Decimal("1E+30"), "USD")


def test_of_accepts_every_exact_type() -> None:
    """int, Decimal and str all build the same amount."""
    assert Money.of(1500, "CNY") == Money.of(Decimal(1500), "CNY") == Money.of("1 500", "CNY")
    assert Money.of(Decimal("-2.5"), Currency("USD")).amount == Decimal("-2.5")


@pytest.mark.parametrize(("verb", "op"), [("add", "__add__"), ("subtract", "__sub__"),
                                          ("divide", "__truediv__"), ("compare", "__lt__")])
def test_currency_mismatch_names_the_operation(verb: str, op: str) -> None:
    """The mismatch message says which operation failed and on which amounts."""
    with pytest.raises(CurrencyMismatchError) as info:
        getattr(Money.parse("1 RUB"), op)(Money.parse("2 CNY"))
    assert str(info.value) == (f"cannot {verb} 1 RUB and 2 CNY: currencies differ (RUB, CNY); "
                               "convert one first")


def test_comparisons_are_strict_where_they_should_be() -> None:
    """< and > are strict, <= and >= are not; comparing with a non-Money names its type."""
    a = Money.parse("1.00 USD")
    assert not a < a
    assert not a > a
    assert a <= a
    assert a >= a
    with pytest.raises(TypeError, match="cannot compare Money with int"):
        _ = a < 1  # type: ignore[operator]


_MODES = (decimal.ROUND_HALF_EVEN, decimal.ROUND_HALF_UP, decimal.ROUND_HALF_DOWN, decimal.ROUND_UP,
          decimal.ROUND_DOWN, decimal.ROUND_CEILING, decimal.ROUND_FLOOR)


@pytest.mark.parametrize("mode", _MODES)
@given(units=st.integers(-(10**9), 10**9), places=st.integers(0, 5))
def test_round_agrees_with_decimal_quantize(mode: str, units: int, places: int) -> None:
    """Every named rounding mode rounds exactly as decimal.quantize does, for any sign."""
    amount = Decimal(units).scaleb(-places)
    expected = amount.quantize(Decimal("0.01"), rounding=mode)
    assert Money.of(amount, "USD").round(mode).amount == expected
    assert Money.of(amount, "USD").scale(1, mode).amount == expected


@pytest.mark.parametrize("text", ["-0.50 JPY", "0.50 JPY", "-1.50 JPY", "2.00 JPY", "-2.00 JPY"])
def test_round_halves_and_whole_amounts(text: str) -> None:
    """Halves go the documented way in each mode; whole amounts never move."""
    m = Money.parse(text)
    for mode in _MODES:
        assert m.round(mode).amount == m.amount.quantize(Decimal(1), rounding=mode), mode


def test_allocate_gives_leftovers_by_remainder_not_by_quota() -> None:
    """10 units by 19:52:29 -> quotas 1.9, 5.2, 2.9: the two .9 remainders get the extra units."""
    parts = allocate(Money.parse("0.10 EUR"), [19, 52, 29])
    assert [p.minor_units for p in parts] == [2, 5, 3]


@given(
    total=moneys(min_units=-(10**9), max_units=10**9),
    weights=st.lists(st.integers(0, 1000), min_size=1, max_size=8).filter(any),
)
def test_allocate_extra_units_go_to_the_largest_remainders(
    total: Money, weights: list[int]
) -> None:
    """A part that got an extra unit had a remainder at least as large as any that did not."""
    units = abs(total.minor_units)
    quotas = [Fraction(units * w, sum(weights)) for w in weights]
    parts = [abs(p.minor_units) for p in allocate(total, weights)]
    bumped = [q - int(q) for q, p in zip(quotas, parts, strict=True) if p > int(q)]
    kept = [q - int(q) for q, p in zip(quotas, parts, strict=True) if p == int(q) and q != int(q)]
    if bumped and kept:
        assert min(bumped) >= max(kept)


# -- the currency cache and the canonical reading of amounts ---------------------------------


def test_currencies_read_from_text_are_shared_and_the_cache_is_bounded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The same text gives the same Currency object; at most _MAX_CACHED texts are kept."""
    from coprod import money

    cache: dict[str, Currency] = {}
    monkeypatch.setattr(money, "_CURRENCIES", cache)
    eur = money._to_currency("EUR")
    assert money._to_currency("EUR") is eur
    assert cache == {"EUR": eur}
    assert money._to_currency(eur) is eur  # a Currency passes through, uncached
    assert cache == {"EUR": eur}
    # Every spelling is its own key (" eur" is EUR too), up to the bound and no further.
    for n in range(money._MAX_CACHED + 10):
        assert money._to_currency(" " * n + "eur") == eur
    assert len(cache) == money._MAX_CACHED == 1024
    assert " " * (money._MAX_CACHED + 5) + "eur" not in cache


def test_refused_currencies_and_other_types_are_not_cached(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Only currencies that exist are kept, and only when read from plain text."""
    from coprod import money

    class Code(str):
        pass

    cache: dict[str, Currency] = {}
    monkeypatch.setattr(money, "_CURRENCIES", cache)
    with pytest.raises(InvalidValueError, match="unknown currency 'XYZ'"):
        money._to_currency("XYZ")
    assert money._to_currency(Code("USD")) == Currency("USD")
    with pytest.raises(InvalidValueError, match="unknown currency"):
        money._to_currency(12)  # type: ignore[arg-type]
    assert cache == {}


@pytest.mark.parametrize("text", [
    "1250000.50 RUB", "-3 USD", "0.000 KWD", "1 JPY", "12.345678901234567890 USD",
    "9" * 30 + " USD", "9" * 31 + " USD", "1." + "1" * 18 + " EUR", "1." + "1" * 19 + " EUR",
    "1 250 000.50 RUB", "RUB 1250000.50", "+5 USD", "5 usd", "5  USD", " 5 USD", "5 XYZ",
    "1,250,000.50 RUB", "1e3 USD", "-0 USD",
])
def test_canonical_reading_is_the_general_reading(text: str) -> None:
    """Amounts in the form coprod writes take a short cut that reads exactly as the rest."""
    from coprod import money

    def general(t: str) -> Money:
        match = money._MONEY_RE.match(t)
        if match is None:
            raise InvalidValueError(f"not an amount of money: {t!r}")
        number = match["n1"] if match["n1"] is not None else match["n2"]
        return Money.of(number, match["pre"] or match["post"])

    def outcome(read: object) -> tuple[str, object]:
        try:
            value = read(text)  # type: ignore[operator]
        except InvalidValueError as exc:
            return "refused", str(exc).split(":")[0]
        return "read", (value.amount.as_tuple(), value.currency)

    assert outcome(Money.parse) == outcome(general)


def _digit_problem_by_definition(value: Decimal) -> str | None:
    """What check_decimal must say, from the digits and exponent as Decimal stores them."""
    from coprod._exact import MAX_FRACTION_DIGITS, MAX_INTEGER_DIGITS

    _sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    if max(0, -exponent) > MAX_FRACTION_DIGITS:
        return f"{max(0, -exponent)} digits after the decimal point"
    if max(0, len(digits) + exponent) > MAX_INTEGER_DIGITS:
        return f"{len(digits) + exponent} digits before the decimal point"
    return None


@given(
    st.one_of(
        st.decimals(allow_nan=False, allow_infinity=False),
        st.builds(lambda c, e: Decimal(c).scaleb(e), st.integers(-(10**40), 10**40),
                  st.integers(-40, 40)),
    )
)
def test_digit_bounds_count_the_digits_decimal_stores(value: Decimal) -> None:
    """The printed-form count behind check_decimal agrees with Decimal's own digits."""
    from coprod._exact import check_decimal

    expected = _digit_problem_by_definition(value)
    if expected is None:
        assert check_decimal(value) is value
    else:
        with pytest.raises(InvalidValueError, match=expected):
            check_decimal(value)


@given(
    st.one_of(
        st.decimals(allow_nan=False, allow_infinity=False),
        st.builds(lambda c, e: Decimal(c).scaleb(e), st.integers(-(10**20), 10**20),
                  st.integers(-20, 12)),
    ).filter(lambda d: max(0, -d.as_tuple().exponent) <= 18 and d.adjusted() < 30),
    currencies(),
)
def test_money_text_is_plain_notation(amount: Decimal, currency: Currency) -> None:
    """An amount is written in plain notation, with every digit it has (as format "f")."""
    money = Money(amount, currency)
    assert str(money) == f"{amount:f} {currency.code}"
    assert Money.parse(str(money)) == money


@given(st.integers(-(10**32) + 1, 10**32 - 1), st.sampled_from(["USD", "JPY", "KWD"]))
def test_the_widest_amounts_stay_exact(units: int, code: str) -> None:
    """Amounts up to the 30 integer digits Money accepts keep every digit.

    Through minor units, negation, absolute value and the waterfall's columns: Python's
    default decimal context keeps 28 digits and would round silently.
    """
    from coprod.waterfall._render import _amount

    currency = Currency(code)
    if len(str(abs(units))) - currency.exponent > 30:
        return  # beyond the digits an amount may have
    m = Money.from_minor_units(units, currency)
    assert m.minor_units == units
    assert (-m).minor_units == -units
    assert abs(m).minor_units == abs(units)
    assert Decimal(_amount(m).replace(" ", "")) == m.amount


@given(st.integers(-10**20, 10**20), st.integers(0, 6), st.integers(0, 4),
       st.sampled_from(["USD", "JPY", "KWD"]))
def test_equal_amounts_are_written_alike(units: int, places: int, extra: int, code: str) -> None:
    """Equal amounts give one text (files can be hashed); the text reads back equal.

    ``1 USD``, ``1.00 USD`` and ``1.000 USD`` are equal and were written three ways.
    """
    amount = Decimal(units).scaleb(-places)
    money = Money(amount, Currency(code))
    padded = Money(amount.quantize(Decimal(1).scaleb(-(places + extra))), Currency(code))
    assert padded == money
    assert padded.canonical() == money.canonical()
    assert Money.parse(money.canonical()) == money
    digits = money.canonical().split()[0].lstrip("-").partition(".")[2]
    assert len(digits) >= Currency(code).exponent


@pytest.mark.parametrize(("amount", "code", "text"), [
    ("1E+3", "USD", "1000.00 USD"),       # an exponent is spelt out
    ("1.5E-7", "USD", "0.00000015 USD"),
    ("-0.00", "USD", "0.00 USD"),         # zero has no sign, whatever its exponent
    ("-0", "JPY", "0 JPY"),
    ("0E-7", "KWD", "0.000 KWD"),
    ("-1.5", "USD", "-1.50 USD"),         # other amounts keep theirs
    ("1.2300", "USD", "1.23 USD"),        # zeros past the minor unit go
    ("1.2340", "USD", "1.234 USD"),       # digits past it stay
    ("1200.50", "JPY", "1200.5 JPY"),
    ("1200", "JPY", "1200 JPY"),
    ("7", "KWD", "7.000 KWD"),
])
def test_canonical_text(amount: str, code: str, text: str) -> None:
    """The one text of an amount, spelt out digit by digit."""
    assert Money(Decimal(amount), Currency(code)).canonical() == text


def test_a_currency_knows_its_exponent_once_built_and_still_compares_by_code() -> None:
    """The exponent is looked up once; currencies still compare and hash by code alone."""
    import pickle

    import attrs

    usd = Currency("usd")
    assert usd.exponent == 2
    assert attrs.evolve(usd, code="JPY").exponent == 0
    assert pickle.loads(pickle.dumps(usd)).exponent == 2
    assert usd == Currency("USD")
    assert hash(usd) == hash(Currency("USD"))
    assert repr(usd) == "Currency(code='USD')"


def test_limits_are_refused_with_exact_figures() -> None:
    """The refusals of amounts beyond the limits give the exact count of digits.

    An amount of minor units past what the exact context holds was described by a float
    estimate of its digits (a 53-digit amount could be called 52-digit); plain-notation
    amounts with too many digits after the point are counted too.
    """
    from coprod._exact import EXACT, MAX_FRACTION_DIGITS

    for units in (10 ** EXACT.prec + 1, -(10 ** (EXACT.prec + 5)) - 7, 2 ** 300):
        with pytest.raises(InvalidValueError) as caught:
            Money.from_minor_units(units, "USD")
        assert str(caught.value) == (f"{len(str(abs(units)))}-digit amount of minor units is "
                                     "beyond the digits an amount may have")
    tiny = Decimal("0." + "0" * MAX_FRACTION_DIGITS + "1")
    assert "E" not in str(Decimal("0.1") + tiny)  # plain notation, counted on the text
    with pytest.raises(InvalidValueError, match=(
            f"amount has {MAX_FRACTION_DIGITS + 1} digits after the decimal point; at most "
            f"{MAX_FRACTION_DIGITS} are allowed")):
        Money(Decimal("0.1") + tiny, Currency("USD"))


@given(st.one_of(st.integers(-(10**120), 10**120),
                 st.builds(lambda k, d: 10**k + d, st.integers(0, 400), st.integers(-1, 1))))
def test_digit_count_is_exact(n: int) -> None:
    """The count of decimal digits, got from the bit length, is that of the written number."""
    from coprod.money import _digit_count

    assert _digit_count(n) == len(str(abs(n)))
