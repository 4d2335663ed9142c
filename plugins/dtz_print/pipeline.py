"""One print pipeline for every printed product: print template -> Typst source -> PDF, with a cache.

A PDF is rendered again only when something it contains changed. The cache key hashes the
Typst source (it holds every text and link), every image file it embeds, every file in the
print theme (templates, the shared style dtz.typ, fonts), the engine's version and whatever the
caller adds; the PDF is kept under <CACHE_PATH>/pdf/<key>.pdf and copied into the build's
staging output on a hit.
"""

import logging
import os
import re
from urllib.parse import urljoin

import jinja2

import dtz_build

from . import engine, markup
from .fragments import nest
from .images import print_image
from .local_files import LocalFiles

log = logging.getLogger(__name__)
if hasattr(log, "disable_filter"):  # Pelican's LimitLogger drops a message seen before; every render counts
    log.disable_filter()

EMBEDDED = re.compile(r'"(/(?:[^"\\]|\\.)*)"')  # "/path" in Typst source: the files a PDF embeds (links are https:)
COLUMN_MM = 82  # the width of a body column on A4: images in an item's text are made for it


class PrintedFile:
    """A PDF in the output: ``url`` relative to the site root, ``size`` in bytes."""

    def __init__(self, url, key, size):
        self.url, self.key = url, key  # key: the PDF's cache key, which its bytes follow from
        self.size = size

    def cache_key(self):
        """A page showing the PDF (its link, its size) depends on its URL and bytes: known before it is rendered."""
        return f"{self.url} {self.key}"

    @property
    def size_kb(self):
        return max(1, round(self.size / 1024))

    def __repr__(self):
        return f"PrintedFile(url={self.url!r}, key={self.key!r})"


