"""The fast path of loading and writing gives what the careful path gives, to the byte.

``coprod.loads`` first tries functions compiled from the cattrs converter's hooks
(:mod:`coprod.serialization._fast`) and falls back to the converter at the first surprise;
``coprod.dumps`` writes JSON with orjson when it is installed. These properties hold the
two paths to one behaviour: equal objects for every document of every kind, the same
problems (path for path, message for message) for every broken one, and the same JSON text
for any data.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coprod
from coprod.errors import DocumentError
from coprod.serialization import _documents, _formats, unstructure
from coprod.serialization._converter import default_converter
from coprod.serialization._fast import compiled
from coprod.strategies import KIND_STRATEGIES, documents
from test_fuzz import as_text, mutated

ROOT = Path(__file__).parent.parent
CORPUS = ROOT / "tests" / "corpus" / "bad"
EXPECTED: dict[str, dict[str, Any]] = tomllib.loads(
    (CORPUS / "expected.toml").read_text(encoding="utf-8"))
SETTINGS = settings(max_examples=30, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@contextmanager
def careful_only() -> Iterator[None]:
    """Turn the fast path off (the converter alone loads)."""
    _documents._fast_enabled = False
    try:
        yield
    finally:
        _documents._fast_enabled = True


def outcome(text: str, fmt: str, kind: str | None = None) -> tuple[str, Any]:
    """What loading gives: ("object", obj) or ("problems", [(path, message), ...])."""
    try:
        return "object", coprod.loads(text, fmt, kind=kind)
    except DocumentError as exc:
        return "problems", [(p.path, p.message) for p in exc.problems]


def both(text: str, fmt: str, kind: str | None = None) -> tuple[Any, Any]:
    fast = outcome(text, fmt, kind)
    with careful_only():
        careful = outcome(text, fmt, kind)
    return fast, careful


def test_every_kind_compiles() -> None:
    """No document kind is left without its fast path (a silent fallback would hide it)."""
    for name, cls in _documents.kinds().items():
        assert compiled(default_converter(), cls) is not None, name


@pytest.mark.parametrize("fmt", ["json", "yaml", "toml"])
@SETTINGS
@given(obj=documents())
def test_fast_and_careful_paths_build_equal_objects(fmt: str, obj: object) -> None:
    """Every generated document, in every format: the same object by both paths."""
    text = coprod.dumps(obj, fmt)
    fast, careful = both(text, fmt)
    assert fast == careful == ("object", obj)
    assert type(fast[1]) is type(obj)


@pytest.mark.parametrize("kind", sorted(KIND_STRATEGIES))
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_fast_path_takes_every_valid_json_document(kind: str, data: st.DataObject) -> None:
    """The fast path really builds each kind from JSON; it does not just fall back."""
    obj = data.draw(documents(kind))
    text = coprod.dumps(obj, "json")
    built, _ = _documents._fast_loads(text, "json", None, None)
    assert built is not _documents._GAVE_UP
    assert built == obj


@pytest.mark.parametrize("fmt", ["json", "yaml", "toml"])
@SETTINGS
@given(data=mutated())
def test_mutated_documents_same_outcome_by_both_paths(fmt: str, data: Any) -> None:
    """A damaged document: the same object, or the same problems at the same paths."""
    text = as_text(data, fmt)
    if text is not None:
        fast, careful = both(text, fmt)
        assert fast == careful


@pytest.mark.parametrize(
    "name", sorted(n for n, e in EXPECTED.items() if not e["load"].endswith("-csv")),
)
def test_bad_corpus_same_problems_by_both_paths(name: str) -> None:
    """Every document of the bad-input corpus: the same problems, path for path."""
    path = CORPUS / name
    fmt = _documents.format_for(path)
    try:
        text = _formats.read_text(path)
    except DocumentError:
        return  # refused before any parsing (not UTF-8, too large): one path only
    fast, careful = both(text, fmt, EXPECTED[name]["load"])
    assert fast == careful
    assert fast[0] == "problems"


@pytest.mark.parametrize("text", [
    '{"schema_version": 1, "document": "money", "value": "10.00 EUR"}',
    '{"schema_version": 1, "document": "currency", "value": "EUR"}',
])
def test_scalar_documents_load_by_both_paths(text: str) -> None:
    """A scalar document (one 'value') is read the same way by both paths."""
    assert _documents._fast_loads(text, "json", None, None)[0] is not _documents._GAVE_UP
    fast, careful = both(text, "json")
    assert fast == careful
    assert fast[0] == "object"


@pytest.mark.parametrize(("text", "why"), [
    ('{"schema_version": 1, "document": "person", "id": "a", "name": "A", '
     '"nationalities": ["RU"], "rank": ' + "9" * 101 + "}", "a 101-digit number"),
    ('{"schema_version": 1, "document": "term", "start": "2024-01-01", "end": 1e400}',
     "a number of 401 digits written out"),
    ('{"schema_version": 1, "document": "term", "start": "2024-01-01", "end": NaN}', "NaN"),
    ('{"schema_version": 1, "document": "term", "start": "2024-01-01", "start": "2024-01-02"}',
     "a key written twice"),
    ('{"schema_version": 1, "document": "term", "start": "2024-01-01", "ends": "2024-02-01"}',
     "an unknown key"),
    ('{"schema_version": 1, "document": "term"}', "a missing key"),
    ('{"schema_version": 2, "document": "term", "start": "2024-01-01"}', "a newer version"),
    ('{"schema_version": true, "document": "term", "start": "2024-01-01"}', "true is not 1"),
    ('{"schema_version": 1.0, "document": "term", "start": "2024-01-01"}', "1.0 is not 1"),
    ('{"schema_version": 1, "document": "term", "start": "2024-01-01", "note": "'
     + "x" * 70_000 + '"}', "a document longer than the longest text"),
])
def test_fast_path_gives_up_where_the_careful_path_must_speak(text: str, why: str) -> None:
    """Beyond a limit or off the schema, the fast path declines; the careful path reports."""
    assert _documents._fast_loads(text, "json", None, None)[0] is _documents._GAVE_UP, why
    fast, careful = both(text, "json")
    assert fast == careful
    assert fast[0] == "problems", why


@pytest.mark.parametrize("fmt", ["yaml", "toml"])
def test_a_document_is_parsed_once_even_when_the_fast_path_gives_up(
    fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The careful path reuses what the fast path parsed: a bad file costs one parse."""
    text = coprod.dumps(coprod.Money.parse("10 EUR"), fmt).replace("10.00 EUR", "10.00 EURO")
    calls: list[str] = []
    for name in ("parse", "parse_yaml_c"):
        real = getattr(_documents, name)

        def counting(*args: Any, _real: Any = real, _name: str = name, **kwargs: Any) -> Any:
            calls.append(_name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(_documents, name, counting)
    with pytest.raises(DocumentError, match="not an amount of money"):
        coprod.loads(text, fmt)
    assert calls == (["parse_yaml_c"] if fmt == "yaml" else ["parse"])


def test_leaf_hooks_taking_structures_keep_the_depth_limit() -> None:
    """A hook that reads a whole structure (territories) still has the nesting limit applied."""
    ledger = coprod.load(ROOT / "examples" / "data" / "northern-silk-rights.yaml")
    data = {"schema_version": 1, "document": "rights-ledger", **unstructure(ledger)}
    deep: Any = "FR"
    for _ in range(70):
        deep = [deep]
    data["grants"][0]["territories"] = deep
    text = json.dumps(data)
    fast, careful = both(text, "json")
    assert fast == careful
    assert fast[0] == "problems"
    assert any("deeper than" in message for _, message in fast[1])


# -- YAML read by libyaml ------------------------------------------------------------------

YAML_SEEDS = [p.read_bytes().decode("utf-8", errors="replace") for p in [
    *sorted((ROOT / "examples" / "data").glob("*.yaml")),
    *sorted((ROOT / "tests" / "corpus" / "bad").glob("*.yaml")),
    *sorted((ROOT / "src" / "coprod" / "treaties" / "catalogue").glob("*.yaml")),
] if p.stat().st_size < 100_000]
yaml_junk = st.text(max_size=4) | st.sampled_from([
    "\t", " \t", ":", "- ", "? ", "&a ", "*a", "!!str ", "'", '"', "#", "|\n", ">\n", "\r",
    "\u2028", "\x85", "\ufeff", "{", "}", "[", "]", ",", "\\", "---\n", "...\n", "\n  ",
    "%YAML 1.2\n---\n", "<<: *a\n", "!!binary ", "~", "1:30", "0o17", ".NaN"])


def _same_reading(text: str) -> None:
    """What libyaml reads (on the fast path), PyYAML reads the same; or libyaml declines."""
    try:
        fast = _formats.parse_yaml_c(text)
    except Exception:  # declined or refused: the careful path reads it, and reports
        return
    careful = _formats.parse(text, "yaml")
    assert careful == fast
    assert type(careful) is type(fast)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(seed=st.sampled_from(YAML_SEEDS), cut=st.floats(0, 1), junk=yaml_junk)
def test_libyaml_reads_damaged_yaml_as_pyyaml_does(seed: str, cut: float, junk: str) -> None:
    """Files damaged anywhere: libyaml never accepts what PyYAML refuses, nor reads it apart."""
    at = int(len(seed) * cut)
    _same_reading(seed[:at] + junk + seed[at:])
    _same_reading(seed[:at])


@SETTINGS
@given(data=mutated())
def test_libyaml_reads_mutated_documents_as_pyyaml_does(data: Any) -> None:
    """Mutated documents, in flow and block style."""
    text = as_text(data, "yaml")
    assert text is not None
    _same_reading(text)
    try:
        block = yaml.safe_dump(json.loads(text), allow_unicode=True)
    except ValueError:  # a whole number past Python's limit on digits: flow style only
        return
    _same_reading(block)


@pytest.mark.parametrize("text", [
    "a: 1\nb:\t2\n", "a: [zh?]\n", "a: 1\n\ufeffb: 2\n", "a: \x07\n",
])
def test_libyaml_declines_where_it_reads_differently(text: str) -> None:
    """A tab, '?' in [...], a byte-order mark past the start, a control character."""
    with pytest.raises(ValueError, match="libyaml reads differently"):
        _formats.parse_yaml_c(text)


def test_libyaml_reads_a_question_mark_outside_flow_collections() -> None:
    """A URL with a query in block style or quoted is read by libyaml, as PyYAML reads it."""
    text = 'url: https://example.org/view.php?id=1\nlist: ["a?", b]\n'
    assert _formats.parse_yaml_c(text) == _formats.parse(text, "yaml") == {
        "url": "https://example.org/view.php?id=1", "list": ["a?", "b"]}


# -- writing -------------------------------------------------------------------------------

texts = st.text() | st.text(st.characters(codec=None, exclude_categories=())) | st.sampled_from(
    ["\ud800", "a\udfffb", "\x00\x1f\x7f", "\u2028\u2029", "\\\"/", "é𝟏"])
json_data = st.recursive(
    st.none() | st.booleans() | st.integers() | st.integers(10**20, 10**120) | texts,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=25,
)


@settings(max_examples=200, deadline=None)
@given(data=json_data)
def test_canonical_json_is_the_same_text_with_or_without_orjson(data: Any) -> None:
    """Any JSON data (lone surrogates, control characters, huge integers included)."""
    expected = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    assert _formats._json_text(data) == expected


def test_orjson_writes_the_json_in_this_environment() -> None:
    """The test extra installs orjson, so the property above compares two encoders."""
    assert _formats._orjson is not None


def _ordered(value: Any) -> Any:
    """*value* with every mapping as a list of its items, so that key order counts."""
    if isinstance(value, dict):
        return [(k, _ordered(v)) for k, v in value.items()]
    if isinstance(value, list):
        return [_ordered(v) for v in value]
    return value


@pytest.mark.parametrize("kind", sorted(KIND_STRATEGIES))
@SETTINGS
@given(data=st.data())
def test_fast_writer_writes_what_cattrs_writes(kind: str, data: st.DataObject) -> None:
    """Every kind: the rewritten writers give cattrs' data, key for key, in its order."""
    obj = data.draw(KIND_STRATEGIES[kind])
    assert _ordered(unstructure(obj)) == _ordered(default_converter().unstructure(obj))


def test_every_attrs_kind_has_a_rewritten_writer() -> None:
    """The fast writer is really used: no kind silently keeps the converter's function."""
    import attrs

    from coprod.serialization._fast_unstructure import compiled_unstructure

    converter = default_converter()
    for name, cls in _documents.kinds().items():
        writer = compiled_unstructure(converter, cls)
        if attrs.has(cls) and cls not in (coprod.Money, coprod.Currency, coprod.Share,
                                          coprod.Country):
            assert writer is not converter.get_unstructure_hook(cls), name
            assert writer.__code__.co_filename.startswith("<coprod fast unstructure"), name


def test_party_union_writer_puts_the_tag_first() -> None:
    """A party is written with its ``type`` first, then its fields, as the converter does."""
    from coprod.serialization._fast_unstructure import compiled_unstructure

    agreement = coprod.load(Path(__file__).parent.parent / "examples" / "data"
                            / "ru-cn-animated-feature.yaml")
    parties = compiled_unstructure(default_converter(), type(agreement))(agreement)["parties"]
    assert [list(p)[:2] for p in parties] == [["type", "id"]] * len(parties)
    assert {p["type"] for p in parties} == {"organisation", "person"}


def _json_native(value: Any) -> bool:
    if isinstance(value, dict):
        return all(type(k) is str and _json_native(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_json_native(v) for v in value)
    return value is None or type(value) in (str, int, bool)


@SETTINGS
@given(obj=documents())
def test_unstructured_documents_hold_only_json_values(obj: object) -> None:
    """No Decimal, float, date or set reaches the writer: orjson and json would differ."""
    assert _json_native(unstructure(obj))


def test_threads_loading_at_once_get_equal_objects() -> None:
    """Documents loaded from several threads at once, while the fast path compiles."""
    from concurrent.futures import ThreadPoolExecutor

    from coprod.serialization._fast import _compiler

    _compiler.cache_clear()  # compile again, from every thread at once
    text = (ROOT / "examples" / "data" / "ru-cn-animated-feature.yaml").read_text(
        encoding="utf-8")
    with careful_only():
        expected = coprod.loads(text, "yaml")
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: coprod.loads(text, "yaml"), range(32)))
    assert all(r == expected for r in results)
    assert _documents._fast_loads(text, "yaml", None, None)[0] == expected


