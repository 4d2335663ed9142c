"""DTZ build engine: how a build runs and what makes a rebuild fast, whatever the content is (README "Build
speed", "How a build runs"). Its public names are ``__all__``, each described in the README's *Plugins*."""

import atexit
import functools
import gc
import logging

from pelican import signals

from . import reader_cache
from .diskcache import DiskCache
from .frame import quiet_stop, wrap_run
from .pagekeys import digest, folder_digest
from .run import KEY, BuildStopped, Session, Superseded, current, started
from .writer import DTZWriter, keep_compiled, kept_output, write_output, at_once as writer_at_once

__all__ = [
    "BuildStopped",
    "Session",
    "Superseded",
    "DiskCache",
    "adds_generator",
    "current",
    "digest",
    "environment_key",
    "folder_digest",
    "kept_output",
    "leave_out_setting",
    "page_key",
    "reader_cache",
    "share_input",
    "started",
    "write_output",
    "writer_at_once",
]


def page_key(settings, template=None, **values):
    """The key of a result made from ``values`` (and ``template``'s files): None for a value without a key."""
    return current(settings).page_keys.key(template, **values)


def environment_key(settings):
    """Settings, the plugins' code and library versions as one digest."""
    return current(settings).page_keys.environment


def share_input(settings, name, text):
    """Something every page and result of this run depends on that no value shows."""
    current(settings).page_keys.share(name, text)


def leave_out_setting(settings, name):
    """A setting every page and result that depends on it gets through its values: left out of what
    they all share, so that a change of it renders again only what it changed. Call it before anything is read."""
    current(settings).page_keys.leave_out(name)


@functools.cache
def adds_generator(cls):
    """The receiver that adds the generator ``cls``: one function per class, kept alive here (blinker holds receivers
    weakly) and the same on every register(), so that a second build in one process does not add it twice."""
    return lambda pelican: cls


def serve_context(generator):
    """A generator's context (a copy of the settings) reaches the run too: ``current(context)``, and so the copies
    signals get; a run make serve's newer save made stale stops here too."""
    run = current(generator.settings)
    run.stop_if_superseded()
    generator.context[KEY] = run
    run.context = generator.context


def register():
    logging.getLogger("pelican").addFilter(quiet_stop)  # adding the same filter twice is a no-op
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)  # at exit Python's last collection would walk every object a build left: the OS frees them at once
    signals.initialized.connect(wrap_run)
    signals.get_writer.connect(adds_generator(DTZWriter))  # the same shape: a receiver that returns the class
    signals.generator_init.connect(serve_context)
    signals.generator_init.connect(keep_compiled)
