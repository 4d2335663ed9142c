"""DTZ content core: the content model, validation, and the catalog other plugins query.

How a build is staged, written and cached is the build engine's job (``dtz_build``).

Public API for other plugins (use nothing else from this package):

- ``catalog(context)``: the build's Catalog, with ``published(type)``, ``visible(type)``,
  ``all(type)``, ``item(type, slug)``, ``appearances(item)``, ``naming(item, type)`` (visible items of a type
  that name ``item``: a company's pearls, CoPs and events), ``agenda(day)``,
  ``tagged(...)``, ``municipalities()``, ``sectors()``, ``overview_values()`` (what every overview page's template gets), ``today``, ``preview``,
  ``offer(kind, link)`` / ``offered(kind)`` (feeds and calendars readers can subscribe to; templates
  read ``dtz_catalog.offered()``),
  ``read(type)`` (every item read from the type's files, those with problems of their own included: for
  checks of what a file holds), ``against(item, problem)`` (a problem a check finds: an error, or a warning
  on the CONCEPT banner while the item is a draft), ``warn(item, problem)`` (a warning, on a draft's banner too),
  and ``problems`` (add Problem objects during generate_context to stop the build),
  ``add_check(check)`` (checks that need the resolved catalog: they run before the report).
- ``languages``: the sites per language (README "Translations and the English site"): ``others(settings)`` (the
  languages besides DEFAULT_LANG, DTZ_LANGUAGES), ``at(lang, path, settings)`` (a path below that language's root),
  ``split(url, settings)``; the catalog's ``visible(type, lang)``/``published(type, lang)`` (a language's translations),
  ``pages_in(lang)`` (paths the site has in ``lang``; none without a visible translation), ``add_page_in(path)`` (a
  page a plugin writes in every language that has a site); ``write_page`` gives a page its language's values
  (``page_lang``, menus, ``versions`` for hreflang and the switch); ``languages.script_words(settings, lang, name)``
  (the catalogue's translations of a theme script's string literals, for dtz_assets' copy of it in ``lang``).
- ``passages.select(html, municipalities)``: a text with only the '::: gemeente …' passages for
  those municipalities.
- ``setting_problem(name, what, expected)``: a bad setting as a Problem at its line in pelicanconf.py;
  ``count_problem(name, value, minimum, example)``: that Problem for a setting that must be a whole number, or None.
- ``type_folder(ctype, content_path, settings)``: the folder a type's files are read from.
- ``hints``: the one rule for "bedoelde u …?" (``hints.near_miss(word, choices)``, ``hints.meant(value)``);
  ``files_below(content_path, suffixes)``: the files a path may be a near miss of.
- ``write_page(generator, writer, url, template, save_as=None, **values)``: a page at ``url`` (its
  index.html) from a template, the one way generators write theirs.
- ``page_at_once(context, path)``: make serve's page of a saved Markdown file, written at once from the
  last good build's context (``dtz_build``'s ``session.last``); returns the file's own error lines.
- ``today(settings)``: the build's day (``DTZ_TODAY``, by default today in Europe/Amsterdam);
  ``display_path(path)``: a path as problem lines show it (relative to the working directory).
- ``ContentError``: raise it (or a subclass) to stop a build with one line and no traceback;
  ``stop_on(problems, warnings=(), about=..., outcome=...)``: print every problem line, then stop with
  '3 fouten in <about>; <outcome>' when there are any.
- ``by_title(items)``: items alphabetically by title (the register's order of companies);
  ``as_list(value)``: a field's typed value as a list.
- ``blame(earlier, later, key)``: (the file to tell, the other) of two files that clash on a value: the one
  whose own ``key`` line makes the clash, else the newer by Date (duplicate slugs, titles, keyword spellings).
- ``plan``: the annual plan's header lines (a target's ``Part`` and ``Report`` values, ``plan_year(settings)``,
  ``quarter_end(year, quarter)``, ``report_part(report, parts)``).
- ``Problem``, ``TYPES``, ``dates``, ``absolute``, ``absolute_links``, ``pretty_url``, ``item_id``, ``term_slug``,
  ``local_day``; on every item: ``lead_image`` ((path, alt) or None), ``image_fields`` ([(Field, path)]),
  ``header_lines`` ({field key: line}), ``display_path``, ``source_path``, ``draft_problems`` (a draft's
  problems, warnings shown on its CONCEPT banner), ``unfinished`` (True for a draft with problems of its own:
  in no list, only on a page of its own in preview), ``sector_list``, ``linked(field)``
  ((name, register item or None) for every name in a field such as a CoP's Members), and
  ``record_dependency(key)`` (something a page showing the item reads besides its file, such as an
  image's bytes: part of the item's keys; record it in a check, before pages are written).
- A type with ``sheet`` in the model (``company``: the bedrijvenregister) is read from
  ``content/<folder>/<sheet>.xlsx`` or ``.csv`` (``sheet.py``), one item per row, ``path:ROW`` in problems.
"""

import time

from pelican import signals

import dtz_build

from . import dates, languages, passages, plan, summary
from .catalog import blame, by_title, local_day, term_slug, today
from .at_once import page_at_once
from .generator import ContentGenerator, get_catalog, write_page
from .kinds import as_list
from .header import read_header
from .model import LANGUAGES, TYPES
from .problems import ContentError, Problem, count_problem, display_path, setting_problem, stop_on
from .paths import files_below, type_folder
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

catalog = get_catalog


def get_generators(pelican):
    return ContentGenerator


def stop_on_problems(generators):
    """All content is read and checked: report everything, and stop before anything is written."""
    context = generators[0].context
    found = get_catalog(context)
    found.share_inputs()  # before the checks: a check may render (and key) an e-mail
    found.run_checks()
    found.settle()
    stop_on(found.problems, found.warnings)
    dtz_build.current(context).after_sync.append(  # said once the site is in place
        lambda done: print(summary.closing_line(found, time.monotonic() - done.started), flush=True)
    )


def register():
    signals.generator_init.connect(add_filters)
    signals.get_generators.connect(get_generators)
    signals.all_generators_finalized.connect(stop_on_problems)
