"""Where content lives, and whether a path lies inside a folder (validation, the build, printing, sending, serving)."""

import os


def inside(path, folder):
    """True when ``path`` is ``folder`` or lies below it (both made absolute first)."""
    path, folder = os.path.abspath(path), os.path.abspath(folder)
    return os.path.commonpath([path, folder]) == folder


def type_folder(ctype, content_path, settings):
    """Absolute folder of a content type: below content/, or from a setting relative to the project."""
    if ctype.folder_setting:
        path = settings.get(ctype.folder_setting, ctype.folder)
        return path if os.path.isabs(path) else os.path.join(os.path.dirname(os.path.abspath(content_path)), path)
    return os.path.join(os.path.abspath(content_path), ctype.folder)
