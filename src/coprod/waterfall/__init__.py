"""Revenue waterfalls: exact, explained distributions of a production's receipts.

.. versionadded:: 0.1.0
"""

from coprod.waterfall._batch import ReceiptColumns, aggregate
from coprod.waterfall._checks import FINDING_CODES, check
from coprod.waterfall._engine import (
    Distribution,
    Ingested,
    Period,
    PoolSummary,
    Retention,
    TierSummary,
    TraceLine,
    WaterfallError,
    contribution_weights,
    distribute,
)
from coprod.waterfall._fx import Conversion, RateTable
from coprod.waterfall._io import load_rates, load_receipts, read_rates_csv, read_receipts_csv
from coprod.waterfall._model import (
    BackendTier,
    Base,
    CorridorTier,
    DayCount,
    Deferment,
    DefermentTier,
    ExpenseTier,
    FeeTier,
    Participation,
    Pool,
    Position,
    Receipt,
    ReceiptBasis,
    ReceiptLedger,
    RecoupmentTier,
    ResidualSplit,
    Route,
    SimpleInterest,
    Tier,
    Waterfall,
)
from coprod.waterfall._periods import Frequency, period_of, statements
from coprod.waterfall._render import render_text, to_data
from coprod.waterfall._split import apportion
from coprod.waterfall._state import (
    InterestAccrual,
    PaidToDate,
    PoolToDate,
    RetainedToDate,
    WaterfallState,
)

__all__ = [
    "FINDING_CODES",
    "BackendTier",
    "Base",
    "Conversion",
    "CorridorTier",
    "DayCount",
    "Deferment",
    "DefermentTier",
    "Distribution",
    "ExpenseTier",
    "FeeTier",
    "Frequency",
    "Ingested",
    "InterestAccrual",
    "PaidToDate",
    "Participation",
    "Period",
    "Pool",
    "PoolSummary",
    "PoolToDate",
    "Position",
    "RateTable",
    "Receipt",
    "ReceiptBasis",
    "ReceiptColumns",
    "ReceiptLedger",
    "RecoupmentTier",
    "ResidualSplit",
    "RetainedToDate",
    "Retention",
    "Route",
    "SimpleInterest",
    "Tier",
    "TierSummary",
    "TraceLine",
    "Waterfall",
    "WaterfallError",
    "WaterfallState",
    "aggregate",
    "apportion",
    "check",
    "contribution_weights",
    "distribute",
    "load_rates",
    "load_receipts",
    "period_of",
    "read_rates_csv",
    "read_receipts_csv",
    "render_text",
    "statements",
    "to_data",
]
