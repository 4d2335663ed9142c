"""Where content lives."""

import os


def type_folder(ctype, content_path, settings):
    """Absolute folder of a content type: below content/, or from a setting relative to the project."""
    if ctype.folder_setting:
        path = settings.get(ctype.folder_setting, ctype.folder)
        return path if os.path.isabs(path) else os.path.join(os.path.dirname(os.path.abspath(content_path)), path)
    return os.path.join(os.path.abspath(content_path), ctype.folder)
