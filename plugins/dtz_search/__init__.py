"""Site search with Pagefind (README "Search"): /zoeken/ in every language with a site, the index of the run's
pages (``index``), and a page per keyword (``Tags``): spellings that differ only in case or accents are one keyword,
shown in its most used spelling; two keywords with one slug are an error. Templates get ``item_search_facts(item)``."""

import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from pelican import signals
from pelican.generators import Generator

import dtz_build
import dtz_content

from . import index

SEARCH_URL = "zoeken/"
OVERVIEW = "Overzicht"  # the type filter of overview pages (a type, a municipality, a sector, a keyword)
TYPE_KEYS = ("pearl", "company", "cop", "event", "newsletter", "page")  # types whose pages are indexed, in menu order
KEYWORD_URL = "trefwoord/{slug}/"
DIFFERENT = "een trefwoord met letters of cijfers dat in een eigen webadres verschilt van de andere"


class SearchGenerator(Generator):
    def generate_context(self):
        found = self.context["dtz_keywords"] = {}
        catalog = dtz_content.catalog(self.context)
        catalog.add_check(lambda catalog: found.update(collect(catalog, self.settings)))
        catalog.add_page_in(SEARCH_URL)  # every language with a site has its search page (Pagefind splits by <html lang>)

    def generate_output(self, writer):
        catalog = dtz_content.catalog(self.context)
        if self.settings.get("DTZ_SEARCH_INDEX", True):  # made on the run's finished result
            dtz_build.current(self.settings).before_sync.append(index.index_run)
        common = catalog.overview_values()
        for keyword in self.context["dtz_keywords"].values():
            dtz_content.write_page(self, writer, keyword.url, "keyword", keyword=keyword, entries=keyword.items, **common)
        types = [dtz_content.TYPES[key].label for key in TYPE_KEYS] + [OVERVIEW]
        overviews = [(dtz_content.TYPES[key].plural, dtz_content.TYPES[key].index_url) for key in TYPE_KEYS if dtz_content.TYPES[key].index_url]
        dtz_content.write_page(self, writer, SEARCH_URL, "search", noindex=True, types=types, overviews=overviews, **common)
        for lang in dtz_content.languages.others(self.settings):  # the search page of each other language's site: its overviews
            if has := catalog.pages_in(lang):
                shown = [(label, link) for label, link in overviews if link in has]
                url = dtz_content.languages.at(lang, SEARCH_URL, self.settings)
                dtz_content.write_page(self, writer, url, "search", noindex=True, types=types, overviews=shown, **common)


@dataclass
class Keyword:
    name: str  # the most used spelling
    slug: str
    url: str  # KEYWORD_URL's
    items: list = field(default_factory=list)  # visible items, newest first


def folded(spelling):
    """The spelling without case and accents: 'Café' and 'cafe' are one keyword."""
    decomposed = unicodedata.normalize("NFKD", spelling.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


def tags(item):
    return [tag.strip() for tag in getattr(item.fields, "tags", None) or [] if tag.strip()]


def problem(item, what, expected=DIFFERENT):
    return dtz_content.Problem(item.display_path, item.header_lines.get("tags", 1), "Tags", what, expected)


def collect(catalog, settings):
    """Keywords by slug for every item with Tags (pages list visible items only); a spelling or an address
    two files clash on is told to the catalog (a warning or error, on a draft's banner as a warning)."""
    uses, newest = {}, {}  # folded spelling -> Counter of spellings; the newest item using each spelling
    for item in (item for key in dtz_content.TYPES for item in catalog.all(key)):
        for tag in tags(item):
            uses.setdefault(folded(tag), Counter())[tag] += 1
            newest[tag] = dtz_content.blame(newest[tag], item, "tags")[0] if tag in newest else item
    by_slug, of_folded = {}, {}  # slug -> Keyword; folded spelling -> its Keyword, when it got one
    for key, counts in uses.items():
        name = min(counts, key=lambda s: (-counts[s], s))
        for other in sorted(s for s in counts if s != name):
            told, named = dtz_content.blame(newest[name], newest[other], "tags")  # the newer file makes the clash
            mine, theirs = (other, name) if told is newest[other] else (name, other)
            where = f"staat in {named.display_path} als '{theirs}'" if named is not told else f"staat hier ook als '{theirs}'"
            what = f"'{mine}' {where}: één trefwoord, getoond als '{name}'"
            catalog.warn(told, problem(told, what, f"schrijf het overal als '{name}'"))
        slug = dtz_content.term_slug(name, settings)
        if not slug:
            catalog.against(newest[name], problem(newest[name], f"'{name}' geeft geen webadres"))
            continue
        if (clash := by_slug.get(slug)) is not None:
            told, named = dtz_content.blame(newest[clash.name], newest[name], "tags")
            mine, theirs = (name, clash.name) if told is newest[name] else (clash.name, name)
            what = f"'{mine}' en '{theirs}' ({named.display_path}) krijgen hetzelfde webadres /{clash.url}"
            catalog.against(told, problem(told, what))
            continue
        by_slug[slug] = of_folded[key] = Keyword(name, slug, KEYWORD_URL.format(slug=slug))
    for item in (item for key in dtz_content.TYPES for item in catalog.visible(key)):
        for tag in {folded(t) for t in tags(item)} & of_folded.keys():
            of_folded[tag].items.append(item)
    for keyword in by_slug.values():  # newest first
        keyword.items.sort(key=lambda i: (getattr(i, "date", None) is not None, getattr(i, "date", None) and i.date, i.slug), reverse=True)
    return {slug: keyword for slug, keyword in sorted(by_slug.items()) if keyword.items}


def item_facts(item):
    """What the index files an item page under: type, municipalities, sector, date (events: their start)."""
    date = getattr(item.fields, "start", None) if item.type == "event" else getattr(item.fields, "date", None)
    return {"type": item.content_type.label, "gemeente": item.municipality_list, "sector": item.sector_list, "date": date, "concept": item.draft_like}


def add_globals(generator):
    generator.env.globals["item_search_facts"] = item_facts


def register():
    signals.get_generators.connect(dtz_build.adds_generator(SearchGenerator))
    signals.generator_init.connect(add_globals)
