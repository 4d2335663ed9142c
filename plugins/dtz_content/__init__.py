"""DTZ content core: the content model, validation, and the catalog other plugins query through the names in ``__all__``
(README "The content core's public names"); staging, writing and caching a build is the engine's job (``dtz_build``)."""

import time

from pelican import signals

import dtz_build

from . import dates, languages, passages, plan
from .catalog import blame, by_title, local_day, term_slug, today
from .generator import ContentGenerator, page_at_once, write_page, get_catalog as catalog  # the name plugins call, not the module
from .kinds import as_list
from .header import read_header
from .model import LANGUAGES, TYPES, type_folder
from .problems import ContentError, Problem, count_problem, display_path, setting_problem, stop_on
from .hints import files_below
from .templating import absolute, absolute_links, add_filters, item_id, pretty_url

__all__ = [
    "LANGUAGES",
    "TYPES",
    "ContentError",
    "Problem",
    "absolute",
    "absolute_links",
    "blame",
    "as_list",
    "by_title",
    "catalog",
    "count_problem",
    "dates",
    "files_below",
    "hints",
    "display_path",
    "item_id",
    "languages",
    "local_day",
    "page_at_once",
    "passages",
    "plan",
    "pretty_url",
    "read_header",
    "setting_problem",
    "stop_on",
    "term_slug",
    "today",
    "type_folder",
    "write_page",
]


def stop_on_problems(generators):
    """All content is read and checked: report everything, and stop before anything is written."""
    context = generators[0].context
    found = catalog(context)
    # what pages depend on that no template value shows, before the checks: a check may render (and key) an e-mail
    dtz_build.share_input(context, "dtz_content", f"{found.preview}")
    dtz_build.share_input(context, "dtz_languages", languages.catalogue_digest(context))  # the .po files
    found.run_checks()
    found.settle()
    stop_on(found.problems, found.warnings)
    dtz_build.current(context).after_sync.append(  # said once the site is in place
        lambda done: print(found.closing_line(time.monotonic() - done.started), flush=True)
    )


def register():
    signals.generator_init.connect(add_filters)
    signals.get_generators.connect(dtz_build.adds_generator(ContentGenerator))
    signals.all_generators_finalized.connect(stop_on_problems)
