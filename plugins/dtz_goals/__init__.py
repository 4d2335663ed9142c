"""Goals (voortgang): count the items shown against the annual plan's targets.

Goals are settings (GOALS, see settings.py and README "Goals (voortgang)"). Every
build prints one summary line per goal and, unless GOALS_PUBLISH is False,
writes /voortgang/goals.json and the /voortgang/ page (noindex, not in the sitemap).
"""

from pelican import signals

from .generator import GoalsGenerator, print_summary


def get_generators(pelican):
    return GoalsGenerator


def register():
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(print_summary)
