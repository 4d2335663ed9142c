"""The seam between print and the image pipeline: every raster image a PDF embeds comes from
:func:`print_image`. Its body calls ``dtz_images``, which owns how an image is made small and stripped
(with its cache); nothing else in dtz_print knows.
"""

import dtz_images


def print_image(settings, source_path, width_mm):
    """The file print embeds for ``source_path`` printed ``width_mm`` wide: orientation applied, no
    metadata at all (EXIF, GPS, XMP, IPTC, comments), sRGB, at most 300 dpi for that width and
    never upscaled; JPEG, or PNG when the source has transparency. Cached by the source's bytes."""
    return dtz_images.print_image(settings, source_path, width_mm)
