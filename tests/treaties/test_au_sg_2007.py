"""AU-SG-2007: the Australia–Singapore agreement, known by its year."""

from __future__ import annotations

from _treaty_support import check, contribution_codes

from coprod import treaties


def test_minimum_twenty_percent() -> None:
    """Screen Australia's 20 %: 20 % passes, 19.99 % fails."""
    ok = check([("AU", "80%", "majority"), ("SG", "20%", "minority")])
    assert ok.instrument == "AU-SG-2007"
    assert contribution_codes(ok) == []
    bad = check([("AU", "80.01%", "majority"), ("SG", "19.99%", "minority")])
    assert contribution_codes(bad) == ["CONTRIB-BELOW-MIN"]


def test_every_kind_of_production_is_covered() -> None:
    """Feature films, television, video, animation, digital formats: no kind is refused."""
    parts = [("AU", "50%", "majority"), ("SG", "50%", "minority")]
    assert treaties.get("AU-SG-2007").production_kinds is None
    for kind in ("feature-film", "animation", "documentary", "tv-series", "tv-film", "tv-show"):
        assert "SCOPE-KIND-NOT-COVERED" not in check(parts, kind=kind).codes, kind


def test_signed_in_2007_in_force_not_established() -> None:
    """Signed in Sydney during APEC week 2007, the day not found: never before 2007."""
    t = treaties.get("SG-AU-2007")
    assert (t.signature, t.signed_year, t.signed.confidence.value) == (None, 2007, "medium")
    [before] = treaties.applicable(["AU", "SG"], on="2006-12-31")
    assert "(AU-SG-2007 was signed in 2007, after that day)" in before.reason
    [answer] = treaties.applicable(["AU", "SG"], on="2025-01-01")
    assert (answer.instrument, answer.certain) == ("AU-SG-2007", False)
