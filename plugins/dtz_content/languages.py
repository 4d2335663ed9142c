"""Languages: the Dutch site at the root, a site per language of ``DTZ_LANGUAGES`` below ``/<lang>/`` (README
"Translations and the English site"): a translation lives at its original's path there, a page gets its language's
settings and ``versions`` for hreflang, and the theme's Dutch strings are translated by each language's .po."""

import io
import os
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from jinja2 import pass_context
from markupsafe import Markup

import dtz_build

CATALOGUE = os.path.join("translations", "{lang}", "LC_MESSAGES", "messages.po")  # below the theme
LANG_PREFIX = "{lang}/"  # Pelican's <TYPE>_LANG_URL and _SAVE_AS: a translation at its original's path below /<lang>/
LINKS = ("DTZ_MENU", "DTZ_FOOTER_LINKS")  # (label, address) settings: in another language, below its root


def others(settings):
    """The languages besides DEFAULT_LANG that have a site (the keys of DTZ_LANGUAGES)."""
    return list(settings.get("DTZ_LANGUAGES") or {})


def split(url, settings):
    """(language, address below its root) of a page: 'en/parels/x/' -> ('en', 'parels/x/')."""
    first, _, rest = url.partition("/")
    return (first, rest) if first in others(settings) else (settings["DEFAULT_LANG"], url)


def at(lang, path, settings):
    """The address of ``path`` in ``lang``: 'parels/' -> 'en/parels/'."""
    return path if lang in (None, settings["DEFAULT_LANG"]) else f"{lang}/{path}"


def page_values(settings, url, has):
    """What the page at ``url`` gets for its language (``has(lang, path)``: the site has it); a Dutch page without translation none."""
    lang, path = split(url, settings)
    default = settings["DEFAULT_LANG"]
    versions = [(each, at(each, path, settings)) for each in [default, *others(settings)] if each == lang or each == default or has(each, path)]
    values = {"versions": versions} if len(versions) > 1 else {}
    if lang == default:
        return values
    own = dict(settings["DTZ_LANGUAGES"][lang])
    for name in LINKS:
        own[name] = [(label, at(lang, link, settings)) for label, link in own.get(name, ()) if has(lang, link.split("#", 1)[0])]
    # a link from this page to a page only DEFAULT_LANG has (a municipality's) says so: hreflang
    return {**own, **values, "page_lang": lang, "in_dutch": Markup(f' hreflang="{default}"')}


def catalogue_path(settings, lang):
    return os.path.join(settings["THEME"], CATALOGUE.format(lang=lang))


@lru_cache(maxsize=8)
def _read(path, stamp):
    """The .po compiled for gettext, and its translated entries by the files their ``#:`` comments name: once per file
    version (``stamp``: its modification time)."""
    with open(path, "rb") as handle:
        found = read_po(handle)
    compiled, placed = io.BytesIO(), {}
    write_mo(compiled, found)
    compiled.seek(0)
    for message in found:
        if message.id and message.string and isinstance(message.id, str):
            for name, _ in message.locations:
                placed.setdefault(name, []).append((message.id, message.string))
    return Translations(compiled), placed


def catalogue(settings, lang):
    """(translations, entries by file) of the theme's catalogue for ``lang``; ``(NullTranslations, {})`` when it has none."""
    path = catalogue_path(settings, lang)
    return _read(path, os.stat(path).st_mtime_ns) if os.path.isfile(path) else (NullTranslations(), {})


def translations(settings, lang):
    return catalogue(settings, lang)[0]


def script_words(settings, lang, name):
    """{literal: its translation} for a theme script ``name`` ("static/js/search.js"): the entries whose ``#:`` names it."""
    return dict(catalogue(settings, lang)[1].get(name, ()))


def setting(settings, lang, name):
    """A setting as pages in ``lang`` see it: DTZ_LANGUAGES[lang]'s, else the site's."""
    return ((settings.get("DTZ_LANGUAGES") or {}).get(lang) or {}).get(name, settings.get(name))


def named(settings, lang, name):
    """A municipality's or sector's name in ``lang`` (DTZ_NAMES), else as the setting has it."""
    return (setting(settings, lang, "DTZ_NAMES") or {}).get(name, name)


def gettext(settings, lang):
    """The catalogue's gettext for ``lang`` (the text itself for DEFAULT_LANG): for what Python writes, such as feeds."""
    return translations(settings, lang).gettext if lang in others(settings) else str


def install(env, settings):
    """Jinja's i18n extension (JINJA_ENVIRONMENT) with gettext in the language of the page being rendered."""
    catalogues = defaultdict(NullTranslations, {lang: translations(settings, lang) for lang in others(settings)})  # Dutch: as written
    env.install_gettext_callables(
        pass_context(lambda context, text: catalogues[context.get("page_lang")].gettext(text)),
        pass_context(lambda context, one, many, n: catalogues[context.get("page_lang")].ngettext(one, many, n)),
        newstyle=True,
    )


def catalogue_digest(settings):
    """What pages in other languages read besides their values: the catalogues' text (for page keys)."""
    found = [Path(catalogue_path(settings, lang)) for lang in others(settings)]
    return dtz_build.digest(*(path.read_bytes() if path.is_file() else b"" for path in found))
