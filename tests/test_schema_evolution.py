"""Schema evolution.

Old documents keep loading, migrations run step by step, convert writes them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from coprod import SchemaVersionError, dumps, loads
from coprod.cli import main
from coprod.serialization import (
    SCHEMA_VERSION,
    Migration,
    kinds,
    register_migration,
    unregister_migration,
    upgrade_document,
)

FIXTURES = Path(__file__).parent / "fixtures"


def _released_versions() -> list[int]:
    return sorted(int(p.name.removeprefix("schema-v")) for p in FIXTURES.glob("schema-v*"))


def test_every_released_version_has_fixtures_for_every_kind() -> None:
    """Each released schema version keeps one fixture per document kind it had."""
    assert _released_versions() == list(range(1, SCHEMA_VERSION + 1))
    current = {p.stem for p in (FIXTURES / f"schema-v{SCHEMA_VERSION}").glob("*.yaml")}
    assert current == set(kinds())


@pytest.mark.parametrize(
    "path", sorted(FIXTURES.glob("schema-v*/*.yaml")), ids=lambda p: f"{p.parent.name}/{p.stem}"
)
def test_fixtures_of_every_released_version_load(path: Path) -> None:
    """Every fixture of every released schema version loads, and re-dumps to the current version."""
    obj = loads(path.read_text(encoding="utf-8"), "yaml")
    again = loads(dumps(obj, "yaml"), "yaml")
    assert again == obj


def _v0_person(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    # A hypothetical pre-release format that wrote a single 'nationality'.
    if kind == "person" and "nationality" in data:
        data = dict(data)
        data["nationalities"] = [data.pop("nationality")]
    return data


@pytest.fixture
def v0_migration() -> Iterator[Migration]:
    """Register a migration from a hypothetical version 0 for the duration of a test."""
    migration = Migration(
        from_version=SCHEMA_VERSION - 1,
        description="nationality -> nationalities",
        upgrade=_v0_person,
    )
    register_migration(migration)
    yield migration
    unregister_migration(SCHEMA_VERSION - 1)


V0 = "schema_version: {v}\ndocument: person\nid: anna\nname: Anna\nnationality: RU\n"


def test_older_documents_are_upgraded_on_load(v0_migration: Migration) -> None:
    """A document of an older version loads through the migration chain."""
    person = loads(V0.format(v=SCHEMA_VERSION - 1), "yaml")
    assert [c.code for c in person.nationalities] == ["RU"]
    data, applied = upgrade_document(
        {"schema_version": SCHEMA_VERSION - 1, "document": "person", "id": "a", "name": "A",
         "nationality": "CN"}
    )
    assert applied == (v0_migration,)
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["nationalities"] == ["CN"]
    assert v0_migration.to_version == SCHEMA_VERSION


def test_without_a_migration_old_versions_are_refused() -> None:
    """Without a registered step, an older version is an unknown version."""
    with pytest.raises(SchemaVersionError, match="unknown schema version 0"):
        loads(V0.format(v=0), "yaml")


def test_newer_documents_ask_for_a_newer_coprod() -> None:
    """A document from a future coprod says so."""
    with pytest.raises(SchemaVersionError, match="written by a newer coprod"):
        loads(V0.format(v=SCHEMA_VERSION + 1), "yaml")


def test_one_step_per_version(v0_migration: Migration) -> None:
    """Registering a second step out of the same version is refused."""
    from coprod import InvalidValueError

    with pytest.raises(InvalidValueError, match="already registered"):
        register_migration(v0_migration)


def test_convert_upgrades_and_reports(tmp_path: Path, v0_migration: Migration,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    """`coprod convert` writes the upgraded file in the output's format and reports the steps."""
    src = tmp_path / "anna.yaml"
    src.write_text(V0.format(v=SCHEMA_VERSION - 1), encoding="utf-8")
    out = tmp_path / "anna.json"
    assert main(["convert", str(src), str(out), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["migrations"] == ["nationality -> nationalities"]
    assert report["from_version"] == SCHEMA_VERSION - 1
    written = json.loads(out.read_text(encoding="utf-8"))
    assert written["schema_version"] == SCHEMA_VERSION
    assert written["nationalities"] == ["RU"]
    assert main(["convert", str(src), str(tmp_path / "anna.toml")]) == 0
    assert "migrations: nationality -> nationalities" in capsys.readouterr().out


def test_convert_to_stdout_is_canonical(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Converting to stdout prints the canonical document.

    Converting that again is a fixed point.
    """
    src = FIXTURES / f"schema-v{SCHEMA_VERSION}" / "co-production-agreement.yaml"
    assert main(["convert", str(src), "--to", "json"]) == 0
    first = capsys.readouterr().out
    again = tmp_path / "a.json"
    again.write_text(first, encoding="utf-8")
    assert main(["convert", str(again), "--to", "json"]) == 0
    assert capsys.readouterr().out == first


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["convert", "x.yaml", "--to", "json", "--to-version", "7"],
            "cannot write schema version 7",
        ),
        (["convert", "x.yaml"], "name an OUTPUT file"),
        (["convert", "missing.yaml", "--to", "json"], "cannot read the file"),
        (["convert", "x.txt", "--to", "json"], "cannot tell the format"),
        (["convert", "x.yaml", "out.json", "--to", "yaml"],
         "--to yaml contradicts OUTPUT out.json, which names json"),
    ],
)
def test_convert_usage_errors(argv: list[str], message: str, capsys: pytest.CaptureFixture[str],
                              tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Bad convert requests exit 2 with the reason on stderr."""
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_schema_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`coprod schema` prints or writes the JSON Schema; --list lists the kinds."""
    assert main(["schema", "--list", "--format", "json"]) == 0
    assert set(json.loads(capsys.readouterr().out)) == set(kinds())
    assert main(["schema", "--list"]) == 0
    assert "co-production-agreement\n" in capsys.readouterr().out
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["properties"]["document"] == {"const": "co-production-agreement"}
    target = tmp_path / "money.schema.json"
    assert main(["schema", "money", "--output", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["title"].startswith("coprod money")
    assert main(["schema", "film"]) == 2
    assert "unknown document kind 'film'" in capsys.readouterr().err
