"""IT-JP-2023: the Italy–Japan agreement, at each of its boundaries."""

from __future__ import annotations

import attrs
from _treaty_support import build, check, contribution_codes, errors

from coprod import Money, treaties
from coprod.validation import validate

AFTER = "2025-01-10"


def test_in_force_from_9_august_2024() -> None:
    """Before 9 August 2024 no instrument governs IT–JP; from that day the agreement does."""
    assert treaties.applicable(["IT", "JP"], on="2024-08-08")[0].instrument is None
    assert treaties.applicable(["IT", "JP"], on="2024-08-09")[0].instrument == "IT-JP-2023"
    early = check([("IT", "50%", "majority"), ("JP", "50%", "minority")], treaty="IT-JP-2023",
                  as_of="2024-08-08")
    assert "INSTRUMENT-NOT-IN-FORCE" in errors(early)


def test_bilateral_twenty_percent_and_derogation() -> None:
    """Art. 8: the minimum share is 20 %, or 10 % with both approvals.

    20 % passes; 19.99 % fails without both approvals; 10 % passes with them; 9.99 % fails
    even with them.
    """
    assert contribution_codes(check([("IT", "80%", "majority"), ("JP", "20%", "minority")])) == []
    # Shares are per country, so in a two-country co-production 19.99 % on one side is
    # 80.01 % on the other.
    unapproved = check([("IT", "60%", "majority"), ("IT", "20.01%", "minority"),
                        ("JP", "19.99%", "minority")])
    assert contribution_codes(unapproved) == ["CONTRIB-ABOVE-MAX", "CONTRIB-BELOW-MIN"]
    [below] = unapproved.with_code("CONTRIB-BELOW-MIN")
    assert "possible only with the approval" in below.message
    both = [("contribution-derogation", "IT"), ("contribution-derogation", "JP")]
    approved = check([("IT", "90%", "majority"), ("JP", "10%", "minority")], approvals=both)
    assert errors(approved) == []
    assert [f.code for f in approved.findings if f.code.startswith("CONTRIB-DEROGATION")] == [
        "CONTRIB-DEROGATION-APPROVED", "CONTRIB-DEROGATION-APPROVED"]
    beyond = check([("IT", "90.01%", "majority"), ("JP", "9.99%", "minority")], approvals=both)
    assert contribution_codes(beyond) == ["CONTRIB-ABOVE-MAX", "CONTRIB-BELOW-MIN"]


def test_five_percent_per_company() -> None:
    """Art. 8: where one side is several companies, each puts in 5 %, not 4.99 %."""
    ok = check([("IT", "45%", "majority"), ("IT", "5%", "minority"), ("JP", "50%", "minority")])
    assert contribution_codes(ok) == []
    bad = check([("IT", "45.01%", "majority"), ("IT", "4.99%", "minority"),
                 ("JP", "50%", "minority")])
    assert contribution_codes(bad) == ["COMPANY-BELOW-MIN"]


def test_multilateral_with_third_country() -> None:
    """Art. 9(3): each country's co-producers, third countries' included, put in 10–70 %.

    Where a third country's side is two or more companies, each puts in at least 5 %.

    Gazzetta Ufficiale 24G00083, Art. 9(3): "l'apporto finanziario dei coproduttori di
    ciascun Paese non può essere inferiore al 10% ... e superiore al 70%".
    """
    ok = check([("IT", "70%", "majority"), ("JP", "20%", "minority"),
                ("KR", "10%", "third-country")])
    assert contribution_codes(ok) == []
    two_companies = check([("IT", "70%", "majority"), ("JP", "20%", "minority"),
                           ("KR", "5%", "third-country"), ("KR", "5%", "third-country")])
    assert contribution_codes(two_companies) == []
    low_company = check([("IT", "70%", "majority"), ("JP", "20%", "minority"),
                         ("KR", "5.01%", "third-country"), ("KR", "4.99%", "third-country")])
    assert contribution_codes(low_company) == ["COMPANY-BELOW-MIN"]
    low_country = check([("IT", "70%", "majority"), ("JP", "20.01%", "minority"),
                         ("KR", "9.99%", "third-country")])
    assert contribution_codes(low_country) == ["CONTRIB-BELOW-MIN"]
    [below] = low_country.with_code("CONTRIB-BELOW-MIN")
    assert below.message == ("the South Korea side contributes 9.99% of the budget, below the "
                             "minimum of 10% for multilateral co-productions.")
    high_third = check([("IT", "15%", "majority"), ("JP", "10%", "minority"),
                        ("FR", "75%", "third-country")])
    assert contribution_codes(high_third) == ["CONTRIB-ABOVE-MAX"]
    high_state = check([("IT", "70.01%", "majority"), ("JP", "19.99%", "minority"),
                        ("KR", "10%", "third-country")])
    assert contribution_codes(high_state) == ["CONTRIB-ABOVE-MAX"]


