"""The generator that writes the agenda's .ics files into the build's output folder."""

from pelican.generators import Generator

import dtz_build
import dtz_content

from .calendar import ics

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
        self.write(AGENDA_ICS, ics(events, self.name, self.settings))
        for lang in dtz_content.languages.others(self.settings):  # a translation's page links its own file too
            events += dtz_content.catalog(self.context).published("event", lang)
        for item in events:
            self.write(event_ics_path(item), ics([item], item.title, self.settings))

    def write(self, relative, data):
        dtz_build.write_output(self.settings, self.output_path, relative, data)
