"""CN-KZ-2017: the China–Kazakhstan agreement, in force, whose rules were not read."""

from __future__ import annotations

from _treaty_support import check, contribution_codes

from coprod import Country, treaties


def test_in_force_from_6_december_2017_and_not_before() -> None:
    """Signed 8 June 2017, in force 6 December 2017 (Kazakh register): certain after that.

    Before it was in the catalogue, China–Kazakhstan was answered "no instrument".
    """
    [answer] = treaties.applicable(["KZ", "CN"], on="2025-01-01")
    assert (answer.instrument, answer.basis.value, answer.certain) == (
        "CN-KZ-2017", "bilateral-treaty", True)
    assert answer.caveats == ()
    # Signed but not yet in force: no instrument binds the two on that day.
    [before] = treaties.applicable(["KZ", "CN"], on="2017-12-05")
    assert before.instrument is None
    assert "(CN-KZ-2017, signed on 2017-06-08, is in force from 2017-12-06)" in before.reason
    assert treaties.applicable(["KZ", "CN"], on="2017-12-06")[0].instrument == "CN-KZ-2017"
    treaty = treaties.get("kz-cn-2017")
    assert str(treaty.signed.value) == "2017-06-08"
    assert treaty.signed.confidence.value == "high"


def test_nothing_read_so_nothing_guessed() -> None:
    """Any split is 'not checked', never an error; so are languages and third countries."""
    report = check([("KZ", "95%", "majority"), ("CN", "5%", "minority")])
    assert report.instrument == "CN-KZ-2017"
    assert contribution_codes(report) == []
    assert {"CONTRIB-RANGE-NOT-CHECKED", "LANG-NOT-CHECKED"} <= set(report.codes)
    assert report.valid
    with_third = check([("KZ", "40%", "majority"), ("CN", "20%", "minority"),
                        ("US", "40%", "third-country")], treaty="CN-KZ-2017")
    assert "NONPARTY-NOT-CHECKED" in with_third.codes
    assert contribution_codes(with_third) == []


def test_a_third_state_may_take_part_only_if_the_text_allows() -> None:
    """The sources are silent on third-country partners: 'may govern', never 'admits'."""
    [answer] = treaties.applicable(["KZ", "CN", "US"], on="2025-01-01")
    assert (answer.instrument, answer.certain) == ("CN-KZ-2017", False)
    assert "is the only instrument that could govern, if it admits" in answer.reason


def test_beside_an_agreement_that_admits_third_states_it_comes_second() -> None:
    """Russia, China and Kazakhstan: the agreement that admits third states comes first.

    CN-RU-2017 admits a third-state producer (up to 30 %); CN-KZ-2017's sources are silent
    on third states, so it is the alternative, and neither is "the only instrument" that
    could govern. With CN-KZ-2017 added, the silent agreement came first (catalogue order)
    and was called the only one.
    """
    first, second = treaties.applicable(["RU", "CN", "KZ"], on="2025-01-01")
    assert (first.instrument, first.non_party) == ("CN-RU-2017", (Country("KZ"),))
    assert "admits co-producers from third states" in first.reason
    assert second.instrument == "CN-KZ-2017"
    assert second.reason == (
        "no convention binds enough of RU, CN, KZ; CN-KZ-2017 between CN, KZ could govern, if "
        "it admits co-producers from third states such as RU.")
    assert all("the only instrument" not in a.reason for a in (first, second))
