"""CETS-220: the revised convention, at each of its boundaries."""

from __future__ import annotations

from _treaty_support import check, contribution_codes, errors

from coprod import treaties


def test_supersedes_and_entry_into_force() -> None:
    """The revised convention replaces ETS 147 between its Parties, from October 2018."""
    t = treaties.get("cets 220")
    assert t.supersedes == ("ETS-147",)
    assert t.entry_into_force is not None
    assert t.entry_into_force.isoformat() == "2018-10-01"


def test_multilateral_five_to_eighty() -> None:
    """Art. 6(1): 5 % passes, 4.99 % fails; 80 % passes, 80.01 % fails."""
    ok = check([("IT", "80%", "majority"), ("ES", "15%", "minority"), ("PT", "5%", "minority")])
    assert ok.instrument == "CETS-220"
    assert contribution_codes(ok) == []
    low = check([("IT", "80%", "majority"), ("ES", "15.01%", "minority"),
                 ("PT", "4.99%", "minority")])
    assert contribution_codes(low) == ["CONTRIB-BELOW-MIN"]
    high = check([("IT", "80.01%", "majority"), ("ES", "14.99%", "minority"),
                  ("PT", "5%", "minority")])
    assert contribution_codes(high) == ["CONTRIB-ABOVE-MAX"]


def test_citations_are_no_surer_than_their_article_numbers() -> None:
    """Art. 6's numbers are read in official sources, its article number is not (medium).

    A finding on an 80 % maximum cites Art. 6(1) with medium confidence, not the high
    confidence of the number; the same for the 30 % non-party cap under Art. 2, whose
    paragraph was not found.
    """
    high = check([("IT", "80.01%", "majority"), ("ES", "14.99%", "minority"),
                  ("PT", "5%", "minority")])
    [above] = high.with_code("CONTRIB-ABOVE-MAX")
    assert above.citation is not None
    assert (above.citation.article, above.citation.confidence.value) == ("Art. 6(1)", "medium")
    cap = check([("IT", "40%", "majority"), ("ES", "15%", "minority"), ("PT", "14%", "minority"),
                 ("US", "31%", "third-country")])
    [over] = cap.with_code("NONPARTY-ABOVE-CAP")
    assert over.citation is not None
    assert (over.citation.article, over.citation.confidence.value) == ("Art. 2", "medium")


def test_bilateral_ten_to_ninety() -> None:
    """Art. 6(2): IT–ES as a bilateral framework, 10 % passes and 9.99 % fails."""
    ok = check([("IT", "90%", "majority"), ("ES", "10%", "minority")])
    assert ok.instrument == "CETS-220"
    assert contribution_codes(ok) == []
    bad = check([("IT", "90.01%", "majority"), ("ES", "9.99%", "minority")])
    assert contribution_codes(bad) == ["CONTRIB-ABOVE-MAX", "CONTRIB-BELOW-MIN"]


def test_one_state_only_in_1992_convention_means_ets_147() -> None:
    """With France (ETS 147 only) in the co-production, the 1992 percentages apply."""
    report = check([("IT", "80%", "majority"), ("ES", "15%", "minority"), ("FR", "5%", "minority")])
    assert report.instrument == "ETS-147"
    assert contribution_codes(report) == [
        "CONTRIB-ABOVE-MAX", "CONTRIB-BELOW-MIN", "CONTRIB-SUPPORT-AT-RISK"]


def _fiction(director: str, editor: str):  # type: ignore[no-untyped-def]
    return check(
        [("IT", "50%", "majority"), ("ES", "30%", "minority"), ("PT", "20%", "minority")],
        personnel=[("director", director, None), ("screenwriter", "ES", None),
                   ("composer", "PT", None), ("lead-role", "IT", 1), ("lead-role", "ES", 2),
                   ("lead-role", "PT", 3), ("director-of-photography", "ES", None),
                   ("sound-recordist", "PT", None), ("editor", editor, None)],
        locations=[("shooting", "IT", "1 USD"), ("vfx", "PT", "1 USD"),
                   ("post-production", "ES", "1 USD")],
    )


def test_fiction_points_sixteen_pass_fifteen_fail() -> None:
    """Appendix II: 16 of 21 passes, 15 fails (costume vacant, US director, US editor)."""
    passing = _fiction("US", "IT")  # 21 - 1 (costume vacant) - 4 (director) = 16
    [score] = passing.with_code("POINTS-SCORE")
    assert score.message.startswith("16 of 21")
    assert "POINTS-BELOW-PASS" not in passing.codes
    failing = _fiction("US", "US")
    assert "POINTS-BELOW-PASS" in errors(failing)


def test_animation_table_unknown() -> None:
    """The animation element table is unknown: info POINTS-NOT-CHECKED, no score."""
    report = check([("IT", "50%", "majority"), ("ES", "30%", "minority"),
                    ("PT", "20%", "minority")],
                   kind="animation")
    assert "POINTS-NOT-CHECKED" in report.codes
    assert "POINTS-SCORE" not in report.codes


def test_documentary_rule_unknown_and_cited_for_what_it_is() -> None:
    """No documentary rule in the sources read: not checked, article unknown, low confidence.

    The paragraph number once cited came from a seed-data annotation, not from the Czech
    official translation the citation named.
    """
    report = check([("IT", "50%", "majority"), ("ES", "30%", "minority"),
                    ("PT", "20%", "minority")], kind="documentary")
    notes = list(report.with_code("POINTS-NOT-CHECKED"))
    assert notes
    for note in notes:
        assert note.citation is not None
        assert (note.citation.article, note.citation.confidence.value) == (
            "article unknown", "low")
