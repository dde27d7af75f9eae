"""Windows: fixed, by duration and on events; resolution once dates are known."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprod.errors import InvalidValueError
from coprod.strategies import dates, windows
from coprod.terms import Term
from coprod.windows import Duration, EventDate, KnownEvent, Window, resolve_events

D = pendulum.Date
EVENTS = ("first-theatrical-release", "delivery")


def test_durations_parse_and_print() -> None:
    """ISO 8601 durations of whole days or more parse and print back."""
    assert str(Duration.parse("P7Y")) == "P7Y"
    assert str(Duration.parse("P1Y6M")) == "P1Y6M"
    assert Duration.parse("P2W") == Duration(days=14)
    assert Duration.parse("P0D").is_zero
    assert str(Duration()) == "P0D"
    assert Duration(months=18).describe() == "18 months"
    # A date library read 'P1Y1Y1Y' as one year and 'PT' as nothing, without a word.
    for bad in ["7 years", "PT5H", "P1Y2M3W4D", "", "Q7Y", "P1Y1Y1Y", "PT", "P", "P3D2W",
                "P2W1Y", "P1.5Y", "P1YT"]:
        with pytest.raises(InvalidValueError):
            Duration.parse(bad)
    assert Duration.parse(" p1y6m ") == Duration(years=1, months=6)
    assert Duration.parse("P1YT0H0M0.0S") == Duration(years=1)
    with pytest.raises(InvalidValueError):
        Duration(years=-1)


def test_a_duration_ends_the_day_before() -> None:
    """Seven years from 2025-01-01 last until 2031-12-31 (inclusive end)."""
    w = Window(start=D(2025, 1, 1), duration=Duration(years=7))
    assert w.resolve() == Term(D(2025, 1, 1), D(2031, 12, 31))


def test_event_start_with_lag() -> None:
    """'18 months after first theatrical release' starts 18 months after the release date."""
    w = Window(start=EventDate("first-theatrical-release", Duration(months=18)))
    assert w.resolve({"first-theatrical-release": D(2025, 3, 14)}) == Term(D(2026, 9, 14))
    assert str(w) == "18 months after first-theatrical-release, open"


def test_unresolved_is_reported_not_guessed() -> None:
    """A window whose start event has no date does not resolve, and says what it needs.

    One that has begun and runs until an undated event runs until further notice.
    """
    starts_later = Window(start=EventDate("first-theatrical-release"), duration=Duration(years=1))
    assert starts_later.resolve() is None
    assert starts_later.missing_events({}) == ("first-theatrical-release",)
    assert not starts_later.is_empty({})
    w = Window(start=D(2025, 1, 1), end=EventDate("first-tv-broadcast"))
    assert w.resolve() == Term(D(2025, 1, 1), None)
    assert w.missing_events({}) == ("first-tv-broadcast",)
    assert not w.is_empty({})
    # an event-based end is exclusive: the broadcast day belongs to the next window
    assert w.resolve({"first-tv-broadcast": D(2026, 1, 1)}) == Term(D(2025, 1, 1), D(2025, 12, 31))


def test_empty_windows_are_told_apart() -> None:
    """A window ending (exclusively) on or before its start resolves to nothing and says so."""
    w = Window(start=D(2025, 1, 1), end=EventDate("first-tv-broadcast"))
    events = {"first-tv-broadcast": D(2025, 1, 1)}
    assert w.resolve(events) is None
    assert w.is_empty(events)


def test_window_validation() -> None:
    """A window has an end or a duration, never both, and fixed dates in order."""
    with pytest.raises(InvalidValueError, match="not both"):
        Window(start=D(2025, 1, 1), end=D(2026, 1, 1), duration=Duration(years=1))
    with pytest.raises(InvalidValueError, match="before it starts"):
        Window.fixed("2025-01-01", "2024-01-01")
    with pytest.raises(InvalidValueError, match="event id"):
        EventDate("First Release")
    with pytest.raises(InvalidValueError):
        Window(start="someday")  # type: ignore[arg-type]
    assert Window.from_term(Term(D(2025, 1, 1))).is_open
    assert Window.fixed("2025-01-01", "2025-12-31").is_fixed


def test_known_events_map_to_ema_conditions() -> None:
    """Known events carry EMA DateTimeCondition values where EMA has one."""
    assert KnownEvent.FIRST_THEATRICAL_RELEASE.ema_condition == "Theatrical"
    assert KnownEvent.SIGNATURE.ema_condition is None
    assert resolve_events({"delivery": "2025-01-02"}) == {"delivery": D(2025, 1, 2)}
    with pytest.raises(InvalidValueError):
        resolve_events({"Bad Event": "2025-01-02"})


@given(windows(events=EVENTS), st.dictionaries(st.sampled_from(EVENTS), dates()))
def test_resolution_waits_for_the_start_and_only_narrows(
    w: Window, events: dict[str, pendulum.Date]
) -> None:
    """A window resolves once its start is known, and only narrows as events become known.

    Until its end event is known it runs until further notice; knowing more events never
    moves its start and only brings its end in.
    """
    term = w.resolve(events)
    missing = w.missing_events(events)
    start_known = not isinstance(w.start, EventDate) or w.start.event in events
    if not start_known:
        assert term is None
    elif isinstance(w.end, EventDate) and w.end.event not in events and term is not None:
        assert term.end is None  # begun, and nothing has ended it
    if not missing:
        assert (term is None) == w.is_empty(events)
    more = {e: events.get(e, D(2030, 1, 1)) for e in EVENTS}
    later = w.resolve(more)
    if term is not None and later is not None:
        assert later.start == term.start
        assert term.end is None or later.end == term.end


@given(dates(), st.integers(0, 30), st.integers(0, 30), st.integers(0, 400))
def test_duration_and_fixed_end_agree(start: pendulum.Date, y: int, m: int, d: int) -> None:
    """A start plus a duration resolves to the same term as the computed fixed end.

    The last day is the day before the same date that much later, or, where that date does
    not exist in its month (a month from 31 January), that month's last day.
    """
    duration = Duration(y, m, d)
    w = Window(start=start, duration=duration)
    end = duration.last_day(start)
    anniversary = start.add(years=y, months=m)
    if anniversary.day < start.day:  # clamped to the month's end: the period takes that day
        assert anniversary == anniversary.end_of("month")
        assert end == anniversary.add(days=d)
    else:
        assert end == duration.after(start).subtract(days=1)
    if end < start:
        assert w.resolve() is None
    else:
        assert w.resolve() == Window(start=start, end=end).resolve()


def test_a_month_from_the_31st_runs_to_the_end_of_the_next_month() -> None:
    """The month-end rule, by hand: a month from 31 January ends on 28 February, not the 27th.

    Days 28 to 31 of January used to end alike on 27 February; a year from 29 February 2024
    ended on 27 February 2025 (364 days).
    """
    month, year = Duration(months=1), Duration(years=1)
    ends = [Window(start=D(2025, 1, d), duration=month).resolve() for d in (27, 28, 29, 30, 31)]
    assert [t.end for t in ends if t is not None] == [
        D(2025, 2, 26), D(2025, 2, 27), D(2025, 2, 28), D(2025, 2, 28), D(2025, 2, 28)]
    assert Window(start=D(2024, 1, 31), duration=month).resolve() == Term(
        D(2024, 1, 31), D(2024, 2, 29))
    assert Window(start=D(2024, 2, 29), duration=year).resolve() == Term(
        D(2024, 2, 29), D(2025, 2, 28))
    assert Window(start=D(2025, 3, 1), duration=month).resolve() == Term(
        D(2025, 3, 1), D(2025, 3, 31))
    assert Duration(months=1, days=2).last_day(D(2025, 1, 31)) == D(2025, 3, 2)
    with pytest.raises(InvalidValueError, match="runs past 9999-12-31"):
        Duration(years=1).last_day(D(9999, 6, 1))
    assert Window(start=D(9999, 6, 1), duration=year).resolve() == Term(
        D(9999, 6, 1), D(9999, 12, 31))


@given(windows(events=EVENTS), dates())
def test_event_lag_shifts_the_start(w: Window, day: pendulum.Date) -> None:
    """An event start resolves to the event date plus its lag."""
    if isinstance(w.start, EventDate):
        term = w.resolve(dict.fromkeys(EVENTS, day))
        if term is not None:
            assert term.start == w.start.lag.after(day)


def test_dates_end_at_the_last_day_a_date_can_be() -> None:
    """Past 9999-12-31: a window ending later runs to it, one starting later holds no day."""
    from coprod.windows import LAST_DAY

    release = {"first-theatrical-release": D(9999, 3, 3)}
    starts_later = Window(start=EventDate("first-theatrical-release", Duration(days=304)))
    assert starts_later.resolve(release) is None
    assert starts_later.is_empty(release)
    assert Window(start=D(9999, 6, 1), duration=Duration(years=1)).resolve() == Term(
        D(9999, 6, 1), LAST_DAY)
    until_later = Window(start=D(9999, 1, 1),
                         end=EventDate("first-theatrical-release", Duration(months=10)))
    assert until_later.resolve(release) == Term(D(9999, 1, 1), LAST_DAY)
    until_now = Window(start=D(9999, 1, 1), end=EventDate("first-theatrical-release"))
    assert until_now.resolve(release) == Term(D(9999, 1, 1), D(9999, 3, 2))
    with pytest.raises(InvalidValueError, match="past 9999-12-31, the last day a date can be"):
        Duration(years=1).after(D(9999, 1, 1))
    with pytest.raises(InvalidValueError, match="10 months after 9999-03-03 is past"):
        EventDate("first-theatrical-release", Duration(months=10)).resolve(release)


def test_an_end_on_the_first_day_a_date_can_be_holds_nothing() -> None:
    """An exclusive end on 0001-01-01 leaves no day, without a day before it to compute."""
    window = Window(start=D(1, 1, 1), end=EventDate("delivery"))
    assert window.resolve({"delivery": D(1, 1, 1)}) is None


@given(windows(), st.dictionaries(st.sampled_from(EVENTS), dates(D(1, 1, 1), D(9999, 12, 31))
                                  | st.sampled_from([D(1, 1, 1), D(9999, 12, 31)]), max_size=2))
def test_resolving_never_fails(window: Window, events: dict[str, pendulum.Date]) -> None:
    """Any window with any event dates gives a term or None, never an exception."""
    term = window.resolve(events)
    if term is not None:
        assert term.end is None or term.start <= term.end
