"""CN-NZ-2010: the New Zealand–China agreement, at the rules the summary gives."""

from __future__ import annotations

from _treaty_support import check, errors

from coprod import treaties


def test_features_and_telemovies_not_series() -> None:
    """Features (feature, animated, documentary) and telemovies are covered; a series is not."""
    parts = [("NZ", "50%", "majority"), ("CN", "50%", "minority")]
    for kind in ("feature-film", "animation", "documentary", "tv-film"):
        assert "SCOPE-KIND-NOT-COVERED" not in check(parts, kind=kind).codes, kind
    for kind in ("tv-series", "tv-show"):
        assert errors(check(parts, kind=kind)) == ["SCOPE-KIND-NOT-COVERED"], kind


def test_third_co_producer_at_most_the_lesser_side() -> None:
    """A third co-producer may put in as much as the smaller side, and not a cent more."""
    level = check([("NZ", "50%", "majority"), ("CN", "25%", "minority"),
                   ("US", "25%", "third-country")])
    assert level.instrument == "CN-NZ-2010"
    assert errors(level) == []
    above = check([("NZ", "50%", "majority"), ("CN", "24%", "minority"),
                   ("US", "26%", "third-country")])
    assert errors(above) == ["NONPARTY-ABOVE-PARTY-SHARE"]
    [finding] = above.with_code("NONPARTY-ABOVE-PARTY-SHARE")
    assert finding.path == "$.contributions[2]"
    assert finding.message == ("Producer 2 US (US) contributes 26% of the budget, more than "
                               "the China side (24%).")
    # The treaty condition on the third country is a check for people, and said so.
    [condition] = level.with_code("CONDITION-NOT-CHECKED")
    assert "has a co-production treaty" in condition.message
    # The shares themselves were not found.
    assert "CONTRIB-RANGE-NOT-CHECKED" in level.codes


def test_admits_third_states_on_its_terms() -> None:
    """With a third state, the agreement is the framework (its admission is in the sources)."""
    [answer] = treaties.applicable(["NZ", "CN", "US"], on="2025-01-01")
    assert answer.instrument == "CN-NZ-2010"
    assert "admits co-producers from third states" in answer.reason
    # Its entry into force is not known, so the answer is not certain.
    assert not answer.certain
    assert answer.caveats == (
        "CN-NZ-2010: signed 2010-07-07; its entry into force is not established by the sources",)


def test_foreign_performers_by_exception_other_participants_never() -> None:
    """A foreign performer needs a recorded exception; a foreign director has none."""
    parts = [("NZ", "50%", "majority"), ("CN", "50%", "minority")]
    performer = [("lead-role", "GB", 1)]
    assert errors(check(parts, personnel=performer)) == ["PERSONNEL-NATIONALITY"]
    approved = check(parts, personnel=performer,
                     approvals=[("personnel-exception", "NZ"), ("personnel-exception", "CN")])
    assert errors(approved) == []
    assert "PERSONNEL-EXCEPTION-APPROVED" in approved.codes
    director = check(parts, personnel=[("director", "GB", None)],
                     approvals=[("personnel-exception", "NZ"), ("personnel-exception", "CN")])
    assert errors(director) == ["PERSONNEL-NATIONALITY"]
    assert errors(check(parts, personnel=[("director", "NZ", None), ("voice-lead", "CN", 1)])) == []
