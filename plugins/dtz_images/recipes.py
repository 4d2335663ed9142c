"""What a derivative is: a recipe (width, format, crop) and the size it gives a source of known size.

The size of every derivative follows from the source's size (after orientation) and the recipe alone,
so pages know an image's URL, width and height before it is encoded.
"""

from dataclasses import dataclass

WEB_WIDTHS = (480, 720, 960, 1280, 1600)  # srcset widths (720: a phone at 1.75x; 1280: a desktop slot of 992 px); never above the source
EMAIL_WIDTH = 600  # the e-mail's column (its cards show 552 px)
OG_SIZE = (1200, 630)


@dataclass(frozen=True)
class Recipe:
    """One derivative: ``fmt`` is jpeg, png, webp, avif, gif or "fallback" (PNG for graphics and transparency, else JPEG);
    ``width`` the widest it may be; ``box`` a (width, height) to crop to; ``canvas`` to place it on one instead."""

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
            return {"jpeg": "jpeg", "png": "png", "webp": "webp", "gif": "gif"}.get(source.fmt, "png")
        return self.fmt

    def size(self, width, height):
        """(width, height) of the result for a source of ``width`` x ``height`` (never upscaled)."""
        if self.box is None:
            if width <= self.width:
                return width, height
            return self.width, max(1, round(height * self.width / width))
        box_w, box_h = self.box
        if self.canvas or width < box_w or height < box_h:  # a logo, or too small to crop: as it is
            return (box_w, box_h) if self.canvas else (width, height)
        return box_w, box_h


QUALITY = {"jpeg": 80, "webp": 78, "avif": 55}
WEBP_METHOD = 0  # the fastest; measured: 15 % larger than method 4 at a fifth of the time
AVIF_SPEED = 10
EXTENSIONS = {"jpeg": "jpg", "png": "png", "webp": "webp", "avif": "avif", "gif": "gif"}
MIME = {"jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp", "avif": "image/avif", "gif": "image/gif"}


FALLBACK_WIDTH = 1280  # <img src> in <picture>, the feed enclosure, /images/<name>: a srcset width, so one resize serves both
WEB_COPY_WIDTH = FALLBACK_WIDTH


def fallback(width=FALLBACK_WIDTH):
    """JPEG, or PNG for an image with transparency: what every client shows."""
    return Recipe("fallback", width)


def web_copy():
    """/images/<name>: the file's own format at web size (the URL old e-mails and feeds hold)."""
    return Recipe("same", WEB_COPY_WIDTH)


def printed(width):
    return Recipe("print", width)


def og(logo=False):
    """1200 x 630 for link previews: a photo cropped, a logo whole on a canvas."""
    return Recipe("fallback" if logo else "jpeg", OG_SIZE[0], OG_SIZE, canvas=logo)


def web_widths(width):
    """The srcset widths for a source ``width`` wide: the standard ones below it, and its own when smaller than the largest."""
    widths = [w for w in WEB_WIDTHS if w < width]
    if width <= WEB_WIDTHS[-1]:
        widths.append(width)
    return widths
