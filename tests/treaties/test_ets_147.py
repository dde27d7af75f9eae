"""ETS-147: the 1992 European Convention, at each of its boundaries."""

from __future__ import annotations

from _treaty_support import check, contribution_codes, errors

from coprod import parse_date, treaties
from coprod.treaties import Bound


def _three(a: str, b: str, c: str, **kw: object):  # type: ignore[no-untyped-def]
    # FR and DE are not CETS 220 Parties, so ETS 147 governs the three.
    return check([("FR", a, "majority"), ("DE", b, "minority"), ("IT", c, "minority")], **kw)


def test_state_dates() -> None:
    """Each state's dates come from the treaty database; states without dates are 'unknown'."""
    t = treaties.get("ETS147")
    de = next(s for s in t.states if s.country.code == "DE")
    assert t.bound_on(de.country, parse_date("1995-06-30")) is Bound.NO
    assert t.bound_on(de.country, parse_date("1995-07-01")) is Bound.YES
    es = next(s for s in t.states if s.country.code == "ES")
    assert t.bound_on(es.country, parse_date("2024-01-01")) is Bound.UNKNOWN
    am = next(s for s in t.states if s.country.code == "AM")
    assert t.bound_on(am.country, parse_date("2024-01-01")) is Bound.NO  # signatory only


def test_multilateral_minimum_ten_percent() -> None:
    """Art. 6(1): 10 % passes (national support at risk below 20 %), 9.99 % fails."""
    assert contribution_codes(_three("60%", "20%", "20%")) == []
    assert contribution_codes(_three("70%", "20%", "10%")) == ["CONTRIB-SUPPORT-AT-RISK"]
    assert contribution_codes(_three("70%", "20.01%", "9.99%")) == ["CONTRIB-BELOW-MIN"]


def test_below_twenty_percent_national_support_is_at_risk() -> None:
    """Art. 6(1), second sentence: under 20 %, a Party may reduce or bar national support.

    A warning on the share (not an error: the co-production still qualifies), citing the
    article; 19.99 % is at risk, 20 % is not, and a share below the minimum is only an error.
    """
    report = _three("60.01%", "20%", "19.99%")
    assert not [f for f in report.errors if f.code.startswith("CONTRIB-")]
    [risk] = report.with_code("CONTRIB-SUPPORT-AT-RISK")
    assert risk.path == "$.contributions[2]"
    assert risk.message == (
        "Producer 2 IT (IT) contributes 19.99% of the budget, within the range but below 20%: "
        "a state may reduce or bar access to its national support for a share below that; ask "
        "its competent authority.")
    assert risk.citation is not None
    assert (risk.citation.article, risk.citation.confidence.value) == ("Art. 6(1)", "high")
    # Bilateral (Art. 6(2)): 20 % is the minimum itself; no such warning.
    assert "CONTRIB-SUPPORT-AT-RISK" not in check(
        [("FR", "80%", "majority"), ("DE", "20%", "minority")]).codes


def test_multilateral_maximum_seventy_percent() -> None:
    """Art. 6(1): 70 % passes, 70.01 % fails."""
    assert _three("70%", "15%", "15%").instrument == "ETS-147"
    assert contribution_codes(_three("70.01%", "14.99%", "15%")) == [
        "CONTRIB-ABOVE-MAX", "CONTRIB-SUPPORT-AT-RISK", "CONTRIB-SUPPORT-AT-RISK"]


def test_non_party_cap() -> None:
    """Art. 2(2)(b): non-party co-producers together 30 %, not 30.01 %."""
    ok = check([("FR", "30%", "majority"), ("DE", "20%", "minority"), ("IT", "20%", "minority"),
                ("US", "20%", "third-country"), ("BR", "10%", "third-country")])
    assert contribution_codes(ok) == []
    bad = check([("FR", "29.99%", "majority"), ("DE", "20%", "minority"), ("IT", "20%", "minority"),
                 ("US", "20.01%", "third-country"), ("BR", "10%", "third-country")])
    assert contribution_codes(bad) == ["NONPARTY-ABOVE-CAP"]


