"""A fast path for writing documents, derived from the cattrs converter's own code.

cattrs writes an attrs instance with a function it generates for the class: one dictionary
built in straight-line code, each field passed to the hook for its type, fields still at
their default left out. What is left to gain is in the calls: a list of countries is written
by a hook that calls a hook per country, an optional date by a hook that calls a hook, and
so on down the document.

This module takes cattrs' generated function as it is (its source, its defaults, its rules
for leaving fields out) and replaces each hook call by the same work written in place:

* a list: a comprehension over the items, each item written in place in turn;
* an optional value: ``None`` or the value written in place;
* a value written as one of its attributes (a country as its code, an enum as its value):
  that attribute;
* a nested attrs class: its own rewritten function;
* a union of parties told apart by ``type``: the tag and the member's rewritten function.

Every other hook is called as cattrs calls it. The rewritten function builds the same
dictionary, key for key and in the same order; ``tests/test_fast_path.py`` checks this with
Hypothesis for every kind of document. When cattrs' source is not available, or a class
contains itself, the converter's own function is used.
"""

from __future__ import annotations

import functools
import inspect
import linecache
import threading
from collections.abc import Callable
from typing import Any

import attrs
import cattrs

#: What a writer is: a coprod object in, plain data out.
Unstructurer = Callable[[Any], Any]

#: Marks set by the converter's hook factories, so that their hooks can be written in place.
SEQUENCE_MARK = "__coprod_unstructure_sequence__"  # the item type
OPTIONAL_MARK = "__coprod_unstructure_optional__"  # the type inside the optional
UNION_MARK = "__coprod_unstructure_union__"  # (tag key, {class: tag})
CLASS_MARK = "__coprod_unstructure_class__"  # on cattrs' generated function: its class
#: Hooks that write a value as one of its attributes (``operator.attrgetter`` objects take no
#: marks): hook -> attribute name.
ATTRIBUTE_HOOKS: dict[Any, str] = {}


def _tagged(tag_key: str, tag: str, hook: Unstructurer, value: Any) -> dict[str, Any]:
    return {tag_key: tag, **hook(value)}


class _Recursive(Exception):
    """A class reaches itself: it keeps the converter's own function.

    cattrs already writes a field whose class is still being generated with
    ``converter.unstructure`` (a plain hook here), so a cycle never reaches this module;
    the guard stays so that a change in cattrs cannot turn into endless recursion.
    """


