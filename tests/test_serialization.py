"""Serialization: round trips, canonical output, and errors that name their paths."""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coprod
from coprod import (
    Country,
    DocumentError,
    Money,
    Organisation,
    OrganisationKind,
    Person,
    SchemaVersionError,
    Share,
    Term,
    dump,
    dumps,
    load,
    loads,
    make_converter,
    parse_date,
)
from coprod.serialization import kinds, structure, unstructure
from coprod.strategies import KIND_STRATEGIES, documents

FORMATS = ["json", "yaml", "toml"]


def test_every_kind_has_a_strategy() -> None:
    """Every document kind can be generated, so the round-trip property covers all of them."""
    assert set(kinds()) == set(KIND_STRATEGIES)


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(obj=documents())
def test_round_trip_is_lossless_and_deterministic(fmt: str, obj: object) -> None:
    """loads(dumps(x)) == x and dumping again gives the same text, in every format."""
    text = dumps(obj, fmt)
    back = loads(text, fmt)
    assert back == obj
    assert type(back) is type(obj)
    assert dumps(back, fmt) == text


@pytest.mark.parametrize("fmt", FORMATS)
@given(obj=documents())
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_loads_with_expected_kind(fmt: str, obj: object) -> None:
    """Asking for the kind a document holds returns it; asking for another is an error."""
    text = dumps(obj, fmt)
    assert loads(text, fmt, kind=type(obj)) == obj
    other = "money" if not isinstance(obj, Money) else "share"
    with pytest.raises(DocumentError, match="expected a"):
        loads(text, fmt, kind=other)


def _agreementish(fmt: str) -> str:
    docs = {
        "json": '{"schema_version": 1, "document": "organisation", "id": "volga", '
        '"name": "Volga Animation", "country": "RU", "kind": "broadcaster"}',
        "yaml": "schema_version: 1\ndocument: organisation\nid: volga\n"
        "name: Volga Animation\ncountry: RU\nkind: broadcaster\n",
        "toml": 'schema_version = 1\ndocument = "organisation"\nid = "volga"\n'
        'name = "Volga Animation"\ncountry = "RU"\nkind = "broadcaster"\n',
    }
    return docs[fmt]


@pytest.mark.parametrize("fmt", FORMATS)
def test_hand_written_document_loads(fmt: str) -> None:
    """A document written by hand in each format loads to the expected object."""
    org = loads(_agreementish(fmt), fmt)
    assert org == Organisation(
        id="volga", name="Volga Animation", country=Country("RU"),
        kind=OrganisationKind.BROADCASTER,
    )


@attrs.frozen
class Stake:
    """A party's stake in a deal: its share and budget."""

    party: str
    share: Share
    budget: Money


@attrs.frozen
class Deal:
    """A titled deal made of stakes."""

    title: str
    stakes: tuple[Stake, ...]


def test_three_mistakes_three_messages_with_paths() -> None:
    """Bad currency, a share above 100 % and an unknown key are all reported, each at its path."""
    converter = make_converter()
    data = {
        "title": "Snow Leopard",
        "stakes": [
            {"party": "volga", "share": "60%", "budget": "1000 XYZ"},
            {"party": "panda", "share": "120%", "budget": "1000 CNY"},
            {"party": "third", "share": "10%", "budget": "5 USD", "shair": "1%"},
        ],
    }
    from cattrs.errors import ClassValidationError

    from coprod.serialization._errors import problems

    with pytest.raises(ClassValidationError) as info:
        converter.structure(data, Deal)
    found = {(p.path, p.message.split(":")[0]) for p in problems(info.value)}
    assert found == {
        ("$.stakes[0].budget", "unknown currency 'XYZ'"),
        ("$.stakes[1].share", "share must be between 0% and 100%, got 120%"),
        ("$.stakes[2].shair", "unknown field 'shair' (did you mean 'share'?)"),
    }


def test_three_mistakes_in_a_document() -> None:
    """Through loads: a person document with three mistakes gives one DocumentError, three lines."""
    text = (
        "schema_version: 1\ndocument: person\nid: Li Wei\nname: Li Wei\n"
        "nationalities: [CN, ZZ]\nresidense: [RU]\n"
    )
    with pytest.raises(DocumentError) as info:
        loads(text, "yaml", source="li.yaml")
    err = info.value
    assert [(p.path, p.message.split(":")[0]) for p in err.problems] == [
        ("$.id", "invalid party id 'Li Wei'"),
        ("$.nationalities[1]", "unknown country 'ZZ'"),
        ("$.residense", "unknown field 'residense' (did you mean 'residences'?)"),
    ]
    assert str(err).startswith("3 problems in li.yaml:")
    assert isinstance(err, ValueError)


