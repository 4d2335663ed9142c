"""Keywords (``Tags``): spellings that differ only in case or accents are one keyword, with one page.

A keyword is shown in its most used spelling (a warning names the other); two keywords that
are different words but get the same slug would share /trefwoord/<slug>/: an error naming both.
"""

import unicodedata
from collections import Counter
from dataclasses import dataclass, field

import dtz_content

URL = "trefwoord/{slug}/"


@dataclass
class Keyword:
    name: str  # the most used spelling
    slug: str
    items: list = field(default_factory=list)  # visible items, newest first

    @property
    def url(self):
        return URL.format(slug=self.slug)


def folded(spelling):
    """The spelling without case and accents: 'Café' and 'cafe' are one keyword."""
    decomposed = unicodedata.normalize("NFKD", spelling.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


def tags(item):
    return [tag.strip() for tag in getattr(item.fields, "tags", None) or [] if tag.strip()]


def line(item):
    return item.header_lines.get("tags", 1)


def collect(catalog, settings):
    """(keywords by slug, problems, warnings) for every item with Tags; pages list visible items only."""
    uses = {}  # folded spelling -> Counter of spellings; first use of each spelling -> item
    first = {}
    tagged = [item for key in dtz_content.TYPES for item in catalog.all(key) if tags(item)]
    for item in tagged:
        for tag in tags(item):
            uses.setdefault(folded(tag), Counter())[tag] += 1
            first.setdefault(tag, item)
    problems, warnings, by_slug, spelling_of = [], [], {}, {}
    for key, counts in uses.items():
        name = min(counts, key=lambda s: (-counts[s], s))
        spelling_of[key] = name
        for other in sorted(s for s in counts if s != name):
            item = first[other]
            warnings.append(
                dtz_content.Problem(
                    item.display_path,
                    line(item),
                    "Tags",
                    f"'{other}' en '{name}' zijn hetzelfde trefwoord; het wordt getoond als '{name}'",
                    f"schrijf het overal als '{name}'",
                )
            )
        slug = dtz_content.term_slug(name, settings)
        clash = by_slug.get(slug)
        if not slug or clash is not None:
            item = first[name]
            what = (
                f"'{name}' geeft geen webadres"
                if not slug
                else f"'{name}' en '{clash.name}' ({first[clash.name].display_path}) krijgen hetzelfde webadres /{URL.format(slug=slug)}"
            )
            problems.append(
                dtz_content.Problem(
                    item.display_path,
                    line(item),
                    "Tags",
                    what,
                    "een trefwoord met letters of cijfers dat in een eigen webadres verschilt van de andere",
                )
            )
            continue
        by_slug[slug] = Keyword(name, slug)
    for key in dtz_content.TYPES:
        for item in catalog.visible(key):
            for tag in dict.fromkeys(folded(t) for t in tags(item)):
                keyword = by_slug.get(dtz_content.term_slug(spelling_of[tag], settings))
                if keyword is not None and keyword.name == spelling_of[tag]:
                    keyword.items.append(item)
    for keyword in by_slug.values():
        keyword.items = sort_newest_first(keyword.items)
    shown = {slug: keyword for slug, keyword in by_slug.items() if keyword.items}
    return dict(sorted(shown.items())), problems, warnings


def sort_newest_first(items):
    return sorted(items, key=lambda i: (getattr(i, "date", None) is not None, getattr(i, "date", None) and i.date, i.slug), reverse=True)
