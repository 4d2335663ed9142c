"""One print pipeline for every printed product: print template -> HTML -> PDF, with a cache.

A PDF is rendered again only when something it contains changed. The cache key hashes the
rendered HTML, the stylesheets, every file the HTML loads (images), every file in the print
theme (templates, CSS, fonts), WeasyPrint's version and whatever the caller adds; the PDF is
kept under <CACHE_PATH>/pdf/<key>.pdf and copied into the build's staging output on a hit.
"""

import logging
import os
import re
from html import unescape
from urllib.parse import urljoin

from importlib.metadata import version

import jinja2

import dtz_build

from .fragments import nest
from .local_files import LocalFiles

log = logging.getLogger(__name__)
if hasattr(log, "disable_filter"):  # Pelican's LimitLogger drops a message seen before; every render counts
    log.disable_filter()

LOADED = re.compile(r"""(?:\bsrc\s*=\s*["']([^"']+)["']|url\(\s*["']?([^"')]+)["']?\s*\)|<link\b[^>]*?\bhref\s*=\s*["']([^"']+)["'])""", re.I)
WRITE_OPTIONS = {"pdf_tags": True}  # a tagged PDF: screen readers get headings, reading order and alt texts


class PrintedFile:
    """A PDF in the output: ``url`` relative to the site root, ``size`` in bytes.

    A PDF still rendering on a worker is finished (stored, written) when its size is first
    asked, or when the run finishes its jobs.
    """

    def __init__(self, url, key, size=None, job=None):
        self.url, self.key = url, key  # key: the PDF's cache key, which its bytes follow from
        self._size, self._job = size, job

    def cache_key(self):
        """A page showing the PDF (its link, its size) depends on its URL and bytes: known before it is rendered."""
        return f"{self.url} {self.key}"

    @property
    def size(self):
        if self._size is None:
            self._size, self._job = self._job.result(), None
        return self._size

    @property
    def size_kb(self):
        return max(1, round(self.size / 1024))

    def __repr__(self):
        return f"PrintedFile(url={self.url!r}, key={self.key!r})"


