"""``pelican.run`` wrapped once: every run builds into staging with its own Run (see :mod:`run`)."""

import logging
import os
import re
import shutil
import sys
from contextlib import contextmanager

from pelican.log import console

from dtz_contract import buildrecord

from . import precompress, staging
from .diskcache import prune
from .run import BuildStopped, Session, Superseded, started

log = logging.getLogger(__name__)


def wrap_run(pelican):
    """Replace ``pelican.run`` (once per Pelican object) by a staged run (also in autoreload mode):
    ``run(session)`` for make serve's loop, ``run()`` for a one-off build (its background work done at once)."""
    if getattr(pelican.run, "dtz_staged", False):
        return
    # Folder settings made absolute once, before anything reads them: Pelican leaves its own default CACHE_PATH ("cache")
    # relative to the working directory, and external tools (Typst with its root at /, Pagefind, rsync) resolve it from elsewhere.
    for name in ("PATH", "OUTPUT_PATH", "CACHE_PATH", "THEME"):
        if pelican.settings.get(name):
            pelican.settings[name] = os.path.abspath(pelican.settings[name])
    pelican.path, pelican.theme, pelican.output_path = (pelican.settings[name] for name in ("PATH", "THEME", "OUTPUT_PATH"))
    final = pelican.output_path
    staging_path = os.path.join(os.path.dirname(final), "." + os.path.basename(final) + ".staging")
    original_run = pelican.run
    one_off = Session(at_once=True)

    def run(session=one_off):
        if refused := buildrecord.refusal(pelican.settings, final):
            print(refused, file=sys.__stderr__)  # not a content error, which make serve would wait out: the command itself is wrong
            raise SystemExit(2)
        shutil.rmtree(staging_path, ignore_errors=True)
        os.makedirs(staging_path)
        pelican.output_path = staging_path
        try:
            with started(pelican.settings, staging_path, final, session) as this, failure_stops(final):
                with without_closing_line():
                    result = original_run()
                record = buildrecord.new_record(pelican.settings, this.record)
                staging.put(this, os.path.join(staging_path, buildrecord.NAME), buildrecord.encode(record))
                with session.writing:  # a page make serve writes at once waits, or came first and made this run stale
                    this.stop_if_superseded()
                    session.stop()  # from here on this run alone touches output/
                    for step in this.before_sync:  # may write into staging; raising leaves output/ as it was
                        step(this)
                    if buildrecord.for_readers(pelican.settings):  # what is never put on a web host gets no copies
                        precompress.add_copies(this)
                    staging.sync(this)
                    for hook in this.after_sync:
                        hook(this)
                    session.last = this.context
                prune(this.cache_folders)
            session.start(this.in_background)
            return result
        except BuildStopped as error:
            if not isinstance(error, Superseded):  # a superseded run says nothing: the run for the newer save follows
                print(error, file=sys.__stderr__)  # the closing line; Pelican's own CRITICAL line is filtered (quiet_stop)
            raise
        finally:
            pelican.output_path = final
            shutil.rmtree(staging_path, ignore_errors=True)

    run.dtz_staged = True
    pelican.run = run


@contextmanager
def failure_stops(final):
    """Any other error in a build ends it as bad content does: one Dutch line, output/ untouched,
    no traceback (``make … DEBUG=1`` shows it)."""
    try:
        yield
    except BuildStopped:
        raise
    except Exception as error:
        log.debug("de build stopte op deze fout", exc_info=error)
        reason = " ".join(str(error).split())
        if not (isinstance(error, OSError) or error.__class__.__module__.startswith("dtz_")):  # our own errors carry a Dutch message
            reason = f"{error.__class__.__name__}: {reason}"
        raise BuildStopped(f"De build is gestopt: {reason}; {final} is ongewijzigd (make … DEBUG=1 toont waar)") from error


DONE = re.compile(r"Done: Processed .*? seconds\.[ \t]*\n?", re.S)


@contextmanager
def without_closing_line():
    """Pelican's console (its log and its closing line) during the run, less its English closing line
    'Done: Processed 0 articles, …' (always 0 here): the content core ends a build with a Dutch one."""
    try:
        with console.capture() as captured:
            yield
    finally:
        print(DONE.sub("", captured.get()), end="", flush=True)


def quiet_stop(record):
    """A logging filter: Pelican logs an uncaught exception as 'CRITICAL …' with a traceback; a stopped build
    already said it all, in Dutch, on lines of its own."""
    return not (record.exc_info and isinstance(record.exc_info[1], BuildStopped))
