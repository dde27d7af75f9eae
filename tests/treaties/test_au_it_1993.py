"""AU-IT-1993: the Australia–Italy agreement, at each of its boundaries."""

from __future__ import annotations

from _treaty_support import check, contribution_codes, errors

from coprod import Country, treaties


def test_in_force_from_12_december_1996() -> None:
    """Signed in Rome on 28 June 1993, in force 12 December 1996 (Italian culture ministry).

    The day before, no instrument binds the two, and the answer names the agreement and its
    dates; from that day it governs, and the answer is certain.
    """
    [before] = treaties.applicable(["AU", "IT"], on="1996-12-11")
    assert before.instrument is None
    assert "(AU-IT-1993, signed on 1993-06-28, is in force from 1996-12-12)" in before.reason
    [answer] = treaties.applicable(["IT", "AU"], on="1996-12-12")
    assert (answer.instrument, answer.basis.value, answer.certain) == (
        "AU-IT-1993", "bilateral-treaty", True)
    assert answer.caveats == ()
    early = check([("AU", "50%", "majority"), ("IT", "50%", "minority")], treaty="AU-IT-1993",
                  as_of="1996-12-11")
    assert "INSTRUMENT-NOT-IN-FORCE" in errors(early)


def test_minimum_thirty_percent() -> None:
    """Screen Australia's 30 %: 30 % passes, 29.99 % fails; the maximum is not checked."""
    ok = check([("AU", "70%", "majority"), ("IT", "30%", "minority")])
    assert ok.instrument == "AU-IT-1993"
    assert contribution_codes(ok) == []
    assert ok.valid
    assert "CONTRIB-RANGE-NOT-CHECKED" in ok.codes
    bad = check([("AU", "70.01%", "majority"), ("IT", "29.99%", "minority")])
    assert contribution_codes(bad) == ["CONTRIB-BELOW-MIN"]


def test_footage_and_processing_are_checked_by_hand() -> None:
    """90 % specially shot footage and where processing happens: no file shows either.

    Both are notes in every report under the agreement, counted among the rules not checked.
    """
    report = check([("AU", "50%", "majority"), ("IT", "50%", "minority")])
    conditions = report.with_code("CONDITION-NOT-CHECKED")
    assert [f.message.split(" (")[0] for f in conditions] == [
        "not checked: at least 90 % of the total footage included in the film is specially "
        "shot for it",
        "not checked: all processing of original production material takes place in Italy or "
        "in Australia or, where there is a third co-producer, in that producer's country"]
    assert all(f in report.not_checked for f in conditions)
    assert report.valid


def test_a_third_co_producer_is_contemplated_on_unknown_terms() -> None:
    """Australia, Italy and Canada: the agreement in force that provides for a third co-producer.

    It comes before AU-CA-1990 (in force not established). The third co-producer's share has
    no known limit: "not checked", never an error; the Italian share still needs 30 %.
    """
    first, second = treaties.applicable(["AU", "IT", "CA"], on="2025-01-01")
    assert (first.instrument, first.basis.value, first.certain) == (
        "AU-IT-1993", "bilateral-treaty-with-third-country", True)
    assert first.non_party == (Country("CA"),)
    assert "admits co-producers from third states" in first.reason
    assert (second.instrument, second.certain) == ("AU-CA-1990", False)
    report = check([("AU", "40%", "majority"), ("IT", "30%", "minority"),
                    ("CA", "30%", "third-country")])
    assert report.instrument == "AU-IT-1993"
    assert contribution_codes(report) == []
    assert "NONPARTY-NOT-CHECKED" in report.codes
    low = check([("AU", "40.01%", "majority"), ("IT", "29.99%", "minority"),
                 ("CA", "30%", "third-country")])
    assert contribution_codes(low) == ["CONTRIB-BELOW-MIN"]
