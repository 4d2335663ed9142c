"""The agenda as iCalendar (RFC 5545): /agenda/dtz.ics to subscribe to, one .ics per event.

Only published events appear, also in preview builds. Every value comes from
the content (DTSTAMP from the event's Date), so two builds are byte-identical.
The event page links its own file through the template global ``agenda_ics``.
"""

from pelican import signals

from .generator import AgendaGenerator, event_ics_path


def get_generators(pelican):
    return AgendaGenerator


def add_template_global(generator):
    generator.env.globals["agenda_ics"] = event_ics_path


def register():
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(add_template_global)
