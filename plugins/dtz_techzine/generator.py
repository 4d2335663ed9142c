"""TechZine issues: /techzine/, a page per issue and its PDF (through dtz_print)."""

import dtz_content
import dtz_print


def anchor(item):
    """The id of an item inside an issue: unique, as slugs are unique per type."""
    return f"{item.type}-{item.slug}"


def pdf_path(issue):
    return f"{issue.url}techzine-{issue.number}.pdf"


class TechzineGenerator(dtz_print.PrintingGenerator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.env.filters["nest"] = dtz_print.nest

    def print_documents(self, printer):
        """Every issue's PDF (a translated one's in its language), by address (None when PDFs are off)."""
        catalog = dtz_content.catalog(self.context)
        return {
            issue.url: printer.document(
                "techzine.typ",
                pdf_path(issue),
                url=issue.url,
                title=f"TechZine {issue.number}: {issue.title}",
                description=issue.description,
                issue=issue,
                anchor=anchor,
                page_lang=lang,
            )
            for lang in [None, *dtz_content.languages.others(self.settings)]
            for issue in catalog.visible("techzine", lang)
        }

    def generate_output(self, writer):
        catalog = dtz_content.catalog(self.context)
        common = {"relative_urls": self.settings["RELATIVE_URLS"], "anchor": anchor}
        pdfs = self.printed()
        for lang in [None, *dtz_content.languages.others(self.settings)]:  # each translated issue below /<lang>/ too
            issues = catalog.visible("techzine", lang)
            for issue in issues:
                page = {"item": issue, "issue": issue, "pdf": pdfs[issue.url]}
                dtz_content.write_page(self, writer, issue.url, "techzine", save_as=issue.save_as, **page, **common)
            if issues or lang is None:
                index = dtz_content.languages.at(lang, "techzine/", self.settings)
                dtz_content.write_page(self, writer, index, "techzine_index", items=issues, pdfs=pdfs, **common)


def get_generators(pelican):
    return TechzineGenerator
