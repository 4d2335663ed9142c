"""Site search with Pagefind, and a page per keyword (README "Search").

After every build (html, publish and make serve's preview) Pagefind indexes the ``<main>`` of the
pages that carry ``data-pagefind-body`` (items and overviews; not e-mails, 404, voortgang,
redirects), with the filters ``type``, ``gemeente``, ``sector`` and ``jaar`` and the sort key
``datum`` (theme/templates/partials/search_facts.html). The index is written into the run's
staging folder before it replaces output/, so a failed index leaves the site as it was; an
unchanged set of pages is not indexed again.

Public API: ``index.BUNDLE`` (the index folder in the output, ``pagefind/``), ``pages.SEARCH_URL``
(``zoeken/``), ``keywords.URL`` (``trefwoord/{slug}/``), ``keywords.folded(spelling)`` (what makes two
spellings one keyword). Templates get ``item_search_facts(item)``.
"""

from pelican import signals

from .pages import SearchGenerator, add_globals


def get_generators(pelican):
    return SearchGenerator


def register():
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(add_globals)
