"""Documents: the envelope (schema version and kind) around every serialized object."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar, overload

from cattrs.errors import ClassValidationError, IterableValidationError

from coprod.agreements import CoProductionAgreement
from coprod.errors import (
    CoprodError,
    DocumentError,
    InvalidValueError,
    Problem,
    SchemaVersionError,
    quote,
    shown,
)
from coprod.geo import Country
from coprod.money import Currency, Money
from coprod.parties import Organisation, Person
from coprod.remakes import RemakeLicense, RemakePlan
from coprod.rights import RightsLedger
from coprod.serialization._converter import default_converter
from coprod.serialization._errors import problems
from coprod.serialization._fast import compiled
from coprod.serialization._fast_unstructure import compiled_unstructure
from coprod.serialization._formats import (
    FORMATS,
    emit,
    parse,
    parse_json_strict,
    parse_yaml_c,
    read_text,
    shape_problems,
)
from coprod.serialization._migrations import Migration, readable_versions, upgrade
from coprod.share import Share
from coprod.terms import Term
from coprod.treaties._model import Treaty

T = TypeVar("T")

#: The schema version this coprod writes. Older versions are read through the migrations
#: registered in :mod:`coprod.serialization._migrations`.
SCHEMA_VERSION = 1

#: The top-level key naming what a document holds (``kind`` is left to the objects
#: themselves: an organisation's kind, a treaty's kind).
DOCUMENT_KEY = "document"

def _waterfall_kinds() -> dict[str, type]:
    from coprod.waterfall._fx import RateTable
    from coprod.waterfall._model import ReceiptLedger, Waterfall
    from coprod.waterfall._state import WaterfallState

    return {
        "waterfall": Waterfall,
        "waterfall-state": WaterfallState,
        "receipts": ReceiptLedger,
        "exchange-rates": RateTable,
    }


#: Document kinds: the ``document`` key of a document names the class it holds.
#: Each domain adds its kinds here, one line each.
_KINDS: dict[str, type] = {
    "money": Money,
    "currency": Currency,
    "share": Share,
    "country": Country,
    "term": Term,
    "organisation": Organisation,
    "person": Person,
    "co-production-agreement": CoProductionAgreement,
    "treaty": Treaty,
    "rights-ledger": RightsLedger,
    "remake-licence": RemakeLicense,
    "remake-plan": RemakePlan,
    **_waterfall_kinds(),
}

#: The key that holds the single value of a value kind.
_SCALAR_KEY = "value"

#: The kinds written as a single value under ``value`` (every other kind is a mapping of its
#: fields, and a ``value`` key there is an unknown key like any other).
_VALUE_KINDS = frozenset({"money", "currency", "share", "country"})

#: Whether :func:`loads` tries the compiled fast path first (tests turn it off to compare).
_fast_enabled = True

_SUFFIXES = {".json": "json", ".yaml": "yaml", ".yml": "yaml", ".toml": "toml"}


def kinds() -> dict[str, type]:
    """Every document kind this coprod reads, by name."""
    return dict(_KINDS)


def _kind_of(cls: type) -> str:
    for name, known in _KINDS.items():
        if known is cls:
            return name
    raise InvalidValueError(
        f"{cls.__name__} is not a document kind; known kinds: {', '.join(sorted(_KINDS))}"
    )


def format_for(path: str | os.PathLike[str]) -> str:
    """The format implied by a file name's suffix."""
    suffix = Path(path).suffix.lower()
    if suffix not in _SUFFIXES:
        raise DocumentError(
            [Problem("$", f"cannot tell the format of {quote(str(path))}: "
                          "expected a .json, .yaml, .yml or .toml file")],
            str(path),
        )
    return _SUFFIXES[suffix]