def test_threads_writing_and_validating_at_once_agree() -> None:
    """Dumps while the fast writer compiles, and validations, from several threads at once."""
    from concurrent.futures import ThreadPoolExecutor

    from coprod.serialization._fast_unstructure import _writer

    agreement = coprod.load(ROOT / "examples" / "data" / "ru-cn-animated-feature.yaml")
    expected_text = coprod.dumps(agreement, "json")
    expected_codes = [f.code for f in coprod.validate(agreement).findings]
    _writer.cache_clear()  # compile again, from every thread at once

    def work(_: int) -> tuple[str, list[str]]:
        return (coprod.dumps(agreement, "json"),
                [f.code for f in coprod.validate(agreement).findings])

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(32)))
    assert results == [(expected_text, expected_codes)] * 32


# -- the fast writer's fallbacks -------------------------------------------------------------


@attrs.frozen
class _Node:
    name: str
    children: tuple[_Node, ...] = ()


@attrs.frozen
class _Leaf:
    name: str


def test_a_class_that_contains_itself_keeps_cattrs_writer_inside() -> None:
    """The recursion is left to cattrs' function, and the data is the same."""
    from coprod.serialization._converter import make_converter
    from coprod.serialization._fast_unstructure import compiled_unstructure

    converter = make_converter()
    tree = _Node("a", (_Node("b"), _Node("c", (_Node("d"),))))
    assert compiled_unstructure(converter, _Node)(tree) == converter.unstructure(tree) == {
        "name": "a", "children": [{"name": "b"}, {"name": "c", "children": [{"name": "d"}]}]}


