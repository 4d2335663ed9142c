"""The bedrijvenregister's pages: /bedrijven/ (by municipality and sector, with counts) and a profile per company
with its pearls, CoPs and events; a company's ``Pearl_status`` is on none of them."""

from pelican import signals
from pelican.generators import Generator

import dtz_build
import dtz_content

INDEX_URL = dtz_content.TYPES["company"].index_url


class RegisterGenerator(Generator):
    def generate_output(self, writer):
        catalog = dtz_content.catalog(self.context)
        companies = dtz_content.by_title(catalog.visible("company"))
        common = catalog.overview_values()
        for company in companies:
            named = {f"{key}s": catalog.naming(company, key) for key in ("pearl", "cop", "event")}
            dtz_content.write_page(self, writer, company.url, "company", save_as=company.save_as, item=company, page=company, **named, **common)
        by_sector = [(name, len(members)) for name, members in grouped(companies, catalog.sectors(), lambda c: c.sector_list)]
        by_municipality = grouped(companies, catalog.municipalities(), lambda c: [c.municipality])
        elsewhere = sum(1 for c in companies if not c.sector_list)
        values = {"by_municipality": by_municipality, "by_sector": by_sector, "elsewhere": elsewhere}
        dtz_content.write_page(self, writer, INDEX_URL, "company_index", items=companies, **values, **common)


def grouped(companies, names, of):
    """[(name, companies)] in the settings' order (``names``: (name, slug)), only names that have companies;
    a company with several sectors is under each."""
    groups = {name: [] for name, _ in names}
    for company in companies:
        for name in of(company):
            groups.setdefault(name, []).append(company)
    return [(name, members) for name, members in groups.items() if members]


def register():
    signals.get_generators.connect(dtz_build.adds_generator(RegisterGenerator))
