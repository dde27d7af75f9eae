"""Languages of a grant: BCP 47 tags, and which versions (dubbed, subtitled) are granted.

Tags are checked and normalised with ``langcodes`` (``ru-ru`` becomes ``ru-RU``, ``cmn``
becomes ``zh``). A tag also stands for every more specific tag (RFC 4647 basic filtering):
a grant in ``zh`` includes ``zh-Hans`` and ``zh-Hant-TW``; ``*`` is any language.

A grant may limit each language to some *versions*: the original soundtrack, a dubbed
soundtrack, subtitles, or a voice-over (the usual form of translation on Russian and
Eastern European television). Two grants in the same language collide only if they share a
version: a Russian dubbed version and a Russian subtitled version can be licensed to
different buyers. In EMA Avails terms, ``original``, ``dubbed`` and ``voice-over`` are
audio (``@asset="audio"``) and ``subtitled`` is ``@asset="subtitle"``.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterable, Iterator

import attrs

from coprod.errors import InvalidValueError, quote

__all__ = [
    "ANY_LANGUAGE",
    "LanguageRight",
    "LanguageScope",
    "LanguageVersion",
    "normalise_language",
    "tag_covers",
]

#: The wildcard tag, any language (RFC 4647).
ANY_LANGUAGE = "*"


class LanguageVersion(enum.StrEnum):
    """A language version of a work.

    .. versionadded:: 0.1.0
    """

    ORIGINAL = "original"
    DUBBED = "dubbed"
    SUBTITLED = "subtitled"
    VOICE_OVER = "voice-over"

    @property
    def ema_asset(self) -> str:
        """The EMA Avails ``@asset`` attribute for this version (``audio`` or ``subtitle``)."""
        return "subtitle" if self is LanguageVersion.SUBTITLED else "audio"


ALL_VERSIONS: frozenset[LanguageVersion] = frozenset(LanguageVersion)


@functools.lru_cache(maxsize=4096)
def _normalise_cached(text: str) -> str:
    import langcodes

    if not text or not langcodes.tag_is_valid(text):
        raise InvalidValueError(
            f"not a BCP 47 language tag: {quote(text)} (expected e.g. 'ru', 'zh-Hans', 'en-GB')"
        )
    return str(langcodes.standardize_tag(text, macro=True))


def normalise_language(tag: str) -> str:
    """Check a BCP 47 tag and return its normal form (``*`` is kept as the wildcard).

    Raises:
        InvalidValueError: If the tag is not a valid BCP 47 language tag.

    Example:
        >>> normalise_language("ru-ru"), normalise_language("cmn-Hans"), normalise_language("*")
        ('ru-RU', 'zh-Hans', '*')
        >>> normalise_language("russian")
        Traceback (most recent call last):
        ...
        coprod.errors.InvalidValueError: not a BCP 47 language tag: 'russian' (expected e.g.
        'ru', 'zh-Hans', 'en-GB')

    .. versionadded:: 0.1.0

    """
    if not isinstance(tag, str):
        raise InvalidValueError(f"expected a BCP 47 language tag, got {quote(tag)}")
    text = tag.strip()
    if text == ANY_LANGUAGE:
        return text
    if len(text) > 64:
        raise InvalidValueError(f"not a BCP 47 language tag: {quote(tag)} (too long)")
    return _normalise_cached(text)


def tag_covers(wide: str, narrow: str) -> bool:
    """Whether language range *wide* includes tag *narrow* (RFC 4647 basic filtering).

    Example:
        >>> tag_covers("zh", "zh-Hans-CN"), tag_covers("zh-Hans", "zh"), tag_covers("*", "ru")
        (True, False, True)

    .. versionadded:: 0.1.0

    """
    if wide == ANY_LANGUAGE:
        return True
    if narrow == ANY_LANGUAGE:
        return False
    w, n = wide.casefold(), narrow.casefold()
    return n == w or n.startswith(w + "-")


def _versions(value: object) -> frozenset[LanguageVersion]:
    if value is None:
        return ALL_VERSIONS
    if isinstance(value, frozenset) and all(isinstance(v, LanguageVersion) for v in value):
        return value
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple, set, frozenset)):
        raise InvalidValueError(
            f"versions must be a list of language versions such as ['dubbed'], got {quote(value)}",
            field="versions")
    out = set()
    for v in value:
        try:
            out.add(LanguageVersion(v.strip().casefold() if isinstance(v, str) else v))
        except ValueError:
            raise InvalidValueError(
                f"unknown language version {quote(v)}: expected one of "
                f"{', '.join(x.value for x in LanguageVersion)}"
            ) from None
    return frozenset(out)


def _tags(value: object) -> frozenset[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple, set, frozenset)):
        raise InvalidValueError(
            f"excluding must be a list of language tags, got {quote(value)}", field="excluding")
    return frozenset(normalise_language(t) for t in value)


@attrs.frozen(order=False)
class LanguageRight:
    """One language (or language range) and the versions of it that are granted.

    Args:
        tag: A BCP 47 tag, standing for itself and every more specific tag; ``*`` for any.
        versions: The versions granted (all of them if not given).
        excluding: More specific tags left out (only analysis results carry these).

    Example:
        >>> LanguageRight("ru", versions=["dubbed", "voice-over"])
        LanguageRight(tag='ru', versions=frozenset({'dubbed', 'voice-over'}))

    .. versionadded:: 0.1.0

    """

    tag: str = attrs.field(converter=normalise_language)
    versions: frozenset[LanguageVersion] = attrs.field(default=None, converter=_versions)
    excluding: frozenset[str] = attrs.field(factory=frozenset, converter=_tags)

    @versions.validator
    def _check_versions(self, _a: object, value: frozenset[LanguageVersion]) -> None:
        if not value:
            raise InvalidValueError(f"language {self.tag!r} must grant at least one version")

    @excluding.validator
    def _check_excluding(self, _a: object, value: frozenset[str]) -> None:
        for t in value:
            if t == self.tag or not tag_covers(self.tag, t):
                raise InvalidValueError(
                    f"{self.tag!r} can only exclude more specific tags, not {t!r}"
                )

    @property
    def all_versions(self) -> bool:
        """Whether every version of the language is granted."""
        return self.versions == ALL_VERSIONS

    def matches(self, tag: str, version: LanguageVersion | None = None) -> bool:
        """Whether *tag* (in *version*, if given) falls within this right."""
        tag = normalise_language(tag)
        if not tag_covers(self.tag, tag) or any(tag_covers(x, tag) for x in self.excluding):
            return False
        return version is None or version in self.versions

    def intersection(self, other: LanguageRight) -> LanguageRight | None:
        """What both rights cover, or None."""
        if tag_covers(self.tag, other.tag):
            tag = other.tag
        elif tag_covers(other.tag, self.tag):
            tag = self.tag
        else:
            return None
        excluded = self.excluding | other.excluding
        if any(tag_covers(x, tag) for x in excluded):
            return None
        versions = self.versions & other.versions
        if not versions:
            return None
        keep = frozenset(x for x in excluded if tag_covers(tag, x) and x != tag)
        return LanguageRight(tag, versions, keep)

    def covers(self, other: LanguageRight) -> bool:
        """Whether this right includes everything *other* covers."""
        if not tag_covers(self.tag, other.tag) or not other.versions <= self.versions:
            return False
        for x in self.excluding:
            if tag_covers(x, other.tag):
                return False
            # an exclusion of ours inside the other's range must be excluded there too
            if tag_covers(other.tag, x) and not any(tag_covers(y, x) for y in other.excluding):
                return False
        return True

    def __str__(self) -> str:
        text = "any language" if self.tag == ANY_LANGUAGE else self.tag
        if self.excluding:
            text += f" other than {' or '.join(sorted(self.excluding))}"
        if not self.all_versions:
            text += f" ({', '.join(v.value for v in LanguageVersion if v in self.versions)})"
        return text

    def __repr__(self) -> str:
        parts = [f"tag={self.tag!r}"]
        if not self.all_versions:
            parts.append(
                f"versions=frozenset({{{', '.join(repr(v.value) for v in sorted(self.versions))}}})"
            )
        if self.excluding:
            # Sorted, so the repr is the same in every run (set order depends on hashing).
            parts.append(f"excluding=frozenset({{{', '.join(map(repr, sorted(self.excluding)))}}})")
        return f"LanguageRight({', '.join(parts)})"


def _canonical(rights: Iterable[LanguageRight]) -> frozenset[LanguageRight]:
    merged: dict[tuple[str, frozenset[str]], frozenset[LanguageVersion]] = {}
    for r in rights:
        key = (r.tag, r.excluding)
        merged[key] = merged.get(key, frozenset()) | r.versions
    items = [LanguageRight(t, v, x) for (t, x), v in merged.items()]
    # drop a right that another covers
    return frozenset(
        r for r in items if not any(o is not r and o.covers(r) for o in items)
    )


def _rights(value: object) -> frozenset[LanguageRight]:
    if isinstance(value, (str, LanguageRight)):
        value = [value]
    if not isinstance(value, (list, tuple, set, frozenset)):
        raise InvalidValueError(
            f"rights must be a set of language rights, got {quote(value)}", field="rights")
    out = []
    for item in value:
        out.append(item if isinstance(item, LanguageRight) else LanguageRight(item))
    return _canonical(out)


_SCOPE_EXAMPLES = "expected e.g. 'ru', 'ru (dubbed, subtitled), en', 'any' or 'no language'"


def _scope_items(text: str) -> list[str]:
    """The comma-separated items of a scope's text, each checked for its brackets.

    An item is a tag, with exclusions, and at most one pair of brackets at its end holding
    versions. Anything else (an empty item, a bracket left open or never opened, brackets
    inside brackets, text after the closing one) is refused rather than read as something
    narrower or wider than written: dropped, it would leave the scope of no language.
    """

    def refuse(why: str) -> InvalidValueError:
        return InvalidValueError(f"not a language scope: {quote(text)} ({why}); {_SCOPE_EXAMPLES}")

    items: list[str] = []
    depth, start = 0, 0
    body = text.strip()
    for i, ch in enumerate(body + ","):
        if ch == "(":
            depth += 1
            if depth > 1:
                raise refuse("brackets inside brackets")
        elif ch == ")":
            depth -= 1
            if depth < 0:
                raise refuse("a bracket is closed that was not opened")
        elif ch == "," and depth == 0:
            item = body[start:i].strip()
            if not item:
                raise refuse("an empty item" if body else "no language named")
            if "(" in item and not item.endswith(")"):
                raise refuse(f"text after the versions of {quote(item)}")
            if item.startswith("("):
                raise refuse(f"no language before {quote(item)}")
            items.append(item)
            start = i + 1
    if depth:
        raise refuse("a bracket is not closed")
    return items


@attrs.frozen(order=False)
class LanguageScope:
    """The languages (and versions) a grant covers; :meth:`any` for no restriction.

    Args:
        rights: The language rights; an empty set covers no language.

    Example:
        >>> ru_dub = LanguageScope.of("ru", versions=["dubbed"])
        >>> ru_sub = LanguageScope.of("ru", versions=["subtitled"])
        >>> ru_dub.overlaps(ru_sub), ru_dub.overlaps(LanguageScope.any())
        (False, True)
        >>> str(LanguageScope.of("zh") & LanguageScope.of("zh-Hans", "en"))
        'zh-Hans'

    .. versionadded:: 0.1.0

    """

    rights: frozenset[LanguageRight] = attrs.field(converter=_rights)

    @classmethod
    def any(cls) -> LanguageScope:
        """Every language, every version."""
        return _ANY

    @classmethod
    def of(
        cls, *tags: str, versions: Iterable[str | LanguageVersion] | None = None
    ) -> LanguageScope:
        """These languages, in these versions (all versions if not given)."""
        vs = None if versions is None else list(versions)
        return cls(frozenset(LanguageRight(t, vs) for t in tags))

    @classmethod
    def parse(cls, text: str) -> LanguageScope:
        """Read ``"ru, zh-Hans"``, ``"any"``, or ``"ru (dubbed, subtitled), en"``.

        What ``str()`` writes reads back, exclusions and the wildcard included; the scope
        that covers no language is written ``no language``, never as empty text.

        Raises:
            InvalidValueError: For text that is not a language scope: empty text, an empty
                item (``"ru,,en"``), brackets that do not pair up (``"ru (dubbed"``), or an
                unknown tag or version.

        Example:
            >>> str(LanguageScope.parse("ru (dubbed+subtitled), en"))
            'en, ru (dubbed, subtitled)'
            >>> LanguageScope.parse("any language (original), zh other than zh-Hant")
            LanguageScope.parse('any language (original), zh other than zh-Hant')
            >>> LanguageScope.parse("ru (dubbed")
            Traceback (most recent call last):
            ...
            coprod.errors.InvalidValueError: not a language scope: 'ru (dubbed' (a bracket is
            not closed); expected e.g. 'ru', 'ru (dubbed, subtitled), en', 'any' or 'no language'
        """
        if not isinstance(text, str):
            raise InvalidValueError(
                f"expected a language scope such as 'ru (dubbed), en' or 'any', got {quote(text)}"
            )
        original, text = text, text.strip()
        if text.casefold() in {"any", "all", ANY_LANGUAGE}:
            return cls.any()
        if text.casefold() == "no language":  # what str() writes for the empty scope
            return cls(frozenset())
        out = []
        for part in _scope_items(original):
            tag, versions = part, None
            if "(" in part:
                tag, _, rest = part.partition("(")
                versions = [v for v in rest[:-1].replace("+", ",").split(",") if v.strip()]
            # What str() writes reads back: "any language", "zh other than zh-Hant or zh-TW".
            tag, _, excluded = tag.strip().partition(" other than ")
            excluding = [x.strip() for x in excluded.split(" or ")] if excluded else []
            if tag.casefold() in {"any", "all", "any language"}:
                tag = ANY_LANGUAGE
            out.append(LanguageRight(tag, versions, excluding))
        return cls(frozenset(out))

    @property
    def is_any(self) -> bool:
        """Whether every language in every version is covered."""
        return any(
            r.tag == ANY_LANGUAGE and r.all_versions and not r.excluding for r in self.rights
        )

    @property
    def is_empty(self) -> bool:
        """Whether no language is covered."""
        return not self.rights

    def intersection(self, other: LanguageScope) -> LanguageScope:
        """The languages and versions both cover."""
        out = []
        for a in self.rights:
            for b in other.rights:
                both = a.intersection(b)
                if both is not None:
                    out.append(both)
        return LanguageScope(frozenset(out))

    __and__ = intersection

    def union(self, other: LanguageScope) -> LanguageScope:
        """The languages and versions either covers."""
        return LanguageScope(self.rights | other.rights)

    __or__ = union

    def overlaps(self, other: LanguageScope) -> bool:
        """Whether the two share a language version."""
        return _overlaps(self, other)

    def covers(self, other: LanguageScope) -> bool:
        """Whether every language version of *other* is covered here (conservatively).

        Each version of each right of *other* must fall within one right here: ``ru``
        dubbed and subtitled is covered by ``ru (dubbed)`` together with ``any language
        (subtitled)``, though neither right covers both versions alone. A tag range split
        between rights (``zh`` by ``zh-Hans`` and ``zh-Hant``) is not counted as covered.

        Example:
            >>> scope = LanguageScope.parse("any language (subtitled), ru (dubbed)")
            >>> scope.covers(LanguageScope.parse("ru (dubbed, subtitled)"))
            True
            >>> scope.covers(LanguageScope.parse("ru (original)"))
            False
        """
        return all(
            any(a.covers(LanguageRight(b.tag, (v,), b.excluding)) for a in self.rights)
            for b in other.rights
            for v in b.versions
        )

    def matches(self, tag: str, version: LanguageVersion | None = None) -> bool:
        """Whether *tag* (in *version*, if given) is covered."""
        return any(r.matches(tag, version) for r in self.rights)

    def tags(self) -> tuple[str, ...]:
        """The tags named, sorted."""
        return tuple(sorted({r.tag for r in self.rights}))

    def __iter__(self) -> Iterator[LanguageRight]:
        return iter(
            sorted(self.rights, key=lambda r: (r.tag, sorted(r.versions), sorted(r.excluding)))
        )

    def __str__(self) -> str:
        if self.is_any:
            return "any language"
        if self.is_empty:
            return "no language"
        return ", ".join(str(r) for r in self)

    def __repr__(self) -> str:
        if self.is_any:
            return "LanguageScope.any()"
        return f"LanguageScope.parse({str(self)!r})"


_ANY = LanguageScope(frozenset({LanguageRight(ANY_LANGUAGE)}))


@functools.lru_cache(maxsize=8192)
def _overlaps(a: LanguageScope, b: LanguageScope) -> bool:
    return any(x.intersection(y) is not None for x in a.rights for y in b.rights)
