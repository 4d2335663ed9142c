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
        """Every issue's PDF, by slug (None when PDFs are off)."""
        catalog = dtz_content.catalog(self.context)
        return {
            issue.slug: printer.document(
                "techzine.typ",
                pdf_path(issue),
                url=issue.url,
                title=f"TechZine {issue.number}: {issue.title}",
                description=issue.description,
                issue=issue,
                anchor=anchor,
            )
            for issue in catalog.visible("techzine")
        }

    def generate_output(self, writer):
        catalog = dtz_content.catalog(self.context)
        issues = catalog.visible("techzine")
        common = {"relative_urls": self.settings["RELATIVE_URLS"], "anchor": anchor}
        pdfs = self.printed()
        for issue in issues:
            writer.write_file(
                issue.save_as, self.get_template("techzine"), self.context, item=issue, issue=issue, url=issue.url, pdf=pdfs[issue.slug], **common
            )
        writer.write_file(
            "techzine/index.html", self.get_template("techzine_index"), self.context, items=issues, pdfs=pdfs, url="techzine/", **common
        )


def get_generators(pelican):
    return TechzineGenerator
