"""Build into a staging folder and bring it into output/ only when the build succeeded.

Pelican writes straight into OUTPUT_PATH, so a build that stops halfway would
leave a half-written site, and files of items that became drafts would stay.
Here every run writes into a fresh sibling folder; on success output/ is made
equal to what the run wrote; on failure output/ stays byte for byte as it was.

A rebuild writes few files: :func:`write_output` (and the DTZ writer) only puts a
file in the staging folder when output/ does not hold exactly those bytes yet, and
notes it as wanted either way. Creating thousands of files that are then found
equal is what a rebuild would otherwise spend most of its time on.
"""

import filecmp
import os
import shutil
import sys

from . import buildrecord, precompress
from .catalog import today

_build = None  # the run in progress: its staging folder, output/ and the files it wants
_after_sync = []  # what to do once output/ holds the run's result
_before_sync = []  # steps on the run's finished result (the search index), before copies and sync


class StagedRun:
    """One run: ``staging`` receives changed files, ``final`` is output/, ``wanted`` the files it keeps."""

    def __init__(self, staging, final):
        self.staging, self.final = staging, final
        self.wanted = set()
        self.newsletters = {}  # slug -> buildrecord.issue_entry(...), for the build record
        self.fresh = not os.path.isdir(final) or (not os.path.islink(final) and not os.listdir(final))

    def relative(self, path):
        """``path`` relative to the staging folder, or None when it lies elsewhere."""
        relative = os.path.relpath(os.path.abspath(path), self.staging)
        return None if relative == ".." or relative.startswith(".." + os.sep) else os.path.normpath(relative)

    def published(self, relative):
        """The file in output/ that ``relative`` (a path in the staging folder) becomes."""
        return os.path.join(self.final, relative)

    def keep(self, relative):
        """The run wants this file in output/ as it already is there."""
        self.wanted.add(relative)


def current():
    """The StagedRun in progress, or None outside a staged run (tests that call generators directly)."""
    return _build


def wrap_run(pelican):
    """Replace ``pelican.run`` by one that builds into staging (also in autoreload mode)."""
    final = pelican.output_path
    original_run = pelican.run
    staging = os.path.join(os.path.dirname(os.path.abspath(final)), "." + os.path.basename(os.path.abspath(final)) + ".staging")

    def run():
        global _build
        _after_sync.clear()  # hooks of a run that failed do not carry over
        _before_sync.clear()
        refuse_preview_over_build(pelican.settings, final)
        shutil.rmtree(staging, ignore_errors=True)
        os.makedirs(staging)
        pelican.output_path = staging
        _build = StagedRun(staging, os.path.abspath(final))
        try:
            result = original_run()
            put(os.path.join(staging, buildrecord.NAME), buildrecord.encode(record(pelican.settings, _build)))
            for step in _before_sync:  # may write into staging; raising leaves output/ as it was
                step(_build)
            if buildrecord.kind_of(pelican.settings) != "preview":  # the preview is never put on a web host
                precompress.add_copies(_build)
            sync(_build)
            for hook in _after_sync:
                hook(_build)
            return result
        finally:
            _build = None
            pelican.output_path = final
            shutil.rmtree(staging, ignore_errors=True)

    pelican.run = run


def refuse_preview_over_build(settings, final):
    """A preview (drafts, banners) never replaces a build meant for readers: it has a folder of its own.

    Not a content error, which make serve would wait out: the command itself is wrong, so it ends.
    """
    found = buildrecord.read(final)
    if buildrecord.kind_of(settings) == "preview" and found and found["kind"] != "preview":
        print(f"{final} bevat een build van 'make {found['kind']}'; een voorbeeldweergave (make serve) komt in "
              "een eigen map (PREVIEWDIR, standaard preview/) — er is niets geschreven", file=sys.__stderr__)
        raise SystemExit(2)


def record(settings, run):
    """The build record of a run that succeeded (see buildrecord); a bad DTZ_TODAY has stopped it before."""
    made = buildrecord.new_record(settings, today(settings))
    made["newsletters"] = run.newsletters
    return made


def record_issue(slug, entry):
    """Note a nieuwsbrief issue in the build record (outside a staged run there is none)."""
    if _build is not None:
        _build.newsletters[slug] = entry


def after_sync(hook):
    """Call ``hook(run)`` once output/ equals this run's result (the writer saves its page records then)."""
    _after_sync.append(hook)


def before_sync(step):
    """Call ``step(run)`` once every page of this run is written, before copies are made and output/ is
    replaced: ``run.staging`` holds the changed files, ``run.wanted`` every file the run keeps
    (``run.published(relative)`` is where an unchanged one lies). Register it during the run."""
    _before_sync.append(step)


def sync(run):
    """Make output/ equal to the run: move staged files in, keep wanted ones, delete the rest."""
    source, target = run.staging, run.final
    if run.fresh and (not os.path.lexists(target) or os.path.isdir(target)):
        # nothing to compare with (a first or clean build): the staging folder becomes output/ at once
        os.makedirs(os.path.dirname(os.path.abspath(target)), exist_ok=True)
        os.replace(source, target)  # replaces an empty folder too
        return
    os.makedirs(target, exist_ok=True)
    wanted = set(run.wanted)
    for root, dirs, files in os.walk(source):
        relative = os.path.relpath(root, source)
        for name in files:
            path = os.path.normpath(os.path.join(relative, name))
            new, old = os.path.join(source, path), os.path.join(target, path)
            if path not in run.wanted and os.path.isfile(old) and not os.path.islink(old) and filecmp.cmp(new, old, shallow=False):
                wanted.add(path)  # copied in by Pelican (static files) and equal: leave output/'s file alone
                continue
            wanted.add(path)
            os.makedirs(os.path.dirname(old), exist_ok=True)
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
    the one way plugins write files that are not rendered templates (feeds, .ics, JSON, e-mail).

    In a staged run the file is only created when output/ does not already hold these bytes.
    """
    put(os.path.join(output_path, relative), data)


def put(path, data):
    """Write ``data`` to ``path`` (in the staging folder), unless output/ already has exactly it."""
    run = _build
    relative = run.relative(path) if run else None
    if relative is not None:
        run.keep(relative)
        if not run.fresh and same_bytes(run.published(relative), data):
            return
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)


def same_bytes(path, data):
    try:
        if os.path.getsize(path) != len(data) or os.path.islink(path):
            return False
        with open(path, "rb") as handle:
            return handle.read() == data
    except OSError:
        return False
