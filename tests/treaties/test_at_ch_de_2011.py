"""AT-CH-DE-2011: the German–Austrian–Swiss agreement, at each of its boundaries."""

from __future__ import annotations

from _treaty_support import check, contribution_codes, errors

from coprod import treaties


def test_trilateral_governs_the_three() -> None:
    """For DE, AT and CH together the trilateral agreement governs, in any order of ids."""
    assert treaties.get("de-at-ch-2011").id == "AT-CH-DE-2011"
    answers = treaties.applicable(["DE", "AT", "CH"], on="2024-06-01")
    assert answers[0].instrument == "AT-CH-DE-2011"
    assert answers[0].basis.value == "multilateral-agreement"


def test_twenty_percent_exceptionally_ten() -> None:
    """Art. 4: 20 % passes; 19.99 % fails; 10 % passes with every party's consent."""
    ok = check([("DE", "60%", "majority"), ("AT", "20%", "minority"), ("CH", "20%", "minority")])
    assert contribution_codes(ok) == []
    bad = check([("DE", "60.01%", "majority"), ("AT", "19.99%", "minority"),
                 ("CH", "20%", "minority")])
    assert contribution_codes(bad) == ["CONTRIB-BELOW-MIN"]
    consent = [("contribution-derogation", c) for c in ("DE", "AT", "CH")]
    ten = check([("DE", "70%", "majority"), ("AT", "10%", "minority"), ("CH", "20%", "minority")],
                approvals=consent)
    assert errors(ten) == []
    nine = check([("DE", "70.01%", "majority"), ("AT", "9.99%", "minority"),
                  ("CH", "20%", "minority")],
                 approvals=consent)
    assert contribution_codes(nine) == ["CONTRIB-BELOW-MIN"]


def test_financial_only_ten_to_twenty() -> None:
    """Art. 5: a financial-only co-producer puts in 10–20 %: 20 % passes, 20.01 % fails."""
    consent = [("contribution-derogation", c) for c in ("DE", "AT", "CH")]
    ok = check([("DE", "60%", "majority"), ("AT", "20%", "minority"),
                ("CH", "20%", "financial-only")])
    assert contribution_codes(ok) == []
    bad = check([("DE", "59.99%", "majority"), ("AT", "20%", "minority"),
                 ("CH", "20.01%", "financial-only")], approvals=consent)
    assert contribution_codes(bad) == ["FINONLY-ABOVE-MAX"]
