"""Every use of Pillow. What a source image is (format, size after orientation, transparency), or why it cannot be
used: reading it is checking it, so a truncated upload fails here, not halfway through a build. What a derivative is
(a recipe: width, format, crop), the size it gives (so a page knows it before it is encoded), and how it is made: a
result keeps nothing of the original but its pixels."""

import contextlib
import hashlib
import io
import math
import re
import time
import unicodedata
import warnings
from dataclasses import dataclass

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg")  # what counts as an image below content/
ACCEPTED = {"JPEG": "jpeg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
ORIENTATION = 0x0112  # the EXIF tag
DELIVER = "lever een JPEG (foto) of PNG (logo, illustratie)"
SVG_SCRIPT = re.compile(rb"<\s*script|<\s*foreignObject", re.I)
SVG_EVENT = re.compile(rb"\son[a-z]+\s*=", re.I)
SVG_EXTERNAL = re.compile(rb"""(?:href\s*=\s*["']\s*(?!#)|url\(\s*["']?\s*(?!#)|@import)""", re.I)
SVG_TAG = re.compile(rb"<svg\b[^>]*>", re.I | re.S)
SVG_LENGTH = re.compile(rb"""\s(width|height)\s*=\s*["']\s*([\d.]+)(?:px)?\s*["']""", re.I)
SVG_VIEWBOX = re.compile(rb"""\bviewBox\s*=\s*["']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)""", re.I)
URL_SAFE = re.compile(r"[A-Za-z0-9._-]+")  # a name that means the same in srcset, feeds, e-mail and PDF without escaping
WEB_WIDTHS = (480, 720, 960, 1280, 1600)  # srcset widths (720: a phone at 1.75x; 1280: a desktop slot of 992 px); never above the source
QUALITY = {"jpeg": 80, "webp": 78, "avif": 55}
WEBP_METHOD = 0  # the fastest; measured: 15 % larger than method 4 at a fifth of the time
AVIF_SPEED = 10
EXTENSIONS = {"jpeg": "jpg", "png": "png", "webp": "webp", "avif": "avif", "gif": "gif"}
SRGB = ImageCms.createProfile("sRGB")
SAVE_OPTIONS = {
    "jpeg": {"quality": QUALITY["jpeg"], "optimize": True, "progressive": True},
    "webp": {"quality": QUALITY["webp"], "method": WEBP_METHOD},
    "avif": {"quality": QUALITY["avif"], "speed": AVIF_SPEED},
}
LOGO_BACKGROUND = (255, 255, 255)
# antialiased when shrinking; at these ratios (a JPEG is decoded near size) as sharp as Lanczos, at half the time
RESAMPLE = Image.Resampling.BILINEAR


class BadImage(ValueError):
    """A source that cannot be used: ``what`` is wrong, ``expected`` instead."""

    def __init__(self, what, expected=DELIVER):
        super().__init__(what)
        self.what, self.expected = what, expected


def name_problem(path):
    """A BadImage naming the file to rename to, when ``path`` holds a space or another character a URL must escape:
    every run of them becomes one hyphen, accents dropped (``images/Foto Hal 1.jpg`` -> ``images/Foto-Hal-1.jpg``)."""
    if all(URL_SAFE.fullmatch(part) for part in path.split("/")):
        return None
    odd = sorted({"spatie" if char == " " else repr(char) for char in path if char != "/" and not URL_SAFE.fullmatch(char)})
    plain = unicodedata.normalize("NFKD", path).encode("ascii", "ignore").decode("ascii")
    safe = "/".join(re.sub(r"-*[^A-Za-z0-9._-]+-*", "-", part).strip("-") or "foto" for part in plain.split("/"))
    return BadImage(
        f"de naam '{path}' bevat tekens die in een webadres niet werken ({', '.join(odd)})",
        f"hernoem het bestand naar {safe} en gebruik die naam hier",
    )


@dataclass(frozen=True)
class Source:
    """A checked source image: ``path`` within content/, ``sha256`` of its bytes, its size after orientation."""

    path: str
    sha256: str
    fmt: str  # jpeg, png, gif, webp or svg
    width: int
    height: int
    alpha: bool

    @property
    def raster(self):
        return self.fmt != "svg"

    def cache_key(self):
        """A page or result that shows this image changes exactly when its bytes do (dtz_build's page keys)."""
        return f"{self.path}:{self.sha256}"


def read(path, filename, data):
    """The Source for ``filename`` (named ``path`` within content/) holding ``data``, or BadImage."""
    digest = hashlib.sha256(data).hexdigest()
    if filename.lower().endswith(".svg"):
        if SVG_SCRIPT.search(data):  # an SVG goes onto the page as it is: it may not run code or load anything from elsewhere
            raise BadImage("is een SVG met een script", "een SVG zonder <script> en <foreignObject>, of een PNG")
        if SVG_EVENT.search(data):
            raise BadImage("is een SVG met een event-attribuut (zoals onload)", "een SVG zonder on…-attributen, of een PNG")
        if SVG_EXTERNAL.search(data):
            what = "is een SVG die iets van buiten laadt (href, url() of @import)"
            raise BadImage(what, "een SVG die alleen #-verwijzingen binnen zichzelf gebruikt, of een PNG")
        width, height = svg_size(data)
        if not width or not height:
            raise BadImage("is een SVG zonder afmetingen", 'een SVG met width en height, of een viewBox (zoals viewBox="0 0 200 50")')
        return Source(path, digest, "svg", width, height, True)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(filename) as image:
                fmt = ACCEPTED.get(image.format)
                if fmt is None:
                    raise BadImage(f"is een {image.format}-bestand, dat het web niet toont")
                if getattr(image, "n_frames", 1) > 1:
                    raise BadImage(
                        "is een bewegende GIF (of WebP); die wordt niet overgenomen",
                        "lever één stilstaand beeld als PNG of JPEG, of zet een video als link in de tekst",
                    )
                alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
                turned = image.getexif().get(ORIENTATION, 1) in (5, 6, 7, 8)  # 90 degrees either way
                width, height = (image.height, image.width) if turned else image.size
                if image.format == "JPEG":
                    image.draft(image.mode, (max(1, image.width // 8), max(1, image.height // 8)))  # reads every byte, decodes little
                image.load()
        except BadImage:
            raise  # said above, in its own words
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise BadImage(
                f"is groter dan {Image.MAX_IMAGE_PIXELS // 1_000_000} megapixel (mogelijk een 'decompressiebom')",
                "lever de foto op hooguit 12 megapixel, zoals 4000 × 3000",
            ) from None
        except UnidentifiedImageError:
            raise BadImage("is geen afbeelding (of een soort die Pillow niet kent)") from None
        except (OSError, SyntaxError, ValueError):
            raise BadImage("is beschadigd of onvolledig (bijvoorbeeld half geüpload)", "lever het bestand opnieuw aan, " + DELIVER) from None
    return Source(path, digest, fmt, width, height, alpha)


def svg_size(data):
    """(width, height) an SVG declares (its width/height, else its viewBox); 0 x 0 when it says neither."""
    found = {}
    tag = SVG_TAG.search(data[:4096])
    for match in SVG_LENGTH.finditer(tag.group(0) if tag else b""):
        found.setdefault(match.group(1).decode().lower(), round(float(match.group(2))))
    if "width" in found and "height" in found:
        return found["width"], found["height"]
    box = SVG_VIEWBOX.search(data[:4096])
    return (round(float(box.group(1))), round(float(box.group(2)))) if box else (0, 0)


@dataclass(frozen=True)
class Recipe:
    """One derivative: ``fmt`` is jpeg, png, webp, avif, gif, "fallback" (PNG for graphics and transparency, else JPEG),
    "print" (PNG only for transparency) or "same" (the source's own); ``width`` the widest it may be; ``box`` a
    (width, height) to crop to; ``canvas`` to place it on one instead."""

    fmt: str
    width: int
    box: tuple = None
    canvas: bool = False

    def key(self, source):
        """What the result is made by, for its cache key and file name (with the source's bytes)."""
        fmt = self.format_for(source)
        return f"{fmt}:{self.width}:{self.box}:{self.canvas}:{QUALITY.get(fmt)}:{WEBP_METHOD}:{AVIF_SPEED}"

    def format_for(self, source):
        if self.fmt == "fallback":  # graphics stay PNG (sharp, small); photos become JPEG
            return "png" if source.alpha or source.fmt in ("png", "gif") else "jpeg"
        if self.fmt == "print":  # what the print engine embeds: PNG only where it must keep transparency
            return "png" if source.alpha else "jpeg"
        if self.fmt == "same":
            return source.fmt if source.fmt in EXTENSIONS else "png"
        return self.fmt

    def size(self, width, height):
        """(width, height) of the result for a source of ``width`` x ``height`` (never upscaled)."""
        if self.box is None:
            return (width, height) if width <= self.width else (self.width, max(1, round(height * self.width / width)))
        return self.box if self.canvas or (width >= self.box[0] and height >= self.box[1]) else (width, height)  # too small to crop: as it is

    def share(self, width, height):
        """The share of the source's width and height this recipe needs (1: all of it)."""
        if self.box is None:
            return min(1.0, self.size(width, height)[0] / width)
        part = 3 / 4 if self.canvas else 1
        return min(1.0, max(self.box[0] * part / width, self.box[1] * part / height))


# JPEG, or PNG for an image with transparency, what every client shows: <img src> in <picture> and the feed enclosure
# at 1280 px (a srcset width, so one resize serves both), the e-mail's column at 600 px (its cards show 552 px)
FALLBACK, EMAIL = Recipe("fallback", 1280), Recipe("fallback", 600)
WEB_COPY = Recipe("same", 1280)  # /images/<name>: the file's own format at web size (the URL old e-mails and feeds hold)
OG, OG_LOGO = Recipe("jpeg", 1200, (1200, 630)), Recipe("fallback", 1200, (1200, 630), canvas=True)  # link previews: cropped, or whole on a canvas


def encode(path, size, wanted):
    """[bytes] for ``wanted`` ((recipe, fmt) pairs) from the source at ``path`` (``size`` after orientation), decoded
    once, and the CPU seconds that took (the bench reports images' cost per photo)."""
    started = time.process_time()
    frames = [decoded(path, max(recipe.share(*size) for recipe, _ in wanted))]  # the source, then the sizes made of it
    order = sorted(range(len(wanted)), key=lambda i: -wanted[i][0].size(*size)[0])  # largest first: the rest scale from them
    results = {i: render(frames, size, *wanted[i]) for i in order}
    return [results[i] for i in range(len(wanted))], time.process_time() - started


def decoded(path, share):
    """The source's pixels, oriented and in sRGB (RGB or RGBA: an embedded profile, a CMYK JPEG's or Adobe RGB, is converted, not
    dropped); a JPEG decoded at 1/2, 1/4 or 1/8 when ``share`` (the largest result's share of the source) allows: far cheaper."""
    with Image.open(path) as image:
        if image.format == "JPEG" and share < 0.5:
            image.draft(image.mode, (math.ceil(image.width * share), math.ceil(image.height * share)))
        icc = image.info.get("icc_profile")
        image = ImageOps.exif_transpose(image)
        mode = "RGBA" if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info) else "RGB"
        converted = None
        if icc:
            with contextlib.suppress(OSError, ValueError, ImageCms.PyCMSError):  # a broken profile: the pixels as they are
                pixels = image if image.mode in ("RGB", "RGBA", "CMYK", "L") else image.convert(mode)
                converted = ImageCms.profileToProfile(pixels, ImageCms.ImageCmsProfile(io.BytesIO(icc)), SRGB, outputMode=mode)
        image = image.convert(mode) if converted is None else converted
    image.info = {}  # Pillow would write a source's comment, EXIF or profile into what it saves
    return image


def render(frames, size, recipe, fmt):
    """One derivative's bytes, from the decoded source of ``size`` (width, height after orientation)."""
    out_w, out_h = recipe.size(*size)
    if recipe.canvas:  # a logo (or any image) whole on a white canvas: scaled down to fit 3/4 of it, never up, never cropped
        (box_w, box_h), room = recipe.box, (recipe.box[0] * 3 // 4, recipe.box[1] * 3 // 4)
        fitted = smallest(frames, *room).copy()
        fitted.thumbnail(room, RESAMPLE)
        image = Image.new("RGB", recipe.box, LOGO_BACKGROUND)
        image.paste(fitted, ((box_w - fitted.width) // 2, (box_h - fitted.height) // 2), fitted.getchannel("A") if fitted.mode == "RGBA" else None)
    elif recipe.box is not None and size != (out_w, out_h):
        image = ImageOps.fit(smallest(frames, out_w, out_h), (out_w, out_h), RESAMPLE, centering=(0.5, 0.4))
    else:
        image = next((f for f in frames if f.size == (out_w, out_h)), None)
        if image is None:
            image = smallest(frames, out_w, out_h).resize((out_w, out_h), RESAMPLE)
            frames.append(image)
    if fmt in ("jpeg", "gif") and image.mode == "RGBA":
        flat = Image.new("RGB", image.size, LOGO_BACKGROUND)
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    if fmt == "gif":
        image = image.convert("P", palette=Image.Palette.ADAPTIVE)
    buffer = io.BytesIO()
    image.save(buffer, fmt.upper(), **SAVE_OPTIONS.get(fmt, {"optimize": True}))  # PNG and GIF: optimized
    return buffer.getvalue()


def smallest(frames, width, height):
    """The smallest of the source and the sizes made of it that is at least ``width`` x ``height`` (else the source):
    each size is resized from it, so a 12-MP photo is scaled down once and every smaller size costs little."""
    return min([f for f in frames if f.width >= width and f.height >= height] or frames[:1], key=lambda f: f.width)
