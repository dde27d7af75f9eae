"""AU-GB-1990: the Australia–UK agreement, whose minimum today is not known."""

from __future__ import annotations

from _treaty_support import check, contribution_codes

from coprod import parse_date, treaties


def test_a_25_percent_share_is_not_an_error() -> None:
    """The 1990 text's 30 % is lowered by the 2021 amendments, by an amount not found.

    Their entry into force was not found either, so the minimum is not checked: a 25 % share
    is a note "not checked", not an error, and the note cites the rule.
    """
    report = check([("AU", "75%", "majority"), ("GB", "25%", "minority")])
    assert report.instrument == "AU-GB-1990"
    assert contribution_codes(report) == []
    assert report.valid
    messages = [f.message for f in report.with_code("CONTRIB-RANGE-NOT-CHECKED")]
    assert messages == [
        "not checked: the minimum share for all co-productions under AU-GB-1990 is not known",
        "not checked: the maximum share for all co-productions under AU-GB-1990 is not known"]
    assert all(f.severity.value == "info" for f in report.with_code("CONTRIB-RANGE-NOT-CHECKED"))
    even_lower = check([("AU", "90%", "majority"), ("GB", "10%", "minority")])
    assert contribution_codes(even_lower) == []


def test_the_thirty_percent_is_recorded_but_not_applied() -> None:
    """The rule keeps the 1990 figure in its note and says why it is not applied."""
    rule = treaties.get("GB-AU-1990").rule("minimum-contribution")
    assert rule.note is not None
    assert "30 %" in rule.note
    assert "30 % is not applied" in rule.note
    amendment = treaties.get("AU-GB-1990").amendment("amendments-2021")
    assert (amendment.signed, amendment.in_force) == (None, None)
    assert not amendment.in_force_on(parse_date("2030-01-01"))


def test_third_country_producers_join_under_their_own_treaty() -> None:
    """Olffi: a third-country producer joins under its country's treaty with the UK or Australia.

    No file shows that treaty: a note for a person, only when such a producer takes part.
    The applicability answer says the agreement admits them.
    """
    [answer] = treaties.applicable(["AU", "GB", "US"], on="2025-01-01")
    assert answer.instrument == "AU-GB-1990"
    assert "AU-GB-1990 between AU, GB admits co-producers from third states" in answer.reason
    assert not answer.certain
    report = check([("AU", "50%", "majority"), ("GB", "30%", "minority"),
                    ("US", "20%", "third-country")])
    treaty_condition = [f for f in report.with_code("CONDITION-NOT-CHECKED")
                        if "either the UK or Australia" in f.message]
    assert len(treaty_condition) == 1
    assert treaty_condition[0].path == "$.co_producers"
    assert "NONPARTY-NOT-CHECKED" in report.codes
    assert report.valid
    alone = check([("AU", "50%", "majority"), ("GB", "50%", "minority")])
    assert [f.path for f in alone.with_code("CONDITION-NOT-CHECKED")] == ["$"]  # footage only


def test_dated_12_june_1990_in_force_not_established() -> None:
    """Cm. 1758 of 12 June 1990; its entry into force was not found: never assumed."""
    [before] = treaties.applicable(["AU", "GB"], on="1990-06-11")
    assert before.instrument is None
    [answer] = treaties.applicable(["GB", "AU"], on="2025-01-01")
    assert (answer.instrument, answer.certain) == ("AU-GB-1990", False)
    report = check([("AU", "50%", "majority"), ("GB", "50%", "minority")])
    assert "INSTRUMENT-IN-FORCE-UNKNOWN" in [f.code for f in report.warnings]
