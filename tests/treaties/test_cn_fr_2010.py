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


def test_approval_before_shooting_lead_time_unknown() -> None:
    """Art. 2 requires approval before shooting; the lead time is unknown: not checked."""
    report = check([("FR", "50%", "majority"), ("CN", "50%", "minority")])
    [finding] = report.with_code("APPLICATION-NOT-CHECKED")
    assert finding.citation is not None
    assert finding.citation.article == "Art. 2"
