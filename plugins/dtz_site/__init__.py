"""Site pages that gather content across types: home, municipality and sector pages (with the register's
companies), 404; and the check that every DTZ_MENU and DTZ_FOOTER_LINKS entry is a page the build wrote."""

from pelican import signals
from pelican.generators import Generator

import dtz_build
import dtz_content


class SiteGenerator(Generator):
    def generate_output(self, writer):
        catalog = dtz_content.catalog(self.context)
        if self.settings.get("DTZ_MENU_CHECK", True):  # on the finished result, before output/ changes
            dtz_build.current(self.settings).before_sync.append(lambda run: check_menus(self.settings, run))
        common = catalog.overview_values()
        for lang in [None, *dtz_content.languages.others(self.settings)]:  # the site, then each other language's: its home page and 404
            if lang is None or catalog.pages_in(lang):  # the home page: the newest pearls, upcoming events and CoPs of its language
                upcoming, _ = catalog.agenda(catalog.today, catalog.visible("event", lang))
                pearls = catalog.visible("pearl", lang)[: self.settings.get("DTZ_HOME_PEARLS", 4)]
                home = {"pearls": pearls, "events": upcoming[: self.settings.get("DTZ_HOME_EVENTS", 3)], "cops": catalog.visible("cop", lang)}
                dtz_content.write_page(self, writer, dtz_content.languages.at(lang, "", self.settings), "index", **home, **common)
                dtz_content.write_page(self, writer, dtz_content.languages.at(lang, "404.html", self.settings), "404", noindex=True, **common)
        for kind, field, names in (("Gemeente", "municipality", catalog.municipalities()), ("Sector", "sector", catalog.sectors())):
            for name, slug in names:
                url = f"{kind.lower()}/{slug}/"
                entries = catalog.tagged(**{field: name})
                companies = dtz_content.by_title(catalog.tagged(**{field: name}, types=("company",)))
                dtz_content.write_page(self, writer, url, "term", term=name, term_kind=kind, entries=entries, companies=companies, **common)


def check_menus(settings, run):
    """Stops the build on each menu or footer entry whose address the finished site (``run``) has no page for (full web
    addresses are left alone): it would ship as a broken link on every page."""
    found = []
    expected = "het adres van een pagina die de build schrijft, zoals over-dtz/ (of maak die pagina, bijvoorbeeld met make new TYPE=pagina)"
    for name in dtz_content.languages.LINKS:  # DTZ_MENU, DTZ_FOOTER_LINKS
        for label, link in settings.get(name) or ():
            if "://" in link or link.startswith(("mailto:", "#")):
                continue
            path = link.split("#", 1)[0].split("?", 1)[0].lstrip("/")
            if not run.holds(path + "index.html" if not path or path.endswith("/") else path):
                found.append(dtz_content.setting_problem(name, f"'{link}' ({label}) bestaat niet op de site", expected, settings, entry=f'"{link}"'))
    dtz_content.stop_on(found, about="de instellingen", outcome="er is niets gepubliceerd")


def register():
    signals.get_generators.connect(dtz_build.adds_generator(SiteGenerator))
