"""sha256 digests of framed parts and of folders: the one hash behind every key of the build."""

import os

from dtz_contract import digest  # the one framing of parts, shared with make check (dtz_check.findings)


def folder_digest(folder):
    """digest() of every file below ``folder`` by its relative path and bytes: a theme part
    (templates, print or e-mail files) as one input, so any edit in it counts."""
    parts = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            path = os.path.join(root, name)
            with open(path, "rb") as handle:
                parts += [os.path.relpath(path, folder), handle.read()]
    return digest(*parts)
