"""JSON Schema (draft 2020-12) of coprod documents, derived from the model and its hooks.

The schema is generated from the same attrs classes the converter structures, so it cannot
drift from what :func:`coprod.loads` accepts. It checks the shape of a document (keys,
types, enumerations, the textual forms of money, shares, dates and codes); rules that need
the whole document (shares adding up, references between parties) are left to coprod.
"""

from __future__ import annotations

import collections.abc
import enum
import types
import typing
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeVar, Union, get_args, get_origin

import attrs
import pendulum

from coprod.geo import Country
from coprod.money import Currency, Money
from coprod.serialization._converter import TAGGED_UNIONS, default_converter
from coprod.share import Share

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

_NUMBER = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+(?:[ \u00a0\u202f\u2009_']\d+)*)(?:\.\d+)?"
#: A number as Python's Decimal reads it: digits with single underscores between them, a
#: point, an exponent (``1_000``, ``.5``, ``1.``, ``1e-5``).
_DIGITS = r"\d(?:_?\d)*"
_DECIMAL = rf"[+-]?(?:{_DIGITS}(?:\.(?:{_DIGITS})?)?|\.{_DIGITS})(?:[eE][+-]?{_DIGITS})?"
_DECIMAL_TEXT = rf"^\s*{_DECIMAL}\s*$"
_FRACTION_TEXT = rf"^\s*(?:[+-]?{_DIGITS}\s*/\s*[+-]?{_DIGITS}|{_DECIMAL})\s*$"
#: An ISO 8601 duration of whole days or more, as :meth:`coprod.windows.Duration.parse`
#: reads it: in any case, weeks alone or years, months and days in order, a zero time part.
_DURATION = (r"^\s*[Pp](?:\d+[Ww]|(?=\d|[Tt]\d)(?:\d+[Yy])?(?:\d+[Mm])?(?:\d+[Dd])?)"
             r"(?:[Tt](?=\d)(?:0+(?:\.0+)?[Hh])?(?:0+(?:\.0+)?[Mm])?(?:0+(?:\.0+)?[Ss])?)?\s*$")
_DATE = r"\d{4}-\d{2}-\d{2}"


def _any_case(codes: list[str]) -> str:
    """A pattern for *codes* in any case, with spaces around: how the loader reads codes."""
    alternatives = "|".join(
        "".join(f"[{c}{c.lower()}]" if c.isalpha() else c for c in code) for code in codes)
    return rf"^\s*(?:{alternatives})\s*$"


def _codes(codes: list[str], description: str) -> dict[str, Any]:
    """A code schema: the codes as written (for editors to offer), or in any case."""
    return {"description": description,
            "anyOf": [{"type": "string", "enum": codes},
                      {"type": "string", "pattern": _any_case(codes)}]}
_SHARE_TEXT = r"^\s*(?:[+-]?(?:\d+(?:\.\d*)?|\.\d+)\s*%?|[+-]?\d+\s*/\s*\d+)\s*$"


def _currency_codes() -> list[str]:
    import iso4217

    return sorted(c.code for c in iso4217.Currency if c.exponent is not None)


def _scalars() -> dict[Any, dict[str, Any]]:
    return {
        str: {"type": "string"},
        int: {"type": "integer"},
        bool: {"type": "boolean"},
        Decimal: {"anyOf": [{"type": "number"}, {"type": "string", "pattern": _DECIMAL_TEXT}]},
        Fraction: {"anyOf": [{"type": "number"}, {"type": "string", "pattern": _FRACTION_TEXT}]},
        Money: {
            "type": "string",
            "description": "an amount and its ISO 4217 currency, e.g. '1 250 000.50 RUB'",
            "pattern": rf"^\s*(?:[A-Za-z]{{3}}\s+{_NUMBER}|{_NUMBER}\s*[A-Za-z]{{3}})\s*$",
        },
        Currency: _codes(_currency_codes(), "ISO 4217 alphabetic code"),
        Share: {
            "description": "a share between 0% and 100%: '20%', '0.2' or '1/3'",
            "anyOf": [{"type": "number", "minimum": 0, "maximum": 1},
                      {"type": "string", "pattern": _SHARE_TEXT}],
        },
        Country: _codes(sorted(Country.codes()),
                        "ISO 3166-1 alpha-2 code (historic codes such as SU accepted)"),
        pendulum.Date: {"type": "string", "format": "date", "pattern": rf"^\s*{_DATE}\s*$"},
    }


def _domain_schemas() -> dict[Any, dict[str, Any]]:
    """Schemas of the value types that domains write in a form of their own."""
    out: dict[Any, dict[str, Any]] = {}
    code_list = {"type": "array", "items": {"type": "string"}}
    codes = {"anyOf": [{"type": "string"}, code_list]}
    try:
        from coprod.languages import LanguageScope
        from coprod.media import Media
        from coprod.territories import Territories, TerritorySet
        from coprod.windows import _EVENT_RE, Duration, Window
    except ImportError:  # pragma: no cover - the rights domain is part of coprod
        return out
    territories = {
        "description": "'worldwide', a list of ISO codes and group names, or {exclude: [...]}",
        "anyOf": [
            {"type": "string"},
            code_list,
            {"type": "object", "additionalProperties": False, "minProperties": 1,
             "maxProperties": 1,
             "properties": {"include": codes, "exclude": codes}},
        ],
    }
    duration = {"type": "string", "pattern": _DURATION,
                "description": "an ISO 8601 duration such as P7Y or P18M"}
    date = _scalars()[pendulum.Date]
    point = {"anyOf": [date, {"type": "object", "additionalProperties": False,
                              "required": ["event"],
                              "properties": {"event": {"type": "string",
                                                       "pattern": _EVENT_RE.pattern},
                                             "lag": duration}}]}
    out[Territories] = territories
    out[TerritorySet] = territories
    out[Media] = {"type": "string", "minLength": 1,
                  "description": "a media word (svod, all-tv, theatrical ...)"}
    out[LanguageScope] = {
        "description": "'any', or a list of BCP 47 tags or {tag, versions, excluding}",
        "anyOf": [
            {"const": "any"},
            {"type": "array", "items": {"anyOf": [
                {"type": "string"},
                {"type": "object", "additionalProperties": False, "required": ["tag"],
                 "properties": {"tag": {"type": "string"},
                                "versions": {"anyOf": [{"type": "string"}, code_list,
                                                       {"type": "null"}]},
                                "excluding": code_list}},
            ]}},
            {"type": "string"},
        ],
    }
    out[Duration] = duration
    out[Window] = {
        "anyOf": [
            {"type": "string",
             "pattern": rf"^\s*{_DATE}\s*\.\.\s*(?:{_DATE}|open)?\s*$"},
            {"type": "object", "additionalProperties": False, "required": ["start"],
             "properties": {"start": point,
                            "end": {"anyOf": [point, {"type": "null"}]},
                            "duration": {"anyOf": [duration, {"type": "null"}]}}},
        ]
    }
    return out


class _Generator:
    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}
        self.known = {**_scalars(), **_domain_schemas()}
        self.unions = dict(TAGGED_UNIONS)
        default_converter()  # registers every tagged union
        self.unions.update(TAGGED_UNIONS)

    def ref(self, cls: type, typevars: dict[Any, Any]) -> dict[str, Any]:
        # Named by the whole type (Param_tuple_str, Param_tuple_ProductionKind): two
        # parametrisations never share a definition.
        args = "".join(f"_{_type_name(v)}" for v in typevars.values())
        name = f"{cls.__name__}{args}"
        if name not in self.defs:
            self.defs[name] = {}  # placeholder against recursion
            self.defs[name] = self.object(cls, typevars)
        return {"$ref": f"#/$defs/{name}"}

    def object(self, cls: type, typevars: dict[Any, Any], extra: dict[str, Any] | None = None,
               tag: tuple[str, str] | None = None) -> dict[str, Any]:
        hints = typing.get_type_hints(cls)
        props: dict[str, Any] = {}
        required: list[str] = []
        if tag is not None:
            props[tag[0]] = {"const": tag[1]}
            required.append(tag[0])
        for a in attrs.fields(cls):
            if not a.init:
                continue
            tp = hints.get(a.name, a.type)
            schema = self.schema(tp, typevars)
            if "json_schema" in a.metadata:  # bounds a validator sets on a number
                schema = _bounded(schema, a.metadata["json_schema"])
            pattern = _id_pattern(a.validator)
            if pattern is not None:  # an id the validator holds to a pattern
                schema = _patterned(schema, pattern)
            if a.default is None and {"type": "null"} not in schema.get("anyOf", ()):
                schema = {"anyOf": [schema, {"type": "null"}]}
            props[a.name] = schema
            if a.default is attrs.NOTHING:
                required.append(a.name)
        doc = (cls.__doc__ or "").strip().splitlines()
        out: dict[str, Any] = {"type": "object"}
        if doc:
            out["description"] = doc[0]
        out.update({"properties": {**(extra or {}), **props}, "additionalProperties": False})
        if required:
            out["required"] = required
        return out

    def schema(self, tp: Any, typevars: dict[Any, Any]) -> dict[str, Any]:
        if isinstance(tp, TypeVar):
            return self.schema(typevars.get(tp, Any), typevars)
        if tp is Any or tp is object:
            return {}
        if tp in self.unions:
            key, tags = self.unions[tp]
            return {"oneOf": [self.object(c, {}, tag=(key, t)) for t, c in tags.items()]}
        if tp in self.known:
            return dict(self.known[tp])
        rule = self._rule_schema(tp)
        if rule is not None:
            return rule
        origin, args = get_origin(tp), get_args(tp)
        if origin is Union or isinstance(tp, types.UnionType):
            members = [a for a in args if a is not type(None)]
            options = [self.schema(m, typevars) for m in members]
            if type(None) in args:
                options.append({"type": "null"})
            return options[0] if len(options) == 1 else {"anyOf": options}
        if origin is typing.Literal:
            return {"enum": list(args)}
        if origin in (tuple, list, frozenset, set) or tp in (tuple, list):
            if origin is tuple and args and not (len(args) == 2 and args[1] is Ellipsis):
                return {"type": "array", "prefixItems": [self.schema(a, typevars) for a in args],
                        "items": False}
            item = self.schema(args[0], typevars) if args else {}
            out: dict[str, Any] = {"type": "array", "items": item}
            if origin in (frozenset, set):
                out["uniqueItems"] = True
            return out
        if origin in (dict, typing.Mapping, collections.abc.Mapping) or tp is dict:
            value = self.schema(args[1], typevars) if len(args) == 2 else {}
            return {"type": "object", "additionalProperties": value}
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return {"enum": [m.value for m in tp]}
        if origin is not None and attrs.has(origin):
            params = getattr(origin, "__parameters__", ())
            return self.ref(origin, {**typevars, **dict(zip(params, args, strict=False))})
        if isinstance(tp, type) and attrs.has(tp):
            return self.ref(tp, typevars)
        return {"$comment": f"{getattr(tp, '__name__', tp)}: checked by coprod when loading"}

    def _rule_schema(self, tp: Any) -> dict[str, Any] | None:
        try:
            from coprod.treaties._registry import rule_kinds
            from coprod.treaties.rules import Rule
        except ImportError:  # pragma: no cover - the treaty domain is part of coprod
            return None
        if tp is not Rule:
            return None
        return {"oneOf": [self.object(cls, {}, tag=("kind", kind))
                          for kind, cls in sorted(rule_kinds().items())]}


def _type_name(tp: Any) -> str:
    """``tuple_str`` for ``tuple[str, ...]``: a type's name with its arguments'."""
    origin, args = get_origin(tp), get_args(tp)
    name = getattr(origin or tp, "__name__", None) or "x"
    return "_".join([name, *(_type_name(a) for a in args if a is not Ellipsis)])


def _flat(validator: Any) -> list[Any]:
    """The validators in *validator*: itself, or those of an ``and_`` or ``optional``."""
    if validator is None:
        return []
    inner = getattr(validator, "_validators", None)  # attrs' and_
    if inner is not None:
        return [v for part in inner for v in _flat(part)]
    wrapped = getattr(validator, "validator", None)  # attrs' optional
    if wrapped is not None and type(validator).__name__ == "_OptionalValidator":
        return _flat(wrapped)
    return [validator]


def _id_patterns() -> dict[Any, str]:
    """The id validators of the model, each with the pattern it holds ids to."""
    from coprod import agreements, parties, rights, windows
    from coprod.waterfall import _model as waterfall

    party_id = parties._ID_RE.pattern
    waterfall_id = r"^[a-z0-9][a-z0-9._-]*$"
    return {parties._check_id: party_id, parties._check_party_id: party_id,
            rights._check_id: party_id,
            agreements._optional_id: party_id, waterfall._check_id: waterfall_id,
            waterfall._check_optional_id: waterfall_id, windows._event: windows._EVENT_RE.pattern}


def _id_pattern(validator: Any) -> str | None:
    patterns = _id_patterns()
    for v in _flat(validator):
        try:
            if v in patterns:
                return patterns[v]
        except TypeError:  # an unhashable validator is no id check
            continue
    return None


def _patterned(schema: dict[str, Any], pattern: str) -> dict[str, Any]:
    """*schema* with *pattern* on its strings, nulls left alone."""
    if "anyOf" in schema:
        return {**schema, "anyOf": [_patterned(s, pattern) for s in schema["anyOf"]]}
    if schema.get("type") == "string" and "pattern" not in schema:
        return {**schema, "pattern": pattern}
    return schema


def _bounded(schema: dict[str, Any], bounds: dict[str, Any]) -> dict[str, Any]:
    """*schema* with *bounds* (``minimum``, ``maximum``) on its numbers, nulls left alone."""
    if "anyOf" in schema:
        return {**schema, "anyOf": [_bounded(s, bounds) for s in schema["anyOf"]]}
    if schema.get("type") in ("integer", "number"):
        return {**schema, **bounds}
    return schema


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of documents of *kind*.

    Args:
        kind: A document kind, such as ``"co-production-agreement"`` (see :func:`kinds`).

    Returns:
        The schema as a dict, ready to be written as JSON.

    Raises:
        UnknownReferenceError: For an unknown kind.

    Example:
        >>> schema = json_schema("money")
        >>> schema["properties"]["document"], schema["required"]
        ({'const': 'money'}, ['schema_version', 'document', 'value'])
    """
    from coprod.errors import UnknownReferenceError
    from coprod.serialization._documents import DOCUMENT_KEY, SCHEMA_VERSION, kinds

    classes = kinds()
    if kind not in classes:
        raise UnknownReferenceError(
            f"unknown document kind {kind!r}: expected one of {', '.join(sorted(classes))}"
        )
    cls = classes[kind]
    gen = _Generator()
    envelope = {
        "schema_version": {"const": SCHEMA_VERSION},
        DOCUMENT_KEY: {"const": kind},
    }
    title = f"coprod {kind} document (schema version {SCHEMA_VERSION})"
    if cls in gen.known or not attrs.has(cls):
        body: dict[str, Any] = {
            "type": "object",
            "properties": {**envelope, "value": gen.schema(cls, {})},
            "required": ["schema_version", DOCUMENT_KEY, "value"],
            "additionalProperties": False,
        }
    else:
        body = gen.object(cls, {}, extra=envelope)
        body["required"] = ["schema_version", DOCUMENT_KEY, *body.get("required", [])]
    schema: dict[str, Any] = {
        "$schema": JSON_SCHEMA_DIALECT,
        "$id": f"https://coprod.readthedocs.io/schema/{SCHEMA_VERSION}/{kind}.json",
        "title": title,
        **body,
    }
    if gen.defs:
        schema["$defs"] = dict(sorted(gen.defs.items()))
    return schema
