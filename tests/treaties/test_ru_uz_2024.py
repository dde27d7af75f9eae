"""RU-UZ-2024: the Russia–Uzbekistan agreement, at each of its boundaries."""

from __future__ import annotations

from _treaty_support import check, contribution_codes, errors

LANGS = ("ru", "uz")


def test_twenty_to_eighty() -> None:
    """20 % passes, 19.99 % fails."""
    assert check([("RU", "80%", "majority"), ("UZ", "20%", "minority")], languages=LANGS).valid
    bad = check([("RU", "80.01%", "majority"), ("UZ", "19.99%", "minority")], languages=LANGS)
    assert contribution_codes(bad) == ["CONTRIB-ABOVE-MAX", "CONTRIB-BELOW-MIN"]


def test_third_country_at_least_ten_and_not_above_either_side() -> None:
    """A third-country producer: 10 % passes, 9.99 % fails; above the Uzbek side fails."""
    ok = check([("RU", "60%", "majority"), ("UZ", "30%", "minority"),
                ("KZ", "10%", "third-country")],
               languages=LANGS)
    assert contribution_codes(ok) == []
    low = check([("RU", "60.01%", "majority"), ("UZ", "30%", "minority"),
                 ("KZ", "9.99%", "third-country")], languages=LANGS)
    assert contribution_codes(low) == ["NONPARTY-BELOW-MIN"]
    high = check([("RU", "50%", "majority"), ("UZ", "24.99%", "minority"),
                  ("KZ", "25.01%", "third-country")], languages=LANGS)
    assert contribution_codes(high) == ["NONPARTY-ABOVE-PARTY-SHARE"]
    equal = check([("RU", "50%", "majority"), ("UZ", "25%", "minority"),
                   ("KZ", "25%", "third-country")], languages=LANGS)
    assert contribution_codes(equal) == []


def test_russian_and_uzbek_versions() -> None:
    """Both versions are required."""
    report = check([("RU", "50%", "majority"), ("UZ", "50%", "minority")], languages=("ru",))
    assert errors(report) == ["LANG-VERSION-MISSING"]
