"""Fuzzing: valid documents, mutated at random, load or fail with a DocumentError.

Each test starts from the valid example documents (``examples/data`` and the schema
fixtures), mutates them the ways real files go wrong (keys dropped or added, values of the
wrong type, huge numbers, deep nesting, unicode junk, text cut short) and asserts the
loading contract: the result is an object, or a :class:`coprod.DocumentError` whose every
problem has a path (``$...`` for documents, ``line N`` for CSV) and a short message. Any
other exception, or a hang, fails. ``tests/fuzz/fuzz_loads.py`` runs the same contract for
hours under atheris.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pendulum
import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coprod
from coprod.agreements import ProductionKind
from coprod.errors import DocumentError
from coprod.serialization._formats import parse
from coprod.treaties import Treaty
from coprod.waterfall._io import read_rates_csv, read_receipts_csv

ROOT = Path(__file__).parent.parent
SEEDS = sorted([*ROOT.glob("examples/data/*.yaml"), *ROOT.glob("tests/fixtures/schema-v1/*.yaml")])
CSV_SEEDS = sorted(ROOT.glob("examples/data/*.csv"))
#: No problem message is longer than this (values are quoted truncated).
MAX_MESSAGE = 600

#: Modest by default, to keep the suite fast; COPROD_FUZZ_EXAMPLES=2000 for a longer run.
FUZZ = settings(
    max_examples=int(os.environ.get("COPROD_FUZZ_EXAMPLES", "40")), deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _plain(value: Any) -> Any:
    """Parsed YAML (dates, Decimals) as JSON-ready data; numbers kept as numbers."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


SEED_DATA = {p.name: _plain(parse(p.read_text(encoding="utf-8"), "yaml")) for p in SEEDS}


class RawNumber(str):
    """A number written as-is into JSON (``1e999999999``, 5,000 digits)."""


def _to_json(data: Any) -> str:
    raws: list[str] = []

    def default(value: Any) -> Any:
        if isinstance(value, Decimal):
            raws.append(str(value))
            return f"\x00raw{len(raws) - 1}\x00"
        raise TypeError(type(value).__name__)

    def encode(value: Any) -> Any:
        if isinstance(value, RawNumber):
            raws.append(str(value))
            return f"\x00raw{len(raws) - 1}\x00"
        if isinstance(value, dict):
            return {k: encode(v) for k, v in value.items()}
        if isinstance(value, list):
            return [encode(v) for v in value]
        return value

    text = json.dumps(encode(data), default=default, ensure_ascii=False)
    return re.sub(r'"\\u0000raw(\d+)\\u0000"', lambda m: raws[int(m[1])], text)


def _nested(depth: int) -> Any:
    value: Any = "leaf"
    for i in range(depth):
        value = [value] if i % 2 else {"k": value}
    return value