def test_without_cattrs_source_the_converter_writes() -> None:
    """When the generated source cannot be read, the converter's own function is used."""
    import linecache

    from coprod.serialization._converter import make_converter
    from coprod.serialization._fast_unstructure import compiled_unstructure

    converter = make_converter()
    hook = converter.get_unstructure_hook(_Leaf)
    saved = linecache.cache.pop(hook.__code__.co_filename)
    try:
        assert compiled_unstructure(converter, _Leaf) is hook
    finally:
        linecache.cache[hook.__code__.co_filename] = saved


def test_a_union_member_with_a_hook_of_its_own_is_tagged_by_it() -> None:
    """A member written by a custom hook keeps it, behind its tag."""
    from coprod.serialization._converter import make_converter, tagged_union
    from coprod.serialization._fast_unstructure import compiled_unstructure

    @attrs.frozen
    class Holder:
        items: tuple[_Leaf | _Node, ...]

    converter = make_converter()
    converter.register_unstructure_hook(_Leaf, lambda leaf: {"name": leaf.name.upper()})
    tagged_union(converter, _Leaf | _Node, {"leaf": _Leaf, "node": _Node})
    holder = Holder((_Leaf("x"), _Node("y")))
    written = compiled_unstructure(converter, Holder)(holder)
    assert written == converter.unstructure(holder) == {
        "items": [{"type": "leaf", "name": "X"}, {"type": "node", "name": "y"}]}
