"""What the runs into one output folder share while make serve runs: the work a run leaves running
after its sync (the preview's search index), beside the next build; the lock on output/; the saves
seen, so that a run a newer save made stale stops; the last good run's context, for pages made at once.

make serve makes one :class:`Session` when it starts and hands it to every run (``pelican.run(session)``);
it ends with the loop (``session.stop()`` on Ctrl+C). A one-off build gets a session of its own that
runs those steps at once, before the run returns: nothing comes after it to run beside.

A run's ``in_background`` steps run one after another on a thread of their own once output/ holds
the run's result, so the run (and the page the editor waits for) ends without them. The next run
of the session lets them run on while it builds, and cancels them (and waits until they stopped)
just before its own ``before_sync`` steps: from then on that run alone touches output/, so its
sync never meets half-written work, and a step never works from pages the sync replaced. A run that
stops earlier (bad content) leaves them running: their output is still the last good version's.

A step is ``step(cancelled)``: ``cancelled`` is a ``threading.Event`` it checks while it waits (a
process it started is stopped when it is set).

make serve writes a saved item's page into output/ at once (:func:`writer.at_once`), from the context
of the last run that succeeded (``session.last``), while the next run catches up on a thread of
its own. A save (``session.saved()``) supersedes a running run: it stops at its next file read or
written (``run.stop_if_superseded()``), at the latest before its sync, with output/ untouched (:class:`run.Superseded`). The sync and a page written
at once hold ``session.writing``, so neither meets the other half-done, and a stale run never syncs
over a newer page.
"""

import sys
import threading


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
                print(
                    f"Werk na de build is gestopt ({type(error).__name__}: {error}); de volgende build doet het opnieuw",
                    file=sys.__stderr__,
                    flush=True,
                )


class Session:
    """The runs of one make serve (or one one-off build, ``at_once``): the work the last run left running."""

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
