"""The waterfall refuses bad input in words, and its check agrees with its engine.

Found by an audit: the check called a tier below a residual split of less than 100 %
unreachable although the engine pays it; wrong types escaped as ``AttributeError`` or
``TypeError`` from deep inside; enum values given as text were refused with a message that
listed them; float weights were taken. Each test says which.
"""

from __future__ import annotations

import datetime
import pickle
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pendulum
import pytest

from coprod import Country, Currency, InvalidValueError, Money, Organisation, Share
from coprod.agreements import ExchangeRate
from coprod.waterfall import (
    BackendTier,
    Base,
    CorridorTier,
    DayCount,
    FeeTier,
    Frequency,
    PaidToDate,
    Participation,
    Period,
    Pool,
    Position,
    RateTable,
    Receipt,
    ReceiptBasis,
    ReceiptLedger,
    RecoupmentTier,
    ResidualSplit,
    Route,
    SimpleInterest,
    Waterfall,
    WaterfallState,
    aggregate,
    apportion,
    check,
    contribution_weights,
    distribute,
    load_rates,
    load_receipts,
    period_of,
    read_rates_csv,
    read_receipts_csv,
    render_text,
    statements,
    to_data,
)
from coprod.waterfall.plot import plot_distribution

USD = Currency("USD")
DAY = pendulum.Date(2025, 1, 15)


def usd(text: str) -> Money:
    return Money.of(text, "USD")


def party(pid: str) -> Organisation:
    return Organisation(id=pid, name=pid.upper(), country=Country("GB"))


def split(tier_id: str, *shares: tuple[str, str], cap: Money | None = None) -> ResidualSplit:
    return ResidualSplit(id=tier_id, cap=cap, participations=tuple(
        Participation(payee=p, share=Share.parse(s)) for p, s in shares))


def waterfall(*tiers: Any) -> Waterfall:
    return Waterfall(id="w", title="W", currency=USD, parties=(party("a"), party("b")),
                     routes=(Route(pool="p"),), pools=(Pool(id="p", tiers=tiers),))


def receipt(amount: str = "100.00", day: pendulum.Date = DAY) -> Receipt:
    return Receipt(amount=usd(amount), date=day)


def codes(wf: Waterfall) -> list[str]:
    return [f.code for f in check(wf).findings]


# -- the check agrees with the engine ---------------------------------------------------------


def test_a_split_below_100_percent_passes_the_rest_on_and_the_check_says_so() -> None:
    """A 50 % split then a 100 % split: the engine pays both, and no tier is "unreachable"."""
    wf = waterfall(split("half", ("a", "50%")), split("rest", ("b", "100%")))
    paid = distribute(wf, [receipt("100.00")]).payouts()
    assert paid == {"a": usd("50.00"), "b": usd("50.00")}
    assert "WF-TIER-UNREACHABLE" not in codes(wf)
    shares = check(wf).with_code("WF-SHARES-TOTAL")[0]
    assert shares.message == (
        "the shares of residual split 'half' add up to 50%, not 100%: the other 50% of what "
        "reaches it passes on to the tiers below it, then stays unallocated at the bottom of "
        "the pool")


def test_a_tier_below_a_split_that_takes_everything_is_unreachable() -> None:
    """Below an uncapped 100 % split (or one by contributions) nothing is ever paid."""
    wf = waterfall(split("all", ("a", "100%")), split("never", ("b", "100%")))
    assert distribute(wf, [receipt("100.00")]).payouts() == {"a": usd("100.00"),
                                                           "b": usd("0.00")}
    found = check(wf).with_code("WF-TIER-UNREACHABLE")
    assert [f.path for f in found] == ["$.pools[0].tiers[1]"]
    assert "after residual split 'all'" in found[0].message
    # a capped split passes on what reaches it beyond the cap: the tier below is paid
    capped = waterfall(split("all", ("a", "100%"), cap=usd("10.00")),
                       split("rest", ("b", "100%")))
    assert distribute(capped, [receipt("100.00")]).payouts()["b"] == usd("90.00")
    assert "WF-TIER-UNREACHABLE" not in codes(capped)


