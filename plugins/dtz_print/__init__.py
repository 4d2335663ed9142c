"""The shared print pipeline of every printed product: print templates in ``<THEME>/print/`` -> Typst source ->
cached PDF (``dtz_print`` comes before its users in PLUGINS). A PDF is rendered again only when its source, an image
it embeds, the print theme or the engine changed (README, *TechZine and print pipeline*)."""

import functools
import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import jinja2
from pelican.generators import Generator

import dtz_build
from dtz_contract import inside

from . import engine, markup
from .images import print_image
from .markup import nest

__all__ = ["PrintPipeline", "PrintedFile", "PrintingGenerator", "markup", "nest", "pipeline", "print_image"]

log = logging.getLogger(__name__)  # a LimitLogger: Pelican is imported above
log.disable_filter()  # it drops a message seen before; every render counts

EMBEDDED = re.compile(r'"(/(?:[^"\\]|\\.)*)"')  # "/path" in Typst source: the files a PDF embeds (links are https:)
COLUMN_MM = 82  # the width of a body column on A4: images in an item's text are made for it


@dataclass
class PrintedFile:
    """A PDF in the output: ``url`` relative to the site root, ``key`` its cache key (its bytes follow from it), ``size`` in bytes."""

    url: str
    key: str
    size: int = field(repr=False)

    def cache_key(self):
        """A page showing the PDF (its link, its size) depends on its URL and bytes: known before it is rendered."""
        return f"{self.url} {self.key}"

    @property
    def size_kb(self):
        return max(1, round(self.size / 1024))


