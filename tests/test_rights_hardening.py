"""Bad input to the rights domain is refused in words, and never read as something else.

Each test here was written against a defect found by an audit: malformed text that became
"no language", enum values given as text that were neither converted nor refused, wrong
types that escaped as ``AttributeError`` or ``TypeError``, an EMA export that lost the
event ending a term, and command-line messages that did not name their option or file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pendulum
import pytest

from coprod.avails import export_avails
from coprod.cli import main
from coprod.errors import InvalidValueError
from coprod.languages import LanguageRight, LanguageScope
from coprod.media import Media
from coprod.rights import (
    Allocation,
    AvailabilityQuery,
    CoOwner,
    MatchType,
    Ownership,
    RightsGrant,
    RightsLedger,
)
from coprod.share import Share
from coprod.terms import Term, parse_date
from coprod.territories import Membership, TerritoryGroup
from coprod.windows import Duration, EventDate, Window, resolve_events

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "examples" / "data"
LEDGER = str(DATA / "northern-silk-rights.yaml")
LICENCE = str(DATA / "autumn-waltz-remake-licence.yaml")
PLAN = str(DATA / "autumn-waltz-remake-plan.yaml")
OTHER_LICENCE = str(DATA / "winter-tale-remake-licence.yaml")
D = pendulum.Date


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _grant(**kw: object) -> RightsGrant:
    base: dict[str, object] = {
        "id": "g", "grantor": "volga", "grantee": "kinostream", "territories": "RU",
        "media": "svod", "term": Window.fixed("2025-01-01", "2025-12-31"), "exclusive": True,
    }
    base.update(kw)
    return RightsGrant(**base)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- 1. languages


@pytest.mark.parametrize("text", [
    "ru (dubbed", "ru)", "", ",", "  ", "ru,,en", "ru, ", "ru (dubbed) x", "ru ((dubbed))",
    "ru (dubbed))", "(dubbed)",
])
def test_malformed_language_text_is_refused(text: str) -> None:
    """Unbalanced brackets, empty text and empty items are errors naming the text.

    They used to read as the scope of no language, which blocks nothing and is blocked by
    nothing: a query for it was always available.
    """
    with pytest.raises(InvalidValueError, match="not a language scope"):
        LanguageScope.parse(text)


def test_the_empty_scope_keeps_its_explicit_spelling() -> None:
    """``no language`` (what ``str()`` writes for the empty scope) still reads back."""
    assert LanguageScope.parse("no language").is_empty
    assert LanguageScope.parse(str(LanguageScope(frozenset()))).is_empty
    assert str(LanguageScope.parse(" ru (dubbed+subtitled) , en ")) == "en, ru (dubbed, subtitled)"


def test_a_grant_in_malformed_languages_is_refused_not_conflict_free() -> None:
    """A grant in ``ru (dubbed`` beside an exclusive ``ru`` grant cannot pass as no language."""
    with pytest.raises(InvalidValueError, match="'ru \\(dubbed'"):
        _grant(id="b", grantee="other", languages="ru (dubbed")


def test_wrong_types_of_language_values_are_refused() -> None:
    """Non-text scopes, versions and exclusions raise InvalidValueError, not TypeError."""
    with pytest.raises(InvalidValueError, match="language scope"):
        LanguageScope.parse(5)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="rights must be"):
        LanguageScope(5)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="versions must be"):
        LanguageRight("ru", 5)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="excluding must be"):
        LanguageRight("zh", excluding=5)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="languages must be"):
        _grant(languages=5)


@pytest.mark.parametrize("language", ["ru (dubbed", ""])
def test_avails_refuses_malformed_language_naming_the_option(
    capsys: pytest.CaptureFixture[str], language: str
) -> None:
    """``--language 'ru (dubbed'`` is unusable input (exit 2), not AVAILABLE."""
    code, out, err = _run(capsys, "rights", "avails", LEDGER, "--territory", "RU", "--media",
                          "svod", "--language", language, "--from", "2026-01-01",
                          "--to", "2026-02-01")
    assert code == 2
    assert "AVAILABLE" not in out
    assert "coprod: error: --language: not a language scope" in err


# --------------------------------------------------------------------------- 2. queries


def _query(**kw: object) -> AvailabilityQuery:
    base: dict[str, object] = {
        "territories": "RU", "media": "svod",
        "period": Term(parse_date("2025-06-01"), parse_date("2026-06-30")),
    }
    base.update(kw)
    return AvailabilityQuery(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize("match", ["cover", "overlap", "starts-within"])
def test_match_given_as_text_is_the_enum_member(match: str) -> None:
    """``match="overlap"`` is MatchType.OVERLAP: the index and the scan give the same answer."""
    ledger = RightsLedger(id="w", grants=(_grant(),))
    q = _query(match=match)
    assert q.match is MatchType(match)
    assert q == _query(match=MatchType(match))
    assert ledger.availability(q) == ledger.availability_linear(q)
    assert ledger.availability(q).available == ledger.availability(
        _query(match=MatchType(match))).available


def test_bad_match_and_exclusive_only_are_refused() -> None:
    """An unknown match type and a non-bool exclusive_only name their field."""
    with pytest.raises(InvalidValueError, match="match must be one of 'cover'"):
        _query(match="sideways")
    with pytest.raises(InvalidValueError, match="exclusive_only"):
        _query(exclusive_only="no")


# --------------------------------------------------------------------------- 3. EMA export


def test_export_writes_the_condition_of_an_undated_end() -> None:
    """A known start and an end on an undated event: Start, no End, and the EndCondition."""
    ledger = RightsLedger(id="w", grants=(_grant(term=Window(
        start=D(2025, 1, 1), end=EventDate("first-tv-broadcast", Duration(months=2)))),))
    (row,) = export_avails(ledger).rows
    assert (row["Start"], row["End"], row["EndCondition"], row["EndLag"]) == (
        "2025-01-01", "", "Broadcast", "P2M")
    dated = RightsLedger(id="w", grants=ledger.grants,
                         events={"first-tv-broadcast": D(2026, 1, 1)})
    (row,) = export_avails(dated).rows
    assert (row["End"], row["EndCondition"]) == ("2026-02-28", "")
    (row,) = export_avails(RightsLedger(id="w", grants=(
        _grant(term=Window.fixed("2025-01-01")),))).rows
    assert (row["End"], row["EndCondition"]) == ("Open", "")


def test_export_keeps_the_condition_when_a_dated_group_cuts_the_term() -> None:
    """Cut where the EU changes, the last (open) piece still says which event ends it."""
    ledger = RightsLedger(id="w", grants=(_grant(territories="EU", term=Window(
        start=D(2019, 1, 1), end=EventDate("first-tv-broadcast"))),))
    gb = [r for r in export_avails(ledger).rows if r["Territory"] == "GB"]
    fr = [r for r in export_avails(ledger).rows if r["Territory"] == "FR"]
    assert [(r["Start"], r["End"], r["EndCondition"]) for r in gb] == [
        ("2019-01-01", "2020-01-31", "")]
    assert [(r["Start"], r["End"], r["EndCondition"]) for r in fr] == [
        ("2019-01-01", "2020-01-31", ""), ("2020-02-01", "", "Broadcast")]


# --------------------------------------------------------------------------- 5, 6. CLI words


def test_avails_help_suggests_an_exclusion_argparse_accepts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The help shows ``--territory=-CN``, the spelling argparse accepts, and it works."""
    code, out, _ = _run(capsys, "rights", "avails", "--help")
    assert code == 0
    assert "--territory=-CN" in " ".join(out.split())
    code, out, _ = _run(capsys, "rights", "avails", LEDGER, "--territory=-CN", "--media", "svod",
                        "--from", "2026-01-01", "--to", "2026-02-01")
    assert code in (0, 1)
    assert "AVAILABLE" in out


@pytest.mark.parametrize(("option", "value", "words"), [
    ("--territory", "Narnia", "unknown territory 'Narnia'"),
    ("--territory", "RU, -CN", "cannot both include and exclude"),
    ("--media", "telepathy", "unknown medium 'telepathy'"),
    ("--media", ",", "at least one medium"),
])
def test_avails_errors_name_their_option(
    capsys: pytest.CaptureFixture[str], option: str, value: str, words: str
) -> None:
    """A bad --territory or --media says which option it is, as --treaty does."""
    args = {"--territory": "RU", "--media": "svod", option: value}
    code, _, err = _run(capsys, "rights", "avails", LEDGER, f"--territory={args['--territory']}",
                        "--media", args["--media"], "--from", "2026-01-01", "--to", "2026-02-01")
    assert code == 2
    assert f"coprod: error: {option}: " in err
    assert words in err


def test_a_plan_for_another_licence_names_the_plan_file_and_path(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The mismatch is reported as ``PLAN_FILE: ... @ $.licence``, like other document errors."""
    code, _, err = _run(capsys, "rights", "remake", OTHER_LICENCE, "--plan", PLAN)
    assert code == 2
    assert err.startswith(f"coprod: error: {PLAN}: the plan rests on licence "
                          "'autumn-waltz-remake'")
    assert OTHER_LICENCE in err
    assert err.rstrip().endswith("@ $.licence")


# --------------------------------------------------------------------------- 7. export-avails


def test_export_avails_refuses_an_invalid_content_id(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``--content-id garbage`` exits 2 naming the option; a valid id is normalised."""
    code, out, err = _run(capsys, "rights", "export-avails", LEDGER, "--content-id", "garbage")
    assert (code, out) == (2, "")
    assert "coprod: error: --content-id: not an EIDR content id: 'garbage'" in err
    code, out, _ = _run(capsys, "rights", "export-avails", LEDGER, "--content-id",
                        "10.5240/7ec7-228a-510a-053e-cbb8-j")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["ContentID"] for r in rows} == {"10.5240/7EC7-228A-510A-053E-CBB8-J"}
    ledger = RightsLedger(id="w", grants=(_grant(),))
    with pytest.raises(InvalidValueError, match=r"content_id: .*wrong check character"):
        export_avails(ledger, content_id="10.5240/7EC7-228A-510A-053E-CBB8-K")
    with pytest.raises(InvalidValueError, match="content_id"):
        export_avails(ledger, content_id=5)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="ledger must be"):
        export_avails("ledger")  # type: ignore[arg-type]


