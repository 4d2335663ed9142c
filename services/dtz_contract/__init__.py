"""The rules the build shares with the services that take its output further: one small package
that plugins (``plugins/``) and services (``services/``) both import, and that imports neither, nor
Pelican, so a service that does not run Pelican never loads it (tests/test_architecture.py checks).

- ``buildrecord``: ``OUTPUT_PATH/.dtz-build.json``, what a build is (read by delivery and deploy).
- ``placeholder``: the literal ``{token}`` a nieuwsbrief leaves for delivery to fill in.
- ``signup``: the sign-up form's paths, field names and consent texts (site and subscription service).
- ``mail``: ``new_message()``, whose plain ASCII headers (List-Unsubscribe) are folded only at their own
  whitespace, never turned into RFC 2047 encoded words: email.eml, delivery and the service's mails.
- ``AMSTERDAM``: the zone every date and time of the content is read and shown in.
- ``dates``: ``datum(day)``, a date in a Dutch sentence ('7 december 2026'): build and services alike.
- ``digest(*parts)``: sha256 of framed parts, behind every cache key (the build's and make check's).
- ``Problem``: the one-line report of bad input; ``inside(path, folder)``; ``write_atomic(path, data)``;
  ``read_json(path, default)``: a record or cache file that may be missing or half-written.

It lives in services/; pelicanconf.py puts that folder on ``sys.path`` for the build.
"""

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@dataclass(frozen=True, order=True)
class Problem:
    """One problem as every command reports it: ``path:line: Field: what is wrong — what is expected``."""

    path: str
    line: int
    field: str
    what: str
    expected: str

    def __str__(self):
        return f"{self.path}:{self.line}: {self.field}: {self.what} — {self.expected}"


def digest(*parts):
    """sha256 (hex) of ``parts`` (str or bytes), each framed by its length so parts can't run together."""
    hashed = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else bytes(part)
        hashed.update(b"%d:" % len(data))
        hashed.update(data)
    return hashed.hexdigest()


def inside(path, folder):
    """True when ``path`` is ``folder`` or lies below it (both made absolute first)."""
    path, folder = os.path.abspath(path), os.path.abspath(folder)
    return os.path.commonpath([path, folder]) == folder


def read_json(path, default=None):
    """The JSON value in ``path``, or ``default`` when the file is missing or is not JSON."""
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return default


def write_atomic(path, data, durable=False):
    """Write ``data`` (bytes) to ``path`` through a ``.part`` file renamed over it, so a reader (or a
    process stopped halfway) sees the old file or the new one, never half of one. ``durable``: on disk
    before the rename (what a crash must not lose)."""
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=os.path.basename(path) + ".", suffix=".part")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
        if durable:
            out.flush()
            os.fsync(out.fileno())
    os.replace(temporary, path)
