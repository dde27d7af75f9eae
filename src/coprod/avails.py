"""Export of grants to EMA Avails-style rows, for the digital media.

Each grant in a digital medium (see :func:`coprod.media.ema_license_type`) becomes one row
per country and EMA ``LicenseType``, as the EMA Avails Excel template wants a single ISO
3166-1 alpha-2 code in ``Territory``. A term that is resolved gives ``Start``/``End``; one
that hangs on an unknown event gives ``StartCondition``/``EndCondition`` with a lag
(``Theatrical``, ``Broadcast``, ``ESTStart``, ``Completed`` where EMA has a value, ``TBD``
otherwise). Grants that cannot be exported (a dated territory group with an unresolved
term) are listed as skipped, never dropped silently.

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

from coprod.languages import ANY_LANGUAGE, LanguageScope, LanguageVersion
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


def _localisation(scope: LanguageScope) -> tuple[str, str]:
    if scope.is_any:
        return "", ""
    versions: set[LanguageVersion] = set()
    for r in scope.rights:
        versions |= r.versions
    sub = LanguageVersion.SUBTITLED in versions
    dub = bool(versions & {LanguageVersion.DUBBED, LanguageVersion.VOICE_OVER})
    kind = "subdub" if sub and dub else "sub" if sub else "dub" if dub else ""
    tags = ";".join(t for t in scope.tags() if t != ANY_LANGUAGE)
    return kind, tags


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
        loc, tags = _localisation(g.languages)
        for window, countries in pieces:
            dates = _dates(window, ledger)
            for code in sorted(countries):
                for m in digital:
                    ema = ema_license_type(m)
                    assert ema is not None
                    rows.append({
                        "AvailID": f"{g.id}:{code}:{m.value}"
                        + (f":{dates['Start']}" if len(pieces) > 1 else ""),
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
