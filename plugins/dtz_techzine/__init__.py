"""TechZine, DTZ's magazine: /techzine/ lists the issues, /techzine/<slug>/ shows one issue
(cover, editorial, contents and every item in full) beside its A4 PDF techzine-<number>.pdf.

Issues are the dtz_content type "techzine" (validated there); the PDF comes from dtz_print with
the print template theme/print/techzine.typ.
"""

from pelican import signals

import dtz_build
import dtz_content
import dtz_print


def anchor(item):
    """The id of an item inside an issue: unique, as slugs are unique per type."""
    return f"{item.type}-{item.slug}"


class TechzineGenerator(dtz_print.PrintingGenerator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.env.filters["nest"] = dtz_print.nest
        self.languages = [None, *dtz_content.languages.others(self.settings)]  # each translated issue below /<lang>/ too

    def print_documents(self, printer):
        """Every issue's PDF (a translated one's in its language), by address (None when PDFs are off)."""
        pdfs = {}
        for lang in self.languages:
            for issue in dtz_content.catalog(self.context).visible("techzine", lang):
                values = {"title": f"TechZine {issue.number}: {issue.title}", "description": issue.description, "issue": issue, "page_lang": lang}
                pdfs[issue.url] = printer.document("techzine.typ", f"{issue.url}techzine-{issue.number}.pdf", url=issue.url, anchor=anchor, **values)
        return pdfs

    def generate_output(self, writer):
        catalog = dtz_content.catalog(self.context)
        common = {"relative_urls": self.settings["RELATIVE_URLS"], "anchor": anchor}
        pdfs = self.printed()
        for lang in self.languages:
            issues = catalog.visible("techzine", lang)
            for issue in issues:
                page = {"item": issue, "issue": issue, "pdf": pdfs[issue.url]}
                dtz_content.write_page(self, writer, issue.url, "techzine", save_as=issue.save_as, **page, **common)
            if issues or lang is None:
                index = dtz_content.languages.at(lang, "techzine/", self.settings)
                dtz_content.write_page(self, writer, index, "techzine_index", items=issues, pdfs=pdfs, **common)


def register():
    signals.get_generators.connect(dtz_build.adds_generator(TechzineGenerator))
