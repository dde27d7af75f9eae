"""DE-RU-2011: the Russia–Germany agreement, whose entry into force is not known."""

from __future__ import annotations

from _treaty_support import check, errors

from coprod import treaties


def test_it_may_govern_and_the_convention_is_the_alternative() -> None:
    """The agreement first (uncertain); ETS 147 as the framework if it is not in force.

    Before it was in the catalogue, ETS 147 was given as if no agreement existed.
    """
    first, second = treaties.applicable(["RU", "DE"], on="2025-01-01")
    assert (first.instrument, first.certain) == ("DE-RU-2011", False)
    assert (second.instrument, second.basis.value) == (
        "ETS-147", "convention-as-bilateral-framework")
    assert second.reason.startswith("if DE-RU-2011 is not in force, RU, DE have no bilateral "
                                    "agreement in force")
    assert second.caveats[-1] == (
        "applies only if DE-RU-2011 is not in force, which the sources do not establish")
    # Before its signature only the Convention can apply, without that condition.
    [before] = treaties.applicable(["RU", "DE"], on="2010-01-01")
    assert before.instrument == "ETS-147"
    assert not before.reason.startswith("if ")


def test_russian_and_german_versions_and_unknown_shares() -> None:
    """Art. 8(1): both versions are required; the shares are 'not checked'."""
    both = check([("RU", "50%", "majority"), ("DE", "50%", "minority")], languages=("ru", "de"),
                 treaty="DE-RU-2011")
    assert errors(both) == []
    assert "CONTRIB-RANGE-NOT-CHECKED" in both.codes
    russian_only = check([("RU", "50%", "majority"), ("DE", "50%", "minority")],
                         languages=("ru",), treaty="DE-RU-2011")
    assert errors(russian_only) == ["LANG-VERSION-MISSING"]
    [missing] = russian_only.with_code("LANG-VERSION-MISSING")
    assert missing.citation is not None
    assert missing.citation.article == "Art. 8(1)"
