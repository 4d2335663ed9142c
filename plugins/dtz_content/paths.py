"""Whether a path lies inside a folder: asked by validation, the build, the sitemap, printing and sending."""

import os


def inside(path, folder):
    """True when ``path`` is ``folder`` or lies below it (both made absolute first)."""
    path, folder = os.path.abspath(path), os.path.abspath(folder)
    return os.path.commonpath([path, folder]) == folder
