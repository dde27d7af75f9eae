"""The JSON Schema export agrees with what coprod writes and loads."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coprod import UnknownReferenceError, dumps, loads
from coprod.serialization import json_schema, kinds
from coprod.serialization._formats import parse
from coprod.strategies import KIND_STRATEGIES

ROOT = Path(__file__).resolve().parent.parent
DOCUMENT_SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".toml": "toml"}


def _jsonable(data: Any) -> Any:
    """What a JSON reader would see: dates as ISO text (YAML and TOML have native dates)."""
    if isinstance(data, dict):
        return {k: _jsonable(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_jsonable(v) for v in data]
    if isinstance(data, dt.date):
        return data.isoformat()
    return data


def _validator(kind: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json_schema(kind))


@pytest.mark.parametrize("kind", sorted(kinds()))
def test_schema_is_valid_2020_12(kind: str) -> None:
    """Every kind's schema is itself a valid draft 2020-12 schema with the envelope."""
    schema = json_schema(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["properties"]["document"] == {"const": kind}
    assert schema["additionalProperties"] is False


@pytest.mark.parametrize("kind", sorted(kinds()))
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_what_coprod_writes_the_schema_accepts(kind: str, data: st.DataObject) -> None:
    """Any document coprod dumps validates against the schema of its kind."""
    obj = data.draw(KIND_STRATEGIES[kind])
    document = json.loads(dumps(obj, "json"), parse_float=Decimal)
    errors = list(_validator(kind).iter_errors(document))
    assert not errors, [e.message for e in errors[:3]]


def _example_documents() -> list[Path]:
    paths = []
    for path in sorted((ROOT / "examples").rglob("*")):
        if path.suffix in DOCUMENT_SUFFIXES and "schema_version" in path.read_text(
            encoding="utf-8"
        ):
            paths.append(path)
    return paths


@pytest.mark.parametrize("path", _example_documents(), ids=lambda p: p.name)
def test_every_example_follows_the_schema_and_loads(path: Path) -> None:
    """Every shipped example document validates against its kind's schema and loads."""
    data = parse(path.read_text(encoding="utf-8"), DOCUMENT_SUFFIXES[path.suffix])
    errors = list(_validator(data["document"]).iter_errors(_jsonable(data)))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:3]]
    loads(path.read_text(encoding="utf-8"), DOCUMENT_SUFFIXES[path.suffix])


@pytest.mark.parametrize(
    ("kind", "document", "fragment"),
    [
        ("organisation", {"id": "x", "name": "X", "country": "ZZ"}, "'ZZ' is not valid under any"),
        (
            "organisation",
            {"id": "x", "name": "X", "country": "RU", "nmae": "Y"},
            "Additional properties",
        ),
        ("organisation", {"id": "x", "country": "RU"}, "'name' is a required property"),
        ("money", {"value": "12,5 EUR"}, "does not match"),
        ("share", {"value": "120"}, None),
        ("person", {"id": "x", "name": "X", "nationalities": "RU"}, "is not of type 'array'"),
    ],
)
def test_the_schema_refuses_what_coprod_refuses(
    kind: str, document: dict[str, Any], fragment: str | None
) -> None:
    """Where the schema can tell, it rejects the same documents the loader rejects."""
    full = {"schema_version": 1, "document": kind, **document}
    errors = list(_validator(kind).iter_errors(full))
    with pytest.raises(Exception):  # noqa: B017, PT011 - the loader's refusal, whatever its problem
        loads(json.dumps(full))
    if fragment is None:
        return  # the schema cannot express every bound (120 as a share); coprod still refuses
    assert any(fragment in e.message for e in errors), [e.message for e in errors]


def test_unknown_kind() -> None:
    """Asking for the schema of an unknown kind names the known ones."""
    with pytest.raises(UnknownReferenceError, match="unknown document kind 'film'"):
        json_schema("film")


_LEDGER = {"id": "w", "grants": [{"id": "g", "grantor": "v", "grantee": "x",
                                  "territories": ["RU"], "media": ["svod"],
                                  "term": "2025-01-01..2025-12-31", "exclusive": False}]}


def _grant(**change: Any) -> dict[str, Any]:
    return {**_LEDGER, "grants": [{**_LEDGER["grants"][0], **change}]}


@pytest.mark.parametrize(("kind", "document"), [
    # codes in any case, with spaces: the loader normalises them
    ("organisation", {"id": "x", "name": "X", "country": " su "}),
    ("person", {"id": "x", "name": "X", "nationalities": ["ru", "Cn"]}),
    ("currency", {"value": "eur"}),
    ("exchange-rates", {"rates": [{"base": "usd", "quote": "RUB", "rate": "1e2"}]}),
    # durations in any case, a zero time part; windows with spaces and nulls
    ("rights-ledger", _grant(term={"start": "2025-01-01", "duration": "p1y6m"})),
    ("rights-ledger", _grant(term={"start": "2025-01-01", "duration": "P1YT0H"})),
    ("rights-ledger", _grant(term="2025-01-01 .. 2026-06-30")),
    ("rights-ledger", _grant(term={"start": "2025-01-01", "end": None})),
    ("rights-ledger", _grant(term={"start": {"event": "delivery", "lag": " p3m "}})),
    # a territory clause with one code, language versions left out
    ("rights-ledger", _grant(territories={"include": "RU"})),
    ("rights-ledger", _grant(languages=[{"tag": "ru", "versions": None}])),
    # exact numbers as Python's Decimal writes them
    ("waterfall-state", {"waterfall": "w", "fingerprint": "f", "currency": "usd",
                         "interest": [{"tier": "t", "accrued": ".5",
                                       "accrued_to": "2025-01-01"}]}),
])
def test_what_coprod_loads_the_schema_accepts(kind: str, document: dict[str, Any]) -> None:
    """Hand-written documents the loader reads are valid under the schema.

    A schema refusing a file coprod loads fails a team's CI on a good file: codes in lower
    case, durations such as ``p1y``, a window written with spaces, ``end: null``...
    """
    full = {"schema_version": 1, "document": kind, **document}
    loads(json.dumps(full))  # coprod reads it
    errors = [e.message for e in _validator(kind).iter_errors(full)]
    assert errors == [], errors


@pytest.mark.parametrize(("kind", "document", "fragment"), [
    ("organisation", {"id": "Lanterna-Film", "name": "X", "country": "RU"}, "does not match"),
    ("rights-ledger", {**_LEDGER, "events": [1, 2]}, "is not of type 'object'"),
    ("rights-ledger", _grant(term={"start": {"event": "First-SVOD"}}), "does not match"),
    ("treaty", None, None),
])
def test_the_schema_says_what_ids_and_events_look_like(
    kind: str, document: dict[str, Any] | None, fragment: str | None
) -> None:
    """Ids and event names have their pattern in the schema; ``events`` is a mapping.

    Two parametrisations of a generic class used to share one definition (the first one
    generated won), so a treaty's ``kinds`` took the schema of a list of language versions.
    """
    if document is None:
        defs = json_schema(kind)["$defs"]
        assert not any(name == "Param_tuple" for name in defs)
        assert {"Param_tuple_str", "Param_tuple_ProductionKind"} <= set(defs)
        return
    full = {"schema_version": 1, "document": kind, **document}
    with pytest.raises(Exception):  # noqa: B017, PT011 - the loader refuses, whatever its words
        loads(json.dumps(full))

    def messages(errors: Any) -> list[str]:  # with those inside anyOf, where the reason is
        return [m for e in errors for m in (e.message, *messages(e.context))]

    errors = messages(_validator(kind).iter_errors(full))
    assert any(fragment in m for m in errors), errors
