"""DTZ content core: the content model, validation, and the catalog other plugins query through the names in ``__all__``
(README "The content core's public names"), and the filters every template can use, whichever plugin's generator renders
it; staging, writing and caching a build is the engine's job (``dtz_build``)."""

import re
import time
from html import unescape
from urllib.parse import urljoin, urlsplit

from jinja2 import pass_context
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

# A path urljoin only appends to a base (ASCII segments, none empty, "." or ".."; no query, fragment or entity),
# and an http(s) origin (or none) with such a path: joined by concatenation, as urljoin would, without its parsing.
PLAIN_PATH = r"(?:(?!\.\.?(?:/|\Z))[A-Za-z0-9_\-~%.]+(?:/|\Z))*"
PLAIN = re.compile(PLAIN_PATH)
PLAIN_URL = re.compile(r"((?:https?://[A-Za-z0-9\-.]+(?::[0-9]+)?)?)/" + PLAIN_PATH)


def absolute(url, settings):
    """An absolute https URL on the public site, for feeds, e-mail and metadata."""
    base = settings.get("DTZ_SITE_URL", "").rstrip("/") + "/"
    path = url.lstrip("/")
    return base + path if PLAIN.fullmatch(path) and plain_origin(base) is not None else urljoin(base, path)


def plain_origin(base):
    """The scheme and host of ``base`` ("" for none) when its path is plain too, else None."""
    match = PLAIN_URL.fullmatch(base)
    return match.group(1) if match else None


def pretty_url(output_file):
    """parels/x/index.html -> parels/x/ (the URL readers use); 404.html stays 404.html."""
    return (output_file or "").replace("\\", "/").removesuffix("index.html")


def add_filters(generator):
    settings = generator.settings
    generator.env.filters.update(
        datum=pass_context(lambda context, value: dates.datum(value, context.get("page_lang"))),
        tijd=dates.tijd,
        iso=dates.iso,
        absolute=lambda url: absolute(url, settings),
        term_slug=lambda name: term_slug(name, settings),
        # a municipality's or sector's name as the page's language has it (DTZ_NAMES), else as the setting has it
        named=pass_context(lambda context, name: languages.named(settings, context.get("page_lang"), name)),
        # an address below the root of the page's language: 'parels/' -> 'en/parels/' on an English page
        here=pass_context(lambda context, path: languages.at(context.get("page_lang"), path, settings)),
    )
    generator.env.globals.update({"when": pass_context(lambda context, start, end=None: dates.when(start, end, context.get("page_lang")))})
    languages.install(generator.env, settings)


ID_YEAR = 2019  # the year in every item_id; changing it would make every item look new
# href, src, poster or srcset as a word of its own (\b) right after its first letter: a pattern that starts with a letter
# lets re skip ahead to the next h, s or p (a leading \b made it try every position: twice the time)
LINK_ATTRIBUTE = re.compile(r"""(h(?<=\bh)ref|s(?<=\bs)rc|p(?<=\bp)oster|s(?<=\bs)rcset)=(["'])(.*?)\2""", re.S)


def absolute_links(html, page_url, settings):
    """The HTML with every link and image made absolute, as read from ``page_url``: feeds and e-mail are read elsewhere."""
    base = absolute(page_url, settings)
    origin = plain_origin(base)

    def one(value):
        if origin is not None and PLAIN_URL.fullmatch(value):  # '/images/x.webp' gets the origin, 'https://…' stays
            return origin + value if value[0] == "/" else value
        return urljoin(base, unescape(value)).replace("&", "&amp;")

    def replace(match):
        name, quote, value = match.groups()
        if name == "srcset":  # "url 480w, url 960w": each URL, its width as it was
            value = ", ".join(" ".join([one(part.split()[0]), *part.split()[1:]]) for part in value.split(",") if part.strip())
            return f"{name}={quote}{value}{quote}"
        return f"{name}={quote}{one(value)}{quote}"

    return LINK_ATTRIBUTE.sub(replace, html)


def item_id(item, settings):
    """A tag URI (RFC 4151) naming an item for good (type and slug on the site's domain): feed guids and calendar UIDs, so
    readers never see one item twice, whatever URL patterns or dates do."""
    domain = urlsplit(settings.get("DTZ_SITE_URL", "")).hostname or "localhost"
    lang = "" if item.lang == settings["DEFAULT_LANG"] else f"{item.lang}/"  # a translation is an entry of its own
    return f"tag:{domain},{ID_YEAR}:{lang}{item.type}/{item.slug}"


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
    # the closing line, said once the site is in place
    dtz_build.current(context).after_sync.append(lambda done: print(found.closing_line(time.monotonic() - done.started), flush=True))


def register():
    signals.generator_init.connect(add_filters)
    signals.get_generators.connect(dtz_build.adds_generator(ContentGenerator))
    signals.all_generators_finalized.connect(stop_on_problems)