class PrintPipeline:
    """Renders print templates from ``<THEME>/print/`` to PDF files in the staging output."""

    def __init__(self, settings, env, output_path, context=None):
        self.settings = settings
        self.enabled = bool(settings.get("DTZ_PDF", True))
        self.output_path = output_path
        self.context = context or {}
        self.print_dir = os.path.join(settings["THEME"], "print")
        self.fonts = [f for f in (os.path.join(self.print_dir, "fonts"), *engine.FONT_FOLDERS) if os.path.isdir(f)]  # the theme's own first
        self.cache = dtz_build.DiskCache(settings, "pdf", suffix=".pdf")  # <CACHE_PATH>/pdf/<key>.pdf
        self.by_inputs = dtz_build.DiskCache(settings, "pdf-inputs")  # page inputs -> the PDF's cache key
        self.site_url = settings.get("DTZ_SITE_URL", "https://www.dutchtechzone.nl").rstrip("/") + "/"
        static = (settings.get("THEME_STATIC_DIR", "theme").strip("/") + "/", os.path.join(settings["THEME"], "static"))
        self.mounts = [(prefix, os.path.abspath(folder)) for prefix, folder in (static, ("", settings["PATH"]), ("", output_path))]
        # the site's Jinja environment for Typst: every printed value escaped for Typst, as templates escape HTML
        self.env = env.overlay(loader=jinja2.FileSystemLoader(self.print_dir), autoescape=False, finalize=markup.escape)
        self.env.filters.update(typst=self.typst, string=markup.string, label=markup.label)
        self.env.globals.update(image_file=self.image_file, style=self.style)
        self.rendered, self.reused = [], []  # the targets rendered, and those taken from the cache

    # -- the API ---------------------------------------------------------
    def source(self, template, **values):
        """A print template rendered to Typst source with the site context (``title``, ``author``, ``description``: the PDF's metadata)."""
        values.setdefault("author", self.settings.get("AUTHOR", "Dutch TechZone"))
        return self.env.get_template(template).render({**self.context, **values})

    def pdf(self, source, target, url="", known=None):
        """Typst ``source`` as a PDF at ``target`` (relative to the output; ``url`` its page), from the cache or rendered:
        a PrintedFile, or None when PDFs are off (DTZ_PDF = False): link to nothing then. ``known``: its inputs' key."""
        return self.written(target, self.key(source, urljoin(self.site_url, url)), known, source) if self.enabled else None

    def document(self, template, target, url="", **values):
        """``source()`` then ``pdf()``; the page key of ``values`` lets a rebuild take an unchanged PDF without rendering its source."""
        if not self.enabled:
            return None
        inputs = dtz_build.page_key(self.settings, self.env.get_template(template), **values)
        known = inputs and dtz_build.digest(inputs, engine.ENGINE, self.theme_hash, template, target, url)
        key = known and (self.by_inputs.get(known) or b"-").decode()
        kept = key and key != "-" and dtz_build.kept_output(self.settings, self.output_path, target, known)
        if kept:  # output/ holds it as made from these inputs: not even read
            self.reused.append(target)
            return PrintedFile(target, key, os.path.getsize(kept))
        printed = known and self.written(target, key, known)
        if not printed:
            printed = self.pdf(self.source(template, url=url, **values), target, url, known)
            if known:
                self.by_inputs.put(known, printed.key.encode())
        return printed

    def written(self, target, key, known=None, source=None):
        """The PDF under ``key`` written into the output: the cache's copy, else rendered from ``source``; None without either."""
        data = self.cache.get(key)
        if data is None and source is None:
            return None
        if data is None:
            self.rendered.append(target)
            data = engine.render(source, target, self.fonts)  # compiles in a process of its own
            self.cache.put(key, data)
            log.info("PDF gemaakt: %s", target)
        else:
            self.reused.append(target)
            log.debug("PDF uit de cache: %s", target)
        dtz_build.write_output(self.settings, self.output_path, target, data, known)
        return PrintedFile(target, key, len(data))

    # -- what templates use ----------------------------------------------
    def style(self, name):
        """A Typst file of the print theme, as it is (``{{ style("dtz.typ") }}``)."""
        return markup.Typst(Path(self.print_dir, name).read_bytes().decode("utf-8"))

    def local_file(self, url):
        """The site's own file behind ``url`` (in content/, theme/static/ or the output), or None: print loads nothing from elsewhere."""
        if not url.startswith(self.site_url):
            return None
        relative = unquote(urlsplit(url[len(self.site_url) - 1 :]).path).lstrip("/")
        for prefix, folder in self.mounts:
            candidate = os.path.abspath(os.path.join(folder, relative[len(prefix) :]))
            if relative.startswith(prefix) and inside(candidate, folder) and os.path.isfile(candidate):
                return candidate
        return None

    def image_file(self, reference, width_mm, base_url=None):
        """The Typst string of the print copy of an image (``images/x.png`` or a URL on the site)
        for ``width_mm``, or None when it is not one of the site's files."""
        path = self.local_file(urljoin(base_url or self.site_url, str(reference)))
        try:
            return markup.string(print_image(self.settings, path, width_mm)) if path else None
        except (OSError, ValueError) as error:  # Pillow cannot read it: the PDF prints its description instead
            log.warning("Afbeelding niet te lezen, niet in de PDF: %s (%s)", os.path.relpath(path), error)
            return None

    def typst(self, html, prefix=None, base_url=None):
        """An item's HTML as Typst: nested under ``prefix`` when given, links absolute on the public site, images embedded for print."""
        base = base_url or self.site_url

        def image(src, alt):
            found = self.image_file(src, COLUMN_MM, base)
            return f"#figure(image({found}, alt: {markup.string(alt)}, width: 100%))" if found else None

        return markup.from_html(markup.nest(html, prefix) if prefix else html, base, image)

    # -- the cache -------------------------------------------------------
    def key(self, source, base_url):
        parts = ["typst", engine.ENGINE, "theme", self.theme_hash, "base", base_url, "source", source]
        for match in EMBEDDED.finditer(source):
            path = match[1].replace('\\"', '"').replace("\\\\", "\\")
            parts += ["file " + path, Path(path).read_bytes() if os.path.isfile(path) else b"(ontbreekt)"]
        return dtz_build.digest(*parts)

    @functools.cached_property
    def theme_hash(self):
        """One hash over every file in the print theme: a template, style or font change re-renders all."""
        return dtz_build.folder_digest(self.print_dir)


def pipeline(generator):
    """The print pipeline for a Pelican generator: its settings, templates, filters and output."""
    return PrintPipeline(generator.settings, generator.env, generator.output_path, generator.context)


class PrintingGenerator(Generator):
    """A generator with printed products: its own ``print_documents(printer)`` makes them once, when ``printed()`` first asks."""

    _printed = None

    def printed(self):
        if self._printed is None:
            self._printed = self.print_documents(pipeline(self))
        return self._printed


def register():
    """Nothing to connect: a printing generator makes its PDFs when it first asks for them."""
