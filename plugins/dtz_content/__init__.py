"""DTZ content model and validation: reads every typed file, checks it, and offers the catalog.

Public API for other plugins (use nothing else from this package):

- ``catalog(context)``: the build's Catalog, with ``published(type)``, ``visible(type)``,
  ``all(type)``, ``item(type, slug)``, ``appearances(item)``, ``agenda(day)``,
  ``tagged(...)``, ``municipalities()``, ``sectors()``, ``today``, ``preview``,
  and ``problems`` (add Problem objects during generate_context to stop the build),
  ``add_check(check)`` (checks that need the resolved catalog: they run before the report).
- ``passages.select(html, municipalities)``: a text with only the '::: gemeente …' passages for
  those municipalities.
- ``setting_problem(name, what, expected)``: a bad setting as a Problem at its line in pelicanconf.py;
  ``count_problem(name, value, minimum, example)``: that Problem for a setting that must be a whole number, or None.
- ``write_output(output_path, relative, data)``: write bytes into the build's (staging) output folder
  (only when output/ does not hold those bytes yet).
- ``before_sync(step)``: during a run, have ``step(run)`` work on the finished staging folder before
  it replaces output/ (``run.staging``, ``run.final``, ``run.wanted``, ``run.keep(relative)``,
  ``run.published(relative)``, ``run.fresh``); ``after_sync(hook)``: ``hook(run)`` once output/ holds it.
- ``record_issue(issue, sources)``: note a built nieuwsbrief issue and the files it is made from in the
  build record (``buildrecord``: ``OUTPUT_PATH/.dtz-build.json``, read by delivery and deploy).
- ``writer.write_file(..., dtz_inputs=catalog.page_inputs(...))``: skip rendering a page whose inputs did not change.
- ``workers(settings)``: how many processes may work side by side (DTZ_WORKERS, default the cores).
- ``DiskCache(settings, kind)``, ``digest(*parts)`` and ``folder_digest(folder)``: keep slow results on
  disk by a hash of their inputs.
- ``type_folder(ctype, content_path, settings)``: the folder a type's files are read from.
- ``ContentError``: raise it (or a subclass) to stop a build with one line and no traceback.
- ``Problem``, ``TYPES``, ``dates``, ``absolute``, ``absolute_links``, ``pretty_url``, ``inside``, ``item_id``, ``term_slug``,
  ``local_day``; on every item: ``lead_image`` ((path, alt) or None).
"""

import logging
import sys

from pelican import signals

from . import buildrecord, dates, passages, staging
from .catalog import local_day, term_slug
from .diskcache import DiskCache, digest, folder_digest
from .parallel import workers
from .generator import ContentGenerator, get_catalog
from .model import TYPES
from .problems import ContentError, Problem, count_problem, report, setting_problem
from .staging import after_sync, before_sync, wrap_run, write_output
from .paths import inside, type_folder
from .templating import absolute, absolute_links, add_filters, item_id, pretty_url
from .writer import get_writer

__all__ = ["after_sync", "before_sync", "type_folder", "TYPES", "buildrecord", "record_issue", "ContentError", "DiskCache", "Problem", "absolute", "absolute_links", "catalog", "count_problem", "dates", "digest", "folder_digest", "inside", "item_id", "local_day", "passages", "pretty_url", "setting_problem", "term_slug", "workers", "write_output"]

catalog = get_catalog


def record_issue(issue, sources):
    """Note a built nieuwsbrief issue in the build record: its state, its day and its source files."""
    staging.record_issue(issue.slug, buildrecord.issue_entry(issue.state, local_day(issue), sources))


def get_generators(pelican):
    return ContentGenerator


def stop_on_problems(generators):
    """All content is read and checked: report everything, and stop before anything is written."""
    context = generators[0].context
    found = get_catalog(context)
    found.run_checks()
    report(found.problems, found.warnings)
    if found.problems:
        count = len(set(found.problems))
        raise ContentError(f"{count} {'fout' if count == 1 else 'fouten'} in de inhoud; er is niets geschreven")
    counts = ", ".join(f"{len(found.published(key))} {TYPES[key].plural.lower()}" for key in TYPES)
    print(f"DTZ: gepubliceerd: {counts}" + (" (voorbeeldweergave met concepten)" if found.preview else ""))


class QuietContentError(logging.Filter):
    """Pelican logs uncaught exceptions with a traceback; content errors already said it all."""

    def filter(self, record):
        if record.exc_info and isinstance(record.exc_info[1], ContentError):
            record.exc_info = None
        return True


QUIET = QuietContentError()


def build_frame(pelican):
    """Every run builds into staging; in preview (make serve) content errors don't end the run.

    Pelican's autoreload loop retries at once after an exception, printing the same errors
    without pause; returning lets it wait for the next save, with the old output still served.
    """
    wrap_run(pelican)
    staged_run = pelican.run

    def run():
        try:
            return staged_run()
        except ContentError as error:
            if not pelican.settings.get("DTZ_PREVIEW"):
                raise
            print(f"{error}; de vorige versie blijft staan tot de fouten hersteld zijn", file=sys.__stderr__)

    pelican.run = run


def register():
    logging.getLogger("pelican").addFilter(QUIET)  # adding the same filter twice is a no-op
    signals.initialized.connect(build_frame)
    signals.generator_init.connect(add_filters)
    signals.get_generators.connect(get_generators)
    signals.get_writer.connect(get_writer)
    signals.all_generators_finalized.connect(stop_on_problems)
