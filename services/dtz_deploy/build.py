"""What may be deployed: a publish build, known by its build record (``dtz_content.buildrecord``)."""

import hashlib
import os
from pathlib import Path

from dtz_content import buildrecord

from .errors import DeployError

RECORD = buildrecord.NAME  # never deployed


def check_output(output):
    """The output folder, or DeployError when it is missing or not a publish build."""
    output = Path(output)
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


def build_hash(output):
    """Six hex digits that name this build's files (paths, sizes, times) for the release id."""
    digest = hashlib.sha256()
    for folder, dirs, files in os.walk(output):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            stat = os.stat(path)
            digest.update(f"{os.path.relpath(path, output)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:6]