def _formula_ledger(tmp_path: Path) -> Path:
    doc = tmp_path / "formula.yaml"
    doc.write_text(
        "schema_version: 1\ndocument: rights-ledger\nid: w\ntitle: '=HYPERLINK(\"x\")'\n"
        "grants:\n  - {id: a, grantor: x, grantee: y, territories: [RU], media: [svod],"
        " term: 2025-01-01..2025-12-31, exclusive: true, clause: '@SUM(1+1)'}\n",
        encoding="utf-8")
    return doc


def test_spreadsheet_safe_csv_is_opt_in(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Formula-like cells are kept for programs, with a warning; --spreadsheet-safe defuses them."""
    doc = str(_formula_ledger(tmp_path))
    code, out, err = _run(capsys, "rights", "export-avails", doc)
    assert code == 0
    (row,) = csv.DictReader(io.StringIO(out))
    assert (row["DisplayName"], row["ContractID"]) == ('=HYPERLINK("x")', "@SUM(1+1)")
    assert "warning: 2 cell(s) begin with =" in err
    code, out, err = _run(capsys, "rights", "export-avails", doc, "--spreadsheet-safe")
    assert code == 0
    (row,) = csv.DictReader(io.StringIO(out))
    assert (row["DisplayName"], row["ContractID"]) == ("'=HYPERLINK(\"x\")", "'@SUM(1+1)")
    assert row["Start"] == "2025-01-01"  # other cells untouched
    assert "warning" not in err
    code, _, err = _run(capsys, "rights", "export-avails", doc, "--spreadsheet-safe",
                        "--format", "json")
    assert code == 2
    assert "--spreadsheet-safe applies to CSV output only" in err
    export = export_avails(RightsLedger(id="w", grants=(_grant(clause="-1"),)))
    assert export.to_csv(spreadsheet_safe=True).splitlines()[1].endswith(",'-1")
    assert export.to_csv().splitlines()[1].endswith(",-1")
    with pytest.raises(InvalidValueError, match="spreadsheet_safe"):
        export.to_csv(spreadsheet_safe="yes")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- 8. wrong types

WRONG_TYPES: list[tuple[str, Callable[[], object], str]] = [
    ("ledger grants", lambda: RightsLedger(id="l", grants=("a",)), r"grants\[0\] must be"),
    ("ledger grants not a list", lambda: RightsLedger(id="l", grants=5), "grants must be"),
    ("ledger ownership", lambda: RightsLedger(id="l", ownership="x"), "ownership must be"),
    ("ledger parties", lambda: RightsLedger(id="l", parties=("p",)), r"parties\[0\] must be"),
    ("ledger holdbacks", lambda: RightsLedger(id="l", holdbacks=("h",)),
     r"holdbacks\[0\] must be"),
    ("ledger requirements", lambda: RightsLedger(id="l", requirements=("r",)),
     r"requirements\[0\] must be"),
    ("ledger groups", lambda: RightsLedger(id="l", territory_groups=("EU",)),
     r"territory_groups\[0\] must be"),
    ("grant holdbacks", lambda: _grant(holdbacks=("x",)), r"holdbacks\[0\] must be a Holdback"),
    ("owners", lambda: Ownership(owners=("p1",)), r"owners\[0\] must be a CoOwner"),
    ("allocations", lambda: Ownership(owners=(CoOwner("a", Share.parse("100%")),),
                                      allocations=("x",)), r"allocations\[0\] must be"),
    ("window duration", lambda: Window(start=D(2025, 1, 1), duration=5), "duration must be"),
    ("event lag", lambda: EventDate("delivery", 5), "lag must be"),
    ("term contains text", lambda: Term(D(2025, 1, 1)).contains("2025-02-01"),  # type: ignore[arg-type]
     "day must be a date, got '2025-02-01'"),
    ("term contains datetime",
     lambda: Term(D(2025, 1, 1)).contains(pendulum.datetime(2025, 2, 1)),
     "day must be a date without a time of day"),
    ("term covers", lambda: Term(D(2025, 1, 1)).covers("x"), "other must be a Term"),  # type: ignore[arg-type]
    ("term overlaps", lambda: Term(D(2025, 1, 1)).overlaps(5), "other must be a Term"),  # type: ignore[arg-type]
    ("term intersection", lambda: Term(D(2025, 1, 1)).intersection(None),  # type: ignore[arg-type]
     "other must be a Term"),
    ("media covers", lambda: Media.ALL_VOD.covers(5), "other must be a medium"),  # type: ignore[arg-type]
    ("media covers text", lambda: Media.ALL_VOD.covers("telly"), "unknown medium 'telly'"),
    ("group id", lambda: TerritoryGroup(id=5), "id must be"),  # type: ignore[arg-type]
    ("group members", lambda: TerritoryGroup(id="g", members="CN"), "members must be a list"),  # type: ignore[arg-type]
    ("group memberships", lambda: TerritoryGroup(id="g", memberships=("GB",)),  # type: ignore[arg-type]
     r"memberships\[0\] must be"),
    ("membership since", lambda: Membership("GB", since="2020-01-01"), "since must be a date"),  # type: ignore[arg-type]
    ("allocation exclusive",
     lambda: Allocation(holder="a", territories="RU", exclusive="no"),  # type: ignore[arg-type]
     "exclusive must be"),
]


@pytest.mark.parametrize(("what", "make", "words"), WRONG_TYPES, ids=[w[0] for w in WRONG_TYPES])
def test_wrong_types_are_refused_in_words(
    what: str, make: Callable[[], object], words: str
) -> None:
    """A value of the wrong type raises InvalidValueError naming the field or argument."""
    with pytest.raises(InvalidValueError, match=words):
        make()


def test_a_bad_holdback_no_longer_breaks_conflicts_later() -> None:
    """A grant's holdback of the wrong type is refused as the grant is made, not in conflicts()."""
    with pytest.raises(InvalidValueError):
        RightsLedger(id="l", grants=(_grant(holdbacks=("x",)),)).conflicts()


def test_media_covers_reads_a_medium_by_name() -> None:
    """``Media.ALL_VOD.covers("svod")`` reads the name, as expand_media does."""
    assert Media.ALL_VOD.covers("svod")
    assert Media.ALL_VOD.covers("SVOD")
    assert not Media.ALL_VOD.covers("free-tv")


# --------------------------------------------------------------------------- 9. silent acceptance


def test_an_event_date_that_is_not_a_date_is_refused() -> None:
    """``resolve({"delivery": 5})`` is an error naming the event, not an unresolved window."""
    window = Window(start=EventDate("delivery"), duration=Duration(years=1))
    with pytest.raises(InvalidValueError, match="event 'delivery'"):
        window.resolve({"delivery": 5})  # type: ignore[dict-item]
    with pytest.raises(InvalidValueError, match="event 'delivery'"):
        Window(start=D(2025, 1, 1), end=EventDate("delivery")).resolve(
            {"delivery": "soon"})  # type: ignore[dict-item]
    with pytest.raises(InvalidValueError, match="event 'delivery'"):
        EventDate("delivery").resolve({"delivery": 5})  # type: ignore[dict-item]
    with pytest.raises(InvalidValueError, match="events must map"):
        window.resolve("delivery")  # type: ignore[arg-type]
    # ISO text is a date, as parse_date reads it everywhere
    assert window.resolve({"delivery": "2025-01-01"}) == Term(D(2025, 1, 1), D(2025, 12, 31))  # type: ignore[dict-item]
    assert window.resolve({"delivery": D(2025, 1, 1)}) == Term(D(2025, 1, 1), D(2025, 12, 31))


@pytest.mark.parametrize("name", ["X Y", "Delivery", "", 5])
def test_ledger_event_names_follow_the_rule_of_resolve_events(name: object) -> None:
    """An event name resolve_events refuses is refused by the ledger too, naming events."""
    with pytest.raises(InvalidValueError):
        resolve_events({name: "2025-01-01"})  # type: ignore[dict-item]
    with pytest.raises(InvalidValueError, match="events: an event id"):
        RightsLedger(id="l", events={name: "2025-01-01"})  # type: ignore[dict-item]
    assert RightsLedger(id="l", events={"delivery": "2025-01-01"}).events == {
        "delivery": D(2025, 1, 1)}
