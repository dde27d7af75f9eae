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
from cattrs.errors import ClassValidationError
from cattrs.gen import make_dict_structure_fn

from coprod.agreements import AgreementReferenceError, CoProductionAgreement
from coprod.errors import InvalidValueError, quote, shown
from coprod.serialization._fast import ATTRS_MARK
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


def _split(exc: AgreementReferenceError) -> ClassValidationError:
    # Each path is relative to the agreement ("contributions[2].party"); the error-path
    # machinery reads ``field`` and appends it to the agreement's own path.
    errors = [
        InvalidValueError(p.message, field=p.path.removeprefix("$.")) for p in exc.problems
    ]
    return ClassValidationError(
        "While structuring CoProductionAgreement", errors, CoProductionAgreement)


def _agreement_hook(converter: cattrs.Converter) -> None:
    generated = make_dict_structure_fn(
        CoProductionAgreement,
        converter,
        _cattrs_forbid_extra_keys=True,
        _cattrs_detailed_validation=True,
    )
    # cattrs types every hook as returning Any; this one builds a CoProductionAgreement.
    fallback: Callable[[object, Any], CoProductionAgreement] = converter.get_structure_hook(
        CoProductionAgreement
    )

    def structure(value: object, tp: Any) -> CoProductionAgreement:
        if not isinstance(value, Mapping):
            return fallback(value, tp)
        try:
            return generated(value, tp)
        except AgreementReferenceError as exc:
            raise _split(exc) from None
        except ClassValidationError as exc:
            # cattrs wraps an error raised by the class itself; split a reference error into
            # one problem per broken reference, each at its own path.
            if not any(isinstance(e, AgreementReferenceError) for e in exc.exceptions):
                raise
            rest = [e for e in exc.exceptions if not isinstance(e, AgreementReferenceError)]
            refs = [e for e in exc.exceptions if isinstance(e, AgreementReferenceError)]
            errors = rest + [err for r in refs for err in _split(r).exceptions]
            raise ClassValidationError(exc.message, errors, CoProductionAgreement) from None
        except (ValueError, TypeError):
            return fallback(value, tp)

    # On success this is the generated function's result: the fast path may compile it.
    setattr(structure, ATTRS_MARK, CoProductionAgreement)
    converter.register_structure_hook(CoProductionAgreement, structure)


def configure(converter: cattrs.Converter) -> None:
    """Add the agreement, finding and treaty hooks to *converter*."""
    converter.register_structure_hook_factory(
        _is_unknown_union, lambda tp: _unknown_union_factory(tp, converter)
    )
    converter.register_unstructure_hook(Unknown, lambda _: "unknown")
    _rule_hooks(converter)
    _agreement_hook(converter)