def structure(data: Any, cls: type[T], *, source: str | None = None, path: str = "$") -> T:
    """Build a *cls* from already-parsed data, reporting every problem with its path.

    Raises:
        DocumentError: Listing every problem found.

    .. versionadded:: 0.1.0
    """
    try:
        return default_converter().structure(data, cls)
    except (ClassValidationError, IterableValidationError) as exc:
        found = problems(exc, path)
    except (CoprodError, ValueError, TypeError, KeyError) as exc:
        if isinstance(exc, DocumentError):
            raise
        found = problems(exc, path)
    raise DocumentError(_with_references(found, data, cls, path), source) from None


def _with_references(found: list[Problem], data: Any, cls: type, path: str) -> list[Problem]:
    """*found*, and the broken references of an agreement that could not be built.

    An agreement's references are checked once it is built; when something else stops it
    from being built, they are read from the data, so that every problem is reported at once.
    """
    from coprod.agreements import CoProductionAgreement, _references_in_data

    if cls is not CoProductionAgreement:
        return found
    seen = {p.path for p in found}
    return found + [p for p in _references_in_data(data, path) if p.path not in seen]


def unstructure(obj: object) -> Any:
    """The plain data (dicts, lists, strings, numbers) that *obj* is written as.

    .. versionadded:: 0.1.0
    """
    # cattrs' generated writers with their hook calls written in place: the same data, key
    # for key (see _fast_unstructure), without a call per list, optional, country or enum.
    return compiled_unstructure(default_converter(), type(obj))(obj)


def _open_envelope(data: Any, source: str | None) -> tuple[str, Any]:
    if not isinstance(data, Mapping):
        raise DocumentError(
            [
                Problem(
                    "$",
                    "a coprod document must be a mapping with 'schema_version' and "
                    f"{DOCUMENT_KEY!r}",
                )
            ],
            source,
        )
    version = data.get("schema_version")
    if version is None:
        raise SchemaVersionError(
            [Problem("$.schema_version", "missing: every coprod document starts with "
                     f"'schema_version: {SCHEMA_VERSION}'")],
            source,
        )
    readable = readable_versions(SCHEMA_VERSION)
    if isinstance(version, bool) or not isinstance(version, int) or version not in readable:
        newer = (
            isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION
        )
        hint = "; it was written by a newer coprod, upgrade coprod to read it" if newer else ""
        raise SchemaVersionError(
            [Problem("$.schema_version",
                     f"unknown schema version {shown(version)}: this coprod reads "
                     f"{', '.join(str(v) for v in sorted(readable))}{hint}")],
            source,
        )
    kind = data.get(DOCUMENT_KEY)
    if not isinstance(kind, str) or kind not in _KINDS:  # a list or a mapping is no name
        what = "missing" if kind is None else f"unknown document kind {quote(kind)}"
        hint = ""
        if kind is None and isinstance(data.get("kind"), str) and data["kind"] in _KINDS:
            hint = f" (the document kind goes under {DOCUMENT_KEY!r}, not 'kind')"
        raise DocumentError(
            [Problem(f"$.{DOCUMENT_KEY}",
                     f"{what}: expected one of {', '.join(sorted(_KINDS))}{hint}")],
            source,
        )
    body = {k: v for k, v in data.items() if k not in ("schema_version", DOCUMENT_KEY)}
    if version < SCHEMA_VERSION:
        body, _ = upgrade(str(kind), body, version, SCHEMA_VERSION)
    return str(kind), body


def upgrade_document(data: Any, *, source: str | None = None
                     ) -> tuple[dict[str, Any], tuple[Migration, ...]]:
    """Bring parsed document data up to the current schema version.

    Returns:
        The data with ``schema_version`` set to :data:`SCHEMA_VERSION` and the migration
        steps applied (none if it was current).

    Raises:
        DocumentError: If the envelope is missing, unknown, or newer than this coprod.

    .. versionadded:: 0.1.0
    """
    _open_envelope(data, source)  # checks the envelope
    version = data["schema_version"]
    kind = data[DOCUMENT_KEY]
    body = {k: v for k, v in data.items() if k not in ("schema_version", DOCUMENT_KEY)}
    body, applied = upgrade(kind, body, version, SCHEMA_VERSION)
    return {"schema_version": SCHEMA_VERSION, DOCUMENT_KEY: kind, **body}, applied


