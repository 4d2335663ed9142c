"""Goals (voortgang): measure the annual plan's targets (content/jaarplan/, type ``target``) on the build's day.

Every build prints one line per count and one per target that is late or due within 30 days and,
unless GOALS_PUBLISH is False, writes /voortgang/goals.json and the /voortgang/ page (noindex, not in the
sitemap). See README "Goals (voortgang)".
"""

from pelican import signals

from .generator import GoalsGenerator, print_summary


def get_generators(pelican):
    return GoalsGenerator


def register():
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(print_summary)
