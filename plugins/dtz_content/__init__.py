"""DTZ content model and validation: reads every typed file, checks it, and offers the catalog.

Public API for other plugins (use nothing else from this package):

- ``catalog(context)``: the build's Catalog, with ``published(type)``, ``visible(type)``,
  ``all(type)``, ``item(type, slug)``, ``appearances(item)``, ``agenda(day)``,
  ``tagged(...)``, ``municipalities()``, ``sectors()``, ``today``, ``preview``,
  and ``problems`` (add Problem objects during generate_context to stop the build).
- ``Problem``, ``TYPES``, ``dates``, ``absolute``, ``term_slug``, ``local_day``.
"""

import logging

from pelican import signals

from . import dates
from .catalog import local_day, term_slug
from .generator import ContentGenerator, get_catalog
from .model import TYPES
from .problems import ContentError, Problem, report
from .staging import wrap_run
from .templating import absolute, add_filters

__all__ = ["TYPES", "Problem", "absolute", "catalog", "dates", "local_day", "term_slug"]

catalog = get_catalog


def get_generators(pelican):
    return ContentGenerator


def stop_on_problems(generators):
    """All content is read and checked: report everything, and stop before anything is written."""
    context = generators[0].context
    found = get_catalog(context)
    report(found.problems, found.warnings)
    if found.problems:
        count = len(set(found.problems))
        raise ContentError(f"{count} {'fout' if count == 1 else 'fouten'} in de inhoud; er is niets geschreven")


class QuietContentError(logging.Filter):
    """Pelican logs uncaught exceptions with a traceback; content errors already said it all."""

    def filter(self, record):
        if record.exc_info and isinstance(record.exc_info[1], ContentError):
            record.exc_info = None
        return True


def register():
    logging.getLogger("pelican").addFilter(QuietContentError())
    signals.initialized.connect(wrap_run)
    signals.generator_init.connect(add_filters)
    signals.get_generators.connect(get_generators)
    signals.all_generators_finalized.connect(stop_on_problems)
