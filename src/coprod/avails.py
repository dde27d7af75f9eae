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

Spreadsheets. The rows hold the ledger's text as written: a title or clause beginning with
``=``, ``+``, ``-`` or ``@`` is a formula to a spreadsheet program that opens the CSV
(CSV injection). :meth:`AvailsExport.to_csv` leaves such text as it is by default, for the
programs that read the file, and with ``spreadsheet_safe=True`` prefixes such cells with an
apostrophe, as OWASP's guidance on CSV injection recommends, for people who open it in
Excel or LibreOffice.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

import attrs

from coprod.eidr import validate_eidr
from coprod.errors import InvalidValueError, quote
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

    def to_csv(self, *, spreadsheet_safe: bool = False) -> str:
        """The rows as CSV text with a header line.

        Args:
            spreadsheet_safe: Prefix with an apostrophe every cell that begins with ``=``,
                ``+``, ``-``, ``@``, a tab or a carriage return, so that a spreadsheet
                program shows it as text instead of running it as a formula (OWASP, "CSV
                Injection"). Off by default: it changes the data, which programs reading
                the file would then see.

        Example:
            >>> export = AvailsExport(rows=({**dict.fromkeys(AVAILS_COLUMNS, ""),
            ...                              "ContractID": "=HYPERLINK(1)"},))
            >>> export.to_csv().splitlines()[1].split(",")[-1]
            '=HYPERLINK(1)'
            >>> export.to_csv(spreadsheet_safe=True).splitlines()[1].split(",")[-1]
            "'=HYPERLINK(1)"
        """
        if not isinstance(spreadsheet_safe, bool):
            raise InvalidValueError(
                f"spreadsheet_safe must be true or false, got {quote(spreadsheet_safe)}",
                field="spreadsheet_safe")
        rows: Iterable[dict[str, str]] = self.rows
        if spreadsheet_safe:
            rows = ({k: "'" + v if _is_formula(v) else v for k, v in row.items()}
                    for row in self.rows)
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=AVAILS_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue()


#: What a spreadsheet program reads as the start of a formula (OWASP, "CSV Injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _is_formula(cell: str) -> bool:
    return cell.startswith(_FORMULA_STARTS)


def _formula_cells(export: AvailsExport) -> int:
    """How many cells of *export* a spreadsheet program would read as formulas."""
    return sum(_is_formula(v) for row in export.rows for v in row.values())


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
        if term.end is not None:
            out["End"] = term.end.isoformat()
        elif isinstance(window.end, EventDate):
            # Begun, and running until an event not dated yet: the condition says until when.
            out["EndCondition"] = _condition(window.end)
            out["EndLag"] = "" if window.end.lag.is_zero else str(window.end.lag)
        else:
            out["End"] = "Open"
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
        content_id: The work's EIDR content id, written in ``ContentID`` (normalised to
            upper case); empty (the default) leaves the column empty.

    Raises:
        InvalidValueError: If *ledger* is not a rights ledger, or *content_id* is not an
            EIDR content id (``10.5240/XXXX-XXXX-XXXX-XXXX-XXXX-C``, check character
            included).

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
    if not isinstance(ledger, RightsLedger):
        raise InvalidValueError(f"ledger must be a RightsLedger, got {quote(ledger)}",
                                field="ledger")
    if content_id != "":
        try:
            content_id = validate_eidr(content_id)
        except InvalidValueError as exc:
            raise InvalidValueError(f"content_id: {exc}", field="content_id") from None
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
    # An open last piece of a term running until an undated event keeps that event as its
    # end, so that the row says what ends it (EndCondition) rather than "Open".
    until = g.term.end if isinstance(g.term.end, EventDate) else None
    return [
        (Window(start=t.start, end=until) if t.end is None and until is not None
         else Window.from_term(t), c.codes)
        for t, c in g.territories.segments(term, groups) if c
    ]
