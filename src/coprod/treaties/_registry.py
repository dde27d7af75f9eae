"""The catalogue: built-in instrument files, plus instruments and rule kinds from plugins.

Built-in instruments are the data files in ``coprod/treaties/catalogue/``. Third-party
packages add instruments through the entry point group ``coprod.instruments`` (the entry
point loads to a :class:`Treaty`, a path to a treaty document, or an iterable of either) and
rule kinds through ``coprod.rule_kinds`` (the entry point loads to a rule class). At run
time, :func:`register_instrument` and :func:`register_rule_kind` do the same.
"""

from __future__ import annotations

import builtins
import functools
import importlib.metadata
import importlib.resources
import os
import re
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from coprod.errors import InvalidValueError, UnknownTreatyError, quote
from coprod.treaties._model import Treaty
from coprod.treaties.rules import BUILTIN_RULE_KINDS

INSTRUMENTS_GROUP = "coprod.instruments"
RULE_KINDS_GROUP = "coprod.rule_kinds"

_lock = threading.RLock()
_extra_kinds: dict[str, type] = {}
_extra_instruments: dict[str, Treaty] = {}

_ID_PART = re.compile(r"^[A-Z]{2}$")


def canonical_id(text: str) -> str:
    """The canonical form of an instrument id: upper case, country codes in order.

    ``ru-cn-2017`` and ``CN-RU-2017`` are the same instrument; ``ets147`` and ``ETS 147``
    are ``ETS-147``.

    Example:
        >>> canonical_id("ru-cn-2017"), canonical_id("ets 147"), canonical_id("de-ch-at-2011")
        ('CN-RU-2017', 'ETS-147', 'AT-CH-DE-2011')

    """
    if not isinstance(text, str) or not text.strip() or len(text) > 64:
        raise InvalidValueError(f"not an instrument id: {quote(text)}")
    t = re.sub(r"[\s_]+", "-", text.strip().upper())
    series = re.fullmatch(r"(C?ETS)-?(\d+)", t)
    if series:
        return f"{series[1]}-{int(series[2])}"
    parts = t.split("-")
    *countries, year = parts
    if len(parts) >= 3 and year.isdigit() and builtins.all(_ID_PART.match(p) for p in countries):
        return "-".join([*sorted(countries), year])
    return t


def rule_kinds() -> dict[str, type]:
    """Every rule kind by name: built-in, from entry points, and registered at run time.

    Example:
        >>> "contribution-range" in rule_kinds()
        True

    """
    with _lock:
        return {**_entry_point_kinds(), **{k.kind: k for k in BUILTIN_RULE_KINDS},
                **_extra_kinds}


@functools.cache
def _entry_point_kinds() -> dict[str, type]:
    found: dict[str, type] = {}
    for ep in importlib.metadata.entry_points(group=RULE_KINDS_GROUP):
        cls = ep.load()
        name = getattr(cls, "kind", None)
        if not isinstance(name, str) or not name:
            raise InvalidValueError(f"entry point {ep.name!r} in {RULE_KINDS_GROUP} is not a rule "
                                    "kind (it needs a 'kind' class attribute)")
        found[name] = cls
    return found


def register_rule_kind(cls: type) -> type:
    """Register a rule kind so catalogue files can use it (usable as a class decorator).

    The class must be a frozen attrs class with class attributes ``kind`` (its name in
    catalogue files) and ``codes`` (the finding codes it may emit), and satisfy
    :class:`coprod.treaties.Rule`.

    Raises:
        coprod.InvalidValueError: If the class has no ``kind``, reuses a built-in name, or
            declares no ``codes`` (a tuple of at least one :class:`coprod.findings.FindingCode`;
            :func:`coprod.validation.finding_codes` lists them).

    .. versionadded:: 0.1.0

    """
    from coprod.findings import FindingCode

    name = getattr(cls, "kind", None)
    if not isinstance(name, str) or not name:
        raise InvalidValueError(f"{cls.__name__} needs a 'kind' class attribute naming it")
    codes = getattr(cls, "codes", None)
    if (not isinstance(codes, tuple) or not codes
            or any(not isinstance(c, FindingCode) for c in codes)):
        raise InvalidValueError(
            f"{cls.__name__} needs a 'codes' class attribute: a non-empty tuple of "
            "coprod.findings.FindingCode, one for each code its findings may carry")
    if name in {k.kind for k in BUILTIN_RULE_KINDS} and cls not in BUILTIN_RULE_KINDS:
        raise InvalidValueError(f"rule kind {name!r} is built in; choose another name")
    with _lock:
        _extra_kinds[name] = cls
        _reset_converters()
    return cls


