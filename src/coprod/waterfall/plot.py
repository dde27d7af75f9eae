"""Charts of a waterfall (extra ``coprod[plot]``: matplotlib).

Two panels: recoupment progress of every position against cumulative pooled receipts,
one point per statement; and who got what to date.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from fractions import Fraction

from coprod.errors import InvalidValueError, MissingDependencyError, quote
from coprod.money import Money
from coprod.waterfall import _args
from coprod.waterfall._engine import Distribution
from coprod.waterfall._model import DefermentTier, RecoupmentTier, Waterfall

__all__ = ["CHART_FORMATS", "chart_format", "plot_distribution"]

#: The suffixes a chart can be written as, and the format each names.
CHART_FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}


def chart_format(path: str | os.PathLike[str]) -> str:
    """The format a chart file's suffix names.

    Example:
        >>> chart_format("recoupment.SVG")
        'svg'

    Raises:
        coprod.InvalidValueError: If the suffix is not one of :data:`CHART_FORMATS`.

    .. versionadded:: 0.1.0
    """
    suffix = os.path.splitext(os.fspath(path))[1].lower()
    if suffix not in CHART_FORMATS:
        raise InvalidValueError(
            f"a chart is written as {', '.join(CHART_FORMATS)}; cannot tell the format of "
            f"{quote(os.fspath(path))}")
    return CHART_FORMATS[suffix]


def plot_distribution(
    statements: Sequence[Distribution], waterfall: Waterfall, path: str | os.PathLike[str]
) -> None:
    """Draw recoupment progress and who got what, and save the figure (PNG, SVG, PDF).

    Args:
        statements: Consecutive statements (one gives a single point per position).
        waterfall: The waterfall they come from.
        path: The file to write; the format follows its suffix.

    Raises:
        coprod.MissingDependencyError: If matplotlib is not installed
            (``pip install coprod[plot]``).
        coprod.InvalidValueError: If there are no statements to draw, the suffix of
            *path* is not ``.png``, ``.svg`` or ``.pdf``, or for an argument of the wrong
            type.

    .. versionadded:: 0.1.0
    """
    statements = list(_args.iterable("statements", statements, "Distribution objects"))
    for i, dist in enumerate(statements):
        _args.instance(f"statements[{i}]", dist, Distribution)
    _args.instance("waterfall", waterfall, Waterfall)
    fmt = chart_format(path)
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:  # pragma: no cover - depends on the environment
        raise MissingDependencyError("charts need matplotlib: pip install 'coprod[plot]'") from None
    if not statements:
        raise InvalidValueError("nothing to draw: no statements")
    cur = waterfall.currency
    entitlements: dict[tuple[str, str], int] = {}
    for tier in waterfall.tiers():
        if isinstance(tier, RecoupmentTier):
            for p in tier.positions:
                entitlements[(tier.id, p.id)] = p.entitlement.minor_units
        elif isinstance(tier, DefermentTier):
            for d in tier.deferments:
                entitlements[(tier.id, d.id)] = d.amount.minor_units
    xs = [0.0]
    ys: dict[tuple[str, str], list[float]] = {k: [0.0] for k in entitlements}
    for dist in statements:
        pooled = sum((p.receipts_to_date for p in dist.pools), Money.zero(cur))
        xs.append(float(pooled.amount))
        paid = {(x.tier, x.position): x.to_date.minor_units for x in dist.lines if x.position}
        for key, ent in entitlements.items():
            ys[key].append(float(Fraction(paid.get(key, 0), ent) * 100) if ent else 100.0)
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    # Amounts on the axes in full, grouped as the statements print them (not 1e7).
    grouped = FuncFormatter(lambda value, _pos: f"{value:,.0f}".replace(",", "\u2009"))
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 4.5))
    # Positions recouped in step (pari passu) draw the same line: each has its own marker and
    # dash, so that none hides another.
    styles = [("o", "-"), ("s", "--"), ("^", ":"), ("D", "-."), ("v", (0, (5, 1)))]
    for n, ((tier_id, pos), values) in enumerate(ys.items()):
        marker, dash = styles[n % len(styles)]
        ax1.plot(xs, values, marker=marker, linestyle=dash, markersize=7 - 1.5 * (n % 3),
                 label=f"{tier_id} / {pos}")
    for axis in (ax1.xaxis, ax2.xaxis):
        axis.set_major_formatter(grouped)
        axis.set_major_locator(MaxNLocator(5))
    ax1.tick_params(axis="x", labelrotation=20)
    ax1.set_xlabel(f"pooled receipts to date ({cur})")
    ax1.set_ylabel("recouped (% of entitlement)")
    ax1.set_ylim(0, 105)
    ax1.set_title("Recoupment progress")
    if ys:
        ax1.legend(fontsize="small")
    last = statements[-1]
    totals = last.payouts_to_date()
    names = [last.name_of(k) for k in totals]
    ax2.barh(names, [float(v.amount) for v in totals.values()])
    ax2.tick_params(axis="x", labelrotation=20)
    ax2.set_xlabel(f"paid to date ({cur})")
    ax2.set_title("Who got what (waterfall payments)")
    ax2.invert_yaxis()
    fig.suptitle(f"{waterfall.title} — to {last.period.label if last.period else 'date'}")
    fig.tight_layout()
    fig.savefig(os.fspath(path), format=fmt)
    plt.close(fig)
