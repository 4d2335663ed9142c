"""The shared print pipeline: print templates in ``<THEME>/print/`` -> HTML -> PDF (WeasyPrint).

Used by every printed product (TechZine, the bidbook): a generator that prints imports it, so
``dtz_print`` comes before its users in PLUGINS. Its own plugin part finishes the PDFs still
rendering at the end of a run and removes cached PDFs that no build used for 30 days.
Renders run on worker processes (DTZ_WORKERS): start every document first, then write the
pages that show the PDFs' sizes. In ``generate_output``::

    printer = dtz_print.pipeline(self)           # self: the calling Pelican generator
    printed = printer.document(
        "techzine.html",                         # template in theme/print/, extends document.html
        "techzine/x/techzine-1.pdf",             # target, relative to the (staging) output
        url="techzine/x/",                       # the document's page URL, for relative links
        title="TechZine 1", issue=issue,         # title -> PDF metadata; the rest -> the template
    )
    if printed:                                  # None when DTZ_PDF is off: link to nothing
        ...printed.url, printed.size_kb...

``printer.html(template, **values)`` and ``printer.start(html, target, url, stylesheets, extra_inputs)``
are the two halves (``printer.pdf(...)`` is ``start`` that waits for the PDF). ``printer.rendered`` / ``printer.reused`` list what was rendered or taken from
the cache; each render logs ``PDF gemaakt: <target>``. ``nest(html, prefix)`` (also the
template filter ``nest``) puts an item's HTML inside a document with deeper headings and
prefixed ids.

Settings: ``DTZ_PDF`` (default True; ``make serve`` turns it off unless ``PDF=1``),
``CACHE_PATH`` (PDFs are cached in ``<CACHE_PATH>/pdf/``), ``DTZ_SITE_URL`` (root-relative
links and images resolve against it; images load from content/, theme/static/ or the output).
"""

from pelican import signals

from .fragments import nest
from .pipeline import PrintedFile, PrintPipeline, finish_all, pdf_cache, start_of_run

__all__ = ["PrintPipeline", "PrintedFile", "nest", "pipeline"]


def pipeline(generator):
    """The print pipeline for a Pelican generator: its settings, templates, filters and output."""
    return PrintPipeline(generator.settings, generator.env, generator.output_path, generator.context)


def end_of_run(pelican):
    """Finish the PDFs still rendering (into the staging output), then drop unused cache entries."""
    finish_all()
    pdf_cache(pelican.settings).prune()


def register():
    signals.all_generators_finalized.connect(start_of_run)
    signals.finalized.connect(end_of_run)