def test_a_pool_ending_in_a_split_below_100_percent_leaves_the_rest_unallocated() -> None:
    """What a 90 % split passes on stays at the bottom of a pool that flows nowhere."""
    wf = waterfall(split("net", ("a", "90%")))
    d = distribute(wf, [receipt("100.00")])
    assert d.unallocated() == usd("10.00")
    assert "WF-POOL-UNALLOCATED" in codes(wf)
    assert "WF-POOL-UNALLOCATED" not in codes(waterfall(split("net", ("a", "100%"))))


def test_a_residual_cap_limits_what_the_split_takes_in_before_its_shares() -> None:
    """Cap 100.00, a 50 %, 1 000.00 received: a is paid 50.00; the other 950.00 passes on."""
    wf = waterfall(split("first", ("a", "50%"), cap=usd("100.00")), split("rest", ("b", "100%")))
    d = distribute(wf, [receipt("1000.00")])
    assert d.payouts() == {"a": usd("50.00"), "b": usd("950.00")}
    assert d.by_tier() == {"first": usd("50.00"), "rest": usd("950.00")}
    doc = ResidualSplit.__doc__ or ""
    assert "before* the shares are" in doc
    assert "unallocated in the pool" not in doc


# -- enum values as text ----------------------------------------------------------------------


def test_enum_values_given_as_text_become_members() -> None:
    """``basis="net"``, ``base="tier-input"``, ``day_count="act/360"`` are read, not refused."""
    assert Receipt(amount=usd("1.00"), date=DAY, basis="net").basis is ReceiptBasis.NET
    fee = FeeTier(id="f", payee="a", rate=Share.parse("1%"), base="tier-input")
    assert fee.base is Base.TIER_INPUT
    corridor = CorridorTier(id="c", payee="a", rate=Share.parse("1%"), lower=usd("1.00"),
                            base="tier-input")
    assert corridor.base is Base.TIER_INPUT
    backend = BackendTier(id="b", payee="a", share=Share.parse("1%"), base="pool-receipts")
    assert backend.base is Base.POOL_RECEIPTS
    interest = SimpleInterest(rate=Share.parse("5%"), start=DAY, day_count="act/360")
    assert interest.day_count is DayCount.ACT_360
    assert period_of(DAY, "month").label == "2025-01"
    assert Waterfall(id="w", title="W", currency="USD").currency == USD


@pytest.mark.parametrize(("make", "message"), [
    (lambda: Receipt(amount=usd("1.00"), date=DAY, basis="nett"),
     "basis must be one of 'gross', 'net', got 'nett'"),
    (lambda: FeeTier(id="f", payee="a", rate=Share.parse("1%"), base="gross"),
     "base must be one of 'pool-receipts', 'tier-input', got 'gross'"),
    (lambda: SimpleInterest(rate=Share.parse("5%"), start=DAY, day_count="30/360"),
     "day_count must be one of 'act/365-fixed', 'act/360', got '30/360'"),
    (lambda: period_of(DAY, "week"), "frequency must be one of 'month', 'quarter', 'year'"),
    (lambda: statements(waterfall(), [], frequency="week"),
     "frequency must be one of 'month', 'quarter', 'year', got 'week'"),
])
def test_other_text_is_refused_listing_the_values(make: Callable[[], Any], message: str) -> None:
    """A value that is not one of the enum's is refused with the values it could be."""
    with pytest.raises(InvalidValueError) as info:
        make()
    assert str(info.value).startswith(message), str(info.value)


# -- countries as codes -----------------------------------------------------------------------


def test_territories_given_as_codes_are_countries() -> None:
    """``Route(territories=("RU",))`` matches a Russian receipt; a bad code names the field."""
    route = Route(pool="p", territories=("RU",), except_territories=[])
    assert route.territories == (Country("RU"),)
    russian = Receipt(amount=usd("1.00"), date=DAY, territory="RU")
    assert russian.territory == Country("RU")
    assert route.matches(russian)
    assert not Route(pool="p", except_territories=["RU"]).matches(russian)
    with pytest.raises(InvalidValueError, match=r"^territories: unknown country 'XX'") as info:
        Route(pool="p", territories=("XX",))
    assert info.value.field == "territories"
    with pytest.raises(InvalidValueError, match=r"^receipt must be a Receipt, got 'x'"):
        route.matches("x")  # type: ignore[arg-type]


