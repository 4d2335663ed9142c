"""Work a run leaves running after its sync (make serve's search index), beside the next build.

A run's ``in_background`` steps run one after another on a thread of their own once output/ holds
the run's result, so the run (and the page the editor waits for) ends without them. The next run
into the same output folder lets them run on while it builds, and cancels them (and waits until they
stopped) just before its own ``before_sync`` steps: from then on that run alone touches output/, so its
sync never meets half-written work, and a step never works from pages the sync replaced. A run that
stops earlier (bad content) leaves them running: their output is still the last good version's.

A step is ``step(cancelled)``: ``cancelled`` is a ``threading.Event`` it checks while it waits (a
process it started is stopped when it is set). The threads are not daemons, so a one-off build's
process ends when its steps are done; ``stop(folder)`` ends them sooner (make serve on Ctrl+C).
"""

import os
import sys
import threading

WORK = {}  # output folder (absolute) -> the Work its last run left running
LOCK = threading.Lock()


class Work:
    """One run's background steps on one thread, and the event that cancels them."""

    def __init__(self, steps):
        self.cancelled = threading.Event()
        self.thread = threading.Thread(target=self._run, args=(steps,), name="dtz-background")
        self.thread.start()

    def _run(self, steps):
        for step in steps:
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


def start(folder, steps):
    """Run ``steps`` beside whatever comes next for ``folder`` (any earlier work was stopped by :func:`stop`)."""
    if steps:
        with LOCK:
            WORK[os.path.abspath(folder)] = Work(steps)


def stop(folder):
    """Cancel the background work left for ``folder`` and wait until it has stopped."""
    with LOCK:
        work = WORK.pop(os.path.abspath(folder), None)
    if work is not None:
        work.cancelled.set()
        work.thread.join()


def settled(folder, timeout=None):
    """Whether the background work left for ``folder`` is done (none is done), waiting up to ``timeout`` seconds."""
    with LOCK:
        work = WORK.get(os.path.abspath(folder))
    if work is None:
        return True
    work.thread.join(timeout)
    return not work.thread.is_alive()
