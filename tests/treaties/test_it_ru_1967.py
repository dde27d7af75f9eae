"""IT-RU-1967: the USSR–Italy agreement, maintained with Russia, at its boundaries."""

from __future__ import annotations

from _treaty_support import check, contribution_codes

from coprod import treaties


def test_it_governs_russia_italy_not_the_convention() -> None:
    """A bilateral agreement between two Parties to ETS 147 keeps applying (Art. 2(3)).

    Before it was in the catalogue, RU–IT fell to ETS 147 as the bilateral framework.
    The answer carries the caveat of the 2002 agreement, whose entry into force and effect
    on this one were not found; the USSR answers as Russia; before 30 January 1967 nothing
    governs.
    """
    [answer] = treaties.applicable(["RU", "IT"], on="2025-01-01")
    assert (answer.instrument, answer.basis.value) == ("IT-RU-1967", "bilateral-treaty")
    assert answer.citation is not None
    assert (answer.citation.instrument, answer.citation.article) == ("ETS-147", "Art. 2(3)")
    assert not answer.certain
    assert "28 November 2002" in answer.caveats[0]
    assert treaties.applicable(["SU", "IT"], on="1980-06-01")[0].instrument == "IT-RU-1967"
    assert treaties.applicable(["RU", "IT"], on="1967-01-29")[0].instrument is None
    assert treaties.applicable(["RU", "IT"], on="1967-01-30")[0].instrument == "IT-RU-1967"


def test_twenty_percent_minimum() -> None:
    """20 % passes, 19.99 % fails; the check cites the summary it comes from."""
    ok = check([("IT", "80%", "majority"), ("RU", "20%", "minority")])
    assert ok.instrument == "IT-RU-1967"
    assert contribution_codes(ok) == []
    low = check([("IT", "80.01%", "majority"), ("RU", "19.99%", "minority")])
    assert contribution_codes(low) == ["CONTRIB-BELOW-MIN"]
    [below] = low.with_code("CONTRIB-BELOW-MIN")
    assert below.citation is not None
    assert (below.citation.source, below.citation.confidence.value) == (
        "https://rgdoc.ru/", "medium")
