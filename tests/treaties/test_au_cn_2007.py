"""AU-CN-2007: the Australia–China agreement, at each of its boundaries."""

from __future__ import annotations

from _treaty_support import check, contribution_codes, errors

from coprod import treaties


def test_minimum_twenty_percent() -> None:
    """Screen Australia's 20 % minimum: 20 % passes, 19.99 % fails."""
    assert contribution_codes(check([("AU", "80%", "majority"), ("CN", "20%", "minority")])) == []
    bad = check([("AU", "80.01%", "majority"), ("CN", "19.99%", "minority")])
    assert contribution_codes(bad) == ["CONTRIB-BELOW-MIN"]
    assert bad.instrument == "AU-CN-2007"


def test_formats() -> None:
    """Telemovies are covered; TV series are not."""
    parts = [("AU", "50%", "majority"), ("CN", "50%", "minority")]
    assert "SCOPE-KIND-NOT-COVERED" not in check(parts, kind="tv-film").codes
    assert "SCOPE-KIND-NOT-COVERED" in errors(check(parts, kind="tv-series"))


def test_in_force_unknown_is_a_warning() -> None:
    """The in-force date is unknown: a warning, never an assumption."""
    report = check([("AU", "50%", "majority"), ("CN", "50%", "minority")])
    assert "INSTRUMENT-IN-FORCE-UNKNOWN" in [f.code for f in report.warnings]


def test_with_a_third_state_it_is_a_candidate_not_left_out() -> None:
    """Australia, Korea and China: two Australian agreements, both silent on third states.

    The sources read say nothing of third-country partners under either, so each "could
    govern, if it admits" them, and neither is "the only instrument". Without a record of that
    silence AU-CN-2007 was left out and AU-KR-2014 called the only one.
    """
    answers = treaties.applicable(["AU", "KR", "CN"], on="2025-01-01")
    assert {a.instrument for a in answers} == {"AU-KR-2014", "AU-CN-2007"}
    assert all("could govern, if it admits" in a.reason for a in answers)
    assert all("the only instrument" not in a.reason for a in answers)


def test_of_two_silent_candidates_the_one_in_force_comes_first() -> None:
    """AU-KR-2014 is in force (12 December 2014); AU-CN-2007's entry into force is unknown.

    Both are silent on third states, and that caveat alone made both "uncertain", so they
    were listed by id and the one not known to be in force came first.
    """
    first, second = treaties.applicable(["AU", "KR", "CN"], on="2025-01-01")
    assert (first.instrument, second.instrument) == ("AU-KR-2014", "AU-CN-2007")
    # The day before the Korean agreement entered into force, it cannot govern: the Chinese
    # one is then the only candidate, and said to be.
    [before] = treaties.applicable(["AU", "KR", "CN"], on="2014-12-11")
    assert before.instrument == "AU-CN-2007"
    assert "is the only instrument that could govern, if it admits" in before.reason