# -- wrong types ------------------------------------------------------------------------------

WF = waterfall(split("net", ("a", "100%")))
RECEIPTS = [receipt()]


@pytest.mark.parametrize(("make", "message"), [
    (lambda: Waterfall(id="w", title="W", currency=USD, pools=(Pool(id="p", tiers=("x",)),)),
     "tiers[0] must be a tier (FeeTier, "),
    (lambda: Waterfall(id="w", title="W", currency=USD, routes=("p",)),
     "routes[0] must be a Route, got 'p'"),
    (lambda: Waterfall(id="w", title="W", currency=USD, pools=("p",)),
     "pools[0] must be a Pool, got 'p'"),
    (lambda: Waterfall(id="w", title="W", currency=USD, parties=("a",)),
     "parties[0] must be an Organisation or a Person, got 'a'"),
    (lambda: RecoupmentTier(id="r", positions=("a", "b"),
                            interest=SimpleInterest(rate=Share.parse("5%"), start=DAY)),
     "positions[0] must be a Position, got 'a'"),
    (lambda: ResidualSplit(id="r", participations=("a",)),
     "participations[0] must be a Participation, got 'a'"),
    (lambda: ReceiptLedger(receipts=["x"]), "receipts[0] must be a Receipt, got 'x'"),
    (lambda: Route(pool="p", media=("tv", 3)), "media[1] must be "),
    (lambda: Receipt(amount=usd("1.00"), date=DAY, medium=5), "medium must be "),
    (lambda: RateTable(rates=("x",)), "rates[0] must be an ExchangeRate, got 'x'"),
    (lambda: RateTable().convert("1 USD", USD, DAY),  # type: ignore[arg-type]
     "amount must be an amount of money (a Money), got '1 USD'; read text with Money.parse"),
    (lambda: RateTable().lookup(USD, 5, DAY),  # type: ignore[arg-type]
     "quote must be a Currency or an ISO 4217 code"),
    (lambda: RateTable().lookup(USD, Currency("JPY"), "2025-01-01"),  # type: ignore[arg-type]
     "on must be a date, got '2025-01-01'"),
    (lambda: distribute(WF, receipt()),  # type: ignore[arg-type]
     "receipts must be a list of Receipt objects, got one Receipt; to pass one, write "
     "[receipt]"),
    (lambda: distribute(WF, None),  # type: ignore[arg-type]
     "receipts must be a list of Receipt objects, got None"),
    (lambda: distribute("x", []), "waterfall must be a Waterfall, got 'x'"),  # type: ignore[arg-type]
    (lambda: distribute(WF, RECEIPTS, state="x"),  # type: ignore[arg-type]
     "state must be a WaterfallState or None, got 'x'"),
    (lambda: distribute(WF, RECEIPTS, rates="x"),  # type: ignore[arg-type]
     "rates must be a RateTable or None, got 'x'"),
    (lambda: distribute(WF, RECEIPTS, period="2025"),  # type: ignore[arg-type]
     "period must be a Period or None, got '2025'"),
    (lambda: distribute(WF, RECEIPTS, agreement="deal.yaml"),  # type: ignore[arg-type]
     "agreement must be a CoProductionAgreement or None, got 'deal.yaml'"),
    (lambda: statements(WF, ["x"]), "expected a Receipt, got str"),  # type: ignore[list-item]
    (lambda: statements(WF, RECEIPTS, through="2025-12-31"),  # type: ignore[arg-type]
     "through must be a date, got '2025-12-31'"),
    (lambda: statements("x", RECEIPTS), "waterfall must be a Waterfall"),  # type: ignore[arg-type]
    (lambda: period_of("2025-01-01", Frequency.MONTH),  # type: ignore[arg-type]
     "day must be a date"),
    (lambda: check("x"), "waterfall must be a Waterfall, got 'x'"),  # type: ignore[arg-type]
    (lambda: check(WF, "deal"), "agreement must be a CoProductionAgreement or None"),  # type: ignore[arg-type]
    (lambda: apportion("10", [1]), "total must be a whole number of minor units"),  # type: ignore[arg-type]
    (lambda: apportion(10.5, [1, 1]), "total must be a whole number of minor units"),  # type: ignore[arg-type]
    (lambda: apportion(10, [0.1, 0.2]),  # type: ignore[list-item]
     "weights[0] must be exact (int, Fraction or Decimal), got float 0.1; floats cannot hold "
     "weights exactly"),
    (lambda: apportion(10, "12"), "weights must be a list of numbers"),  # type: ignore[arg-type]
    (lambda: apportion(10, [1, "2"]), "weights[1] must be an exact number"),  # type: ignore[list-item]
    (lambda: Period(start=DAY, end=5), "end must be a date, got 5"),  # type: ignore[arg-type]
    (lambda: Period(start="2025-01-01", end="2025-02-01"),  # type: ignore[arg-type]
     "start must be a date, got '2025-01-01'"),
    (lambda: WaterfallState(waterfall="w", fingerprint="f", currency=USD, paid=("x",)),
     "paid[0] must be a PaidToDate, got 'x'"),
    (lambda: WaterfallState(waterfall="w", fingerprint="f", currency=USD, as_of="2025-01-01"),
     "as_of must be a date"),
    (lambda: PaidToDate(tier="t", payee="a", amount="1.00 USD"),  # type: ignore[arg-type]
     "amount must be "),
    (lambda: contribution_weights("x"), "waterfall must be a Waterfall"),  # type: ignore[arg-type]
    (lambda: contribution_weights(WF, "x"),  # type: ignore[arg-type]
     "agreement must be a CoProductionAgreement or None"),
    (lambda: render_text("x"), "dist must be a Distribution, got 'x'"),  # type: ignore[arg-type]
    (lambda: to_data("x"), "dist must be a Distribution, got 'x'"),  # type: ignore[arg-type]
    (lambda: aggregate(WF, None), "batches must be a list of ReceiptColumns"),  # type: ignore[arg-type]
    (lambda: aggregate(WF, ["x"]), "batches[0] must be a ReceiptColumns"),  # type: ignore[list-item]
    (lambda: read_receipts_csv(5), "text must be a str, got 5"),  # type: ignore[arg-type]
    (lambda: read_rates_csv(b"x"), "text must be a str"),  # type: ignore[arg-type]
    (lambda: load_receipts(5), "path must be a str or a PathLike, got 5"),  # type: ignore[arg-type]
    (lambda: load_rates(None), "path must be a str or a PathLike"),  # type: ignore[arg-type]
    (lambda: plot_distribution("x", WF, "c.png"),  # type: ignore[arg-type]
     "statements must be a list of Distribution objects"),
    (lambda: SimpleInterest(rate=Share.parse("5%"), start=DAY).accrued(
        1.5, DAY, DAY),  # type: ignore[arg-type]
     "principal must be an exact number of units"),
    (lambda: SimpleInterest(rate=Share.parse("5%"), start=DAY).accrued(
        Fraction(1), "2025-01-01", DAY),  # type: ignore[arg-type]
     "since must be a date, got '2025-01-01'"),
])
def test_wrong_types_are_refused_in_words(make: Callable[[], Any], message: str) -> None:
    """Each used to escape as an AttributeError, a TypeError or a raw ValueError (or pass)."""
    with pytest.raises(InvalidValueError) as info:
        make()
    assert str(info.value).startswith(message), str(info.value)


