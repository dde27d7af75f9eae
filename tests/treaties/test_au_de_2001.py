"""AU-DE-2001: the Australia–Germany agreement, its 30 % and its two ways down to 20 %."""

from __future__ import annotations

from _treaty_support import check, contribution_codes, errors

from coprod import parse_date, treaties
from coprod.treaties import Bound

BOTH = [("contribution-derogation", "AU"), ("contribution-derogation", "DE")]


def test_bilateral_thirty_percent() -> None:
    """Screen Australia: 30 % passes; 29.99 % fails without both authorities' approval."""
    ok = check([("AU", "70%", "majority"), ("DE", "30%", "minority")])
    assert ok.instrument == "AU-DE-2001"
    assert contribution_codes(ok) == []
    bad = check([("AU", "70.01%", "majority"), ("DE", "29.99%", "minority")])
    assert contribution_codes(bad) == ["CONTRIB-BELOW-MIN"]
    [below] = bad.with_code("CONTRIB-BELOW-MIN")
    assert "A derogation down to 20% is possible only with the approval" in below.message


def test_down_to_twenty_percent_with_both_approvals() -> None:
    """Exceptional circumstances, with the competent authorities' approval: down to 20 %.

    20 % passes with both approvals recorded (an info finding says the derogation was used);
    with one approval only it is an error; 19.99 % fails even with both.
    """
    approved = check([("AU", "80%", "majority"), ("DE", "20%", "minority")], approvals=BOTH)
    assert errors(approved) == []
    assert [f.code for f in approved.findings if f.code.startswith("CONTRIB-DEROGATION")] == [
        "CONTRIB-DEROGATION-APPROVED"]
    one = check([("AU", "80%", "majority"), ("DE", "20%", "minority")], approvals=BOTH[:1])
    assert contribution_codes(one) == ["CONTRIB-BELOW-MIN"]
    beyond = check([("AU", "80.01%", "majority"), ("DE", "19.99%", "minority")],
                   approvals=BOTH)
    assert contribution_codes(beyond) == ["CONTRIB-BELOW-MIN"]


def test_multipartite_twenty_percent_without_approval() -> None:
    """In multipartite co-productions the minimum is 20 %, with no approval needed.

    With a French partner: 20 % passes, 19.99 % fails, and the bilateral 30 % does not apply.
    """
    ok = check([("AU", "60%", "majority"), ("DE", "20%", "minority"),
                ("FR", "20%", "third-country")])
    assert ok.instrument == "AU-DE-2001"
    assert contribution_codes(ok) == []
    bad = check([("AU", "60.01%", "majority"), ("DE", "19.99%", "minority"),
                 ("FR", "20%", "third-country")])
    assert contribution_codes(bad) == ["CONTRIB-BELOW-MIN"]
    [below] = bad.with_code("CONTRIB-BELOW-MIN")
    assert below.message.endswith("below the minimum of 20% for multilateral co-productions.")


def test_year_from_the_heading_only() -> None:
    """The German text is headed "(12.09.2001)", not said to be the signature: a year only."""
    t = treaties.get("de-au-2001")
    assert (t.signature, t.signed_year) == (None, 2001)
    assert t.signed.note is not None
    assert "12.09.2001" in t.signed.note
    assert "not stated to be the date of signature" in t.signed.note
    assert t.in_force_on(parse_date("2000-12-31")) is Bound.NO
    assert t.in_force_on(parse_date("2025-01-01")) is Bound.UNKNOWN
    [answer] = treaties.applicable(["AU", "DE"], on="2025-01-01")
    assert (answer.instrument, answer.certain) == ("AU-DE-2001", False)
    report = check([("AU", "70%", "majority"), ("DE", "30%", "minority")])
    assert "INSTRUMENT-IN-FORCE-UNKNOWN" in [f.code for f in report.warnings]
    assert report.valid
