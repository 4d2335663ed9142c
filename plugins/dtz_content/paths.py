"""Where content lives."""

import os


def type_folder(ctype, content_path, settings):
    """Absolute folder of a content type: below content/, or from a setting relative to the project."""
    if ctype.folder_setting:
        path = settings.get(ctype.folder_setting, ctype.folder)
        return path if os.path.isabs(path) else os.path.join(os.path.dirname(os.path.abspath(content_path)), path)
    return os.path.join(os.path.abspath(content_path), ctype.folder)


def files_below(content_path, suffixes=()):
    """Every file below content/ (with one of ``suffixes``, if given), as the path a header or a link
    names it by: what a hint is looked for among, so asked only when a path is wrong."""
    return [
        os.path.relpath(os.path.join(folder, name), content_path).replace(os.sep, "/")
        for folder, _, names in os.walk(content_path)
        for name in names
        if not name.startswith(".") and (not suffixes or name.lower().endswith(suffixes))
    ]
