"""DTZ images: every image the content uses, resized, converted and stripped of its metadata, once.

One pipeline (Pillow) for every output: orientation from EXIF applied to the pixels, ICC profiles
converted to sRGB, all metadata (EXIF, GPS, XMP, IPTC, comments) dropped; the original file never
reaches the output. Derivatives are kept in ``<CACHE_PATH>/images/`` by the sha256 of the source's
bytes, the recipe and Pillow's version: a warm build encodes nothing. ``/images/<name>`` (the URL in sent e-mails and feeds) holds a stripped web-size copy.

Public API (use nothing else from this package):

- Jinja global ``picture(path, alt, lead=False, column="prose", css_class="")``: a <picture> (WebP,
  AVIF with DTZ_IMAGE_AVIF, a JPEG/PNG fallback, srcset never above the source, ``sizes`` for the
  layout's ``column`` "lead", "prose", "card" or "logo", the real width/height; lazy unless ``lead``, which gets
  fetchpriority="high"). Images in Markdown bodies become the same markup.
- ``picture(settings, path, alt, ...)``: the same from Python.
- ``email_image(settings, path)``, ``og_image(settings, path)``, ``fallback_image(settings, path)``:
  a ``Derivative`` (``url``, ``width``, ``height``, ``mime``; ``cache_key()``) or None for a path
  that is no usable raster image; ``length(settings, derivative)``: its size in bytes (the feeds'
  enclosure), waiting for its encoding.
- ``print_image(settings, path, width_mm)``: a file on disk (JPEG, or PNG with transparency) for print at
  up to 300 dpi over ``width_mm`` (``path`` within content/ or a full path); the body of ``dtz_print.images.print_image``.
- ``source(settings, path)``: the checked ``Source`` (``width``, ``height`` after orientation, ``sha256``,
  ``cache_key()``) or ``BadImage`` (``what``, ``expected``).

Settings: ``DTZ_IMAGE_AVIF`` (default False: AVIF costs more than the 0.5 CPU-s per photo budget, README
"Images"), ``DTZ_IMAGE_PATHS`` (folders below content/ whose images keep their URL, default ["images"]).
"""

import os
from pathlib import Path

from markupsafe import Markup
from pelican import signals

import dtz_build
import dtz_content

from . import markup, recipes
from .check import check
from .encode import encode
from .pipeline import Derivative, images
from .source import IMAGE_SUFFIXES, BadImage, Source

__all__ = ["BadImage", "Derivative", "Source", "email_image", "fallback_image", "length", "og_image", "picture", "print_image", "source"]

COLUMNS = {"lead": markup.LEAD, "prose": markup.PROSE, "card": markup.CARD, "logo": markup.LOGO}
PRINT_DPI = 300


def source(settings, path):
    return images(settings).source(path)


def _raster(settings, path):
    try:
        found = images(settings).source(path)
    except BadImage:
        return None  # the content check reports it at its line
    return found if found.raster else None


def picture(settings, path, alt, lead=False, column="prose", css_class=""):
    try:
        found = images(settings).source(path)
    except BadImage:
        return Markup("")
    return markup.picture(images(settings), found, alt, COLUMNS[column], lead=lead, css_class=css_class)


def _made(settings, path, recipe):
    found = _raster(settings, path)
    return images(settings).derivative(found, recipe) if found is not None else None


def email_image(settings, path):
    """JPEG/PNG at the e-mail's column width (600 px), never WebP or AVIF."""
    return _made(settings, path, recipes.fallback(recipes.EMAIL_WIDTH))


def fallback_image(settings, path):
    """JPEG/PNG at web size (1200 px): the feed enclosure, the e-mail's 2x, the <img> of a <picture>."""
    return _made(settings, path, recipes.fallback())


def og_image(settings, path, logo=False):
    """1200 x 630 for link previews: a photo cropped, a logo whole on a canvas; a smaller image as it is."""
    return _made(settings, path, recipes.og(logo))


def length(settings, derivative):
    return len(images(settings).data(derivative))


def print_image(settings, path, width_mm):
    """A file for print: oriented, sRGB, no metadata, at most 300 dpi over ``width_mm`` (never upscaled).
    ``path`` is within content/ (images/x.jpg), or a file's full path (one in content/ or the theme's)."""
    content = os.path.abspath(settings["PATH"])
    if os.path.isabs(path) and os.path.abspath(path).startswith(content + os.sep):
        path = os.path.relpath(path, content).replace(os.sep, "/")
    found = images(settings).source(path)
    if not found.raster:
        raise BadImage("is een SVG", "een PNG of JPEG voor print")
    recipe = recipes.printed(max(1, round(width_mm / 25.4 * PRINT_DPI)))
    fmt = recipe.format_for(found)
    store = dtz_build.DiskCache(settings, "images", suffix="." + recipes.EXTENSIONS[fmt])  # the print engine reads it from disk
    key = images(settings).key(found, recipe)
    if store.get(key) is None:
        filename = os.path.join(content, found.path)  # a full path stays itself
        store.put(key, encode(filename, (found.width, found.height), [(recipe, fmt)])[0])
    return Path(store.path(key))


def add_globals(generator):
    settings = generator.settings
    generator.env.globals["picture"] = lambda path, alt, lead=False, column="prose", css_class="": picture(
        settings, path, alt, lead, column, css_class
    )


def add_check(generator):
    """Once per build, before any generator reads (so before the e-mails render in their own check)."""
    if "dtz_images_checked" not in generator.context:
        generator.context["dtz_images_checked"] = True
        dtz_content.catalog(generator.context).add_check(check)


def keep_originals_out(generator):
    """Pelican would copy every file in STATIC_PATHS as it is; images go through the pipeline instead
    ({static} links to them still resolve: only the copying is left out)."""
    folders = tuple(folder.rstrip("/") + "/" for folder in generator.settings.get("DTZ_IMAGE_PATHS", ["images"]))
    kept = [
        f
        for f in generator.staticfiles
        if not (f.relative_source_path.replace("\\", "/").startswith(folders) and f.relative_source_path.lower().endswith(IMAGE_SUFFIXES))
    ]
    generator.staticfiles[:] = kept
    generator.context["staticfiles"] = [f for f in generator.context.get("staticfiles", []) if f in kept]


def finish(pelican):
    images(pelican.settings).finish()


def register():
    signals.generator_init.connect(add_globals)
    signals.generator_init.connect(add_check)
    signals.static_generator_finalized.connect(keep_originals_out)
    signals.finalized.connect(finish)
