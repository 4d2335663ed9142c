"""What may be deployed: a publish build, known by its build record (``dtz_contract.buildrecord``).

The build's records (``.dtz-build.json``, ``pagefind/.dtz-index.json``: what a build or an index was
made from, with their ``.gz``/``.br`` copies) are for the next build, never for readers: they are not
uploaded and not part of the build's identity. ``.dtz/`` (the redirect maps the server configs
include) is deployed like any other folder.
"""

import fnmatch
import hashlib
import os
from pathlib import Path

from dtz_contract import buildrecord

from .errors import DeployError

RECORD = buildrecord.NAME
NEVER_DEPLOYED = tuple(f".dtz-*.json{suffix}" for suffix in ("", ".gz", ".br"))  # in any folder


def check_output(output):
    """The output folder, or DeployError when it is missing or not a publish build."""
    output = Path(output).absolute()  # handed to rsync and named in every message: one meaning wherever it runs
    if not output.is_dir():
        raise DeployError(f"{output} bestaat niet: bouw eerst met make publish (make deploy doet dat zelf)")
    record = buildrecord.read(output)
    if record is None:
        raise DeployError(f"{output / RECORD} ontbreekt of is onleesbaar: bouw de site opnieuw met make publish")
    if record["kind"] == "preview":
        raise DeployError(f"{output} is een voorbeeldweergave (make serve, met concepten): deploy alleen wat make publish bouwde")
    if record["kind"] != "publish":
        raise DeployError(f"{output} is gebouwd met make {record['kind']}, niet met make publish: make deploy bouwt zelf met make publish")
    return output


def deployed(name):
    return not any(fnmatch.fnmatchcase(name, pattern) for pattern in NEVER_DEPLOYED)


def build_hash(output):
    """Six hex digits of what readers get from this build (every deployed file's path and bytes):
    the same for a rebuild of the same site, so the release id tells which releases hold the same build."""
    digest = hashlib.sha256()
    for folder, dirs, files in os.walk(output):
        dirs.sort()
        for name in sorted(filter(deployed, files)):
            path = os.path.join(folder, name)
            with open(path, "rb") as handle:
                content = hashlib.file_digest(handle, "sha256").hexdigest()
            digest.update(f"{os.path.relpath(path, output)}\0{content}\n".encode())
    return digest.hexdigest()[:6]
