"""Remakes: EIDR ids, the licence, and every check of a plan against it."""

from __future__ import annotations

from pathlib import Path

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coprod.eidr import validate_eidr
from coprod.errors import InvalidValueError
from coprod.remakes import (
    FINDING_CODES,
    Approval,
    BackendParticipation,
    CreditObligation,
    Option,
    OptionExtension,
    PlannedRelease,
    RemakeKind,
    RemakeLicense,
    RemakePlan,
    Reversion,
    SourceWork,
    TitleTransfer,
    check_remake,
)
from coprod.rights import Holdback, RightsGrant
from coprod.serialization import dumps, loads
from coprod.share import Share
from coprod.strategies import remake_licences, remake_plans
from coprod.windows import Duration, EventDate, Window

D = pendulum.Date

#: The six EIDR content ids published by schema.org (domain anchors, section "Check run here").
EIDR_EXAMPLES = [
    "10.5240/7EC7-228A-510A-053E-CBB8-J",
    "10.5240/1F2A-E1C5-680A-14C6-E76B-I",
    "10.5240/8A35-3BEE-6497-5D12-9E4F-3",
    "10.5240/B752-5B47-DBBE-E5D4-5A3F-N",
    "10.5240/0196-4177-FF62-A346-D0F6-Z",
    "10.5240/2B3B-1E0E-9314-2C6E-A453-3",
]


@pytest.mark.parametrize("eidr", EIDR_EXAMPLES)
def test_published_eidr_examples_validate(eidr: str) -> None:
    """The six published EIDR examples pass the ISO 7064 Mod 37,36 check (python-stdnum)."""
    assert validate_eidr(eidr.lower()) == eidr


@settings(max_examples=50)
@given(st.sampled_from(EIDR_EXAMPLES), st.integers(0, 34))
def test_a_changed_check_character_is_refused(eidr: str, shift: int) -> None:
    """Any other check character is refused."""
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    wrong = alphabet[(alphabet.index(eidr[-1]) + 1 + shift) % 36]
    with pytest.raises(InvalidValueError, match="wrong check character"):
        validate_eidr(eidr[:-1] + wrong)


def test_malformed_eidr_ids() -> None:
    """Party ids, short ids and non-text are not content ids."""
    for bad in ["10.5237/ABCD-1234", "10.5240/7EC7-228A-510A", "7EC7-228A-510A-053E-CBB8-J", 42]:
        with pytest.raises(InvalidValueError):
            validate_eidr(bad)  # type: ignore[arg-type]


WORK = SourceWork(id="ironia", titles=("Ирония судьбы, или С лёгким паром!", "The Irony of Fate"),
                  year=1976, country="SU", rights_holder="mosfilm-like",
                  eidr="10.5240/7EC7-228A-510A-053E-CBB8-J", original_language="ru")


def licence(**kw: object) -> RemakeLicense:
    base: dict[str, object] = {
        "id": "ironia-cn",
        "source_work": WORK,
        "licensor": "kinofond",
        "licensee": "dragon",
        "kinds": ["remake"],
        "territories": "CN, HK, MO, TW",
        "languages": "zh",
        "media": ["all-media"],
        "term": Window(start=EventDate("first-theatrical-release"), duration=Duration(years=15)),
        "signed": D(2024, 3, 1),
        "option": Option(
            start=D(2024, 3, 1),
            period=Duration(months=18),
            fee="50000.00 USD",
            exercised=D(2025, 6, 1),
            clause="cl. 3",
        ),
        "purchase_price": "400000.00 USD",
        "backend": BackendParticipation(
            party="kinofond", share=Share.parse("2.5%"), clause="cl. 6"
        ),
        "credit": CreditObligation(text="Based on the film by Eldar Ryazanov", clause="cl. 7"),
        "reversion": Reversion(principal_photography_by=D(2026, 12, 31), clause="cl. 9"),
        "chain_of_title": (
            TitleTransfer(assignor="mosfilm-like", assignee="kinofond", date=D(2010, 5, 1)),
        ),
        "clause": "cl. 2",
    }
    base.update(kw)
    return RemakeLicense(**base)  # type: ignore[arg-type]


def plan(**kw: object) -> RemakePlan:
    base: dict[str, object] = {
        "licence": "ironia-cn",
        "kind": RemakeKind.REMAKE,
        "principal_photography": D(2025, 9, 1),
        "principal_photography_started": True,
        "releases": (
            PlannedRelease(
                territories="CN", media=["theatrical"], languages="zh", date=D(2026, 12, 31)
            ),
        ),
        "credit": "Based on the film by Eldar Ryazanov",
        "events": {"first-theatrical-release": D(2026, 12, 31)},
    }
    base.update(kw)
    return RemakePlan(**base)  # type: ignore[arg-type]


