"""Media vocabulary: hierarchy, synonyms, summaries and the EMA Avails mapping."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprod.errors import InvalidValueError
from coprod.media import Media, ema_license_type, expand_media, media_covers, summarise_media


def test_groups_cover_their_members() -> None:
    """'all TV' covers free and pay TV; 'all media' does not cover derivative rights."""
    assert Media.ALL_TV.covers(Media.FREE_TV)
    assert Media.ALL_TV.covers(Media.PAY_TV)
    assert not Media.PAY_TV.covers(Media.ALL_TV)
    assert media_covers(["all-media"], ["svod", "airline", "physical-home-video"])
    assert not media_covers(["all-media"], ["remake"])
    assert media_covers(["all-rights"], ["remake", "svod", "clips"])
    assert Media.NON_THEATRICAL.covers(Media.HOTEL)


def test_vocabulary_covers_the_issue_list() -> None:
    """Every medium and derivative right the issue names exists as a leaf."""
    names = ["theatrical", "non-theatrical", "free-tv", "pay-tv", "svod", "avod", "tvod", "est",
             "fvod", "physical-home-video", "airline", "ship", "hotel", "remake", "sequel",
             "prequel", "series-adaptation", "format", "merchandising", "soundtrack", "clips"]
    for name in names:
        assert Media.parse(name)
    assert all(Media.parse(n).is_derivative for n in ["remake", "format", "clips"])


def test_parse_accepts_case_spaces_and_synonyms() -> None:
    """Parsing ignores case and spacing and knows common synonyms."""
    assert Media.parse("SVOD") is Media.SVOD
    assert Media.parse("Free TV") is Media.FREE_TV
    assert Media.parse("DVD") is Media.PHYSICAL_HOME_VIDEO
    assert Media.parse("television") is Media.ALL_TV
    with pytest.raises(InvalidValueError, match="unknown medium"):
        Media.parse("telepathy")
    with pytest.raises(InvalidValueError):
        Media.parse(3)  # type: ignore[arg-type]


@given(st.sets(st.sampled_from(list(Media)), min_size=1))
def test_summary_covers_exactly_the_same_media(media: set[Media]) -> None:
    """Summarising a set of media never changes which single media it covers."""
    assert expand_media(summarise_media(media)) == expand_media(media)


def test_ema_mapping_for_digital_media() -> None:
    """Digital media map to EMA LicenseType values; other media have none."""
    assert ema_license_type("est").license_type == "EST"
    assert ema_license_type("tvod").license_type == "VOD"
    assert ema_license_type("svod").license_type == "SVOD"
    assert ema_license_type("fvod").license_type == "FVOD"
    avod = ema_license_type("avod")
    assert avod.license_type == "FVOD"
    assert avod.rights_description == "AVOD"
    assert ema_license_type("theatrical") is None
    assert ema_license_type("free-tv") is None
    assert all(m.is_digital == (ema_license_type(m) is not None) for m in Media if not m.is_group)