@overload
def loads(text: str, format: str = ..., *, kind: None = ..., source: str | None = ...) -> Any: ...
@overload
def loads(text: str, format: str = ..., *, kind: type[T], source: str | None = ...) -> T: ...
@overload
def loads(text: str, format: str = ..., *, kind: str | type[Any] | None = ...,
          source: str | None = ...) -> Any: ...


def loads(
    text: str, format: str = "json", *, kind: type[Any] | str | None = None,
    source: str | None = None,
) -> Any:
    r"""Load a coprod document from text.

    Args:
        text: The document.
        format: ``"json"``, ``"yaml"`` (safe loading only) or ``"toml"``, in any case.
        kind: If given (a class or a kind name), the document must hold that kind.
        source: A name for the document (a file name) used in error messages.

    Returns:
        The object the document holds.

    Raises:
        DocumentError: Listing every problem with its JSON path (unknown keys included).
        SchemaVersionError: If ``schema_version`` is missing or unknown.
        InvalidValueError: If *kind* names no document kind.

    Example:
        >>> loads('{"schema_version": 1, "document": "money", "value": "10.00 EUR"}')
        Money.parse('10.00 EUR')
        >>> loads('schema_version: 1\ndocument: share\nvalue: 1/3\n', "yaml")
        Share.parse('1/3')

    .. versionadded:: 0.1.0
    """
    format = format.lower() if isinstance(format, str) else format
    if isinstance(kind, str) and kind not in _KINDS:
        raise InvalidValueError(
            f"unknown document kind {quote(kind)}; known kinds: {', '.join(sorted(_KINDS))}")
    if isinstance(kind, type):
        _kind_of(kind)  # a class that is no document kind is refused before reading
    data: Any = _GAVE_UP
    if _fast_enabled and type(text) is str:
        obj, data = _fast_loads(text, format, kind, source)
        if obj is not _GAVE_UP:
            return obj
    if data is _GAVE_UP:
        data = parse(text, format, source)
    elif format == "json":
        # Read by parse_json_strict, which leaves the nesting depth to its caller.
        shape = shape_problems(data)
        if shape:
            raise DocumentError(shape, source)
    name, body = _open_envelope(data, source)
    if kind is not None:
        expected = kind if isinstance(kind, str) else _kind_of(kind)
        if name != expected:
            raise DocumentError(
                [Problem(f"$.{DOCUMENT_KEY}", f"expected a {expected!r} document, got {name!r}")],
                source,
            )
    cls = _KINDS[name]
    if name in _VALUE_KINDS and _SCALAR_KEY in body and set(body) == {_SCALAR_KEY}:
        return structure(body[_SCALAR_KEY], cls, source=source, path=f"$.{_SCALAR_KEY}")
    return structure(body, cls, source=source)


#: What :func:`_fast_loads` returns when it leaves a document to the careful path.
_GAVE_UP: Any = object()


def _fast_loads(
    text: str, fmt: str, kind: type[Any] | str | None, source: str | None
) -> tuple[Any, Any]:
    """The object a well-formed document holds, built the fast way, and the parsed data.

    The object is :data:`_GAVE_UP` at the first surprise of any kind; :func:`loads` then
    runs the careful path on the parsed data (never changed here), or, when the data is
    :data:`_GAVE_UP` too, from the text. TOML is parsed by :func:`parse` itself, whose
    errors are the careful path's; YAML by libyaml (:func:`parse_yaml_c`, with every limit
    of :func:`parse` checked); JSON by :func:`parse_json_strict`, which leaves the nesting
    depth to check.
    See :mod:`coprod.serialization._fast`.
    """
    if fmt in ("json", "yaml"):
        try:
            data = parse_json_strict(text) if fmt == "json" else parse_yaml_c(text)
        except Exception:  # a number beyond the limits, bad syntax...: parse() says which
            return _GAVE_UP, _GAVE_UP
    else:
        data = parse(text, fmt, source)
    try:
        version = data.get("schema_version") if type(data) is dict else None
        if type(version) is not int or version != SCHEMA_VERSION:  # true == 1 in Python
            return _GAVE_UP, data
        name = data.get(DOCUMENT_KEY)
        cls = _KINDS.get(name) if type(name) is str else None
        if cls is None or (kind is not None and kind != name and kind is not cls):
            return _GAVE_UP, data
        fast = compiled(default_converter(), cls)
        if fast is None:
            return _GAVE_UP, data
        if name in _VALUE_KINDS and _SCALAR_KEY in data and len(data) == 3:  # as loads()
            return fast(data[_SCALAR_KEY]), data
        return fast({k: v for k, v in data.items()
                     if k != "schema_version" and k != DOCUMENT_KEY}), data
    except Exception:  # any surprise at all: the careful path reports
        return _GAVE_UP, data


