"""Languages: BCP 47 validation, ranges, versions (dubbed/subtitled) and scope algebra."""

from __future__ import annotations

import pytest
from hypothesis import given

from coprod.errors import InvalidValueError
from coprod.languages import (
    LanguageRight,
    LanguageScope,
    LanguageVersion,
    normalise_language,
    tag_covers,
)
from coprod.strategies import language_scopes


def test_tags_are_validated_and_normalised() -> None:
    """Tags are checked by langcodes and normalised; junk is refused."""
    assert normalise_language("ru-ru") == "ru-RU"
    assert normalise_language("cmn-Hans") == "zh-Hans"
    for bad in ["russian", "", "xx-123456789", 7]:
        with pytest.raises(InvalidValueError):
            normalise_language(bad)  # type: ignore[arg-type]


def test_ranges_follow_basic_filtering() -> None:
    """A tag covers its more specific tags, never the reverse; '*' covers all."""
    assert tag_covers("zh", "zh-Hant-TW")
    assert not tag_covers("zh-Hant", "zh")
    assert not tag_covers("zh", "zu")
    assert tag_covers("*", "kk")


def test_dubbing_and_subtitling_are_distinct() -> None:
    """A dubbed and a subtitled version of one language do not overlap."""
    dub = LanguageScope.of("ru", versions=["dubbed"])
    sub = LanguageScope.of("ru", versions=["subtitled"])
    assert not dub.overlaps(sub)
    assert dub.overlaps(LanguageScope.of("ru"))
    assert LanguageScope.any().covers(dub)
    assert LanguageVersion.SUBTITLED.ema_asset == "subtitle"
    assert LanguageVersion.VOICE_OVER.ema_asset == "audio"


def test_parse_and_print() -> None:
    """Scopes parse from text and print in a stable order."""
    scope = LanguageScope.parse("ru (dubbed+voice-over), zh-Hans, en")
    assert str(scope) == "en, ru (dubbed, voice-over), zh-Hans"
    assert LanguageScope.parse("any").is_any
    assert repr(LanguageScope.any()) == "LanguageScope.any()"
    assert LanguageScope(frozenset()).is_empty
    with pytest.raises(InvalidValueError, match="unknown language version"):
        LanguageRight("ru", ["dubbed", "sung"])
    with pytest.raises(InvalidValueError, match="at least one version"):
        LanguageRight("ru", [])


def test_exclusions_narrow_a_right() -> None:
    """A right excluding a more specific tag does not match it, nor cover it."""
    r = LanguageRight("zh", excluding=["zh-Hant"])
    assert r.matches("zh-Hans")
    assert not r.matches("zh-Hant-TW")
    assert r.intersection(LanguageRight("zh-Hant")) is None
    assert not r.covers(LanguageRight("zh"))
    assert r.covers(LanguageRight("zh-Hans"))
    assert LanguageRight("zh").covers(r)
    with pytest.raises(InvalidValueError):
        LanguageRight("zh", excluding=["ru"])


@given(language_scopes(), language_scopes())
def test_intersection_is_symmetric_and_consistent(a: LanguageScope, b: LanguageScope) -> None:
    """Intersection commutes, and overlaps is true exactly when it is not empty."""
    assert a & b == b & a
    assert a.overlaps(b) == (not (a & b).is_empty)
    assert (a & a).rights and a.covers(a & b) if not a.is_empty else True


@given(language_scopes())
def test_any_is_the_identity(a: LanguageScope) -> None:
    """Intersecting with any language changes nothing."""
    assert a & LanguageScope.any() == a


@given(language_scopes(), language_scopes())
def test_repr_reads_back(a: LanguageScope, b: LanguageScope) -> None:
    """repr() is LanguageScope.parse(str(scope)): it reads back, results of analysis too."""
    for scope in (a, a & b):
        assert LanguageScope.parse(str(scope)) == scope
    assert LanguageScope.parse("no language").is_empty


def test_scope_covers_version_by_version() -> None:
    """Versions of one language covered by different rights are covered together."""
    scope = LanguageScope.parse("any language (original), ru (dubbed)")
    assert scope.covers(LanguageScope.parse("ru (original, dubbed)"))
    assert not scope.covers(LanguageScope.parse("ru (original, dubbed, subtitled)"))
    assert not LanguageScope.parse("zh-Hans, zh-Hant").covers(LanguageScope.parse("zh"))
