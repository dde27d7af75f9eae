"""Reading and writing JSON, YAML and TOML text, exactly and safely."""

from __future__ import annotations

import json
import re
import tomllib
from decimal import Decimal, InvalidOperation
from typing import Any

import tomli_w
import yaml

from coprod.errors import DocumentError, Problem

FORMATS = ("json", "yaml", "toml")

#: Largest document read, in characters: agreement files are kilobytes; anything near this is
#: a mistake or an attack, and is refused before parsing.
MAX_DOCUMENT_CHARS = 16 * 1024 * 1024
#: Deepest nesting of mappings and lists accepted.
MAX_DEPTH = 64
#: Most values (mappings, lists and scalars, counted as reached from the root, so that
#: shared YAML aliases count each time they are used) in one document.
MAX_ELEMENTS = 200_000
#: Most YAML aliases (``*name``) in one document: enough for real reuse, far too few for a
#: "billion laughs" alias bomb.
MAX_YAML_ALIASES = 100


# -- YAML ---------------------------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    """A safe loader with YAML 1.2 booleans, exact decimals and duplicate-key detection.

    YAML 1.1 reads ``NO`` (Norway) as false; coprod documents are full of country codes, so
    only ``true``/``false`` are booleans here. Floats are read as exact Decimals.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._aliases = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_YAML_ALIASES:
                event = self.peek_event()
                raise yaml.YAMLError(
                    f"more than {MAX_YAML_ALIASES} aliases (line {event.start_mark.line + 1}); "
                    "refusing to expand what may be an alias bomb"
                )
        return super().compose_node(parent, index)


# Copy the resolvers so the change does not leak into yaml.SafeLoader.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _first in "tTfF":
    _Loader.yaml_implicit_resolvers.setdefault(_first, []).append(
        ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"))
    )


def _construct_decimal(loader: _Loader, node: yaml.ScalarNode) -> Decimal:
    text = str(loader.construct_scalar(node)).replace("_", "")
    lowered = text.lower()
    if lowered in {".inf", "+.inf", "-.inf", ".nan"}:
        raise yaml.constructor.ConstructorError(
            None, None, f"{text} is not a finite number", node.start_mark
        )
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the resolver admits only numbers
        raise yaml.constructor.ConstructorError(
            None, None, f"{text!r} is not a number", node.start_mark
        ) from None


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    result: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise yaml.constructor.ConstructorError(
                "while reading a mapping", node.start_mark,
                f"duplicate key {key!r}", key_node.start_mark,
            )
        result[key] = loader.construct_object(value_node, deep=True)
    return result


_Loader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)
_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


class _Dumper(yaml.SafeDumper):
    """Block style, lists indented under their key."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)


# -- JSON ---------------------------------------------------------------------------------


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def _json_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


# -- both directions ----------------------------------------------------------------------


def _shape_problem(data: Any) -> str | None:
    """Why the parsed data is too deep or too large to process, or None."""
    stack: list[tuple[Any, int]] = [(data, 0)]
    seen = 0
    while stack:
        item, depth = stack.pop()
        seen += 1
        if seen > MAX_ELEMENTS:
            return (f"document has more than {MAX_ELEMENTS} elements (YAML aliases count "
                    "each time they are used)")
        if depth > MAX_DEPTH:
            return f"document is nested deeper than {MAX_DEPTH} levels"
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return None


def parse(text: str, fmt: str, source: str | None = None) -> Any:
    """Parse *text* in *fmt*; numbers become int or exact Decimal, never float."""
    if fmt not in FORMATS:
        raise DocumentError([Problem("$", f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")], source)
    if not isinstance(text, str):
        raise DocumentError([Problem("$", "a document must be text")], source)
    if len(text) > MAX_DOCUMENT_CHARS:
        raise DocumentError(
            [Problem("$", f"document is larger than {MAX_DOCUMENT_CHARS} characters")], source
        )
    try:
        if fmt == "json":
            data = json.loads(
                text, parse_float=Decimal, object_pairs_hook=_pairs, parse_constant=_json_constant
            )
        elif fmt == "yaml":
            data = yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
        else:
            data = tomllib.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise DocumentError(
            [Problem("$", f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")],
            source,
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise DocumentError([Problem("$", f"not valid YAML: {problem}{where}")], source) from None
    except tomllib.TOMLDecodeError as exc:
        raise DocumentError([Problem("$", f"not valid TOML: {exc}")], source) from None
    except (ValueError, RecursionError) as exc:  # duplicate JSON keys, NaN, deep nesting
        raise DocumentError([Problem("$", f"not a valid {fmt.upper()} document: {exc}")], source) from None
    shape = _shape_problem(data)
    if shape is not None:
        raise DocumentError([Problem("$", shape)], source)
    return data


def emit(data: Any, fmt: str) -> str:
    """Write unstructured *data* as canonical text: same data, same bytes."""
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "yaml":
        return str(yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                             default_flow_style=False, width=100))
    if fmt == "toml":
        return tomli_w.dumps(data)
    raise DocumentError([Problem("$", f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")])
