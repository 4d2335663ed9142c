"""Pelican's writer for a rebuild that does only what changed (README "Build speed"): every file goes through
:func:`staging.put`, and a page whose key (:mod:`pagekeys`) is the one the last run recorded in
``<CACHE_PATH>/dtz-pages-<output>.json``, while output/ still holds it untouched, is not even rendered.
make serve's page of a saved item is written by :func:`at_once`, straight into output/."""

import functools
import io
import json
import os
from contextlib import contextmanager

import jinja2
from pelican import signals
from pelican.utils import sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

from dtz_contract import buildrecord, digest, read_json, write_atomic

from . import staging
from .run import current, resumed

RECORDS = "dtz-pages-{output}.json"  # {output}: a digest of the output folder's path


class _Pending(io.StringIO):
    """A file that goes to ``put(path, data)`` when closed (nothing at all for os.devnull)."""

    def __init__(self, put, path, encoding):
        super().__init__()
        self.put, self.path, self.charset = put, path, encoding

    def close(self):
        if not self.closed and self.path != os.devnull:
            self.put(self.path, self.getvalue().encode(self.charset))
        super().close()


class Records:
    """Which inputs each page (or keyed file) was made from, and the size and time of the file it became:
    read on first use in a run (:func:`records`), saved once output/ holds the run's result."""

    def __init__(self, run):
        output = digest(os.path.abspath(run.settings.get("OUTPUT_PATH") or "output"))[:16]
        self.path = os.path.join(run.settings.get("CACHE_PATH") or "cache", RECORDS.format(output=output))
        self.old = read_json(self.path, {}) if run.settings.get("LOAD_CONTENT_CACHE", True) else {}  # `pelican --ignore-cache`: render every page
        self.new = {}
        run.after_sync.append(self.save)

    def reused(self, run, relative, inputs):
        """True when output/ holds ``relative`` exactly as made from ``inputs`` last time: the run keeps it."""
        record = self.old.get(relative)
        if run.fresh or relative is None or not record or record[0] != inputs or stamp(run, relative) != record[1:]:
            return False
        run.keep(relative)
        self.new[relative] = inputs
        return True

    def save(self, run):
        """After the sync: the inputs and the output file of every page this run wrote."""
        saved = {relative: [inputs, *found] for relative, inputs in self.new.items() if (found := stamp(run, relative))}
        write_atomic(self.path, json.dumps(saved, separators=(",", ":")).encode("utf-8"))


def stamp(run, relative):
    """[size, modification time] of output/'s file ``relative``, or None when it has none."""
    try:
        found = os.stat(run.published(relative))
    except OSError:
        return None
    return [found.st_size, found.st_mtime_ns]


def records(run):
    """The run's Records."""
    return run.keep_for("dtz_build.records", lambda: Records(run))


def write_output(settings, output_path, relative, data, key=None):
    """Write ``data`` (bytes) to ``relative`` in the build's output folder (the staging folder): the one
    way plugins write files that are not rendered templates (feeds, .ics, JSON, e-mail). The file is
    only created when output/ does not already hold these bytes; ``key`` (:func:`page_key`) is what
    it was made from, for :func:`kept_output` in the next run."""
    run = current(settings)
    path = os.path.join(output_path, relative)
    staging.put(run, path, data)
    if key is not None and run.relative(path) is not None:
        records(run).new[run.relative(path)] = key


def kept_output(settings, output_path, relative, key):
    """output/'s file that ``relative`` becomes, when the last run made it from ``key`` and output/ still
    holds it untouched: the run keeps it, and there is nothing to make. Else None."""
    run = current(settings)
    found = run.relative(os.path.join(output_path, relative))
    return run.published(found) if key is not None and records(run).reused(run, found, key) else None


class DTZWriter(Writer):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings)
        self.run = current(self.settings)
        self.records = records(self.run)

    def _open_w(self, filename, encoding, override=False):
        """Pelican's checks against writing a file twice, then a file that is written only if it changed."""
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(f'Failed to overwrite "{filename}" a second time (was previously overwritten)')
            filename = os.devnull
        elif filename in self._written_files and not override:
            raise FileOverwriteFailedError(
                f'Failed to overwrite "{filename}" as Pelican has already written to it previously (set `override=True` if intended)'
            )
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return _Pending(functools.partial(staging.put, self.run), filename, encoding)

    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None, override_output=False, url=None, **kwargs):
        """Pelican's ``write_file``, skipped when the page's key (from ``template`` and every value) is unchanged."""
        args = (relative_urls, paginated, template_name, override_output, url)
        self.run.stop_if_superseded()
        path = sanitised_join(self.output_path, name) if name else None
        relative = self.run.relative(path) if name else None
        if relative is not None and (source := buildrecord.page_source(kwargs)):  # make check reports a page's problems there
            self.run.record.setdefault("pages", {})[relative.replace(os.sep, "/")] = source
        keyed = bool(name) and paginated is None
        dtz_inputs = keyed and self.run.page_keys.key(template, relative_urls=relative_urls, url=url, **kwargs)
        if not dtz_inputs:  # rendered every time: no name, paginated, or a value without a key
            return super().write_file(name, template, context, *args, **kwargs)
        if self.records.reused(self.run, relative, dtz_inputs):
            if path in self._written_files:
                raise FileOverwriteFailedError(f'Failed to overwrite "{path}" as Pelican has already written to it previously')
            self._written_files.add(path)
            signals.content_written.send(path, context={**context, **kwargs, "output_file": name})
            return None
        result = super().write_file(name, template, context, *args, **kwargs)
        if relative is not None:
            self.records.new[relative] = dtz_inputs
        return result


def keep_compiled(generator):
    """Compiled theme templates kept between builds (Jinja's bytecode cache in ``<CACHE_PATH>/jinja/``, checked
    against each template's source), given to a generator's Jinja environment once."""
    if generator.env.bytecode_cache is not None:
        return
    settings = generator.settings
    # Jinja's key is the template's name and source, not the environment's options: those name the folder.
    options = digest(repr(sorted(settings.get("JINJA_ENVIRONMENT", {}).items())), repr(sorted(generator.env.extensions)), jinja2.__version__)
    folder = os.path.join(settings.get("CACHE_PATH") or "cache", "jinja", options[:16])
    os.makedirs(folder, exist_ok=True)
    generator.env.bytecode_cache = jinja2.FileSystemBytecodeCache(folder)


class AtOnce(Writer):
    """Pelican's writer, straight into output/ and atomically, under the session's lock (:class:`run.Session`)."""

    def __init__(self, run):
        super().__init__(run.final, run.settings)
        self.session = run.session

    def _open_w(self, filename, encoding, override=False):
        return _Pending(self._put, filename, encoding)

    def _put(self, path, data):
        with self.session.writing:
            write_atomic(path, data)


@contextmanager
def at_once(context):
    """make serve's writer for a saved item's page, from the last good run's ``context`` (``session.last``),
    which is current again while the block runs: the page goes straight into output/; the run that
    catches up writes it again only if it differs."""
    with resumed(current(context)) as run:
        run.saves = run.session.saves  # resumed for this save: what its plugins write goes on
        yield AtOnce(run)