class _Writer:
    def __init__(self, converter: cattrs.Converter) -> None:
        self.converter = converter
        self.compiled: dict[type, Unstructurer] = {}
        self.building: set[type] = set()
        self.names = 0
        # by id of the union's hook: (the hook, kept alive; its members' writers)
        self.unions: dict[int, tuple[Any, dict[type, Unstructurer]]] = {}

    def for_class(self, cls: type) -> Unstructurer:
        done = self.compiled.get(cls)
        if done is not None:
            return done
        if cls in self.building:  # pragma: no cover - cattrs breaks cycles itself (below)
            raise _Recursive(cls)
        self.building.add(cls)
        try:
            result = self._rewrite(cls) or self._hook(cls)
        finally:
            self.building.discard(cls)
        self.compiled[cls] = result
        return result

    def _name(self, env: dict[str, Any], value: Any, prefix: str) -> str:
        self.names += 1
        name = f"__w_{prefix}{self.names}"
        env[name] = value
        return name

    def _inline(self, hook: Any, expr: str, env: dict[str, Any]) -> str:
        """An expression writing the value of *expr* as *hook* would, in place."""
        if hook is list:
            return f"list({expr})"
        attribute = ATTRIBUTE_HOOKS.get(hook) if _hashable(hook) else None
        if attribute is not None:
            return f"{expr}.{attribute}"
        item_type = getattr(hook, SEQUENCE_MARK, None)
        if item_type is not None:
            self.names += 1
            var = f"__w_y{self.names}"
            item = self._inline(self._hook(item_type), var, env)
            return f"[{item} for {var} in {expr}]"
        inner_type = getattr(hook, OPTIONAL_MARK, None)
        if inner_type is not None:
            self.names += 1
            var = f"__w_v{self.names}"
            inner = self._inline(self._hook(inner_type), var, env)
            return f"(None if ({var} := {expr}) is None else {inner})"
        union = getattr(hook, UNION_MARK, None)
        if union is not None:
            # One writer per member, each putting its tag first: a look-up and one call.
            self.names += 1
            var = f"__w_m{self.names}"
            members = self.unions.get(id(hook))
            if members is None:
                members = self.unions[id(hook)] = (hook, self._union(*union))
            return f"{self._name(env, members[1], 'u')}[type({var} := {expr})]({var})"
        cls = _generated_for(hook)
        if cls is not None:
            try:
                writer = self.for_class(cls)
            except _Recursive:  # pragma: no cover - see for_class
                writer = hook
            return f"{self._name(env, writer, 'c')}({expr})"
        return f"{self._name(env, hook, 'h')}({expr})"

    def _hook(self, tp: Any) -> Any:
        return self.converter.get_unstructure_hook(tp)

    def _union(self, tag_key: str, tags: dict[type, str]) -> dict[type, Unstructurer]:
        """For each member class, a writer of its instances with the tag first."""
        members: dict[type, Unstructurer] = {}
        for cls, tag in tags.items():
            hook = self._hook(cls)
            written = None
            if _generated_for(hook) is cls and cls not in self.building:
                written = self._rewrite(cls, tag=(tag_key, tag))
            if written is None:
                written = functools.partial(_tagged, tag_key, tag, hook)
            members[cls] = written
        return members

    def _rewrite(self, cls: type, tag: tuple[str, str] | None = None) -> Unstructurer | None:
        """The function cattrs generated for *cls*, hook calls in place (and *tag* put first)."""
        hook = self._hook(cls)
        lines = linecache.getlines(hook.__code__.co_filename)
        if not lines:
            return None if tag is not None else hook
        source = "\n".join(line.rstrip("\n") for line in lines) + "\n"
        if tag is not None:
            if source.count("  res = {\n") != 1:
                return None
            source = source.replace("  res = {\n", f"  res = {{\n    {tag[0]!r}: {tag[1]!r},\n")
        env: dict[str, Any] = {}
        for name, parameter in inspect.signature(hook).parameters.items():
            if parameter.default is not inspect.Parameter.empty:
                env[name] = parameter.default
        for a in attrs.fields(cls):
            handler_name = f"__c_unstr_{a.name}"
            call = f"{handler_name}(instance.{a.name})"
            if handler_name in env and call in source:
                source = source.replace(
                    call, self._inline(env[handler_name], f"instance.{a.name}", env))
        exec(compile(source, f"<coprod fast unstructure {cls.__module__}.{cls.__qualname__}>",
                     "exec"), env)  # cattrs' own code, with its hook calls written in place
        rewritten: Unstructurer = env[hook.__name__]
        return rewritten


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _generated_for(hook: Any) -> type | None:
    """The attrs class whose cattrs-generated writer *hook* is, or None."""
    code = getattr(hook, "__code__", None)
    if code is None or not code.co_filename.startswith("<cattrs generated unstructure "):
        return None
    cls: type | None = getattr(hook, CLASS_MARK, None)
    return cls


@functools.cache
def _writer(converter: cattrs.Converter) -> _Writer:
    return _Writer(converter)


def compiled_unstructure(converter: cattrs.Converter, cls: type) -> Unstructurer:
    """The fast writer of *cls* instances, rewritten from *converter*'s function (cached)."""
    writer = _writer(converter)
    done = writer.compiled.get(cls)
    if done is not None:
        return done
    with _COMPILING:
        hook: Unstructurer = writer._hook(cls)
        if _generated_for(hook) is not cls:
            writer.compiled[cls] = hook  # not an attrs class cattrs writes: its hook as it is
            return hook
        try:
            return writer.for_class(cls)
        except _Recursive:  # pragma: no cover - see for_class
            writer.building.clear()
            return hook


_COMPILING = threading.RLock()
