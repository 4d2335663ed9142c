"""The run's images: every source checked once, every derivative encoded once, kept by its inputs; its file
reaches the output when first asked for, or when the run finishes (a page needs only its URL and size, for
the <picture> that the templates' ``picture`` and images in Markdown bodies alike become)."""

import html
import json
import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

import PIL
from markupsafe import Markup

import dtz_build

from .pillow import EXTENSIONS, FALLBACK, WEB_COPY, WEB_WIDTHS, BadImage, Recipe, Source, encode, name_problem, read

# What the layout gives an image (theme/static/css/site.css, techzine.css): (from which viewport width,
# how wide there, how wide below it, whether it is stretched to that width). The lead image spans .wrap
# (64rem less 2rem padding), images in the text the measure (44rem), a card's cover its card, a logo 12rem.
COLUMNS = {
    "lead": ("66rem", "62rem", "calc(100vw - 2rem)", False),
    "prose": ("46rem", "44rem", "calc(100vw - 2rem)", False),
    "card": ("66rem", "20rem", "calc(100vw - 4rem)", True),
    "logo": ("0px", "12rem", "12rem", False),  # a company's logo on its profile: at most 12rem wide (.company-logo)
}
IMG_TAG = re.compile(r"<img\b([^>]*?)/?>", re.I | re.S)
ATTRIBUTE = re.compile(r"""([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


@dataclass(frozen=True)
class Derivative:
    """One encoded version of a source: where it is published and what it is."""

    source: object
    recipe: object
    url: str  # root-relative: /images/parels/hal-960x640.1a2b3c4d5e.webp
    width: int
    height: int
    mime: str

    @property
    def relative(self):
        return self.url.lstrip("/")

    def cache_key(self):
        return dtz_build.digest(self.source.cache_key(), self.url)


def images(settings):
    """The run's Images (one per run)."""
    run = dtz_build.current(settings)
    return run.keep_for("dtz_images", lambda: Images(settings, run.staging))


class Images:
    def __init__(self, settings, output):
        self.settings, self.output = settings, output  # a run writes into its staging folder
        self.content = settings["PATH"]
        self.cache = dtz_build.DiskCache(settings, "images")
        self.sources = {}  # path within content/ -> Source or BadImage
        self.wanted = {}  # output path -> Derivative, still to write
        self.written = {}  # output path -> bytes
        self.extra_paths = {}  # output path -> further output paths with the same bytes (/images/<name>)
        self.passed = {}  # SVGs published as they are: output path -> file
        self.encoded = self.reused = self.photos = 0  # derivatives made this run and taken from the cache; sources encoded
        self.cpu = 0.0  # the CPU seconds encoding took

    def source(self, path):
        """The checked Source of ``path`` (within content/, or a full path for print), or raise BadImage (the same one every time)."""
        path = path if os.path.isabs(path) and os.path.isfile(path) else path.lstrip("/")
        if path not in self.sources:
            try:
                self.sources[path] = (None if os.path.isabs(path) else name_problem(path)) or self._read(path)
            except OSError:
                self.sources[path] = BadImage("bestaat niet of is niet te lezen", "een pad binnen content/, zoals images/hal.jpg")
        if isinstance(self.sources[path], BadImage):
            raise self.sources[path]
        return self.sources[path]

    def _read(self, path):
        """Checking a photo decodes it: the result, a Source or a BadImage, is kept by the file's bytes, like its derivatives."""
        filename = os.path.join(self.content, path)
        data = Path(filename).read_bytes()
        key = dtz_build.digest("source", dtz_build.digest(data), path, PIL.__version__)
        known = self.cache.get(key)
        if known is not None:
            values = json.loads(known)
            return BadImage(*values["bad"]) if "bad" in values else Source(**values)
        try:
            found = read(path, filename, data)
        except BadImage as bad:
            found = bad
        self.cache.put(key, json.dumps({"bad": [found.what, found.expected]} if isinstance(found, BadImage) else found.__dict__).encode())
        return found

    def derivative(self, source, recipe):
        """The Derivative of ``source`` made by ``recipe``: its URL and size now, its file by the end of the run."""
        fmt = recipe.format_for(source)
        width, height = recipe.size(source.width, source.height)
        stem, _ = posixpath.splitext(source.path)
        url = f"/{stem}-{width}x{height}.{self.key(source, recipe)[:10]}.{EXTENSIONS[fmt]}"
        found = Derivative(source, recipe, url, width, height, "image/" + fmt)
        if found.relative not in self.written:
            self.wanted[found.relative] = found
        return found

    def web_copy(self, source):
        """/images/<name> (the source's own path) holds a stripped web-size copy in the source's format
        (an SVG, checked to hold no script or outside reference, as it is)."""
        if not source.raster:
            self.passed[source.path] = os.path.join(self.content, source.path)
            return Derivative(source, None, "/" + source.path, source.width, source.height, "image/svg+xml")
        copy = self.derivative(source, WEB_COPY)
        self.extra_paths.setdefault(copy.relative, set()).add(source.path)
        if copy.relative in self.written:
            dtz_build.write_output(self.settings, self.output, source.path, self.written[copy.relative])
        return copy

    def picture(self, source, alt, column="prose", lead=False, css_class=""):
        """The markup for ``source``: AVIF (when on) and WebP srcsets, the fallback <img>, lazy unless ``lead``."""
        cls = f' class="{html.escape(css_class)}"' if css_class else ""
        loading = ' fetchpriority="high"' if lead else ' loading="lazy" decoding="async"'
        alt_text = html.escape(alt or "", quote=True)
        copy = self.web_copy(source)  # /images/<name> keeps answering
        if not source.raster:
            return Markup(f'<img{cls} src="{copy.url}" alt="{alt_text}" width="{source.width}" height="{source.height}"{loading}>')
        parts = [f"<picture{cls}>"]
        wide, measure, small, stretched = COLUMNS[column]
        sizes = f"(min-width: {wide}) {measure}, {small}"  # the column's width, or the image's own where smaller and not stretched
        if not stretched and source.width < int(float(measure[:-3]) * 16):
            sizes = f"(min-width: {wide}) {source.width}px, min({small}, {source.width}px)"
        widths = [w for w in WEB_WIDTHS if w < source.width] + ([source.width] if source.width <= WEB_WIDTHS[-1] else [])  # its own if smaller
        for fmt in ["avif", "webp"] if self.settings.get("DTZ_IMAGE_AVIF", False) else ["webp"]:  # best first; AVIF costs (README)
            srcset = ", ".join(f"{d.url} {d.width}w" for d in (self.derivative(source, Recipe(fmt, w)) for w in widths))
            parts.append(f'<source type="image/{fmt}" srcset="{srcset}" sizes="{sizes}">')
        fallback = self.derivative(source, FALLBACK)
        # The fallback is the file /images/<name> holds when the two are one (a JPEG or PNG source): the print
        # engine then finds the source behind it, and old URLs and pages agree; else the derivative's own URL.
        src = "/" + source.path if copy.relative == fallback.relative else fallback.url
        parts.append(f'<img src="{src}" alt="{alt_text}" width="{source.width}" height="{source.height}"{loading}></picture>')
        return Markup("".join(parts))

    def rewrite_body(self, html_text, resolve, first_is_lead):
        """Every <img> in a Markdown body whose src is one of our images (``resolve(src)`` gives its Source, or None)
        as a <picture>; the first one is the lead when the page has no other."""
        state = {"lead": first_is_lead}

        def replace(match):
            attributes = {m[1].lower(): html.unescape(m[2] if m[2] is not None else m[3]) for m in ATTRIBUTE.finditer(match[1])}
            source = resolve(attributes.get("src", ""))
            if source is None:
                return match[0]
            lead, state["lead"] = state["lead"], False
            return str(self.picture(source, attributes.get("alt", ""), lead=lead))

        return IMG_TAG.sub(replace, html_text)

    def key(self, source, recipe):
        return dtz_build.digest(source.sha256, recipe.key(source), PIL.__version__)

    def start(self):
        """Write what the cache holds; encode the rest, one decode per source."""
        for relative, filename in sorted(self.passed.items()):
            dtz_build.write_output(self.settings, self.output, relative, Path(filename).read_bytes())
        pending = {}
        for relative, found in sorted(self.wanted.items()):
            data = self.cache.get(self.key(found.source, found.recipe))
            if data is not None:
                self.reused += 1
                self._publish(relative, data)
            else:
                pending.setdefault(found.source.path, []).append(found)
        self.wanted = {}
        for path, wanted in sorted(pending.items()):
            source = wanted[0].source
            formats = [(d.recipe, d.recipe.format_for(source)) for d in wanted]
            results, seconds = encode(os.path.join(self.content, path), (source.width, source.height), formats)
            self.cpu += seconds
            self.photos += 1
            for found, data in zip(wanted, results, strict=True):
                self.encoded += 1
                self.cache.put(self.key(found.source, found.recipe), data)
                self._publish(found.relative, data)

    def _publish(self, relative, data):
        self.written[relative] = data
        for target in [relative, *sorted(self.extra_paths.get(relative, ()))]:
            dtz_build.write_output(self.settings, self.output, target, data)

    def finish(self):
        """Every wanted derivative written, and what that took logged."""
        self.start()
        if self.encoded or self.reused:
            made = f"{self.encoded} gemaakt van {self.photos} {'bron' if self.photos == 1 else 'bronnen'} ({self.cpu:.2f} CPU-s)"
            print(f"DTZ: afbeeldingen: {made if self.encoded else '0 gemaakt'}, {self.reused} uit de cache")
