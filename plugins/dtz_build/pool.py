"""The run's worker processes: PDFs render (and files are compressed) on every core, each independent of the rest.

One forked pool per run (``DTZ_WORKERS`` processes, default the number of cores), made when the
first job comes.
A job's result is read when a page needs it (a PDF's size), or when the run finishes its jobs
(:meth:`Pool.finish`, at ``finalized``). With one worker, or where fork is unavailable, a job
runs at once in this process.
"""

import multiprocessing
import os

# setting: (minimum, example). The content core reports a value that is not such a whole number.
LIMITS = {"DTZ_WORKERS": (1, 2)}


def counts(value, minimum):
    """True when ``value`` is a whole number of at least ``minimum`` (a bool is not)."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= minimum


def workers(settings):
    """How many processes may work side by side: DTZ_WORKERS, default (or when it is wrong: the content
    core says so) the cores this process may use."""
    value = settings.get("DTZ_WORKERS")
    if counts(value, LIMITS["DTZ_WORKERS"][0]):
        return value
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class Job:
    """A result on its way: ``result()`` waits for it once and passes it through ``then``."""

    def __init__(self, pending, then):
        self._pending, self._then = pending, then
        self._done, self._value = False, None

    def result(self):
        if not self._done:
            value = self._pending.get() if self._pending is not None else self._value
            self._value, self._done, self._pending = self._then(value), True, None
        return self._value


class Pool:
    """The run's worker processes (none until a job needs them)."""

    def __init__(self, settings):
        self.size = workers(settings)
        self.parallel = self.size >= 2 and "fork" in multiprocessing.get_all_start_methods()
        self._processes = None
        self._jobs = []

    def start(self, initializer=None, initargs=()):
        """The processes, forked now if they are not running yet; ``initializer(*initargs)`` runs in each
        (with fork the arguments are inherited, not pickled). None when jobs run in this process."""
        if not self.parallel:
            return None
        if self._processes is None:
            self._processes = multiprocessing.get_context("fork").Pool(self.size, initializer, initargs)
        return self._processes

    def submit(self, function, args, then=lambda value: value):
        """``function(*args)`` on a worker; the Job's ``result()`` is ``then(the return value)``."""
        processes = self.start()
        if processes is None:
            job = Job(None, then)
            job._value = function(*args)
        else:
            job = Job(processes.apply_async(function, args), then)
        self._jobs.append(job)
        return job

    def finish(self):
        """Every job's result taken (its ``then`` done), then the processes go: make serve forks fresh
        ones, with its current code, next run."""
        while self._jobs:
            self._jobs.pop(0).result()
        self.close()

    def close(self, stop=False):
        """The processes go: once their work is done, or with ``stop`` at once (a run that failed)."""
        if self._processes is not None:
            if stop:
                self._processes.terminate()
            else:
                self._processes.close()
            self._processes.join()
            self._processes = None
