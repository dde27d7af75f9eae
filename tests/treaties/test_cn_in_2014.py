"""CN-IN-2014: the India–China agreement, from Art. 1 and the Olffi summary."""

from __future__ import annotations

from _treaty_support import check, contribution_codes, errors

from coprod import treaties


def test_films_of_any_length_but_not_television() -> None:
    """Art. 1.1: feature, documentary and animation films; series and shows are not covered."""
    parts = [("IN", "50%", "majority"), ("CN", "50%", "minority")]
    for kind in ("feature-film", "animation", "documentary"):
        assert "SCOPE-KIND-NOT-COVERED" not in check(parts, kind=kind).codes, kind
    report = check(parts, kind="tv-series")
    assert errors(report) == ["SCOPE-KIND-NOT-COVERED"]
    [finding] = report.with_code("SCOPE-KIND-NOT-COVERED")
    assert finding.citation is not None
    assert (finding.citation.instrument, finding.citation.article,
            finding.citation.confidence.value) == ("CN-IN-2014", "Art. 1.1", "high")


def test_shooting_in_a_third_country_needs_both_authorities() -> None:
    """A Thai location is a warning until both competent authorities' consent is recorded."""
    parts = [("IN", "50%", "majority"), ("CN", "50%", "minority")]
    abroad = [("shooting", "TH", "100000.00 USD")]
    report = check(parts, locations=abroad)
    assert "LOCATION-NON-PARTY" in report.codes
    consented = check(parts, locations=abroad,
                      approvals=[("non-party-location", "IN"), ("non-party-location", "CN")])
    assert "LOCATION-NON-PARTY" not in consented.codes
    assert "LOCATION-NON-PARTY-APPROVED" in consented.codes


def test_unknowns_stay_unknown() -> None:
    """Shares, languages ('any Indian language') and third countries: 'not checked'."""
    report = check([("IN", "90%", "majority"), ("CN", "10%", "minority")], languages=("ta",))
    assert report.instrument == "CN-IN-2014"
    assert contribution_codes(report) == []
    assert {"CONTRIB-RANGE-NOT-CHECKED", "LANG-NOT-CHECKED"} <= set(report.codes)
    assert errors(report) == []
    [answer] = treaties.applicable(["IN", "CN", "US"], on="2025-01-01")
    assert (answer.instrument, answer.certain) == ("CN-IN-2014", False)


def test_signed_in_2014_day_unknown() -> None:
    """The year is known (medium); the day is not guessed, and the id still sorts by it."""
    treaty = treaties.get("IN-CN-2014")
    assert not treaty.signed.known
    assert treaty.signed_year == 2014
    [answer] = treaties.applicable(["IN", "CN"], on="2025-01-01")
    assert (answer.instrument, answer.certain) == ("CN-IN-2014", False)
    names = {ca.country.code: ca.name for ca in treaty.competent_authorities}
    assert names["IN"] == "Ministry of Information and Broadcasting"