def test_class_level_validation_error_has_the_object_path() -> None:
    """An error raised by a class's own validator after its fields structured gets its path."""
    text = (
        '{"schema_version": 1, "document": "term", "start": "2025-01-02", "end": "2025-01-01"}'
    )
    with pytest.raises(DocumentError) as info:
        loads(text)
    (problem,) = info.value.problems
    assert problem.path == "$.end"
    assert "cannot end (2025-01-01) before it starts (2025-01-02)" in problem.message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"document": "money", "value": "1 USD"}', "missing"),
        (
            '{"schema_version": 2, "document": "money", "value": "1 USD"}',
            "unknown schema version 2",
        ),
        (
            '{"schema_version": "1", "document": "money", "value": "1 USD"}',
            "unknown schema version '1'",
        ),
        (
            '{"schema_version": true, "document": "money", "value": "1 USD"}',
            "unknown schema version true",
        ),
    ],
)
def test_schema_version_is_required_and_known(text: str, message: str) -> None:
    """A missing or unknown schema version is a SchemaVersionError at $.schema_version."""
    with pytest.raises(SchemaVersionError) as info:
        loads(text)
    assert info.value.problems[0].path == "$.schema_version"
    assert message in info.value.problems[0].message


@pytest.mark.parametrize(
    ("text", "fmt", "message"),
    [
        ('{"schema_version": 1}', "json", "missing: expected one of"),
        ('{"schema_version": 1, "document": "film"}', "json", "unknown document kind 'film'"),
        ('{"schema_version": 1, "kind": "money"}', "json", "goes under 'document'"),
        ("[1, 2]", "json", "must be a mapping"),
        ('{"a": 1,}', "json", "not valid JSON"),
        ('{"a": 1, "a": 2}', "json", "duplicate key 'a'"),
        ('{"a": NaN}', "json", "NaN is not a number"),
        ("a: 1\na: 2\n", "yaml", "duplicate key 'a'"),
        ("a: [1\n", "yaml", "not valid YAML"),
        ("x: .inf\n", "yaml", "not a finite number"),
        ("a = \n", "toml", "not valid TOML"),
        ("schema_version = 1\n", "xml", "unknown format 'xml'"),
    ],
)
def test_unusable_documents_are_explained(text: str, fmt: str, message: str) -> None:
    """Syntax errors, duplicates, NaN, bad envelopes: a DocumentError, never a raw traceback."""
    with pytest.raises(DocumentError) as info:
        loads(text, fmt)
    assert message in str(info.value)