def render(html, base_url, sheets, files):
    """One document to PDF bytes with WeasyPrint (on a worker process, or in this one)."""
    import weasyprint  # noqa: PLC0415 - only a real render pays for importing it

    from .fetcher import LocalFetcher  # noqa: PLC0415

    fetcher = LocalFetcher(files)
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    css = [weasyprint.CSS(filename=sheet, url_fetcher=fetcher) for sheet in sheets]
    return document.write_pdf(stylesheets=css, **WRITE_OPTIONS)


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
        self.cache = pdf_cache(settings)
        self.by_inputs = dtz_build.DiskCache(settings, "pdf-inputs")  # page inputs -> the PDF's cache key
        run = dtz_build.current(settings)
        self.pool = run.pool if run is not None else dtz_build.Pool.in_process()
        self.site_url = settings.get("DTZ_SITE_URL", "https://www.dutchtechzone.nl").rstrip("/") + "/"
        self.files = LocalFiles(
            self.site_url,
            mounts=[
                (settings.get("THEME_STATIC_DIR", "theme").strip("/") + "/", os.path.join(settings["THEME"], "static")),
                ("", settings["PATH"]),
                ("", output_path),
            ],
            file_folders=[self.print_dir],
        )
        self.env = env.overlay(loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(self.print_dir), env.loader]))
        self.env.filters["nest"] = nest
        self.rendered = []
        self.reused = []
        self._theme_hash = None

    # -- the API ---------------------------------------------------------
    def html(self, template, **values):
        """A print template from ``<THEME>/print/`` rendered with the site context.

        Templates extend ``document.html``, which turns ``title``, ``author`` (default AUTHOR),
        ``lang`` (default DEFAULT_LANG) and ``description`` into the PDF's metadata.
        """
        values.setdefault("author", self.settings.get("AUTHOR", "Dutch TechZone"))
        values.setdefault("lang", self.settings.get("DEFAULT_LANG", "nl"))
        return self.env.get_template(template).render({**self.context, **values})

    def pdf(self, html, target, url="", stylesheets=("print.css",), extra_inputs=()):
        """Write ``html`` as PDF to ``target`` (relative to the output) from cache or by rendering.

        ``url`` is the document's own page URL, for relative links; ``stylesheets`` are names in
        ``<THEME>/print/``; ``extra_inputs`` (str or bytes) join the cache key. Returns a
        PrintedFile, finished, or None when PDFs are off (DTZ_PDF = False): link to nothing then.
        """
        printed = self.start(html, target, url, stylesheets, extra_inputs)
        if printed is not None:
            printed.size  # noqa: B018 - asking the size finishes it
        return printed

    def start(self, html, target, url="", stylesheets=("print.css",), extra_inputs=()):
        """``pdf()`` without waiting: a cache miss renders on a worker while the build goes on."""
        if not self.enabled:
            return None
        return self._start(html, target, url, stylesheets, extra_inputs)[0]

    def _start(self, html, target, url, stylesheets, extra_inputs):
        """``start()``, and the PDF's cache key with it."""
        base_url = urljoin(self.site_url, url)
        sheets = [os.path.join(self.print_dir, name) for name in stylesheets]
        key = self.key(html, base_url, sheets, extra_inputs)
        data = self.cache.get(key)
        if data is not None:
            return self.reuse(target, key, data), key
        self.rendered.append(target)

        def finish(data):
            self.cache.put(key, data)
            dtz_build.write_output(self.settings, self.output_path, target, data)
            log.info("PDF gemaakt: %s", target)
            return len(data)

        return PrintedFile(target, key, job=self.pool.submit(render, (html, base_url, sheets, self.files), finish)), key

    def document(self, template, target, url="", stylesheets=("print.css",), extra_inputs=(), **values):
        """``html()`` then ``start()``: the one call a printed product needs. Start every document
        first and write the pages that show their sizes afterwards, so the renders run side by side.

        The page key of ``values`` and the template's files (dtz_build.page_key) lets a rebuild
        take an unchanged PDF from the cache without even rendering its HTML.
        """
        if not self.enabled:
            return None
        inputs = dtz_build.page_key(self.settings, self.env.get_template(template), **values)
        known = None
        if inputs is not None:
            known = dtz_build.digest(inputs, engine(), self.theme_hash(), template, target, url, *stylesheets, *extra_inputs)
            key = (self.by_inputs.get(known) or b"-").decode()
            data = self.cache.get(key)
            if data is not None:
                return self.reuse(target, key, data)
        printed, key = self._start(self.html(template, **values), target, url, stylesheets, extra_inputs)
        if known is not None:
            self.by_inputs.put(known, key.encode())
        return printed

    def reuse(self, target, key, data):
        """A cached PDF into the output."""
        self.reused.append(target)
        log.debug("PDF uit de cache: %s", target)
        dtz_build.write_output(self.settings, self.output_path, target, data)
        return PrintedFile(target, key, len(data))

    # -- the cache -------------------------------------------------------
    def key(self, html, base_url, sheets, extra_inputs=()):
        parts = ["weasyprint", engine(), "theme", self.theme_hash(), "base", base_url, "html", html]  # links point at base
        for sheet in sheets:
            parts += ["css " + os.path.basename(sheet), read(sheet)]
        for url in self.loaded_urls(html, base_url):
            path = self.files.path(url)
            parts += ["file " + url, read(path) if path else b"(ontbreekt)"]
        for extra in extra_inputs:
            parts += ["extra", extra]
        return dtz_build.digest(*parts)

    def loaded_urls(self, html, base_url):
        """Absolute URLs of what the HTML loads: images, stylesheets, url() in style attributes."""
        found = []
        for match in LOADED.finditer(html):
            ref = unescape(next(g for g in match.groups() if g))
            url = urljoin(base_url, ref.strip())
            if url not in found:
                found.append(url)
        return found

    def theme_hash(self):
        """One hash over every file in the print theme: a template or font change re-renders all."""
        if self._theme_hash is None:
            self._theme_hash = dtz_build.folder_digest(self.print_dir)
        return self._theme_hash


def engine():
    """What renders the PDFs: a new WeasyPrint or other options render every PDF again."""
    return f"{version('weasyprint')} pydyf {version('pydyf')} {sorted(WRITE_OPTIONS.items())}"


def pdf_cache(settings):
    """Rendered PDFs by the hash of everything they are made from: ``<CACHE_PATH>/pdf/<key>.pdf``."""
    return dtz_build.DiskCache(settings, "pdf", suffix=".pdf")


def read(path):
    with open(path, "rb") as handle:
        return handle.read()
