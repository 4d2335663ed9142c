"""Events as an iCalendar file: one VEVENT per event, times in Europe/Amsterdam with a VTIMEZONE."""

import datetime
import functools

from icalendar import Calendar, Event, Timezone

import dtz_content

PRODID = "-//Dutch TechZone//Agenda//NL"
TIMEZONE = "Europe/Amsterdam"


def ics(events, name, settings):
    """The bytes of a calendar with ``events``, as calendar apps subscribe to or import it."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TIMEZONE)
    for item in events:
        calendar.add_component(vevent(item, settings))
    for tzid in sorted(calendar.get_missing_tzids()):  # what add_missing_timezones() does, computed once
        calendar.subcomponents.insert(0, vtimezone(tzid))
    return calendar.to_ical()


@functools.cache
def vtimezone(tzid):
    """The VTIMEZONE for a zone, from zoneinfo; slow to compute, and the same for every file."""
    return Timezone.from_tzid(tzid)


def vevent(item, settings):
    url = dtz_content.absolute(item.url, settings)
    event = Event()
    event.add("uid", dtz_content.item_id(item, settings))
    event.add("dtstamp", item.date.astimezone(datetime.timezone.utc))
    start, end = span(item.start, item.values.get("end"))
    event.add("dtstart", start)
    if end is not None:
        event.add("dtend", end)
    event.add("summary", item.title)
    event.add("location", item.location)
    event.add("url", url)
    event.add("description", description(item, url))
    return event


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


def description(item, url):
    lines = [item.description, "", f"Meer informatie: {url}"]
    if item.values.get("registration"):
        lines.append(f"Aanmelden: {item.values['registration']}")
    return "\n".join(lines)
