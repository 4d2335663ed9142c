"""The shared print pipeline: print templates in ``<THEME>/print/`` -> Typst source -> cached PDF.

Every printed product (TechZine, the bidbook, the quarterly reports) goes through it, so
``dtz_print`` comes before its users in PLUGINS. A printing generator subclasses
:class:`PrintingGenerator`; the README (*TechZine and print pipeline*) describes the templates'
filters, the cache and the settings (``DTZ_PDF``, ``CACHE_PATH``, ``DTZ_SITE_URL``).
"""

from pelican.generators import Generator

from . import markup
from .images import print_image
from .markup import nest
from .pipeline import PrintedFile, PrintPipeline

__all__ = ["PrintPipeline", "PrintedFile", "PrintingGenerator", "markup", "nest", "pipeline", "print_image"]


def pipeline(generator):
    """The print pipeline for a Pelican generator: its settings, templates, filters and output."""
    return PrintPipeline(generator.settings, generator.env, generator.output_path, generator.context)


class PrintingGenerator(Generator):
    """A generator with printed products: ``print_documents(printer)`` makes them once, when ``printed()`` first asks."""

    _printed = None

    def printed(self):
        if self._printed is None:
            self._printed = self.print_documents(pipeline(self))
        return self._printed

    def print_documents(self, printer):
        raise NotImplementedError


def register():
    """Nothing to connect: a printing generator makes its PDFs when it first asks for them."""
