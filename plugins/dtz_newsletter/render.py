"""One issue rendered: the e-mail's HTML (Jinja2 → MJML → HTML), its plain text (every link written out) and its
.eml. mjml-python ignores ``<mj-style inline>``, so newsletter.css is inlined with css-inline."""

import datetime
import hashlib
import itertools
import os
import textwrap
from dataclasses import dataclass
from email.utils import format_datetime
from importlib.metadata import version
from html.parser import HTMLParser
from urllib.parse import urlsplit

import css_inline
import jinja2
import mjml
from markupsafe import Markup

import dtz_build
import dtz_content
import dtz_images
from dtz_content import dates
from dtz_contract import buildrecord
from dtz_contract.mail import new_message

FOLDER = "email"  # below the theme: newsletter.mjml.j2, newsletter.txt.j2, newsletter.css
CARD_IMAGE_WIDTH = 552  # the 600 px column minus 24 px padding on each side
JINJA_OPTIONS = {"undefined": jinja2.StrictUndefined, "trim_blocks": True, "lstrip_blocks": True, "keep_trailing_newline": True}
MJML_OPTIONS = {"fonts": {}, "disable_comments": True}
INLINE_OPTIONS = {"inline_style_tags": False, "keep_style_tags": True, "load_remote_stylesheets": False}
TOOLS = (version("mjml-python"), version("css-inline"))  # part of every e-mail's key
FILES = ("email.html", "email.txt", "email.eml")
CAMPAIGN = "utm_source=nieuwsbrief&utm_medium=email&utm_campaign={slug}"
WIDTH = 72  # columns of the plain text
BREAK = "\x00"  # a <br>: kept as a line break, while the HTML source's own newlines are just spaces
BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "table", "tr", "pre"}


@dataclass(frozen=True)
class Email:
    html: str
    text: str
    eml: bytes
    events: list  # the upcoming events it lists, for the web version
    key: str  # what it is made from (dtz_build.page_key)


class Renderer:
    def __init__(self, theme, settings, config):
        folder = os.path.join(theme, FOLDER)
        self.settings, self.config, self.events = settings, config, None
        autoescape = jinja2.select_autoescape(enabled_extensions=("mjml.j2",), default_for_string=False)  # the text stays text
        self.env = jinja2.Environment(loader=jinja2.FileSystemLoader(folder), autoescape=autoescape, **JINJA_OPTIONS)
        self.env.filters.update(datum=dates.datum, wrap=wrap)
        self.env.globals.update(when=dates.when, card_image_width=CARD_IMAGE_WIDTH)
        with open(os.path.join(folder, "newsletter.css"), encoding="utf-8") as handle:
            self.inliner = css_inline.CSSInliner(**INLINE_OPTIONS, extra_css=handle.read())

    def image(self, url):
        """An image as the e-mail loads it: from the live site (absolute), except in make serve's preview,
        where email.html shows the preview's own images (a new photo is not on the live site yet)."""
        return "/" + url.lstrip("/") if not buildrecord.for_readers(self.settings) else dtz_content.absolute(url, self.settings)

    def intro(self, issue):
        """The issue's body (the intro) with every link absolute, as an e-mail needs."""
        return dtz_content.absolute_links(issue.content or "", issue.url, self.settings)

    def upcoming(self, issue, catalog):
        """The next events on the issue's day among those announced by then (rebuilding an old issue later does not
        change what it said), minus its own items."""
        day, shown = dtz_content.local_day(issue), {id(item) for item in issue.items}
        if self.events is None:  # every event soonest first, sorted once for all issues
            self.events = catalog.agenda(datetime.date.min)[0]
        found = (e for e in self.events if dtz_content.dates.last_day(e.start, e.end) >= day and id(e) not in shown)
        return list(itertools.islice((e for e in found if dtz_content.local_day(e) <= day), self.config.events))

    def card(self, item, slug):
        image = item.lead_image and dtz_images.email_image(self.settings, item.lead_image[0])  # JPEG/PNG, 600 px: mail clients know no WebP
        shown = {"image": self.image(image.url), "image_alt": item.lead_image[1]} if image else {"image": None, "image_alt": ""}
        return {"item": item, "url": self.campaign(item.url, slug), **shown}

    def campaign(self, url, slug):
        """A link to the site from issue ``slug``: the site's statistics can tell the nieuwsbrief brought the reader."""
        url = dtz_content.absolute(url, self.settings)
        return f"{url}{'&' if '?' in url else '?'}{CAMPAIGN.format(slug=slug)}"

    def frame(self, url):
        """What every e-mail's frame shows: its web version at ``url``, the site, the logo, the sender's address."""
        logo = dtz_images.email_image(self.settings, self.config.logo)  # shown 200 px wide: a stripped PNG/JPEG of at most 600 px
        web_url, site_url = (dtz_content.absolute(each, self.settings) for each in (url, ""))
        site = {"site_url": site_url, "logo": self.image(logo.url if logo else self.config.logo), "address": self.config.address}
        return {"web_url": web_url, **site, "SITENAME": self.settings.get("SITENAME", "")}

    def render(self, issue, events, key):
        """The issue's e-mail made from ``key``: [HTML, text] from Jinja2 → MJML → HTML and Jinja2 → text, and the .eml of both."""
        intro = self.intro(issue)
        context = {
            "issue": issue,
            "title": issue.title,
            "preheader": issue.preheader or issue.description or ", ".join(item.title for item in issue.items),  # never empty
            "intro": Markup(intro),
            "intro_text": html_to_text(intro),
            "cards": [self.card(item, issue.slug) for item in issue.items],
            "events": [{"item": e, "url": self.campaign(e.url, issue.slug)} for e in events],
            "unsubscribe": self.config.unsubscribe,
            **self.frame(issue.url),
        }
        html, text = self.email("newsletter", context)
        return Email(html, text, eml(issue.title, self.config.sender, issue.fields.date, html, text, self.config.unsubscribe), events, key)

    def email(self, name, context):
        """[HTML, text] of an e-mail made from ``<name>.mjml.j2`` and ``<name>.txt.j2`` in theme/email/, for the
        nieuwsbrief and other plugins' e-mails (dtz_goals' quarterly report)."""
        source = self.env.get_template(f"{name}.mjml.j2").render(context)
        # Ends with a newline, as the .eml's part does: email.html and the part stay byte for byte the same.
        html = self.inliner.inline(mjml.mjml2html(source, **MJML_OPTIONS)).rstrip("\n") + "\n"
        return [html, self.env.get_template(f"{name}.txt.j2").render(context)]

    def write(self, output_path, folder, html, text, eml, key=None):
        """email.html, email.txt and email.eml into ``folder`` (ending in /) of the output, made from ``key``."""
        for name, data in zip(FILES, (html.encode("utf-8"), text.encode("utf-8"), eml)):
            dtz_build.write_output(self.settings, output_path, folder + name, data, key)