class PrintPipeline:
    """Renders print templates from ``<THEME>/print/`` to PDF files in the staging output.

    ``rendered`` and ``reused`` list the targets this pipeline rendered or took from the cache.
    """

    def __init__(self, settings, env, output_path, context=None):
        self.settings = settings
        self.enabled = bool(settings.get("DTZ_PDF", True))
        self.output_path = output_path
        self.context = context or {}
        self.print_dir = os.path.join(settings["THEME"], "print")
        self.fonts = engine.font_folders(self.print_dir)
        self.cache = dtz_build.DiskCache(settings, "pdf", suffix=".pdf")  # <CACHE_PATH>/pdf/<key>.pdf
        self.by_inputs = dtz_build.DiskCache(settings, "pdf-inputs")  # page inputs -> the PDF's cache key
        self.site_url = settings.get("DTZ_SITE_URL", "https://www.dutchtechzone.nl").rstrip("/") + "/"
        self.files = LocalFiles(
            self.site_url,
            mounts=[
                (settings.get("THEME_STATIC_DIR", "theme").strip("/") + "/", os.path.join(settings["THEME"], "static")),
                ("", settings["PATH"]),
                ("", output_path),
            ],
        )
        self.env = typst_environment(env, self.print_dir, self)
        self.rendered = []
        self.reused = []
        self._theme_hash = None

    # -- the API ---------------------------------------------------------
    def source(self, template, **values):
        """A print template from ``<THEME>/print/`` rendered to Typst source with the site context.

        Every value a template prints is escaped for Typst (``Groei > 10%`` prints as written);
        ``title``, ``author`` (default AUTHOR) and ``description`` become the PDF's metadata.
        """
        values.setdefault("author", self.settings.get("AUTHOR", "Dutch TechZone"))
        return self.env.get_template(template).render({**self.context, **values})

    def pdf(self, source, target, url="", extra_inputs=()):
        """Write Typst ``source`` as PDF to ``target`` (relative to the output) from cache or by rendering.

        ``url`` is the document's own page URL; ``extra_inputs`` (str or bytes) join the cache key.
        Returns a PrintedFile, or None when PDFs are off (DTZ_PDF = False): link to nothing then.
        """
        return self._pdf(source, target, url, extra_inputs)[0] if self.enabled else None

    def _pdf(self, source, target, url, extra_inputs):
        """``pdf()``, and the PDF's cache key with it."""
        key = self.key(source, urljoin(self.site_url, url), extra_inputs)
        data = self.cache.get(key)
        if data is not None:
            return self.reuse(target, key, data), key
        self.rendered.append(target)
        data = engine.render(source, target, self.fonts)  # compiles in a process of its own
        self.cache.put(key, data)
        dtz_build.write_output(self.settings, self.output_path, target, data)
        log.info("PDF gemaakt: %s", target)
        return PrintedFile(target, key, len(data)), key

    def document(self, template, target, url="", extra_inputs=(), **values):
        """``source()`` then ``pdf()``: the one call a printed product needs.

        The page key of ``values`` and the template's files (dtz_build.page_key) lets a rebuild
        take an unchanged PDF from the cache without even rendering its source.
        """
        if not self.enabled:
            return None
        inputs = dtz_build.page_key(self.settings, self.env.get_template(template), **values)
        known = None
        if inputs is not None:
            known = dtz_build.digest(inputs, engine.engine(), self.theme_hash(), template, target, url, *extra_inputs)
            key = (self.by_inputs.get(known) or b"-").decode()
            data = self.cache.get(key)
            if data is not None:
                return self.reuse(target, key, data)
        values.setdefault("url", url)
        printed, key = self._pdf(self.source(template, **values), target, url, extra_inputs)
        if known is not None:
            self.by_inputs.put(known, key.encode())
        return printed

    def reuse(self, target, key, data):
        """A cached PDF into the output."""
        self.reused.append(target)
        log.debug("PDF uit de cache: %s", target)
        dtz_build.write_output(self.settings, self.output_path, target, data)
        return PrintedFile(target, key, len(data))

    # -- what templates use ----------------------------------------------
    def image_file(self, reference, width_mm, base_url=None):
        """The Typst string of the print copy of an image (``images/x.png`` or a URL on the site)
        for ``width_mm``, or None when it is not one of the site's files."""
        path = self.files.path(urljoin(base_url or self.site_url, str(reference)))
        if path is None:
            return None
        try:
            return markup.string(print_image(self.settings, path, width_mm))
        except (OSError, ValueError) as error:  # Pillow cannot read it: the PDF prints its description instead
            log.warning("Afbeelding niet te lezen, niet in de PDF: %s (%s)", os.path.relpath(path), error)
            return None

    def typst(self, html, prefix=None, base_url=None, width_mm=COLUMN_MM):
        """An item's HTML as Typst: headings a level down and ids prefixed when ``prefix`` is given
        (see nest), links absolute on the public site, images embedded through print_image."""
        base = base_url or self.site_url

        def image(src, alt):
            found = self.image_file(src, width_mm, base)
            return f"#figure(image({found}, alt: {markup.string(alt)}, width: 100%))" if found else None

        return markup.from_html(nest(html, prefix) if prefix else html, base, image)

    # -- the cache -------------------------------------------------------
    def key(self, source, base_url, extra_inputs=()):
        parts = ["typst", engine.engine(), "theme", self.theme_hash(), "base", base_url, "source", source]
        for match in EMBEDDED.finditer(source):
            path = match[1].replace('\\"', '"').replace("\\\\", "\\")
            parts += ["file " + path, read(path) if os.path.isfile(path) else b"(ontbreekt)"]
        for extra in extra_inputs:
            parts += ["extra", extra]
        return dtz_build.digest(*parts)

    def theme_hash(self):
        """One hash over every file in the print theme: a template, style or font change re-renders all."""
        if self._theme_hash is None:
            self._theme_hash = dtz_build.folder_digest(self.print_dir)
        return self._theme_hash


def typst_environment(env, print_dir, printer):
    """The site's Jinja environment (its filters and globals) for Typst templates in ``print_dir``:
    every printed value is escaped for Typst, as the site's templates escape for HTML.

    Filters: ``typst(prefix)`` (an item's HTML), ``string`` (a Typst string literal), ``label``;
    globals: ``image_file(reference, width_mm)``, ``style(name)`` (a Typst file of the print theme, as is).
    """
    typst_env = env.overlay(loader=jinja2.FileSystemLoader(print_dir), autoescape=False, finalize=markup.escape)
    typst_env.filters.update(typst=printer.typst, string=markup.string, label=markup.label)
    typst_env.globals.update(image_file=printer.image_file, style=lambda name: markup.Typst(read(os.path.join(print_dir, name)).decode("utf-8")))
    return typst_env


def read(path):
    with open(path, "rb") as handle:
        return handle.read()
