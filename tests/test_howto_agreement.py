"""The agreement file of the how-to "Write an agreement file by hand" is real, valid and complete.

The how-to (docs/howto/write-an-agreement.md) shows ``examples/data/ca-cn-documentary.yaml``
through ``literalinclude`` only, so the page cannot show anything the file does not hold. These
tests prove that the file follows the published JSON Schema, loads, validates with the verdict
the page promises, and that the page explains every field the schema has.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

import coprod
from coprod.cli import main
from coprod.serialization import json_schema

ROOT = Path(__file__).resolve().parents[1]
AGREEMENT = ROOT / "examples" / "data" / "ca-cn-documentary.yaml"
HOWTO = ROOT / "docs" / "howto" / "write-an-agreement.md"
KIND = "co-production-agreement"


def _jsonable(data: Any) -> Any:
    """What a JSON reader would see: YAML's native dates as ISO text."""
    if isinstance(data, dict):
        return {key: _jsonable(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_jsonable(value) for value in data]
    if isinstance(data, dt.date):
        return data.isoformat()
    return data


def _field_names(schema: dict[str, Any]) -> set[str]:
    """Every property name in an agreement schema, at any depth (top level and ``$defs``)."""
    names: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            names.update(node.get("properties", {}))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return names


def test_the_howto_shows_the_real_file_and_no_other_agreement() -> None:
    """The how-to includes the tested file, and writes out no agreement YAML of its own."""
    page = HOWTO.read_text(encoding="utf-8")

    assert "../../examples/data/ca-cn-documentary.yaml" in page
    assert "literalinclude" in page
    hand_written = re.findall(r"```ya?ml\n(.*?)```", page, re.DOTALL)
    assert not [block for block in hand_written if "schema_version" in block], (
        "show the agreement with literalinclude, so the page and the tested file cannot diverge"
    )


def test_the_file_follows_the_json_schema() -> None:
    """The file, as a JSON reader sees it, is valid against ``coprod schema`` for its kind."""
    data = _jsonable(yaml.safe_load(AGREEMENT.read_text(encoding="utf-8")))

    errors = list(jsonschema.Draft202012Validator(json_schema(KIND)).iter_errors(data))

    assert data["document"] == KIND
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


def test_the_file_loads_and_qualifies_with_the_verdict_the_howto_shows() -> None:
    """The agreement loads and qualifies under CA-CN-2016 with one warning, as the page says."""
    agreement = coprod.load(AGREEMENT, kind=coprod.CoProductionAgreement)

    report = coprod.validate(agreement)

    assert report.valid
    assert report.instrument == "CA-CN-2016"
    assert str(report.as_of) == "2025-10-01"  # the application date
    assert [f.code for f in report.errors] == []
    assert [f.code for f in report.warnings] == ["INSTRUMENT-IN-FORCE-UNKNOWN"]
    assert [str(agreement.share_of(cp.party)) for cp in agreement.co_producers] == ["60%", "40%"]


def test_coprod_validate_exits_0_on_the_file(capsys: pytest.CaptureFixture[str]) -> None:
    """``coprod validate FILE --format json`` reports the file valid and exits 0."""
    code = main(["validate", str(AGREEMENT), "--format", "json"])

    [result] = json.loads(capsys.readouterr().out)
    assert code == 0
    assert result["valid"] is True
    assert result["instrument"] == "CA-CN-2016"


def test_the_howto_explains_every_field_of_the_schema() -> None:
    """Each property of the agreement's JSON Schema is named (as `field`) in the how-to.

    When the agreement model gains a field, this fails until the how-to explains it.
    """
    page = HOWTO.read_text(encoding="utf-8")

    missing = sorted(name for name in _field_names(json_schema(KIND)) if f"`{name}`" not in page)

    assert missing == []


@pytest.mark.parametrize(("mistake", "fixed"), [
    # the first habit of the page: an unquoted comma in a flow mapping
    ('description: "cash, including the Canadian tax credits"',
     "description: cash, including the Canadian tax credits"),
    # an id that points at nobody
    ("  - {party: qinghai-sky, amount: 4992000.00 CNY",
     "  - {party: qinghai-skies, amount: 4992000.00 CNY"),
])
def test_the_errors_the_page_shows_are_the_real_ones(
    mistake: str, fixed: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Each load error the page quotes is what the command prints for that mistake."""
    text = AGREEMENT.read_text(encoding="utf-8")
    assert mistake in text
    broken = tmp_path / "examples" / "data" / AGREEMENT.name
    broken.parent.mkdir(parents=True)
    broken.write_text(text.replace(mistake, fixed), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "examples/data/ca-cn-documentary.yaml"]) == 2
    [line] = capsys.readouterr().err.splitlines()
    message = line.removeprefix("coprod: error: examples/data/ca-cn-documentary.yaml: ")
    assert message in HOWTO.read_text(encoding="utf-8").replace("`", "")