def eml(subject, sender, date, html, text, unsubscribe=None):
    """email.eml: multipart/alternative, text/plain then text/html, both UTF-8 quoted-printable; no To and no
    Message-ID (delivery adds them). ``unsubscribe`` None: a message sent by hand, not to a list."""
    message = new_message()  # CRLF line ends as on the wire; List-Unsubscribe folded at whitespace, never encoded
    for name, value in {"Subject": subject, "From": sender, "Date": format_datetime(dates.local(dates.moment(date)))}.items():
        message[name] = value
    if unsubscribe:
        message["List-Unsubscribe"] = f"<{unsubscribe}>"
    if unsubscribe and urlsplit(unsubscribe).scheme == "https":  # RFC 8058 one-click: not for a mailto: target
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    # The e-mail package picks a random boundary; one derived from the parts keeps rebuilds byte-identical.
    digest = hashlib.sha256((text + "\0" + html).encode("utf-8")).hexdigest()[:32]
    message.set_boundary(f"==dtz-{digest}==")
    return message.as_bytes()


class _Text(HTMLParser):
    """The paragraphs of ``html``; a link becomes 'text (url)', a list item '- text'."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.blocks, self.current, self.links, self.prefix = [], [], [], ""
        self.feed(html)
        self.close()
        self.flush()

    def flush(self):
        lines = (" ".join(part.split()) for part in "".join(self.current).split(BREAK))
        text = "\n".join(line for line in lines if line)
        if text:
            self.blocks.append(self.prefix + text)
        self.current, self.prefix = [], ""

    def handle_starttag(self, tag, attrs):
        if tag in BLOCKS:
            self.flush()
        if tag == "li":
            self.prefix = "- "
        elif tag == "br":
            self.current.append(BREAK)
        elif tag == "a":
            self.links.append(dict(attrs).get("href", ""))

    def handle_endtag(self, tag):
        if tag == "a" and self.links:
            shown = self.links.pop().removeprefix("mailto:")
            if shown and not "".join(self.current).rstrip().endswith(shown):
                self.current.append(f" ({shown})")
        elif tag in BLOCKS:
            self.flush()

    def handle_data(self, data):
        self.current.append(data)


def html_to_text(html):
    """Paragraphs of ``html`` as wrapped plain text, separated by blank lines."""
    return "\n\n".join("\n".join(wrap(line) for line in block.split("\n")) for block in _Text(html).blocks)


def wrap(text):
    """Wrap at 72 columns without ever breaking a URL (long words stay whole); a list item's lines hang under its text."""
    hanging = "  " if text.startswith("- ") else ""
    return "\n".join(textwrap.wrap(text, WIDTH, subsequent_indent=hanging, break_long_words=False, break_on_hyphens=False))
