"""The bidbook: an edition for the region and for every choice of one, two or three municipalities.

/bidbook/ lets a reader choose an edition; /bidbook/<edition>/ is the edition on the web.
Editions are computed in ``editions.py``; the pages are written by ``generator.py``.
"""

from pelican import signals

from .generator import BidbookGenerator


def get_generators(pelican):
    return BidbookGenerator


def register():
    signals.get_generators.connect(get_generators)
