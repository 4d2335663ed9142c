"""Bidbook editions: the whole region, and every choice of one, two or three municipalities.

An investor looking at Emmen and Hoogeveen gets the edition ``emmen-hoogeveen``:
the region's chapters, the chapters about Emmen or Hoogeveen, and inside every
chapter only the passages for Emmen or Hoogeveen (see dtz_content.passages).
"""

from collections import Counter
from dataclasses import dataclass
from itertools import combinations

import dtz_content
import dtz_print

REGION = "regio"  # the slug of the region edition, and the Municipalities value of a regional chapter
LARGEST_CHOICE = 3


@dataclass(frozen=True)
class Edition:
    slug: str
    municipalities: tuple  # configured names, in configured order
    region: bool = False

    @property
    def name(self):
        """How the edition is called on its cover and in lists: 'Emmen en Hoogeveen'."""
        return "De hele regio" if self.region else joined(self.municipalities)

    @property
    def title(self):
        """The cover's title, which also runs in the PDF's page header."""
        return "Bidbook Dutch TechZone" if self.region else f"Bidbook {self.name}"

    @property
    def audience(self):
        """Who the edition is for, to finish a sentence: 'de gemeenten Emmen en Hoogeveen'."""
        if self.region:
            return f"de hele regio: {joined(self.municipalities)}"
        return f"de {'gemeente' if len(self.municipalities) == 1 else 'gemeenten'} {self.name}"

    @property
    def group(self):
        """The heading the edition is listed under on /bidbook/."""
        if self.region:
            return "Regio"
        size = len(self.municipalities)
        return f"{size} {'gemeente' if size == 1 else 'gemeenten'}"

    def includes(self, chapter):
        """A chapter is in the edition when it is regional or names one of the edition's municipalities."""
        names = chapter.municipalities
        return REGION in names or any(name in self.municipalities for name in names)


def editions(settings):
    """The region first, then every combination of 1, 2 and 3 municipalities in configured order.

    A combination of every municipality is the region edition, not a second one.
    """
    names = tuple(settings["DTZ_MUNICIPALITIES"])
    choices = [choice for size in range(1, min(LARGEST_CHOICE, len(names) - 1) + 1) for choice in combinations(names, size)]
    return [Edition(REGION, names, region=True)] + [Edition("-".join(dtz_content.term_slug(n, settings) for n in c), c) for c in choices]


def setting_problems(settings):
    """DTZ_MUNICIPALITIES must name editions apart: at least one, and slugs that differ from each other and from the region's."""
    names = settings.get("DTZ_MUNICIPALITIES")
    expected = 'een lijst met ten minste één gemeente, zoals ["Emmen", "Hoogeveen"]'
    if not isinstance(names, (list, tuple)) or not names or not all(isinstance(name, str) for name in names):
        what = "is leeg" if isinstance(names, (list, tuple)) and not names else "is geen lijst van namen"
        return [dtz_content.setting_problem("DTZ_MUNICIPALITIES", what, expected)]
    slugs = Counter(edition.slug for edition in editions(settings))  # also 'a-b' from 'A', 'B' and 'A B'
    clashes = sorted(slug for slug, count in slugs.items() if count > 1)
    if clashes:
        what = f"geeft editie-adressen die samenvallen: {', '.join(clashes)}"
        return [dtz_content.setting_problem("DTZ_MUNICIPALITIES", what, f"gemeenten met elk een eigen naam, geen '{REGION}'")]
    return []


@dataclass(frozen=True)
class Section:
    """One chapter as it reads in one edition."""

    anchor: str
    title: str
    html: str
    chapter: object


def sections(edition, chapters):
    """The edition's chapters in the given order, each with only its passages for the edition.

    Chapters share one page (and one PDF): their headings go a level down, below the
    chapter title, and their ids get the chapter's anchor in front.
    """
    found = []
    for chapter in chapters:
        if edition.includes(chapter):
            anchor = f"hoofdstuk-{chapter.slug}"
            html = dtz_content.passages.select(chapter.content, edition.municipalities)
            found.append(Section(anchor, chapter.title, dtz_print.nest(html, anchor), chapter))
    return found


def joined(names):
    """'Emmen', 'Emmen en Hoogeveen', 'Emmen, Coevorden en Hoogeveen'."""
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]
