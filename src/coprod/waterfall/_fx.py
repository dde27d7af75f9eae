"""Dated exchange rates supplied by the user, and a record of every conversion.

coprod never fetches a rate: the rate table is part of the input, like the receipts.
A receipt is converted at the most recent rate dated on or before the receipt's date (a
rate with no date applies on any date, after every dated one is considered). A rate
``1 base = rate quote`` also converts ``quote`` to ``base`` by division; the record says
so (``inverted``).

Each conversion is one named rounding step: the exact product is rounded half-even to the
minor unit of the waterfall's currency, and :class:`Conversion` keeps the rate, its date,
the exact value and the rounding difference.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from fractions import Fraction

import attrs
import pendulum

from coprod._exact import round_fraction
from coprod._fields import items_of
from coprod.agreements import ExchangeRate
from coprod.errors import InvalidValueError
from coprod.money import Currency, Money
from coprod.waterfall import _args

__all__ = ["Conversion", "RateTable"]


def _tuple(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


@attrs.frozen(kw_only=True)
class Conversion:
    """One receipt (or one group of receipts) converted to the waterfall's currency.

    Args:
        date: The receipt date.
        source: The amount converted.
        rate: The rate applied (``1 base = rate quote`` as written in the table); its
            ``date`` is None for an undated, agreed rate.
        inverted: True if the table gave the opposite pair and coprod divided by the rate.
        exact: The exact converted value, as a fraction of a unit of the target currency.
        converted: The value rounded half-even to the minor unit.
        reference: The receipt's reference, or a description of the group.
        lines: How many receipt lines this conversion covers.

    .. versionadded:: 0.1.0
    """

    date: pendulum.Date
    source: Money
    rate: ExchangeRate
    inverted: bool = False
    exact: Fraction
    converted: Money
    reference: str | None = None
    lines: int = 1

    @property
    def rounding(self) -> Fraction:
        """Converted minus exact, in units of the target currency (within half a minor unit)."""
        return Fraction(self.converted.amount) - self.exact


def rate_conflicts(rates: Sequence[ExchangeRate]) -> list[tuple[int, int]]:
    """Pairs ``(first, later)`` of indexes of rates that contradict each other.

    Two rates contradict when they convert the same currencies the same way on the same date
    (or are both undated) at different rates: which one applies would depend on their order.

    Example:
        >>> from decimal import Decimal
        >>> usd, rub = Currency("USD"), Currency("RUB")
        >>> day = pendulum.Date(2025, 1, 1)
        >>> rate_conflicts([ExchangeRate(base=usd, quote=rub, rate=Decimal(90), date=day),
        ...                 ExchangeRate(base=usd, quote=rub, rate=Decimal(90), date=day),
        ...                 ExchangeRate(base=usd, quote=rub, rate=Decimal(45), date=day)])
        [(0, 2)]

    .. versionadded:: 0.1.0
    """
    first: dict[tuple[str, str, pendulum.Date | None], int] = {}
    out = []
    for i, r in enumerate(rates):
        j = first.setdefault((r.base.code, r.quote.code, r.date), i)
        if j != i and rates[j].rate != r.rate:
            out.append((j, i))
    return out


@attrs.frozen(kw_only=True)
class RateTable:
    """Exchange rates with their dates, as the user supplies them.

    Args:
        rates: The rates (``ExchangeRate`` entries: base, quote, rate, date, source).

    Raises:
        InvalidValueError: If two rates contradict each other: the same conversion on the
            same date (or both undated) at different rates.

    Example:
        >>> from decimal import Decimal
        >>> table = RateTable(rates=(ExchangeRate(base=Currency("RUB"), quote=Currency("USD"),
        ...     rate=Decimal("0.0110"), date=pendulum.Date(2025, 1, 1), source="CBR"),))
        >>> c = table.convert(Money.parse("1000.55 RUB"), Currency("USD"),
        ...                   pendulum.Date(2025, 1, 20))
        >>> c.converted, c.exact
        (Money.parse('11.01 USD'), Fraction(220121, 20000))

    .. versionadded:: 0.1.0
    """

    rates: tuple[ExchangeRate, ...] = attrs.field(
        default=(), converter=_tuple, validator=items_of(ExchangeRate))
    _index: dict[tuple[str, str], list[tuple[tuple[int, int], ExchangeRate, bool]]] = attrs.field(
        init=False, factory=dict, eq=False, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        for j, i in rate_conflicts(self.rates)[:1]:
            a, b = self.rates[j], self.rates[i]
            day = a.date.isoformat() if a.date is not None else "undated"
            raise InvalidValueError(
                f"rates[{i}] contradicts rates[{j}]: {a.base.code} to {a.quote.code} "
                f"({day}) at {b.rate} and at {a.rate}; keep one", field="rates")

    def _candidates(
        self, base: Currency, quote: Currency
    ) -> list[tuple[tuple[int, int], ExchangeRate, bool]]:
        """Rates for the pair either way, sorted by (date, direct first), built once."""
        key = (base.code, quote.code)
        found = self._index.get(key)
        if found is None:
            found = []
            for r in self.rates:
                if r.base == base and r.quote == quote:
                    inverted = False
                elif r.base == quote and r.quote == base:
                    inverted = True
                else:
                    continue
                order = (r.date.toordinal() if r.date is not None else -1, 0 if inverted else 1)
                found.append((order, r, inverted))
            found.sort(key=lambda item: item[0])
            self._index[key] = found
        return found

    def lookup(
        self, base: Currency, quote: Currency, on: pendulum.Date
    ) -> tuple[ExchangeRate, bool]:
        """The rate in force on *on* for ``base -> quote``, and whether it is inverted.

        The most recent rate dated on or before *on* wins, direct or inverse (a direct rate
        wins a tie); an undated rate is used only when no dated one applies.

        Args:
            base: The currency converted from (a :class:`~coprod.Currency` or its code).
            quote: The currency converted to.
            on: The day.

        Raises:
            InvalidValueError: If no rate applies, or for an argument of the wrong type.
        """
        base, quote, on = _pair(base, quote, on)
        i = self._position(base, quote, on.toordinal())
        if i < 0:
            raise no_rate_error(base, quote, on)
        _, rate, inverted = self._candidates(base, quote)[i]
        return rate, inverted

    def _position(self, base: Currency, quote: Currency, day: int) -> int:
        """Return the index in ``_candidates(base, quote)`` of the rate in force, or -1."""
        # the last candidate dated on or before the day (undated ones sort first)
        return bisect.bisect_right(self._candidates(base, quote), (day, 2), key=_order) - 1

    def convert(
        self,
        amount: Money,
        to: Currency,
        on: pendulum.Date,
        *,
        reference: str | None = None,
        lines: int = 1,
    ) -> Conversion:
        """Convert *amount* at the rate in force on *on*, rounding once, half-even.

        Raises:
            InvalidValueError: If no rate applies, or for an argument of the wrong type.
        """
        amount = _args.money("amount", amount)
        _, to, on = _pair(amount.currency, to, on, names=("amount", "to"))
        rate, inverted = self.lookup(amount.currency, to, on)
        factor = Fraction(rate.rate)
        exact = Fraction(amount.amount) / factor if inverted else Fraction(amount.amount) * factor
        units = round_fraction(exact * 10**to.exponent, "ROUND_HALF_EVEN")
        return Conversion(
            date=on,
            source=amount,
            rate=rate,
            inverted=inverted,
            exact=exact,
            converted=Money.from_minor_units(units, to),
            reference=reference,
            lines=lines,
        )

    def factor(
        self, base: Currency, quote: Currency, on: pendulum.Date
    ) -> tuple[Fraction, ExchangeRate, bool]:
        """The exact multiplier from *base* to *quote* on a date, with the rate behind it.

        Raises:
            InvalidValueError: If no rate applies, or for an argument of the wrong type.
        """
        rate, inverted = self.lookup(base, quote, on)
        f = Fraction(rate.rate)
        return (1 / f if inverted else f), rate, inverted


def _pair(
    base: object, quote: object, on: object, names: tuple[str, str] = ("base", "quote")
) -> tuple[Currency, Currency, pendulum.Date]:
    """The arguments of a look-up, checked: two currencies (or codes) and a day."""
    day: pendulum.Date = on if type(on) is pendulum.Date else _args.date("on", on)
    return (
        base if type(base) is Currency else _args.currency(names[0], base),
        quote if type(quote) is Currency else _args.currency(names[1], quote),
        day,
    )


def _order(item: tuple[tuple[int, int], ExchangeRate, bool]) -> tuple[int, int]:
    return item[0]


def no_rate_error(base: Currency, quote: Currency, on: pendulum.Date) -> InvalidValueError:
    """Return the error for a day on which no rate for the pair is in force."""
    return InvalidValueError(
        f"no exchange rate {base}->{quote} (or {quote}->{base}) dated on or before "
        f"{on.isoformat()} in the rate table"
    )


def check_positive_rates(table: RateTable) -> None:
    """Refuse rates that are not strictly positive (ExchangeRate already does)."""
    for r in table.rates:
        if r.rate <= 0:  # pragma: no cover - ExchangeRate refuses these on construction
            raise InvalidValueError(f"exchange rate {r.base}->{r.quote} must be positive")
