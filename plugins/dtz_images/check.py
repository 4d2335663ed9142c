"""Every image the content names, checked at the line that names it before anything is written; the good
ones are then planned (their derivatives made or taken from the cache) and bodies' <img> become <picture>."""

import contextlib
import os
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote

import dtz_build
import dtz_content

from .pillow import EMAIL, IMAGE_SUFFIXES, OG, OG_LOGO, BadImage
from .pipeline import images

MIN_LEAD_WIDTH = 800  # a pearl's lead image spans the page: narrower looks blurred
# ![description](src "title"): src may be in <...> and, written by hand, hold spaces (refused by name later)
BODY_IMAGE = re.compile(r"""!\[([^\]]*)\]\(\s*(?:<([^>]*)>|([^)"']+?))\s*(?:["'][^)]*["'])?\s*\)""")
PREFIX = re.compile(r"\{(?:static|attach|filename)\}")
HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.I)
SRC = re.compile(r"""\bsrc\s*=\s*["']([^"']*)["']""", re.I)
ALT = re.compile(r"""\balt\s*=\s*["']([^"']*)["']""", re.I)
FIELD = "Image"  # body images report under the name the guide uses for images
RASTER_NEEDED = "een PNG of JPEG: e-mail, feeds, delen op sociale media en print tonen geen SVG"


def local_path(src, item, content):
    """The path within content/ that a body image's ``src`` names, or BadImage (another site's image too)."""
    if prefix := PREFIX.match(src):
        rest = src[prefix.end() :]
        folder = "" if rest.startswith("/") else os.path.relpath(os.path.dirname(item.source_path), content).replace(os.sep, "/")
        named = posixpath.join(folder, rest.lstrip("/"))
    elif "://" in src or src.startswith("//"):
        raise BadImage(f"'{src}' staat op een andere site", "zet de afbeelding in content/images/ en schrijf ![beschrijving](/images/naam.jpg)")
    elif not src.startswith("/"):
        raise BadImage(f"'{src}' is een relatief pad", "een pad vanaf de hoofdmap, zoals ![beschrijving](/images/hal.jpg)")
    path = posixpath.normpath(unquote(named if prefix else src.lstrip("/")))  # /images/Foto%20Hal.jpg names 'Foto Hal.jpg'
    if path.startswith(("..", "/")):  # nothing outside content/ is ever read, let alone published
        raise BadImage(f"'{src}' ligt buiten content/", "een afbeelding in content/images/, zoals ![beschrijving](/images/hal.jpg)")
    return path


def body_images(text):
    """(line, description, src) of every image in a Markdown text."""
    found = []
    if not (BODY_IMAGE.search(text) or HTML_IMAGE.search(text)):  # an image on a line is one in the text: spare the scan by line
        return found
    for number, line in enumerate(text.splitlines(), 1):
        found += [(number, m.group(1), m.group(2) if m.group(2) is not None else m.group(3)) for m in BODY_IMAGE.finditer(line)]
        for tag in HTML_IMAGE.finditer(line):
            src, alt = SRC.search(tag.group(0)), ALT.search(tag.group(0))
            found.append((number, alt.group(1) if alt else "", src.group(1) if src else ""))
    return found


