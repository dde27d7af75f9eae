"""FR-RU-1967: the USSR–France agreement continued by Russia, at each of its boundaries."""

from __future__ import annotations

from _treaty_support import check, contribution_codes, errors

from coprod import Country, parse_date, treaties

STAFF = [("director", "FR", None), ("director-of-photography", "FR", None), ("lead-role", "FR", 1),
         ("supporting-role", "FR", None), ("screenwriter", "RU", None), ("editor", "RU", None),
         ("lead-role", "RU", 2), ("supporting-role", "RU", None)]


def test_soviet_era_treaty_continued_by_russia() -> None:
    """The id uses RU; the Russian entry records that it continues the USSR's obligations."""
    t = treaties.get("RU-FR-1967")
    ru = next(s for s in t.states if s.country.code == "RU")
    assert ru.continues is not None
    assert ru.continues.code == "SU"
    protocol = t.amendment("protocol-2007")
    assert protocol.in_force_on(parse_date("2007-05-23"))
    assert not protocol.in_force_on(parse_date("2007-05-22"))


def test_thirty_to_seventy() -> None:
    """30 % passes, 29.99 % fails (below the 20 % derogation floor it is an error too)."""
    ok = check([("FR", "70%", "majority"), ("RU", "30%", "minority")], personnel=STAFF)
    assert ok.valid
    bad = check([("FR", "65%", "majority"), ("RU", "19.99%", "minority"),
                 ("IT", "15.01%", "third-country")], personnel=STAFF)
    assert "CONTRIB-BELOW-MIN" in errors(bad)


def test_eighty_twenty_on_a_condition() -> None:
    """75/25 relies on the high-budget derogation: a warning coprod cannot settle; 80.01 % fails."""
    report = check([("FR", "75%", "majority"), ("RU", "25%", "minority")], personnel=STAFF)
    assert contribution_codes(report) == ["CONTRIB-DEROGATION-CONDITION",
                                          "CONTRIB-DEROGATION-CONDITION"]
    assert report.valid
    bad = check([("FR", "80.01%", "majority"), ("RU", "19.99%", "minority")], personnel=STAFF)
    assert contribution_codes(bad) == ["CONTRIB-ABOVE-MAX", "CONTRIB-BELOW-MIN"]


def test_minimum_staffing() -> None:
    """Each side needs an author, a technician, a lead and a supporting actor."""
    missing = check([("FR", "50%", "majority"), ("RU", "50%", "minority")], personnel=STAFF[:7])
    assert errors(missing) == ["PERSONNEL-MINIMUM-MISSING"]
    excepted = check([("FR", "50%", "majority"), ("RU", "50%", "minority")], personnel=STAFF[:7],
                     approvals=[("staffing-exception", "FR"), ("staffing-exception", "RU")])
    assert excepted.valid


def test_a_soviet_co_producer_is_found_through_russia() -> None:
    """The agreement was signed by the USSR: SU finds it as RU does.

    An SU producer with Soviet staff is checked as a party state's, not as an outsider's.
    """
    assert [a.instrument for a in treaties.applicable(["SU", "FR"], on="1970-01-01")] == [
        "FR-RU-1967"]
    t = treaties.get("FR-RU-1967")
    assert t.state(Country("SU")) is t.state(Country("RU"))
    assert t.member(Country("SU")) == Country("RU")
    soviet_staff = [(role, "SU" if cc == "RU" else cc, rank) for role, cc, rank in STAFF]
    report = check([("SU", "50%", "majority"), ("FR", "50%", "minority")],
                   personnel=soviet_staff, signed="1975-03-01")
    assert report.instrument == "FR-RU-1967"
    assert report.valid
    assert [f.code for f in report.warnings] == ["INSTRUMENT-IN-FORCE-UNKNOWN"]


def test_a_third_country_producer_is_admitted_on_a_condition_to_check() -> None:
    """Third-country producers are allowed if their country has an agreement with one party.

    The applicability answer says the agreement admits them (a recorded condition on them,
    not an unknown); the report leaves the condition to a person.
    """
    [answer] = treaties.applicable(["FR", "RU", "US"], on="2015-01-01")
    assert answer.instrument == "FR-RU-1967"
    assert "FR-RU-1967 between FR, RU admits co-producers from third states" in answer.reason
    report = check([("FR", "50%", "majority"), ("RU", "30%", "minority"),
                    ("US", "20%", "third-country")], treaty="FR-RU-1967")
    [condition] = report.with_code("CONDITION-NOT-CHECKED")
    assert "has a co-production agreement with France or Russia" in condition.message
