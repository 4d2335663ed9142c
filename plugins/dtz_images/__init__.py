"""DTZ images: every image the content uses, resized, converted and stripped of its metadata, once, by one pipeline
(Pillow) for every output, so no original file and none of its metadata reaches a reader. The public API is ``__all__``
(use nothing else from this package); README, *Images*, has the detail (its settings also under *Settings of our own*)."""

import contextlib
import functools
import os
from pathlib import Path

from markupsafe import Markup
from pelican import signals

import dtz_build
import dtz_content

from .check import Checker
from .pillow import EMAIL, EXTENSIONS, FALLBACK, IMAGE_SUFFIXES, OG, OG_LOGO, BadImage, Recipe, Source, encode
from .pipeline import Derivative, images

__all__ = ["BadImage", "Derivative", "Source", "email_image", "fallback_image", "length", "og_image", "picture", "print_image"]

PRINT_DPI = 300


def picture(settings, path, alt, lead=False, column="prose", css_class=""):
    """A <picture> (WebP, AVIF when on, a JPEG/PNG fallback) sized for the layout's ``column``; lazy unless ``lead``."""
    with contextlib.suppress(BadImage):
        return images(settings).picture(images(settings).source(path), alt, column, lead=lead, css_class=css_class)
    return Markup("")


def _made(settings, path, recipe):
    """The Derivative of a usable raster image, else None (the content check reports a bad one at its line)."""
    with contextlib.suppress(BadImage):
        found = images(settings).source(path)
        return images(settings).derivative(found, recipe) if found.raster else None
    return None


def email_image(settings, path):
    """JPEG/PNG at the e-mail's column width (600 px), never WebP or AVIF."""
    return _made(settings, path, EMAIL)


def fallback_image(settings, path):
    """JPEG/PNG at web size (1280 px): the feed enclosure, the e-mail's 2x, the <img> of a <picture>."""
    return _made(settings, path, FALLBACK)


def og_image(settings, path, logo=False):
    """1200 x 630 for link previews: a photo cropped, a logo whole on a canvas; a smaller image as it is."""
    return _made(settings, path, OG_LOGO if logo else OG)


def length(settings, derivative):
    """A derivative's size in bytes (the feeds' enclosure), waiting for its encoding."""
    images(settings).start()  # encodes what is not yet
    return len(images(settings).written[derivative.relative])


def print_image(settings, path, width_mm):
    """A file for print: oriented, sRGB, no metadata, at most 300 dpi over ``width_mm`` (never upscaled).
    ``path`` is within content/ (images/x.jpg), or a file's full path (one in content/ or the theme's)."""
    content = os.path.abspath(settings["PATH"])
    if os.path.isabs(path) and os.path.abspath(path).startswith(content + os.sep):
        path = os.path.relpath(path, content).replace(os.sep, "/")
    found = images(settings).source(path)
    if not found.raster:
        raise BadImage("is een SVG", "een PNG of JPEG voor print")
    recipe = Recipe("print", max(1, round(width_mm / 25.4 * PRINT_DPI)))
    fmt = recipe.format_for(found)
    store = dtz_build.DiskCache(settings, "images", suffix="." + EXTENSIONS[fmt])  # the print engine reads it from disk
    key = images(settings).key(found, recipe)
    if store.get(key) is None:
        filename = os.path.join(content, found.path)  # a full path stays itself
        store.put(key, encode(filename, (found.width, found.height), [(recipe, fmt)])[0][0])
    return Path(store.path(key))


def add_globals(generator):
    """``picture``, and the image check once per build, before any generator reads (so before the e-mails render in their own check)."""
    generator.env.globals["picture"] = functools.partial(picture, generator.settings)
    if "dtz_images_checked" not in generator.context:
        generator.context["dtz_images_checked"] = True
        dtz_content.catalog(generator.context).add_check(lambda catalog: Checker(catalog).run())


def keep_originals_out(generator):
    """Pelican would copy every file in STATIC_PATHS as it is; images go through the pipeline instead
    ({static} links to them still resolve: only the copying is left out)."""
    folders = tuple(folder.rstrip("/") + "/" for folder in generator.settings.get("DTZ_IMAGE_PATHS", ["images"]))
    paths = (f.relative_source_path.replace("\\", "/") for f in generator.staticfiles)
    kept = [f for f, p in zip(generator.staticfiles, paths) if not (p.startswith(folders) and p.lower().endswith(IMAGE_SUFFIXES))]
    generator.staticfiles[:] = kept
    generator.context["staticfiles"] = [f for f in generator.context.get("staticfiles", []) if f in kept]


def finish(pelican):
    images(pelican.settings).finish()


def register():
    signals.generator_init.connect(add_globals)
    signals.static_generator_finalized.connect(keep_originals_out)
    signals.finalized.connect(finish)
