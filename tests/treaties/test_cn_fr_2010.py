"""CN-FR-2010: the France–China agreement, whose percentages are unknown."""

from __future__ import annotations

from _treaty_support import check, contribution_codes


def test_unknown_shares_are_never_guessed() -> None:
    """Shares are unknown: 'not checked'."""
    report = check([("FR", "95%", "majority"), ("CN", "5%", "minority")])
    assert report.instrument == "CN-FR-2010"
    assert contribution_codes(report) == []
    assert "CONTRIB-RANGE-NOT-CHECKED" in report.codes


def test_collaborators_french_chinese_or_eu() -> None:
    """A German collaborator is accepted; a US one is reported (warning, to check by hand)."""
    parts = [("FR", "50%", "majority"), ("CN", "50%", "minority")]
    assert "PERSONNEL-NATIONALITY" not in check(parts, personnel=[("editor", "DE", None)]).codes
    report = check(parts, personnel=[("editor", "US", None)])
    [finding] = report.with_code("PERSONNEL-NATIONALITY")
    assert finding.severity.value == "warning"
    assert finding.path == "$.key_personnel[0]"


def test_collaborators_from_the_eea_and_the_eu_as_it_stood() -> None:
    """EEA nationals (Iceland, Liechtenstein, Norway) are accepted as EU ones are.

    EU membership is taken on the date of review: a British editor is accepted in 2015 and
    reported in 2021, after the United Kingdom left; a Croatian one is reported before
    Croatia joined (1 July 2013) and accepted after. Switzerland is not in the EEA.
    """
    parts = [("FR", "50%", "majority"), ("CN", "50%", "minority")]

    def flagged(nationality: str, on: str) -> bool:
        report = check(parts, personnel=[("editor", nationality, None)], signed=on)
        return "PERSONNEL-NATIONALITY" in report.codes

    assert [flagged(cc, "2015-03-01") for cc in ("IS", "LI", "NO", "GB", "CH")] == [
        False, False, False, False, True]
    assert flagged("GB", "2020-01-31") is False
    assert flagged("GB", "2020-02-01") is True
    assert (flagged("HR", "2013-06-30"), flagged("HR", "2013-07-01")) == (True, False)


def test_approval_before_shooting_lead_time_unknown() -> None:
    """Art. 2 requires approval before shooting; the lead time is unknown: not checked."""
    report = check([("FR", "50%", "majority"), ("CN", "50%", "minority")])
    [finding] = report.with_code("APPLICATION-NOT-CHECKED")
    assert finding.citation is not None
    assert finding.citation.article == "Art. 2"
