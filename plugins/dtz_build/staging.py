"""Build into a staging folder and bring it into output/ only when the build succeeded: a build that stops
halfway leaves output/ byte for byte as it was. A rebuild puts a file in the staging folder only when
output/ does not hold exactly those bytes yet (noted as wanted either way): creating thousands of files
that are then found equal is what a rebuild would otherwise spend most of its time on."""

import filecmp
import os
import shutil
from pathlib import Path


def sync(run):
    """Make output/ equal to the run: move staged files in, keep wanted ones, delete the rest."""
    source, target = run.staging, run.final
    os.makedirs(target, exist_ok=True)
    wanted = set(run.wanted)
    for root, _dirs, files in os.walk(source):
        relative = os.path.relpath(root, source)
        for name in files:
            path = os.path.normpath(os.path.join(relative, name))
            new, old = os.path.join(source, path), os.path.join(target, path)
            wanted.add(path)
            if path not in run.wanted and os.path.isfile(old) and not os.path.islink(old) and filecmp.cmp(new, old, shallow=False):
                continue  # copied in by Pelican (static files) and equal: leave output/'s file alone
            os.makedirs(os.path.dirname(old), exist_ok=True)
            if os.path.isdir(old) and not os.path.islink(old):
                shutil.rmtree(old)
            os.replace(new, old)
    for root, _dirs, files in os.walk(target, topdown=False):
        prefix = "" if root == target else os.path.relpath(root, target) + os.sep
        unwanted = [name for name in files if prefix + name not in wanted]
        for name in unwanted:
            os.remove(os.path.join(root, name))
        if prefix and len(unwanted) == len(files) and not os.listdir(root):  # a folder that keeps a file is not empty
            os.rmdir(root)


def put(run, path, data):
    """Write ``data`` to ``path`` (in the staging folder), unless output/ already has exactly it."""
    run.stop_if_superseded()  # every file a run writes is a point where make serve's newer save can stop it
    relative = run.relative(path)
    if relative is not None:
        run.keep(relative)
        if not run.fresh and same_bytes(run.published(relative), data):
            return
    os.makedirs(os.path.dirname(path), exist_ok=True)
    Path(path).write_bytes(data)


def same_bytes(path, data):
    try:
        return os.path.getsize(path) == len(data) and not os.path.islink(path) and Path(path).read_bytes() == data
    except OSError:
        return False
