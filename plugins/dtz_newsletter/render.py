"""One issue rendered: the e-mail's HTML (Jinja2 → MJML → HTML, CSS inlined), its text and its .eml.

mjml-python ignores ``<mj-style inline="inline">``, so theme/email/newsletter.css is inlined
here with css-inline; MJML's own <style> blocks (media queries) stay in the head.

Every build renders, compiles and packages every issue (a few milliseconds each).
"""

import bisect
import os
from dataclasses import dataclass

import css_inline
import jinja2
import mjml
from markupsafe import Markup

import dtz_content
import dtz_images
from dtz_content import dates

from dtz_contract import buildrecord

from . import message
from .links import campaign
from .text import html_to_text, wrap

FOLDER = "email"  # below the theme: newsletter.mjml.j2, newsletter.txt.j2, newsletter.css
CARD_IMAGE_WIDTH = 552  # the 600 px column minus 24 px padding on each side
MJML_OPTIONS = {"fonts": {}, "disable_comments": True}
INLINE_OPTIONS = {"inline_style_tags": False, "keep_style_tags": True, "load_remote_stylesheets": False}


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
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters.update(datum=dates.datum, wrap=wrap)
        self.env.globals.update(when=dates.when)
        with open(os.path.join(folder, "newsletter.css"), encoding="utf-8") as handle:
            self.inliner = css_inline.CSSInliner(**INLINE_OPTIONS, extra_css=handle.read())

    def absolute(self, url):
        return dtz_content.absolute(url, self.settings)

    def image(self, url):
        """An image as the e-mail loads it: from the live site (absolute), except in make serve's preview,
        where email.html shows the preview's own images (a new photo is not on the live site yet)."""
        return "/" + url.lstrip("/") if not buildrecord.for_readers(self.settings) else self.absolute(url)

    def intro(self, issue):
        """The issue's body (the intro) with every link absolute, as an e-mail needs."""
        return dtz_content.absolute_links(issue.content or "", issue.url, self.settings)

    def upcoming(self, issues, catalog):
        """Per issue slug: the next events as seen on its day, among those announced by then, minus its own items.

        Announced by then: rebuilding an old issue later does not change what it said.
        Issues go in date order and each asks catalog.agenda only about the events still upcoming
        the issue before plus those announced since (an event upcoming on a day was upcoming on
        every day before it): a few dozen events per issue instead of all of them.
        """
        local_day = dtz_content.local_day
        events = sorted(catalog.visible("event"), key=local_day)
        announced = [local_day(e) for e in events]
        found, candidates, taken = {}, [], 0
        for issue in sorted(issues, key=local_day):
            day = local_day(issue)
            until = bisect.bisect_right(announced, day)
            candidates, _ = catalog.agenda(day, candidates + events[taken:until])
            taken = until
            shown = {id(item) for item in issue.items}
            found[issue.slug] = [e for e in candidates if id(e) not in shown][: self.config.events]
        return found

    def card(self, item, slug):
        image = item.lead_image and dtz_images.email_image(self.settings, item.lead_image[0])  # JPEG/PNG, 600 px: mail clients know no WebP
        return {
            "item": item,
            "url": campaign(self.absolute(item.url), slug),
            "image": self.image(image.url) if image else None,
            "image_alt": item.lead_image[1] if image else "",
        }

    def logo(self):
        """The logo as the e-mail shows it (200 px wide): a stripped PNG/JPEG of at most 600 px."""
        image = dtz_images.email_image(self.settings, self.config.logo)
        return self.image(image.url if image else self.config.logo)

    def render(self, issue, events):
        """The issue's e-mail."""
        html, text = self.parts(issue, events)
        headers = {
            "subject": issue.title,
            "sender": self.config.sender,
            "date": issue.fields.date,
            "unsubscribe": self.config.unsubscribe,
            "one_click": self.config.one_click,
        }
        return Email(html=html, text=text, eml=message.eml(html=html, text=text, **headers), events=events)

    def parts(self, issue, events):
        """[HTML, text] of the e-mail: Jinja2 → MJML → HTML, and Jinja2 → text."""
        intro = self.intro(issue)
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
            "logo": self.logo(),
            "card_image_width": CARD_IMAGE_WIDTH,
            "unsubscribe": self.config.unsubscribe,
            "address": self.config.address,
            "SITENAME": self.settings.get("SITENAME", ""),
        }
        return self.email("newsletter", context)

    def email(self, name, context):
        """[HTML, text] of an e-mail made from ``<name>.mjml.j2`` and ``<name>.txt.j2`` in theme/email/:
        Jinja2 → MJML → HTML with newsletter.css inlined, and Jinja2 → text. The nieuwsbrief's, and
        other plugins' e-mails (dtz_goals' quarterly report) through the same pipeline."""
        source = self.env.get_template(f"{name}.mjml.j2").render(context)
        return [self.compile(source), self.env.get_template(f"{name}.txt.j2").render(context)]

    def message(self, subject, date, html, text):
        """The .eml of an e-mail someone sends by hand (no mailing list: no List-Unsubscribe), From NEWSLETTER_FROM."""
        return message.eml(html=html, text=text, subject=subject, sender=self.config.sender, date=date, unsubscribe=None, one_click=False)

    def compile(self, source):
        """MJML source → the e-mail's HTML with the CSS inlined."""
        html = self.inliner.inline(mjml.mjml2html(source, **MJML_OPTIONS))
        # Ends with a newline, as the .eml's part does: email.html and the part stay byte for byte the same.
        return html.rstrip("\n") + "\n"


def preheader(issue):
    """The inbox preview line: Preheader, else the intro's summary, else the items' titles (never empty)."""
    return issue.preheader or issue.description or ", ".join(item.title for item in issue.items)
