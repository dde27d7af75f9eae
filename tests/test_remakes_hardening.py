"""Remakes: releases checked over their whole span, and bad input refused in words.

Written against defects an audit found: a release running across the day a country left a
licensed group (the United Kingdom and the EU, 2020-01-31) was checked on its first day
only, and wrong types escaped as ``ValueError``, ``AttributeError`` or ``TypeError``.
"""

from __future__ import annotations

from collections.abc import Callable

import pendulum
import pytest

from coprod.errors import InvalidValueError
from coprod.remakes import (
    Approval,
    CreditObligation,
    Option,
    OptionExtension,
    PlannedRelease,
    RemakeKind,
    RemakeLicense,
    RemakePlan,
    SourceWork,
    TitleTransfer,
    check_remake,
)
from coprod.windows import Duration, Window

D = pendulum.Date

WORK = SourceWork(id="ironia", titles=("Ирония судьбы",), year=1976, country="SU",
                  rights_holder="kinofond")


def _licence(**kw: object) -> RemakeLicense:
    base: dict[str, object] = {
        "id": "lic", "source_work": WORK, "licensor": "kinofond", "licensee": "dragon",
        "kinds": ["remake"], "territories": "EU",
        "term": Window.fixed("2018-01-01", "2030-12-31"),
    }
    base.update(kw)
    return RemakeLicense(**base)  # type: ignore[arg-type]


def _plan(*releases: PlannedRelease, **kw: object) -> RemakePlan:
    return RemakePlan(licence="lic", releases=releases, **kw)  # type: ignore[arg-type]


def _territory_findings(*releases: PlannedRelease, **kw: object) -> list[str]:
    report = check_remake(_licence(**kw), _plan(*releases), as_of="2019-01-01")
    return [f.message for f in report.with_code("REMAKE-TERRITORY-NOT-COVERED")]


def _release(territories: str, date: str, end: str | None = None) -> PlannedRelease:
    return PlannedRelease(territories=territories, media=["theatrical"], date=date, end=end)


# --------------------------------------------------------------------------- 4. dated groups


def test_a_release_across_brexit_reports_the_uncovered_part() -> None:
    """GB from 2019-06-01 to 2020-06-30 under an EU licence: GB is uncovered from 2020-02-01."""
    (message,) = _territory_findings(_release("GB", "2019-06-01", "2020-06-30"))
    assert "GB from 2020-02-01 to 2020-06-30" in message
    assert "the licence (territories: EU) does not cover" in message


def test_a_release_inside_one_membership_period_is_judged_as_before() -> None:
    """Wholly within the EU years, nothing; wholly after Brexit, the whole release, as one day."""
    assert _territory_findings(_release("GB", "2019-06-01", "2020-01-31")) == []
    (message,) = _territory_findings(_release("GB", "2020-02-01", "2020-06-30"))
    assert message.startswith("the release of 2020-02-01 reaches GB, which the licence")


def test_a_release_without_an_end_is_checked_on_its_first_day() -> None:
    """As documented: an open release is judged by the countries of its first day."""
    assert _territory_findings(_release("GB", "2019-06-01")) == []
    assert len(_territory_findings(_release("GB", "2020-06-01"))) == 1


def test_a_release_naming_a_dated_group_is_cut_too() -> None:
    """The release's own groups are cut too: the EU, under a licence for everywhere but HR."""
    (message,) = _territory_findings(_release("EU", "2013-01-01", "2013-12-31"),
                                     territories="worldwide, -HR",
                                     term=Window.fixed("2010-01-01", "2030-12-31"))
    assert "HR from 2013-07-01 to 2013-12-31" in message


def test_a_release_cannot_end_before_it_starts() -> None:
    """A reversed release is refused when it is made, naming end."""
    with pytest.raises(InvalidValueError, match=r"a release cannot end .* before it starts"):
        _release("GB", "2020-06-01", "2020-01-01")


# --------------------------------------------------------------------------- 8. wrong types


def test_kinds_given_as_text_are_converted() -> None:
    """``kind="sequel"`` and ``kinds=["sequel"]`` are the enum members."""
    assert RemakePlan(licence="x", kind="sequel").kind is RemakeKind.SEQUEL  # type: ignore[arg-type]
    assert _licence(kinds="sequel").kinds == (RemakeKind.SEQUEL,)


