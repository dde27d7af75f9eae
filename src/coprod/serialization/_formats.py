"""Reading and writing JSON, YAML and TOML text, exactly and safely."""

from __future__ import annotations

import codecs
import importlib
import json
import os
import re
import tomllib
from decimal import Decimal, InvalidOperation
from typing import Any

import tomli_w
import yaml

from coprod.errors import DocumentError, Problem, member, quote, shown

_orjson: Any
try:  # optional (coprod[fast]): writes the same canonical JSON as json.dumps, faster
    _orjson = importlib.import_module("orjson")
except ImportError:  # pragma: no cover - the test extra installs it
    _orjson = None

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
#: Most digits a number may have when written out in full: ``1e999999999`` has a billion,
#: ``0x`` followed by 100,000 ``f`` has 120,412. Amounts need at most 48 (see
#: :mod:`coprod._exact`); this refuses hostile numbers before any arithmetic runs on them.
MAX_NUMBER_DIGITS = 100
#: Longest text value or key, in characters (a long note is a few thousand).
MAX_STRING_CHARS = 65_536
#: A number written with more characters than this is refused unread (digits, sign,
#: separators, exponent): the slack covers ``_`` separators and YAML's ``1:30`` forms.
_MAX_NUMBER_TEXT = 4 * MAX_NUMBER_DIGITS


class _Refused:
    """A scalar the parser declined to convert (too long to be a number); reported by path."""

    __slots__ = ("reason",)

    def __init__(self, reason: str) -> None:
        self.reason = reason


def _number_text_problem(text: str) -> _Refused | None:
    if len(text) > _MAX_NUMBER_TEXT:
        return _Refused(f"a number written with {len(text)} characters; "
                        f"at most {MAX_NUMBER_DIGITS} digits are accepted")
    return None


# -- YAML ---------------------------------------------------------------------------------


