"""Site search with Pagefind (README "Search"): /zoeken/ in every language with a site, the index of the
run's pages (``index``), and a page per keyword (``keywords``). Templates get ``item_search_facts(item)``.
"""

from pelican import signals
from pelican.generators import Generator

import dtz_build
import dtz_content

from . import index, keywords

SEARCH_URL = "zoeken/"
OVERVIEW = "Overzicht"  # the type filter of overview pages (a type, a municipality, a sector, a keyword)
TYPE_KEYS = ("pearl", "company", "cop", "event", "newsletter", "page")  # types whose pages are indexed, in menu order


class SearchGenerator(Generator):
    def generate_context(self):
        found = self.context["dtz_keywords"] = {}
        catalog = dtz_content.catalog(self.context)
        catalog.add_check(lambda catalog: found.update(keywords.collect(catalog, self.settings)))
        catalog.add_page_in(SEARCH_URL)  # every language with a site has its search page (Pagefind splits by <html lang>)

    def generate_output(self, writer):
        catalog = dtz_content.catalog(self.context)
        if self.settings.get("DTZ_SEARCH_INDEX", True):  # made on the run's finished result
            index.join(dtz_build.current(self.settings))
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


def item_facts(item):
    """What the index files an item page under: type, municipalities, sector, date (events: their start)."""
    date = getattr(item.fields, "start", None) if item.type == "event" else getattr(item.fields, "date", None)
    return {"type": item.content_type.label, "gemeente": item.municipality_list, "sector": item.sector_list, "date": date, "concept": item.draft_like}


def add_globals(generator):
    generator.env.globals["item_search_facts"] = item_facts


def get_generators(pelican):
    return SearchGenerator


def register():
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(add_globals)