def codes(lic: RemakeLicense, pl: RemakePlan | None = None, as_of: str = "2026-01-10") -> list[str]:
    return list(check_remake(lic, pl, as_of=as_of).codes)


def test_a_plan_within_the_licence_has_no_errors() -> None:
    """A plan inside the licence gives no error: only the backend participation, for the record."""
    report = check_remake(licence(), plan(), as_of="2026-01-10")
    assert report.valid
    assert report.codes == ("REMAKE-BACKEND-PARTICIPATION",)
    assert licence().participations()[0].share == Share.parse("2.5%")
    # A basis the licence does not state is said so, never presumed.
    assert report.findings[0].message.endswith("(basis not stated in the licence)")
    stated = licence(backend=BackendParticipation(
        party="kinofond", share=Share.parse("2.5%"), basis="net profits", clause="cl. 6"))
    assert check_remake(stated).findings[0].message.endswith("receipts (net profits)")
    assert WORK.country.is_historic
    assert WORK.title.startswith("Ирония")


def test_release_outside_territory_language_media_and_term() -> None:
    """A release reaching Kazakhstan in Russian on SVOD before the term starts is four errors."""
    bad = PlannedRelease(
        territories="CN, KZ", media=["svod", "remake"], languages="zh, ru", date=D(2026, 6, 1)
    )
    found = codes(licence(media=["all-vod"]), plan(releases=(bad,)))
    for code in ["REMAKE-TERRITORY-NOT-COVERED", "REMAKE-LANGUAGE-NOT-COVERED",
                 "REMAKE-MEDIA-NOT-COVERED", "REMAKE-RELEASE-OUTSIDE-TERM"]:
        assert code in found
    f = check_remake(licence(), plan(releases=(bad,)), as_of="2026-01-10").with_code(
        "REMAKE-TERRITORY-NOT-COVERED")[0]
    assert "KZ" in f.message
    assert f.path == "$.releases[0].territories"
    assert f.citation is not None
    assert f.citation.article == "cl. 2"


def test_term_waiting_for_an_event() -> None:
    """Without the release date the term is unresolved and release dates are not checked."""
    assert "REMAKE-TERM-UNRESOLVED" in codes(licence(), plan(events={}))


def test_kind_and_credit() -> None:
    """A series made on a remake licence, without the required credit, is reported."""
    found = codes(licence(), plan(kind="series-adaptation", credit=None))
    assert "REMAKE-KIND-NOT-COVERED" in found
    assert "REMAKE-CREDIT-MISSING" in found


def test_option_lapsed_open_and_late_exercise() -> None:
    """The option deadline counts extensions taken; late or missing exercise lapses it."""
    late = Option(
        start=D(2024, 3, 1), period=Duration(months=18), exercised=D(2025, 9, 15), clause="cl. 3"
    )
    assert "REMAKE-OPTION-LAPSED" in codes(licence(option=late))
    extended = Option(start=D(2024, 3, 1), period=Duration(months=18), exercised=D(2025, 9, 15),
                      extensions=(OptionExtension(period=Duration(months=6), fee="10000.00 USD",
                                                  taken=D(2025, 8, 1)),))
    assert extended.deadline() == D(2026, 2, 28)
    assert [str(m) for m in extended.total_fees()] == ["10000.00 USD"]
    assert "REMAKE-OPTION-LAPSED" not in codes(licence(option=extended))
    open_option = Option(start=D(2024, 3, 1), period=Duration(months=18))
    assert "REMAKE-OPTION-OPEN" in codes(licence(option=open_option), None, as_of="2025-01-01")
    assert "REMAKE-OPTION-LAPSED" in codes(licence(option=open_option), None, as_of="2025-09-01")
    stated = Option(
        start=D(2024, 3, 1), period=Duration(months=18), exercise_deadline=D(2024, 12, 31)
    )
    assert stated.deadline() == D(2024, 12, 31)


def test_shooting_before_the_option_is_exercised() -> None:
    """Principal photography before exercise means shooting on rights not yet held."""
    early = Option(start=D(2024, 3, 1), period=Duration(months=18), exercised=D(2025, 10, 1))
    assert "REMAKE-PRODUCTION-BEFORE-EXERCISE" in codes(licence(option=early), plan())


def test_reversion_triggered_and_at_risk() -> None:
    """No shoot by the reversion date reverts the rights; a later planned shoot is at risk."""
    not_started = plan(principal_photography=D(2027, 3, 1), principal_photography_started=False)
    assert "REMAKE-REVERSION-TRIGGERED" in codes(licence(), not_started, as_of="2027-01-05")
    assert "REMAKE-REVERSION-AT-RISK" in codes(licence(), not_started, as_of="2026-06-01")
    assert "REMAKE-REVERSION-TRIGGERED" in codes(licence(), None, as_of="2027-01-05")
    on_time = plan(principal_photography=D(2025, 9, 1), principal_photography_started=True)
    assert not any(
        c.startswith("REMAKE-REVERSION") for c in codes(licence(), on_time, as_of="2027-01-05")
    )


