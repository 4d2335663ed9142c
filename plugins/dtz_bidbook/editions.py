"""Bidbook editions: the whole region, and every choice of one, two or three municipalities.

An investor looking at Emmen and Hoogeveen gets the edition ``emmen-hoogeveen``:
the region's chapters, the chapters about Emmen or Hoogeveen, and inside every
chapter only the passages for Emmen or Hoogeveen (see dtz_content.passages).
"""

from collections import Counter
from dataclasses import dataclass
from gettext import NullTranslations
from itertools import combinations

import dtz_content
import dtz_print

REGION = "regio"  # the slug of the region edition, and the Municipalities value of a regional chapter
LARGEST_CHOICE = 3
AS_WRITTEN = NullTranslations()  # the Dutch the code and templates are written in


@dataclass(frozen=True)
class Edition:
    """An edition, worded in its language (plain values: a page or PDF is keyed by them)."""

    slug: str
    municipalities: tuple  # configured names, in configured order
    region: bool
    name: str  # how it is called on its cover and in lists: 'Emmen en Hoogeveen'
    title: str  # the cover's title, which also runs in the PDF's page header
    audience: str  # who it is for, to finish a sentence: 'de gemeenten Emmen en Hoogeveen'
    group: str  # the heading it is listed under on /bidbook/: 'Regio', '2 gemeenten'

    def includes(self, chapter):
        """A chapter is in the edition when it is regional or names one of the edition's municipalities."""
        names = chapter.municipalities
        return REGION in names or any(name in self.municipalities for name in names)


def say(words, text, many=None, n=1, **values):
    """``text`` (or its plural ``many`` for ``n``) in the language of ``words``, a gettext catalogue
    (the theme's, as its templates have it; the Dutch as written by default), filled in."""
    return (words.ngettext(text, many, n) if many else words.gettext(text)) % values


def editions(settings, words=AS_WRITTEN):
    """The region first, then every choice of 1, 2 and 3 municipalities in configured order (one of all
    of them is the region edition), worded by ``words`` (:func:`say`)."""
    names = tuple(settings["DTZ_MUNICIPALITIES"])
    choices = [choice for size in range(1, min(LARGEST_CHOICE, len(names) - 1) + 1) for choice in combinations(names, size)]
    slugs = [REGION] + ["-".join(dtz_content.term_slug(n, settings) for n in choice) for choice in choices]
    return [worded(words, slug, choice, not index) for index, (slug, choice) in enumerate(zip(slugs, [names, *choices]))]


def worded(words, slug, names, region):
    """The edition of ``names``: 'Emmen', 'Emmen en Hoogeveen', 'Emmen, Coevorden en Hoogeveen'."""
    listed = say(words, "%(first)s en %(last)s", first=", ".join(names[:-1]), last=names[-1]) if len(names) > 1 else "".join(names)
    if region:
        audience = say(words, "de hele regio: %(names)s", names=listed)
        return Edition(slug, names, True, say(words, "De hele regio"), say(words, "Bidbook Dutch TechZone"), audience, say(words, "Regio"))
    size = len(names)
    audience = say(words, "de gemeente %(names)s", "de gemeenten %(names)s", size, names=listed)
    group = say(words, "%(num)d gemeente", "%(num)d gemeenten", size, num=size)
    return Edition(slug, names, False, listed, say(words, "Bidbook %(name)s", name=listed), audience, group)


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
    """The edition's chapters in the given order, each with only its passages for the edition, nested
    (:func:`dtz_print.nest`) below its title, as chapters share one page and one PDF."""
    found = []
    for chapter in chapters:
        if edition.includes(chapter):
            anchor = f"hoofdstuk-{chapter.slug}"
            html = dtz_content.passages.select(chapter.content, edition.municipalities)
            found.append(Section(anchor, chapter.title, dtz_print.nest(html, anchor), chapter))
    return found
