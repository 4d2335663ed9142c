"""What a rerun of `make check` can skip: results kept by a digest of everything they were made from.

Kept in ``<cache>/dtz-check.json`` (make check's own cache folder, CHECKCACHE). A page's browser
results are keyed on the page with every file it loads (stylesheets, fonts, scripts, images) and on
the checks' own code; an HTML file's checker results on its bytes and the checker's version. So a
second run on unchanged content starts neither the HTML checker nor Chromium; a page that changed is
checked again. Only the results this run used are saved, so the file does not grow.
"""

import json
import os
from pathlib import Path

from dtz_contract import digest, read_json

NAME = "dtz-check.json"


def files_digest(root, names, *more):
    """digest() of ``more`` and of each file by its name below ``root`` and its bytes (a missing file counts as missing)."""
    parts = list(more)
    for name in sorted(names):
        path = Path(root) / name
        parts += [name, path.read_bytes() if path.is_file() else b"\0missing"]
    return digest(*parts)


class Memo:
    """Results by kind and key, read from and saved to ``folder`` (None: nothing is kept)."""

    def __init__(self, folder):
        self.path = os.path.join(folder, NAME) if folder else None
        self.old, self.new = read_json(self.path, {}) if self.path else {}, {}

    def get(self, kind, key):
        """The kept result, or None; a result that is used is kept for the next run."""
        found = self.old.get(kind, {}).get(key)
        if found is not None:
            self.put(kind, key, found)
        return found

    def put(self, kind, key, result):
        self.new.setdefault(kind, {})[key] = result

    def save(self):
        if not self.path:
            return
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        temporary = self.path + ".part"
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump(self.new, handle, separators=(",", ":"))
        os.replace(temporary, self.path)
