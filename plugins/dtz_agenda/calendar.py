"""Events as iCalendar files: one VEVENT per event, times in Europe/Amsterdam with a VTIMEZONE.

A file is put together as icalendar's ``Calendar.to_ical()`` writes it: the calendar's own
properties, the VTIMEZONEs, the VEVENTs, ``END:VCALENDAR`` (every content line is folded on its
own, so the parts join byte for byte). A VTIMEZONE is made once per process: it is the slow part,
and the same in every file.
"""

import datetime
import functools

from icalendar import Calendar, Event, Timezone

import dtz_content
from dtz_contract import AMSTERDAM

PRODID = "-//Dutch TechZone//Agenda//NL"
TIMEZONE = AMSTERDAM.key
END = b"END:VCALENDAR\r\n"


def ics(events, name, settings, parts=None):
    """The bytes of a calendar with ``events``, as calendar apps subscribe to or import it.

    ``parts``: each event's (time zones, VEVENT bytes) as :func:`event_part` made them, when the
    caller writes the same events into more than one calendar (the agenda's and each event's own)."""
    parts = [parts[id(item)] if parts else event_part(item, settings) for item in events]
    tzids = sorted(set().union(*(tzids for tzids, _ in parts)))
    # add_missing_timezones() inserts each at the front: the last in sorted order comes first.
    zones = b"".join(vtimezone(tzid) for tzid in reversed(tzids))
    return head_bytes(head_fields(name)) + zones + b"".join(data for _, data in parts) + END


def event_part(item, settings):
    """(the time zones the event's VEVENT uses, its bytes)."""
    return serialize(fields(item, settings))


def fields(item, settings):
    """Everything that goes into the event's VEVENT, in order, as (property, value)."""
    url = dtz_content.absolute(item.url, settings)
    start, end = span(item.start, item.end)
    values = [("uid", dtz_content.item_id(item, settings)), ("dtstamp", item.date.astimezone(datetime.timezone.utc)), ("dtstart", start)]
    if end is not None:
        values.append(("dtend", end))
    values += [("summary", item.title), ("location", item.location), ("url", url), ("description", description(item, url, settings))]
    return values


def serialize(values):
    """(the time zones the VEVENT uses, its bytes)."""
    event = Event()
    for name, value in values:
        event.add(name, value)
    alone = Calendar()
    alone.add_component(event)
    return alone.get_missing_tzids(), event.to_ical()


def head_fields(name):
    """The calendar's own properties, as (property, value)."""
    fixed = [("prodid", PRODID), ("version", "2.0"), ("calscale", "GREGORIAN"), ("method", "PUBLISH")]
    return [*fixed, ("name", name), ("x-wr-calname", name), ("x-wr-timezone", TIMEZONE)]


def head_bytes(values):
    """The calendar's content lines up to its first component."""
    calendar = Calendar()
    for name, value in values:
        calendar.add(name, value)
    data = calendar.to_ical()
    assert data.endswith(END)
    return data[: -len(END)]


@functools.cache
def vtimezone(tzid):
    """The VTIMEZONE for a zone, from zoneinfo; slow to compute, and the same for every file."""
    return Timezone.from_tzid(tzid).to_ical()


def span(start, end):
    """DTSTART and DTEND values: moments as they are; with a date-only side, whole days.

    RFC 5545 ends all-day events exclusively, so DTEND is the day after the last day.
    Without End a moment has no DTEND (it lasts no time); a day lasts that one day.
    """
    if isinstance(start, datetime.datetime) and (end is None or isinstance(end, datetime.datetime)):
        return start, end
    first = dtz_content.dates.last_day(start)
    last = dtz_content.dates.last_day(start, end)
    return first, last + datetime.timedelta(days=1)


def description(item, url, settings):
    _ = dtz_content.languages.gettext(settings, item.lang)
    lines = [item.description, "", f"{_('Meer informatie')}: {url}"]
    if item.registration:
        lines.append(f"{_('Aanmelden')}: {item.registration}")
    return "\n".join(lines)
