"""AU-MY-2019: the Australia–Malaysia agreement, in force from a day not found."""

from __future__ import annotations

from _treaty_support import check, contribution_codes

from coprod import treaties


def test_minimum_twenty_percent() -> None:
    """Screen Australia's 20 %: 20 % passes, 19.99 % fails."""
    ok = check([("AU", "80%", "majority"), ("MY", "20%", "minority")])
    assert ok.instrument == "AU-MY-2019"
    assert contribution_codes(ok) == []
    bad = check([("AU", "80.01%", "majority"), ("MY", "19.99%", "minority")])
    assert contribution_codes(bad) == ["CONTRIB-BELOW-MIN"]


def test_in_force_in_july_2021_but_the_day_is_not_known() -> None:
    """The month is reported, not the day: no date is recorded and no answer is certain.

    Before signature (Sydney, 29 November 2019) nothing applies.
    """
    t = treaties.get("MY-AU-2019")
    assert t.entry_into_force is None
    assert t.in_force.note is not None
    assert "July 2021" in t.in_force.note
    [before] = treaties.applicable(["AU", "MY"], on="2019-11-28")
    assert "(AU-MY-2019 was signed on 2019-11-29, after that day)" in before.reason
    [answer] = treaties.applicable(["AU", "MY"], on="2025-01-01")
    assert (answer.instrument, answer.certain) == ("AU-MY-2019", False)
    assert answer.caveats == (
        "AU-MY-2019: signed 2019-11-29; its entry into force is not established by the sources",)
    report = check([("AU", "50%", "majority"), ("MY", "50%", "minority")])
    assert "INSTRUMENT-IN-FORCE-UNKNOWN" in [f.code for f in report.warnings]
    assert report.valid
