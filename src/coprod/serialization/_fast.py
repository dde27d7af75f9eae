"""A fast path for loading well-formed documents, derived from the cattrs converter.

The cattrs converter defines the format and does the careful work: it reports every problem
of a document at once, each with its JSON path. That care costs time on every document,
including the large majority that have no problem at all. This module compiles, from the
converter's own hooks, one plain function per attrs class that builds the object directly:
no per-field error bookkeeping, no path tracking.

The contract that makes the two paths interchangeable:

* A compiled function calls *the same hooks* as the converter for every value that is not
  an attrs class, a sequence, an optional or a tagged union (text, numbers, money, shares,
  dates, enums, territories, custom hooks of any domain), and the same class constructors
  with the same keyword arguments, so a document it accepts gives an object equal to what
  the converter builds.
* It gives up at the first surprise (a missing or unknown key, a wrong shape, any exception
  at all) by raising; the caller then runs the converter from the start, which produces the
  complete error report. Errors therefore always come from one place, and a document the
  converter refuses is never accepted here.
* A hook it does not recognise is called as it is, so a hook a domain registers later keeps
  its meaning on this path too.

``tests/test_fast_path.py`` proves both halves with Hypothesis: equal objects for every
generated document of every kind, and the same problems, path for path, for mutated and
broken ones.
"""

from __future__ import annotations

import enum
import functools
import threading
import types
import typing
from collections.abc import Callable
from typing import Any, get_args, get_origin

import attrs
import cattrs

from coprod.serialization._formats import shape_problems

#: What a compiled structure function is: plain data in, a coprod object out (or an
#: exception, meaning "ask the converter").
Structurer = Callable[[Any], Any]

#: Marker attributes our converter hooks carry so that this module can recognise them.
ATTRS_MARK = "__coprod_attrs__"
SEQUENCE_MARK = "__coprod_sequence__"
UNION_MARK = "__coprod_union__"
#: On a hook that accepts scalars only (it refuses every mapping and list): the type it
#: reads; for ``str``, ``int`` and ``bool`` the fast path inlines the check.
SCALAR_MARK = "__coprod_scalar__"


#: The ``_missing_`` every enum has unless it defines its own (which may accept more values).
_ENUM_MISSING = enum.Enum._missing_.__func__  # type: ignore[attr-defined]


class GiveUp(Exception):
    """Raised by a compiled function at the first surprise; never leaves this package."""


def _call(hook: Callable[[Any, Any], Any], tp: Any, value: Any) -> Any:
    return hook(value, tp)


def _fail() -> Any:
    raise GiveUp


class _Recursive(Exception):
    """A type reaches itself: :func:`compiled` returns None for it."""


def _none_or(inner: Structurer) -> Structurer:
    def structure(value: Any) -> Any:
        return None if value is None else inner(value)

    return structure


def _is_optional(tp: Any) -> bool:
    origin = get_origin(tp)
    if origin is not typing.Union and origin is not types.UnionType:
        return False
    args = get_args(tp)
    return len(args) == 2 and type(None) in args


