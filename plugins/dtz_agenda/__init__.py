"""The agenda as iCalendar (RFC 5545): /agenda/dtz.ics to subscribe to, and an .ics per published event (linked
through the template global ``agenda_ics``); every value from the content, so two builds write the same bytes."""

from pelican import signals
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
    def generate_context(self):
        """Offer the subscription (autodiscovery on agenda pages, the Volgen page) through the catalog."""
        self.name = f"{self.settings.get('SITENAME', '')} — agenda"
        link = {"path": AGENDA_ICS, "label": f"{self.name} (iCalendar)", "mime": "text/calendar", "type_key": "event"}
        dtz_content.catalog(self.context).offer("calendar", link)

    def generate_output(self, writer):
        catalog = dtz_content.catalog(self.context)
        agenda = catalog.published("event")
        others = dtz_content.languages.others(self.settings)  # a translation's page links its own file too
        events = agenda + [item for lang in others for item in catalog.published("event", lang)]
        parts = {id(item): event_part(item, self.settings) for item in events}  # each VEVENT made once, for two files
        files = {AGENDA_ICS: ics(agenda, self.name, parts), **{event_ics_path(item): ics([item], item.title, parts) for item in events}}
        for path, data in files.items():
            dtz_build.write_output(self.settings, self.output_path, path, data)


def get_generators(pelican):
    return AgendaGenerator


def add_template_global(generator):
    generator.env.globals["agenda_ics"] = event_ics_path


def register():
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(add_template_global)
