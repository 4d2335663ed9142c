"""The bidbook: an edition for the region and for every choice of one, two or three municipalities.

/bidbook/ lets a reader choose an edition; /bidbook/<edition>/ is the edition on the web, beside its PDF;
the same below /<lang>/ for each other language with a translated chapter (``editions.py`` computes them).
"""

from pelican import signals

import dtz_content
import dtz_print
from dtz_content import languages

from .editions import AS_WRITTEN, editions, say, sections, setting_problems

URL = "bidbook/"
CONTACT = {"name": "Programmabureau Dutch TechZone", "email": "info@dutchtechzone.nl", "web": "https://www.dutchtechzone.nl"}


class BidbookGenerator(dtz_print.PrintingGenerator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.words = {lang: languages.translations(self.settings, lang) for lang in languages.others(self.settings)}
        self.editions = {None: editions(self.settings), **{lang: editions(self.settings, words) for lang, words in self.words.items()}}

    def generate_context(self):
        catalog = dtz_content.catalog(self.context)
        catalog.problems.extend(setting_problems(self.settings))
        catalog.add_check(self.untranslated)

    def books(self, catalog):
        """{lang: its visible chapters}: Dutch (None), and each other language that has a chapter."""
        found = {lang: catalog.visible("chapter", lang) for lang in self.editions}
        return {lang: chapters for lang, chapters in found.items() if chapters or lang is None}

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

    def contact(self, lang):
        """DTZ_BIDBOOK_CONTACT as pages in ``lang`` see it (DTZ_LANGUAGES)."""
        return languages.setting(self.settings, lang, "DTZ_BIDBOOK_CONTACT") or CONTACT

    def generate_output(self, writer):
        catalog = dtz_content.catalog(self.context)
        for lang in self.books(catalog):
            groups = {}
            for edition in self.editions[lang]:
                groups.setdefault(edition.group, []).append(edition)
            drafts = [item for item in catalog.unfinished_drafts() if item.type == "chapter" and item.lang == (lang or catalog.lang)]
            dtz_content.write_page(
                self,
                writer,
                languages.at(lang, URL, self.settings),
                "bidbook/index",
                groups=list(groups.items()),
                municipalities=catalog.municipalities(),
                drafts=drafts if catalog.preview else [],
                **self.common(lang),
            )
        for (lang, url), (edition, parts, pdf) in self.printed().items():
            dtz_content.write_page(self, writer, url, "bidbook/edition", edition=edition, sections=parts, pdf=pdf, **self.common(lang))

    def common(self, lang):
        return {"relative_urls": self.settings["RELATIVE_URLS"], "contact": self.contact(lang)}

    def print_documents(self, printer):
        """Every edition's (edition, sections, PDF), by (language, address): no PDF of only a cover, nor when PDFs are off."""
        printed = {}
        for lang, chapters in self.books(dtz_content.catalog(self.context)).items():
            for edition in self.editions[lang]:
                url = languages.at(lang, f"{URL}{edition.slug}/", self.settings)
                parts = sections(edition, chapters)
                printed[(lang, url)] = (edition, parts, self.print_edition(printer, lang, edition, url, parts) if parts else None)
        return printed

    def print_edition(self, printer, lang, edition, url, parts):
        """The edition's PDF through the shared print pipeline (cached on its input); None when PDFs are off."""
        words = self.words.get(lang, AS_WRITTEN)
        return printer.document(
            "bidbook.typ",
            f"{url}bidbook-{edition.slug}.pdf",
            url=url,
            title=say(words, "Bidbook Dutch TechZone: %(name)s", name=edition.name.lower() if edition.region else edition.name),
            description=say(words, "Waarom u zich vestigt in Dutch TechZone; editie voor %(audience)s.", audience=edition.audience),
            edition=edition,
            sections=parts,
            contact=self.contact(lang),
            page_lang=lang,
            entries=[(s.anchor, s.title, "") for s in parts] + [("bidbook-contact", say(words, "Contact"), "")],
        )


def get_generators(pelican):
    return BidbookGenerator


def register():
    signals.get_generators.connect(get_generators)
