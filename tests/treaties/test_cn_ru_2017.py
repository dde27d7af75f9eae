"""CN-RU-2017: the Russia–China agreement of 2017, at each of its boundaries."""

from __future__ import annotations

from _treaty_support import check, contribution_codes, errors

from coprod import treaties
from coprod.treaties import UNKNOWN


def test_entry_facts() -> None:
    """The entry holds the facts of the reference file and leaves the unknowns unknown."""
    t = treaties.get("ru-cn-2017")
    assert t.id == "CN-RU-2017"
    assert t.signature is not None
    assert t.signature.isoformat() == "2017-07-04"
    assert t.in_force.value is UNKNOWN
    assert {s.country.code for s in t.states} == {"RU", "CN"}
    assert all(ca.name is UNKNOWN for ca in t.competent_authorities)


def test_minimum_twenty_percent_passes_and_just_below_fails() -> None:
    """20 % passes; 19.99 % fails with CONTRIB-BELOW-MIN (the remainder goes to a third state)."""
    ok = check([("RU", "60%", "majority"), ("CN", "20%", "minority"),
                ("KZ", "20%", "third-country")],
               languages=("ru", "zh"))
    assert contribution_codes(ok) == []
    bad = check([("RU", "60%", "majority"), ("CN", "19.99%", "minority"),
                 ("KZ", "20.01%", "third-country")], languages=("ru", "zh"))
    assert contribution_codes(bad) == ["CONTRIB-BELOW-MIN"]
    [finding] = bad.with_code("CONTRIB-BELOW-MIN")
    assert finding.path == "$.contributions[1]"
    assert finding.citation is not None
    assert finding.citation.article == "article unknown"
    assert finding.citation.confidence.value == "medium"


def test_maximum_eighty_percent_passes_and_just_above_fails() -> None:
    """80 % passes; 80.01 % fails with CONTRIB-ABOVE-MAX (and the other side is then short)."""
    ok = check([("RU", "80%", "majority"), ("CN", "20%", "minority")], languages=("ru", "zh"))
    assert ok.valid
    bad = check([("RU", "80.01%", "majority"), ("CN", "19.99%", "minority")],
                languages=("ru", "zh"))
    assert contribution_codes(bad) == ["CONTRIB-ABOVE-MAX", "CONTRIB-BELOW-MIN"]


def test_third_state_cap_thirty_percent() -> None:
    """A third-state producer may put in 30 %, not 30.01 %."""
    ok = check([("RU", "40%", "majority"), ("CN", "30%", "minority"),
                ("FR", "30%", "third-country")],
               languages=("ru", "zh"))
    assert contribution_codes(ok) == []
    bad = check([("RU", "39.99%", "majority"), ("CN", "30%", "minority"),
                 ("FR", "30.01%", "third-country")], languages=("ru", "zh"))
    assert contribution_codes(bad) == ["NONPARTY-ABOVE-CAP"]


def test_russian_and_chinese_versions_required() -> None:
    """Both versions are required; a simplified-Chinese version counts as Chinese."""
    assert "LANG-VERSION-MISSING" in errors(
        check([("RU", "50%", "majority"), ("CN", "50%", "minority")], languages=("ru",)))
    ok = check([("RU", "50%", "majority"), ("CN", "50%", "minority")], languages=("ru",),
               versions=("zh-Hans",))
    assert ok.valid


def test_unknowns_are_reported_not_guessed() -> None:
    """Personnel rules and application deadlines are unknown: info 'not checked', never an error."""
    report = check([("RU", "50%", "majority"), ("CN", "50%", "minority")], languages=("ru", "zh"),
                   personnel=[("director", "US", None)])
    assert {"PERSONNEL-NOT-CHECKED", "APPLICATION-NOT-CHECKED"} <= set(report.codes)
    assert report.valid
    assert [f.code for f in report.warnings] == ["INSTRUMENT-IN-FORCE-UNKNOWN"]


def test_not_before_signature() -> None:
    """Before its signature the agreement governs nothing: the report says so."""
    report = check([("RU", "50%", "majority"), ("CN", "50%", "minority")], languages=("ru", "zh"),
                   treaty="CN-RU-2017", as_of="2017-07-03")
    assert "INSTRUMENT-NOT-IN-FORCE" in errors(report)


def test_before_signature_the_rules_still_treat_its_states_as_its_own() -> None:
    """Not in force is said once, and its own states' producers are not outsiders.

    No "not bound", no non-party cap, no "too few states": the rules are checked as if the
    agreement applied, so 85% is still above its 80% maximum.
    """
    report = check([("RU", "85%", "majority"), ("CN", "15%", "minority")],
                   languages=("ru", "zh"), treaty="CN-RU-2017", as_of="2017-03-15")
    assert errors(report) == ["CONTRIB-ABOVE-MAX", "CONTRIB-BELOW-MIN",
                              "INSTRUMENT-NOT-IN-FORCE"]
    (late,) = [f for f in report.errors if f.code == "INSTRUMENT-NOT-IN-FORCE"]
    assert "as if it applied" in late.message
    # It rests on the date of signature, so it cites the source of that date.
    assert late.citation is not None
    assert late.citation.source == "https://conventions.ru/view_base.php?id=22005"


def test_the_basis_cites_the_agreement_itself_not_the_european_convention() -> None:
    """The bilateral basis cites the agreement's own source, not ETS 147 Art. 2(3).

    Neither Russia nor China is bound by ETS 147, so its article on bilateral treaties is
    beside the point.
    """
    report = check([("RU", "50%", "majority"), ("CN", "50%", "minority")],
                   languages=("ru", "zh"), as_of="2025-01-10")
    (basis,) = [f for f in report.findings if f.code == "INSTRUMENT-BASIS"]
    assert "ETS 147" not in basis.message
    assert basis.citation is not None
    assert basis.citation.instrument == "CN-RU-2017"