def test_exact_numbers_and_plain_dates_are_taken() -> None:
    """Decimal weights, codes for currencies and ``datetime.date`` days are lossless input."""
    assert apportion(10, [Decimal("0.5"), Fraction(1, 2)]) == [5, 5]
    plain = Period(start=datetime.date(2025, 1, 1), end=datetime.date(2025, 3, 31))
    assert plain.label == "2025-Q1"
    assert type(plain.start) is pendulum.Date
    table = RateTable(rates=[ExchangeRate(base=USD, quote=Currency("EUR"),
                                          rate=Decimal("0.5"))])
    assert table.lookup("EUR", "USD", datetime.date(2025, 1, 1))[1] is True
    converted = table.convert(usd("10.00"), "EUR", datetime.date(2025, 1, 1))
    assert converted.converted == Money.of("5.00", "EUR")
    assert type(converted.date) is pendulum.Date
    assert distribute(WF, (r for r in RECEIPTS)).payouts() == {"a": usd("100.00")}


def test_a_receipt_error_is_an_ordinary_invalid_value_error_to_a_program() -> None:
    """The error that tells the command line which receipt is at fault pickles as any other."""
    wf = waterfall(split("net", ("a", "100%")))
    with pytest.raises(InvalidValueError) as info:
        distribute(wf, [Receipt(amount=Money.of("1.00", "EUR"), date=DAY, reference="x-1")])
    assert str(info.value) == (
        "a receipt in EUR (x-1) goes to pool 'p', but no rate table was given to convert it to "
        "USD")
    again = pickle.loads(pickle.dumps(info.value))
    assert isinstance(again, InvalidValueError)
    assert str(again) == str(info.value)
    # no rate in force on the receipt's day: the same error, pointing at the receipt
    table = RateTable(rates=(ExchangeRate(base=Currency("EUR"), quote=USD, rate=Decimal(2),
                                          date=pendulum.Date(2025, 6, 1)),))
    with pytest.raises(InvalidValueError, match=r"^no exchange rate EUR->USD") as info:
        distribute(wf, [Receipt(amount=Money.of("1.00", "EUR"), date=DAY)], rates=table)
    assert getattr(info.value, "receipt", None) is not None


