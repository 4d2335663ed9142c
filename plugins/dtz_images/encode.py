"""Make derivatives from one source file: decode once, orient, sRGB, resize, encode with no metadata.

A plain function of a path and recipes; nothing of the original file but its pixels reaches a
result: no EXIF, GPS, XMP, IPTC, comments or ICC profile.
"""

import io
import math
import time

from PIL import Image, ImageCms, ImageOps

from .recipes import AVIF_SPEED, QUALITY, WEBP_METHOD

SRGB = ImageCms.createProfile("sRGB")
LOGO_BACKGROUND = (255, 255, 255)
# antialiased when shrinking; at these ratios (a JPEG is decoded near size) as sharp as Lanczos, at half the time
RESAMPLE = Image.Resampling.BILINEAR


def decoded(path, share):
    """The source's pixels, oriented and in sRGB (RGB or RGBA); a JPEG decoded at 1/2, 1/4 or 1/8 when
    ``scale`` (the largest result's share of the source) allows: far cheaper than the whole photo."""
    with Image.open(path) as image:
        if image.format == "JPEG" and share < 0.5:
            image.draft(image.mode, (math.ceil(image.width * share), math.ceil(image.height * share)))
        icc = image.info.get("icc_profile")
        image = to_srgb(ImageOps.exif_transpose(image), icc)
    image.info = {}  # Pillow would write a source's comment, EXIF or profile into what it saves
    return image


def to_srgb(image, icc):
    """RGB or RGBA pixels in sRGB: an embedded profile (a CMYK JPEG's, Adobe RGB) is converted, not dropped."""
    alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    mode = "RGBA" if alpha else "RGB"
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            if image.mode not in ("RGB", "RGBA", "CMYK", "L"):
                image = image.convert(mode)
            out = mode if image.mode != "L" else "RGB"
            if image.mode == "RGBA":
                out = "RGBA"
            return ImageCms.profileToProfile(image, source, SRGB, outputMode=out)
        except (OSError, ValueError, ImageCms.PyCMSError):
            pass  # a broken profile: take the pixels as they are
    return image.convert(mode)


def render(frames, size, recipe, fmt):
    """One derivative's bytes, from the decoded source of ``size`` (width, height after orientation)."""
    out_w, out_h = recipe.size(*size)
    if recipe.canvas:
        image = on_canvas(frames.smallest(recipe.box[0] * 3 // 4, recipe.box[1] * 3 // 4), recipe.box)
    elif recipe.box is not None and size != (out_w, out_h):
        image = ImageOps.fit(frames.smallest(out_w, out_h), (out_w, out_h), RESAMPLE, centering=(0.5, 0.4))
    else:
        image = frames.resized(out_w, out_h)
    if fmt in ("jpeg", "gif") and image.mode == "RGBA":
        image = flatten(image)
    buffer = io.BytesIO()
    if fmt == "jpeg":
        image.save(buffer, "JPEG", quality=QUALITY["jpeg"], optimize=True, progressive=True)
    elif fmt == "webp":
        image.save(buffer, "WEBP", quality=QUALITY["webp"], method=WEBP_METHOD)
    elif fmt == "avif":
        image.save(buffer, "AVIF", quality=QUALITY["avif"], speed=AVIF_SPEED)
    elif fmt == "gif":
        image.convert("P", palette=Image.Palette.ADAPTIVE).save(buffer, "GIF", optimize=True)
    else:
        image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


class Frames:
    """The decoded source and the sizes made of it so far: each new size is resized from the smallest
    one at least as large, so a 12-MP photo is scaled down once and every smaller size costs little."""

    def __init__(self, image):
        self.made = [image]

    def smallest(self, width, height):
        """The smallest frame at least ``width`` x ``height``, or the source."""
        fits = [f for f in self.made if f.width >= width and f.height >= height]
        return min(fits or self.made[:1], key=lambda f: f.width)

    def resized(self, width, height):
        frame = next((f for f in self.made if f.size == (width, height)), None)
        if frame is None:
            frame = self.smallest(width, height).resize((width, height), RESAMPLE)
            self.made.append(frame)
        return frame


def flatten(image):
    background = Image.new("RGB", image.size, LOGO_BACKGROUND)
    background.paste(image, mask=image.getchannel("A"))
    return background


def on_canvas(image, box):
    """A logo (or any image) whole on a white canvas of ``box``: scaled down to fit, never up, never cropped."""
    canvas = Image.new("RGB", box, LOGO_BACKGROUND)
    fitted = image.copy()
    fitted.thumbnail((box[0] * 3 // 4, box[1] * 3 // 4), RESAMPLE)
    position = ((box[0] - fitted.width) // 2, (box[1] - fitted.height) // 2)
    canvas.paste(fitted, position, fitted.getchannel("A") if fitted.mode == "RGBA" else None)
    return canvas


def scale(size, recipe):
    """The share of the source's width and height ``recipe`` needs (1: all of it)."""
    width, height = size
    if recipe.canvas:
        return min(1.0, max(recipe.box[0] * 3 / 4 / width, recipe.box[1] * 3 / 4 / height))
    if recipe.box is not None:
        return min(1.0, max(recipe.box[0] / width, recipe.box[1] / height))
    return min(1.0, recipe.size(width, height)[0] / width)


def encode(path, size, wanted):
    """[bytes] for ``wanted`` ((recipe, fmt) pairs) from the source at ``path`` (``size`` after orientation), decoded once."""
    return encode_timed(path, size, wanted)[0]


def encode_timed(path, size, wanted):
    """``encode``'s results and the CPU seconds they took (the bench reports images' cost per photo)."""
    started = time.process_time()
    frames = Frames(decoded(path, max(scale(size, recipe) for recipe, _ in wanted)))
    order = sorted(range(len(wanted)), key=lambda i: -wanted[i][0].size(*size)[0])  # largest first: the rest scale from them
    results = {i: render(frames, size, *wanted[i]) for i in order}
    return [results[i] for i in range(len(wanted))], time.process_time() - started
