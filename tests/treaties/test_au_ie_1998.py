"""AU-IE-1998: the Australia–Ireland agreement, known only by its year."""

from __future__ import annotations

from _treaty_support import check, contribution_codes

from coprod import parse_date, treaties
from coprod.treaties import Bound

PARTS = [("AU", "50%", "majority"), ("IE", "50%", "minority")]


def test_minimum_twenty_percent() -> None:
    """Screen Australia's 20 %: 20 % passes, 19.99 % fails."""
    ok = check([("AU", "80%", "majority"), ("IE", "20%", "minority")])
    assert ok.instrument == "AU-IE-1998"
    assert contribution_codes(ok) == []
    bad = check([("AU", "80.01%", "majority"), ("IE", "19.99%", "minority")])
    assert contribution_codes(bad) == ["CONTRIB-BELOW-MIN"]


def test_signed_year_only_and_weakly_sourced() -> None:
    """1998 from a blog (low confidence): never before 1998, and unknown after."""
    t = treaties.get("ie-au-1998")
    assert (t.signature, t.signed_year) == (None, 1998)
    assert t.signed.confidence.value == "low"
    assert t.in_force_on(parse_date("1997-12-31")) is Bound.NO
    assert t.in_force_on(parse_date("2025-01-01")) is Bound.UNKNOWN
    [before] = treaties.applicable(["AU", "IE"], on="1997-12-31")
    assert "(AU-IE-1998 was signed in 1998, after that day)" in before.reason
    [answer] = treaties.applicable(["AU", "IE"], on="2025-01-01")
    assert (answer.instrument, answer.certain) == ("AU-IE-1998", False)
    assert answer.caveats == ("AU-IE-1998: its entry into force is not established by the "
                              "sources",)
    assert "INSTRUMENT-IN-FORCE-UNKNOWN" in [f.code for f in check(PARTS).warnings]


def test_application_thirty_days_before_shooting() -> None:
    """Olffi: apply at least 30 days before shooting; 30 days pass, 29 are late (an error).

    Without the dates the deadline cannot be checked: a warning that says so.
    """
    on_time = check(PARTS, application="2025-03-02", photography="2025-04-01")
    assert "APPLICATION-LATE" not in on_time.codes
    assert on_time.valid
    late = check(PARTS, application="2025-03-03", photography="2025-04-01")
    [finding] = late.with_code("APPLICATION-LATE")
    assert finding.severity.value == "error"
    assert "later than 2025-03-02" in finding.message
    undated = check(PARTS)
    assert [f.code for f in undated.warnings if f.code.startswith("APPLICATION")] == [
        "APPLICATION-DATE-MISSING"]


def test_third_countries_unknown() -> None:
    """Nothing usable on third-country partners was found: 'if it admits', never 'admits'."""
    [answer] = treaties.applicable(["AU", "IE", "US"], on="2025-01-01")
    assert (answer.instrument, answer.certain) == ("AU-IE-1998", False)
    assert "is the only instrument that could govern, if it admits" in answer.reason