def test_non_party_in_a_bilateral_framework_is_reported_not_checked() -> None:
    """Art. 2(2)(b) caps non-party shares in multilateral co-productions only.

    FR–DE under the Convention as a bilateral framework, with a US co-producer at 40 %: no
    cap covers it, which the report says (it does not pass silently), naming the kind of
    co-production the cap does cover. The same US partner in a multilateral co-production
    is checked against the cap.
    """
    bilateral = check([("FR", "40%", "majority"), ("DE", "20%", "minority"),
                       ("US", "40%", "third-country")])
    assert bilateral.instrument == "ETS-147"
    [note] = bilateral.with_code("NONPARTY-NO-RULE")
    assert note.message == (
        "not checked: the catalogue records no cap on the share of co-producers from states "
        "not bound by ETS-147 in bilateral co-productions (its rules on them cover "
        "multilateral co-productions)")
    assert not [f for f in bilateral.findings if f.code.startswith("NONPARTY-ABOVE")]
    assert note in bilateral.not_checked  # the verdict counts it among the rules not checked
    multilateral = check([("FR", "30%", "majority"), ("DE", "15%", "minority"),
                          ("IT", "15%", "minority"), ("US", "40%", "third-country")])
    assert "NONPARTY-NO-RULE" not in multilateral.codes
    assert "NONPARTY-ABOVE-CAP" in multilateral.codes


def test_financial_only_range() -> None:
    """Art. 9: a financial-only share of 25 % passes, 25.01 % fails; 10 % passes, 9.99 % fails."""
    ok = _three("50%", "25%", "25%")
    assert contribution_codes(ok) == []
    base = [("FR", "50%", "majority"), ("DE", "25%", "minority")]
    fin = check([*base, ("IT", "25%", "financial-only")], personnel=[("director", "FR", None)])
    assert "FINONLY-ABOVE-MAX" not in fin.codes
    assert "FINONLY-NO-APPROVAL" in fin.codes  # approval case by case
    assert "FINONLY-PROVISION-MISSING" in errors(fin)  # receipts-sharing clause
    over = check([("FR", "49.99%", "majority"), ("DE", "25%", "minority"),
                  ("IT", "25.01%", "financial-only")], personnel=[("director", "FR", None)])
    assert "FINONLY-ABOVE-MAX" in errors(over)
    under = check([("FR", "65%", "majority"), ("DE", "25.01%", "minority"),
                   ("IT", "9.99%", "financial-only")], personnel=[("director", "FR", None)])
    assert {"FINONLY-BELOW-MIN", "CONTRIB-BELOW-MIN"} <= set(errors(under))


def test_bilateral_framework_twenty_percent() -> None:
    """Art. 2(4) and 6(2): FR–DE (no bilateral agreement in the catalogue) uses 20–80 %."""
    ok = check([("FR", "80%", "majority"), ("DE", "20%", "minority")])
    assert ok.instrument == "ETS-147"
    assert contribution_codes(ok) == []
    bad = check([("FR", "80.01%", "majority"), ("DE", "19.99%", "minority")])
    assert contribution_codes(bad) == ["CONTRIB-ABOVE-MAX", "CONTRIB-BELOW-MIN"]


def _european(director: str, *, approvals=()):  # type: ignore[no-untyped-def]
    personnel = [("director", director, None), ("screenwriter", "DE", None),
                 ("composer", "IT", None), ("lead-role", "FR", 1), ("lead-role", "DE", 2),
                 ("lead-role", "IT", 3), ("director-of-photography", "FR", None),
                 ("sound-recordist", "DE", None), ("editor", "IT", None),
                 ("art-director", "FR", None)]
    locations = [("shooting", "FR", "100000 USD"), ("post-production", "US", "100000 USD")]
    return check([("FR", "40%", "majority"), ("DE", "30%", "minority"), ("IT", "30%", "minority")],
                 personnel=personnel, locations=locations, approvals=approvals)


