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
        ("organisation", {"id": "x", "name": "X", "country": "ZZ"}, "'ZZ' is not one of"),
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
