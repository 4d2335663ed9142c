"""The bidbook: an edition for the region and for every choice of one, two or three municipalities (README, *Bidbook*):
``emmen-hoogeveen`` holds the region's chapters and those about Emmen or Hoogeveen, only their passages for them, web and PDF."""

from collections import Counter
from dataclasses import dataclass
from gettext import NullTranslations
from itertools import combinations, groupby

from pelican import signals

import dtz_build
import dtz_content
import dtz_print
from dtz_content import languages

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
        return REGION in chapter.municipalities or any(name in self.municipalities for name in chapter.municipalities)


def say(words, text, many=None, n=1, **values):
    """``text`` (or its plural ``many`` for ``n``) in the language of ``words``, a gettext catalogue
    (the theme's, as its templates have it; the Dutch as written by default), filled in."""
    return (words.ngettext(text, many, n) if many else words.gettext(text)) % values


def editions(settings, words=AS_WRITTEN):
    """The region first, then every choice of 1, 2 and 3 municipalities in configured order (one of all
    of them is the region edition), worded by ``words`` (:func:`say`)."""
    names = tuple(settings["DTZ_MUNICIPALITIES"])
    choices = [choice for size in range(1, min(LARGEST_CHOICE, len(names) - 1) + 1) for choice in combinations(names, size)]
    return [worded(words, REGION, names, True)] + [worded(words, "-".join(dtz_content.term_slug(n, settings) for n in c), c, False) for c in choices]


def worded(words, slug, names, region):
    """The edition of ``names``: 'Emmen', 'Emmen en Hoogeveen', 'Emmen, Coevorden en Hoogeveen'."""
    listed = say(words, "%(first)s en %(last)s", first=", ".join(names[:-1]), last=names[-1]) if len(names) > 1 else "".join(names)
    if region:
        audience = say(words, "de hele regio: %(names)s", names=listed)
        return Edition(slug, names, True, say(words, "De hele regio"), say(words, "Bidbook Dutch TechZone"), audience, say(words, "Regio"))
    audience = say(words, "de gemeente %(names)s", "de gemeenten %(names)s", len(names), names=listed)
    group = say(words, "%(num)d gemeente", "%(num)d gemeenten", len(names), num=len(names))
    return Edition(slug, names, False, listed, say(words, "Bidbook %(name)s", name=listed), audience, group)


def setting_problems(settings):
    """DTZ_MUNICIPALITIES must name editions apart: at least one, and slugs that differ from each other and from the region's."""
    names = settings.get("DTZ_MUNICIPALITIES")
    expected = 'een lijst met ten minste één gemeente, zoals ["Emmen", "Hoogeveen"]'
    if not isinstance(names, (list, tuple)) or not names or not all(isinstance(name, str) for name in names):
        what = "is leeg" if isinstance(names, (list, tuple)) and not names else "is geen lijst van namen"
        return [dtz_content.setting_problem("DTZ_MUNICIPALITIES", what, expected)]
    clashes = sorted(slug for slug, count in Counter(e.slug for e in editions(settings)).items() if count > 1)  # 'a-b' from 'A', 'B', 'A B'
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
    included = [(f"hoofdstuk-{c.slug}", c, dtz_content.passages.select(c.content, edition.municipalities)) for c in chapters if edition.includes(c)]
    return [Section(anchor, c.title, dtz_print.nest(html, anchor), c) for anchor, c, html in included]


URL = "bidbook/"
CONTACT = {"name": "Programmabureau Dutch TechZone", "email": "info@dutchtechzone.nl", "web": "https://www.dutchtechzone.nl"}


class BidbookGenerator(dtz_print.PrintingGenerator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.words = {lang: languages.translations(self.settings, lang) for lang in languages.others(self.settings)}
        self.editions = {None: editions(self.settings), **{lang: editions(self.settings, words) for lang, words in self.words.items()}}
        self.contacts = {lang: languages.setting(self.settings, lang, "DTZ_BIDBOOK_CONTACT") or CONTACT for lang in self.editions}

    def generate_context(self):
        catalog = dtz_content.catalog(self.context)
        catalog.problems.extend(setting_problems(self.settings))
        catalog.add_check(self.untranslated)

    def books(self, catalog):
        """{lang: its visible chapters}: Dutch (None), and each other language that has a chapter."""
        return {lang: chapters for lang in self.editions if (chapters := catalog.visible("chapter", lang)) or lang is None}

    def untranslated(self, catalog):
        """Once every item is read: a page /<lang>/bidbook/ for the menus, and a warning per edition in another
        language that leaves out chapters without a translation, naming them."""
        for lang, chapters in self.books(catalog).items():
            if lang is None:
                continue
            catalog.add_page_in(URL)
            slugs = {chapter.slug for chapter in chapters}
            for edition in self.editions[lang]:
                catalog.add_page_in(f"{URL}{edition.slug}/")
                missing = [c for c in catalog.visible("chapter") if edition.includes(c) and c.slug not in slugs]
                if missing:
                    count = f"{len(missing)} {'hoofdstuk' if len(missing) == 1 else 'hoofdstukken'}"
                    where = languages.at(lang, f"{URL}{edition.slug}/", self.settings)
                    what = f"de editie /{where} laat {count} zonder vertaling weg: {', '.join(c.display_path for c in missing)}"
                    expected = f"een vertaling van elk, te beginnen met make new TYPE=hoofdstuk TAAL={lang} SLUG={missing[0].slug}"
                    catalog.warnings.append(dtz_content.Problem(missing[0].display_path, 1, "Vertaling", what, expected))

    def generate_output(self, writer):
        catalog = dtz_content.catalog(self.context)
        for lang in self.books(catalog):
            groups = [(group, list(found)) for group, found in groupby(self.editions[lang], lambda edition: edition.group)]  # in order
            drafts = [item for item in catalog.unfinished_drafts() if item.type == "chapter" and item.lang == (lang or catalog.lang)]
            page = {"groups": groups, "municipalities": catalog.municipalities(), "drafts": drafts if catalog.preview else []}
            dtz_content.write_page(self, writer, languages.at(lang, URL, self.settings), "bidbook/index", **page, contact=self.contacts[lang])
        for (lang, url), (edition, parts, pdf) in self.printed().items():
            dtz_content.write_page(self, writer, url, "bidbook/edition", edition=edition, sections=parts, pdf=pdf, contact=self.contacts[lang])

    def print_documents(self, printer):
        """Every edition's (edition, sections, PDF), by (language, address): no PDF of only a cover, nor when PDFs are off."""
        printed = {}
        for lang, chapters in self.books(dtz_content.catalog(self.context)).items():
            words = self.words.get(lang, AS_WRITTEN)
            for edition in self.editions[lang]:
                url, parts = languages.at(lang, f"{URL}{edition.slug}/", self.settings), sections(edition, chapters)
                title = say(words, "Bidbook Dutch TechZone: %(name)s", name=edition.name.lower() if edition.region else edition.name)
                description = say(words, "Waarom u zich vestigt in Dutch TechZone; editie voor %(audience)s.", audience=edition.audience)
                entries = [(s.anchor, s.title, "") for s in parts] + [("bidbook-contact", say(words, "Contact"), "")]
                values = {"edition": edition, "sections": parts, "contact": self.contacts[lang], "page_lang": lang, "entries": entries, "url": url}
                pdf = parts and printer.document("bidbook.typ", f"{url}bidbook-{edition.slug}.pdf", title=title, description=description, **values)
                printed[(lang, url)] = (edition, parts, pdf or None)
        return printed


def register():
    signals.get_generators.connect(dtz_build.adds_generator(BidbookGenerator))
