"""Dutch dates and the 'when' of an event, for pages, feeds and calendars alike."""

import datetime

from dtz_contract import AMSTERDAM  # every date and time of the content is read and shown here
from dtz_contract.dates import MONTHS, datum  # noqa: F401  the one Dutch date, for templates ("3 oktober 2019") and lines


def moment(value):
    """A header's date or moment as the aware datetime Pelican keeps, so both sort together: a date is its midnight in Amsterdam."""
    return value if isinstance(value, datetime.datetime) else datetime.datetime(value.year, value.month, value.day, tzinfo=AMSTERDAM)


def local(value):
    return value.astimezone(AMSTERDAM) if isinstance(value, datetime.datetime) and value.tzinfo else value


def tijd(value):
    return local(value).strftime("%H:%M")


def has_time(value):
    return isinstance(value, datetime.datetime)


def when(start, end=None, lang=None):
    """'16 – 18 mei 2019', '3 oktober 2019, 13:00 – 21:00', or both full moments (in ``lang``: '16 – 18 May 2019')."""
    first, last = datum(start, lang), datum(end, lang)
    if end is None or end == start:
        return f"{first}, {tijd(start)}" if has_time(start) else first
    if has_time(start) and has_time(end):
        return f"{first}, {tijd(start)} – {tijd(end)}" if local(start).date() == local(end).date() else f"{first} {tijd(start)} – {last} {tijd(end)}"
    one_month = has_time(start) == has_time(end) and (start.year, start.month) == (end.year, end.month)  # two days, no times
    return f"{start.day} – {last}" if one_month else f"{first} – {last}"


def last_day(start, end=None):
    """The last calendar day an event runs: past events move down the agenda after it."""
    value = local(end or start)
    return value.date() if isinstance(value, datetime.datetime) else value


def iso(value):
    """ISO 8601 for machines (<time datetime>, JSON-LD): date or date-time with offset."""
    value = local(value)
    return value.isoformat(timespec="minutes") if has_time(value) else value.isoformat()
