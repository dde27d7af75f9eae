"""CA-CN-2016: the Canada–China treaty, at each of its boundaries."""

from __future__ import annotations

from _treaty_support import check, contribution_codes, errors

from coprod import parse_date, treaties
from coprod.treaties import Bound


def test_signed_year_only() -> None:
    """The exact signing day is unknown, so the treaty's status is never assumed.

    It cannot apply before 2016, and after that its status is unknown rather than assumed.
    """
    t = treaties.get("cn-ca-2016")
    assert t.signature is None
    assert t.signed_year == 2016
    assert t.in_force_on(parse_date("2015-12-31")) is Bound.NO
    assert t.in_force_on(parse_date("2024-01-01")) is Bound.UNKNOWN


def test_bipartite_fifteen_percent() -> None:
    """15 % passes, 14.99 % fails; the maximum is unknown and reported as not checked."""
    ok = check([("CA", "85%", "majority"), ("CN", "15%", "minority")])
    assert contribution_codes(ok) == []
    assert "CONTRIB-RANGE-NOT-CHECKED" in ok.codes
    bad = check([("CA", "85.01%", "majority"), ("CN", "14.99%", "minority")])
    assert contribution_codes(bad) == ["CONTRIB-BELOW-MIN"]


def test_multipartite_ten_percent() -> None:
    """With a third-country partner, 10 % passes and 9.99 % fails."""
    ok = check([("CA", "70%", "majority"), ("CN", "10%", "minority"),
                ("FR", "20%", "third-country")])
    assert contribution_codes(ok) == []
    bad = check([("CA", "70.01%", "majority"), ("CN", "9.99%", "minority"),
                 ("FR", "20%", "third-country")])
    assert contribution_codes(bad) == ["CONTRIB-BELOW-MIN"]
    # The multipartite minimum bounds the third-country partner too: its share is checked,
    # so no note says that nothing covers it.
    assert "NONPARTY-NO-RULE" not in bad.codes
    low_third = check([("CA", "70.01%", "majority"), ("CN", "20%", "minority"),
                       ("FR", "9.99%", "third-country")])
    [below] = low_third.with_code("CONTRIB-BELOW-MIN")
    assert below.path == "$.contributions[2]"


def test_film_only() -> None:
    """A TV series is outside the treaty."""
    assert "SCOPE-KIND-NOT-COVERED" in errors(
        check([("CA", "50%", "majority"), ("CN", "50%", "minority")], kind="tv-series"))


def test_technical_services_abroad_capped_at_25_percent() -> None:
    """Services in a non-party: 25 % of the budget passes, 25.01 % fails; consent is needed."""
    parts = [("CA", "50%", "majority"), ("CN", "50%", "minority")]
    ok = check(parts, locations=[("vfx", "IN", "2500000.00 USD")],
               approvals=[("non-party-location", "CA"), ("non-party-location", "CN")])
    assert errors(ok) == []
    assert "LOCATION-NON-PARTY-APPROVED" in ok.codes
    bad = check(parts, locations=[("vfx", "IN", "2500001.00 USD")])
    assert errors(bad) == ["LOCATION-SPEND-ABOVE-CAP"]
    assert "LOCATION-NON-PARTY" in bad.codes


def test_non_party_personnel_needs_consent() -> None:
    """A US director needs both authorities' written consent."""
    parts = [("CA", "50%", "majority"), ("CN", "50%", "minority")]
    assert errors(check(parts, personnel=[("director", "US", None)])) == ["PERSONNEL-NATIONALITY"]
    approved = check(parts, personnel=[("director", "US", None)],
                     approvals=[("personnel-exception", "CA"), ("personnel-exception", "CN")])
    assert approved.valid
    assert "PERSONNEL-EXCEPTION-APPROVED" in approved.codes
