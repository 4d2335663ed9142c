"""The generator that writes the agenda's .ics files into the build's output folder."""

from pelican.generators import Generator

import dtz_build
import dtz_content

from .calendar import event_part, ics

AGENDA_ICS = dtz_content.TYPES["event"].index_url + "dtz.ics"  # agenda/dtz.ics


def event_ics_path(item):
    """agenda/<slug>/<slug>.ics beside the event's page; None for events not published."""
    if item is None or getattr(item, "type", None) != "event" or item.state != "published":
        return None
    return f"{item.url}{item.slug}.ics"


class AgendaGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.name = f"{self.settings.get('SITENAME', '')} — agenda"

    def generate_context(self):
        """Offer the subscription (autodiscovery on agenda pages, the Volgen page) through the catalog."""
        dtz_content.catalog(self.context).offer(
            "calendar", {"path": AGENDA_ICS, "label": f"{self.name} (iCalendar)", "mime": "text/calendar", "type_key": "event"}
        )

    def generate_output(self, writer):
        events = dtz_content.catalog(self.context).published("event")
        agenda = list(events)
        for lang in dtz_content.languages.others(self.settings):  # a translation's page links its own file too
            events += dtz_content.catalog(self.context).published("event", lang)
        parts = {id(item): event_part(item, self.settings) for item in events}  # each VEVENT made once, for two files
        self.write(AGENDA_ICS, ics(agenda, self.name, self.settings, parts))
        for item in events:
            self.write(event_ics_path(item), ics([item], item.title, self.settings, parts))

    def write(self, relative, data):
        dtz_build.write_output(self.settings, self.output_path, relative, data)
