"""Export of grants to EMA Avails-style rows, for the digital media.

Each grant in a digital medium (see :func:`coprod.media.ema_license_type`) becomes one row
per country and EMA ``LicenseType``, as the EMA Avails Excel template wants a single ISO
3166-1 alpha-2 code in ``Territory``. A term that is resolved gives ``Start``/``End``; one
that hangs on an unknown event gives ``StartCondition``/``EndCondition`` with a lag
(``Theatrical``, ``Broadcast``, ``ESTStart``, ``Completed`` where EMA has a value, ``TBD``
otherwise). Grants that cannot be exported are listed as skipped with the reason, never
dropped silently and never widened: a dated territory group with an unresolved term, and a
language scope EMA Avails cannot state (see below).

Languages. ``LocalizationType`` applies to every language of its row, and an empty
``AllowedLanguages`` means every language (as the platforms read it). A grant whose languages
come in different versions is therefore written as one row per localisation type: ``ru`` in
every version and ``zh`` subtitled give a row with ``LocalizationType`` empty and
``AllowedLanguages`` ``ru``, and a ``sub`` row for ``zh`` (the ``AvailID`` then ends in
``:any``, ``:sub``, ``:dub`` or ``:subdub``). Versions are read as EMA's localisations:
subtitled is ``sub``, dubbed is ``dub`` (a voice-over granted beside the dub goes with it),
both are ``subdub``, every version is an empty ``LocalizationType``. A scope that has no EMA
form is skipped rather than written wider or narrower than granted: the original version
without every other version (EMA cannot say "original version only"), voice-over without
dubbing (EMA's ``dub`` would allow a full dub), a language with exceptions ("zh other than
zh-Hant"), and a scope that covers no language.

Columns: ``AvailID``, ``EntryType``, ``DisplayName``, ``ContentID``, ``Licensor``,
``Licensee``, ``Territory``, ``LicenseType``, ``LicenseRightsDescription``,
``LocalizationType`` (``sub``, ``dub``, ``subdub``), ``AllowedLanguages`` (BCP 47, ``;``
between), ``Start``, ``End``, ``StartCondition``, ``StartLag``, ``EndCondition``,
``EndLag``, ``WindowDuration``, ``Exclusive``, ``ContractID``.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import csv
import io

import attrs

from coprod.languages import ANY_LANGUAGE, LanguageRight, LanguageScope, LanguageVersion
from coprod.media import ema_license_type, expand_media
from coprod.rights import RightsGrant, RightsLedger
from coprod.windows import EventDate, KnownEvent, Window

__all__ = ["AVAILS_COLUMNS", "AvailsExport", "export_avails"]

AVAILS_COLUMNS: tuple[str, ...] = (
    "AvailID", "EntryType", "DisplayName", "ContentID", "Licensor", "Licensee", "Territory",
    "LicenseType", "LicenseRightsDescription", "LocalizationType", "AllowedLanguages",
    "Start", "End", "StartCondition", "StartLag", "EndCondition", "EndLag", "WindowDuration",
    "Exclusive", "ContractID",
)


@attrs.frozen
class AvailsExport:
    """Rows for an EMA Avails-style sheet, and the grants that could not be exported.

    Attributes:
        rows: One mapping per row, keyed by :data:`AVAILS_COLUMNS`.
        skipped: ``(grant id, reason)`` for every digital grant not exported.

    .. versionadded:: 0.1.0

    """

    rows: tuple[dict[str, str], ...]
    skipped: tuple[tuple[str, str], ...] = ()

    def to_csv(self) -> str:
        """The rows as CSV text with a header line."""
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=AVAILS_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(self.rows)
        return out.getvalue()


def _condition(point: EventDate) -> str:
    try:
        known = KnownEvent(point.event).ema_condition
    except ValueError:
        known = None
    return known or "TBD"


def _kind(right: LanguageRight) -> str | None:
    """EMA ``LocalizationType`` of one right: '' for every version; None if EMA has none."""
    if right.all_versions:
        return ""
    if LanguageVersion.ORIGINAL in right.versions:
        return None  # "the original version, and only some others": no EMA form
    sub = LanguageVersion.SUBTITLED in right.versions
    dub = LanguageVersion.DUBBED in right.versions
    if LanguageVersion.VOICE_OVER in right.versions and not dub:
        return None  # EMA's "dub" would also allow a full dub
    return "subdub" if sub and dub else "sub" if sub else "dub"


def _localisations(scope: LanguageScope) -> list[tuple[str, str]] | str:
    """``(LocalizationType, AllowedLanguages)`` per row, or why the scope has no EMA form.

    Rights are grouped by localisation type, one row per group, so that a type never reaches
    a language it was not granted for; a group holding the wildcard allows every language
    (an empty ``AllowedLanguages``).
    """
    if scope.is_any:
        return [("", "")]
    if scope.is_empty:
        return "it covers no language"
    groups: dict[str, set[str]] = {}
    for right in scope:
        if right.excluding:
            return (f"EMA Avails cannot state a language with exceptions "
                    f"({LanguageScope(frozenset({right}))})")
        kind = _kind(right)
        if kind is None:
            return (f"EMA Avails cannot state these versions without widening them "
                    f"({LanguageScope(frozenset({right}))}): it has no value for the "
                    "original version alone nor for voice-over without dubbing")
        groups.setdefault(kind, set()).add(right.tag)
    return [
        (kind, "" if ANY_LANGUAGE in tags else ";".join(sorted(tags)))
        for kind, tags in sorted(groups.items())
    ]


def _dates(window: Window, ledger: RightsLedger) -> dict[str, str]:
    out = dict.fromkeys(
        ("Start", "End", "StartCondition", "StartLag", "EndCondition", "EndLag", "WindowDuration"),
        "",
    )
    term = window.resolve(ledger.events)
    if term is not None:
        out["Start"] = term.start.isoformat()
        out["End"] = term.end.isoformat() if term.end else "Open"
        return out
    if isinstance(window.start, EventDate):
        out["StartCondition"] = _condition(window.start)
        out["StartLag"] = "" if window.start.lag.is_zero else str(window.start.lag)
    else:
        out["Start"] = window.start.isoformat()
    if isinstance(window.end, EventDate):
        out["EndCondition"] = _condition(window.end)
        out["EndLag"] = "" if window.end.lag.is_zero else str(window.end.lag)
    elif window.end is not None:
        out["End"] = window.end.isoformat()
    elif window.duration is not None:
        out["WindowDuration"] = str(window.duration)
    else:
        out["End"] = "Open"
    return out


def export_avails(ledger: RightsLedger, *, content_id: str = "") -> AvailsExport:
    """Rows for every grant in a digital medium, one per country and EMA LicenseType.

    Args:
        ledger: The ledger.
        content_id: The work's EIDR content id, written in ``ContentID``.

    Example:
        >>> from coprod.rights import RightsGrant, RightsLedger
        >>> led = RightsLedger(id="w", title="Ice Road", grants=(RightsGrant(
        ...     id="svod-ru", grantor="volga", grantee="kinostream", territories="RU",
        ...     media=["svod", "theatrical"], languages="ru (dubbed, subtitled)",
        ...     term=Window.fixed("2025-01-01", "2026-12-31"), exclusive=True),))
        >>> row = export_avails(led).rows[0]
        >>> row["Territory"], row["LicenseType"], row["LocalizationType"], row["End"]
        ('RU', 'SVOD', 'subdub', '2026-12-31')

    .. versionadded:: 0.1.0

    """
    rows: list[dict[str, str]] = []
    skipped: list[tuple[str, str]] = []
    groups = ledger.groups
    for g in ledger.grants:
        digital = sorted(m for m in expand_media(g.media) if ema_license_type(m) is not None)
        if not digital:
            continue
        pieces = _pieces(g, ledger, groups)
        if pieces is None:
            skipped.append((g.id, "its territories change over time and its term is not resolved"))
            continue
        localisations = _localisations(g.languages)
        if isinstance(localisations, str):
            skipped.append((g.id, localisations))
            continue
        for window, countries in pieces:
            dates = _dates(window, ledger)
            for code in sorted(countries):
                for m in digital:
                    ema = ema_license_type(m)
                    assert ema is not None
                    for loc, tags in localisations:
                        rows.append({
                            "AvailID": f"{g.id}:{code}:{m.value}"
                            + (f":{dates['Start']}" if len(pieces) > 1 else "")
                            + (f":{loc or 'any'}" if len(localisations) > 1 else ""),
                            "EntryType": "Create",
                            "DisplayName": ledger.title or ledger.id,
                            "ContentID": content_id,
                            "Licensor": g.grantor,
                            "Licensee": g.grantee,
                            "Territory": code,
                            "LicenseType": ema.license_type,
                            "LicenseRightsDescription": ema.rights_description or "",
                            "LocalizationType": loc,
                            "AllowedLanguages": tags,
                            **dates,
                            "Exclusive": "Yes" if g.exclusive else "No",
                            "ContractID": g.clause or "",
                        })
    return AvailsExport(tuple(rows), tuple(skipped))


def _pieces(
    g: RightsGrant, ledger: RightsLedger, groups: object
) -> list[tuple[Window, frozenset[str]]] | None:
    from coprod.territories import TerritoryGroups

    assert isinstance(groups, TerritoryGroups)
    term = g.term.resolve(ledger.events)
    if term is None:
        if g.territories.is_dated(groups):
            return None
        return [(g.term, g.territories.resolve(groups=groups).codes)]
    return [(Window.from_term(t), c.codes) for t, c in g.territories.segments(term, groups) if c]
