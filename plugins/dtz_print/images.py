"""The seam between print and the image pipeline: every raster image a PDF embeds comes from here."""

import dtz_images


def print_image(settings, source_path, width_mm):
    """The file print embeds for ``source_path`` printed ``width_mm`` wide (``dtz_images`` makes and caches it)."""
    return dtz_images.print_image(settings, source_path, width_mm)
