"""The nieuwsbrief: every issue in newsletters/ as e-mail (email.html, .txt, .eml, ``{token}`` kept for delivery)
and web page (README "Nieuwsbrief"); other plugins' e-mails use ``Renderer``'s ``email``, ``frame``, ``message``, ``write``."""

import os
import re
from urllib.parse import urlsplit

from pelican import signals
from pelican.generators import Generator

import dtz_build
import dtz_content
from dtz_content import Problem
from dtz_contract import buildrecord

from .config import Config
from .render import Email, Renderer

__all__ = ["Config", "Renderer"]

HREF = re.compile(r"""<a\b[^>]*?\bhref=(["'])(.*?)\1""", re.S)

CLIP = 102 * 1024  # Gmail clips a message's HTML from 102 KB on: the end (and the unsubscribe link) disappears
HEAVY = 90 * 1024  # warn before it clips


class NewsletterGenerator(Generator):
    """Renders every visible issue before anything is written, then writes the e-mails, web versions and archive."""

    def generate_context(self):
        self.config = Config.from_settings(self.settings)
        self.renderer, self.emails = Renderer(self.theme, self.settings, self.config), {}
        self.keys = {}  # slug -> what the issue's e-mail is made from (Renderer.key)
        # Rendering needs every item read and resolved; dtz_content's reading may come after this.
        dtz_content.catalog(self.context).add_check(self.render_all)

    def render_all(self, catalog):
        """Render each visible issue once, and each draft this build does not show: what would make a bad
        e-mail is an error, or on a draft (published, it would be one) a warning on its banner."""
        failing = set()
        for issue in catalog.read("newsletter"):  # drafts and issues with other problems too: said in one run
            found = intro_problems(issue, self.renderer.intro(issue))
            for problem in found:
                catalog.against(issue, problem)
            if found and issue.state != "draft":
                failing.add(issue.slug)
        issues = catalog.visible("newsletter")
        drafts = [issue for issue in catalog.all("newsletter") if issue.state == "draft" and not catalog.preview]
        problems = self.config.problems() if issues or drafts else []
        if problems:
            return problems
        upcoming = self.renderer.upcoming([*issues, *drafts], catalog)
        for issue in [*issues, *drafts]:
            if issue.slug in failing:
                continue
            key = self.keys[issue.slug] = self.renderer.key(issue, upcoming[issue.slug])
            kept = self.renderer.kept(self.output_path, os.path.dirname(issue.save_as) + "/", key)
            try:  # an unchanged e-mail is not rendered again: the checks need only its size
                email = Email(None, None, None, upcoming[issue.slug]) if kept else self.renderer.render(issue, upcoming[issue.slug])
            except Exception as error:  # odd HTML in the intro that MJML cannot parse: a line, not a traceback
                first = str(error).splitlines()[0] if str(error) else type(error).__name__
                what = f"kan niet in de e-mail worden omgezet ({first})"
                line = max(issue.header_lines.values()) + 2
                catalog.against(issue, Problem(issue.display_path, line, "Tekst", what, "gewone Markdown-tekst zonder eigen HTML"))
                continue
            size = os.path.getsize(kept) if kept else len(email.html.encode("utf-8"))
            if size >= HEAVY:
                expected = "minder dan 102 KB, anders knipt Gmail het einde (met de afmeldlink) weg: neem minder stukken op"
                heavy = Problem(issue.display_path, issue.header_lines.get("items", 1), "Items", f"de e-mail is {size / 1024:.0f} KB", expected)
                (catalog.against if size >= CLIP else catalog.warn)(issue, heavy)
            self.emails[issue.slug] = email
        return []

    def generate_output(self, writer):
        catalog = dtz_content.catalog(self.context)
        issues = catalog.visible("newsletter")
        for issue in issues:
            email = self.emails.get(issue.slug)  # none for a draft MJML could not render: its page says why
            if email and email.html is not None:
                self.renderer.write(self.output_path, os.path.dirname(issue.save_as) + "/", email.html, email.text, email.eml, self.keys[issue.slug])
            dtz_content.write_page(
                self, writer, issue.url, "nieuwsbrief/issue", save_as=issue.save_as, item=issue, page=issue, events=email.events if email else ()
            )
        self.record(catalog)
        index = dtz_content.TYPES["newsletter"].index_url
        dtz_content.write_page(self, writer, index, "nieuwsbrief/archive", items=issues, signup=self.config.signup())

    def record(self, catalog):
        """Every issue goes into the build record, built or held back: delivery then refuses a draft,
        a later-dated issue, or one whose file, items or listed events changed after this build."""
        record = dtz_build.current(self.settings).record
        record["site_url"] = self.config.site_url  # delivery asks the live site there for the issues' links and images
        recorded = record.setdefault("newsletters", {})
        for issue in catalog.all("newsletter"):
            email = self.emails.get(issue.slug)
            listed = [*issue.items, *email.events] if email else []
            sources = [issue.source_path, *(item.source_path for item in listed)]
            recorded[issue.slug] = buildrecord.issue_entry(issue.state, dtz_content.local_day(issue), sources)


def intro_problems(issue, html):
    """Links in the intro's ``html`` that would not work in an e-mail, and images (they would come without width)."""
    safe = "een volledig adres dat begint met https:// of mailto:, of een pad op de site zoals /parels/…/"
    found = [
        Problem(issue.display_path, source_line(issue, url), "Tekst", f"link '{url}' werkt niet veilig in een e-mail", safe)
        for _, url in HREF.findall(html)
        if urlsplit(url).scheme not in ("https", "mailto")
    ]
    if re.search(r"<img\b", html):
        what, expected = "bevat een afbeelding", "alleen tekst in de inleiding; afbeeldingen komen uit de parels (Image)"
        found.append(Problem(issue.display_path, source_line(issue, "!["), "Tekst", what, expected))
    return found


def source_line(issue, needle):
    """The first line of the issue's file that holds ``needle``; the first line after the header if none does."""
    with open(issue.source_path, encoding="utf-8-sig") as handle:
        lines = handle.read().splitlines()
    return next((number for number, line in enumerate(lines, start=1) if needle in line), max(issue.header_lines.values()) + 2)


def get_generators(pelican):
    return NewsletterGenerator


def register():
    signals.get_generators.connect(get_generators)
