"""The shared print pipeline: print templates in ``<THEME>/print/`` -> Typst source -> PDF (Typst).

Used by every printed product (TechZine, the bidbook): a generator that prints imports it, so
``dtz_print`` comes before its users in PLUGINS. Each render forks a process of its own (Typst
never runs in the build's own process, see engine.py).
A printing generator subclasses :class:`PrintingGenerator`; its PDFs are made when it first asks
for them::

    class TechzineGenerator(dtz_print.PrintingGenerator):
        def print_documents(self, printer):      # called once per run, by the first printed()
            return {issue.slug: printer.document(
                "techzine.typ",                  # Jinja template of Typst source in theme/print/
                "techzine/x/techzine-1.pdf",     # target, relative to the (staging) output
                url="techzine/x/",               # the document's page URL, for relative links
                title="TechZine 1", issue=issue, # title, author, description -> PDF metadata; all -> the template
            ) for issue in ...}

        def generate_output(self, writer):
            pdfs = self.printed()                # what print_documents returned
            ...pdf.url, pdf.size_kb...           # pdf is None when DTZ_PDF is off: link to nothing

Print templates escape every printed value for Typst (``markup.escape``), as the site's templates
escape HTML; ``|typst(prefix)`` turns an item's HTML into Typst (``markup.from_html``, via ``nest``),
``|string`` makes a Typst string, ``|label`` a label, ``image_file(reference, width_mm)`` embeds an
image through ``images.print_image`` (the seam with the image pipeline), ``style("dtz.typ")`` puts the
shared Typst style in front. ``printer.source(template, **values)`` and ``printer.pdf(source, target,
url, extra_inputs)`` are the two halves of ``document``. ``printer.rendered`` / ``printer.reused`` list
what was rendered or taken from the cache; each render logs ``PDF gemaakt: <target>``. ``nest(html, prefix)`` (also the template
filter ``nest``) puts an item's HTML inside a document with deeper headings and prefixed ids.
The build engine removes cached PDFs that no build used for 30 days.

Settings: ``DTZ_PDF`` (default True; ``make serve`` turns it off unless ``PDF=1``),
``CACHE_PATH`` (PDFs in ``<CACHE_PATH>/pdf/``, print copies of images with the image pipeline's in ``<CACHE_PATH>/images/``),
``DTZ_SITE_URL`` (links in a PDF point at the public site; images load from content/, theme/static/
or the output). Fonts: the print theme's ``fonts/`` folder if it has one, and Debian's DejaVu.
"""

from pelican.generators import Generator

from . import markup
from .fragments import nest
from .images import print_image
from .pipeline import PrintedFile, PrintPipeline

__all__ = ["PrintPipeline", "PrintedFile", "PrintingGenerator", "markup", "nest", "pipeline", "print_image"]


def pipeline(generator):
    """The print pipeline for a Pelican generator: its settings, templates, filters and output."""
    return PrintPipeline(generator.settings, generator.env, generator.output_path, generator.context)


class PrintingGenerator(Generator):
    """A generator with printed products.

    Subclasses define ``print_documents(printer)``, returning what ``printed()`` gives back (made once).
    """

    _printed = None

    def printed(self):
        if self._printed is None:
            self._printed = self.print_documents(pipeline(self))
        return self._printed

    def print_documents(self, printer):
        raise NotImplementedError


def register():
    """Nothing to connect: a printing generator makes its PDFs when it first asks for them."""
