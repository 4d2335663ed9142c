"""Write the register's pages from the catalog's companies, each keyed by the values it shows."""

from pelican.generators import Generator

import dtz_content

TYPE = "company"
INDEX_URL = dtz_content.TYPES[TYPE].index_url


class RegisterGenerator(Generator):
    def generate_output(self, writer):
        catalog = dtz_content.catalog(self.context)
        companies = dtz_content.by_title(catalog.visible(TYPE))
        common = catalog.overview_values()
        for company in companies:
            writer.write_file(
                company.save_as,
                self.get_template("company"),
                self.context,
                item=company,
                page=company,
                url=company.url,
                pearls=catalog.naming(company, "pearl"),
                cops=catalog.naming(company, "cop"),
                events=catalog.naming(company, "event"),
                **common,
            )
        writer.write_file(
            INDEX_URL + "index.html",
            self.get_template("company_index"),
            self.context,
            url=INDEX_URL,
            items=companies,
            by_municipality=grouped(companies, [name for name, _ in catalog.municipalities()], lambda c: [c.municipality]),
            by_sector=[
                (name, len(members)) for name, members in grouped(companies, [name for name, _ in catalog.sectors()], lambda c: c.sector_list)
            ],
            elsewhere=sum(1 for c in companies if not c.sector_list),
            **common,
        )


def grouped(companies, names, of):
    """[(name, companies)] in the settings' order, only names that have companies; a company with
    several sectors is under each."""
    groups = {name: [] for name in names}
    for company in companies:
        for name in of(company):
            groups.setdefault(name, []).append(company)
    return [(name, members) for name, members in groups.items() if members]
