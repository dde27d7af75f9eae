"""Media: the ways a work is exploited, and the derivative rights in it.

:class:`Media` is a closed vocabulary arranged in a hierarchy: a *group* (``all-tv``)
covers its members (``free-tv``, ``pay-tv``, ``pay-per-view``), so a grant of "all TV"
collides with a grant of pay TV. Sets of media are compared leaf by leaf
(:func:`expand_media`) and shown with the largest groups that fit (:func:`summarise_media`).

Exploitation media and derivative rights are separate branches: ``all-media`` covers
every way of showing *this* work; ``derivative-rights`` covers the rights to make new works
from it (remake, sequel, prequel, series adaptation, format) and ancillary products
(merchandising, soundtrack, clips); ``all-rights`` covers both.

The digital media map to EMA Avails ``LicenseType`` values (:func:`ema_license_type`):

========  =================  =====================================================
medium    EMA LicenseType    note
========  =================  =====================================================
``est``   ``EST``            electronic sell-through (EMA vocabulary)
``tvod``  ``VOD``            EMA's ``VOD`` is transactional (rental) VOD
``svod``  ``SVOD``           subscription VOD (EMA vocabulary)
``fvod``  ``FVOD``           free VOD; a platform value (Prime Video), not core EMA
``avod``  ``FVOD``           EMA has no ad-supported value: exported as ``FVOD`` with
                             ``LicenseRightsDescription`` ``AVOD``
========  =================  =====================================================

EMA's other LicenseType values (``POEST``, ``Pre-Release``, ``Library``) describe the kind
of window, not the medium, and are not produced.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterable

import attrs

from coprod.errors import InvalidValueError, quote

__all__ = [
    "EmaLicenseType",
    "Media",
    "ema_license_type",
    "expand_media",
    "media_covers",
    "summarise_media",
]


class Media(enum.StrEnum):
    """A medium of exploitation, a derivative right, or a group of them.

    Example:
        >>> Media.parse("SVOD"), Media.parse("all TV")
        (<Media.SVOD: 'svod'>, <Media.ALL_TV: 'all-tv'>)
        >>> Media.ALL_TV.covers(Media.PAY_TV), Media.PAY_TV.covers(Media.ALL_TV)
        (True, False)
        >>> Media.SVOD.is_digital, Media.THEATRICAL.is_digital
        (True, False)

    .. versionadded:: 0.1.0

    """

    # groups
    ALL_RIGHTS = "all-rights"
    ALL_MEDIA = "all-media"
    ALL_TV = "all-tv"
    ALL_VOD = "all-vod"
    NON_THEATRICAL = "non-theatrical"
    AIRLINE_SHIP_HOTEL = "airline-ship-hotel"
    DERIVATIVE_RIGHTS = "derivative-rights"
    # exploitation media
    THEATRICAL = "theatrical"
    INSTITUTIONAL = "institutional"
    AIRLINE = "airline"
    SHIP = "ship"
    HOTEL = "hotel"
    FREE_TV = "free-tv"
    PAY_TV = "pay-tv"
    PAY_PER_VIEW = "pay-per-view"
    SVOD = "svod"
    AVOD = "avod"
    TVOD = "tvod"
    EST = "est"
    FVOD = "fvod"
    PHYSICAL_HOME_VIDEO = "physical-home-video"
    # derivative rights
    REMAKE = "remake"
    SEQUEL = "sequel"
    PREQUEL = "prequel"
    SERIES_ADAPTATION = "series-adaptation"
    FORMAT = "format"
    MERCHANDISING = "merchandising"
    SOUNDTRACK = "soundtrack"
    CLIPS = "clips"

    @classmethod
    def parse(cls, text: str) -> Media:
        """Read a medium, ignoring case, spaces and underscores, and common synonyms.

        Raises:
            InvalidValueError: For a word that names no medium.

        """
        if isinstance(text, Media):
            return text
        if not isinstance(text, str):
            raise InvalidValueError(f"expected a medium such as 'svod', got {quote(text)}")
        key = "-".join(text.strip().casefold().replace("_", " ").replace("/", " ").split())
        key = _SYNONYMS.get(key, key)
        try:
            return cls(key)
        except ValueError:
            raise InvalidValueError(
                f"unknown medium {quote(text)}: expected one of {', '.join(m.value for m in cls)}"
            ) from None

    @property
    def is_group(self) -> bool:
        """Whether this names a group of media rather than one medium."""
        return self in _CHILDREN

    @property
    def is_digital(self) -> bool:
        """Whether this is a video-on-demand medium (mapped to EMA Avails)."""
        return self in _CHILDREN[Media.ALL_VOD]

    @property
    def is_derivative(self) -> bool:
        """Whether this is a derivative right (remake, sequel, format, ...)."""
        return self in expand_media([Media.DERIVATIVE_RIGHTS])

    def leaves(self) -> frozenset[Media]:
        """The single media this covers (itself, if it is not a group)."""
        return _leaves(self)

    def covers(self, other: Media | str) -> bool:
        """Whether a grant of this medium includes *other* (a medium, or its name).

        Raises:
            InvalidValueError: If *other* names no medium.

        Example:
            >>> Media.ALL_VOD.covers("svod"), Media.ALL_VOD.covers("free-tv")
            (True, False)
        """
        if not isinstance(other, Media):
            if not isinstance(other, str):
                raise InvalidValueError(
                    f"other must be a medium such as 'svod', got {quote(other)}", field="other")
            other = Media.parse(other)
        return other.leaves() <= self.leaves()


_CHILDREN: dict[Media, tuple[Media, ...]] = {
    Media.ALL_RIGHTS: (Media.ALL_MEDIA, Media.DERIVATIVE_RIGHTS),
    Media.ALL_MEDIA: (
        Media.THEATRICAL, Media.NON_THEATRICAL, Media.ALL_TV, Media.ALL_VOD,
        Media.PHYSICAL_HOME_VIDEO,
    ),
    # Non-theatrical: screenings to closed audiences (schools, libraries, clubs, the
    # forces, and travel: airlines, ships, hotels).
    Media.NON_THEATRICAL: (Media.INSTITUTIONAL, Media.AIRLINE_SHIP_HOTEL),
    Media.AIRLINE_SHIP_HOTEL: (Media.AIRLINE, Media.SHIP, Media.HOTEL),
    Media.ALL_TV: (Media.FREE_TV, Media.PAY_TV, Media.PAY_PER_VIEW),
    Media.ALL_VOD: (Media.SVOD, Media.AVOD, Media.TVOD, Media.EST, Media.FVOD),
    Media.DERIVATIVE_RIGHTS: (
        Media.REMAKE, Media.SEQUEL, Media.PREQUEL, Media.SERIES_ADAPTATION, Media.FORMAT,
        Media.MERCHANDISING, Media.SOUNDTRACK, Media.CLIPS,
    ),
}

_SYNONYMS = {
    "all": "all-rights",
    "all-television": "all-tv",
    "television": "all-tv",
    "tv": "all-tv",
    "digital": "all-vod",
    "vod": "all-vod",
    "internet": "all-vod",
    "cinema": "theatrical",
    "home-video": "physical-home-video",
    "dvd": "physical-home-video",
    "video": "physical-home-video",
    "ancillary": "airline-ship-hotel",
    "airline-ship-and-hotel": "airline-ship-hotel",
    "electronic-sell-through": "est",
    "pay-per-view-tv": "pay-per-view",
    "ppv": "pay-per-view",
    "series": "series-adaptation",
    "derivatives": "derivative-rights",
}


@functools.cache
def _leaves(medium: Media) -> frozenset[Media]:
    children = _CHILDREN.get(medium)
    if not children:
        return frozenset({medium})
    return frozenset().union(*(_leaves(c) for c in children))


def expand_media(media: Iterable[Media | str]) -> frozenset[Media]:
    """The single media a list of media and groups covers.

    Example:
        >>> sorted(m.value for m in expand_media(["all-tv", "svod"]))
        ['free-tv', 'pay-per-view', 'pay-tv', 'svod']

    .. versionadded:: 0.1.0

    """
    out: frozenset[Media] = frozenset()
    for m in media:
        out |= _leaves(Media.parse(m) if not isinstance(m, Media) else m)
    return out


def media_covers(granted: Iterable[Media | str], wanted: Iterable[Media | str]) -> bool:
    """Whether the media *granted* include every medium *wanted*.

    Example:
        >>> (media_covers(["all-media"], ["svod", "free-tv"]),
        ...  media_covers(["all-media"], ["remake"]))
        (True, False)

    .. versionadded:: 0.1.0

    """
    return expand_media(wanted) <= expand_media(granted)


_ORDER = {m: i for i, m in enumerate(Media)}


def summarise_media(media: Iterable[Media | str]) -> tuple[Media, ...]:
    """The shortest list of media and groups that covers exactly the same single media.

    Example:
        >>> summarise_media(["free-tv", "pay-tv", "pay-per-view", "svod"])
        (<Media.ALL_TV: 'all-tv'>, <Media.SVOD: 'svod'>)

    .. versionadded:: 0.1.0

    """
    return _summarise(expand_media(media))


@functools.lru_cache(maxsize=1024)
def _summarise(leaves: frozenset[Media]) -> tuple[Media, ...]:
    remaining = set(leaves)
    out: list[Media] = []
    # Groups first, largest first; a group is used only if all its leaves are wanted.
    for group in sorted(_CHILDREN, key=lambda g: (-len(_leaves(g)), _ORDER[g])):
        group_leaves = _leaves(group)
        if group_leaves <= remaining:
            out.append(group)
            remaining -= group_leaves
    out.extend(sorted(remaining, key=_ORDER.__getitem__))
    return tuple(sorted(out, key=_ORDER.__getitem__))


@attrs.frozen
class EmaLicenseType:
    """How a digital medium is written in an EMA Avails row.

    Attributes:
        license_type: The ``LicenseType`` value (``EST``, ``VOD``, ``SVOD``, ``FVOD``).
        rights_description: A ``LicenseRightsDescription`` to send with it, if any.
        note: Why the mapping is what it is.

    .. versionadded:: 0.1.0

    """

    license_type: str
    rights_description: str | None = None
    note: str = ""


_EMA: dict[Media, EmaLicenseType] = {
    Media.EST: EmaLicenseType("EST", None, "electronic sell-through (EMA vocabulary)"),
    Media.TVOD: EmaLicenseType("VOD", None, "EMA's VOD is transactional (rental) VOD"),
    Media.SVOD: EmaLicenseType("SVOD", None, "subscription VOD (EMA vocabulary)"),
    Media.FVOD: EmaLicenseType("FVOD", None, "free VOD; a platform value (Prime Video)"),
    Media.AVOD: EmaLicenseType(
        "FVOD", "AVOD", "EMA has no ad-supported value: FVOD, described as AVOD"
    ),
}


def ema_license_type(medium: Media | str) -> EmaLicenseType | None:
    """The EMA Avails ``LicenseType`` for a digital medium, or None for other media.

    Example:
        >>> ema_license_type("tvod").license_type, ema_license_type("theatrical")
        ('VOD', None)

    .. versionadded:: 0.1.0

    """
    return _EMA.get(Media.parse(medium))
