"""What a source image is (format, size after orientation, transparency), or why it cannot be used: reading
it is checking it, so a truncated upload fails here, not halfway through a build."""

import hashlib
import re
import unicodedata
import warnings
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

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
