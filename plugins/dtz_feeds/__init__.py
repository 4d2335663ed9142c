"""RSS 2.0 and Atom feeds of everything published, written with feedgen.

/feeds/rss.xml and /feeds/atom.xml hold the newest items of every feed type
(DTZ_FEED_LIMIT); /feeds/<type>.xml (parels, cops, agenda, nieuwsbrief,
techzine) holds every published item of one type. Only published items
appear, also in preview builds, and the output depends on the content alone,
so two builds of the same content are byte-identical.
"""

from pelican import signals

from .generator import FeedsGenerator


def get_generators(pelican):
    return FeedsGenerator


def register():
    signals.get_generators.connect(get_generators)
