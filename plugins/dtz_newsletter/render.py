"""One issue rendered: the e-mail's HTML (Jinja2 → MJML → HTML, CSS inlined), its text and its .eml.

mjml-python ignores ``<mj-style inline="inline">``, so theme/email/newsletter.css is inlined
here with css-inline; MJML's own <style> blocks (media queries) stay in the head.
"""

import os
from dataclasses import dataclass

import css_inline
import jinja2
import mjml
from markupsafe import Markup

import dtz_content
from dtz_content import dates

from . import message
from .links import campaign
from .text import html_to_text, wrap

FOLDER = "email"  # below the theme: newsletter.mjml.j2, newsletter.txt.j2, newsletter.css
CARD_IMAGE_WIDTH = 552  # the 600 px column minus 24 px padding on each side


@dataclass(frozen=True)
class Email:
    html: str
    text: str
    eml: bytes
    events: list  # the upcoming events it lists, for the web version


class Renderer:
    def __init__(self, theme, settings, config):
        folder = os.path.join(theme, FOLDER)
        self.settings, self.config = settings, config
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(folder),
            autoescape=jinja2.select_autoescape(enabled_extensions=("mjml.j2",), default_for_string=False),
            undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        )
        self.env.filters.update(datum=dates.datum, wrap=wrap)
        self.env.globals.update(when=dates.when)
        with open(os.path.join(folder, "newsletter.css"), encoding="utf-8") as handle:
            css = handle.read()
        self.inliner = css_inline.CSSInliner(
            inline_style_tags=False, keep_style_tags=True, load_remote_stylesheets=False, extra_css=css,
        )

    def absolute(self, url):
        return dtz_content.absolute(url, self.settings)

    def intro(self, issue):
        """The issue's body (the intro) with every link absolute, as an e-mail needs."""
        return dtz_content.absolute_links(issue.content or "", issue.url, self.settings)

    def upcoming(self, issue, catalog):
        """The next events as seen on the issue's day, among those announced by then, minus the issue's own items.

        Announced by then: rebuilding an old issue later does not change what it said.
        """
        day = dtz_content.local_day(issue)
        shown = {id(item) for item in issue.items}
        known = [e for e in catalog.visible("event") if dtz_content.local_day(e) <= day and id(e) not in shown]
        upcoming, _ = catalog.agenda(day, known)
        return upcoming[: self.config.events]

    def card(self, item, slug):
        image = item.lead_image
        return {
            "item": item,
            "url": campaign(self.absolute(item.url), slug),
            "image": self.absolute(image[0]) if image else None,
            "image_alt": image[1] if image else "",
        }

    def render(self, issue, catalog):
        intro = self.intro(issue)
        events = self.upcoming(issue, catalog)
        context = {
            "issue": issue,
            "title": issue.title,
            "preheader": preheader(issue),
            "intro": Markup(intro),
            "intro_text": html_to_text(intro),
            "cards": [self.card(item, issue.slug) for item in issue.items],
            "events": [{"item": e, "url": campaign(self.absolute(e.url), issue.slug)} for e in events],
            "web_url": self.absolute(issue.url),
            "site_url": self.absolute(""),
            "logo": self.absolute(self.config.logo),
            "card_image_width": CARD_IMAGE_WIDTH,
            "unsubscribe": self.config.unsubscribe,
            "address": self.config.address,
            "SITENAME": self.settings.get("SITENAME", ""),
        }
        source = self.env.get_template("newsletter.mjml.j2").render(context)
        # Ends with a newline, as the .eml's part does: email.html and the part stay byte for byte the same.
        html = self.inliner.inline(mjml.mjml2html(source, fonts={}, disable_comments=True)).rstrip("\n") + "\n"
        text = self.env.get_template("newsletter.txt.j2").render(context)
        eml = message.eml(
            subject=issue.title, sender=self.config.sender, date=issue.values["date"], html=html, text=text,
            unsubscribe=self.config.unsubscribe, one_click=self.config.one_click,
        )
        return Email(html=html, text=text, eml=eml, events=events)


def preheader(issue):
    """The inbox preview line: Preheader, else the intro's summary, else the items' titles (never empty)."""
    return issue.values.get("preheader") or issue.description or ", ".join(item.title for item in issue.items)