def test_yaml_alias_bomb_is_refused() -> None:
    """A 'billion laughs' YAML document is refused before it expands."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghij"):
        prev = "abcdefghij"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    with pytest.raises(DocumentError, match="more than 200000 elements"):
        loads("\n".join(lines), "yaml")


def test_yaml_many_aliases_are_refused() -> None:
    """More aliases than any real agreement uses are refused outright."""
    text = "a: &a 1\nb: [" + ", ".join(["*a"] * 150) + "]\n"
    with pytest.raises(DocumentError, match="alias bomb"):
        loads(text, "yaml")


def test_deep_nesting_is_refused() -> None:
    """Pathologically nested documents are refused with a clear message."""
    text = "[" * 100 + "]" * 100
    with pytest.raises(DocumentError, match="nested deeper"):
        loads(text)


def test_yaml_norway_is_not_false() -> None:
    """In YAML, the country code NO stays Norway (YAML 1.1 would read it as false)."""
    text = "schema_version: 1\ndocument: country\nvalue: NO\n"
    assert loads(text, "yaml") == Country("NO")


def test_numbers_are_read_exactly() -> None:
    """Decimals in YAML, JSON and TOML are read as Decimal, never float."""
    assert loads("schema_version: 1\ndocument: share\nvalue: 0.1\n", "yaml") == Share.parse("10%")
    assert loads('{"schema_version": 1, "document": "share", "value": 0.3}') == Share.parse("0.3")
    assert loads('schema_version = 1\ndocument = "share"\nvalue = 0.7\n', "toml") == Share.parse(
        "70%"
    )
    assert loads("schema_version: 1\ndocument: share\nvalue: 1\n", "yaml") == Share.ONE


def test_yaml_dates_and_toml_dates_are_accepted() -> None:
    """Native YAML and TOML dates load as pendulum dates; datetimes are refused."""
    term = loads("schema_version: 1\ndocument: term\nstart: 2024-06-01\n", "yaml")
    assert term == Term(parse_date("2024-06-01"))
    term = loads('schema_version = 1\ndocument = "term"\nstart = 2024-06-01\n', "toml")
    assert term == Term(parse_date("2024-06-01"))
    with pytest.raises(DocumentError, match="without a time of day"):
        loads("schema_version: 1\ndocument: term\nstart: 2024-06-01 10:00:00\n", "yaml")


@pytest.mark.parametrize(
    ("value", "cls", "message"),
    [
        (5, str, "expected text, got 5"),
        ("5", int, "expected a whole number"),
        (True, int, "expected a whole number"),
        ("yes", bool, "expected true or false"),
        (0.5, Decimal, "floating-point"),
        ("abc", Decimal, "expected a decimal number"),
        ("1/0", Fraction, "divides by zero"),
        ("x/y", Fraction, "expected a fraction"),
        (0.5, Share, "floating-point"),
        (12, Money, "expected an amount with its currency"),
        (7, Country, "expected an ISO 3166-1 alpha-2 country code"),
        (20240601, coprod.terms.pendulum.Date, "expected a date"),
        ("Russia", tuple[Country, ...], "expected a list"),
        ("producer", OrganisationKind, None),
        ("prodcer", OrganisationKind, "expected one of 'producer'"),
    ],
)
def test_strict_scalars(value: object, cls: type, message: str | None) -> None:
    """No silent coercion: text is text, numbers are numbers, lists are lists."""
    if message is None:
        assert structure(value, cls) is not None
        return
    with pytest.raises(DocumentError) as info:
        structure(value, cls)
    assert message in str(info.value)


def test_structure_helpers_round_trip() -> None:
    """structure/unstructure are inverses for embedded use, and Fraction/Decimal are text."""
    assert unstructure(Fraction(1, 3)) == "1/3"
    assert unstructure(Fraction(2)) == "2"
    assert structure("1/3", Fraction) == Fraction(1, 3)
    assert structure(Decimal("2.50"), Fraction) == Fraction(5, 2)
    assert structure("0.25", Fraction) == Fraction(1, 4)
    assert unstructure(Decimal("1E+3")) == "1000"
    assert structure("12.50", Decimal) == Decimal("12.50")
    assert structure(3, Fraction) == Fraction(3)


def test_party_union_is_tagged() -> None:
    """A Party field accepts organisations and people told apart by 'type'."""
    party_type = coprod.Party
    org = Organisation(id="x", name="X", country=Country("FR"))
    data = unstructure_as_party(org)
    assert data["type"] == "organisation"
    assert structure(data, party_type) == org
    with pytest.raises(DocumentError, match="unknown party type 'company'"):
        structure({**data, "type": "company"}, party_type)
    with pytest.raises(DocumentError, match="needs a 'type' key"):
        structure({"id": "x"}, party_type)
    with pytest.raises(DocumentError, match="expected a mapping"):
        structure("x", party_type)


def unstructure_as_party(party: object) -> dict[str, object]:
    from coprod.serialization._converter import default_converter

    return default_converter().unstructure(party, unstructure_as=coprod.Party)


def test_dump_and_load_files(tmp_path) -> None:
    """dump/load pick the format from the suffix; unreadable files are a DocumentError."""
    person = Person(id="anna", name="Анна Петрова", nationalities=(Country("RU"),))
    for suffix in (".json", ".yaml", ".yml", ".toml"):
        path = tmp_path / f"anna{suffix}"
        dump(person, path)
        assert load(path) == person
    assert "Анна" in (tmp_path / "anna.yaml").read_text(encoding="utf-8")
    with pytest.raises(DocumentError, match="cannot tell the format"):
        load(tmp_path / "anna.txt")
    with pytest.raises(DocumentError, match="cannot read the file"):
        load(tmp_path / "missing.yaml")
    with pytest.raises(coprod.CoprodError, match="date is not a document kind"):
        dumps(dt.date(2020, 1, 1))


def test_oversized_document_is_refused(monkeypatch) -> None:
    """Documents above the size limit are refused before parsing."""
    from coprod.serialization import _formats

    monkeypatch.setattr(_formats, "MAX_DOCUMENT_CHARS", 10)
    with pytest.raises(DocumentError, match="larger than 10 characters"):
        loads('{"schema_version": 1, "document": "money", "value": "1 USD"}')


def test_converter_is_fresh_and_global_cattrs_untouched() -> None:
    """make_converter builds a new converter each time and leaves cattrs' global one alone."""
    import cattrs

    assert make_converter() is not make_converter()
    assert cattrs.global_converter.unstructure(Decimal("1.5")) == Decimal("1.5")


