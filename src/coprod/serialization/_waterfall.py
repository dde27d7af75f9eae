"""Hooks for waterfalls: tiers are told apart by their ``type`` key.

A tier in a document reads ``{"type": "fee", "id": "sales-fee", "payee": "...", "rate":
"15%"}``; the ``type`` values are ``fee``, ``expense``, ``recoupment``, ``deferment``,
``corridor``, ``backend`` and ``residual``.
"""

from __future__ import annotations

import cattrs

from coprod.serialization._converter import tagged_union


def configure(converter: cattrs.Converter) -> None:
    """Register the waterfall hooks on *converter*."""
    from coprod.waterfall._model import TIER_TYPES, Tier

    tagged_union(converter, Tier, TIER_TYPES, tag_key="type", what="tier")
