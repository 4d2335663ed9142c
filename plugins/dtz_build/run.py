"""One build run: everything a build holds while it runs, in one object made when it starts, reached with
:func:`current` (registered by the settings' identity, put in the context only: nothing of it is pickled);
and the :class:`Session` the runs into one output folder share while make serve runs (README "Preview")."""

import os
import sys
import threading
import time
from contextlib import contextmanager

from .pagekeys import PageKeys

RUNS = {}  # id(settings) -> the Run they belong to, only while that run runs
KEY = "dtz_run"  # in the generators' context (never in the settings), and so in its copies signals get


class BuildStopped(Exception):
    """A build that stops on purpose (bad content, bad settings): the message says it all (exit status 1).
    ``lines``: the problem lines (else the message), as data: make serve puts them at the top of every page."""

    exitcode = 1

    def __init__(self, message="", lines=()):
        super().__init__(message)
        self.lines = tuple(lines) or (message,)


class Superseded(BuildStopped):
    """A newer save came in while the run ran (make serve): it stops with output/ untouched; the next run catches up."""


class Run:
    """One run of the build: ``staging`` receives changed files, ``final`` is output/; ``session`` the
    runs it belongs to (:class:`Session`)."""

    def __init__(self, settings, staging_path, final, session):
        self.settings = settings
        self.staging, self.final = staging_path, final
        self.session, self.saves = session, session.saves
        self.context = settings  # the generators' context, once they have one (dtz_build.serve_context)
        self.wanted = set()  # files (relative) the run keeps in output/
        self.fresh = not os.path.isdir(final) or (not os.path.islink(final) and not os.listdir(final))
        self.before_sync = []  # step(run) on the finished staging folder, before copies and sync (the search index)
        self.after_sync = []  # hook(run), once output/ holds the run's result
        self.in_background = []  # step(cancelled) after the after_sync hooks, beside the next run (:class:`Session`)
        self.started = time.monotonic()  # for the seconds in the closing summary
        self.page_keys = PageKeys(settings)
        self.cache_folders = set()  # every DiskCache kind used, pruned when the run succeeded
        self.record = {}  # the build record's entries besides its kind and settings file, as plugins add them
        self._kept = {}

    def stop_if_superseded(self):
        """Stop here when a save came in after the run started (:class:`Superseded`)."""
        if self.session.saves != self.saves:
            raise Superseded()

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

    def holds(self, relative):
        """Whether the run's result has this file (a path relative to the site): written into staging,
        or kept as output/ has it. For ``before_sync`` steps that check the finished site."""
        relative = os.path.normpath(relative)
        return relative in self.wanted or os.path.isfile(os.path.join(self.staging, relative))

    def keep_for(self, name, make):
        """What a plugin keeps for this run only, made by ``make()`` on first use (``name`` is the plugin's)."""
        if name not in self._kept:
            self._kept[name] = make()
        return self._kept[name]


def current(settings):
    """The Run in progress, from the settings or the context a generator, writer or signal has; it raises
    outside a run (a test that drives a generator by hand makes one with :func:`started`)."""
    run = RUNS.get(id(settings)) or settings.get(KEY)
    if run is None:
        raise LookupError("dtz_build.current(): no build is running with these settings")
    return run


def started(settings, staging_path, final, session):
    """A Run for ``settings`` (one of ``session``'s) while the block runs."""
    return resumed(Run(settings, staging_path, final, session))


@contextmanager
def resumed(run):
    """``run`` is current (for its settings too) while the block runs: also an ended run, for a page
    make serve makes at once with what the last good run's plugins kept."""
    RUNS[id(run.settings)] = run
    try:
        yield run
    finally:
        del RUNS[id(run.settings)]


class Work:
    """One run's background steps on one thread, and the event that cancels them."""

    def __init__(self, steps=()):
        self.steps = steps
        self.cancelled = threading.Event()
        self.thread = threading.Thread(target=self._run, name="dtz-background")
        self.thread.start()

    def _run(self):
        for step in self.steps:
            if self.cancelled.is_set():
                return
            try:
                step(self.cancelled)
            except Exception as error:  # noqa: BLE001 - the process outlives it; the next run does the work again
                stopped = f"Werk na de build is gestopt ({type(error).__name__}: {error}); de volgende build doet het opnieuw"
                print(stopped, file=sys.__stderr__, flush=True)


class Session:
    """The runs of one make serve, or of one one-off build (``at_once``: its background work done before it returns):
    the work the last run left running, cancelled by the next run before its ``before_sync`` steps."""

    def __init__(self, at_once=False):
        self.at_once = at_once
        self.work = Work()
        self.writing = threading.Lock()  # a run's sync, or a page written at once
        self.saves = 0  # saves seen: a run started before the last one is superseded
        self.last = {}  # the context of the last run that succeeded

    def saved(self):
        """One more save: a run started before it stops, at its next page or before its sync."""
        self.saves += 1

    def start(self, steps):
        """Run ``steps`` beside whatever comes next (any earlier work was stopped by :meth:`stop`)."""
        self.work = Work(steps)
        if self.at_once:
            self.settled()

    def stop(self):
        """Cancel the work the last run left running and wait until it has stopped."""
        self.work.cancelled.set()
        self.settled()

    def settled(self, timeout=None):
        """Whether that work is done, waiting up to ``timeout`` seconds."""
        self.work.thread.join(timeout)
        return not self.work.thread.is_alive()
