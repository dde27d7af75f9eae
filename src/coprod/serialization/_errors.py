"""Turning cattrs' nested validation errors into coprod problems with JSON paths."""

from __future__ import annotations

import difflib

import attrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from coprod.errors import CoprodError, Problem, ProblemsError, member, quote, shown


def _type_name(tp: object) -> str:
    names = {
        str: "text",
        int: "a whole number",
        bool: "true or false",
        list: "a list",
        dict: "a mapping",
    }
    if isinstance(tp, type) and tp in names:
        return names[tp]
    return getattr(tp, "__name__", None) or repr(tp)


#: Longest message kept from an exception raised outside coprod (an attrs validator, a
#: library): some quote the offending value in full, and messages never echo a document.
MAX_MESSAGE = 300


def _clip(text: str) -> str:
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"


def describe(exc: BaseException, tp: object | None) -> str:
    """One line of domain wording for one leaf exception."""
    return _clip(_describe(exc, tp))


def _describe(exc: BaseException, tp: object | None) -> str:
    if isinstance(exc, CoprodError):
        return str(exc)
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, ForbiddenExtraKeysError):  # pragma: no cover - split by problems()
        return f"unknown fields: {', '.join(sorted(exc.extra_fields))}"
    if isinstance(exc, AttributeError) and "has no attribute 'items'" in str(exc):
        return "expected a mapping (key: value pairs)"
    if isinstance(exc, TypeError) and "not iterable" in str(exc):
        return "expected a list"
    if isinstance(exc, (TypeError, ValueError)):
        # attrs validators say "'name' must be <class 'str'> (got 1 that is a <class 'int'>)".
        if len(exc.args) >= 4 and isinstance(exc.args[1], attrs.Attribute):
            return f"expected {_type_name(exc.args[2])}, got {shown(exc.args[3])}"
        if tp is not None:
            return f"expected {_type_name(tp)} ({exc})"
        return str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {exc}"  # pragma: no cover - defensive


def _unknown_keys(exc: ForbiddenExtraKeysError, path: str) -> list[Problem]:
    known = [a.name for a in attrs.fields(exc.cl)] if attrs.has(exc.cl) else []
    out = []
    # Keys are text in a parsed document, but structure() also takes Python data.
    for key in sorted(exc.extra_fields, key=str):
        hint = difflib.get_close_matches(str(key), known, n=1)
        msg = f"unknown field {quote(key)}"
        if hint:
            msg += f" (did you mean {hint[0]!r}?)"
        elif known:
            msg += f" (expected one of: {', '.join(known)})"
        out.append(Problem(member(path, key), msg))
    return out


def _failing_field(exc: BaseException) -> str | None:
    """The field an exception raised while building an object names, if any."""
    if len(exc.args) >= 2 and isinstance(exc.args[1], attrs.Attribute):
        return str(exc.args[1].name)
    # ``field`` may be a relative path ("contributions[2].party") set by a domain hook.
    field = getattr(exc, "field", None)
    return field if isinstance(field, str) else None


def problems(exc: BaseException, path: str = "$") -> list[Problem]:
    """Walk a (possibly nested) cattrs validation error; one :class:`Problem` per leaf."""
    out: list[Problem] = []
    if isinstance(exc, IterableValidationError):
        with_index, without = exc.group_exceptions()
        for sub, note in with_index:
            index = note.index
            p = f"{path}[{index}]" if isinstance(index, int) else member(path, index)
            out.extend(_leaf_or_nested(sub, p, note.type, refine=False))
        for sub in without:
            out.extend(_leaf_or_nested(sub, path, None))
    elif isinstance(exc, ClassValidationError):
        with_name, without_name = exc.group_exceptions()
        for sub, attribute_note in with_name:
            out.extend(_leaf_or_nested(
                sub, f"{path}.{attribute_note.name}", attribute_note.type, refine=False))
        for sub in without_name:
            out.extend(_leaf_or_nested(sub, path, None))
    else:
        out.extend(_leaf_or_nested(exc, path, None))
    return out


def _leaf_or_nested(
    exc: BaseException, path: str, tp: object | None, *, refine: bool = True
) -> list[Problem]:
    if isinstance(exc, (ClassValidationError, IterableValidationError)):
        return problems(exc, path)
    if isinstance(exc, ForbiddenExtraKeysError):
        return _unknown_keys(exc, path)
    if isinstance(exc, ProblemsError) and exc.problems:
        # A value that found several problems in itself (a rights ledger's references):
        # each at its path, relative to the value's own.
        return [Problem(path + p.path.removeprefix("$"), p.message) for p in exc.problems]
    sub_path = _failing_field(exc) if refine else None
    within = getattr(exc, "within", None)
    for part in (sub_path, within if isinstance(within, str) else None):
        if part:
            path = f"{path}{part}" if part.startswith("[") else f"{path}.{part}"
    return [Problem(path, describe(exc, tp))]
