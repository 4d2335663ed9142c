"""Site pages that gather content across types: home, municipality and sector pages, 404."""

from pelican import signals
from pelican.generators import Generator

import dtz_content


class SiteGenerator(Generator):
    def generate_output(self, writer):
        catalog = dtz_content.catalog(self.context)
        settings = self.settings
        common = {
            "municipalities": catalog.municipalities(),
            "sectors": catalog.sectors(),
            "relative_urls": settings["RELATIVE_URLS"],
        }
        terms = repr((common["municipalities"], common["sectors"]))  # every page's menu of them

        def inputs(*shown):
            return catalog.page_inputs(terms, *shown)

        upcoming, _ = catalog.agenda(catalog.today)
        home = {
            "pearls": catalog.visible("pearl")[: settings.get("DTZ_HOME_PEARLS", 4)],
            "events": upcoming[: settings.get("DTZ_HOME_EVENTS", 3)],
            "cops": catalog.visible("cop"),
        }
        writer.write_file(
            "index.html", self.get_template("index"), self.context, url="", **home, **common,
            dtz_inputs=inputs(*home.values()),
        )
        for kind, field, names in (("Gemeente", "municipality", catalog.municipalities()), ("Sector", "sector", catalog.sectors())):
            for name, slug in names:
                url = f"{kind.lower()}/{slug}/"
                entries = catalog.tagged(**{field: name})
                writer.write_file(
                    url + "index.html", self.get_template("term"), self.context, url=url,
                    term=name, term_kind=kind, entries=entries, **common, dtz_inputs=inputs(name, entries),
                )
        writer.write_file(
            "404.html", self.get_template("404"), self.context, url="404.html", noindex=True, **common,
            dtz_inputs=inputs("404"),
        )


def get_generators(pelican):
    return SiteGenerator


def register():
    signals.get_generators.connect(get_generators)
