"""CA-CN-1987: the 1987 Canada–China agreement, and its replacement by the 2016 treaty."""

from __future__ import annotations

from _treaty_support import check, contribution_codes

from coprod import treaties


def test_before_2016_the_1987_agreement_governs() -> None:
    """Between 1987 and 2016 it is the only candidate (before, nothing governed in the catalogue).

    Its entry into force is not known, so the answer is uncertain and says why.
    """
    [answer] = treaties.applicable(["CA", "CN"], on="2015-06-01")
    assert answer.instrument == "CA-CN-1987"
    assert not answer.certain
    assert answer.caveats == (
        "CA-CN-1987: signed 1987-02-23; its entry into force is not established by the "
        "sources",)
    assert treaties.applicable(["CA", "CN"], on="1987-02-22")[0].instrument is None


def test_after_2016_the_newer_treaty_comes_first_and_the_older_says_why_it_may_not_apply() -> None:
    """Both uncertain: the latest signed first; the 1987 one names the treaty replacing it."""
    first, second = treaties.applicable(["CA", "CN"], on="2020-01-01")
    assert (first.instrument, second.instrument) == ("CA-CN-2016", "CA-CN-1987")
    assert second.caveats[-1] == (
        "CA-CN-1987 is replaced by CA-CN-2016 once that agreement is in force, and its entry "
        "into force is not established by the sources")


def test_fifteen_to_eighty_five() -> None:
    """Art. 8: 15 % and 85 % pass, 14.99 % and 85.01 % fail."""
    ok = check([("CA", "85%", "majority"), ("CN", "15%", "minority")], signed="2010-05-01",
               treaty="CA-CN-1987")
    assert contribution_codes(ok) == []
    bad = check([("CA", "85.01%", "majority"), ("CN", "14.99%", "minority")],
                signed="2010-05-01", treaty="CA-CN-1987")
    assert contribution_codes(bad) == ["CONTRIB-ABOVE-MAX", "CONTRIB-BELOW-MIN"]
    [above] = bad.with_code("CONTRIB-ABOVE-MAX")
    assert above.citation is not None
    assert above.citation.article == "Art. 8"
