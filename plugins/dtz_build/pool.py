"""PDFs render on every core: WeasyPrint's layout is most of a cold build, and each PDF is independent.

A forked process pool (DTZ_WORKERS, default the number of cores) takes the renders; the
build hands them out as it meets them and reads each result when a page needs the PDF's
size, or at the end of the run. With one worker, or where fork is unavailable, a render
happens at once in this process.
"""

import multiprocessing

_pool = None


class Done:
    """A result computed at once, with the AsyncResult's ``get``."""

    def __init__(self, value):
        self.value = value

    def get(self):
        return self.value


def submit(function, args, workers):
    """``function(*args)`` on a worker process; an object whose ``get()`` returns the result."""
    global _pool
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return Done(function(*args))
    if _pool is None:
        _pool = multiprocessing.get_context("fork").Pool(workers)
    return _pool.apply_async(function, args)


def close(stop=False):
    """The workers go: at the end of a run once their work is done (make serve forks fresh ones,
    with its current code, next time); with ``stop``, at the start of a run, whatever a run that
    failed left them doing."""
    global _pool
    if _pool is not None:
        if stop:
            _pool.terminate()
        else:
            _pool.close()
        _pool.join()
        _pool = None
