"""AU-IN-2023: the Australia–India audiovisual agreement, at each of its boundaries."""

from __future__ import annotations

from _treaty_support import check, contribution_codes

from coprod import treaties


def test_minimum_twenty_percent() -> None:
    """Screen Australia's 20 %: 20 % passes, 19.99 % fails; the maximum is not checked."""
    ok = check([("AU", "80%", "majority"), ("IN", "20%", "minority")])
    assert ok.instrument == "AU-IN-2023"
    assert contribution_codes(ok) == []
    assert ok.valid
    assert "CONTRIB-RANGE-NOT-CHECKED" in ok.codes
    bad = check([("AU", "80.01%", "majority"), ("IN", "19.99%", "minority")])
    assert contribution_codes(bad) == ["CONTRIB-BELOW-MIN"]


def test_in_force_from_19_november_2023() -> None:
    """Signed in Mumbai on 10 March 2023; in force 19 November 2023 (one secondary source).

    Before that day no instrument binds the two; from it the agreement governs. The date is
    of medium confidence, and its note says it rests on one secondary source.
    """
    [before] = treaties.applicable(["AU", "IN"], on="2023-11-18")
    assert before.instrument is None
    assert "(AU-IN-2023, signed on 2023-03-10, is in force from 2023-11-19)" in before.reason
    [answer] = treaties.applicable(["IN", "AU"], on="2023-11-19")
    assert (answer.instrument, answer.certain) == ("AU-IN-2023", True)
    t = treaties.get("in-au-2023")
    assert t.in_force.confidence.value == "medium"
    assert t.in_force.note is not None
    assert "one secondary source" in t.in_force.note
    assert t.signed.confidence.value == "high"


def test_third_countries_unknown() -> None:
    """The sources are silent on third-country partners: 'could govern, if it admits'."""
    [answer] = treaties.applicable(["AU", "IN", "US"], on="2025-01-01")
    assert (answer.instrument, answer.certain) == ("AU-IN-2023", False)
    assert "is the only instrument that could govern, if it admits" in answer.reason
    report = check([("AU", "50%", "majority"), ("IN", "30%", "minority"),
                    ("US", "20%", "third-country")], treaty="AU-IN-2023")
    assert "NONPARTY-NOT-CHECKED" in report.codes
    assert contribution_codes(report) == []
