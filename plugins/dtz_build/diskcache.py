"""Results that are slow to make and depend only on their inputs (a PDF, an image derivative, the register's
checked rows), in ``<CACHE_PATH>/<kind>/<key>``: the key is a sha256 of every input the caller names, so a
stale result is never returned; an entry no build used for ``DAYS`` days is removed (:func:`prune`)."""

import os
import time
from pathlib import Path

from dtz_contract import write_atomic

from .run import current

DAYS = 30


class DiskCache:
    """One kind of cached result (``"pdf"``, ``"images"``...) below CACHE_PATH."""

    def __init__(self, settings, kind, suffix=""):
        self.folder = os.path.join(settings.get("CACHE_PATH") or "cache", kind)
        self.suffix = suffix
        self.load = settings.get("LOAD_CONTENT_CACHE", True)  # False with `pelican --ignore-cache`: make everything anew
        current(settings).cache_folders.add(self.folder)

    def path(self, key):
        return os.path.join(self.folder, key + self.suffix)

    def get(self, key):
        """The bytes stored under ``key``, or None."""
        if not self.load:
            return None
        try:
            data = Path(self.path(key)).read_bytes()
        except OSError:
            return None
        os.utime(self.path(key))
        return data

    def put(self, key, data):
        """Store ``data`` atomically: a build stopped halfway never leaves a broken entry."""
        write_atomic(self.path(key), data)


def prune(folders, days=DAYS):
    """Remove the entries (and leftover .part files) in ``folders`` that no build used for ``days`` days."""
    limit = time.time() - days * 86400
    for entry in (entry for folder in sorted(folders) if os.path.isdir(folder) for entry in os.scandir(folder)):
        if entry.is_file() and entry.stat().st_mtime < limit:
            os.remove(entry.path)