class Checker:
    def __init__(self, catalog):
        self.catalog, self.settings = catalog, catalog.settings
        self.images = images(self.settings)
        self.content = self.settings["PATH"]
        self.items = [item for key in dtz_content.TYPES for item in catalog.read(key)]  # files with problems of their own too
        self.known = None  # every image below content/, once a body image is not there

    def header(self, item):
        """The item's good header images. Its pages ask for them by path, so their bytes count in its key (a
        body's rewritten HTML holds their hashed URLs instead); unfinished drafts too: the preview shows them."""
        good = []
        for field, path in item.image_fields:
            line = item.header_lines.get(field.key, 1)
            try:
                source = self.images.source(path)
                item.record_dependency(source.cache_key())
                if not source.raster:
                    raise BadImage("is een SVG", RASTER_NEEDED)
            except BadImage as bad:
                item.record_dependency(f"{path}:{bad.what}")
                self.catalog.against(item, dtz_content.Problem(item.display_path, line, field.name, bad.what, bad.expected))
                continue
            if item.type == "pearl" and source.width < MIN_LEAD_WIDTH:
                what = f"is {source.width} px breed, te smal voor de kopfoto van een parel"
                expected = f"een foto van minstens {MIN_LEAD_WIDTH} px breed"
                self.catalog.warnings.append(dtz_content.Problem(item.display_path, line, field.name, what, expected))
            good.append(source)
        return good

    def body(self, item):
        if item.content_type.sheet:  # a spreadsheet row: no Markdown body to read (its source is the whole sheet)
            return []
        try:
            text = Path(item.source_path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return []  # the content core reports a file it cannot read
        good = []
        for line, alt, src in body_images(text):
            try:
                path = local_path(src, item, self.content)
                if not alt.strip():
                    raise BadImage(f"'{src}' heeft geen beschrijving", "beschrijf wat er te zien is: ![beschrijving](/images/naam.jpg)")
                if not os.path.isfile(os.path.join(self.content, path)):
                    raise BadImage(
                        f"'{src}' bestaat niet", "een afbeelding binnen content/, zoals ![beschrijving](/images/hal.jpg)" + self.meant(src, path)
                    )
                good.append(self.images.source(path))
            except BadImage as bad:
                self.catalog.against(item, dtz_content.Problem(item.display_path, line, FIELD, bad.what, bad.expected))
        return good

    def meant(self, src, path):
        """The hint for a body image that is not there, written the way ``src`` was (the content core's one rule)."""
        if self.known is None:
            self.known = dtz_content.files_below(self.content, IMAGE_SUFFIXES)
        close = dtz_content.hints.near_miss(path, self.known)
        return dtz_content.hints.meant((src[: -len(path)] if src.endswith(path) else "/") + close) if close else ""

    def run(self):
        used = {source.path: source for item in self.items for source in self.header(item) + self.body(item)}
        if self.catalog.stopping():
            return
        for source in used.values():  # what every output will ask of a used image, asked now so its encoding starts early
            self.images.picture(source, "")
            if source.raster:
                self.images.derivative(source, OG)
                self.images.derivative(source, EMAIL)
        self.web_copies(used)
        # every page shows the site's own images (the logo as link preview); an item's own images count in its key
        dtz_build.share_input(self.settings, "dtz_images", dtz_build.digest(*sorted(self.site_images())))
        for item in self.items:
            if item._content and "<img" in item._content:
                item._content = self.images.rewrite_body(item._content, lambda src, item=item: self.resolve(src, item), not item.image_fields)
        self.images.start()  # the derivatives into the output, from the cache or encoded now

    def site_images(self):
        """The images the settings name, planned like the rest: the logo as the link preview of pages without
        an image of their own, and in the e-mail's head."""
        keys = []
        for setting, recipe in (("DTZ_DEFAULT_IMAGE", OG_LOGO), ("DTZ_NEWSLETTER_LOGO", EMAIL)):
            with contextlib.suppress(BadImage):  # a page without it links no image
                source = self.images.source(self.settings.get(setting) or "images/dtz-logo.png")
                if source.raster:
                    self.images.derivative(source, recipe)
                    keys.append(source.cache_key())
        return keys

    def web_copies(self, used):
        """Every raster image in content/images/ keeps its URL (/images/<name>), as a stripped web-size copy."""
        folders = [os.walk(os.path.join(self.content, folder)) for folder in self.settings.get("DTZ_IMAGE_PATHS", ["images"])]
        for root, _dirs, files in sorted(found for walk in folders for found in walk):
            for path in sorted(os.path.relpath(os.path.join(root, name), self.content).replace(os.sep, "/") for name in files):
                try:
                    if path not in used and path.lower().endswith(IMAGE_SUFFIXES):
                        self.images.web_copy(self.images.source(path))
                except BadImage as bad:
                    self.catalog.warnings.append(dtz_content.Problem(path, 1, FIELD, bad.what + ", niet gepubliceerd", bad.expected))

    def resolve(self, src, item):
        with contextlib.suppress(BadImage):
            return self.images.source(local_path(src, item, self.content))
        return None
