"""The agenda as iCalendar (RFC 5545): /agenda/dtz.ics to subscribe to, an .ics per published event (template global
``agenda_ics``), same bytes every build. A file is joined as ``Calendar.to_ical()`` writes it from parts made once:
a VTIMEZONE per process (the slow part), an event's VEVENT for both files it is in."""

import datetime
import functools
from importlib.metadata import version

from pelican import signals
from pelican.generators import Generator

import dtz_build
import dtz_content
from dtz_contract import AMSTERDAM

AGENDA_ICS = dtz_content.TYPES["event"].index_url + "dtz.ics"  # agenda/dtz.ics
HEAD = {"prodid": "-//Dutch TechZone//Agenda//NL", "version": "2.0", "calscale": "GREGORIAN", "method": "PUBLISH"}  # a calendar opens so
END = b"END:VCALENDAR\r\n"
LIBRARY = version("icalendar")  # part of every calendar's key


def event_ics_path(item):
    """agenda/<slug>/<slug>.ics beside the event's page; None for events not published."""
    return f"{item.url}{item.slug}.ics" if getattr(item, "type", None) == "event" and item.state == "published" else None


class AgendaGenerator(Generator):
    def generate_context(self):
        """Offer the subscription (autodiscovery on agenda pages, the Volgen page) through the catalog."""
        self.name = f"{self.settings.get('SITENAME', '')} — agenda"
        link = {"path": AGENDA_ICS, "label": f"{self.name} (iCalendar)", "mime": "text/calendar", "type_key": "event"}
        dtz_content.catalog(self.context).offer("calendar", link)

    def generate_output(self, writer):
        catalog = dtz_content.catalog(self.context)
        agenda = catalog.published("event")  # in dtz.ics; an .ics of its own for each, and for each translation (its page links it)
        events = [item for lang in [None, *dtz_content.languages.others(self.settings)] for item in catalog.published("event", lang)]
        parts = {}  # each VEVENT made once, for two files
        for path, shown, name in [(AGENDA_ICS, agenda, self.name), *((event_ics_path(item), [item], item.title) for item in events)]:
            key = dtz_build.page_key(self.settings, events=shown, name=name, library=LIBRARY)  # made again only when it changed
            if not dtz_build.kept_output(self.settings, self.output_path, path, key):
                parts.update({id(item): event_part(item, self.settings) for item in shown if id(item) not in parts})
                dtz_build.write_output(self.settings, self.output_path, path, ics(shown, name, parts), key)


def ics(events, name, parts):
    """The bytes of a calendar with ``events``; ``parts``: every event's :func:`event_part` by ``id``."""
    from icalendar import Calendar  # icalendar (0.1 s) is imported only when a calendar changed (kept_output)

    parts = [parts[id(item)] for item in events]
    head = Calendar()
    for key, value in {**HEAD, "name": name, "x-wr-calname": name, "x-wr-timezone": AMSTERDAM.key}.items():
        head.add(key, value)
    # add_missing_timezones() inserts each at the front: the last in sorted order comes first.
    zones = b"".join(vtimezone(tzid) for tzid in sorted(set().union(*(tzids for tzids, _ in parts)), reverse=True))
    return head.to_ical().removesuffix(END) + zones + b"".join(data for _, data in parts) + END


def event_part(item, settings):
    """(the time zones the event's VEVENT uses, its bytes)."""
    from icalendar import Calendar, Event

    url = dtz_content.absolute(item.url, settings)
    start, end = item.start, item.end
    # moments as they are (no End: no DTEND); a date-only side: whole days, DTEND the day after the last (RFC 5545 excludes it)
    if not (isinstance(start, datetime.datetime) and (end is None or isinstance(end, datetime.datetime))):
        start, end = dtz_content.dates.last_day(start), dtz_content.dates.last_day(start, end) + datetime.timedelta(days=1)
    event = Event()
    event.add("uid", dtz_content.item_id(item, settings))
    event.add("dtstamp", item.date.astimezone(datetime.timezone.utc))
    event.add("dtstart", start)
    if end is not None:
        event.add("dtend", end)
    for key, value in {"summary": item.title, "location": item.location, "url": url, "description": description(item, url, settings)}.items():
        event.add(key, value)
    alone = Calendar()
    alone.add_component(event)
    return alone.get_missing_tzids(), event.to_ical()


@functools.cache
def vtimezone(tzid):
    """The VTIMEZONE for a zone, from zoneinfo; slow to compute, and the same for every file."""
    from icalendar import Timezone

    return Timezone.from_tzid(tzid).to_ical()


def description(item, url, settings):
    _ = dtz_content.languages.gettext(settings, item.lang)
    registration = [f"{_('Aanmelden')}: {item.registration}"] if item.registration else []
    return "\n".join([item.description, "", f"{_('Meer informatie')}: {url}", *registration])


def add_template_global(generator):
    generator.env.globals["agenda_ics"] = event_ics_path


def register():
    signals.get_generators.connect(dtz_build.adds_generator(AgendaGenerator))
    signals.generator_init.connect(add_template_global)
