"""Windows: terms that may start or end on an event, and last for a duration.

A rights term is often written relative to something that has not happened yet: "for seven
years from delivery", "SVOD from 18 months after first theatrical release", "until first
free-TV broadcast". A :class:`Window` keeps the term as written; :meth:`Window.resolve`
turns it into a :class:`coprod.terms.Term` once the dates of the events are known, and
returns None (never a guess) while one is missing.

The rules, stated once (inclusive dates as in DDEX and EMA Avails):

* a fixed start or end date is inclusive: the window runs from its first to its last day;
* a start on an event is the event date plus the lag: "18 months after first theatrical
  release on 2025-03-14" starts on 2026-09-14;
* an end on an event, and an end by duration, is *exclusive*: the window runs *until* that
  day and its last day is the day before, so "until first free-TV broadcast" leaves the
  broadcast day to the next window, and "P7Y from 2025-01-01" ends on 2031-12-31;
* no end at all means "until further notice".

Durations are ISO 8601 (``P7Y``, ``P18M``, ``P90D``, ``P2W``), read with ``pendulum``;
calendar arithmetic clamps to the month's end (2024-01-31 plus one month is 2024-02-29).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as _dt
import enum
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs
import pendulum

from coprod._frozen import FrozenDict
from coprod.errors import InvalidValueError, quote
from coprod.terms import LAST_DAY, Term, parse_date

__all__ = [
    "Duration",
    "EventDate",
    "KnownEvent",
    "Window",
    "resolve_events",
]

_EVENT_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


class KnownEvent(enum.StrEnum):
    """Events rights terms usually hang on; any other id (``a-z0-9._-``) may be used too.

    :attr:`ema_condition` gives the EMA Avails ``DateTimeCondition`` where one exists.

    .. versionadded:: 0.1.0
    """

    SIGNATURE = "signature"
    PRINCIPAL_PHOTOGRAPHY = "principal-photography"
    COMPLETION = "completion"
    DELIVERY = "delivery"
    FIRST_THEATRICAL_RELEASE = "first-theatrical-release"
    FIRST_TV_BROADCAST = "first-tv-broadcast"
    FIRST_EST_RELEASE = "first-est-release"
    FIRST_SVOD_RELEASE = "first-svod-release"

    @property
    def ema_condition(self) -> str | None:
        """The EMA ``StartCondition``/``EndCondition`` value, if EMA has one."""
        return {
            KnownEvent.COMPLETION: "Completed",
            KnownEvent.FIRST_THEATRICAL_RELEASE: "Theatrical",
            KnownEvent.FIRST_TV_BROADCAST: "Broadcast",
            KnownEvent.FIRST_EST_RELEASE: "ESTStart",
        }.get(self)


def _nonneg(_i: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise InvalidValueError(f"{attribute.name} must be a whole number >= 0, got {quote(value)}")



#: An ISO 8601 duration of whole days or more, in upper case: weeks alone, or years, months
#: and days in that order; a time part is read only to refuse anything but zero in it.
_ISO_DURATION = re.compile(
    r"^P(?:(?P<w>\d+)W|(?=\d|T\d)(?:(?P<y>\d+)Y)?(?:(?P<m>\d+)M)?(?:(?P<d>\d+)D)?)"
    r"(?:T(?=\d)(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<min>\d+(?:\.\d+)?)M)?"
    r"(?:(?P<s>\d+(?:\.\d+)?)S)?)?$"
)

@attrs.frozen
class Duration:
    """A calendar duration in years, months and days (ISO 8601 ``P7Y``, ``P18M``, ``P90D``).

    Args:
        years: Whole years.
        months: Whole months (not folded into years: ``P18M`` stays ``P18M``).
        days: Whole days (weeks count as seven days).

    Example:
        >>> Duration.parse("P18M").after(pendulum.Date(2025, 3, 14))
        Date(2026, 9, 14)
        >>> str(Duration.parse("P2W")), str(Duration(years=7))
        ('P14D', 'P7Y')

    .. versionadded:: 0.1.0

    """

    years: int = attrs.field(default=0, validator=_nonneg)
    months: int = attrs.field(default=0, validator=_nonneg)
    days: int = attrs.field(default=0, validator=_nonneg)

    @classmethod
    def parse(cls, text: str) -> Duration:
        """Read an ISO 8601 duration of whole days or more.

        Raises:
            InvalidValueError: For anything else, including durations with a time of day.

        """
        if isinstance(text, Duration):
            return text
        if not isinstance(text, str) or not text.strip().upper().startswith("P"):
            raise InvalidValueError(
                f"expected an ISO 8601 duration such as 'P7Y', got {quote(text)}"
            )
        # Read here, by the ISO 8601 grammar, not by a date library: one that reads
        # 'P1Y1Y1Y' as one year drops data without a word.
        m = _ISO_DURATION.match(text.strip().upper()) if len(text) <= 64 else None
        if m is None:
            raise InvalidValueError(
                f"expected an ISO 8601 duration such as 'P7Y', 'P18M' or 'P90D', got {quote(text)}"
            )
        if any(Decimal(x) for x in m.group("h", "min", "s") if x):
            raise InvalidValueError(
                f"a rights duration counts whole days, months or years, got {quote(text)}"
            )
        weeks, years, months, days = (int(x) if x else 0 for x in m.group("w", "y", "m", "d"))
        return cls(years, months, weeks * 7 + days)

    @property
    def is_zero(self) -> bool:
        """Whether the duration is nothing at all."""
        return not (self.years or self.months or self.days)

    def after(self, day: _dt.date) -> pendulum.Date:
        """The date this long after *day*.

        Raises:
            InvalidValueError: If that date is past :data:`~coprod.terms.LAST_DAY`, the last
                day a date can be.
        """
        start = parse_date(day) if not isinstance(day, pendulum.Date) else day
        try:
            return start.add(years=self.years, months=self.months, days=self.days)
        except (OverflowError, ValueError):  # past year 9999
            raise InvalidValueError(
                f"{self.describe()} after {start} is past {LAST_DAY}, the last day a date "
                "can be"
            ) from None

    def last_day(self, start: _dt.date) -> pendulum.Date:
        """The last day of a period this long that begins on *start* (both days included).

        That is the day before the same date this long later, except where that date does
        not exist in its month: a month from 31 January runs through the last day of
        February, not the 27th, and a year from 29 February 2024 through 28 February 2025
        (adding months to the 31st lands on the month's last day, and the period takes all
        of that day). Days are counted after the years and months.

        Raises:
            InvalidValueError: If that day is past :data:`~coprod.terms.LAST_DAY`.

        Example:
            >>> month = Duration.parse("P1M")
            >>> [str(month.last_day(pendulum.Date(2025, 1, d))) for d in (28, 29, 31)]
            ['2025-02-27', '2025-02-28', '2025-02-28']
            >>> str(month.last_day(pendulum.Date(2025, 3, 1)))
            '2025-03-31'
        """
        first = parse_date(start) if not isinstance(start, pendulum.Date) else start
        try:
            anniversary = first.add(years=self.years, months=self.months)
            if anniversary.day < first.day:  # the same date does not exist in that month
                anniversary = anniversary.add(days=1)
            return anniversary.add(days=self.days).subtract(days=1)
        except (OverflowError, ValueError):  # past year 9999
            raise InvalidValueError(
                f"{self.describe()} from {first} runs past {LAST_DAY}, the last day a date "
                "can be"
            ) from None

    def __str__(self) -> str:
        if self.is_zero:
            return "P0D"
        parts = [
            f"{n}{u}" for n, u in ((self.years, "Y"), (self.months, "M"), (self.days, "D")) if n
        ]
        return "P" + "".join(parts)

    def describe(self) -> str:
        """The duration in words: ``18 months``, ``7 years``."""
        words = []
        for n, unit in ((self.years, "year"), (self.months, "month"), (self.days, "day")):
            if n:
                words.append(f"{n} {unit}{'s' if n != 1 else ''}")
        return " ".join(words) or "0 days"


def _shifted(lag: Duration, day: pendulum.Date) -> pendulum.Date | None:
    """*lag* after *day*, or None if that is past :data:`~coprod.terms.LAST_DAY`."""
    try:
        return lag.after(day)
    except InvalidValueError:  # only an overflow: *day* is a date (see _event_day)
        return None


def _event_day(events: Mapping[str, Any], name: str) -> pendulum.Date:
    """The date of event *name* in *events*, read as :func:`~coprod.terms.parse_date` reads.

    Anything else is refused, naming the event: a value that is not a date must never pass
    for an event that has not happened (a window left unresolved) nor for any other day.
    """
    try:
        return parse_date(events[name])
    except InvalidValueError as exc:
        raise InvalidValueError(f"the date of event {name!r}: {exc}", field="events") from None


def _check_events_mapping(events: object) -> None:
    # The usual types first: an ABC check costs more, and a ledger resolves every grant.
    if type(events) is not FrozenDict and type(events) is not dict and not isinstance(
            events, Mapping):
        raise InvalidValueError(
            f"events must map event ids to dates, got {quote(events)}", field="events")


def _check_event_id(value: object) -> None:
    """Raise unless *value* is an event id: lower-case letters, digits, ``.``, ``_``, ``-``."""
    if not isinstance(value, str) or not _EVENT_RE.match(value):
        raise InvalidValueError(
            f"an event id is lower-case letters, digits, '.', '_' or '-', such as "
            f"'first-theatrical-release'; got {quote(value)}"
        )


def _event(_i: Any, _a: Any, value: Any) -> None:
    try:
        _check_event_id(value)
    except InvalidValueError as exc:
        raise InvalidValueError(str(exc), field="event") from None


def _duration(value: Any) -> Any:
    return Duration.parse(value) if isinstance(value, str) else value


def _check_duration(_i: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, Duration):
        raise InvalidValueError(
            f"{attribute.name} must be a Duration or an ISO 8601 duration such as 'P7Y', "
            f"got {quote(value)}", field=attribute.name)


@attrs.frozen
class EventDate:
    """A date given as an event plus a lag: "18 months after first theatrical release".

    Args:
        event: The event id (see :class:`KnownEvent`).
        lag: How long after the event (nothing by default).

    Example:
        >>> d = EventDate("first-theatrical-release", Duration(months=18))
        >>> str(d)
        '18 months after first-theatrical-release'
        >>> d.resolve({"first-theatrical-release": pendulum.Date(2025, 3, 14)})
        Date(2026, 9, 14)
        >>> d.resolve({}) is None
        True

    .. versionadded:: 0.1.0

    """

    event: str = attrs.field(validator=_event)
    lag: Duration = attrs.field(factory=Duration, converter=_duration,
                                validator=_check_duration)

    def resolve(self, events: Mapping[str, _dt.date]) -> pendulum.Date | None:
        """The date, or None if the event's date is not known.

        Raises:
            InvalidValueError: If the date is past :data:`~coprod.terms.LAST_DAY`, or
                *events* is not a mapping of event ids to dates.
        """
        _check_events_mapping(events)
        if self.event not in events:
            return None
        return self.lag.after(_event_day(events, self.event))

    def __str__(self) -> str:
        if self.lag.is_zero:
            return f"on {self.event}"
        return f"{self.lag.describe()} after {self.event}"


def _point(value: Any) -> Any:
    if isinstance(value, str):
        return parse_date(value)
    if isinstance(value, _dt.date) and not isinstance(value, (_dt.datetime, pendulum.Date)):
        return parse_date(value)
    return value


def _optional_point(value: Any) -> Any:
    return None if value is None else _point(value)


def _check_point(_i: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, (pendulum.Date, EventDate)):
        raise InvalidValueError(
            f"{attribute.name} must be a date or an event with a lag, got {quote(value)}"
        )


@attrs.frozen
class Window:
    """A rights term as written: a start (date or event), and an end, a duration, or neither.

    Args:
        start: The first day, or an :class:`EventDate`.
        end: The last day (inclusive), or an :class:`EventDate` the window runs *until*
            (exclusive), or None.
        duration: How long the window lasts from its start (exclusive end); not with *end*.

    Raises:
        InvalidValueError: If both *end* and *duration* are given, or fixed dates are reversed.

    Example:
        >>> w = Window(start=EventDate("delivery"), duration=Duration(years=7))
        >>> str(w)
        'on delivery for P7Y'
        >>> w.resolve({"delivery": pendulum.Date(2025, 1, 1)})
        Term(start=Date(2025, 1, 1), end=Date(2031, 12, 31))
        >>> w.missing_events({})
        ('delivery',)

    .. versionadded:: 0.1.0

    """

    start: pendulum.Date | EventDate = attrs.field(converter=_point, validator=_check_point)
    end: pendulum.Date | EventDate | None = attrs.field(
        default=None, converter=_optional_point,
        validator=attrs.validators.optional(_check_point),
    )
    duration: Duration | None = attrs.field(
        default=None, converter=attrs.converters.optional(_duration),
        validator=attrs.validators.optional(_check_duration),
    )

    def __attrs_post_init__(self) -> None:
        if self.end is not None and self.duration is not None:
            raise InvalidValueError("a window has an end or a duration, not both")
        if (
            isinstance(self.start, pendulum.Date)
            and isinstance(self.end, pendulum.Date)
            and self.end < self.start
        ):
            raise InvalidValueError(
                f"a window cannot end ({self.end}) before it starts ({self.start})"
            )

    @classmethod
    def fixed(cls, start: _dt.date | str, end: _dt.date | str | None = None) -> Window:
        """A window between two known dates (inclusive), or open."""
        return cls(start=parse_date(start), end=None if end is None else parse_date(end))

    @classmethod
    def from_term(cls, term: Term) -> Window:
        """The window of a known term."""
        return cls(start=term.start, end=term.end)

    @property
    def is_fixed(self) -> bool:
        """Whether the window needs no event to be known."""
        return not isinstance(self.start, EventDate) and not isinstance(self.end, EventDate)

    @property
    def is_open(self) -> bool:
        """Whether the window runs until further notice."""
        return self.end is None and self.duration is None

    def events(self) -> tuple[str, ...]:
        """The events the window depends on."""
        return tuple(
            p.event for p in (self.start, self.end) if isinstance(p, EventDate)
        )

    def missing_events(self, events: Mapping[str, _dt.date]) -> tuple[str, ...]:
        """The events the window depends on whose dates are not in *events*."""
        _check_events_mapping(events)
        return tuple(e for e in self.events() if e not in events)

    def resolve(self, events: Mapping[str, _dt.date] | None = None) -> Term | None:
        """The term, once its start is known; None until then.

        A window whose start is known but whose end is an event that has no date yet runs
        until further notice (an open end): it has begun, and nothing has ended it. A window
        that resolves to nothing (an event-based end on or before its start) also gives None;
        :meth:`is_empty` tells the two apart. Dates end at
        :data:`~coprod.terms.LAST_DAY`: a window that would start after it holds no day, and
        one that would end after it runs to it.

        Raises:
            InvalidValueError: If *events* is not a mapping, or gives an event the window
                needs something other than a date (or ISO 8601 text of one).

        Example:
            >>> Window(start=pendulum.Date(9999, 6, 1), duration=Duration(years=1)).resolve()
            Term(start=Date(9999, 6, 1), end=Date(9999, 12, 31))
        """
        events = {} if events is None else events
        _check_events_mapping(events)
        if isinstance(self.start, EventDate):
            if self.start.event not in events:
                return None
            start = _shifted(self.start.lag, _event_day(events, self.start.event))
            if start is None:  # starts after the last day a date can be: holds no day
                return None
        else:
            start = self.start
        if isinstance(self.end, EventDate):
            if self.end.event not in events:
                # Running until an event that has not happened yet: until further notice.
                return Term(start, None)
            until = _shifted(self.end.lag, _event_day(events, self.end.event))
        elif self.duration is not None:
            if self.duration.is_zero:
                return None
            try:
                return Term(start, self.duration.last_day(start))
            except InvalidValueError:  # runs past the last day a date can be: runs to it
                return Term(start, LAST_DAY)
        else:
            if self.end is not None and self.end < start:
                return None
            return Term(start, self.end)
        # An exclusive end: the window's last day is the day before it.
        if until is None:  # ends after the last day a date can be: runs to that day
            return Term(start, LAST_DAY)
        if until <= start:
            return None
        return Term(start, until.subtract(days=1))

    def is_empty(self, events: Mapping[str, _dt.date] | None = None) -> bool:
        """Whether every event is known and the window still holds no day."""
        events = {} if events is None else events
        return not self.missing_events(events) and self.resolve(events) is None

    def __str__(self) -> str:
        start = str(self.start) if isinstance(self.start, EventDate) else f"from {self.start}"
        if isinstance(self.end, EventDate):
            return f"{start} until {self.end}"
        if self.end is not None:
            return f"{start} to {self.end}"
        if self.duration is not None:
            return f"{start} for {self.duration}"
        return f"{start}, open"


def resolve_events(
    events: Mapping[str, _dt.date | str],
) -> dict[str, pendulum.Date]:
    """Check event ids and read their dates.

    Example:
        >>> resolve_events({"first-theatrical-release": "2025-03-14"})
        {'first-theatrical-release': Date(2025, 3, 14)}

    .. versionadded:: 0.1.0

    """
    _check_events_mapping(events)
    out: dict[str, pendulum.Date] = {}
    for name in events:
        _check_event_id(name)
        out[name] = _event_day(events, name)
    return out
