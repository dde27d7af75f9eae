"""AU-CA-1990: the Australia–Canada agreement, at each of its boundaries."""

from __future__ import annotations

from _treaty_support import check, contribution_codes

from coprod import treaties


def test_bipartite_thirty_percent() -> None:
    """Annex (8) (Telefilm) and Screen Australia: 30 % passes, 29.99 % fails.

    The maximum is not known: a note "not checked", never an error.
    """
    ok = check([("AU", "70%", "majority"), ("CA", "30%", "minority")])
    assert ok.instrument == "AU-CA-1990"
    assert contribution_codes(ok) == []
    assert ok.valid
    [maximum] = ok.with_code("CONTRIB-RANGE-NOT-CHECKED")
    assert maximum.severity.value == "info"
    assert maximum in ok.not_checked
    bad = check([("AU", "70.01%", "majority"), ("CA", "29.99%", "minority")])
    assert contribution_codes(bad) == ["CONTRIB-BELOW-MIN"]
    [below] = bad.with_code("CONTRIB-BELOW-MIN")
    assert below.citation is not None
    assert below.citation.article == "Annex (8)"


def test_multipartite_figure_unknown_so_not_checked() -> None:
    """Annex (4c) governs multipartite co-productions, but no figure was found.

    With a UK partner the bipartite 30 % does not apply: a Canadian share of 25 % is not an
    error, and the multipartite minimum is reported as not checked. That range covers the
    UK share too, so no note says nothing covers it.
    """
    report = check([("AU", "45%", "majority"), ("CA", "25%", "minority"),
                    ("GB", "30%", "third-country")])
    assert report.instrument == "AU-CA-1990"
    assert contribution_codes(report) == []
    assert report.valid
    notes = [f.message for f in report.with_code("CONTRIB-RANGE-NOT-CHECKED")]
    assert ("not checked: the minimum share for multilateral co-productions under AU-CA-1990 "
            "is not known") in notes
    assert "NONPARTY-NO-RULE" not in report.codes


def test_third_co_producer_work_is_checked_by_hand() -> None:
    """Annex (5): with a third co-producer, where the work is done is left to a person."""
    with_third = check([("AU", "45%", "majority"), ("CA", "25%", "minority"),
                        ("GB", "30%", "third-country")])
    [condition] = with_third.with_code("CONDITION-NOT-CHECKED")
    assert condition.citation is not None
    assert condition.citation.article == "Annex (5)"
    assert "the majority of it normally in the country of the co-producer" in condition.message
    alone = check([("AU", "50%", "majority"), ("CA", "50%", "minority")])
    assert "CONDITION-NOT-CHECKED" not in alone.codes


def test_signed_1990_in_force_not_established() -> None:
    """Signed 23 July 1990 (Telefilm); no date of entry into force: never assumed."""
    [before] = treaties.applicable(["AU", "CA"], on="1990-07-22")
    assert before.instrument is None
    assert "(AU-CA-1990 was signed on 1990-07-23, after that day)" in before.reason
    [answer] = treaties.applicable(["CA", "AU"], on="2025-01-01")
    assert (answer.instrument, answer.certain) == ("AU-CA-1990", False)
    assert answer.caveats == (
        "AU-CA-1990: signed 1990-07-23; its entry into force is not established by the sources",)
    report = check([("AU", "50%", "majority"), ("CA", "50%", "minority")])
    assert [f.code for f in report.warnings] == ["INSTRUMENT-IN-FORCE-UNKNOWN"]


def test_with_the_uk_two_agreements_may_govern() -> None:
    """Australia, the UK and Canada: both Australian agreements admit a third co-producer.

    No convention binds the three. AU-CA-1990 (Annex (5)) and AU-GB-1990 (a treaty between
    the third country and the UK or Australia) both admit one; neither is known to be in
    force, so neither answer is certain and neither is called the only one.
    """
    first, second = treaties.applicable(["AU", "GB", "CA"], on="2025-01-01")
    assert [(a.instrument, [c.code for c in a.non_party]) for a in (first, second)] == [
        ("AU-CA-1990", ["GB"]), ("AU-GB-1990", ["CA"])]
    assert all("admits co-producers from third states" in a.reason for a in (first, second))
    assert (first.certain, second.certain) == (False, False)
