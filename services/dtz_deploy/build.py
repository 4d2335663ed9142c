"""What may be deployed: a publish build, read from its build record (``.dtz-build.json``)."""

import hashlib
import json
import os
from pathlib import Path

from .errors import DeployError

RECORD = ".dtz-build.json"  # written by every build; never deployed


def check_output(output):
    """The output folder, or DeployError when it is missing or not a publish build."""
    output = Path(output)
    if not output.is_dir():
        raise DeployError(f"{output} bestaat niet: bouw eerst met make publish (make deploy doet dat zelf)")
    try:
        record = json.loads((output / RECORD).read_text(encoding="utf-8"))
        kind = record.get("kind") if isinstance(record, dict) else None
    except (OSError, ValueError):
        kind = None
    if kind is None:
        raise DeployError(f"{output} heeft geen leesbaar {RECORD}: bouw de site opnieuw met make publish")
    if kind == "preview":
        raise DeployError(f"{output} is een voorbeeldweergave (make serve) met concepten; deploy alleen wat make publish bouwde")
    if kind != "publish":
        raise DeployError(f"{output} is gebouwd met make {kind}, niet met make publish; make deploy bouwt zelf met make publish")
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