def test_points_fifteen_pass_fourteen_fail() -> None:
    """Appendix II: 15 of 19 passes; 14 fails unless the authorities accept fewer."""
    passing = _european("FR")  # 19 - 1 (post-production in the US) = 18
    assert "POINTS-BELOW-PASS" not in passing.codes
    # A US director loses 3 points: 15 still passes; add nothing else.
    assert "POINTS-BELOW-PASS" not in _european("US").codes
    [score] = _european("US").with_code("POINTS-SCORE")
    assert score.message.startswith("15 of 19 points")
    failing = check([("FR", "40%", "majority"), ("DE", "30%", "minority"),
                     ("IT", "30%", "minority")],
                    personnel=[("director", "US", None), ("screenwriter", "DE", None),
                               ("lead-role", "FR", 1), ("lead-role", "DE", 2),
                               ("lead-role", "IT", 3), ("director-of-photography", "FR", None),
                               ("sound-recordist", "DE", None), ("editor", "IT", None),
                               ("art-director", "FR", None)],
                    locations=[("shooting", "FR", "1 USD"), ("post-production", "FR", "1 USD")])
    [score] = failing.with_code("POINTS-SCORE")
    assert score.message.startswith("15 of 19")  # composer vacant: 19 - 3 - 1
    failing = check([("FR", "40%", "majority"), ("DE", "30%", "minority"),
                     ("IT", "30%", "minority")],
                    personnel=[("director", "US", None), ("screenwriter", "DE", None),
                               ("lead-role", "FR", 1), ("lead-role", "DE", 2),
                               ("lead-role", "IT", 3), ("director-of-photography", "FR", None),
                               ("sound-recordist", "DE", None), ("editor", "IT", None)],
                    locations=[("shooting", "FR", "1 USD"), ("post-production", "FR", "1 USD")])
    assert "POINTS-BELOW-PASS" in errors(failing)
    accepted = check([("FR", "40%", "majority"), ("DE", "30%", "minority"),
                      ("IT", "30%", "minority")],
                     personnel=[("director", "US", None), ("screenwriter", "DE", None),
                                ("lead-role", "FR", 1), ("lead-role", "DE", 2),
                                ("lead-role", "IT", 3), ("director-of-photography", "FR", None),
                                ("sound-recordist", "DE", None), ("editor", "IT", None)],
                     locations=[("shooting", "FR", "1 USD"), ("post-production", "FR", "1 USD")],
                     approvals=[("points-shortfall", "FR"), ("points-shortfall", "DE"),
                                ("points-shortfall", "IT")])
    assert "POINTS-SHORTFALL-APPROVED" in accepted.codes
    assert "POINTS-BELOW-PASS" not in accepted.codes


def test_application_two_months_before_shooting() -> None:
    """Appendix I: the application is due two months before principal photography.

    Exactly two months before passes; a day later is a warning; inside one month is an error.
    """
    parts = [("FR", "40%", "majority"), ("DE", "30%", "minority"), ("IT", "30%", "minority")]
    on_time = check(parts, application="2025-03-01", photography="2025-05-01")
    assert "APPLICATION-LATE" not in on_time.codes
    late = check(parts, application="2025-03-02", photography="2025-05-01")
    assert [(f.code, f.severity.value) for f in late.with_code("APPLICATION-LATE")] == [
        ("APPLICATION-LATE", "warning")]
    very_late = check(parts, application="2025-04-02", photography="2025-05-01")
    assert sorted(f.severity.value for f in very_late.with_code("APPLICATION-LATE")) == [
        "error", "warning"]


def test_russia_status_after_2022_is_flagged() -> None:
    """Russia's status after leaving the Council of Europe is reported as uncertain."""
    report = check([("FR", "40%", "majority"), ("DE", "30%", "minority"),
                    ("RU", "30%", "minority")])
    assert report.instrument == "ETS-147"
    assert "INSTRUMENT-STATE-UNCERTAIN" in report.codes