def test_positions_keep_their_validation_order() -> None:
    """A list of positions is still required to hold at least one."""
    with pytest.raises(InvalidValueError, match=r"^positions must list at least one entry"):
        RecoupmentTier(id="r", positions=())
    tier = RecoupmentTier(id="r", positions=[Position(id="x", payee="a", amount=usd("1.00"))])
    assert tier.positions[0].id == "x"


def test_payments_recorded_for_a_tier_or_position_that_is_gone_are_refused_by_name() -> None:
    """A renamed tier or position would pay again what the state says was paid: refused.

    The message names the first orphaned payment, counts the others, and the error points
    at that payment's place in the state file.
    """
    recoup = RecoupmentTier(id="r", positions=(Position(id="x", payee="a", amount=usd("10.00")),))
    before = waterfall(recoup, split("half", ("a", "50%")), split("rest", ("b", "100%")))
    first = distribute(before, [receipt("100.00")], period=period_of(DAY, "month"))
    later = pendulum.Date(2025, 2, 15)

    def refusal(after: Waterfall) -> tuple[str, str | None]:
        with pytest.raises(InvalidValueError) as info:
            distribute(after, [receipt("10.00", later)], first.state,
                       period=period_of(later, "month"))
        return str(info.value), getattr(info.value, "state_path", None)

    tail = (": a renamed tier or a reassigned position would pay it again. Record it in the "
            "state under the tier, payee and position that now carry it")
    renamed = RecoupmentTier(id="r", positions=(Position(id="y", payee="a", amount=usd("10.00")),))
    assert refusal(waterfall(renamed, split("half2", ("a", "50%")), split("rest", ("b", "100%")))
                   ) == ("the state records 10.00 USD already paid to 'a' under tier 'r', "
                         "position 'x', which this waterfall no longer has (and 1 more)" + tail,
                         "$.paid[0]")
    assert refusal(waterfall(recoup, split("half", ("a", "50%")), split("rest2", ("b", "100%")))
                   ) == ("the state records 45.00 USD already paid to 'b' under tier 'rest', "
                         "which this waterfall no longer has" + tail, "$.paid[2]")


def test_totals_in_several_currencies_are_listed_by_currency_code() -> None:
    """Receipts in yen, euros and dollars: the statement lists each total by ISO code."""
    rates = RateTable(rates=(ExchangeRate(base="EUR", quote="USD", rate="1.10", date=DAY),
                             ExchangeRate(base="JPY", quote="USD", rate="0.0070", date=DAY)))
    received = [Receipt(amount=Money.of("1000", "JPY"), date=DAY),
                Receipt(amount=Money.of("10.00", "EUR"), date=DAY), receipt("5.00")]
    result = distribute(waterfall(split("all", ("a", "100%"))), received, rates=rates,
                        period=period_of(DAY, "month"))
    assert [str(m) for m in result.receipts] == ["10.00 EUR", "1000 JPY", "5.00 USD"]
    assert [m.currency.code for m in result.routed] == ["EUR", "JPY", "USD"]
    assert result.payouts() == {"a": usd("23.00")}
