"""Build into a staging folder and bring it into output/ only when the build succeeded.

Pelican writes straight into OUTPUT_PATH, so a build that stops halfway would
leave a half-written site, and files of items that became drafts would stay.
Here every run writes into a fresh sibling folder; on success output/ is made
equal to it, touching only files whose bytes changed; on failure output/ stays
byte for byte as it was.
"""

import filecmp
import os
import shutil


def wrap_run(pelican):
    """Replace ``pelican.run`` by one that builds into staging (also in autoreload mode)."""
    final = pelican.output_path
    original_run = pelican.run
    staging = os.path.join(os.path.dirname(os.path.abspath(final)), "." + os.path.basename(os.path.abspath(final)) + ".staging")

    def run():
        shutil.rmtree(staging, ignore_errors=True)
        os.makedirs(staging)
        pelican.output_path = staging
        try:
            result = original_run()
            sync(staging, final)
            return result
        finally:
            pelican.output_path = final
            shutil.rmtree(staging, ignore_errors=True)

    pelican.run = run


def sync(source, target):
    """Make ``target`` equal to ``source``: move changed and new files, delete stale ones."""
    if not os.path.isdir(target) or (not os.path.islink(target) and not os.listdir(target)):
        # nothing to compare with (a first or clean build): the staging folder becomes output/ at once
        os.makedirs(os.path.dirname(os.path.abspath(target)), exist_ok=True)
        if not os.path.lexists(target) or os.path.isdir(target):
            os.replace(source, target)  # replaces an empty folder too
            return
    os.makedirs(target, exist_ok=True)
    wanted = set()
    for root, dirs, files in os.walk(source):
        relative = os.path.relpath(root, source)
        os.makedirs(os.path.join(target, relative), exist_ok=True)
        for name in files:
            path = os.path.normpath(os.path.join(relative, name))
            wanted.add(path)
            new, old = os.path.join(source, path), os.path.join(target, path)
            if os.path.isfile(old) and not os.path.islink(old) and filecmp.cmp(new, old, shallow=False):
                continue
            if os.path.isdir(old) and not os.path.islink(old):
                shutil.rmtree(old)
            os.replace(new, old)
    for root, dirs, files in os.walk(target, topdown=False):
        relative = os.path.relpath(root, target)
        for name in files:
            path = os.path.normpath(os.path.join(relative, name))
            if path not in wanted:
                os.remove(os.path.join(target, path))
        if relative != "." and not os.listdir(root):
            os.rmdir(root)


def write_output(output_path, relative, data):
    """Write ``data`` (bytes) to ``relative`` in the build's output folder (the staging folder):
    the one way plugins write files that are not rendered templates (feeds, .ics, JSON, e-mail)."""
    path = os.path.join(output_path, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)
