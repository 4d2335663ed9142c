"""Write /bidbook/ (the choice of edition), and per edition its page and its PDF."""

import dtz_content
import dtz_print

from .editions import editions, sections, setting_problems

URL = "bidbook/"
CONTACT = {"name": "Programmabureau Dutch TechZone", "email": "info@dutchtechzone.nl", "web": "https://www.dutchtechzone.nl"}


class BidbookGenerator(dtz_print.PrintingGenerator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.contact = self.settings.get("DTZ_BIDBOOK_CONTACT", CONTACT)
        self.editions = editions(self.settings)

    def generate_context(self):
        dtz_content.catalog(self.context).problems.extend(setting_problems(self.settings))

    def generate_output(self, writer):
        catalog = dtz_content.catalog(self.context)
        common = {"relative_urls": self.settings["RELATIVE_URLS"], "contact": self.contact}
        groups = {}
        for edition in self.editions:
            groups.setdefault(edition.group, []).append(edition)
        dtz_content.write_page(
            self,
            writer,
            URL,
            "bidbook/index",
            groups=list(groups.items()),
            municipalities=catalog.municipalities(),
            drafts=[item for item in catalog.unfinished_drafts() if item.type == "chapter"] if catalog.preview else [],
            **common,
        )
        printed = self.printed()
        for edition in self.editions:
            url = f"{URL}{edition.slug}/"
            parts, pdf = printed[edition.slug]
            dtz_content.write_page(self, writer, url, "bidbook/edition", edition=edition, sections=parts, pdf=pdf, **common)

    def print_documents(self, printer):
        """Every edition's (sections, PDF), by slug: no PDF of only a cover, nor when PDFs are off."""
        chapters = dtz_content.catalog(self.context).visible("chapter")
        printed = {}
        for edition in self.editions:
            parts = sections(edition, chapters)
            pdf = self.print_edition(printer, edition, f"{URL}{edition.slug}/", parts) if parts else None
            printed[edition.slug] = (parts, pdf)
        return printed

    def print_edition(self, printer, edition, url, parts):
        """The edition's PDF through the shared print pipeline (cached on its input); None when PDFs are off."""
        return printer.document(
            "bidbook.typ",
            f"{url}bidbook-{edition.slug}.pdf",
            url=url,
            title=f"Bidbook Dutch TechZone: {edition.name.lower() if edition.region else edition.name}",
            description=f"Waarom u zich vestigt in Dutch TechZone; editie voor {edition.audience}.",
            edition=edition,
            sections=parts,
            contact=self.contact,
            entries=[(s.anchor, s.title, "") for s in parts] + [("bidbook-contact", "Contact", "")],
        )