def _reset_converters() -> None:
    from coprod.serialization._converter import default_converter

    default_converter.cache_clear()


def _load_file(path: Any) -> Treaty:
    from coprod.errors import DocumentError, Problem
    from coprod.serialization import loads
    from coprod.serialization._formats import read_text

    name = getattr(path, "name", str(path))
    if isinstance(path, (str, os.PathLike)):
        text = read_text(path)
    else:  # a resource inside a package (importlib.resources)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = f"cannot read the file: {quote(str(exc))}"
            raise DocumentError([Problem("$", reason)], str(name)) from None
    fmt = ("json" if str(name).endswith(".json")
           else "toml" if str(name).endswith(".toml") else "yaml")
    return loads(text, fmt, kind=Treaty, source=str(name))


@functools.cache
def _builtin() -> dict[str, Treaty]:
    folder = importlib.resources.files("coprod.treaties") / "catalogue"
    out: dict[str, Treaty] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yaml", ".yml")):
            treaty = _load_file(entry)
            _add(out, treaty, entry.name)
    return out


@functools.cache
def _from_entry_points() -> dict[str, Treaty]:
    out: dict[str, Treaty] = {}
    for ep in importlib.metadata.entry_points(group=INSTRUMENTS_GROUP):
        for treaty in _as_treaties(ep.load()):
            _add(out, treaty, f"entry point {ep.name!r}")
    return out


def _as_treaties(value: Any) -> Iterable[Treaty]:
    if isinstance(value, Treaty):
        return [value]
    if isinstance(value, (str, os.PathLike)):
        return [_load_file(Path(value))]
    if hasattr(value, "read_text"):
        return [_load_file(value)]
    if callable(value):
        return _as_treaties(value())
    if isinstance(value, Iterable):
        return [t for v in value for t in _as_treaties(v)]
    raise InvalidValueError(f"not an instrument: {quote(value)}")


def _add(into: dict[str, Treaty], treaty: Treaty, where: str) -> None:
    key = canonical_id(treaty.id)
    if key != treaty.id:
        raise InvalidValueError(
            f"instrument id {treaty.id!r} ({where}) is not canonical: use {key!r}")
    if key in into:
        raise InvalidValueError(f"instrument {key} is defined twice ({where})")
    into[key] = treaty


def _catalogue() -> dict[str, Treaty]:
    with _lock:
        merged = dict(_builtin())
        for source in (_from_entry_points(), _extra_instruments):
            for key, treaty in source.items():
                merged[key] = treaty
        return merged


def register_instrument(treaty: Treaty) -> Treaty:
    """Add an instrument to the catalogue at run time (replacing one with the same id).

    .. versionadded:: 0.1.0
    """
    key = canonical_id(treaty.id)
    if key != treaty.id:
        raise InvalidValueError(f"instrument id {treaty.id!r} is not canonical: use {key!r}")
    with _lock:
        _extra_instruments[key] = treaty
    return treaty


def unregister_instrument(instrument_id: str) -> None:
    """Remove an instrument added with :func:`register_instrument`.

    .. versionadded:: 0.1.0
    """
    with _lock:
        _extra_instruments.pop(canonical_id(instrument_id), None)


def get(instrument_id: str) -> Treaty:
    """The instrument with this id: case-insensitive, countries in any order.

    Raises:
        coprod.UnknownTreatyError: If no instrument has this id (the message lists them).

    Example:
        >>> get("ru-cn-2017").id
        'CN-RU-2017'

    .. versionadded:: 0.1.0

    """
    key = canonical_id(instrument_id)
    catalogue = _catalogue()
    try:
        return catalogue[key]
    except KeyError:
        raise UnknownTreatyError(
            f"no instrument {instrument_id!r} in the catalogue; "
            f"known: {', '.join(sorted(catalogue))}"
        ) from None


def all() -> tuple[Treaty, ...]:
    """Every instrument in the catalogue, sorted by id.

    Example:
        >>> "ETS-147" in [t.id for t in all()]
        True

    .. versionadded:: 0.1.0

    """
    catalogue = _catalogue()
    return tuple(catalogue[k] for k in sorted(catalogue))
