"""AU-ZA-2010: the Australia–South Africa agreement, at each of its boundaries."""

from __future__ import annotations

from _treaty_support import check, contribution_codes

from coprod import Country, treaties


def test_minimum_twenty_percent() -> None:
    """Screen Australia's 20 %: 20 % passes, 19.99 % fails."""
    ok = check([("AU", "80%", "majority"), ("ZA", "20%", "minority")])
    assert ok.instrument == "AU-ZA-2010"
    assert contribution_codes(ok) == []
    assert ok.valid
    bad = check([("AU", "80.01%", "majority"), ("ZA", "19.99%", "minority")])
    assert contribution_codes(bad) == ["CONTRIB-BELOW-MIN"]


def test_in_force_from_22_august_2011() -> None:
    """Signed in Pretoria on 18 June 2010 (JSCOT); in force 22 August 2011 (medium)."""
    [before] = treaties.applicable(["AU", "ZA"], on="2011-08-21")
    assert before.instrument is None
    assert "(AU-ZA-2010, signed on 2010-06-18, is in force from 2011-08-22)" in before.reason
    [answer] = treaties.applicable(["ZA", "AU"], on="2011-08-22")
    assert (answer.instrument, answer.certain) == ("AU-ZA-2010", True)
    assert treaties.get("AU-ZA-2010").in_force.confidence.value == "medium"


def test_a_third_country_co_producer_is_contemplated() -> None:
    """JSCOT §6.5: "a third country co-producer"; the limits on its share are not known.

    The agreement governs with a US partner, whose share is "not checked", never an error.
    """
    [answer] = treaties.applicable(["AU", "ZA", "US"], on="2025-01-01")
    assert (answer.instrument, answer.certain) == ("AU-ZA-2010", True)
    assert answer.non_party == (Country("US"),)
    assert "admits co-producers from third states" in answer.reason
    report = check([("AU", "40%", "majority"), ("ZA", "20%", "minority"),
                    ("US", "40%", "third-country")])
    assert report.instrument == "AU-ZA-2010"
    assert contribution_codes(report) == []
    assert "NONPARTY-NOT-CHECKED" in report.codes
    assert "NONPARTY-NO-RULE" not in report.codes
