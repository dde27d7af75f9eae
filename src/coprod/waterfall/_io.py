"""Reading receipts and exchange rates from CSV, JSON, YAML or TOML files.

Every problem in a file is reported at once, each with where it is: ``line 7, amount``
for CSV (line 1 is the header), a JSON path such as ``$.receipts[3].date`` for documents.

Receipts CSV columns (header names, any order; only ``date`` and ``amount`` are required):

========== ==================================================================
date       the day received, ``YYYY-MM-DD``
amount     ``1250.00`` with a ``currency`` column, or ``1250.00 RUB``
currency   ISO 4217 code (when ``amount`` has none)
territory  ISO 3166-1 alpha-2 code
medium     ``theatrical``, ``svod``...
source     who paid
basis      ``gross`` (default) or ``net``
net_of     what a net receipt is net of
reference  a line reference carried into the trace
========== ==================================================================

Rates CSV columns: ``date`` (may be empty: a rate for any date), ``base``, ``quote``,
``rate`` (``1 base = rate quote``) and optionally ``source``.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import csv
import functools
import io
import os
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar

import pendulum

from coprod._exact import check_decimal
from coprod.agreements import ExchangeRate
from coprod.errors import CoprodError, DocumentError, InvalidValueError, Problem, quote
from coprod.geo import Country
from coprod.money import Currency, Money
from coprod.terms import parse_date
from coprod.waterfall import _args
from coprod.waterfall._fx import RateTable, rate_conflicts
from coprod.waterfall._model import Receipt, ReceiptBasis, ReceiptLedger

__all__ = ["load_rates", "load_receipts", "read_rates_csv", "read_receipts_csv"]

T = TypeVar("T")

_RECEIPT_COLUMNS = (
    "date", "amount", "currency", "territory", "medium", "source", "basis", "net_of", "reference",
)
_RATE_COLUMNS = ("date", "base", "quote", "rate", "source")
#: A receipts or rates file larger than this is refused (aggregate it first).
MAX_BYTES = 256 * 1024 * 1024
#: Reading stops after this many problems: a file that bad is the wrong file.
MAX_PROBLEMS = 1000


def _rows(
    text: str, columns: tuple[str, ...], required: tuple[str, ...], source: str
) -> tuple[list[tuple[int, dict[str, str]]], list[Problem]]:
    problems: list[Problem] = []
    # strict: a quote left open by a file cut short in transit is an error, not a value.
    reader = csv.reader(io.StringIO(text), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise DocumentError(
            [Problem("line 1", "the file is empty: expected a header line")], source
        ) from None
    except csv.Error as exc:
        raise DocumentError([Problem("line 1", f"not CSV: {exc}")], source) from None
    header = [h.strip().lower().lstrip("\ufeff") for h in header]
    for i, h in enumerate(header):
        if h not in columns:
            problems.append(
                Problem(
                    "line 1", f"unknown column {quote(h)}; expected some of {', '.join(columns)}"
                )
            )
        elif h in header[:i]:
            problems.append(Problem("line 1", f"column {h!r} appears twice"))
    for r in required:
        if r not in header:
            problems.append(Problem("line 1", f"missing column {r!r}"))
    if problems:
        raise DocumentError(_capped(problems, source), source)
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        for values in reader:
            line = reader.line_num
            if not values or all(not v.strip() for v in values):
                continue
            if len(problems) >= MAX_PROBLEMS:
                break
            if len(values) != len(header):
                problems.append(
                    Problem(f"line {line}", f"expected {len(header)} fields, got {len(values)}")
                )
                continue
            rows.append((line, {h: v.strip() for h, v in zip(header, values, strict=True)}))
    except csv.Error as exc:
        problems.append(Problem(f"line {reader.line_num}", f"not CSV: {exc}"))
    return rows, problems


def _field(problems: list[Problem], where: str, parse: Callable[[str], T], value: str) -> T | None:
    try:
        return parse(value)
    except CoprodError as exc:
        problems.append(Problem(where, str(exc)))
    except (ValueError, InvalidOperation) as exc:
        reason = str(exc)  # may quote the value in full: cut it
        reason = reason if len(reason) <= 120 else reason[:119] + "…"
        problems.append(Problem(where, f"{quote(value)}: {reason}"))
    return None


def _basis(text: str) -> ReceiptBasis:
    try:
        return ReceiptBasis(text.lower())
    except ValueError:
        choices = ", ".join(repr(b.value) for b in ReceiptBasis)
        raise InvalidValueError(f"unknown basis {quote(text)}: expected one of {choices}") from None


def _capped(problems: list[Problem], source: str) -> list[Problem]:
    """The problems, the last saying so if reading stopped at MAX_PROBLEMS."""
    if len(problems) < MAX_PROBLEMS:
        return problems
    return [*problems[:MAX_PROBLEMS], Problem(problems[MAX_PROBLEMS - 1].path.split(",")[0],
            f"stopped reading {source} after {MAX_PROBLEMS} problems; fix these first")]


def read_receipts_csv(text: str, source: str = "receipts.csv") -> tuple[Receipt, ...]:
    r"""Read receipts from CSV text (see the module documentation for the columns).

    Raises:
        DocumentError: Listing every problem, each at ``line N, column``.

    Example:
        >>> rs = read_receipts_csv("date,amount,territory\n2025-01-15,1200.50 RUB,RU\n")
        >>> str(rs[0].amount), rs[0].territory.code
        ('1200.50 RUB', 'RU')
    """
    _args.instance("text", text, str)
    _args.instance("source", source, str)
    return _receipts_csv(text, source)[0]


def _receipts_csv(text: str, source: str) -> tuple[tuple[Receipt, ...], tuple[str, ...]]:
    """The receipts of CSV text, and the line each was read from (``line 7``)."""
    rows, problems = _rows(text, _RECEIPT_COLUMNS, ("date", "amount"), source)
    out: list[Receipt] = []
    places: list[str] = []
    for line, row in rows:
        if len(problems) >= MAX_PROBLEMS:
            break
        at = f"line {line}"
        date = _field(problems, f"{at}, date", parse_date, row["date"])
        text_amount = row["amount"]
        cur = row.get("currency") or ""
        amount = _field(
            problems, f"{at}, amount",
            functools.partial(Money.of, currency=cur) if cur else Money.parse, text_amount)
        if amount is not None and not amount.is_rounded:
            problems.append(
                Problem(
                    f"{at}, amount",
                    f"{amount} is not a whole number of minor units of {amount.currency}",
                )
            )
            amount = None
        territory = None
        if row.get("territory"):
            territory = _field(problems, f"{at}, territory", Country, row["territory"])
        basis = ReceiptBasis.GROSS
        if row.get("basis"):
            b = _field(problems, f"{at}, basis", _basis, row["basis"])
            basis = b if b is not None else basis
        if date is None or amount is None:
            continue
        out.append(Receipt(
            amount=amount, date=date, territory=territory,
            medium=row.get("medium") or None, source=row.get("source") or None, basis=basis,
            net_of=row.get("net_of") or None, reference=row.get("reference") or f"{source}:{line}",
        ))
        places.append(f"line {line}")
    if problems:
        raise DocumentError(_capped(problems, source), source)
    return tuple(out), tuple(places)


def _exchange_rate(base: Currency, quote: Currency, rate: Decimal, date: pendulum.Date | None,
                   source: str | None, _text: str) -> ExchangeRate:
    return ExchangeRate(base=base, quote=quote, rate=rate, date=date, source=source)


def read_rates_csv(text: str, source: str = "rates.csv") -> RateTable:
    r"""Read a rate table from CSV text (columns ``date, base, quote, rate, source``).

    Raises:
        DocumentError: Listing every problem, each at ``line N, column``.

    Example:
        >>> t = read_rates_csv("date,base,quote,rate\n2025-01-01,RUB,USD,0.0102\n")
        >>> t.rates[0].rate
        Decimal('0.0102')
    """
    _args.instance("text", text, str)
    _args.instance("source", source, str)
    rows, problems = _rows(text, _RATE_COLUMNS, ("base", "quote", "rate"), source)
    out: list[ExchangeRate] = []
    lines: list[int] = []
    for line, row in rows:
        if len(problems) >= MAX_PROBLEMS:
            break
        at = f"line {line}"
        date = _field(problems, f"{at}, date", parse_date, row["date"]) if row.get("date") else None
        base = _field(problems, f"{at}, base", Currency, row["base"])
        quote_cur = _field(problems, f"{at}, quote", Currency, row["quote"])
        rate = _field(problems, f"{at}, rate", _decimal, row["rate"])
        if base is None or quote_cur is None or rate is None or (row.get("date") and date is None):
            continue
        made = _field(problems, at, functools.partial(
            _exchange_rate, base, quote_cur, rate, date, row.get("source") or None), "")
        if made is not None:
            out.append(made)
            lines.append(line)
    for j, i in rate_conflicts(out):
        a, b = out[j], out[i]
        day = a.date.isoformat() if a.date is not None else "undated"
        problems.append(Problem(
            f"line {lines[i]}, rate",
            f"{a.base.code} to {a.quote.code} ({day}) at {b.rate} contradicts line {lines[j]}, "
            f"at {a.rate}: keep one"))
    if problems:
        raise DocumentError(_capped(problems, source), source)
    return RateTable(rates=tuple(out))


def _decimal(text: str) -> Decimal:
    if len(text) > 40:
        raise ValueError("too many digits")
    try:
        value = Decimal(text)
    except ArithmeticError:  # decimal.InvalidOperation: its text names Python's internals
        raise ValueError(f"expected a decimal number such as '12.50', got {quote(text)}") from None
    if not value.is_finite():
        raise ValueError("not a finite number")
    # The bounds of every exact number in coprod, as for a rate in a document: refuses
    # 1e999999 before any conversion runs on it.
    return check_decimal(value, "rate")


def _read(path: str | os.PathLike[str]) -> str:
    from coprod.serialization._formats import read_text

    # Reads at most MAX_BYTES characters (a device such as /dev/zero reports no size).
    text = read_text(path, limit=MAX_BYTES)
    return text


def _document(path: str | os.PathLike[str], cls: type[T], list_key: str) -> T:
    from coprod.serialization import structure
    from coprod.serialization._documents import format_for
    from coprod.serialization._formats import parse

    text = _read(path)
    fmt = format_for(path)
    data: Any = parse(text, fmt, source=str(path))
    if isinstance(data, list):  # a bare list of entries
        return structure({list_key: data}, cls, source=str(path))
    from coprod.serialization import loads

    return loads(text, fmt, kind=cls, source=str(path))


def load_receipts(path: str | os.PathLike[str]) -> tuple[Receipt, ...]:
    """Load receipts from a ``.csv`` file, or a ``receipts`` document (JSON, YAML, TOML).

    A JSON/YAML file may also hold a bare list of receipts.

    Raises:
        DocumentError: Listing every problem with its line or path.

    .. versionadded:: 0.1.0
    """
    _args.instance("path", path, str, os.PathLike)
    if Path(path).suffix.lower() == ".csv":
        return read_receipts_csv(_read(path), str(path))
    return _document(path, ReceiptLedger, "receipts").receipts


def load_receipts_placed(
    path: str | os.PathLike[str],
) -> tuple[tuple[Receipt, ...], tuple[str, ...]]:
    """Load receipts as :func:`load_receipts` does, with where each was read.

    The places are ``line 7`` in a CSV file, and a path such as ``$.receipts[3]`` in a
    document (as the loader's own messages write it, for a bare list too); the command line
    names them in its messages.
    """
    _args.instance("path", path, str, os.PathLike)
    if Path(path).suffix.lower() == ".csv":
        return _receipts_csv(_read(path), str(path))
    receipts = load_receipts(path)
    return receipts, tuple(f"$.receipts[{i}]" for i in range(len(receipts)))


def load_rates(path: str | os.PathLike[str]) -> RateTable:
    """Load exchange rates from a ``.csv`` file or an ``exchange-rates`` document.

    Raises:
        DocumentError: Listing every problem with its line or path.

    .. versionadded:: 0.1.0
    """
    _args.instance("path", path, str, os.PathLike)
    if Path(path).suffix.lower() == ".csv":
        return read_rates_csv(_read(path), str(path))
    return _document(path, RateTable, "rates")
