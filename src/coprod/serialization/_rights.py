"""Hooks for rights and remakes: territory clauses, media, languages, windows, durations.

How these values are written in documents:

* territories: ``worldwide``; a list of tokens (an include list: ``[RU, BY, greater-china]``);
  ``{exclude: [CN, HK]}`` (worldwide except); the text forms ``"RU, BY"`` and ``"-CN"`` are
  read too;
* media: a list of media words (``[svod, all-tv]``; in Python, one word is read as a list);
* languages: ``any`` (the default, omitted), or a list whose items are tags (``ru``) or
  ``{tag: ru, versions: [dubbed, subtitled]}``;
* windows: ``{start: 2025-01-01, end: 2027-12-31}``, ``{start: 2025-01-01, duration: P7Y}``,
  ``{start: {event: first-theatrical-release, lag: P18M}, end: {event: first-tv-broadcast}}``;
  or the text ``2025-01-01..2027-12-31`` (``..open`` for no end);
* durations: ISO 8601 text (``P7Y``).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Any

import cattrs
import pendulum

from coprod.errors import InvalidValueError, shown
from coprod.languages import LanguageRight, LanguageScope, LanguageVersion
from coprod.media import Media
from coprod.remakes import RemakeKind
from coprod.terms import parse_date
from coprod.territories import Territories, TerritorySet
from coprod.windows import Duration, EventDate, Window

_WINDOW_KEYS = frozenset({"start", "end", "duration"})


def _structure_territories(value: object, _: Any) -> Territories:
    if isinstance(value, str):
        return Territories.parse(value)
    if isinstance(value, (list, tuple)):
        if not all(isinstance(v, str) for v in value):
            raise InvalidValueError("a territory list holds codes and group names (text)")
        return Territories.parse(value)
    if isinstance(value, Mapping):
        extra = set(value) - {"include", "exclude"}
        if extra:
            raise InvalidValueError(
                f"unknown territory keys {', '.join(sorted(map(str, extra)))}: "
                "use include or exclude"
            )
        if "include" in value and "exclude" in value:
            raise InvalidValueError(
                "a territory clause is an include list or an exclude list, never both"
            )
        for key in ("include", "exclude"):
            if key in value:
                items = value[key]
                if isinstance(items, str):
                    items = [items]
                if not isinstance(items, (list, tuple)) or not all(
                    isinstance(v, str) for v in items
                ):
                    raise InvalidValueError(
                        f"{key} must be a list of territory codes or group names"
                    )
                return Territories(**{key: tuple(items)})
    raise InvalidValueError(
        "expected territories ('worldwide', a list of codes, or {exclude: [...]}), "
        f"got {shown(value)}"
    )


def _unstructure_territories(value: Territories) -> object:
    if value.exclude is not None:
        return "worldwide" if not value.exclude else {"exclude": list(value.exclude)}
    return list(value.include or ())


def _structure_media(value: object, _: Any) -> Media:
    return Media.parse(value)  # type: ignore[arg-type]


def _structure_language_right(value: object) -> LanguageRight:
    if isinstance(value, str):
        return LanguageRight(value)
    if isinstance(value, Mapping):
        extra = set(value) - {"tag", "versions", "excluding"}
        if extra:
            raise InvalidValueError(
                f"unknown language keys {', '.join(sorted(map(str, extra)))}: use tag, versions"
            )
        if "tag" not in value:
            raise InvalidValueError("a language needs a 'tag' (such as 'ru')")
        versions = value.get("versions")
        if versions is not None and not isinstance(versions, (list, tuple, str)):
            raise InvalidValueError("versions must be a list such as [dubbed, subtitled]")
        return LanguageRight(value["tag"], versions, value.get("excluding", ()))
    raise InvalidValueError(f"expected a language tag or {{tag, versions}}, got {shown(value)}")


def _within(prefix: str, exc: InvalidValueError) -> InvalidValueError:
    """The same problem, placed *prefix* deeper inside the value being read."""
    inner = exc.within or ""
    where = prefix + (inner if inner.startswith("[") or not inner else f".{inner}")
    return InvalidValueError(str(exc), within=where)


def _structure_languages(value: object, _: Any) -> LanguageScope:
    if isinstance(value, str):
        return LanguageScope.parse(value)
    if isinstance(value, (list, tuple)):
        rights = []
        for i, item in enumerate(value):
            try:
                rights.append(_structure_language_right(item))
            except InvalidValueError as exc:
                raise _within(f"[{i}]", exc) from None
        return LanguageScope(frozenset(rights))
    raise InvalidValueError(f"expected 'any' or a list of languages, got {shown(value)}")


def _unstructure_languages(value: LanguageScope) -> object:
    if value.is_any:
        return "any"
    out: list[object] = []
    for r in value:
        if r.all_versions and not r.excluding:
            out.append(r.tag)
        else:
            item: dict[str, object] = {"tag": r.tag}
            if not r.all_versions:
                item["versions"] = sorted(v.value for v in r.versions)
            if r.excluding:
                item["excluding"] = sorted(r.excluding)
            out.append(item)
    return out


def _structure_duration(value: object, _: Any) -> Duration:
    return Duration.parse(value)  # type: ignore[arg-type]


def _point(value: object, what: str) -> pendulum.Date | EventDate:
    if isinstance(value, (str, _dt.date)):
        return parse_date(value)
    if isinstance(value, Mapping):
        extra = set(value) - {"event", "lag"}
        if extra:
            raise InvalidValueError(
                f"unknown keys in {what}: {', '.join(sorted(map(str, extra)))} (use event, lag)"
            )
        if "event" not in value:
            raise InvalidValueError(f"{what} given as a mapping needs an 'event'")
        try:
            lag = Duration.parse(value.get("lag", "P0D"))
        except InvalidValueError as exc:
            raise _within("lag", exc) from None
        return EventDate(value["event"], lag)
    raise InvalidValueError(f"{what} must be a date or {{event, lag}}, got {shown(value)}")


def _structure_window(value: object, _: Any) -> Window:
    if isinstance(value, str) and ".." in value:
        start, _sep, rest = value.partition("..")
        last = rest.strip()
        return Window.fixed(start.strip(), None if last in {"", "open"} else last)
    if not isinstance(value, Mapping):
        raise InvalidValueError(
            f"expected a term ({{start, end}} or '2025-01-01..2027-12-31'), got {shown(value)}"
        )
    extra = set(value) - _WINDOW_KEYS
    if extra:
        raise InvalidValueError(
            f"unknown term keys {', '.join(sorted(map(str, extra)))}: use start, end, duration"
        )
    if "start" not in value:
        raise InvalidValueError("a term needs a start")
    parts: dict[str, Any] = {}
    for key in ("start", "end", "duration"):
        raw = value.get(key)
        if raw is None:
            continue
        try:
            parts[key] = Duration.parse(raw) if key == "duration" else _point(raw, key)
        except InvalidValueError as exc:
            raise _within(key, exc) from None
    return Window(**parts)


def _unstructure_point(value: pendulum.Date | EventDate) -> object:
    if isinstance(value, EventDate):
        out: dict[str, object] = {"event": value.event}
        if not value.lag.is_zero:
            out["lag"] = str(value.lag)
        return out
    return value.isoformat()


def _unstructure_window(value: Window) -> dict[str, object]:
    out: dict[str, object] = {"start": _unstructure_point(value.start)}
    if value.end is not None:
        out["end"] = _unstructure_point(value.end)
    if value.duration is not None:
        out["duration"] = str(value.duration)
    return out


def _structure_territory_set(value: object, _: Any) -> TerritorySet:
    if isinstance(value, str):
        return TerritorySet.parse(value)
    return _structure_territories(value, None).resolve()


def configure(converter: cattrs.Converter) -> None:
    """Register the hooks of the rights and remakes domain on *converter*."""
    converter.register_structure_hook(Territories, _structure_territories)
    converter.register_unstructure_hook(Territories, _unstructure_territories)
    converter.register_structure_hook(TerritorySet, _structure_territory_set)
    converter.register_unstructure_hook(
        TerritorySet, lambda t: _unstructure_territories(t.to_territories())
    )
    converter.register_structure_hook(Media, _structure_media)
    # String enums would otherwise be written as the enum objects themselves.
    for cls in (Media, RemakeKind, LanguageVersion):
        converter.register_unstructure_hook(cls, lambda m: m.value)
    converter.register_structure_hook(LanguageScope, _structure_languages)
    converter.register_unstructure_hook(LanguageScope, _unstructure_languages)
    converter.register_structure_hook(Duration, _structure_duration)
    converter.register_unstructure_hook(Duration, str)
    converter.register_structure_hook(Window, _structure_window)
    converter.register_unstructure_hook(Window, _unstructure_window)
