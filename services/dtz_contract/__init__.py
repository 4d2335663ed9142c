"""The rules the build shares with the services that take its output further (README "Services"): plugins
and services import this package, and it imports neither, nor Pelican, so a service that does not run Pelican
never loads it (tests/test_architecture.py). pelicanconf.py puts services/ on ``sys.path`` for the build."""

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")  # the zone every date and time of the content is read and shown in


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


class Refused(Exception):
    """What stops a command before (or while) it acts: its message is the one Dutch line the user sees."""


def digest(*parts):
    """sha256 (hex) of ``parts`` (str or bytes), each framed by its length so parts can't run together:
    behind every cache key (the build's and make check's)."""
    hashed = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else bytes(part)
        hashed.update(b"%d:%s" % (len(data), data))
    return hashed.hexdigest()


def display_path(path):
    """``path`` relative to the working directory when inside it, as editors see it (in every report)."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def inside(path, folder):
    """True when ``path`` is ``folder`` or lies below it (both made absolute first)."""
    path, folder = os.path.abspath(path), os.path.abspath(folder)
    return os.path.commonpath([path, folder]) == folder


def read_json(path, default=None):
    """The JSON value in ``path`` (a record or cache file), or ``default`` when it is missing or half-written."""
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return default


def write_atomic(path, data, durable=False):
    """Write ``data`` (bytes) through a ``.part`` file renamed over ``path``: a reader sees the old file or the
    new one, never half. ``durable``: on disk before the rename (what a crash must not lose)."""
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=folder, prefix=os.path.basename(path) + ".", suffix=".part", delete=False) as out:
        out.write(data)
        if durable:
            out.flush()
            os.fsync(out.fileno())
    os.replace(out.name, path)