@given(st.text(max_size=200))
@settings(max_examples=200)
def test_arbitrary_text_never_escapes_as_a_raw_exception(text: str) -> None:
    """Whatever the text, loading ends in an object or a DocumentError."""
    for fmt in FORMATS:
        with contextlib.suppress(DocumentError):
            loads(text, fmt)


def test_a_validator_failure_is_reported_once_at_its_field() -> None:
    """When only a field validator fails, the problem appears once, at the field's path."""
    with pytest.raises(DocumentError) as info:
        structure({"id": "Bad Id", "name": "X", "nationalities": ["RU"]}, Person)
    assert [(p.path, p.message.split(":")[0]) for p in info.value.problems] == [
        ("$.id", "invalid party id 'Bad Id'")
    ]


def test_toml_is_never_written_with_an_integer_past_64_bits() -> None:
    """TOML readers must refuse integers past 64 bits, so coprod never writes one."""
    from coprod.serialization._formats import emit

    assert emit({"a": [{"n": 2**63 - 1}, {"n": -(2**63)}]}, "toml").count("n = ") == 2
    with pytest.raises(DocumentError) as info:
        emit({"a": [{"n": 1}, {"weird key": 2**63}]}, "toml")
    [problem] = info.value.problems
    assert problem.path == "$.a[1]['weird key']"
    assert "past 64 bits" in problem.message
    assert emit({"n": 2**63}, "json") == '{\n  "n": 9223372036854775808\n}\n'


def test_counts_in_a_production_are_bounded() -> None:
    """Running times and episode counts stay below a million (and so inside 64 bits)."""
    from coprod.agreements import MAX_COUNT

    production = coprod.agreements._demo().production
    longest = attrs.evolve(production, running_time_minutes=MAX_COUNT)
    assert longest.running_time_minutes == MAX_COUNT
    with pytest.raises(coprod.InvalidValueError, match="must be at most 1,000,000"):
        attrs.evolve(production, running_time_minutes=MAX_COUNT + 1)


def test_format_names_in_any_case_and_unknown_kinds_named() -> None:
    """``"JSON"`` is JSON; a kind that does not exist is said so, before anything is read."""
    from coprod import InvalidValueError, Money

    money = Money.parse("10.00 EUR")
    assert loads(dumps(money, "YAML"), "Yaml") == money
    with pytest.raises(InvalidValueError, match="unknown document kind 'nope'; known kinds: "):
        loads("{}", "json", kind="nope")
    with pytest.raises(InvalidValueError, match="int is not a document kind"):
        loads("{}", "json", kind=int)


@given(st.data())
@settings(max_examples=10, deadline=None)
def test_only_value_kinds_are_written_and_read_under_value(data: st.DataObject) -> None:
    """Money, shares, currencies and countries sit under ``value``; other kinds never do.

    An organisation wrapped in ``value:`` loaded, though the schema (rightly) refuses it.
    """
    import json

    from coprod.serialization._documents import _VALUE_KINDS

    for kind, strategy in KIND_STRATEGIES.items():
        obj = data.draw(strategy, label=kind)
        written = json.loads(dumps(obj, "json"))
        assert ("value" in written) is (kind in _VALUE_KINDS), kind
        if kind not in _VALUE_KINDS:
            body = {k: v for k, v in written.items() if k not in ("schema_version", "document")}
            wrapped = {"schema_version": 1, "document": kind, "value": body}
            with pytest.raises(DocumentError, match="unknown field 'value'"):
                loads(json.dumps(wrapped), "json")
