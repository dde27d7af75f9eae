"""CN-GB-2014: the UK–China agreement, whose percentages are unknown."""

from __future__ import annotations

from _treaty_support import check, contribution_codes

from coprod import treaties


def test_unknown_shares_are_never_guessed() -> None:
    """Any share, even 1 %, yields 'not checked', never an error."""
    report = check([("GB", "99%", "majority"), ("CN", "1%", "minority")])
    assert report.instrument == "CN-GB-2014"
    assert contribution_codes(report) == []
    assert "CONTRIB-RANGE-NOT-CHECKED" in report.codes
    assert "LANG-NOT-CHECKED" in report.codes
    assert "POINTS-NOT-CHECKED" in report.codes
    assert report.valid


def test_third_party_rule_unknown() -> None:
    """A third-country partner: the cap is unknown, so 'not checked'."""
    report = check([("GB", "50%", "majority"), ("CN", "10%", "minority"),
                    ("US", "40%", "third-country")])
    assert "NONPARTY-NOT-CHECKED" in report.codes
    assert report.valid


def test_admission_of_a_third_state_is_not_presumed() -> None:
    """The sources are silent on third-country partners: 'may govern', never 'admits'.

    Italy–Japan, whose Art. 9 admits them, is answered with certainty on that point.
    """
    [answer] = treaties.applicable(["GB", "CN", "US"], on="2025-01-01")
    assert answer.instrument == "CN-GB-2014"
    assert not answer.certain
    assert "admits co-producers from third states, so" not in answer.reason
    assert "is the only instrument that could govern, if it admits" in answer.reason
    assert answer.caveats[-1].startswith(
        "the sources read do not say whether CN-GB-2014 admits co-producers from third states")
    [it_jp] = treaties.applicable(["IT", "JP", "FR"], on="2025-01-01")
    assert it_jp.certain
    assert "IT-JP-2023 between IT, JP admits co-producers from third states" in it_jp.reason


def test_authorities_from_secondary_source() -> None:
    """BFI and CFCC are recorded with medium confidence."""
    names = {ca.country.code: (ca.name, ca.confidence.value)
             for ca in treaties.get("GB-CN-2014").competent_authorities}
    assert names["GB"] == ("British Film Institute (BFI)", "medium")
