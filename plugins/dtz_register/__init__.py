"""The bedrijvenregister: /bedrijven/ (every company by municipality and sector, with counts) and a
profile per company at /bedrijven/<slug>/ with its pearls, CoPs and events.

The companies are the content core's ``company`` items (read from content/bedrijven/bedrijven.xlsx
or .csv by ``dtz_content``, checked against the model); this plugin only writes their pages.
Municipality and sector pages list companies through ``dtz_site``. A company's ``Pearl_status``
appears on no page written here (only on /voortgang/ and in goals.json, ``dtz_goals``).

Public API: ``register()`` (Pelican) and ``INDEX_URL``.
"""

from pelican import signals

from .generator import INDEX_URL, RegisterGenerator

__all__ = ["INDEX_URL", "register"]


def get_generators(pelican):
    return RegisterGenerator


def register():
    signals.get_generators.connect(get_generators)
