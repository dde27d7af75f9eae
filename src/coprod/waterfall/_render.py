"""Statements for people (text) and for programs (plain data for JSON).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import decimal
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from coprod._exact import round_fraction
from coprod.money import Money
from coprod.waterfall import _args
from coprod.waterfall._engine import Distribution, TraceLine

__all__ = ["render_text", "to_data"]


def _amount(m: Money) -> str:
    """``1 234 567.89`` (thin groups, no currency) for columns."""
    sign = "-" if m.amount < 0 else ""
    text = f"{m.amount.copy_abs():,f}".replace(",", " ")
    return sign + text


def _money(m: Money) -> str:
    return f"{_amount(m)} {m.currency.code}"


def _rounding(value: Fraction) -> str:
    """An exact rounding difference to six decimals, half-even, with its sign: ``+0.004600``.

    Computed on the fraction itself, never through a float.
    """
    micro = round_fraction(value * 1_000_000, decimal.ROUND_HALF_EVEN)
    text = f"{abs(micro) // 1_000_000}.{abs(micro) % 1_000_000:06d}"
    return ("-" if micro < 0 else "+") + text


def _label(line: TraceLine) -> str:
    label = f"{line.pool} / {line.tier}" + (f" / {line.position}" if line.position else "")
    clause = f" cl. {line.clause}" if line.clause else ""
    return f"{label} ({line.kind}{clause})"


def render_text(dist: Distribution, *, trace: bool = True) -> str:
    """A statement a finance team reads: receipts, retention, per payee, trace and balance.

    Example:
        >>> import pendulum
        >>> from coprod import Currency, Money, Share
        >>> from coprod.waterfall import Waterfall, Route, Pool, FeeTier, Receipt, distribute
        >>> wf = Waterfall(id="demo", title="Demo", currency=Currency("USD"),
        ...     routes=(Route(pool="world"),), pools=(Pool(id="world", tiers=(
        ...         FeeTier(id="fee", payee="agent", rate=Share.parse("10%"), clause="4.1"),)),))
        >>> d = distribute(wf, [Receipt(amount=Money.parse("500.00 USD"),
        ...                             date=pendulum.Date(2025, 1, 9))])
        >>> print(render_text(d, trace=False).splitlines()[0])
        Demo — statement 2025-01-09..2025-01-09 (waterfall demo, accounts in USD)

    .. versionadded:: 0.1.0
    """
    _args.instance("dist", dist, Distribution)
    cur = dist.currency.code
    period = dist.period.label if dist.period else "(no receipts)"
    out = [f"{dist.title} — statement {period} (waterfall {dist.waterfall}, accounts in {cur})"]
    if dist.period:
        out.append(f"Period: {dist.period.start.isoformat()} to {dist.period.end.isoformat()}")
    out.append("")
    out.append("Receipts this period: " + (", ".join(_money(m) for m in dist.receipts) or "none"))
    if dist.retained:
        out.append("")
        out.append("Retained by co-producers (territorial retention, in their own currency):")
        for r in dist.retained:
            clause = f"  [clause {r.clause}]" if r.clause else ""
            out.append(
                f"  {dist.name_of(r.payee)} ({r.payee}): {_money(r.this_period)} this period, "
                f"{_money(r.to_date)} to date{clause}"
            )
    if dist.unrouted:
        out.append(
            "Unrouted (no route matched, unallocated): "
            + ", ".join(_money(m) for m in dist.unrouted)
        )
    out.append("")
    out.append(f"Pools ({cur}):")
    for p in dist.pools:
        name = f" — {p.name}" if p.name else ""
        flow = f"; remainder flows to {p.flows_to}" if p.flows_to else (
            f"; unallocated {_amount(p.unallocated_this_period)} this period, "
            f"{_amount(p.unallocated_to_date)} to date"
        )
        out.append(
            f"  {p.pool}{name}: receipts {_amount(p.receipts_this_period)} this period, "
            f"{_amount(p.receipts_to_date)} to date "
            f"(inflow to date {_amount(p.inflow_to_date)}){flow}"
        )
    out.append("")
    out.append(f"Statement per payee ({cur})")
    # The label column is as wide as the longest label, so the figures stay in columns.
    width = max([58, *(len(_label(line)) + 3 for line in dist.lines)])
    header = f"  {'':{width}} {'previously':>16} {'this period':>16} {'to date':>16}"
    payees: list[str] = []
    for line in dist.lines:
        if line.payee not in payees:
            payees.append(line.payee)
    for payee in payees:
        out.append(f"  {dist.name_of(payee)} ({payee})")
        out.append(header)
        lines = dist.lines_for(payee)
        for line in lines:
            out.append(
                f"    {_label(line):{width - 2}} {_amount(line.previously):>16} "
                f"{_amount(line.this_period):>16} {_amount(line.to_date):>16}"
            )
        total = (
            sum((x.previously for x in lines), Money.zero(dist.currency)),
            sum((x.this_period for x in lines), Money.zero(dist.currency)),
            sum((x.to_date for x in lines), Money.zero(dist.currency)),
        )
        out.append(
            f"    {'total':{width - 2}} {_amount(total[0]):>16} {_amount(total[1]):>16} "
            f"{_amount(total[2]):>16}"
        )
    if trace:
        out.append("")
        out.append("Trace (every payment, its tier, clause and pool)")
        for t in dist.tiers:
            clause = f", clause {t.clause}" if t.clause else ""
            out.append(
                f"  [{t.pool} / {t.tier}] {t.kind}{clause}: "
                f"paid {_amount(t.paid_this_period)} this period, "
                f"{_amount(t.paid_to_date)} to date; reached {_amount(t.reached)} to date"
            )
            out.append(f"      {t.explanation}")
            for line in dist.lines:
                if line.tier == t.tier and line.this_period.amount != 0:
                    who = f"{line.payee}" + (f" / {line.position}" if line.position else "")
                    out.append(f"      -> {who}: {_money(line.this_period)}")
        if dist.conversions:
            out.append("")
            out.append("Conversions (each rounded half-even to the minor unit)")
            for c in dist.conversions:
                rate = c.rate
                pair = f"1 {rate.base} = {rate.rate} {rate.quote}"
                how = "divided by" if c.inverted else "at"
                when = rate.date.isoformat() if rate.date else "undated"
                src = f", {rate.source}" if rate.source else ""
                count = f" [{c.lines} lines]" if c.lines != 1 else ""
                out.append(
                    f"  {c.date.isoformat()} {_money(c.source)} {how} {pair} (rate of {when}{src}) "
                    f"= {_money(c.converted)}; rounding {_rounding(c.rounding)}{count}"
                    + (f"  ({c.reference})" if c.reference else "")
                )
    out.append("")
    out.append("Balance (to the minor unit)")
    for what, left, right in dist.balance():
        ok = "ok" if left == right else "DOES NOT BALANCE"
        out.append(f"  {what}: {_money(left)} = {_money(right)}  {ok}")
    for note in dist.notes:
        out.append(f"Note: {note}")
    return "\n".join(out)


def to_data(dist: Distribution) -> dict[str, Any]:
    """The statement as plain data (for ``--format json``); amounts as ``"123.45 USD"``.

    .. versionadded:: 0.1.0
    """
    _args.instance("dist", dist, Distribution)
    from coprod.serialization import unstructure

    return {
        "waterfall": dist.waterfall,
        "title": dist.title,
        "currency": dist.currency.code,
        "period": None if dist.period is None else {
            "label": dist.period.label,
            "start": dist.period.start.isoformat(),
            "end": dist.period.end.isoformat(),
        },
        "receipts": [str(m) for m in dist.receipts],
        "retained": [
            {"payee": r.payee, "this_period": str(r.this_period), "to_date": str(r.to_date),
             "clause": r.clause}
            for r in dist.retained
        ],
        "unrouted": [str(m) for m in dist.unrouted],
        "payees": [
            {"payee": payee, "name": dist.name_of(payee), "this_period": str(amount),
             "to_date": str(dist.payouts_to_date()[payee])}
            for payee, amount in dist.payouts().items()
        ],
        "pools": [
            {"pool": p.pool, "receipts_this_period": str(p.receipts_this_period),
             "receipts_to_date": str(p.receipts_to_date), "inflow_to_date": str(p.inflow_to_date),
             "flows_to": p.flows_to, "unallocated_this_period": str(p.unallocated_this_period),
             "unallocated_to_date": str(p.unallocated_to_date)}
            for p in dist.pools
        ],
        "tiers": [
            {"pool": t.pool, "tier": t.tier, "kind": t.kind, "clause": t.clause,
             "reached": str(t.reached), "base": None if t.base is None else str(t.base),
             "claim": None if t.claim is None else str(t.claim),
             "paid_this_period": str(t.paid_this_period), "paid_to_date": str(t.paid_to_date),
             "explanation": t.explanation}
            for t in dist.tiers
        ],
        "trace": [
            {"pool": x.pool, "tier": x.tier, "kind": x.kind, "clause": x.clause, "payee": x.payee,
             "position": x.position, "previously": str(x.previously),
             "this_period": str(x.this_period), "to_date": str(x.to_date),
             "explanation": x.explanation}
            for x in dist.lines
        ],
        "conversions": [
            {"date": c.date.isoformat(), "source": str(c.source), "base": c.rate.base.code,
             "quote": c.rate.quote.code, "rate": f"{c.rate.rate:f}",
             "rate_date": c.rate.date.isoformat() if c.rate.date else None,
             "rate_source": c.rate.source, "inverted": c.inverted,
             "exact": f"{c.exact.numerator}/{c.exact.denominator}",
             "converted": str(c.converted), "lines": c.lines, "reference": c.reference}
            for c in dist.conversions
        ],
        "balance": [
            {"what": what, "left": str(a), "right": str(b), "balanced": a == b}
            for what, a, b in dist.balance()
        ],
        "notes": list(dist.notes),
        "state": unstructure(dist.state),
    }


def render_many(dists: Sequence[Distribution], *, trace: bool = True) -> str:
    """Several statements, separated by a rule."""
    return ("\n\n" + "=" * 100 + "\n\n").join(render_text(d, trace=trace) for d in dists)
