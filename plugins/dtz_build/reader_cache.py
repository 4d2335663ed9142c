"""Pelican's reader cache (``CACHE_CONTENT`` on the ``reader`` layer: only files whose modification time changed
are rendered again), trusted only while what rendered it is unchanged: Pelican does not notice a changed
setting, Markdown extension or reader code, or an upgrade, so the loaded cache is emptied when that fingerprint differs."""

import hashlib
import importlib.util
import json
import os
from importlib.metadata import version
from pathlib import Path

# Settings (by prefix) that what a reader returns depends on: its Markdown, and metadata values
# (dates, slugs of tags, categories and authors). Only these count, as generators add other
# settings while a build starts and `make serve` keeps one settings object across rebuilds.
READING = ("MARKDOWN", "FORMATTED_FIELDS", "READERS", "DOCUTILS", "TYPOGRIFY", "TIMEZONE", "DEFAULT_DATE", "DATE_FORMATS")
READING += ("DEFAULT_LANG", "DEFAULT_CATEGORY", "SLUG", "TAG_REGEX", "CATEGORY_REGEX", "AUTHOR_REGEX", "PATH")


def _name(value):
    return f"{type(value).__module__}.{type(value).__qualname__}"


def _code(module):
    """(source, modification time, size) of a reader's or Markdown extension's module, found without importing
    it (Markdown imports an extension only when it renders a file: a build that renders none sees the same)."""
    try:  # an imported module's own spec, else the one Python would import; no such module: find_spec gives None
        stat = os.stat(source := importlib.util.find_spec(module).origin)
    except (ImportError, ValueError, AttributeError, TypeError, OSError):  # TypeError: no file (origin None)
        return (module, None, None)
    return (source, stat.st_mtime_ns, stat.st_size)


def fingerprint(settings, readers):
    """A hash of the settings, versions and extension and reader code a cached rendering depends on."""
    relevant = {key: value for key, value in settings.items() if key.startswith(READING)}  # an extension object counts by its name
    # extensions named as strings ('dtz_content.passages') count by their module's code too
    modules = [e if isinstance(e, str) else type(e).__module__ for e in (relevant.get("MARKDOWN") or {}).get("extensions", [])]
    modules += [type(reader).__module__ for reader in readers.readers.values()]
    code = sorted({_code(m) for m in modules}, key=str)
    try:
        text = json.dumps([relevant, code, version("pelican"), version("markdown")], sort_keys=True, default=_name)
    except (TypeError, ValueError):  # keys JSON cannot sort: a fingerprint that never matches, so no stale cache
        text = repr(os.urandom(16))
    return hashlib.sha256(text.encode()).hexdigest()


def _stamp(settings, name):
    return Path(settings["CACHE_PATH"], name + ".fingerprint")


def forget_if_stale(settings, readers, name):
    """Once the generator's readers are set up: empty the loaded cache if it was made differently."""
    if settings.get("CACHE_CONTENT") and settings.get("LOAD_CONTENT_CACHE"):
        try:  # no record, or one that cannot be read: as stale as one made differently
            same = _stamp(settings, name).read_text(encoding="utf-8") == fingerprint(settings, readers)
        except OSError:
            same = False
        if not same:
            readers._cache = {}  # FileDataCacher's loaded data: as if there had been no cache file


def saved(settings, readers, name):
    """After Pelican saved the reader cache ``name``: record what it was made with."""
    if settings.get("CACHE_CONTENT") and os.path.exists(os.path.join(settings["CACHE_PATH"], name)):
        _stamp(settings, name).write_text(fingerprint(settings, readers), encoding="utf-8")
