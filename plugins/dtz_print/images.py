"""The seam between print and the image pipeline: every raster image a PDF embeds comes from
:func:`print_image`. The images work (#17) replaces this body with a call into ``dtz_images``;
nothing else in dtz_print knows how an image is made small and stripped.
"""

import io
from pathlib import Path

import dtz_build

DPI = 300
MM_PER_INCH = 25.4
JPEG_QUALITY = 85
VERSION = "1"  # change it when the way images are made changes: every print image is made again


def print_image(settings, source_path, width_mm):
    """The file print embeds for ``source_path`` printed ``width_mm`` wide: orientation applied, no
    metadata at all (EXIF, GPS, XMP, IPTC, comments), sRGB, at most 300 dpi for that width and
    never upscaled; JPEG, or PNG when the source has transparency. Cached by the source's bytes."""
    with open(source_path, "rb") as handle:
        data = handle.read()
    key = dtz_build.digest("print-image", VERSION, data, str(width_mm))
    for suffix in (".jpg", ".png"):
        cache = dtz_build.DiskCache(settings, "print-images", suffix=suffix)
        if cache.get(key) is not None:
            return Path(cache.path(key))
    made, suffix = small_copy(data, width_mm)
    cache = dtz_build.DiskCache(settings, "print-images", suffix=suffix)
    cache.put(key, made)
    return Path(cache.path(key))


def small_copy(data, width_mm):
    """(bytes, suffix) of the image at most 300 dpi for ``width_mm``, without any metadata."""
    from PIL import Image, ImageOps  # noqa: PLC0415 - only a new image pays for importing Pillow

    with Image.open(io.BytesIO(data)) as original:
        image = to_srgb(ImageOps.exif_transpose(original))
        transparent = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
        image = image.convert("RGBA" if transparent else "RGB")  # palette, CMYK, 16 bit: to sRGB pixels
    most = max(1, round(width_mm / MM_PER_INCH * DPI))
    if image.width > most:
        image = image.resize((most, max(1, round(image.height * most / image.width))), Image.LANCZOS)
    clean = Image.new(image.mode, image.size)  # pixels only: no info, EXIF, ICC or XMP is carried over
    clean.paste(image)
    out = io.BytesIO()
    if transparent:
        clean.save(out, "PNG", optimize=False)
        return out.getvalue(), ".png"
    clean.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue(), ".jpg"


def to_srgb(image):
    """Pixels in sRGB: an embedded colour profile (Adobe RGB, a camera's) is converted, then dropped."""
    profile = image.info.get("icc_profile")
    if not profile or image.mode not in ("RGB", "RGBA", "CMYK"):
        return image
    from PIL import ImageCms  # noqa: PLC0415

    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        mode = "RGBA" if image.mode == "RGBA" else "RGB"
        return ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode=mode)
    except (OSError, ImageCms.PyCMSError):
        return image  # a broken profile: the pixels as they are