def dumps(obj: object, format: str = "json") -> str:
    """Write *obj* as a coprod document: canonical, deterministic, lossless.

    ``loads(dumps(x, f), f) == x`` for every document kind and format, and dumping the
    result again gives the same text.

    Args:
        obj: An object of one of the document kinds.
        format: ``"json"`` (the default), ``"yaml"`` or ``"toml"``.

    Returns:
        The document's text, ending with a newline.

    Raises:
        DocumentError: If *format* is not one of them.
        InvalidValueError: If *obj* is not of a document kind.

    Example:
        >>> from coprod import Money
        >>> print(dumps(Money.parse("10 EUR"), "toml"), end="")
        schema_version = 1
        document = "money"
        value = "10.00 EUR"

    .. versionadded:: 0.1.0
    """
    format = format.lower() if isinstance(format, str) else format
    if format not in FORMATS:
        raise DocumentError(
            [Problem("$", f"unknown format {format!r}: expected one of {', '.join(FORMATS)}")]
        )
    name = _kind_of(type(obj))
    data = unstructure(obj)
    envelope: dict[str, Any] = {"schema_version": SCHEMA_VERSION, DOCUMENT_KEY: name}
    if isinstance(data, Mapping):
        envelope.update(data)
    else:
        envelope[_SCALAR_KEY] = data
    return emit(envelope, format)


def load(path: str | os.PathLike[str], *, kind: type[Any] | str | None = None) -> Any:
    """Load a coprod document from a ``.json``, ``.yaml``/``.yml`` or ``.toml`` file.

    Args:
        path: The file; its suffix names the format.
        kind: The kind of document expected (a class or its name); by default, whatever
            kind the document's ``document`` key names.

    Returns:
        The object the document describes.

    Raises:
        DocumentError: If the file cannot be read or holds problems (each with its path).

    Example:
        >>> import coprod, pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "budget.json"
        >>> coprod.dump(coprod.Money.parse("10 EUR"), path)
        >>> coprod.load(path)
        Money.parse('10.00 EUR')

    .. versionadded:: 0.1.0
    """
    fmt = format_for(path)
    return loads(read_text(path), fmt, kind=kind, source=str(path))


def dump(obj: object, path: str | os.PathLike[str]) -> None:
    """Write *obj* to a file as its canonical document, in the format its suffix names.

    Args:
        obj: An object of one of the document kinds.
        path: The file to write (replaced if it exists); ``.json``, ``.yaml``/``.yml`` or
            ``.toml``.

    Raises:
        DocumentError: If the suffix names no format or the file cannot be written.
        InvalidValueError: If *obj* is not of a document kind.

    Example:
        >>> import coprod, pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "budget.yaml"
        >>> coprod.dump(coprod.Money.parse("10 EUR"), path)
        >>> print(path.read_text(), end="")
        schema_version: 1
        document: money
        value: 10.00 EUR

    .. versionadded:: 0.1.0
    """
    text = dumps(obj, format_for(path))
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise DocumentError([Problem("$", f"cannot write the file: {reason}")],
                            str(path)) from None
