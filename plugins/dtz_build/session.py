"""What the runs into one output folder share while make serve runs (README "Preview"): the work a run leaves
running after its sync (``in_background`` steps on a thread, cancelled by the next run before its ``before_sync``
steps), the lock on output/ (``writing``), the saves seen and the last good run's context, for pages made at once.
A one-off build gets a session of its own that runs those steps before the run returns."""

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
                stopped = f"Werk na de build is gestopt ({type(error).__name__}: {error}); de volgende build doet het opnieuw"
                print(stopped, file=sys.__stderr__, flush=True)


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
