"""Precompressed copies for the web host (nginx ``gzip_static``/``brotli_static``, Caddy ``precompressed``):
``<file>.gz`` and ``<file>.br`` beside every text file over 1 KB, made only for files a run wrote anew
(output/'s copies of unchanged files are kept); without time or name (gzip ``mtime=0``): the same bytes every build."""

import filecmp
import gzip
import os

import brotli

TEXT = (".html", ".css", ".js", ".xml", ".json", ".ics", ".svg", ".txt")
MIN_SIZE = 1024  # smaller files gain little and cost a request header's worth of bytes
# Measured on the starter site: quality 8 makes files 9% larger than 11 at 1/20 of the time (0.04 s
# against 0.94 s for 560 KB); at 4,000 items 11 would add well over a minute of CPU to a cold build.
BROTLI_QUALITY = 8
PACKERS = {".gz": lambda data: gzip.compress(data, compresslevel=9, mtime=0), ".br": lambda data: brotli.compress(data, quality=BROTLI_QUALITY)}


def serves_copies(relative):
    """A text file by its name, never hidden (the build record is never served)."""
    return relative.endswith(TEXT) and not any(part.startswith(".") for part in relative.split(os.sep))


def add_copies(run):
    """Give every compressible file the run ends with its two copies, before the run is synced."""
    for path, into in list(files_to_compress(run)):
        with open(path, "rb") as handle:
            data = handle.read()
        os.makedirs(os.path.dirname(into), exist_ok=True)
        for suffix, pack in PACKERS.items():
            with open(into + suffix, "wb") as handle:
                handle.write(pack(data))


def files_to_compress(run):
    """(file, where its copies go) for every file over MIN_SIZE that gets copies anew."""
    staged = set()
    for root, _, files in os.walk(run.staging):
        for name in files:
            path = os.path.join(root, name)
            relative = os.path.relpath(path, run.staging)
            staged.add(relative)
            if serves_copies(relative) and os.path.getsize(path) > MIN_SIZE and not keeps_copies(run, relative, path):
                yield path, path
    for relative in run.wanted - staged:  # unchanged: output/ holds the file and, from an earlier run, its copies
        path = run.published(relative)  # its copies first (an earlier run made them for it): two stat calls for most
        if serves_copies(relative) and not keeps_copies(run, relative) and os.path.isfile(path) and os.path.getsize(path) > MIN_SIZE:
            yield path, os.path.join(run.staging, relative)


def keeps_copies(run, relative, staged=None):
    """True when output/ has this file's copies and the file itself is unchanged: they are kept as they are."""
    if run.fresh:
        return False
    published = run.published(relative)
    copies = [published + suffix for suffix in PACKERS]
    if not all(os.path.isfile(copy) for copy in copies):
        return False
    if staged is not None and not filecmp.cmp(staged, published, shallow=False):
        return False
    for suffix in PACKERS:
        run.keep(relative + suffix)
    return True