junk_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=20
) | st.sampled_from(["\u202e", "\x00", "\ufeff", "RU\u200b", "𝟏𝟐", "١٢٣", "NaN", "-0", "1/0"])
replacement = st.one_of(
    st.none(), st.booleans(), st.integers(), junk_text,
    st.sampled_from(["1e999999999", "1/" + "9" * 1000, "9" * 400, "x" * 70_000, "20%", "120%",
                     "1 250 000.50 RUB", "2024-02-30", "P12X", "worldwide", "-1", "0",
                     # the edges of the calendar, and lags that run past them
                     "0001-01-01", "9999-12-31", "9999-06-30", "P9999Y", "P120000M"]),
    st.sampled_from([RawNumber("1e999999999"), RawNumber("1E400"), RawNumber("9" * 5000),
                     RawNumber("-0.0"), RawNumber("1e-999999999"), RawNumber("0.1")]),
    st.builds(_nested, st.integers(1, 80)),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


def _nodes(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(data, dict):
        for k, v in data.items():
            out.extend(_nodes(v, (*path, k)))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out.extend(_nodes(v, (*path, i)))
    return out


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


@st.composite
def mutated(draw: st.DrawFn) -> Any:
    """A seed document with one to four mutations."""
    data = json.loads(_to_json(SEED_DATA[draw(st.sampled_from(sorted(SEED_DATA)))]),
                      parse_float=Decimal)
    for _ in range(draw(st.integers(1, 4))):
        nodes = _nodes(data)
        path = draw(st.sampled_from(nodes))
        op = draw(st.sampled_from(["replace", "drop", "add", "empty", "duplicate", "wrap"]))
        if not path:
            op = "add"
        parent = _get(data, path[:-1]) if path else None
        if op == "replace":
            parent[path[-1]] = draw(replacement)
        elif op == "drop":
            if isinstance(parent, dict):
                del parent[path[-1]]
            else:
                parent.pop(path[-1])
        elif op == "add":
            target = _get(data, path)
            if isinstance(target, dict):
                key = draw(junk_text | st.sampled_from(["kind", "type", "id", "value"]))
                target[key] = draw(replacement)
            elif isinstance(target, list):
                target.append(draw(replacement))
        elif op == "empty":
            target = _get(data, path)
            if isinstance(target, dict | list):
                target.clear()
        elif op == "duplicate":
            target = _get(data, path)
            if isinstance(target, list) and target:
                target.append(target[0])
        else:  # wrap the value in a list: a scalar where a list goes, and the reverse
            parent[path[-1]] = [parent[path[-1]]]
    return data


def _assert_contract(call: Any, line_paths: bool = False) -> None:
    try:
        call()
    except DocumentError as exc:
        # Either outcome is allowed, so pytest.raises does not fit.
        assert exc.problems, "a DocumentError lists at least one problem"  # noqa: PT017
        for problem in exc.problems:
            if line_paths:
                assert problem.path == "$" or problem.path.startswith("line "), problem
            else:
                assert problem.path.startswith("$"), problem
            assert problem.message
            assert len(problem.message) <= MAX_MESSAGE, problem.message[:200]


def as_text(data: Any, fmt: str) -> str | None:
    """Mutated *data* as a document in *fmt*; None when TOML cannot express it.

    JSON text is YAML too (flow style); the YAML block style is fuzzed from the seed files.
    """
    text = _to_json(data)
    if fmt == "toml":
        try:
            return tomli_w.dumps(json.loads(text, parse_float=Decimal))
        except (TypeError, ValueError, RecursionError, AttributeError):
            return None  # null, a list at the top, ...
    return text


@pytest.mark.parametrize("fmt", ["json", "yaml", "toml"])
@FUZZ
@given(data=mutated())
def test_mutated_documents_load_or_fail_with_paths(fmt: str, data: Any) -> None:
    """Any mutation of a valid document gives an object or a DocumentError with paths."""
    text = as_text(data, fmt)
    if text is not None:
        _assert_contract(lambda: coprod.loads(text, fmt))


def _use(obj: object) -> None:
    """Do with a loaded document what its users do: validate, check, query, distribute."""
    from coprod.remakes import RemakeLicense, RemakePlan, check_remake
    from coprod.rights import AvailabilityQuery, RightsLedger
    from coprod.terms import Term
    from coprod.territories import TerritorySet
    from coprod.waterfall import Waterfall, distribute

    if isinstance(obj, coprod.CoProductionAgreement):
        coprod.validate(obj)
    elif isinstance(obj, RemakeLicense):
        check_remake(obj, as_of="2026-01-01")
    elif isinstance(obj, RemakePlan):
        str(obj)
    elif isinstance(obj, RightsLedger):
        obj.check(as_of=dt.date(2026, 1, 1))
        answer = obj.availability(AvailabilityQuery(
            territories=TerritorySet.of("FR"), media=["svod"],
            period=Term(dt.date(2026, 1, 1), dt.date(2026, 12, 31))))
        assert answer.available == all(row.matches for row in answer.rows)
    elif isinstance(obj, Waterfall):
        distribute(obj, [])
    elif isinstance(obj, Treaty):
        # An instrument written by hand: every rule summarised, and the example agreements
        # validated under it (a refusal in words is allowed, a crash is not).
        for rule in obj.rules:
            rule.summary()
        obj.bound_states(pendulum.Date(2026, 1, 1))
        assert obj.production_kinds is None or all(
            isinstance(k, ProductionKind) for k in obj.production_kinds)
        for agreement in _AGREEMENTS:
            coprod.validate(agreement, treaty=obj)


#: The example agreements, validated under every mutated instrument that loads.
_AGREEMENTS = [coprod.load(p) for p in SEEDS
               if SEED_DATA[p.name].get("document") == "co-production-agreement"]


@FUZZ
@given(data=mutated())
def test_documents_that_load_can_be_used(data: Any) -> None:
    """A mutated document that loads validates, checks and answers: no crash past loading.

    Mutations include the edges of the calendar (0001-01-01, 9999-12-31) and lags that run
    past them: an event on 9999-03-03 plus 304 days once crashed a rights check.
    """
    _load_and_use(data)


def _load_and_use(data: Any) -> str:
    """Load *data* as JSON and use it; what happened: "refused", "used" or "declined"."""
    text = as_text(data, "json")
    assert text is not None
    try:
        obj = coprod.loads(text, "json")
    except DocumentError:
        return "refused"
    try:
        _use(obj)
    except coprod.CoprodError:
        return "declined"  # a refusal in words (an unknown treaty, ...) is a use too
    return "used"


_DATE_OR_LAG = re.compile(r"^\d{4}-\d{2}-\d{2}$|^P[0-9YMWD]+$")
_EDGES = ["0001-01-01", "0001-01-02", "9999-12-31", "9999-12-30", "9999-03-03", "P9999Y",
          "P120000M", "P3650000D"]


@st.composite
def edge_dated(draw: st.DrawFn) -> Any:
    """A seed document with one to three of its dates or lags moved to the calendar's edges."""
    data = json.loads(_to_json(SEED_DATA[draw(st.sampled_from(sorted(SEED_DATA)))]),
                      parse_float=Decimal)
    spots = [p for p in _nodes(data) if p and isinstance(_get(data, p), str)
             and _DATE_OR_LAG.match(_get(data, p))]
    for _ in range(draw(st.integers(1, 3))):
        if spots:
            path = draw(st.sampled_from(spots))
            _get(data, path[:-1])[path[-1]] = draw(st.sampled_from(_EDGES))
    return data


@FUZZ
@given(data=edge_dated())
def test_documents_dated_at_the_calendar_edges_can_be_used(data: Any) -> None:
    """Dates on 0001-01-01 or 9999-12-31, lags of ten thousand years: load, then use."""
    _load_and_use(data)


@FUZZ
@given(data=mutated(), cut=st.floats(0, 1), junk=junk_text)
def test_damaged_text_loads_or_fails_with_paths(data: Any, cut: float, junk: str) -> None:
    """Text cut short, or with junk spliced in, is a DocumentError, never a crash."""
    text = _to_json(data)
    at = int(len(text) * cut)
    for fmt in ("json", "yaml"):
        _assert_contract(lambda fmt=fmt: coprod.loads(text[:at], fmt))
        _assert_contract(lambda fmt=fmt: coprod.loads(text[:at] + junk + text[at:], fmt))


@FUZZ
@given(name=st.sampled_from(sorted(SEED_DATA)), cut=st.floats(0, 1), junk=junk_text)
def test_damaged_yaml_block_style(name: str, cut: float, junk: str) -> None:
    """The seed files themselves (block YAML, comments, anchors), damaged."""
    text = (ROOT / "examples/data" / name if (ROOT / "examples/data" / name).exists()
            else ROOT / "tests/fixtures/schema-v1" / name).read_text(encoding="utf-8")
    at = int(len(text) * cut)
    _assert_contract(lambda: coprod.loads(text[:at] + junk + text[at:], "yaml"))


@FUZZ
@given(seed=st.sampled_from(CSV_SEEDS), data=st.data())
def test_damaged_csv_loads_or_fails_with_lines(seed: Path, data: st.DataObject) -> None:
    """Receipts and rate tables, with cells replaced or lines cut, fail with line numbers."""
    lines = seed.read_text(encoding="utf-8").splitlines()
    for _ in range(data.draw(st.integers(1, 3))):
        i = data.draw(st.integers(0, len(lines) - 1))
        cells = lines[i].split(",")
        j = data.draw(st.integers(0, len(cells) - 1))
        cells[j] = data.draw(junk_text | st.sampled_from(
            ["1e999999999", "", '"', "NaN", "1,5", "2026-02-30", "0", "-1", "RUB", "x" * 1000]))
        if data.draw(st.booleans()):
            cells = cells[: data.draw(st.integers(0, len(cells)))]
        lines[i] = ",".join(cells)
    text = "\n".join(lines) + "\n"
    reader = read_rates_csv if "rate" in seed.name else read_receipts_csv
    _assert_contract(lambda: reader(text), line_paths=True)
