"""Render Markdown on every core while the build goes on reading, checking and cataloguing.

A cold build spends most of its reading time in the Markdown reader, file by
file, and each file is independent of the others. Here the run's worker processes
(forked, so they share the settings and readers as they are) run the reader on
the files ahead of the serial loop; Pelican's ``Readers.read_file`` then gets
each result from the reader as if it had rendered it itself. Everything else
(metadata, Content objects, the catalog) still happens in this process, in the
same order, so the site is byte for byte the one a serial build writes
(tests/test_build_equivalence.py).

Settings: ``DTZ_WORKERS`` (processes; default the number of cores, 1 reads
serially) and ``DTZ_PARALLEL_MIN`` (fewer files than this to render, as in a
warm rebuild where the reader cache has the rest, are read serially: starting
workers would cost more than it saves).
"""

from contextlib import contextmanager

from pelican.utils import file_suffix

from .pool import setting
from .run import current


class WorkerReaders:
    """In a worker process only: the readers it inherited when it was forked."""

    readers = None

    @classmethod
    def adopt(cls, readers):
        cls.readers = readers


def _render(path):
    """In a worker: what the reader returns for ``path``, or None to let the build read it itself."""
    try:
        return WorkerReaders.readers.readers[file_suffix(path)].read(path)
    except Exception:  # the serial read reports it, as a Problem  # noqa: BLE001
        return None


@contextmanager
def prerendered(readers, paths, settings):
    """Within the block, the readers return worker results for ``paths`` (absolute, in reading order).

    Paths the build skips (a file with problems) are passed over; paths read
    out of order, or a worker that failed, fall back to the reader itself.
    """
    processes = None
    if len(paths) >= setting(settings, "DTZ_PARALLEL_MIN", 64):
        processes = current(settings).pool.start(WorkerReaders.adopt, (readers,))
    if processes is None:
        yield
        return
    results = zip(paths, processes.imap(_render, paths, chunksize=8))
    waiting = set(paths)
    originals = {}

    def take(path):
        if path in waiting:
            for done, result in results:
                waiting.discard(done)
                if done == path:
                    return result
        return None

    def patched(reader):
        read = reader.read

        def read_prerendered(path):
            result = take(path)
            return read(path) if result is None else result

        return read_prerendered

    try:
        for reader in set(readers.readers.values()):
            originals[reader] = reader.__dict__.get("read")
            reader.read = patched(reader)  # an instance attribute: the class, and its name in metadata, stay
        yield
    finally:
        for reader, original in originals.items():
            if original is None:
                del reader.read
            else:
                reader.read = original
