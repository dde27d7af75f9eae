"""Hooks for agreements, findings and the treaty catalogue.

* ``value: unknown`` in a catalogue file is :data:`coprod.treaties.UNKNOWN`, wherever a
  parameter may be unknown;
* rules are told apart by their ``kind`` key, looked up among the registered rule kinds at
  the time a document is read (so plugins registered later are seen);
* an agreement whose ids refer to unlisted parties is reported with one problem per broken
  reference, each at its own path (``$.contributions[1].party``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Union, get_args, get_origin

import cattrs

from coprod.errors import InvalidValueError, quote, shown
from coprod.treaties._model import UNKNOWN, Unknown
from coprod.treaties.rules import Rule


def _is_unknown_union(tp: Any) -> bool:
    origin = get_origin(tp)
    if origin is None or (origin is not Union and type(tp).__name__ != "UnionType"):
        return False
    return Unknown in get_args(tp)


def _unknown_union_factory(tp: Any, converter: cattrs.Converter) -> Callable[[object, Any], Any]:
    others = tuple(a for a in get_args(tp) if a is not Unknown)
    # Union[...] takes the members as a runtime tuple; ``X | Y`` has no such spelling.
    other: Any = others[0] if len(others) == 1 else Union[others]  # noqa: UP007

    def structure(value: object, _: Any) -> Any:
        if value == "unknown" or value is UNKNOWN:
            return UNKNOWN
        return converter.structure(value, other)

    return structure


def _rule_hooks(converter: cattrs.Converter) -> None:
    from coprod.treaties._registry import rule_kinds

    def structure(value: object, _: Any) -> Any:
        kinds = rule_kinds()
        if not isinstance(value, Mapping):
            raise InvalidValueError(
                f"expected a rule (a mapping with a 'kind' key), got {shown(value)}"
            )
        kind = value.get("kind")
        if kind not in kinds:
            raise InvalidValueError(
                f"unknown rule kind {quote(kind)}: expected one of {', '.join(sorted(kinds))}"
            )
        rest = {k: v for k, v in value.items() if k != "kind"}
        return converter.structure(rest, kinds[kind])

    def unstructure(value: Any) -> dict[str, Any]:
        data = converter.unstructure(value, unstructure_as=type(value))
        return {"kind": type(value).kind, **data}

    converter.register_structure_hook(Rule, structure)
    converter.register_unstructure_hook(Rule, unstructure)


def configure(converter: cattrs.Converter) -> None:
    """Add the agreement, finding and treaty hooks to *converter*."""
    converter.register_structure_hook_factory(
        _is_unknown_union, lambda tp: _unknown_union_factory(tp, converter)
    )
    converter.register_unstructure_hook(Unknown, lambda _: "unknown")
    _rule_hooks(converter)
