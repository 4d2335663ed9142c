"""DTZ build engine: how a build runs and what makes a rebuild fast, whatever the content is.

It knows nothing of content types (that is ``dtz_content``); every plugin writes and caches
through it. Public API (use nothing else from this package):

- ``write_output(output_path, relative, data)``: write bytes into the build's (staging) output
  folder, only when output/ does not hold those bytes yet.
- ``writer.write_file(..., dtz_inputs=...)``: the DTZ writer skips rendering a page whose inputs did not change.
- ``DiskCache(settings, kind)``, ``digest(*parts)`` and ``folder_digest(folder)``: keep slow results on
  disk by a hash of their inputs.
- ``workers(settings)``: how many processes may work side by side (DTZ_WORKERS, default the cores);
  ``WORKER_SETTINGS``: the settings that must be whole numbers, with (minimum, example);
  ``counts(value, minimum)``: whether a setting value is such a whole number.
- ``pool``: ``submit(function, args, workers)`` runs on a worker process; ``close(stop=)``.
- ``prerendered(readers, paths, settings)``: Markdown rendered on the workers while the build reads on.
- ``reader_cache``: ``forget_if_stale`` and ``saved`` around Pelican's reader cache.
- ``pagekeys``: the hash of what a page is made from.
"""

from pelican import signals

from . import pagekeys, pool, reader_cache
from .diskcache import DiskCache, digest, folder_digest
from .prerender import LIMITS as WORKER_SETTINGS
from .prerender import counts, prerendered, workers
from .staging import wrap_run, write_output
from .templates import keep_compiled
from .writer import get_writer

__all__ = [
    "WORKER_SETTINGS", "DiskCache", "counts", "digest", "folder_digest", "pagekeys", "pool", "prerendered",
    "reader_cache", "workers", "write_output",
]


def register():
    signals.initialized.connect(wrap_run)
    signals.get_writer.connect(get_writer)
    signals.generator_init.connect(keep_compiled)