def test_chain_of_title() -> None:
    """The chain must lead from the rights holder to the licensor, and precede the licence."""
    broken = licence(
        chain_of_title=(
            TitleTransfer(assignor="someone-else", assignee="kinofond", date=D(2010, 1, 1)),
        )
    )
    assert "REMAKE-CHAIN-BROKEN" in codes(broken)
    dangling = licence(chain_of_title=())
    assert (
        check_remake(dangling, as_of="2026-01-10").with_code("REMAKE-CHAIN-BROKEN")[0].path
        == "$.licensor"
    )
    late = licence(
        chain_of_title=(
            TitleTransfer(assignor="mosfilm-like", assignee="kinofond", date=D(2024, 6, 1)),
        )
    )
    assert "REMAKE-CHAIN-AFTER-LICENCE" in codes(late)
    direct = licence(licensor="mosfilm-like", chain_of_title=())
    assert "REMAKE-CHAIN-BROKEN" not in codes(direct)


def test_approvals() -> None:
    """An approval not yet given is a warning."""
    lic = licence(approvals=(Approval(subject="screenplay", by="kinofond"),
                             Approval(subject="director", by="kinofond", given=D(2025, 7, 1))))
    (f,) = check_remake(lic, as_of="2026-01-10").with_code("REMAKE-APPROVAL-PENDING")
    assert f.path == "$.approvals[0]"
    assert "screenplay" in f.message


def test_remake_grants_within_the_licence() -> None:
    """The remake's own grants must stay inside the licence."""
    inside = RightsGrant(
        id="cn-svod",
        grantor="dragon",
        grantee="stream-cn",
        territories="CN",
        media=["svod"],
        languages="zh",
        term=Window.fixed("2027-01-01", "2030-12-31"),
        exclusive=True,
    )
    beyond = RightsGrant(
        id="world-svod",
        grantor="dragon",
        grantee="global",
        territories="CN, RU",
        media=["svod"],
        term=Window.fixed("2027-01-01", "2045-12-31"),
        exclusive=True,
    )
    report = check_remake(licence(), plan(grants=(inside, beyond)), as_of="2026-01-10")
    (f,) = report.with_code("REMAKE-GRANT-EXCEEDS-LICENCE")
    assert f.path == "$.grants[1]"
    assert "RU" in f.message
    assert "2041-12-31" in f.message


def test_grants_without_dates_are_still_checked_in_territory_media_and_language() -> None:
    """Grants that cannot be dated yet are still checked in territory, media and language.

    A grant hanging on an undated delivery, or one under a licence whose term is not dated.
    """
    worldwide = RightsGrant(
        id="world", grantor="dragon", grantee="global", territories="worldwide",
        media=["svod"], languages="zh",
        term=Window(start=EventDate("delivery"), duration=Duration(years=10)), exclusive=True)
    in_scope = attrs.evolve(worldwide, id="cn", territories="CN")
    report = check_remake(licence(), plan(grants=(in_scope, worldwide)), as_of="2026-01-10")
    (f,) = report.with_code("REMAKE-GRANT-EXCEEDS-LICENCE")
    assert f.path == "$.grants[1]"
    assert f.message.startswith("grant world of the remake goes beyond the licence: worldwide "
                                "excluding CN, HK, MO, TW / svod / zh")
    assert f.message.endswith("(in territory, media or language; its dates are not known yet)")
    undated_licence = plan(grants=(in_scope, attrs.evolve(worldwide, term=Window.fixed(
        "2027-01-01", "2030-12-31"))), events={})
    report = check_remake(licence(), undated_licence, as_of="2026-01-10")
    assert [f.path for f in report.with_code("REMAKE-GRANT-EXCEEDS-LICENCE")] == ["$.grants[1]"]


def test_holdback_on_the_source_work() -> None:
    """A TV licence of the source film in China during the promised holdback is reported."""
    hb = Holdback(territories="CN", media=["all-tv", "all-vod"], clause="cl. 8",
                  window=Window(start=D(2026, 1, 1), end=D(2027, 12, 31)))
    source_tv = RightsGrant(
        id="old-film-cctv",
        grantor="kinofond",
        grantee="cn-channel",
        territories="CN",
        media=["free-tv"],
        term=Window.fixed("2027-01-01", "2027-12-31"),
        exclusive=False,
    )
    report = check_remake(
        licence(holdbacks=(hb,)), plan(source_grants=(source_tv,)), as_of="2026-01-10"
    )
    (f,) = report.with_code("REMAKE-SOURCE-HOLDBACK-VIOLATION")
    assert (
        f.path == "$.source_grants[0]"
    )
    assert (
        f.citation is not None
    )
    assert (
        f.citation.article == "cl. 8"
    )