class _Compiler:
    def __init__(self, converter: cattrs.Converter) -> None:
        self.converter = converter
        self.compiled: dict[Any, Structurer] = {}
        self.building: set[Any] = set()
        self._optional_hook = converter._structure_optional

    def for_type(self, tp: Any) -> Structurer:
        try:
            if tp in self.building:
                # A type that contains itself: its documents can nest without bound, and
                # only the careful path checks the depth limit. No fast path for it.
                raise _Recursive(tp)
            return self.compiled[tp]
        except KeyError:
            pass
        except TypeError:  # an unhashable annotation: leave it to the converter's hook
            return self._leaf(tp)
        self.building.add(tp)
        try:
            self.compiled[tp] = result = self._build(tp)
        finally:
            self.building.discard(tp)
        return result

    def _leaf(self, tp: Any) -> Structurer:
        hook = self.converter.get_structure_hook(tp)
        if getattr(hook, SCALAR_MARK, None) is not None:
            # The hook refuses every mapping and list itself: call it as it is.
            return functools.partial(_call, hook, tp)

        def structure(value: Any) -> Any:
            # A hook that takes a whole structure (territories, windows): the limits on
            # nesting and size hold for it as for the document (see parse).
            if (type(value) is dict or type(value) is list) and shape_problems(value):
                raise GiveUp
            return hook(value, tp)

        return structure

    def _build(self, tp: Any) -> Structurer:
        hook = self.converter.get_structure_hook(tp)
        marked = getattr(hook, ATTRS_MARK, None)
        if marked is not None and marked is tp:
            return self._attrs(marked)
        if _is_optional(tp) and hook == self._optional_hook:
            (inner,) = (a for a in get_args(tp) if a is not type(None))
            return _none_or(self.for_type(inner))
        sequence = getattr(hook, SEQUENCE_MARK, None)
        if sequence is not None:
            return self._sequence(*sequence)
        union = getattr(hook, UNION_MARK, None)
        if union is not None:
            return self._union(*union)
        return self._leaf(tp)

    def _sequence(self, container: type, item_type: Any) -> Structurer:
        env: dict[str, Any] = {"container": container, "fail": _fail}
        inline = self._inline(item_type, "x", "y", env)
        if inline is not None:
            each = inline
        else:
            env["item"] = self.for_type(item_type)
            each = "item(x)"
        code = (
            "def structure(value):\n"
            "    if type(value) is not list and type(value) is not tuple:\n"
            "        fail()\n"
            f"    return container([{each} for x in value])\n"
        )
        exec(compile(code, f"<coprod fast structure of {item_type!r}>", "exec"), env)
        structure: Structurer = env["structure"]
        return structure

    def _inline(self, tp: Any, item: str, var: str, env: dict[str, Any]) -> str | None:
        """An expression reading a scalar (optional or not) in place, or None.

        Text, whole numbers and booleans: the converter's hooks accept exactly the values of
        that type (never a boolean for a number), so ``type(x) is T`` gives the same verdict
        without a call. An enum without a ``_missing_`` of its own: its hook calls the
        enum, which looks the value up in ``_value2member_map_``; the look-up is done here
        (an unknown or unhashable value raises, and the converter says why). Any other
        scalar hook is called directly, with no wrapper in between.
        """
        optional = False
        if _is_optional(tp) and self.converter.get_structure_hook(tp) == self._optional_hook:
            (tp,) = (a for a in get_args(tp) if a is not type(None))
            optional = True
        hook = self.converter.get_structure_hook(tp)
        scalar = getattr(hook, SCALAR_MARK, None)
        if scalar is None:
            return None
        if scalar is tp and scalar in (str, int, bool):
            name = scalar.__name__
            if optional:
                return (f"(None if ({var} := {item}) is None else "
                        f"({var} if type({var}) is {name} else fail()))")
            return f"({var} if type({var} := {item}) is {name} else fail())"
        if (isinstance(scalar, type) and issubclass(scalar, enum.Enum) and scalar is tp
                and getattr(scalar._missing_, "__func__", None) is _ENUM_MISSING):
            env[f"m_{var}"] = scalar._value2member_map_
            check = f"m_{var}[{{}}]"
        else:
            env[f"h_{var}"], env[f"t_{var}"] = hook, tp
            check = f"h_{var}({{}}, t_{var})"
        if optional:
            return f"(None if ({var} := {item}) is None else {check.format(var)})"
        return check.format(item)

    def _union(self, tag_key: str, tags: dict[str, type]) -> Structurer:
        members = {tag: self.for_type(cls) for tag, cls in tags.items()}

        def structure(value: Any) -> Any:
            if type(value) is not dict:
                raise GiveUp
            rest = dict(value)
            return members[rest.pop(tag_key)](rest)

        return structure

    def _attrs(self, cls: type) -> Structurer:
        """Generate ``structure(value)`` for one attrs class, as cattrs does, minus the care."""
        attrs.resolve_types(cls)
        fields = [a for a in attrs.fields(cls) if a.init]
        names = frozenset(a.name for a in fields)
        env: dict[str, Any] = {"cls": cls, "names": names, "GiveUp": GiveUp, "fail": _fail}
        required: list[str] = []
        optional: list[str] = []
        for i, a in enumerate(fields):
            kwarg = a.alias or a.name
            item = f"value[{a.name!r}]"
            if a.type is None:
                expr = item
            elif (inline := self._inline(a.type, item, f"v{i}", env)) is not None:
                expr = inline
            else:
                env[f"s{i}"] = self.for_type(a.type)
                expr = f"s{i}({item})"
            if a.default is attrs.NOTHING:
                required.append(f"{kwarg}={expr}")
            else:
                optional.append(f"    if {a.name!r} in value:\n        kw[{kwarg!r}] = {expr}")
        lines = [
            "def structure(value):",
            "    if type(value) is not dict or not value.keys() <= names:",
            "        raise GiveUp",
        ]
        if optional:
            lines.append("    kw = {}")
            lines.extend(optional)
            lines.append(f"    return cls({', '.join([*required, '**kw'])})")
        else:
            lines.append(f"    return cls({', '.join(required)})")
        code = "\n".join(lines) + "\n"
        filename = f"<coprod fast structure {cls.__module__}.{cls.__qualname__}>"
        exec(compile(code, filename, "exec"), env)  # generated from the attrs fields above
        structure: Structurer = env["structure"]
        return structure


@functools.cache
def _compiler(converter: cattrs.Converter) -> _Compiler:
    return _Compiler(converter)


def compiled(converter: cattrs.Converter, tp: Any) -> Structurer | None:
    """The fast structure function for *tp*, compiled from *converter*'s hooks (cached).

    None when *tp* has no fast path (a type that contains itself).
    """
    compiler = _compiler(converter)
    done = compiler.compiled.get(tp)
    if done is not None:
        return done
    with _COMPILING:  # one compilation at a time: the tables are shared between threads
        try:
            return compiler.for_type(tp)
        except _Recursive:
            compiler.building.clear()
            return None


_COMPILING = threading.RLock()

