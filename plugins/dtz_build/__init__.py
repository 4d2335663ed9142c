"""DTZ build engine: how a build runs and what makes a rebuild fast, whatever the content is.

It knows nothing of content types (that is ``dtz_content``); every plugin writes and caches
through it. Public API (use nothing else from this package):

- ``current(settings_or_context)``: the build's Run, the one way to reach it (it raises outside a
  run; ``started(settings, staging, final, session)`` makes one for a test that drives a plugin by hand):
  ``run.record`` the build record's entries (``OUTPUT_PATH/.dtz-build.json``, see
  ``dtz_contract.buildrecord``), ``run.keep_for(name, make)``
  keeps a plugin's state for this run only, ``run.before_sync`` steps (on the finished staging folder, before the copies and the sync; ``run.holds(path)``
  says whether the finished site has a file) and
  ``run.after_sync`` hooks, ``run.in_background`` steps (``step(cancelled)``, after the sync on a thread
  of their own, beside the session's next run, which cancels them just before its
  ``before_sync`` steps), ``run.stop_if_superseded()`` (a long step's
  checkpoint: raises ``Superseded`` when make serve saw a newer save).
- ``Session()``: what make serve's runs share (``pelican.run(session)``; a one-off ``pelican.run()``
  does its background steps before it returns): ``session.settled(timeout=None)`` whether the
  background steps are done (waits up to ``timeout``), ``session.stop()`` cancels them and waits.
- ``BuildStopped(message, lines=())``: raise it (or a subclass) to stop a build with a message and no traceback;
  ``error.lines`` are the lines that say why (the problem lines, else the message), as data.
- ``with writer_at_once(context) as writer``: make serve's writer for one page straight into output/
  (atomic, under the session's lock), with the last good run (``session.last`` is its context) current
  again in the block (by its own settings: every make serve run has a Pelican of its own), before the next run catches up.
- ``Superseded``: the BuildStopped of a run a newer save made stale (``session.saved()``): output/ untouched.
- ``write_output(settings, output_path, relative, data, key=None)``: write bytes into the build's (staging)
  output folder, only when output/ does not hold those bytes yet; ``kept_output(settings, output_path,
  relative, key)``: output/'s file when the last run wrote it with the same ``key`` (a ``page_key``) and it is
  untouched (the run keeps it: nothing to make), else None.
- the DTZ writer: ``writer.write_file(name, template, context, **values)`` is the one way to write a
  page; its key comes from ``values`` and the template's files, and an unchanged page is not rendered.
- ``page_key(settings, template=None, **values)``: that key for other results made from values (feed
  entries, e-mails, PDFs), None for a value without a key; ``share_input(settings,
  name, text)``: something every page depends on that no value shows; ``leave_out_setting(settings, name)``:
  a setting that reaches every page depending on it as a value, not shared; ``environment_key(settings)``:
  what every result depends on before content is read (settings, the plugins' code,
  library versions), for caches of reading steps. Types whose ``repr`` says
  nothing of their content define ``cache_key()`` (and ``listed_key()`` for how they count in a list).
- ``DiskCache(settings, kind)``, ``digest(*parts)`` and ``folder_digest(folder)``: keep slow results on
  disk by a hash of their inputs.
- ``reader_cache``: ``forget_if_stale`` and ``saved`` around Pelican's reader cache.
"""

import logging

from pelican import signals

from . import reader_cache
from .digests import digest, folder_digest
from .diskcache import DiskCache
from .frame import QUIET, wrap_run
from .run import BuildStopped, Superseded, current, started
from .session import Session
from .templates import keep_compiled
from .writer import at_once as writer_at_once
from .writer import get_writer, kept_output, write_output

__all__ = [
    "BuildStopped",
    "Session",
    "Superseded",
    "DiskCache",
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
    return current(settings).page_keys.environment()


def share_input(settings, name, text):
    """Something every page and result of this run depends on that no value shows."""
    current(settings).page_keys.share(name, text)


def leave_out_setting(settings, name):
    """A setting every page and result that depends on it gets through its values: left out of what
    they all share, so that a change of it renders again only what it changed. Call it before anything is read."""
    current(settings).page_keys.leave_out(name)


def serve_context(generator):
    """A generator's context (a copy of the settings) reaches the run too: ``current(context)``; a run
    make serve's newer save made stale stops here too."""
    run = current(generator.settings)
    run.stop_if_superseded()
    run.serves(generator.context)


def register():
    logging.getLogger("pelican").addFilter(QUIET)  # adding the same filter twice is a no-op
    signals.initialized.connect(wrap_run)
    signals.get_writer.connect(get_writer)
    signals.generator_init.connect(serve_context)
    signals.generator_init.connect(keep_compiled)