def test_a_third_country_side_of_unknown_share_is_skipped_not_guessed() -> None:
    """Art. 9(3) per country: a side whose contribution has no agreed rate is not judged.

    The Korean side contributes in won with no KRW/USD rate: its share cannot be computed,
    which a structural finding says; the range is still checked for the other sides. With two
    Korean companies, one known share does not make the side's total known.
    """
    for korean in ([("KR", "10%", "third-country")],
                   [("KR", "5%", "third-country"), ("KR", "5%", "third-country")]):
        a = build([("IT", "75%", "majority"), ("JP", "15%", "minority"), *korean],
                  treaty="IT-JP-2023")
        won = attrs.evolve(a.contributions[-1], amount=Money.parse("1000000 KRW"))
        report = validate(attrs.evolve(a, contributions=(*a.contributions[:-1], won)),
                          as_of=AFTER)
        assert [(f.code, f.path) for f in report.findings
                if f.code.startswith(("CONTRIB-", "STRUCT-CURRENCY"))] == [
            ("STRUCT-CURRENCY", f"$.contributions[{len(korean) + 1}].amount"),
            ("CONTRIB-ABOVE-MAX", "$.contributions[0]"),
        ]
        [above] = report.with_code("CONTRIB-ABOVE-MAX")
        assert above.message.startswith("the Italy side contributes 75% of the budget")


def test_a_third_country_partner_finds_the_agreement() -> None:
    """Italy, Japan and France: the agreement governs, France a third-country partner.

    No convention binds all three; Art. 9 admits partners from third countries.
    """
    [answer, *_] = treaties.applicable(["IT", "JP", "FR"], on=AFTER)
    assert answer.instrument == "IT-JP-2023"
    assert answer.basis.value == "bilateral-treaty-with-third-country"
    assert [c.code for c in answer.non_party] == ["FR"]


def test_the_third_country_agreement_condition_is_left_to_a_person() -> None:
    """Art. 9(1)-(2): each third country needs an agreement with Italy or Japan.

    The agreement file cannot show it: a note counted among the rules not checked, citing
    the article, only when a third-country co-producer takes part.
    """
    with_third = check([("IT", "70%", "majority"), ("JP", "20%", "minority"),
                        ("KR", "10%", "third-country")])
    [condition] = with_third.with_code("CONDITION-NOT-CHECKED")
    assert condition in with_third.not_checked
    assert condition.path == "$.co_producers"
    assert condition.message.startswith(
        "not checked: each third country has a co-production agreement with Italy or Japan")
    assert condition.citation is not None
    assert condition.citation.article == "Art. 9(1)-(2)"
    # The per-country range checks the Korean share: no note that nothing covers it.
    assert "NONPARTY-NO-RULE" not in with_third.codes
    alone = check([("IT", "50%", "majority"), ("JP", "50%", "minority")])
    assert "CONDITION-NOT-CHECKED" not in alone.codes


def test_before_entry_into_force_the_answer_names_the_agreement() -> None:
    """Between signature and entry into force nothing applies, and the answer says why.

    It used to say "no bilateral agreement between them", which sends a team looking for a
    treaty that exists.
    """
    [pending] = treaties.applicable(["JP", "IT"], on="2024-08-08")
    assert pending.instrument is None
    n = len(treaties.all())
    assert pending.reason == (
        f"no instrument in coprod's catalogue ({n} instruments) binds JP, IT on 2024-08-08: no "
        "agreement between them in force on that day (IT-JP-2023, signed on 2023-06-28, is in "
        "force from 2024-08-09), and no convention binding enough of them. An agreement "
        "outside the catalogue may exist.")
    [before] = treaties.applicable(["JP", "IT"], on="2023-06-27")
    assert "(IT-JP-2023 was signed on 2023-06-28, after that day)" in before.reason
    assert treaties.applicable(["JP", "IT"], on="2024-08-09")[0].instrument == "IT-JP-2023"
    # With no agreement at all between them, the answer stays as it was.
    [none] = treaties.applicable(["BR", "KE"], on="2024-08-08")
    assert ": no bilateral agreement between them, and no convention" in none.reason


def test_every_agreement_out_of_force_is_named_with_its_own_dates() -> None:
    """Canada–China in 1980: both agreements came later; a year alone is said as a year."""
    [answer] = treaties.applicable(["CA", "CN"], on="1980-01-01")
    assert ("(CA-CN-1987 was signed on 1987-02-23, after that day; CA-CN-2016 was signed in "
            "2016, after that day)") in answer.reason