WRONG_TYPES: list[tuple[str, Callable[[], object], str]] = [
    ("plan kind", lambda: RemakePlan(licence="x", kind="bogus"),  # type: ignore[arg-type]
     "kind must be one of 'remake'"),
    ("licence kinds", lambda: _licence(kinds=["bogus"]), r"kinds\[0\] must be one of"),
    ("licence no kinds", lambda: _licence(kinds=[]), "at least one kind"),
    ("option period", lambda: Option(start="2024-01-01", period=5), "period must be"),  # type: ignore[arg-type]
    ("option extensions", lambda: Option(start="2024-01-01", period="P1Y",  # type: ignore[arg-type]
                                         extensions=("x",)), r"extensions\[0\] must be"),
    ("extension period", lambda: OptionExtension(period=5), "period must be"),  # type: ignore[arg-type]
    ("option start", lambda: Option(start=5, period="P1Y"), "start must be a date"),  # type: ignore[arg-type]
    ("option fee", lambda: Option(start="2024-01-01", period="P1Y", fee=5),  # type: ignore[arg-type]
     "fee must be"),
    ("transfer date", lambda: TitleTransfer(assignor="a", assignee="b", date=None),  # type: ignore[arg-type]
     "date must be a date"),
    ("release date", lambda: PlannedRelease(territories="GB", media=["theatrical"], date=5),  # type: ignore[arg-type]
     "date must be a date"),
    ("plan releases", lambda: RemakePlan(licence="x", releases=("r",)), r"releases\[0\] must be"),  # type: ignore[arg-type]
    ("plan grants", lambda: RemakePlan(licence="x", grants=("g",)), r"grants\[0\] must be"),  # type: ignore[arg-type]
    ("plan started", lambda: RemakePlan(licence="x", principal_photography_started="no"),  # type: ignore[arg-type]
     "principal_photography_started must be"),
    ("plan events", lambda: RemakePlan(licence="x", events={"First Release": "2025-01-01"}),  # type: ignore[dict-item]
     "events: an event id"),
    ("licence option", lambda: _licence(option="P1Y"), "option must be"),
    ("licence approvals", lambda: _licence(approvals=("script",)), r"approvals\[0\] must be"),
    ("licence chain", lambda: _licence(chain_of_title=("x",)), r"chain_of_title\[0\] must be"),
    ("licence languages", lambda: _licence(languages="ru (dubbed"), "not a language scope"),
    ("work titles", lambda: SourceWork(id="w", titles=5, year=1976, country="SU",  # type: ignore[arg-type]
                                       rights_holder="k"), "title"),
    ("credit text", lambda: CreditObligation(text=None),  # type: ignore[arg-type]
     "text must be non-empty text, got None"),
    ("approval subject", lambda: Approval(subject="  ", by="kinoarchive"),
     "subject must be non-empty text"),
    ("check licence", lambda: check_remake("x"), "licence must be a RemakeLicense"),  # type: ignore[arg-type]
    ("check plan", lambda: check_remake(_licence(), "x"), "plan must be a RemakePlan"),  # type: ignore[arg-type]
    ("check groups", lambda: check_remake(_licence(), _plan(), groups="x"),  # type: ignore[arg-type]
     "groups must be a TerritoryGroups"),
]


@pytest.mark.parametrize(("what", "make", "words"), WRONG_TYPES, ids=[w[0] for w in WRONG_TYPES])
def test_wrong_types_are_refused_in_words(
    what: str, make: Callable[[], object], words: str
) -> None:
    """A value of the wrong type raises InvalidValueError naming the field or argument."""
    with pytest.raises(InvalidValueError, match=words):
        make()


def test_an_option_with_a_duration_computes_its_deadline() -> None:
    """The conversions keep good input working: text periods and extensions still add up."""
    option = Option(start="2024-03-01", period="P18M",  # type: ignore[arg-type]
                    extensions=[OptionExtension(period=Duration(months=6), taken="2025-08-01")])  # type: ignore[arg-type]
    assert option.deadline() == D(2026, 2, 28)


def test_an_option_from_the_31st_runs_to_the_end_of_the_month() -> None:
    """A one-month option from 31 January can be exercised until 28 February (was the 27th).

    An extension from 1 March of one month runs through 31 March.
    """
    option = Option(start=D(2025, 1, 31), period=Duration(months=1))
    assert option.deadline() == D(2025, 2, 28)
    extended = Option(start=D(2025, 1, 31), period=Duration(months=1),
                      extensions=(OptionExtension(period=Duration(months=1),
                                                  taken=D(2025, 2, 20)),))
    assert extended.deadline() == D(2025, 3, 31)
