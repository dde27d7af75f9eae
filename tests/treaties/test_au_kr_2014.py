"""AU-KR-2014: Annex 7-B of the Korea–Australia Free Trade Agreement."""

from __future__ import annotations

from _treaty_support import check, contribution_codes

from coprod import treaties


def test_minimum_twenty_percent() -> None:
    """Screen Australia's 20 %: 20 % passes, 19.99 % fails."""
    ok = check([("AU", "80%", "majority"), ("KR", "20%", "minority")])
    assert ok.instrument == "AU-KR-2014"
    assert contribution_codes(ok) == []
    assert ok.valid
    bad = check([("AU", "80.01%", "majority"), ("KR", "19.99%", "minority")])
    assert contribution_codes(bad) == ["CONTRIB-BELOW-MIN"]


def test_in_force_with_the_free_trade_agreement() -> None:
    """Signed in Seoul on 8 April 2014 (DFAT); in force 12 December 2014 (medium)."""
    [before] = treaties.applicable(["AU", "KR"], on="2014-12-11")
    assert before.instrument is None
    assert "(AU-KR-2014, signed on 2014-04-08, is in force from 2014-12-12)" in before.reason
    [answer] = treaties.applicable(["KR", "AU"], on="2014-12-12")
    assert (answer.instrument, answer.certain) == ("AU-KR-2014", True)
    assert treaties.get("AU-KR-2014").in_force.confidence.value == "medium"


def test_animated_television_is_left_to_a_person() -> None:
    """Animated TV: 20 % or the domestic requirement, whichever is higher.

    No production kind tells an animated series from a live-action one, and the domestic
    requirement is outside the file: a note in every report, never an error.
    """
    for kind in ("tv-series", "feature-film"):
        report = check([("AU", "80%", "majority"), ("KR", "20%", "minority")], kind=kind)
        [condition] = report.with_code("CONDITION-NOT-CHECKED")
        assert condition.message.startswith(
            "not checked: if this is an animated television project, each co-producer "
            "contributes at least 20 %"), kind
        assert condition in report.not_checked
        assert report.valid


def test_two_korean_authorities() -> None:
    """KOFIC for theatrical features, KCC for broadcast content; Screen Australia for AU."""
    t = treaties.get("AU-KR-2014")
    names = [(ca.country.code, ca.name) for ca in t.competent_authorities]
    assert names[0] == ("AU", "Screen Australia")
    assert [n for cc, n in names if cc == "KR"] == [
        "Korean Film Council (KOFIC), for theatrical features, documentaries and animation "
        "included",
        "KCC, for all broadcast content"]