def test_every_remake_code_is_produced_by_a_test() -> None:
    """Each remake finding code is listed once and produced by a test in this file."""
    listed = [c.code for c in FINDING_CODES]
    assert len(listed) == len(set(listed))
    source = Path(__file__).read_text(encoding="utf-8")
    assert [c for c in listed if c not in source] == []
    docs = (Path(__file__).parents[1] / "docs" / "reference" / "remakes.md").read_text(
        encoding="utf-8"
    )
    assert [c for c in listed if f"`{c}`" not in docs] == []


def test_structural_refusals() -> None:
    """A licence without kinds, a work without titles or with an impossible year is refused."""
    with pytest.raises(InvalidValueError):
        licence(kinds=[])
    with pytest.raises(InvalidValueError):
        SourceWork(id="x", titles=(), year=1976, country="SU", rights_holder="a")
    with pytest.raises(InvalidValueError):
        SourceWork(id="x", titles=("X",), year=1700, country="SU", rights_holder="a")
    assert RemakeKind.SERIES_ADAPTATION.medium.value == "series-adaptation"


@settings(max_examples=25, deadline=None)
@given(remake_licences(), remake_plans(), st.sampled_from(["json", "yaml", "toml"]))
def test_documents_round_trip_and_checks_never_raise(
    lic: RemakeLicense, pl: RemakePlan, fmt: str
) -> None:
    """Licences and plans round-trip in every format, and checking any of them never raises."""
    assert loads(dumps(lic, fmt), fmt) == lic
    assert loads(dumps(pl, fmt), fmt) == pl
    check_remake(lic, pl, as_of="2026-01-01")


def test_an_option_running_past_the_last_day_runs_to_it() -> None:
    """An option whose period or extensions would end after 9999-12-31 lapses on that day."""
    from coprod.remakes import Option, OptionExtension

    assert Option(start="9999-06-01", period="P1Y").deadline() == pendulum.Date(9999, 12, 31)
    extended = Option(start="9999-01-01", period="P6M",
                      extensions=(OptionExtension(period="P1Y", taken="9999-05-01"),
                                  OptionExtension(period="P1Y", taken="9999-05-02")))
    assert extended.deadline() == pendulum.Date(9999, 12, 31)
    assert Option(start="9998-01-01", period="P6M").deadline() == pendulum.Date(9998, 6, 30)


def test_every_finding_points_into_the_document_it_names() -> None:
    """A plan's findings say so (``document="plan"``), and each path is a field of its file.

    The command line names the file before each path, so that ``$.releases[3]`` (the plan)
    and ``$.approvals[1]`` (the licence) are not read in the same file.
    """
    import re

    from coprod import load

    data = Path(__file__).resolve().parents[1] / "examples" / "data"
    lic = load(data / "autumn-waltz-remake-licence.yaml")
    pl = load(data / "autumn-waltz-remake-plan.yaml")
    report = check_remake(lic, pl, as_of="2026-01-15")
    fields = {None: {a.name for a in attrs.fields(RemakeLicense)},
              "plan": {a.name for a in attrs.fields(RemakePlan)}}
    assert {f.document for f in report.findings} == {None, "plan"}
    # and the plan findings the example does not raise: another kind, no credit, a shoot
    # before the option is exercised and after the reversion date, a release out of term
    others = [
        check_remake(licence(), plan(kind=RemakeKind.SEQUEL, credit=None,
                                     principal_photography=D(2027, 3, 1)), as_of="2026-01-10"),
        check_remake(licence(), plan(principal_photography=D(2025, 1, 1)), as_of="2026-01-10"),
        check_remake(licence(), plan(releases=(PlannedRelease(
            territories="CN", media=["svod"], languages="zh", date=D(2045, 1, 1)),)),
            as_of="2026-01-10"),
    ]
    seen = set()
    for f in [*report.findings, *(f for r in others for f in r.findings)]:
        head = re.match(r"\$\.(\w+)", f.path)
        assert head is not None
        assert head[1] in fields[f.document], (f.code, f.document, f.path)
        seen.add(f.code)
    assert {"REMAKE-KIND-NOT-COVERED", "REMAKE-CREDIT-MISSING", "REMAKE-REVERSION-AT-RISK",
            "REMAKE-PRODUCTION-BEFORE-EXERCISE", "REMAKE-RELEASE-OUTSIDE-TERM"} <= seen
    assert [f.where for f in report.findings if f.code == "REMAKE-TERRITORY-NOT-COVERED"] == [
        "plan $.releases[3].territories"]
    # the holdback broken is the licence's, named by its path there (counting from 0)
    [broken] = report.with_code("REMAKE-SOURCE-HOLDBACK-VIOLATION")
    assert "breaks the licence's holdback at $.holdbacks[0]" in broken.message