class _Limits(yaml.composer.Composer):
    """Composing with a cap on aliases and on depth (shared by both YAML loaders)."""

    _aliases = 0
    _depth = 0
    # Given by the parser each loader is built on (PyYAML's or libyaml's).
    check_event: Any
    peek_event: Any

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_YAML_ALIASES:
                event = self.peek_event()
                raise yaml.YAMLError(
                    f"more than {MAX_YAML_ALIASES} aliases (line {event.start_mark.line + 1}); "
                    "refusing to expand what may be an alias bomb"
                )
        # The composer recurses once per level: stop at the depth limit, long before
        # Python's recursion limit (which would take seconds to reach and unwind).
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH + 1:
                event = self.peek_event()
                raise yaml.YAMLError(
                    f"document is nested deeper than {MAX_DEPTH} levels "
                    f"(line {event.start_mark.line + 1})"
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _Loader(_Limits, yaml.SafeLoader):
    """A safe loader with YAML 1.2 booleans, exact decimals and duplicate-key detection.

    YAML 1.1 reads ``NO`` (Norway) as false; coprod documents are full of country codes, so
    only ``true``/``false`` are booleans here. Floats are read as exact Decimals.
    """


# Copy the resolvers so the change does not leak into yaml.SafeLoader.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _first in "tTfF":
    _Loader.yaml_implicit_resolvers.setdefault(_first, []).append(
        ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"))
    )


def _construct_decimal(loader: _Loader, node: yaml.ScalarNode) -> Decimal | _Refused:
    text = str(loader.construct_scalar(node)).replace("_", "")
    refused = _number_text_problem(text)
    if refused is not None:
        return refused
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
        if not isinstance(key, str):
            # JSON and TOML keys are text; so are a coprod document's. A list as a key
            # would not even be hashable.
            raise yaml.constructor.ConstructorError(
                "while reading a mapping", node.start_mark,
                f"a key must be text, got {shown(key)}", key_node.start_mark,
            )
        if key in result:
            raise yaml.constructor.ConstructorError(
                "while reading a mapping", node.start_mark,
                f"duplicate key {key!r}", key_node.start_mark,
            )
        result[key] = loader.construct_object(value_node, deep=True)
    return result


def _construct_int(loader: _Loader, node: yaml.ScalarNode) -> int | _Refused:
    refused = _number_text_problem(str(node.value))
    if refused is not None:
        return refused
    return int(loader.construct_yaml_int(node))


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> Any:
    # "2024-02-30" looks like a date but is none: keep the text, so that the date hook
    # reports it at its path instead of the parser failing the whole document.
    try:
        return loader.construct_yaml_timestamp(node)
    except (ValueError, OverflowError):
        return str(node.value)


_Loader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


_CParser: Any
try:  # PyYAML's wheels are built with libyaml
    _CParser = importlib.import_module("yaml._yaml").CParser
except ImportError:  # pragma: no cover - a PyYAML built without libyaml
    _CParser = None


if _CParser is not None:

    class _CEventLoader(_Limits, _CParser, yaml.constructor.SafeConstructor,  # type: ignore[misc]
                        yaml.resolver.Resolver):
        """:class:`_Loader` reading its events from libyaml's C parser.

        Only scanning and parsing move to C; composing (with the alias and depth limits),
        resolving and constructing are :class:`_Loader`'s own. libyaml words its syntax
        errors differently, so the fast path of :func:`coprod.loads` uses this loader and
        gives a document it refuses to :func:`parse`, which says what is wrong in the words
        of the pure-Python parser. ``tests/test_fast_path.py`` checks that whatever this
        loader reads, :class:`_Loader` reads the same.
        """

        yaml_constructors = _Loader.yaml_constructors
        yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers

        _flow = 0  # how many flow collections ([...], {...}) the composer is inside

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

        def _collection(self, compose: Any, anchor: Any) -> Any:
            flow = bool(self.peek_event().flow_style)
            self._flow += flow
            try:
                return compose(anchor)
            finally:
                self._flow -= flow

        def compose_sequence_node(self, anchor: Any) -> Any:
            return self._collection(super().compose_sequence_node, anchor)

        def compose_mapping_node(self, anchor: Any) -> Any:
            return self._collection(super().compose_mapping_node, anchor)

        def compose_scalar_node(self, anchor: Any) -> Any:
            event = self.peek_event()
            # PyYAML ends a plain scalar at '?' inside [...] or {...} ("[zh?]" is an error
            # to it); libyaml reads on.
            if self._flow and not event.style and "?" in event.value:
                raise _Beyond("a character libyaml reads differently")
            return super().compose_scalar_node(anchor)


class _Dumper(yaml.SafeDumper):
    """Block style, lists indented under their key."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)


# -- JSON ---------------------------------------------------------------------------------


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):  # rare: find the key written twice
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"duplicate key {quote(key)}")
            seen.add(key)
    return result


def _json_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


def _json_int(text: str) -> int | _Refused:
    # Checked before int() runs: converting decimal digits to int is quadratic.
    refused = _number_text_problem(text)
    return refused if refused is not None else int(text)


def _json_decimal(text: str) -> Decimal | _Refused:
    refused = _number_text_problem(text)
    return refused if refused is not None else Decimal(text)


# -- both directions ----------------------------------------------------------------------


#: A number of more bits than this has more than MAX_NUMBER_DIGITS decimal digits.
_MAX_INT_BITS = int(MAX_NUMBER_DIGITS * 3.3219280948873626) + 1  # log2(10)


def _json_path(where: tuple[Any, Any] | None) -> str:
    keys: list[Any] = []
    while where is not None:
        key, where = where
        keys.append(key)
    path = "$"
    for key in reversed(keys):
        path = f"{path}[{key}]" if isinstance(key, int) else member(path, key)
    return path


def _value_problem(item: Any) -> str | None:
    """Why one scalar is beyond the resource limits, or None."""
    if isinstance(item, str):
        if len(item) > MAX_STRING_CHARS:
            return (f"text of {len(item)} characters is longer than the "
                    f"{MAX_STRING_CHARS} accepted: {quote(item, 40)}")
    elif isinstance(item, bool):
        return None
    elif isinstance(item, int):
        if item.bit_length() > _MAX_INT_BITS:
            return f"a number with more than {MAX_NUMBER_DIGITS} digits"
    elif isinstance(item, Decimal):
        if item.is_finite():  # NaN and infinities are reported by the hooks, with context
            _, digits, exponent = item.as_tuple()
            assert isinstance(exponent, int)
            written = len(digits) + exponent if exponent >= 0 else max(len(digits), -exponent)
            if written > MAX_NUMBER_DIGITS:
                return (f"number {quote(item)} has {written} digits written out; "
                        f"at most {MAX_NUMBER_DIGITS} are accepted")
    elif isinstance(item, _Refused):
        return item.reason
    return None


def _shape_problems(data: Any) -> list[Problem]:
    """Why the parsed data is too deep, too large, or holds values too big to process.

    A fast walk, level by level and without paths, runs on every document; only when it
    finds something does :func:`_located_problems` walk again to say where.
    """
    level: list[Any] = [data]
    depth = seen = 0
    suspect = False
    while level:
        seen += len(level)
        if seen > MAX_ELEMENTS:
            return [Problem("$", f"document has more than {MAX_ELEMENTS} elements (YAML "
                                 "aliases count each time they are used)")]
        if depth > MAX_DEPTH:
            suspect = True
            break
        below: list[Any] = []
        for item in level:
            kind = type(item)
            if kind is dict:
                if item and max(map(len, item)) > MAX_STRING_CHARS:  # keys are text
                    suspect = True
                below.extend(item.values())
            elif kind is list:
                below.extend(item)
            elif kind is str:
                if len(item) > MAX_STRING_CHARS:
                    suspect = True
            elif kind is int:
                if item.bit_length() > _MAX_INT_BITS:
                    suspect = True
            elif kind is Decimal or kind is _Refused:
                suspect = suspect or _value_problem(item) is not None
        level = below
        depth += 1
    return _located_problems(data) if suspect else []


def _located_problems(data: Any) -> list[Problem]:
    """Each oversized text or number at its path; depth stops the walk at once."""
    out: list[Problem] = []
    stack: list[tuple[Any, int, tuple[Any, Any] | None]] = [(data, 0, None)]
    seen = 0
    while stack:
        item, depth, where = stack.pop()
        seen += 1
        if seen > MAX_ELEMENTS:
            return [Problem("$", f"document has more than {MAX_ELEMENTS} elements (YAML "
                                 "aliases count each time they are used)")]
        if depth > MAX_DEPTH:
            return [Problem(_json_path(where),
                            f"document is nested deeper than {MAX_DEPTH} levels")]
        if isinstance(item, dict):
            children = []
            for key, value in item.items():
                if isinstance(key, str) and len(key) > MAX_STRING_CHARS:
                    out.append(Problem(_json_path(where), f"a key of {len(key)} characters is "
                                       f"longer than the {MAX_STRING_CHARS} accepted"))
                    continue
                children.append((value, depth + 1, (key, where)))
            stack.extend(reversed(children))
        elif isinstance(item, list):
            stack.extend(reversed([(v, depth + 1, (i, where)) for i, v in enumerate(item)]))
        else:
            problem = _value_problem(item)
            if problem is not None:
                out.append(Problem(_json_path(where), problem))
    return out


def read_text(path: str | os.PathLike[str], *, limit: int = MAX_DOCUMENT_CHARS) -> str:
    """Read a UTF-8 text file (a byte-order mark is dropped) of at most *limit* characters.

    Never reads more than *limit* + 1 characters, so a huge file, or a device such as
    ``/dev/zero``, is refused without filling the memory.

    Raises:
        DocumentError: If the file cannot be read, is not UTF-8, or is too large.
    """
    source = str(path)
    try:
        with open(path, "rb") as fh:
            # A character is at most four bytes in UTF-8: more bytes than that cannot be
            # *limit* characters, and fewer are decoded in one piece, so that the position
            # of a byte that is not UTF-8 is counted from the start of the file.
            raw = fh.read(4 * limit + 4)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise DocumentError([Problem("$", f"cannot read the file: {reason}")], source) from None
    text = _decode_utf8(raw, source)
    if len(text) > limit:
        raise DocumentError([Problem("$", f"the file is larger than the {limit} characters "
                                          "coprod reads")], source)
    return text


_UTF16_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _decode_utf8(raw: bytes, source: str) -> str:
    """*raw* as UTF-8 text (a byte-order mark dropped), or a problem saying what it is."""
    if raw.startswith(_UTF16_BOMS) or (len(raw) >= 4 and raw[:64].count(0) * 3 > len(raw[:64])):
        # A UTF-16 or UTF-32 file (Notepad's "Unicode"): its byte-order mark, or a NUL
        # byte for every other byte or more, which text in UTF-8 does not hold.
        raise DocumentError([Problem(
            "$", "not UTF-8 text: the file looks like UTF-16 or UTF-32 (an editor's "
                 "\"Unicode\" encoding); save it as UTF-8")], source)
    start = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
    try:
        text = raw[start:].decode("utf-8")
    except UnicodeDecodeError as exc:
        byte = start + exc.start + 1
        raise DocumentError(
            [Problem("$", f"not UTF-8 text: {exc.reason} (byte {byte:,})")], source
        ) from None
    # Line ends as text mode reads them: "\r\n" and "\r" become "\n".
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _clip(text: str, limit: int = 200) -> str:
    """A parser's message, cut short: some quote the offending text in full."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE


def parse_yaml_c(text: str) -> Any:
    """Parse YAML as :func:`parse` does, with libyaml's C parser; for the fast path.

    Raises at the first problem of any kind (in libyaml's words, or because libyaml is not
    there); the caller then uses :func:`parse`.
    """
    if _CParser is None:  # pragma: no cover - PyYAML's wheels are built with libyaml
        raise _Beyond("no libyaml")
    if len(text) > MAX_DOCUMENT_CHARS:
        raise _Beyond("document")
    text = text.removeprefix("\ufeff")
    # Where libyaml and PyYAML disagree, PyYAML's reading is the one coprod keeps: libyaml
    # takes tabs, byte-order marks past the start, some characters PyYAML's reader refuses
    # and '?' in plain scalars inside [...] or {...} (see _CEventLoader), so such texts go
    # the pure-Python way.
    if "\t" in text or "\ufeff" in text or _NON_PRINTABLE.search(text):
        raise _Beyond("a character libyaml reads differently")
    loader = _CEventLoader(text)
    try:
        data = loader.get_single_data()
    finally:
        loader.dispose()
    if _shape_problems(data):
        raise _Beyond("shape")
    return data


def parse(text: str, fmt: str, source: str | None = None) -> Any:
    """Parse *text* in *fmt*; numbers become int or exact Decimal, never float."""
    if fmt not in FORMATS:
        raise DocumentError(
            [Problem("$", f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")], source
        )
    if not isinstance(text, str):
        raise DocumentError([Problem("$", "a document must be text")], source)
    if len(text) > MAX_DOCUMENT_CHARS:
        raise DocumentError(
            [Problem("$", f"document is larger than {MAX_DOCUMENT_CHARS} characters")], source
        )
    text = text.removeprefix("\ufeff")  # a byte-order mark, as some editors on Windows write
    try:
        if fmt == "json":
            data = json.loads(
                text, parse_float=_json_decimal, parse_int=_json_int, object_pairs_hook=_pairs,
                parse_constant=_json_constant,
            )
        elif fmt == "yaml":
            data = yaml.load(text, Loader=_Loader)  # _Loader is a SafeLoader
        else:
            data = tomllib.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise DocumentError(
            [Problem("$", f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")],
            source,
        ) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, at an offset
        before = text[: exc.position]
        line, column = before.count("\n") + 1, exc.position - before.rfind("\n")
        char = exc.character if isinstance(exc.character, int) else ord(exc.character[:1] or "\0")
        raise DocumentError([Problem("$", f"not valid YAML: the character U+{char:04X} is not "
                                          f"allowed (line {line}, column {column})")],
                            source) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = _clip(getattr(exc, "problem", None) or str(exc))
        raise DocumentError([Problem("$", f"not valid YAML: {problem}{where}")], source) from None
    except tomllib.TOMLDecodeError as exc:
        raise DocumentError([Problem("$", f"not valid TOML: {_clip(str(exc))}")], source) from None
    except RecursionError:
        raise DocumentError(
            [Problem("$", f"document is nested deeper than {MAX_DEPTH} levels")], source
        ) from None
    except ValueError as exc:  # duplicate JSON keys, NaN, a TOML integer of 5,000 digits
        reason = str(exc)
        if "integer string conversion" in reason:
            reason = f"a number with more than {MAX_NUMBER_DIGITS} digits"
        raise DocumentError(
            [Problem("$", f"not a valid {fmt.upper()} document: {_clip(reason)}")], source
        ) from None
    shape = _shape_problems(data)
    if shape:
        raise DocumentError(shape, source)
    return data


class _Beyond(ValueError):
    """A number :func:`parse_json_strict` leaves to :func:`parse` to report."""


def _strict_int(text: str) -> int:
    if len(text) - text.startswith("-") > MAX_NUMBER_DIGITS:
        raise _Beyond(text[:20])
    return int(text)


def _strict_decimal(text: str) -> Decimal:
    if len(text) > _MAX_NUMBER_TEXT:
        raise _Beyond(text[:20])
    value = Decimal(text)
    if _value_problem(value) is not None:
        raise _Beyond(text[:20])
    return value


def _strict_constant(name: str) -> Any:
    raise _Beyond(name)


def parse_json_strict(text: str) -> Any:
    """Parse a small JSON document exactly, or raise at the first value beyond the limits.

    For the fast path of :func:`coprod.loads`: a document of at most
    :data:`MAX_STRING_CHARS` characters cannot hold a text longer than that, nor more than
    :data:`MAX_ELEMENTS` values, so of the limits :func:`parse` checks only the size of
    numbers is left, and it is checked here as each number is read. Nesting is left to the
    caller, which only descends into the shapes a document kind declares. Any exception
    means "use :func:`parse`", which says what is wrong and where.
    """
    if len(text) > MAX_STRING_CHARS or len(text) > MAX_DOCUMENT_CHARS:
        raise _Beyond("document")
    return json.loads(
        text.removeprefix("\ufeff"), parse_float=_strict_decimal, parse_int=_strict_int,
        object_pairs_hook=_pairs, parse_constant=_strict_constant,
    )


def shape_problems(data: Any) -> list[Problem]:
    """Why parsed *data* is too deep, too large or holds values too big (empty if fine)."""
    return _shape_problems(data)


#: Two-space indentation and a final newline, as ``json.dumps(..., indent=2) + "\n"``.
_ORJSON_OPTIONS = 0 if _orjson is None else _orjson.OPT_INDENT_2 | _orjson.OPT_APPEND_NEWLINE


def _json_text(data: Any) -> str:
    """Canonical JSON: two-space indentation, keys in order, text unescaped, final newline.

    The standard library's encoder writes indented JSON in pure Python. With the optional
    orjson installed (``coprod[fast]``) its encoder writes the same text, byte for byte
    (``tests/test_fast_path.py`` compares the two on generated data), indentation and all,
    in one pass; anything it cannot write the same way (a lone surrogate, an integer past
    64 bits, nesting past 255 levels) goes the standard way.
    """
    if _orjson is not None:
        try:
            text: str = _orjson.dumps(data, option=_ORJSON_OPTIONS).decode()
            return text
        except (TypeError, ValueError, OverflowError, UnicodeError):
            pass
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _has_big_int(data: Any) -> bool:
    """Whether plain *data* holds an integer outside TOML's 64 bits (no paths: fast)."""
    if type(data) is int:
        return not -(2**63) <= data < 2**63
    if type(data) is dict:
        return any(_has_big_int(v) for v in data.values())
    if type(data) is list:
        return any(_has_big_int(v) for v in data)
    return False


def _toml_unsafe_int(data: Any, path: str) -> str | None:
    """The path of the first integer outside TOML's 64 bits in plain *data*, or None."""
    if not _has_big_int(data):
        return None
    if type(data) is int:
        return path
    items = (((member(path, k), v) for k, v in data.items()) if type(data) is dict
             else ((f"{path}[{i}]", v) for i, v in enumerate(data)))
    for where, value in items:
        found = _toml_unsafe_int(value, where)
        if found is not None:
            return found
    return None  # pragma: no cover - _has_big_int found one


def emit(data: Any, fmt: str) -> str:
    """Write unstructured *data* as canonical text: same data, same bytes."""
    if fmt == "json":
        return _json_text(data)
    if fmt == "yaml":
        return str(yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                             default_flow_style=False, width=100))
    if fmt == "toml":
        too_big = _toml_unsafe_int(data, "$")
        if too_big is not None:
            # TOML promises 64-bit integers and says a reader must refuse any other.
            raise DocumentError([Problem(too_big, "a whole number past 64 bits cannot be "
                                                  "written as TOML; use JSON or YAML")])
        return tomli_w.dumps(data)
    raise DocumentError(
        [Problem("$", f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")]
    )
